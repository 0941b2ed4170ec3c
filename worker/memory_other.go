//go:build !linux

package worker

// setDataLimit has no portable counterpart: the garbage collector's
// limit (applyMemoryLimit) is all there is.
func setDataLimit(limit uint64) error { return nil }
