package nsim

import (
	"strings"

	"gonsim/nsim/expr"
	"gonsim/nsim/rng"
	"gonsim/nsim/units"
)

// userScope resolves names that are not model variables: the object's
// Namespace option first, then the resolver set with SetResolver. Values
// are read when the model is checked, i.e. at construction and again at
// every run, so that changing tau between runs changes the next run.
func userScope(ns map[string]any) expr.Scope {
	return expr.ScopeFunc(func(name string) (expr.Symbol, bool) {
		if v, ok := ns[name]; ok {
			if sym, ok := userSymbol(name, v); ok {
				return sym, true
			}
		}
		mu.Lock()
		r := resolver
		mu.Unlock()
		if r != nil {
			if v, ok := r(name); ok {
				if sym, ok := userSymbol(name, v); ok {
					return sym, true
				}
			}
		}
		return expr.Symbol{}, false
	})
}

// userSymbol is the symbol of a user's value: a constant for a quantity or
// number, a function for a *TimedArray.
func userSymbol(name string, v any) (expr.Symbol, bool) {
	if ta, ok := v.(*TimedArray); ok && ta != nil {
		return expr.Symbol{Name: name, Kind: expr.Function, Func: ta.fn, ReadOnly: true}, true
	}
	if q, err := units.Of(v); err == nil {
		return expr.ConstantOf(name, q), true
	}
	return expr.Symbol{}, false
}

func isNoise(name string) bool { return name == "xi" || strings.HasPrefix(name, "xi_") }

// switchRand is the expr.Rand of a compiled kernel: it draws from whichever
// stream the engine points it at (one stream per block of neurons keeps
// results independent of the number of worker goroutines).
type switchRand struct{ s *rng.Stream }

func (r *switchRand) Float64() float64     { return r.s.Float64() }
func (r *switchRand) NormFloat64() float64 { return r.s.Norm() }
