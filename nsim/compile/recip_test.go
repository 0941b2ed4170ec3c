package compile

import (
	"math"
	"testing"

	"gonsim/nsim/expr"
)

// TestReciprocals checks the rewrite of divisions by constants (and of
// the other forms compiledTree fuses): which divisions it replaces, that
// it leaves the checked expression alone, and that the compiled results
// stay within 1.5 ulp of the quotients (0.5 for 1/c, 0.5 for the
// product, 0.5 between the quotient and its rounding; exact for powers of
// two).
func TestReciprocals(t *testing.T) {
	s := newState(300, 11)
	for _, tt := range []struct {
		src, want string
		exact     bool
		tol       float64 // ulp from the value with true divisions (if not exact)
	}{
		{"v/mV", "v*1000", false, 1.5},
		{"x/3", "x*0.3333333333333333", false, 1.5},
		{"x/4", "x*0.25", true, 0},
		{"3/x", "3/x", true, 0},           // the divisor is not constant
		{"x/dt", "x/dt", true, 0},         // dt is read at run time
		{"x/1e-310", "x/1e-310", true, 0}, // the reciprocal would overflow
		{"(v - El)/(4*mV)", "(v + 0.065)*250", false, 1.5},
		{"2/exprel(x - 0.5)", "_div_exprel(2, x - 0.5)", false, 4},
		{"x/exprel(w)/2", "_div_exprel(x, w)*0.5", false, 4},
		// The exponential Euler step (expeuler.go), the same bits.
		{"(m + rb/ra)*exp(ra*dt) - rb/ra", "_exp_euler(m, rb, ra, dt)", true, 0},
		{"exp(ra*dt)*(m + rb/ra) - rb/ra", "_exp_euler(m, rb, ra, dt)", true, 0},
		{"(m + rb/ra)*exp(rb*dt) - rb/ra", "(m + rb/ra)*exp(rb*dt) - rb/ra", true, 0},
		{"(m + rb/ra)*exp(ra*dt) - ra/rb", "(m + rb/ra)*exp(ra*dt) - ra/rb", true, 0},
	} {
		e, err := expr.Check(tt.src, testScope())
		if err != nil {
			t.Fatal(err)
		}
		before := e.String()
		if got := compiledTree(lower(e.Root())).String(); got != tt.want {
			t.Errorf("%s rewritten as %s, want %s", tt.src, got, tt.want)
		}
		if e.String() != before {
			t.Errorf("%s: the checked expression changed to %s", tt.src, e.String())
		}
		k, err := Expr(e, s.env(nil))
		if err != nil {
			t.Fatal(err)
		}
		out := make([]float64, s.n)
		k.Eval(out)
		for i := range out {
			q := s.ref(lower(e.Root()), i) // with true divisions
			if same(out[i], q) {
				continue
			}
			ulp := math.Nextafter(math.Abs(q), math.Inf(1)) - math.Abs(q)
			if d := math.Abs(out[i] - q); d > tt.tol*ulp || tt.exact && d != 0 {
				t.Fatalf("%s element %d = %v, quotient %v", tt.src, i, out[i], q)
			}
		}
	}
}
