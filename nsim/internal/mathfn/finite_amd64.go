package mathfn

// finiteVec returns k ≤ len(x)&^7 such that x[:k] is finite and k is
// len(x)&^7 or the start of a group of eight holding a non-finite value
// (finite_amd64.s).
//
//go:noescape
func finiteVec(x []float64) int
