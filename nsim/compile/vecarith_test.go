package compile

import (
	"testing"

	"gonsim/nsim/expr"
)

// TestUniformArgRefill: a uniform argument of a call fills its buffer only
// when its value changes, so a kernel must follow t from pass to pass and
// over passes of different lengths (_div_exprel's a here is t/ms, its
// constant 1.5 in the second expression).
func TestUniformArgRefill(t *testing.T) {
	s := newState(300, 4)
	for _, src := range []string{"(t/ms)/exprel(x - 0.5)", "1.5/exprel(x - 0.5)"} {
		e, err := expr.Check(src, testScope())
		if err != nil {
			t.Fatal(err)
		}
		k, err := Expr(e, s.env(nil))
		if err != nil {
			t.Fatal(err)
		}
		tree := compiledTree(lower(e.Root()))
		for _, pass := range []struct {
			t float64
			n int
		}{{0.0123, 300}, {0.0123, 300}, {0.02, 300}, {0.02, 5}, {0.02, 300}, {0.03, 7}} {
			s.t = pass.t
			out := make([]float64, pass.n)
			k.Eval(out)
			for i := range out {
				if want := s.ref(tree, i); !same(out[i], want) {
					t.Fatalf("%s at t=%g, n=%d: element %d = %v, reference %v", src, pass.t, pass.n, i, out[i], want)
				}
			}
		}
	}
}
