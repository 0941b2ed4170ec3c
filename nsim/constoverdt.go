package nsim

import (
	"math"

	"gonsim/nsim/compile"
	"gonsim/nsim/rng"
)

// beforeStart is the order, in the start slot, of Brian2's "before_start"
// slot: it runs before every other start operation.
const beforeStart = math.MinInt32

// constOverDtOp evaluates the synapses' (constant over dt) subexpressions
// into their variables once per step, before everything else (Brian2's
// SubexpressionUpdater, when="before_start").
func (s *Synapses) constOverDtOp() (*op, error) {
	if len(s.model.ConstOverDt) == 0 {
		return nil, nil
	}
	type update struct {
		kern *compile.Kernel
		data *[]float64
	}
	var ups []update
	for k, c := range s.model.ConstOverDt {
		kern, err := compile.Expr(c.Expr, compile.Env{Bind: s.bind, Rand: &switchRand{rng.New(s.seed, 1<<44+uint64(k))}, DT: &s.dtN})
		if err != nil {
			return nil, &ObjectError{s.name, "subexpression " + c.Name, err}
		}
		ups = append(ups, update{kern, &s.vars[c.Name].data})
	}
	return &op{name: s.name + "_subexpression_update", when: whenStart, order: beforeStart, dt: s.dtN, run: func(k int64, t float64) {
		s.tNow = t
		for _, u := range ups {
			if d := *u.data; len(d) > 0 {
				u.kern.Eval(d)
			}
		}
	}}, nil
}
