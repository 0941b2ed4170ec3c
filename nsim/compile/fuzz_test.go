package compile

import (
	"math/rand/v2"
	"testing"

	"gonsim/nsim/expr"
	"gonsim/nsim/syntax"
)

// FuzzParseExpr checks that any text either fails with positioned errors or
// checks, prints as valid syntax and compiles.
func FuzzParseExpr(f *testing.F) {
	for _, s := range kernelExprs {
		f.Add(s)
	}
	for _, s := range []string{"v > -20*mV", "int(t<150*ms)*t/(50*ms)**2", "(.65*x - w) / tau + sigma * (2 / tau)**.5 * xi", "not (b)", "", "((", "1e999", "x**-0.5", "-(-(-x))"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		e, err := expr.Check(text, testScope())
		if err != nil {
			for _, el := range expr.Errors(err) {
				if el.Kind != expr.Unsupported && el.Pos.Line < 1 {
					t.Fatalf("Check(%q): error without position: %v", text, el)
				}
			}
			return
		}
		// The folded form prints constants in SI units without their units,
		// so it cannot be checked again, but it must be valid syntax.
		printed := e.String()
		if _, err := syntax.ParseExpr(printed); err != nil {
			t.Fatalf("Check(%q) printed %q, which does not parse: %v", text, printed, err)
		}
		s := newState(3, 1)
		k, err := Expr(e, s.env(rand.New(rand.NewPCG(1, 1))))
		if err != nil {
			t.Fatalf("Expr(%q): %v", text, err)
		}
		out := make([]float64, 3)
		k.Eval(out)
		k.EvalIndices(out[:2], []int32{2, 0})
	})
}
