package mathfn

import (
	"math"
	"slices"
	"testing"

	"gonsim/nsim/rng"
)

// TestLinear1 checks Linear1.Block and BlockFree (the AVX2 loops and the
// Go tails) against Block's Go loop alone, bit for bit, at lengths around the groups of
// four, with NaN, ±Inf, −0 and subnormal states and noise, refractory
// differences of exactly +0 and NaN, and neurons on both sides of θ.
func TestLinear1(t *testing.T) {
	r := rng.New(13, 0)
	special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 5e-324, 1, 1.5}
	for _, c := range []struct{ a, b float64 }{{0.99, 0.0065}, {-1.5, 2}, {1, 0}} {
		for n := range 14 {
			x, w, ls := make([]float64, n), make([]float64, n), make([]float64, n)
			const tNow, lim = 0.0123, 0.005
			for k := range n {
				x[k], w[k] = 1.2*r.Float64(), 0.03*r.Norm()
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
					if k%2 == 0 {
						x[k] = v
					} else {
						w[k] = v
					}
				}
			}
			var l Linear1
			l.Set(c.a, c.b, tNow, lim, 1)
			gx, gnr := slices.Clone(x), make([]float64, n)
			want := l.goLoop(gx, w, ls, gnr, 0, []int32{-1}, 7)
			fx := slices.Clone(x)
			if got := l.BlockFree(fx, w, []int32{-1}, 7); !slices.Equal(got, want) {
				t.Errorf("a=%g n=%d: BlockFree's candidates %v, want %v", c.a, n, got, want)
			}
			for k := range n {
				if !sameBits(fx[k], gx[k]) {
					t.Errorf("a=%g n=%d neuron %d: BlockFree's x %v, want %v", c.a, n, k, fx[k], gx[k])
				}
			}
			vnr := make([]float64, n)
			got := l.Block(x, w, ls, vnr, []int32{-1}, 7)
			if !slices.Equal(got, want) {
				t.Errorf("a=%g n=%d: candidates %v, want %v", c.a, n, got, want)
			}
			for k := range n {
				if !sameBits(x[k], gx[k]) || !sameBits(vnr[k], gnr[k]) {
					t.Errorf("a=%g n=%d neuron %d: x %v nr %v, want %v %v", c.a, n, k, x[k], vnr[k], gx[k], gnr[k])
				}
			}
		}
	}
}

func BenchmarkLinear1(b *testing.B) {
	const n = 1024
	x, w, ls, nr := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for k := range n {
		x[k], w[k], ls[k] = 0.5, 0.01*float64(k%7-3), math.Inf(-1)
	}
	var l Linear1
	l.Set(0.99, 0.0065, 0.1, 0.005, 1)
	cand := make([]int32, 0, n)
	for _, bb := range []struct {
		name string
		f    func()
	}{
		{"block", func() { l.Block(x, w, ls, nr, cand, 0) }},
		{"go", func() { l.goLoop(x, w, ls, nr, 0, cand, 0) }},
		{"free", func() { l.BlockFree(x, w, cand, 0) }},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				bb.f()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/neuron")
		})
	}
}
