//go:build !amd64

package rng

import "math"

// fillNormFast is fill_amd64.s's loop in Go.
func fillNormFast(s *Stream, dst []float64, sd float64, zw *[256]float64, zk *[256]uint64) (done int, u uint64) {
	g := s.Gen()
	defer func() { s.SetGen(g) }()
	for k := range dst {
		g, u = g.Next()
		i, j := u&255, u>>11
		if j >= zk[i] {
			return k, u
		}
		z := float64(int64(j)) * zw[i]
		dst[k] = sd * math.Float64frombits(math.Float64bits(z)^(u&256)<<55)
	}
	return len(dst), 0
}
