package nsim

import (
	"fmt"

	"gonsim/nsim/compile"
	"gonsim/nsim/expr"
	"gonsim/nsim/rng"
	"gonsim/nsim/units"
)

// PoissonInput adds independent Poisson input to a variable of every
// neuron of a group (Brian2's PoissonInput): in each step, in the
// synapses slot, each neuron's variable grows by weight × Binomial(N,
// rate·dt), the number of spikes of N Poisson sources in one step. It is
// much cheaper than a PoissonGroup of N sources and Synapses.
type PoissonInput struct {
	objBase
	tgt     groupRef
	ng      *NeuronGroup
	varName string
	n       int
	rate    float64 // Hz
	weight  float64 // SI, when given as a quantity
	wText   string  // the weight expression, when given as a string
	wKern   *compile.Kernel
	wBuf    []float64
	wRel    []float64 // i relative to a subgroup, for the weight expression
	bin     binomial
	// rs is the input's random stream, its only state across runs.
	rs *rng.Stream
}

// NewPoissonInput adds to variable varName of target (a NeuronGroup or
// Subgroup) the input of n Poisson sources firing at rate (a frequency),
// each spike adding weight: a quantity with the variable's unit, or a
// string expression evaluated for each neuron in the group's context
// (e.g. "w0*(1 + i)"). Options: Name, Order (in the synapses slot, default
// 0).
func NewPoissonInput(target Group, varName string, n int, rate, weight any, opts ...Option) (*PoissonInput, error) {
	const fn = "NewPoissonInput"
	c, err := applyOptions(fn, []string{"Name", "Order"}, opts)
	if err != nil {
		return nil, err
	}
	if target == nil {
		return nil, &ArgError{fn, "target", "nil group"}
	}
	r := target.ref()
	ng, isNG := r.g.owner.(*NeuronGroup)
	if !isNG {
		return nil, &ArgError{fn, "target", fmt.Sprintf("%s has no variables to add input to (want a NeuronGroup or Subgroup)", target.Name())}
	}
	v, err := ng.writable(fn, varName)
	if err != nil {
		return nil, &ArgError{fn, "target_var", err.Error()}
	}
	if v.hidden {
		// As in code: the threshold and the refractory period set them.
		return nil, &ArgError{fn, "target_var", fmt.Sprintf("%s is read-only: the threshold and the refractory period set it", varName)}
	}
	if n < 0 {
		return nil, &ArgError{fn, "N", fmt.Sprintf("the number of inputs must not be negative, got %d", n)}
	}
	q, err := quantityArg(fn, "rate", rate)
	if err != nil {
		return nil, err
	}
	if q.Dim != freqDim || !(q.Value >= 0) || q.Value > 1e300 {
		return nil, &ArgError{fn, "rate", fmt.Sprintf("want a finite, non-negative rate in Hz, got %s (unit %s)", q, dimString(q.Dim))}
	}
	in := &PoissonInput{tgt: r, ng: ng, varName: varName, n: n, rate: q.Value}
	in.order = c.order
	name := peekName("poissoninput", c.name)
	if s, isText := weight.(string); isText {
		in.wText = s
		if _, err := in.compileWeight(name, v.dim); err != nil {
			return nil, err
		}
	} else {
		w, err := quantityArg(fn, "weight", weight)
		if err != nil {
			return nil, err
		}
		if w.Dim != v.dim {
			return nil, &ArgError{fn, "weight", fmt.Sprintf("the weight %s has unit %s, but %s.%s has unit %s", w, w.Dim.Unit(), target.Name(), varName, v.dim.Unit())}
		}
		in.weight = w.Value
	}
	in.seed = newSeed()
	in.rs = rng.New(in.seed, 0)
	in.deps = []member{ng}
	if err := register(in, "poissoninput", c.name); err != nil {
		return nil, err
	}
	return in, nil
}

