package mathfn

import (
	"math"
	"math/big"
	"testing"

	"gonsim/nsim/rng"
)

const refPrec = 256

var bigLn2, _, _ = big.ParseFloat("0.69314718055994530941723212145817656807550013436025525412068000949339362196969471560586332699641868754200148102057068573368552023575813055703267075163507596193072757082837143519030703862389167347112335", 10, refPrec, big.ToNearestEven)

// expm1Series is e^r - 1 for |r| ≤ 1 by its Taylor series, in refPrec bits.
func expm1Series(r *big.Float) *big.Float {
	sum := new(big.Float).SetPrec(refPrec)
	term := new(big.Float).SetPrec(refPrec).SetInt64(1)
	for n := int64(1); n < 45; n++ {
		term.Mul(term, r)
		term.Quo(term, new(big.Float).SetPrec(refPrec).SetInt64(n))
		sum.Add(sum, term)
	}
	return sum
}

// refExp returns exp(x) - c (c is 0 or 1) to refPrec bits and the size of
// one ulp of the float64 nearest to it.
func refExp(x float64, c int64) (*big.Float, float64) {
	bx := new(big.Float).SetPrec(refPrec).SetFloat64(x)
	var v *big.Float
	if math.Abs(x) <= 0.5 {
		v = expm1Series(bx)
		if c == 0 {
			v.Add(v, big.NewFloat(1))
		}
	} else {
		k := math.Round(x / math.Ln2)
		r := new(big.Float).SetPrec(refPrec).Mul(bigLn2, big.NewFloat(k))
		r.Sub(bx, r)
		v = expm1Series(r)
		v.Add(v, big.NewFloat(1))
		v.SetMantExp(v, int(k))
		v.Sub(v, new(big.Float).SetInt64(c))
	}
	f, _ := v.Float64()
	return v, math.Nextafter(math.Abs(f), math.Inf(1)) - math.Abs(f)
}

// TestFastExp compares the block exp, expm1 and exprel with values
// computed in 256-bit arithmetic, on random arguments spread over the
// range of normal results, dense near 0 where expm1 and exprel are
// delicate; package math handles the rest (checked on special values).
func TestFastExp(t *testing.T) {
	r := rng.New(7, 0)
	var xs []float64
	for _, scale := range []float64{1e-300, 1e-17, 1e-9, 1e-4, 0.006, 0.01, 0.017, 0.03, 0.3, 0.35, 0.7, 1, 3, 30, 300, 708} {
		for range 500 {
			xs = append(xs, (2*r.Float64()-1)*scale)
		}
	}
	xs = append(xs, math.Ln2/2, -math.Ln2/2, math.Ln2/128, -math.Ln2/128, 708, -708, 1e-310, -1e-310)
	for _, tt := range []struct {
		name string
		blk  func(out, x []float64)
		ref  func(float64) (*big.Float, float64)
		tol  float64 // ulp of the exact value
	}{
		{"exp", ExpBlock, func(x float64) (*big.Float, float64) { return refExp(x, 0) }, 1},
		{"expm1", Expm1Block, func(x float64) (*big.Float, float64) { return refExp(x, 1) }, 1},
		{"exprel", ExprelBlock, func(x float64) (*big.Float, float64) {
			if x == 0 {
				return big.NewFloat(1), 0x1p-52
			}
			v, _ := refExp(x, 1)
			v.Quo(v, big.NewFloat(x))
			f, _ := v.Float64()
			return v, math.Nextafter(math.Abs(f), math.Inf(1)) - math.Abs(f)
		}, 2},
	} {
		out := make([]float64, len(xs))
		tt.blk(out, xs)
		worst, at := 0.0, 0.0
		for i, x := range xs {
			want, ulp := tt.ref(x)
			diff, _ := new(big.Float).SetPrec(refPrec).Sub(big.NewFloat(out[i]), want).Float64()
			if d := math.Abs(diff) / ulp; d > worst {
				worst, at = d, x
			}
			// The scalar form must agree exactly with the block form.
			if s := scalar[tt.name]; s != nil {
				if got := s(x); got != out[i] {
					t.Errorf("scalar %s(%g) = %g, block gave %g", tt.name, x, got, out[i])
				}
			}
		}
		if worst > tt.tol {
			t.Errorf("%s: %.2f ulp from the exact value at x = %g", tt.name, worst, at)
		}
		t.Logf("%s: worst %.2f ulp (x = %g)", tt.name, worst, at)
	}
	// Outside ±708 and at special values the loops defer to package math.
	special := []float64{709.7, 710, -745, -746, -720, 800, math.Inf(1), math.Inf(-1), math.NaN(), 0, math.Copysign(0, -1)}
	out := make([]float64, len(special))
	for _, tt := range []struct {
		name string
		blk  func(out, x []float64)
		ref  func(float64) float64
	}{{"exp", ExpBlock, math.Exp}, {"expm1", Expm1Block, math.Expm1}, {"exprel", ExprelBlock, exprel}} {
		tt.blk(out, special)
		for i, x := range special {
			if w := tt.ref(x); out[i] != w && !(math.IsNaN(w) && math.IsNaN(out[i])) {
				t.Errorf("%s(%g) = %g, want %g", tt.name, x, out[i], w)
			}
		}
	}
}

