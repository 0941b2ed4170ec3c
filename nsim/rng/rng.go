// Package rng provides the seeded, splittable random streams that nsim's
// kernels draw uniform and normal numbers from.
//
// A Stream is xoshiro256++ seeded through splitmix64, with a 256-layer
// ziggurat for normals. Streams are derived from (seed, stream id), so a
// simulation can give every block of neurons its own stream and produce
// the same numbers whatever the number of worker goroutines.
//
//	s := rng.New(42, 0)
//	u := s.Float64() // uniform in [0, 1)
//	z := s.Norm()    // standard normal
package rng

import (
	"math"
	"math/bits"
)

// Stream is one random stream. The zero value is not usable; use New.
type Stream struct {
	s0, s1, s2, s3 uint64
}

func splitmix(x *uint64) uint64 {
	*x += 0x9E3779B97F4A7C15
	z := *x
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// New returns the stream number id of seed. Different ids give
// statistically independent streams.
func New(seed, id uint64) *Stream {
	s := &Stream{}
	s.Reset(seed, id)
	return s
}

// Reset re-seeds s in place as New(seed, id) would.
func (s *Stream) Reset(seed, id uint64) {
	x := seed ^ (id * 0xD1B54A32D192ED03)
	x = splitmix(&x) ^ id
	s.s0 = splitmix(&x)
	s.s1 = splitmix(&x)
	s.s2 = splitmix(&x)
	s.s3 = splitmix(&x)
}

// Uint64 returns 64 random bits (xoshiro256++).
func (s *Stream) Uint64() uint64 {
	g, r := s.Gen().Next()
	s.SetGen(g)
	return r
}

// Float64 returns a uniform number in [0, 1) with 53 random bits.
func (s *Stream) Float64() float64 {
	return float64(int64(s.Uint64()>>11)) * 0x1p-53
}

// Ziggurat tables: layer i spans [0, zx[i]); zk[i] is the integer bound
// below which a 53-bit draw lies inside the rectangle fully under the
// curve, zw[i] scales a 53-bit draw to [0, zx[i]), zf[i] = exp(-zx[i]²/2).
const (
	zigR = 3.6541528853610088
	zigV = 0.00492867323399
)

var (
	zk [256]uint64
	zw [256]float64
	zf [257]float64
	zx [257]float64
)

func init() {
	f := func(x float64) float64 { return math.Exp(-0.5 * x * x) }
	zx[0] = zigV / f(zigR)
	zx[1] = zigR
	for i := 1; i < 256; i++ {
		y := f(zx[i]) + zigV/zx[i]
		if y >= 1 {
			zx[i+1] = 0
		} else {
			zx[i+1] = math.Sqrt(-2 * math.Log(y))
		}
	}
	zx[256] = 0
	for i := 0; i < 256; i++ {
		zk[i] = uint64(zx[i+1] / zx[i] * 0x1p53)
		zw[i] = zx[i] * 0x1p-53
	}
	for i := 0; i <= 256; i++ {
		zf[i] = f(zx[i])
	}
}

// Norm returns a standard normal number.
func (s *Stream) Norm() float64 {
	for {
		u := s.Uint64()
		i := u & 255
		j := u >> 11
		z := float64(int64(j)) * zw[i]
		if j < zk[i] {
			return math.Float64frombits(math.Float64bits(z) ^ (u&256)<<55)
		}
		if z := s.normSlow(i, z); z == z {
			if u&256 != 0 {
				return -z
			}
			return z
		}
	}
}

// normSlow handles the 0.5–1 % of draws outside the inner rectangles: the
// tail for the base layer, the wedge test otherwise. It returns NaN to
// ask for a new draw.
func (s *Stream) normSlow(i uint64, z float64) float64 {
	if i == 0 {
		for {
			a := -math.Log(1-s.Float64()) / zigR
			b := -math.Log(1 - s.Float64())
			if 2*b >= a*a {
				return zigR + a
			}
		}
	}
	if zf[i]+s.Float64()*(zf[i+1]-zf[i]) < math.Exp(-0.5*z*z) {
		return z
	}
	return math.NaN()
}

// FillNorm fills dst with standard normal numbers; it is Norm in a loop
// with the generator state held in registers (about twice as fast).
func (s *Stream) FillNorm(dst []float64) { s.FillNormScaled(dst, 1) }

// FillNormScaled fills dst with normal numbers of standard deviation sd:
// sd·z for the numbers z Norm would give, in order. The loop over the
// fast path is fillNormFast; a draw that misses it is finished by
// NormRest.
func (s *Stream) FillNormScaled(dst []float64, sd float64) {
	for k := 0; k < len(dst); k++ {
		n, u := fillNormFast(s, dst[k:], sd, &zw, &zk)
		if k += n; k == len(dst) {
			return
		}
		g, z := s.Gen().NormRest(u)
		s.SetGen(g)
		dst[k] = sd * z
	}
}

// FillFloat64 fills dst with uniform numbers in [0, 1).
func (s *Stream) FillFloat64(dst []float64) {
	s0, s1, s2, s3 := s.s0, s.s1, s.s2, s.s3
	for k := range dst {
		u := bits.RotateLeft64(s0+s3, 23) + s0
		t := s1 << 17
		s2 ^= s0
		s3 ^= s1
		s1 ^= s2
		s0 ^= s3
		s2 ^= t
		s3 = bits.RotateLeft64(s3, 45)
		dst[k] = float64(int64(u>>11)) * 0x1p-53
	}
	s.s0, s.s1, s.s2, s.s3 = s0, s1, s2, s3
}
