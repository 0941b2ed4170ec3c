package rng

// fillNormFast fills dst with sd·z while the draws stay on the ziggurat's
// fast path; it returns how many it filled and, if that is less than
// len(dst), the bits of the draw that missed (s is advanced past it).
// The assembly (fill_amd64.s) keeps the state in registers, which the Go
// compiler did not manage once the slow path's call was in the loop.
//
//go:noescape
func fillNormFast(s *Stream, dst []float64, sd float64, zw *[256]float64, zk *[256]uint64) (done int, u uint64)
