package nsim

import (
	"fmt"
	"strings"

	"gonsim/nsim/compile"
	"gonsim/nsim/expr"
	"gonsim/nsim/units"
)

// When chooses the scheduling slot of an operation: "start", "groups",
// "thresholds", "synapses", "resets" or "end" (Brian2's when=).
func When(slotName string) Option {
	return Option{"When", func(c *config) error {
		for k, n := range slotNames {
			if n == slotName {
				c.when = slot(k)
				return nil
			}
		}
		return fmt.Errorf("unknown slot %q (slots: %s)", slotName, strings.Join(slotNames[:], ", "))
	}}
}

// Regular is code run on every neuron of a group at regular intervals, on
// its own clock (Brian2's run_regularly). It runs whenever its group is
// simulated.
type Regular struct {
	objBase
	g    *NeuronGroup
	code string
	when slot
	prog *compile.Program
}

// RunRegularly runs the statements code (e.g. "v = v + 0.1") on every
// neuron of the group every dt (Brian2's G.run_regularly(code, dt=…)).
// Options: Dt (default the group's), When (default "start"), Order
// (default 0), Name (default "<group>_run_regularly"). The statements are
// checked now, and their external names re-read at every run. Notebook
// cells call the prelude's RunRegularly(G, code, …), which ends the cell
// on an error instead of returning it.
func (g *NeuronGroup) RunRegularly(code string, opts ...Option) (*Regular, error) {
	const fn = "RunRegularly"
	c, err := applyOptions(fn, []string{"Dt", "When", "Order", "Name"}, opts)
	if err != nil {
		return nil, err
	}
	r := &Regular{g: g, code: code, when: whenStart}
	if c.given["When"] {
		r.when = c.when
	}
	r.dt, r.order = c.dt, c.order
	if r.dt == 0 {
		r.dt = g.dt
	}
	if _, err := r.check(peekName(g.name+"_run_regularly", c.name)); err != nil {
		return nil, err
	}
	if err := registerName(r, g.name+"_run_regularly", c.name); err != nil {
		return nil, err
	}
	// The group's dependency: a network that simulates the group runs its
	// code too (Brian2's contained objects).
	g.deps = append(g.deps, r)
	r.deps = []member{g}
	return r, nil
}

// check checks the statements against the group's current model; name is
// the object's name for errors.
func (r *Regular) check(name string) (*expr.Block, error) {
	b, err := expr.CheckBlock(r.code, r.g.scope())
	if err == nil {
		b, err = substituteStatements(b, r.g.model.Subexpr)
	}
	if err != nil {
		return nil, &ObjectError{name, "run_regularly", err}
	}
	return b, nil
}

// substituteStatements expands subexpressions in the statements' values,
// so that compiled code only reads arrays.
func substituteStatements(b *expr.Block, sub map[string]*expr.Expr) (*expr.Block, error) {
	if len(sub) == 0 {
		return b, nil
	}
	out := &expr.Block{Text: b.Text}
	for _, s := range b.Stmts {
		v, err := expr.Substitute(s.Value, sub)
		if err != nil {
			return nil, err
		}
		c := *s
		c.Value = v
		out.Stmts = append(out.Stmts, &c)
	}
	return out, nil
}

// prepare runs after the group's (a dependency), so the model it checks
// against has this run's external values.
func (r *Regular) prepare(p *runPlan) ([]*op, error) {
	b, err := r.check(r.name)
	if err != nil {
		return nil, err
	}
	g := r.g
	prog, err := compile.Block(b, compile.Env{Bind: g.bind(nil, nil), Rand: g.rand, DT: &g.dtN})
	if err != nil {
		return nil, &ObjectError{r.name, "run_regularly", err}
	}
	r.prog = prog
	return []*op{{name: r.name, when: r.when, order: r.order, dt: r.clockDt(), run: r.run}}, nil
}

func (r *Regular) run(k int64, t float64) {
	g := r.g
	g.tNow = t
	g.refreshLinks()
	r.prog.RunAll(g.n)
}

// Code returns the statements.
func (r *Regular) Code() string { return r.code }

// String summarizes the operation.
func (r *Regular) String() string {
	return fmt.Sprintf("run_regularly '%s' of '%s' every %s: %s", r.name, r.g.name, showTime(r.clockDt()), r.code)
}

// NetworkOp is a Go function called on its own clock during runs
// (Brian2's network_operation).
type NetworkOp struct {
	objBase
	f    func(t units.Time)
	when slot
	plan *runPlan // of the current run, to report a panic
}

// NetworkOperation adds f to the default network: every run calls it at
// t = 0, dt, 2·dt, … of its clock (Brian2's @network_operation(dt=…)),
// with the current time. It may read and Set variables of groups.
// Options: Dt (default the default clock's), When (default "start"),
// Order (default 0), Name (default "networkoperation", then
// "networkoperation_1", …). A panic in f ends the run after the current
// step with an error naming the operation; the network stays usable. f
// must not call Run, Store or Restore of the running network (they return
// an error). Use
// (*Network).Add to put the operation in another network.
func NetworkOperation(f func(t units.Time), opts ...Option) (*NetworkOp, error) {
	const fn = "NetworkOperation"
	c, err := applyOptions(fn, []string{"Dt", "When", "Order", "Name"}, opts)
	if err != nil {
		return nil, err
	}
	if f == nil {
		return nil, &ArgError{fn, "f", "nil function"}
	}
	o := &NetworkOp{f: f, when: whenStart}
	if c.given["When"] {
		o.when = c.when
	}
	o.dt, o.order = c.dt, c.order
	if err := register(o, "networkoperation", c.name); err != nil {
		return nil, err
	}
	return o, nil
}

func (o *NetworkOp) prepare(p *runPlan) ([]*op, error) {
	o.plan = p
	return []*op{{name: o.name, when: o.when, order: o.order, dt: o.clockDt(), run: o.run}}, nil
}

func (o *NetworkOp) run(k int64, t float64) {
	if o.plan.err != nil {
		return // an earlier operation of this step failed
	}
	defer func() {
		if x := recover(); x != nil {
			o.plan.err = &ObjectError{o.name, "network operation", fmt.Errorf("panic at t = %s: %v", formatSeconds(t), x)}
		}
	}()
	o.f(units.Time(t))
}

// String summarizes the operation.
func (o *NetworkOp) String() string {
	return fmt.Sprintf("NetworkOperation '%s' every %s", o.name, showTime(o.clockDt()))
}
