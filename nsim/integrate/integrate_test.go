package integrate_test

import (
	"fmt"
	"strings"
	"testing"

	"gonsim/nsim/expr"
	"gonsim/nsim/integrate"
	"gonsim/nsim/units"
)

var second = units.Dim{2: 1}

func system(t testing.TB, rhs map[string]string) *integrate.System {
	scope := expr.Symbols{
		"t":  {Kind: expr.Scalar, Dim: second, ReadOnly: true},
		"dt": {Kind: expr.Scalar, Dim: second, ReadOnly: true},
	}
	sys := &integrate.System{Dims: map[string]units.Dim{}, RHS: map[string]*expr.Expr{}, Scope: scope, DT: 1e-4}
	for x := range rhs {
		scope[x] = expr.Symbol{Kind: expr.Array}
		sys.Dims[x] = units.Dim{}
	}
	for _, x := range []string{"v", "w"} {
		if r, ok := rhs[x]; ok {
			e, err := expr.Check(r, scope)
			if err != nil {
				t.Fatal(err)
			}
			sys.States = append(sys.States, x)
			sys.RHS[x] = e
		}
	}
	return sys
}

func Example() {
	sys := system(nil, map[string]string{"v": "-v/(10*ms)"})
	euler, _ := integrate.Lookup("euler")
	s, _ := euler(sys)
	fmt.Println(s.Final[0].Target, "=", s.Final[0].Value)
	fmt.Println(integrate.Names())
	// Output:
	// v = v + dt*(-v/0.01)
	// [euler exact exponential_euler heun linear milstein rk2 rk4]
}

func TestAuto(t *testing.T) {
	tests := []struct {
		rhs  map[string]string
		want string
	}{
		{map[string]string{"v": "(1-v)/(10*ms)"}, "exact"},
		{map[string]string{"v": "-v/(10*ms) + w/ms", "w": "-v/ms"}, "exact"},
		{map[string]string{"v": "-v**3/ms"}, "euler"},
		{map[string]string{"v": "t/ms**2"}, "euler"},
		{map[string]string{"v": "xi/sqrt(ms)"}, "euler"},
		{map[string]string{"v": "v*xi/sqrt(ms)"}, "heun"},
	}
	for _, tc := range tests {
		s, err := integrate.Auto(system(t, tc.rhs))
		if err != nil || s.Method != tc.want {
			t.Errorf("%v: %v, %v; want %s", tc.rhs, s, err, tc.want)
		}
	}
}

func TestUnsupported(t *testing.T) {
	tests := []struct {
		method string
		rhs    map[string]string
		want   string
	}{
		{"exponential_euler", map[string]string{"v": "exp(v)/ms"}, "conditionally linear"},
		{"exact", map[string]string{"v": "xi/sqrt(ms)"}, "stochastic"},
		{"rk2", map[string]string{"v": "xi/sqrt(ms)"}, "stochastic"},
		{"euler", map[string]string{"v": "v*xi/sqrt(ms)"}, "multiplicative"},
		{"milstein", map[string]string{"v": "xi/sqrt(ms)", "w": "xi/sqrt(ms)"}, "not diagonal"},
	}
	for _, tc := range tests {
		m, err := integrate.Lookup(tc.method)
		if err != nil {
			t.Fatal(err)
		}
		_, err = m(system(t, tc.rhs))
		var ue *integrate.UnsupportedError
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s on %v: %v, want an error mentioning %q", tc.method, tc.rhs, err, tc.want)
		} else if !asUnsupported(err, &ue) {
			t.Errorf("%s: %T is not an *UnsupportedError", tc.method, err)
		}
	}
	if _, err := integrate.Lookup("rk45"); err == nil || !strings.Contains(err.Error(), "known: euler") {
		t.Errorf("unknown method: %v", err)
	}
}

func asUnsupported(err error, target **integrate.UnsupportedError) bool {
	u, ok := err.(*integrate.UnsupportedError)
	*target = u
	return ok
}
