package mathfn

import "math"

// Mod is Python's float modulo: the result has the sign of b.
func Mod(a, b float64) float64 {
	m := math.Mod(a, b)
	if m != 0 && (m < 0) != (b < 0) {
		m += b
	}
	return m
}
