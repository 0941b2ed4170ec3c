package expr

import (
	"strings"
	"testing"

	"gonsim/nsim/units"
)

// stepFunc is a caller's function f(t, i) = i + (number of whole clock
// steps in t): enough to see the clock binding and the per-element index.
func stepFunc() *Func {
	return &Func{
		Args:   []units.Dim{dimT, {}},
		Result: dimV,
		Bind: func(dt float64) FuncImpl {
			return FuncImpl{F2: func(t, i float64) float64 { return i + float64(int(t/dt+0.5)) }}
		},
		ConstantOver: func(dt float64) bool { return dt <= 1e-3 },
	}
}

func userScope() Scope {
	s := testScope()
	s["f"] = Symbol{Kind: Function, Func: stepFunc(), ReadOnly: true}
	return s
}

// TestUserFunctionCheck: calls are checked against the Func's argument
// dimensions and get its result dimension; errors name both units.
func TestUserFunctionCheck(t *testing.T) {
	tests := []struct{ text, want string }{
		{"f(t, i) + v", ""},
		{"f(t, 2)*ge", ""},
		{"f(t, i) + 1", "has unit V"},
		{"f(v, i)", `argument 1 of f must have unit s, but "v" has unit V`},
		{"f(t, v)", `argument 2 of f must have unit 1, but "v" has unit V`},
		{"f(t)", "f takes 2 arguments, got 1"},
		{"f + v", `"f" is a function; call it as f(...)`},
		{"v(t)", `"v" is a variable, not a function`},
	}
	for _, tc := range tests {
		e, err := Check(tc.text, userScope())
		if tc.want == "" {
			if err != nil {
				t.Errorf("%q: %v", tc.text, err)
			} else if e.Dim != dimV && !strings.Contains(tc.text, "ge") {
				t.Errorf("%q: unit %s, want V", tc.text, e.Dim.Unit())
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want an error mentioning %q", tc.text, err, tc.want)
		}
	}
}

// TestConstantOverStep is Brian2's is_constant_over_dt.
func TestConstantOverStep(t *testing.T) {
	tests := []struct {
		text    string
		dt      float64
		culprit string // "" if constant
	}{
		{"v + f(t, i)", 1e-4, ""},
		{"f(t, 1)", 1e-2, "t"},       // not constant over a coarse step
		{"f(t + dt, 1)", 1e-4, "t"},  // t only as the direct argument
		{"sin(t/tau)", 1e-4, "t"},    // t outside a function
		{"rand()*v", 1e-4, "rand()"}, // draws per evaluation
		{"v*exp(-dt/tau) + El*ge/gl", 1e-4, ""},
	}
	for _, tc := range tests {
		e, err := Check(tc.text, userScope())
		if err != nil {
			t.Fatal(err)
		}
		err = e.ConstantOverStep(tc.dt, "the term")
		if tc.culprit == "" {
			if err != nil {
				t.Errorf("%q: %v", tc.text, err)
			}
			continue
		}
		ee, ok := err.(*Error)
		if !ok || ee.Culprit != tc.culprit || ee.Pos.Line != 1 {
			t.Errorf("%q: %v, want a positioned error at %q", tc.text, err, tc.culprit)
		}
	}
}