func BenchmarkExpBlock(b *testing.B) {
	x := make([]float64, blockSize)
	for i := range x {
		x[i] = -5 + 10*float64(i)/blockSize
	}
	out := make([]float64, blockSize)
	for _, bb := range []struct {
		name string
		f    func(out, x []float64)
	}{
		{"fast-exp", ExpBlock},
		{"math.Exp", func(out, x []float64) {
			for i, v := range x {
				out[i] = math.Exp(v)
			}
		}},
		{"fast-exprel", ExprelBlock},
		{"exprel", func(out, x []float64) {
			for i, v := range x {
				out[i] = exprel(v)
			}
		}},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				bb.f(out, x)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*blockSize), "ns/elem")
		})
	}
}

// TestDivExprel checks a/exprel(x) computed as a·x/expm1(x) against
// 256-bit values: within 2 ulp, a where x = 0, the limits at ±∞.
func TestDivExprel(t *testing.T) {
	r := rng.New(8, 0)
	var xs []float64
	for _, scale := range []float64{1e-300, 1e-12, 1e-3, 0.006, 0.02, 0.5, 5, 50, 700} {
		for range 300 {
			xs = append(xs, (2*r.Float64()-1)*scale)
		}
	}
	a := make([]float64, len(xs))
	for i := range a {
		a[i] = 0.32 + r.Float64()
	}
	out := make([]float64, len(xs))
	DivExprelBlock(out, a, xs)
	worst := 0.0
	for i, x := range xs {
		var want *big.Float
		if x == 0 {
			want = big.NewFloat(a[i])
		} else {
			e, _ := refExp(x, 1)
			want = new(big.Float).SetPrec(refPrec).Mul(big.NewFloat(a[i]), big.NewFloat(x))
			want.Quo(want, e)
		}
		w, _ := want.Float64()
		ulp := math.Nextafter(math.Abs(w), math.Inf(1)) - math.Abs(w)
		diff, _ := new(big.Float).SetPrec(refPrec).Sub(big.NewFloat(out[i]), want).Float64()
		worst = max(worst, math.Abs(diff)/ulp)
		if got := DivExprel(a[i], x); got != out[i] {
			t.Errorf("scalar _div_exprel(%g, %g) = %g, block gave %g", a[i], x, got, out[i])
		}
	}
	if worst > 2 {
		t.Errorf("a/exprel(x): %.2f ulp from the exact value", worst)
	}
	t.Logf("a/exprel(x): worst %.2f ulp", worst)
	special := []float64{0, 800, -800, math.Inf(1), math.Inf(-1)}
	want := []float64{2, 0, 1600, 0, math.Inf(1)}
	got := make([]float64, len(special))
	DivExprelBlock(got, []float64{2, 2, 2, 2, 2}, special)
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("2/exprel(%g) = %g, want %g", special[i], got[i], want[i])
		}
	}
}
