package integrate_test

import (
	"math"
	"strings"
	"testing"

	"gonsim/nsim/compile"
	"gonsim/nsim/expr"
	"gonsim/nsim/integrate"
	"gonsim/nsim/units"
)

// evalFinal evaluates the new value of the first state for one element
// with the given values of the names (dt included).
func evalFinal(t *testing.T, e *expr.Expr, vals map[string]float64) float64 {
	t.Helper()
	k, err := compile.Expr(e, compile.Env{Bind: func(sym expr.Symbol) (compile.Binding, error) {
		v, ok := vals[sym.Name]
		if !ok {
			t.Fatalf("no value for %s", sym.Name)
		}
		d := []float64{v}
		if sym.Kind == expr.Scalar {
			return compile.Binding{Ptr: &d[0]}, nil
		}
		return compile.Binding{Data: &d}, nil
	}, DT: new(float64)})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]float64, 1)
	k.Eval(out)
	return out[0]
}

// TestExactSymbolicDT: with SymbolicDT every formula keeps dt as a name,
// so a caller can replace it (event-driven synapses use t - lastupdate).
// The results are the analytic solution for the dt given at evaluation.
func TestExactSymbolicDT(t *testing.T) {
	tests := []struct {
		rhs  string
		want func(v, dt float64) float64
	}{
		{"-v/(20*ms)", func(v, dt float64) float64 { return v * math.Exp(-dt/0.02) }},
		{"(1-v)/(1*ms)", func(v, dt float64) float64 { return 1 + (v-1)*math.Exp(-dt/0.001) }},
		{"0.5/ms", func(v, dt float64) float64 { return v + 500*dt }},
	}
	for _, tc := range tests {
		sys := system(t, map[string]string{"v": tc.rhs})
		sys.SymbolicDT, sys.DT = true, 0
		s, err := integrate.Exact(sys)
		if err != nil {
			t.Fatalf("%s: %v", tc.rhs, err)
		}
		if !s.Final[0].Value.DependsOn("dt") && tc.rhs != "0" {
			t.Errorf("%s: %s does not use dt", tc.rhs, s.Final[0].Value)
		}
		for _, dt := range []float64{1e-4, 3.7e-3, 0.25} {
			got := evalFinal(t, s.Final[0].Value, map[string]float64{"v": 0.3, "dt": dt})
			if want := tc.want(0.3, dt); math.Abs(got-want) > 1e-15*math.Max(1, math.Abs(want)) {
				t.Errorf("%s, dt = %g: %.17g, want %.17g", tc.rhs, dt, got, want)
			}
		}
	}
	sys := system(t, map[string]string{"v": "-v/ms + w/ms", "w": "-w/ms"})
	sys.SymbolicDT = true
	if _, err := integrate.Exact(sys); err == nil || !strings.Contains(err.Error(), "uncoupled") {
		t.Errorf("coupled with SymbolicDT: %v, want refused", err)
	}
}

// TestExactParameterCoefficients: coefficients that are per-element
// parameters give the exact step x·e^{a·dt} + c·dt·exprel(a·dt), also where
// a is 0 for an element (no 0/0).
func TestExactParameterCoefficients(t *testing.T) {
	scope := expr.Symbols{
		"t":  {Kind: expr.Scalar, Dim: second},
		"dt": {Kind: expr.Scalar, Dim: second},
		"v":  {Kind: expr.Array},
		"g":  {Kind: expr.Array, Dim: units.Dim{2: -1}},
		"E":  {Kind: expr.Array},
	}
	rhs, err := expr.Check("g*(E - v)", scope)
	if err != nil {
		t.Fatal(err)
	}
	s, err := integrate.Exact(&integrate.System{States: []string{"v"}, Dims: map[string]units.Dim{}, RHS: map[string]*expr.Expr{"v": rhs}, DT: 1e-4, Scope: scope})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []float64{0, 50, 2000} {
		got := evalFinal(t, s.Final[0].Value, map[string]float64{"v": -0.5, "g": g, "E": 1, "dt": 1e-4})
		want := 1 + (-0.5-1)*math.Exp(-g*1e-4)
		if math.Abs(got-want) > 1e-15 {
			t.Errorf("g = %g: %.17g, want %.17g", g, got, want)
		}
	}
}
