package rng

import (
	"math"
	"math/bits"
)

// Gen is a Stream's generator state as a value, for loops that fuse
// drawing normals with other work (nsim's fused noisy update): a local
// Gen of four words stays in registers, where a *Stream's fields would
// be loaded and stored around every draw.
//
//	g := s.Gen()
//	for k := range dst {
//		g, u := g.Next()
//		z, ok := rng.NormFast(u)
//		if !ok {
//			g, z = g.NormRest(u)
//		}
//		dst[k] = a*x[k] + c*z
//	}
//	s.SetGen(g)
//
// The numbers are those s.Norm would give, in the same order.
type Gen struct{ s0, s1, s2, s3 uint64 }

// Gen returns the state of s.
func (s *Stream) Gen() Gen { return Gen{s.s0, s.s1, s.s2, s.s3} }

// SetGen continues s from g.
func (s *Stream) SetGen(g Gen) { s.s0, s.s1, s.s2, s.s3 = g.s0, g.s1, g.s2, g.s3 }

// Next advances g and returns the next 64 random bits (xoshiro256++),
// those s.Uint64 would give.
func (g Gen) Next() (Gen, uint64) {
	u := bits.RotateLeft64(g.s0+g.s3, 23) + g.s0
	t := g.s1 << 17
	g.s2 ^= g.s0
	g.s3 ^= g.s1
	g.s1 ^= g.s2
	g.s0 ^= g.s3
	g.s2 ^= t
	g.s3 = bits.RotateLeft64(g.s3, 45)
	return g, u
}

// NormFast is the ziggurat's fast path: the standard normal number that
// 64 random bits u give when they fall in the inner rectangles (more
// than 99 % of draws), and ok; otherwise ok is false and g.NormRest(u)
// finishes the draw. Next and NormFast are small enough to be inlined.
func NormFast(u uint64) (z float64, ok bool) {
	i := u & 255
	j := u >> 11
	z = float64(int64(j)) * zw[i]
	// Branch-free sign, as in FillNormScaled.
	return math.Float64frombits(math.Float64bits(z) ^ (u&256)<<55), j < zk[i]
}

// Norm draws a standard normal number, as s.Norm would.
func (g Gen) Norm() (Gen, float64) {
	g, u := g.Next()
	if z, ok := NormFast(u); ok {
		return g, z
	}
	return g.NormRest(u)
}

// NormRest finishes a draw whose first 64 bits u (already drawn from g)
// missed NormFast, as Stream.Norm does.
//
//go:noinline
func (g Gen) NormRest(u uint64) (Gen, float64) {
	s := Stream(g)
	z := float64(int64(u>>11)) * zw[u&255]
	for {
		if z := s.normSlow(u&255, z); z == z {
			if u&256 != 0 {
				z = -z
			}
			return Gen(s), z
		}
		u = s.Uint64()
		j := u >> 11
		z = float64(int64(j)) * zw[u&255]
		if j < zk[u&255] {
			return Gen(s), math.Float64frombits(math.Float64bits(z) ^ (u&256)<<55)
		}
	}
}
