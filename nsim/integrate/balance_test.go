package integrate_test

import (
	"math"
	"testing"

	"gonsim/nsim/expr"
	"gonsim/nsim/integrate"
)

// TestExactBadlyScaled checks exact's propagator on coupled equations of
// very different scales (A9's dv/dt = (Rm*I - v)/taum, dI/dt = -I/tau_e,
// with Rm = 100 MΩ): every coefficient must match the closed form to a
// few ulp, not to the 1e-10 that plain scaling and squaring gives.
func TestExactBadlyScaled(t *testing.T) {
	const R, taum, taue, dt = 1e8, 10e-3, 3e-3, 1e-4
	sys := system(t, map[string]string{"v": "(1e8*w - v)/(10*ms)", "w": "-w/(3*ms)"})
	s, err := integrate.Exact(sys)
	if err != nil {
		t.Fatal(err)
	}
	coef := func(e *expr.Expr, x string) float64 {
		a, _, err := expr.Linear(e, x)
		if err != nil {
			t.Fatal(err)
		}
		v, ok := a.Const()
		if !ok {
			t.Fatalf("coefficient of %s in %s is not constant", x, e)
		}
		return v
	}
	em, ee := math.Exp(-dt/taum), math.Exp(-dt/taue)
	tests := []struct {
		target, of string
		want       float64
	}{
		{"v", "v", em},
		{"v", "w", R / taum * (em - ee) / (1/taue - 1/taum)},
		{"w", "w", ee},
	}
	for _, tc := range tests {
		for _, a := range s.Final {
			if a.Target != tc.target {
				continue
			}
			if got := coef(a.Value, tc.of); math.Abs(got/tc.want-1) > 1e-14 {
				t.Errorf("coefficient of %s in the update of %s: %.17g, want %.17g (relative error %.2g)", tc.of, tc.target, got, tc.want, got/tc.want-1)
			}
		}
	}
}
