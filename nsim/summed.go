package nsim

import (
	"fmt"
	"strings"

	"gonsim/nsim/compile"
	"gonsim/nsim/equations"
	"gonsim/nsim/rng"
)

// summedUpdater is Brian2's SummedVariableUpdater: every step, before the
// target group's update, the target parameter becomes the sum over each
// neuron's synapses of the summed expression, evaluated with the values
// at the start of the step.
type summedUpdater struct {
	s    *Synapses
	kern *compile.Kernel
	buf  []float64 // the expression per synapse
	data *[]float64
	idx  *[]int32 // the target neuron of every synapse (absolute)
	lo   int      // the target range to zero
	hi   int
}

// summedOps compiles the synapses' summed variables into groups-slot
// operations at the target's order − 1.
func (s *Synapses) summedOps(p *runPlan) ([]*op, error) {
	var ops []*op
	for k, sv := range s.model.Summed {
		part := "summed variable " + sv.Name
		ref, idx := s.tgt, &s.post0
		if sv.Side == equations.Pre {
			ref, idx = s.src, &s.preA
		}
		if err := s.summedConflict(p, sv, ref); err != nil {
			return nil, &ObjectError{s.name, part, err}
		}
		ng, ok := ref.g.owner.(*NeuronGroup)
		v := (*variable)(nil)
		if ok {
			v = ng.vars[sv.Target]
		}
		if v == nil {
			return nil, &ObjectError{s.name, part, fmt.Errorf("%s has no parameter %q", ref.g.name, sv.Target)}
		}
		kern, err := compile.Expr(sv.Expr, compile.Env{Bind: s.bind, Rand: &switchRand{rng.New(s.seed, 1<<43+uint64(k))}, DT: &s.dtN})
		if err != nil {
			return nil, &ObjectError{s.name, part, err}
		}
		u := &summedUpdater{s: s, kern: kern, buf: make([]float64, s.n), data: &v.data, idx: idx, lo: ref.lo, hi: ref.hi}
		ops = append(ops, &op{name: s.name + "_summed_variable_" + sv.Name, when: whenGroups,
			order: ng.order - 1, dt: ng.clockDt(), run: u.run})
	}
	return ops, nil
}

func (u *summedUpdater) run(k int64, t float64) {
	u.s.tNow = t
	if len(u.buf) > 0 {
		u.kern.Eval(u.buf)
	}
	d := *u.data
	clear(d[u.lo:u.hi])
	ix := *u.idx
	for syn, x := range u.buf {
		d[ix[syn]] += x
	}
}

// summedConflict refuses a second summed variable writing the same
// variable of the same group, from these or other synapses of the run
// (Brian2: "Multiple 'summed variables' target the variable ...").
func (s *Synapses) summedConflict(p *runPlan, sv *equations.Summed, ref groupRef) error {
	members, _ := p.net.closure()
	for _, m := range members {
		o, ok := m.(*Synapses)
		if !ok || o.model == nil {
			continue
		}
		for _, ov := range o.model.Summed {
			if o == s && ov == sv {
				break // only the variables before sv in s itself
			}
			oref := o.tgt
			if ov.Side == equations.Pre {
				oref = o.src
			}
			if ov.Target == sv.Target && oref.g == ref.g {
				return fmt.Errorf("the variable %q of %s is also written by the summed variable %q of %s; use a separate parameter for each summed variable and add them in the target group",
					sv.Target, ref.g.name, ov.Name, o.name)
			}
		}
	}
	return nil
}

// flagRows describes the event-driven and summed variables in the
// synapses' MIME bundle.
func (s *Synapses) flagRows() [][2]string {
	var rows [][2]string
	if len(s.model.EventDriven) > 0 {
		rows = append(rows, [2]string{"event-driven", strings.Join(s.model.EventDriven, ", ") + " (updated at events, from lastupdate)"})
	}
	for _, sv := range s.model.Summed {
		g := s.tgt.g.name
		if sv.Side == equations.Pre {
			g = s.src.g.name
		}
		rows = append(rows, [2]string{"summed", fmt.Sprintf("%s → %s.%s", sv.Name, g, sv.Target)})
	}
	return rows
}
