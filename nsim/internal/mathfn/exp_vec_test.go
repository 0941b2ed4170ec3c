package mathfn

import (
	"math"
	"testing"

	"gonsim/nsim/rng"
)

// TestVecMatchesScalar checks that the vector loops, four-wide and
// eight-wide where the CPU has AVX-512, give the Go loops' results bit
// for bit, on random arguments over the whole fast range and near the
// edges of the index and range logic (k = -1, 0, 1, ±16; ±expLimit), at
// every offset of a group, and with out-of-range or NaN arguments mixed
// in (those groups go to the Go loop).
func TestVecMatchesScalar(t *testing.T) {
	if !hasExpVec {
		t.Skip("no AVX2 and FMA on this CPU")
	}
	eachWidth(t, vecMatchesScalar)
}

// eachWidth runs check with the AVX2 loops only, then again with the
// AVX-512 ones where the CPU has them.
func eachWidth(t *testing.T, check func(*testing.T)) {
	t.Helper()
	widths := []bool{false}
	if has512 {
		widths = append(widths, true)
	} else {
		t.Log("no AVX-512 on this CPU: the AVX2 loops only")
	}
	defer func(w bool) { has512 = w }(has512)
	for _, w := range widths {
		has512 = w
		check(t)
	}
}

func vecMatchesScalar(t *testing.T) {
	t.Helper()
	in := []float64{-1, 0.5, 2, 3, 4, 5, 6, 7, 8}
	if n := expVec(make([]float64, 9), in); n != 8 {
		t.Fatalf("expVec did %d of 9 in-range elements, want 8 (AVX-512 %v)", n, has512)
	}
	r := rng.New(9, 0)
	var xs []float64
	for _, scale := range []float64{1e-300, 1e-9, 1e-3, 0.006, 0.0163, 0.02, 0.35, 0.36, 1, 5, 30, 700, 708} {
		for range 2000 {
			xs = append(xs, (2*r.Float64()-1)*scale)
		}
	}
	for k := -70; k <= 70; k++ {
		c := float64(k) * math.Ln2 / expTableSize
		xs = append(xs, c, math.Nextafter(c, 1), math.Nextafter(c, -1), c+math.Ln2/256, c-math.Ln2/256)
	}
	xs = append(xs, 0, math.Copysign(0, -1), 708, -708, 709, -709, math.NaN(), math.Inf(1), math.Inf(-1), 1e-310)
	a := make([]float64, len(xs))
	for i := range a {
		a[i] = 0.1 + r.Float64()
	}
	for _, tt := range []struct {
		name        string
		block, want func(out, a, x []float64)
	}{
		{"exp", func(out, _, x []float64) { ExpBlock(out, x) }, func(out, _, x []float64) { expScalar(out, x) }},
		{"expm1", func(out, _, x []float64) { Expm1Block(out, x) }, func(out, _, x []float64) { expm1Scalar(out, x) }},
		{"div_exprel", DivExprelBlock, divExprelScalar},
	} {
		for off := range 8 { // every alignment of the special values in a group
			x, aa := xs[off:], a[off:]
			got, want := make([]float64, len(x)), make([]float64, len(x))
			tt.block(got, aa, x)
			tt.want(want, aa, x)
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(math.IsNaN(got[i]) && math.IsNaN(want[i])) {
					t.Fatalf("%s(%g) = %v (%#x), the Go loop gives %v (%#x) (AVX-512 %v)", tt.name, x[i], got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]), has512)
				}
			}
		}
	}
}

func BenchmarkVec(b *testing.B) {
	x := make([]float64, blockSize)
	a := make([]float64, blockSize)
	for i := range x {
		x[i] = -5 + 10*float64(i)/blockSize
		a[i] = 1
	}
	out := make([]float64, blockSize)
	for _, bb := range []struct {
		name string
		f    func()
	}{
		{"exp-vec", func() { ExpBlock(out, x) }},
		{"exp-go", func() { expScalar(out, x) }},
		{"expm1-vec", func() { Expm1Block(out, x) }},
		{"expm1-go", func() { expm1Scalar(out, x) }},
		{"divexprel-vec", func() { DivExprelBlock(out, a, x) }},
		{"divexprel-go", func() { divExprelScalar(out, a, x) }},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				bb.f()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*blockSize), "ns/elem")
		})
	}
}

// TestExpEulerBlock checks the fused exponential Euler step against its
// six operations done one after the other, bit for bit, at both widths,
// every length up to 40, with a·dt beyond ±expLimit and NaN mixed in.
func TestExpEulerBlock(t *testing.T) {
	eachWidth(t, func(t *testing.T) {
		r := rng.New(10, 0)
		const dt = 1e-4
		n := 40
		x, b, a := make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range x {
			x[i] = 2*r.Float64() - 1
			a[i] = -(r.Float64() + 0.01) * 1e4
			b[i] = (2*r.Float64() - 1) * 1e3
		}
		a[13], a[29], b[5], a[37] = -1e7, 8e6, math.NaN(), 0
		for m := 0; m <= n; m++ {
			got := make([]float64, m)
			ExpEulerBlock(got, x, b, a, dt)
			for i := range got {
				e := Exp(a[i] * dt)
				q := b[i] / a[i]
				want := (x[i]+q)*e - q
				if !sameBits(got[i], want) {
					t.Fatalf("n=%d element %d (a·dt = %g): %v, want %v (AVX-512 %v)", m, i, a[i]*dt, got[i], want, has512)
				}
			}
		}
	})
}
