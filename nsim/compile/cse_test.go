package compile

import (
	"testing"

	"gonsim/nsim/expr"
	"gonsim/nsim/syntax"
)

// TestCommonSubexpressions: kernels with repeated subtrees (written twice,
// or one checked expression used twice through expr.Combine) give the
// reference values over several passes, through every entry point.
func TestCommonSubexpressions(t *testing.T) {
	ba, xe, ea := mustCheck(t, "w/(x + 2)"), mustCheck(t, "x"), mustCheck(t, "exp(-x*w)")
	combined := mustCombine(t, syntax.Sub, mustCombine(t, syntax.Mul, mustCombine(t, syntax.Add, xe, ba), ea), ba)
	for _, n := range []int{1, 2, 7, 300} {
		s := newState(n, uint64(n)+40)
		for _, e := range []*expr.Expr{
			combined,
			mustCheck(t, "(x*w + 1)/(x*w + 2) + exp(x*w) - sqrt(x*w)"),
			mustCheck(t, "exprel(x - w) * exprel(x - w) + (x - w)"),
			mustCheck(t, "(x*w + 1) > (x*w)*1.5"),
		} {
			c := &compiler{}
			c.findShared(compiledTree(lower(e.Root())))
			if len(c.shared) == 0 {
				t.Fatalf("%s: no shared subtree found", e)
			}
			k, err := Expr(e, s.env(nil))
			if err != nil {
				t.Fatal(err)
			}
			out := make([]float64, n)
			k.Eval(out)
			for i := range out {
				if want := s.ref(compiledTree(lower(e.Root())), i); !same(out[i], want) {
					t.Fatalf("n=%d %s element %d = %v, reference %v", n, e, i, out[i], want)
				}
			}
			if n > 5 {
				idx := []int32{int32(n - 1), 0, 3, 3, 2}
				got := make([]float64, len(idx))
				k.EvalIndices(got, idx)
				for m, j := range idx {
					if !same(got[m], out[j]) {
						t.Fatalf("%s EvalIndices[%d] = %v, want %v", e, m, got[m], out[j])
					}
				}
				if v := k.EvalAt(4); !same(v, out[4]) {
					t.Fatalf("%s EvalAt(4) = %v, want %v", e, v, out[4])
				}
			}
			if e.Bool {
				var want, got []int32
				for i, v := range out {
					if v != 0 {
						want = append(want, int32(i))
					}
				}
				got = k.Select(n, got)
				if len(got) != len(want) {
					t.Fatalf("%s Select: %v, want %v", e, got, want)
				}
			}
		}
	}
}

func mustCheck(t *testing.T, src string) *expr.Expr {
	t.Helper()
	e, err := expr.Check(src, testScope())
	if err != nil {
		t.Fatal(err)
	}
	return e
}