// compileWeight checks the weight expression in the target's scope (i
// counts from a subgroup's first neuron, as in Brian2).
func (in *PoissonInput) compileWeight(name string, want units.Dim) (*compile.Kernel, error) {
	g, lo := in.ng, in.tgt.lo
	sc := g.scope()
	if lo > 0 {
		sc = expr.Chain(expr.Symbols{"i": {Name: "i", Kind: expr.Array, ReadOnly: true, Ref: subgroupIndex{}}}, sc)
	}
	part := "weight"
	e, err := expr.Check(in.wText, sc)
	if err == nil {
		err = e.Expect(want, "the weight")
	}
	if err == nil {
		e, err = expr.Substitute(e, g.model.Subexpr)
	}
	if err != nil {
		return nil, &ObjectError{name, part, err}
	}
	in.wRel = make([]float64, g.n)
	for k := range in.wRel {
		in.wRel[k] = float64(k - lo)
	}
	bind := g.bind(nil, nil)
	k, err := compile.Expr(e, compile.Env{Bind: func(sym expr.Symbol) (compile.Binding, error) {
		if _, ok := sym.Ref.(subgroupIndex); ok {
			return compile.Binding{Data: &in.wRel}, nil
		}
		return bind(sym)
	}, Rand: g.rand, DT: &g.dtN})
	if err != nil {
		return nil, &ObjectError{name, part, err}
	}
	return k, nil
}

// N returns the number of Poisson sources per neuron.
func (in *PoissonInput) N() int { return in.n }

// Rate returns the rate of each source.
func (in *PoissonInput) Rate() units.Frequency { return units.Frequency(in.rate) }

func (in *PoissonInput) prepare(p *runPlan) ([]*op, error) {
	dt := in.ng.clockDt()
	pr := in.rate * dt
	if pr > 1 {
		return nil, &ObjectError{in.name, "rate", fmt.Errorf("rate·dt = %g is more than 1: the rate %s is too high for dt = %s", pr, units.Quantity{Value: in.rate, Dim: freqDim}, formatSeconds(dt))}
	}
	in.bin = newBinomial(in.n, pr)
	in.wKern = nil
	if in.wText != "" {
		v, err := in.ng.writable("NewPoissonInput", in.varName)
		if err != nil {
			return nil, &ObjectError{in.name, "target_var", err}
		}
		if in.wKern, err = in.compileWeight(in.name, v.dim); err != nil {
			return nil, err
		}
		in.wBuf = make([]float64, in.tgt.size())
	}
	return []*op{{name: in.name, when: whenSynapses, order: in.order, dt: dt, run: in.run}}, nil
}

// run adds this step's input. A (unless refractory) variable takes it
// only outside the refractory period, like any write outside the reset
// (SEMANTICS §3).
func (in *PoissonInput) run(k int64, t float64) {
	g := in.ng
	lo, hi := in.tgt.lo, in.tgt.hi
	v := g.vars[in.varName]
	d := v.data[lo:hi]
	var nr []float64
	if v.flags.UnlessRefractory && g.refr.nr != nil {
		nr = g.refr.nr[lo:hi]
	}
	if in.wKern != nil {
		g.tNow = t
		g.refreshLinks()
		in.wKern.EvalRange(in.wBuf, lo)
	}
	for i := range d {
		x := in.bin.draw(in.rs)
		if x == 0 || nr != nil && nr[i] == 0 {
			continue
		}
		w := in.weight
		if in.wKern != nil {
			w = in.wBuf[i]
		}
		d[i] += w * float64(x)
	}
}

// String summarises the input, e.g. "PoissonInput 'poissoninput' to
// 'neurongroup'.v: 100 sources at 10 Hz".
func (in *PoissonInput) String() string {
	return fmt.Sprintf("PoissonInput '%s' to '%s'.%s: %d sources at %s", in.name, in.tgt.g.name, in.varName, in.n, units.Quantity{Value: in.rate, Dim: freqDim})
}
