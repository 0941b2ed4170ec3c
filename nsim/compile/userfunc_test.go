package compile

import (
	"testing"

	"gonsim/nsim/expr"
	"gonsim/nsim/units"
)

// stepFunc is a caller's function f(t, i) = i + (number of whole clock
// steps in t): enough to see the clock binding and the per-element index.
func stepFunc() *expr.Func {
	return &expr.Func{
		Args:   []units.Dim{dimT, {}},
		Result: dimV,
		Bind: func(dt float64) expr.FuncImpl {
			return expr.FuncImpl{F2: func(t, i float64) float64 { return i + float64(int(t/dt+0.5)) }}
		},
		ConstantOver: func(dt float64) bool { return dt <= 1e-3 },
	}
}

func userScope() expr.Scope {
	s := testScope()
	s["f"] = expr.Symbol{Kind: expr.Function, Func: stepFunc(), ReadOnly: true}
	return s
}

// TestUserFunctionCompile: a call with constant arguments is not folded
// (the implementation depends on the clock), the clock is Env.DT, and the
// kernel and the element-by-element path agree.
func TestUserFunctionCompile(t *testing.T) {
	e, err := expr.Check("f(3*ms, 1) + f(t, i)", userScope())
	if err != nil {
		t.Fatal(err)
	}
	if _, folded := e.Const(); folded {
		t.Fatal("a call of a caller's function was folded at check time")
	}
	tNow, dt := 2e-4, 1e-4
	k, err := Expr(e, Env{Bind: func(s expr.Symbol) (Binding, error) { return Binding{Ptr: &tNow}, nil }, DT: &dt})
	if err != nil {
		t.Fatal(err)
	}
	got := make([]float64, 3)
	k.Eval(got)
	for i, g := range got {
		if want := 1 + 30 + float64(i) + 2; g != want {
			t.Errorf("element %d: %g, want %g", i, g, want)
		}
	}
	if _, err := Expr(e, Env{Bind: func(s expr.Symbol) (Binding, error) { return Binding{Ptr: &tNow}, nil }}); err == nil {
		t.Error("compiling without Env.DT succeeded")
	}
}
