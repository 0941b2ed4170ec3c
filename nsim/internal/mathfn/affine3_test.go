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
				want := a.goLoop(gx, gy, gz, ls, gnr, nil, 0, []int32{-1}, 100)
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
	// One neuron in 35 refractory, scattered, as in CUBA at 64,000
	// neurons (5.7 spikes a second, 5 ms).
	known := make([]uint64, (n+63)/64)
	r := rng.New(3, 0)
	for k := range n {
		if r.Float64() < 1.0/35 {
			ls[k] = 0.1
			known[k/64] |= 1 << (k % 64)
		} else {
			nr[k] = 1
		}
	}
	var a Affine3
	a.Set([3][3]float64{{0.995, 0.0049, 0.0049}, {0, 0.980, 0}, {0, 0, 0.990}}, [3]float64{-0.049, 0, 0}, [3]float64{-0.049, 0, 0}, 0.1, 0.005, 0, true) // θ above the fixed point: candidates are rare, as in CUBA
	cand := make([]int32, 0, n)
	for _, bb := range []struct {
		name string
		f    func()
	}{
		{"block", func() { a.Block(x, y, z, ls, nr, cand, 0) }},
		{"known", func() { a.BlockKnown(x, y, z, known, cand, 0) }},
		{"go", func() { a.goLoop(x, y, z, ls, nr, nil, 0, cand, 0) }},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				bb.f()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/neuron")
		})
	}
}

// TestAffine3Known runs Block and BlockKnown side by side over 40 steps
// of a network whose neurons spike, with a threshold that makes them
// refractory as nsim's does, and checks that they give the same states
// and candidates bit for bit. Before each step the test does the
// caller's part: it takes out of the set the neurons whose period ends
// (the formula Block uses) and sets their not_refractory, and it checks
// that the set is then the neurons whose not_refractory Block gives as
// 0. Lengths go around the groups of eight and the 64-neuron words;
// lastspike includes −Inf and NaNs of either sign.
func TestAffine3Known(t *testing.T) { eachWidth(t, affine3Known) }

func affine3Known(t *testing.T) {
	r := rng.New(13, 0)
	var wild [3][3]float64
	for i := range 3 {
		for j := range 3 {
			wild[i][j] = 0.5*r.Float64() - 0.25
		}
	}
	negNaN := math.Copysign(math.NaN(), -1)
	for _, tc := range []struct {
		name    string
		m       [3][3]float64
		off, fp [3]float64
	}{
		{"cuba", [3][3]float64{{0.995, 0.0049, 0.0049}, {0, 0.980, 0}, {0, 0, 0.990}}, [3]float64{-0.049, 0, 0}, [3]float64{-0.049, 0, 0}},
		{"wild", wild, [3]float64{-0.049, 0.001, 0}, [3]float64{-0.05, 0, 0.002}},
	} {
		for _, clamp := range []bool{false, true} {
			for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 130, 1000} {
				const dt, theta, reset = 1e-4, -0.05, -0.0502
				lim := 3*dt - 1e-3*dt
				x, y, z, ls := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
				for k := range n {
					x[k], y[k], z[k] = -0.06+0.011*r.Float64(), 0.002*r.Float64(), -0.001*r.Float64()
					switch k % 7 {
					case 0:
						ls[k] = math.NaN()
					case 1:
						ls[k] = negNaN
					case 2, 3:
						ls[k] = -float64(k%4) * dt
					default:
						ls[k] = math.Inf(-1)
					}
				}
				nr := make([]float64, n)
				var a Affine3
				a.Set(tc.m, tc.off, tc.fp, 0, lim, theta, clamp)
				a.Block(x, y, z, ls, nr, nil, 0)
				known := make([]uint64, (n+63)/64)
				for k, f := range nr {
					if f == 0 {
						known[k/64] |= 1 << (k % 64)
					}
				}
				xb, yb, zb, lsb, nrb := slices.Clone(x), slices.Clone(y), slices.Clone(z), slices.Clone(ls), slices.Clone(nr)
				spikes := 0
				for step := 1; step <= 40; step++ {
					tNow := float64(step) * dt
					a.Set(tc.m, tc.off, tc.fp, tNow, lim, theta, clamp)
					for k := range n {
						if known[k/64]>>(k%64)&1 != 0 && math.Float64bits((tNow-lsb[k])-lim)>>63 == 0 {
							nrb[k] = 1
							known[k/64] &^= 1 << (k % 64)
						}
					}
					want := a.Block(x, y, z, ls, nr, []int32{-1}, 3)
					got := a.BlockKnown(xb, yb, zb, known, []int32{-1}, 3)
					where := fmt.Sprintf("%s clamp=%v n=%d step %d (AVX-512 %v)", tc.name, clamp, n, step, has512)
					if !slices.Equal(got, want) {
						t.Fatalf("%s: candidates %v, want %v", where, got, want)
					}
					for k := range n {
						for _, p := range [][2]float64{{xb[k], x[k]}, {yb[k], y[k]}, {zb[k], z[k]}, {nrb[k], nr[k]}} {
							if !sameBits(p[0], p[1]) {
								t.Fatalf("%s neuron %d: got %v, want %v", where, k, p[0], p[1])
							}
						}
						if in := known[k/64]>>(k%64)&1 != 0; in != (nr[k] == 0) {
							t.Fatalf("%s neuron %d: in the refractory set %v, not_refractory %v", where, k, in, nr[k])
						}
					}
					// The threshold: candidates that are not refractory spike.
					for _, c := range want[1:] {
						k := int(c) - 3
						if nr[k] != 0 {
							spikes++
							ls[k], nr[k], x[k] = tNow, 0, reset
							lsb[k], nrb[k], xb[k] = tNow, 0, reset
							known[k/64] |= 1 << (k % 64)
						}
					}
					for k := step % 5; k < n; k += 5 {
						y[k] += 0.05
						yb[k] += 0.05
					}
				}
				if n >= 8 && spikes < n {
					t.Errorf("%s clamp=%v n=%d: only %d spikes in 40 steps", tc.name, clamp, n, spikes)
				}
			}
		}
	}
}
