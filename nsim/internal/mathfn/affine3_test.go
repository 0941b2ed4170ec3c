package mathfn

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"gonsim/nsim/rng"
)

// TestAffine3 checks Affine3.Block (the AVX2 and AVX-512 loops and the
// Go tail) against the Go loop alone, bit for bit, at lengths around the
// groups of four and eight, with and without the clamp, for CUBA's
// coefficients and for coefficients of every sign, with NaN, ±Inf, −0 and subnormal states
// and refractory differences of exactly +0 and NaN.
func TestAffine3(t *testing.T) { eachWidth(t, affine3) }

func affine3(t *testing.T) {
	cuba := [3][3]float64{{0.995, 0.0049, 0.0049}, {0, 0.980, 0}, {0, 0, 0.990}}
	r := rng.New(12, 0)
	var wild [3][3]float64
	for i := range 3 {
		for j := range 3 {
			wild[i][j] = 4*r.Float64() - 2
		}
	}
	special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0, 5e-324, -0.051}
	for _, tc := range []struct {
		name    string
		m       [3][3]float64
		off, fp [3]float64
	}{
		{"cuba", cuba, [3]float64{-0.049, 0, 0}, [3]float64{-0.049, 0, 0}},
		{"wild", wild, [3]float64{0.3, -0.2, 7}, [3]float64{1, -1, 0.5}},
		{"singular", wild, [3]float64{0.3, -0.2, 7}, [3]float64{}},
	} {
		for _, clamp := range []bool{false, true} {
			for n := range 28 {
				x, y, z, ls := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
				const tNow, lim = 0.0123, 0.005
				for k := range n {
					x[k], y[k], z[k] = -0.06+0.02*r.Float64(), 0.01*r.Float64(), -0.01*r.Float64()
					switch k % 4 {
					case 0:
						ls[k] = math.Inf(-1)
					case 1:
						ls[k] = tNow - lim // d = +0: not refractory
					case 2:
						ls[k] = tNow - r.Float64()*2*lim
					case 3:
						ls[k] = math.NaN()
					}
					if k%3 == 1 {
						v := special[(n+k)%len(special)]
						switch k % 5 % 3 {
						case 0:
							x[k] = v
						case 1:
							y[k] = v
						default:
							z[k] = v
						}
					}
				}
				var a Affine3
				a.Set(tc.m, tc.off, tc.fp, tNow, lim, -0.05, clamp)
				gx, gy, gz, gnr := slices.Clone(x), slices.Clone(y), slices.Clone(z), make([]float64, n)
				want := a.goLoop(gx, gy, gz, ls, gnr, 0, []int32{-1}, 100)
				vnr := make([]float64, n)
				got := a.Block(x, y, z, ls, vnr, []int32{-1}, 100)
				if !slices.Equal(got, want) {
					t.Errorf("%s clamp=%v n=%d: candidates %v, want %v", tc.name, clamp, n, got, want)
				}
				for k := range n {
					for _, p := range [][2]float64{{x[k], gx[k]}, {y[k], gy[k]}, {z[k], gz[k]}, {vnr[k], gnr[k]}} {
						if !sameBits(p[0], p[1]) {
							t.Errorf("%s clamp=%v n=%d neuron %d: got %v, want %v", tc.name, clamp, n, k, p[0], p[1])
						}
					}
				}
			}
		}
	}
}

func BenchmarkAffine3(b *testing.B) {
	for _, n := range []int{512, 4000, 64000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchAffine3(b, n) })
	}
}

func benchAffine3(b *testing.B, n int) {
	x, y, z, ls, nr := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for k := range n {
		x[k], ls[k] = -0.06+0.01*float64(k%10)/10, math.Inf(-1)
	}
	var a Affine3
	a.Set([3][3]float64{{0.995, 0.0049, 0.0049}, {0, 0.980, 0}, {0, 0, 0.990}}, [3]float64{-0.049, 0, 0}, [3]float64{-0.049, 0, 0}, 0.1, 0.005, 0, true) // θ above the fixed point: candidates are rare, as in CUBA
	cand := make([]int32, 0, n)
	for _, bb := range []struct {
		name string
		f    func()
	}{
		{"block", func() { a.Block(x, y, z, ls, nr, cand, 0) }},
		{"go", func() { a.goLoop(x, y, z, ls, nr, 0, cand, 0) }},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				bb.f()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/neuron")
		})
	}
}
