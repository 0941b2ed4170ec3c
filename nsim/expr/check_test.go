package expr

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"gonsim/nsim/syntax"
	"gonsim/nsim/units"
)

func TestCheckGood(t *testing.T) {
	scope := testScope()
	for _, tt := range []struct {
		in, folded, unit string
		bool             bool
	}{
		{"-v/(15*ms)", "-v/0.015", "V/s", false},
		{"(I - v*gl)/Cm", "(I - v*1e-08)/2e-10", "V/s", false},
		{"0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms", "1.28/exprel((0.013000000000000001 - v - 0.063)/0.004)/0.001", "Hz", false},
		{"int((t>10*ms) and (t<950*ms))", "int(t > 0.01 and t < 0.9500000000000001)", "1", false},
		{"v > -20*mV", "v > -0.02", "1", true},
		{"not b or x > 1", "not b or x > 1", "1", true},
		{"(.65*x - w) / tau + sigma * (2 / tau)**.5 * xi", "(0.65*x - w)/0.01 + 0.4242640687119285*xi", "Hz", false},
		{"sqrt(v*v)", "sqrt(v*v)", "V", false},
		{"abs(v) + clip(v, El, 0*mV)", "abs(v) + clip(v, -0.065, 0)", "V", false},
		{"sign(v) * floor(x) + ceil(2.5)", "sign(v)*floor(x) + 3", "1", false},
		{"timestep(t, dt) + i + N", "timestep(t, dt) + i + 10", "1", false},
		{"rand() + randn() + exp(log(2))", "rand() + randn() + 2", "1", false},
		{"2 % 3 + 7 // 2 + x % 1", "5 + x%1", "1", false},
		{"pi + e - inf*0", "NaN", "1", false},
		{"x**2 + x**0.5", "x**2 + x**0.5", "1", false},
		{"v**2/volt", "v**2/1", "V", false},
		{"True and b", "True and b", "1", true},
		{"log10(100) + sin(0) + cos(0) + tan(0) + sinh(0) + cosh(0) + tanh(0) + arcsin(0) + arccos(1) + arctan(0)", "4", "1", false},
	} {
		e, err := Check(tt.in, scope)
		if err != nil {
			t.Errorf("Check(%q): %v", tt.in, err)
			continue
		}
		if got := e.String(); got != tt.folded {
			t.Errorf("Check(%q).String() = %q, want %q", tt.in, got, tt.folded)
		}
		if got := e.Dim.Unit(); got != tt.unit || e.Bool != tt.bool {
			t.Errorf("Check(%q): unit %s bool %v, want %s %v", tt.in, got, e.Bool, tt.unit, tt.bool)
		}
	}
}

// TestCheckErrors writes every error of the bad inputs to a golden file
// (go test -update rewrites it) and checks the structured fields of some.
func TestCheckErrors(t *testing.T) {
	scope := testScope()
	inputs := []string{
		"1 - v",
		"v > 1",
		"v + I",
		"foo + bar*v + foo",
		"exp(v)",
		"exprel(v/ms)",
		"v**ms",
		"v**x",
		"xi**0.5 * v",
		"sqrt(xi)",
		"b + 1",
		"x and b",
		"not x",
		"foo(v)",
		"v(1)",
		"clip(v, 0, 1)",
		"clip(v)",
		"timestep(t, 1)",
		"(1 - v)/(10*ms)",
		"mvolts * 2",
		"v >",
		"v < (gl",
		"-b",
		"int(v)",
	}
	var b strings.Builder
	for _, in := range inputs {
		_, err := Check(in, scope)
		if err == nil {
			t.Errorf("Check(%q) succeeded", in)
			continue
		}
		fmt.Fprintf(&b, "=== %s\n", in)
		for _, e := range Errors(err) {
			fmt.Fprintf(&b, "%s [%s culprit=%q want=%q got=%q]\n", e.Error(), e.Kind, e.Culprit, e.Want, e.Got)
		}
	}
	golden(t, "check_errors.golden", b.String())

	_, err := Check("1 - v", scope)
	var e *Error
	if !errors.As(err, &e) || e.Kind != UnitMismatch || e.Want != "1" || e.Got != "V" || e.Pos.Col != 1 || e.Culprit != "1 - v" {
		t.Errorf("1 - v: %#v", e)
	}
	_, err = Check("p + q*r + p", scope)
	if l := Errors(err); len(l) != 3 || l[0].Culprit != "p" || l[1].Culprit != "q" || l[2].Culprit != "r" || l[2].Pos.Col != 7 {
		t.Errorf("unresolved: %v", err)
	}
}

