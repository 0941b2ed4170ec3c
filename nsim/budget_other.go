//go:build !linux

package nsim

// dataLimit knows no hard memory limit outside Linux.
func dataLimit() int64 { return 0 }
