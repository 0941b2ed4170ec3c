//go:build !amd64

package mathfn

// Without chain_amd64.s Chain returns nil.
var chainVecs [64]func(out, x []float64, c1, c2 float64) int
