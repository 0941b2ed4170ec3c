package equations

import (
	"testing"

	"gonsim/nsim/expr"
)

// FuzzParseEquations checks that any model text either builds a model or
// fails with positioned errors, and never panics.
func FuzzParseEquations(f *testing.F) {
	for _, g := range seedGroups {
		f.Add(g.spec.Model.(string), g.spec.Threshold, g.spec.Reset)
	}
	for _, m := range badModels {
		if s, ok := m.spec.Model.(string); ok {
			f.Add(s, m.spec.Threshold, m.spec.Reset)
		}
	}
	scope := seedScope(f)
	f.Fuzz(func(t *testing.T, model, threshold, reset string) {
		m, err := NewNeuronModel(NeuronSpec{Model: model, Threshold: threshold, Reset: reset}, scope)
		if err != nil {
			for _, e := range expr.Errors(err) {
				if e.Kind != expr.Unsupported && e.Pos.Line < 1 {
					t.Fatalf("error without position: %v", e)
				}
			}
			return
		}
		for _, s := range m.States {
			if m.RHS[s] == nil {
				t.Fatalf("state %s without right-hand side", s)
			}
		}
	})
}