func TestExpect(t *testing.T) {
	scope := testScope()
	e, _ := Check("-v", scope)
	err := e.Expect(dimVps, "the right-hand side")
	want := "1:1: the right-hand side \"-v\" has unit V, but unit V/s is needed\n-v\n^"
	if err == nil || err.Error() != want {
		t.Errorf("Expect = %v, want %s", err, want)
	}
	var ee *Error
	if !errors.As(err, &ee) || ee.Want != "V/s" || ee.Got != "V" {
		t.Errorf("%#v", ee)
	}
	if err := e.Expect(dimV, "x"); err != nil {
		t.Error(err)
	}
	if err := e.ExpectBool("the threshold"); err == nil {
		t.Error("ExpectBool of -v succeeded")
	}
	c, _ := Check("v > 0*mV", scope)
	if err := c.Expect(dimV, "value"); err == nil || !strings.Contains(err.Error(), "is a condition") {
		t.Errorf("Expect of condition: %v", err)
	}
}

func TestScopeOrder(t *testing.T) {
	// The caller's scope shadows units and built-ins: a variable named e or ms.
	s := Chain(Symbols{"ms": {Kind: Array}}, nil, Symbols{"e": {Kind: Constant, Value: 3}})
	e, err := Check("ms + e", s)
	if err != nil || e.String() != "ms + 3" {
		t.Errorf("%v %v", e, err)
	}
	if _, ok := e.Symbol("ms"); !ok {
		t.Error("Symbol(ms) missing")
	}
	if !e.DependsOn("ms") || e.DependsOn("e") {
		t.Error("DependsOn")
	}
	if names := e.Names(); len(names) != 1 || names[0] != "ms" {
		t.Errorf("Names = %v", names)
	}
}

func TestSubstitute(t *testing.T) {
	scope := testScope()
	scope["alpha"] = Symbol{Kind: Array, Dim: dimHz, ReadOnly: true}
	e, _ := Check("alpha*(1-m) - 2*alpha*m", scope)
	a, _ := Check("0.128*exp((17*mV-v+VT)/(18*mV))/ms", scope)
	s, err := Substitute(e, map[string]*Expr{"alpha": a})
	if err != nil {
		t.Fatal(err)
	}
	if s.DependsOn("alpha") || !s.DependsOn("v") || s.Dim != dimHz {
		t.Errorf("substituted: %s", s)
	}
	bad, _ := Check("v", scope)
	if _, err := Substitute(e, map[string]*Expr{"alpha": bad}); err == nil {
		t.Error("substituting volt for Hz succeeded")
	}
}

func TestCombineApply(t *testing.T) {
	scope := testScope()
	f, _ := Check("-v/tau", scope)
	dt, _ := Check("dt", scope)
	v, _ := Check("v", scope)
	step, err := Combine(syntax.Mul, dt, f)
	if err != nil {
		t.Fatal(err)
	}
	upd, err := Combine(syntax.Add, v, step)
	if err != nil || upd.Dim != dimV || upd.String() != "v + dt*(-v/0.01)" {
		t.Errorf("v + dt*f = %v, %v", upd, err)
	}
	if _, err := Combine(syntax.Add, v, dt); err == nil {
		t.Error("v + dt succeeded")
	}
	a, _ := Check("-1/tau", scope)
	ex, err := Apply("exp", mustCombine(t, syntax.Mul, a, dt))
	if err != nil || ex.String() != "exp(-100*dt)" {
		t.Errorf("exp(A*dt) = %v, %v", ex, err)
	}
	if _, err := Apply("exp", v); err == nil {
		t.Error("exp(v) succeeded")
	}
	if l := Lit(2, units.DimTime); l.Dim != units.DimTime || !strings.Contains(l.String(), "2") {
		t.Error("Lit")
	}
}

func TestFunctions(t *testing.T) {
	got := strings.Join(Functions(), " ")
	for _, f := range strings.Fields("exp log log10 sqrt sin cos tan sinh cosh tanh arcsin arccos arctan abs sign floor ceil clip int exprel rand randn timestep") {
		if !strings.Contains(" "+got+" ", " "+f+" ") {
			t.Errorf("missing function %s", f)
		}
	}
	for _, tt := range []struct{ x, want float64 }{{0, 1}, {1e-20, 1}, {-1, 0.6321205588285577}, {1, 1.718281828459045}} {
		if got := exprel(tt.x); got != tt.want {
			t.Errorf("exprel(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
	if !isInf(exprel(800)) {
		t.Error("exprel(800) not inf")
	}
	// SEMANTICS §5: with dt = 0.1 ms, 0.09989 ms is step 0 and 0.0999 ms step 1.
	if timestep(0.09989e-3, 1e-4) != 0 || timestep(0.0999e-3, 1e-4) != 1 {
		t.Error("timestep truncation after 1e-3*dt shift")
	}
}
