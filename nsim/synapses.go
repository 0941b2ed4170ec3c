package nsim

import (
	"fmt"
	"math"
	"strings"

	"gonsim/nsim/compile"
	"gonsim/nsim/equations"
	"gonsim/nsim/expr"
	"gonsim/nsim/integrate"
	"gonsim/nsim/rng"
	"gonsim/nsim/units"
)

// Synapses connects a source group to a target group; on_pre statements
// run for every synapse of a presynaptic spike, after its delay, and
// on_post statements for every synapse of a postsynaptic spike
// (Brian2's Synapses).
type Synapses struct {
	objBase
	src, tgt    groupRef
	spec        equations.SynapseSpec
	ns          map[string]any
	model       *equations.SynapseModel
	n           int
	pre, post   []int32   // relative to src / tgt
	preA, post0 []int32   // absolute indices in the underlying groups (pre, post when they start at 0)
	iF, jF      []float64 // float copies of pre, post once needed (synapses_lazy.go)
	vars        map[string]*variable
	delay       []float64 // once needed; until then every delay is defDelay
	lazyArrays
	defDelay   float64
	tNow, dtN  float64
	nF         float64
	conn       uint64
	pathways   []*pathway
	method     string // requested for differential equations
	chosen     string
	upd        *stateUpdater
	updStreams []*rng.Stream // the updater's per-block streams, kept across runs (snapshot.go)

	// Connect's multisynaptic index and string delay (feature conn)
	msIndex   string     // MultisynapticIndex variable, "" if none
	delayExpr *expr.Expr // Delay given as a string, evaluated per new synapse
}

// pathway delivers the spikes of one side (pre or post) to the synapses.
type pathway struct {
	s     *Synapses
	name  string
	src   groupRef
	code  *expr.Block
	prog  *compile.Program
	rows  csr                // synapses of each neuron of src
	inc   *compile.Increment // the code is one uniform increment (ge += we): run without a synapse list
	steps []int32            // delay in steps per synapse, nil when all are step0
	step0 int32
	ring  [][]int32 // ring[(cur+d) % len] holds synapses due in d steps
	cur   int
	zero  bool // every delay is zero: no queue
	buf   []int32
	due   []int32
	rand  *switchRand // created with the pathway, continued by later runs
}

// NewSynapses creates synapses from src to tgt (no connections yet; call
// Connect). Options: Model, OnPre, OnPost, Delay (a time or a string
// evaluated per synapse), MultisynapticIndex, Namespace, Dt, Name, Order.
// Strings are checked now; a bare name in on_pre/on_post is the
// synapse's variable if it has one, else the postsynaptic neuron's.
func NewSynapses(src, tgt Group, opts ...Option) (*Synapses, error) {
	const fn = "NewSynapses"
	c, err := applyOptions(fn, []string{"Model", "OnPre", "OnPost", "Delay", "Method", "Namespace", "Dt", "Name", "Order", "MultisynapticIndex"}, opts)
	if err != nil {
		return nil, err
	}
	if src == nil || tgt == nil {
		return nil, &ArgError{fn, "", "nil source or target group"}
	}
	s := &Synapses{src: src.ref(), tgt: tgt.ref(), ns: c.namespace, vars: map[string]*variable{}, method: c.method,
		spec: equations.SynapseSpec{Model: c.model, OnPre: c.onPre, OnPost: c.onPost}}
	s.dt, s.order = c.dt, c.order
	s.msIndex, s.spec.Model = c.multisynIdx, withMultisynapticIndex(c.model, c.multisynIdx)
	if s.dt == 0 {
		s.dt = s.src.g.dt
	}
	s.seed = newSeed()
	m, err := s.buildModel()
	if err != nil {
		return nil, &ObjectError{peekName("synapses", c.name), modelParts(err), err}
	}
	s.model = m
	if err := s.setDelayOption(c.delay); err != nil {
		return nil, &ObjectError{peekName("synapses", c.name), "delay", err}
	}
	for _, q := range m.Eqs.List {
		if q.Kind != equations.Subexpression {
			s.vars[q.Name] = &variable{name: q.Name, dim: q.Dim, kind: q.Kind, flags: q.Flags}
		}
	}
	if m.LastUpdate {
		s.vars["lastupdate"] = &variable{name: "lastupdate", dim: m.Symbols["lastupdate"].Dim, kind: equations.Parameter}
	}
	noteUnflagged(m)
	s.deps = []member{s.src.g.owner, s.tgt.g.owner}
	if err := register(s, "synapses", c.name); err != nil {
		return nil, err
	}
	return s, nil
}

func neuronModel(g *groupCore) *equations.NeuronModel {
	if ng, ok := g.owner.(*NeuronGroup); ok {
		return ng.model
	}
	return nil
}

func (s *Synapses) buildModel() (*equations.SynapseModel, error) {
	spec := s.spec
	if spec.Model == "" {
		spec.Model = nil
	}
	if spec.Model == nil {
		spec.Model = ""
	}
	return equations.NewSynapseModel(spec, neuronModel(s.src.g), neuronModel(s.tgt.g), userScope(s.ns))
}

// N returns the number of synapses.
func (s *Synapses) N() int { return s.n }

// I returns the presynaptic index of every synapse.
func (s *Synapses) I() []int { return ints(s.pre) }

// J returns the postsynaptic index of every synapse.
func (s *Synapses) J() []int { return ints(s.post) }

func ints(x []int32) []int {
	out := make([]int, len(x))
	for k, v := range x {
		out[k] = int(v)
	}
	return out
}

// scope is where strings given to the synapses are checked: the model's
// names plus delay.
func (s *Synapses) scope() expr.Scope {
	return expr.Chain(expr.Symbols{"delay": {Name: "delay", Kind: expr.Array, Dim: timeDim, Ref: "delay"}}, s.model.Symbols, userScope(s.ns))
}

// bind tells compiled synaptic code where a symbol lives: element k is
// synapse k.
func (s *Synapses) bind(sym expr.Symbol) (compile.Binding, error) {
	if r, ok := sym.Ref.(string); ok && r == "delay" {
		s.needDelay()
		return compile.Binding{Data: &s.delay}, nil
	}
	r, ok := sym.Ref.(equations.VarRef)
	if !ok {
		return compile.Binding{}, fmt.Errorf("cannot bind %s in synapses %s", sym.Name, s.name)
	}
	switch r.Owner {
	case equations.Own:
		switch r.Name {
		case "t":
			return compile.Binding{Ptr: &s.tNow}, nil
		case "dt":
			return compile.Binding{Ptr: &s.dtN}, nil
		case "N":
			return compile.Binding{Ptr: &s.nF}, nil
		case "i":
			s.needIJ()
			return compile.Binding{Data: &s.iF}, nil
		case "j":
			s.needIJ()
			return compile.Binding{Data: &s.jF}, nil
		}
		if v, ok := s.vars[r.Name]; ok {
			return compile.Binding{Data: &v.data}, nil
		}
	case equations.Pre, equations.Post:
		g, ix, rel := s.src.g, &s.preA, &s.iF
		if r.Owner == equations.Post {
			g, ix, rel = s.tgt.g, &s.post0, &s.jF
		}
		if r.Name == "i" {
			s.needIJ()
			return compile.Binding{Data: rel}, nil
		}
		if r.Name == "t" {
			return compile.Binding{Ptr: &s.tNow}, nil
		}
		if r.Name == "dt" {
			return compile.Binding{Ptr: &s.dtN}, nil
		}
		ng, ok := g.owner.(*NeuronGroup)
		if !ok {
			break
		}
		if l, ok := ng.links[r.Name]; ok && l.refresh == nil {
			// A linked variable seen through a synapse: compose the indices.
			comp := make([]int32, len(*ix))
			for k, n := range *ix {
				comp[k] = l.index[n]
			}
			return compile.Binding{Data: l.data, Index: &comp}, nil
		}
		v, ok := ng.vars[r.Name]
		if !ok || v.data == nil {
			break
		}
		b := compile.Binding{Data: &v.data, Index: ix}
		if v.flags.UnlessRefractory {
			if nr, ok := ng.vars["not_refractory"]; ok {
				b.Mask = &nr.data
			}
		}
		return b, nil
	}
	return compile.Binding{}, fmt.Errorf("synapses %s: cannot bind %s (%s variable %s)", s.name, sym.Name, r.Owner, r.Name)
}

func (s *Synapses) writable(fn, name string) (*[]float64, units.Dim, error) {
	if name == "delay" {
		s.needDelay()
		return &s.delay, timeDim, nil
	}
	v, ok := s.vars[name]
	if !ok {
		names := []string{"delay"}
		for n := range s.vars {
			names = append(names, n)
		}
		return nil, units.Dim{}, &ObjectError{s.name, fn, fmt.Errorf("no synaptic variable %q (variables: %s)", name, strings.Join(names, ", "))}
	}
	return &v.data, v.dim, nil
}

// Set gives a synaptic variable (or "delay") the value x in every
// synapse.
func (s *Synapses) Set(name string, x any) error {
	if name == "delay" && !s.withDelay {
		// One delay for all: nothing per synapse to materialise.
		val, err := checkValue(name, timeDim, x)
		if err != nil {
			return &ObjectError{s.name, "Set", err}
		}
		s.defDelay, s.delayExpr = val, nil
		return nil
	}
	d, dim, err := s.writable("Set", name)
	if err != nil {
		return err
	}
	val, err := checkValue(name, dim, x)
	if err != nil {
		return &ObjectError{s.name, "Set", err}
	}
	for k := range *d {
		(*d)[k] = val
	}
	if name == "delay" {
		s.defDelay, s.delayExpr = val, nil
	}
	return nil
}

// SetSlice sets a synaptic variable synapse by synapse (see
// NeuronGroup.SetSlice for the accepted slices).
func (s *Synapses) SetSlice(name string, values any) error {
	d, dim, err := s.writable("SetSlice", name)
	if err != nil {
		return err
	}
	vals, err := sliceValues(name, dim, values)
	if err != nil {
		return &ObjectError{s.name, "SetSlice", err}
	}
	if len(vals) != s.n {
		return &ObjectError{s.name, "SetSlice", fmt.Errorf("%d values for %d synapses", len(vals), s.n)}
	}
	copy(*d, vals)
	return nil
}

// SetExpr sets a synaptic variable from an expression evaluated for every
// synapse, e.g. SetExpr("w", "j*0.2") or SetExpr("delay", "j*2*ms"); i, j
// and pre-/postsynaptic variables (v_pre, v_post) are available.
func (s *Synapses) SetExpr(name, text string) error {
	d, dim, err := s.writable("SetExpr", name)
	if err != nil {
		return err
	}
	part := fmt.Sprintf("SetExpr(%q)", name)
	e, err := expr.Check(text, s.scope())
	if err != nil {
		return &ObjectError{s.name, part, err}
	}
	if err := e.Expect(dim, fmt.Sprintf("the right-hand side of %s = %s", name, text)); err != nil {
		return &ObjectError{s.name, part, err}
	}
	s.conn++
	k, err := compile.Expr(e, compile.Env{Bind: s.bind, Rand: &switchRand{rng.New(s.seed, 1<<40+s.conn)}, DT: &s.dtN})
	if err != nil {
		return &ObjectError{s.name, part, err}
	}
	out := make([]float64, s.n)
	k.Eval(out)
	copy(*d, out)
	return nil
}

// Get returns a synaptic variable (or "delay") for every synapse.
func (s *Synapses) Get(name string) Values {
	d, dim, err := s.writable("Get", name)
	if err != nil {
		return failedValues(err)
	}
	return newValues(name, append([]float64(nil), (*d)...), dim)
}

func (s *Synapses) prepare(p *runPlan) ([]*op, error) {
	s.dtN = s.clockDt()
	m, err := s.buildModel()
	if err != nil {
		return nil, &ObjectError{s.name, modelParts(err), err}
	}
	s.model = m
	var ops []*op
	if len(m.States) > 0 {
		sp := &updSpec{name: s.name, n: s.n, vars: s.vars, states: m.States, rhs: m.RHS, subexpr: m.Subexpr,
			eqs: m.Eqs, scope: s.scope(), bind: s.bindUpd, dt: &s.dtN, seed: s.seed, method: s.method, chosen: &s.chosen,
			streams: &s.updStreams}
		upd, err := newStateUpdater(sp)
		if err != nil {
			return nil, &ObjectError{s.name, "integration", err}
		}
		s.upd = upd
		ops = append(ops, &op{name: s.name + "_stateupdater", when: whenGroups, order: s.order, dt: s.dtN, run: func(k int64, t float64) {
			s.tNow = t
			if s.upd != nil {
				s.upd.step(t)
			}
		}})
	}
	summed, err := s.summedOps(p)
	if err != nil {
		return nil, err
	}
	ops = append(ops, summed...)
	if o, err := s.constOverDtOp(); err != nil {
		return nil, err
	} else if o != nil {
		ops = append(ops, o)
	}
	sides := []struct {
		name  string
		code  *expr.Block
		src   groupRef
		other []int32
		order int // Brian2: pre pathways at −1, post pathways at +1
	}{{"pre", m.OnPre, s.src, s.pre, -1}, {"post", m.OnPost, s.tgt, s.post, 1}}
	old := s.pathways
	s.pathways = nil
	for k, side := range sides {
		if side.code == nil {
			continue
		}
		var pw *pathway
		for _, o := range old {
			if o.name == s.name+"_"+side.name {
				pw = o
			}
		}
		if pw == nil {
			pw = &pathway{s: s, name: s.name + "_" + side.name, src: side.src, rand: &switchRand{rng.New(s.seed, 1<<42+uint64(k))}}
		}
		pw.code = side.code
		prog, err := compile.Block(side.code, compile.Env{Bind: s.bind, Rand: pw.rand, DT: &s.dtN})
		if err != nil {
			return nil, &ObjectError{s.name, "on_" + side.name, err}
		}
		pw.prog = prog
		pw.rows = newCSR(side.other, side.src.size())
		pw.inc = prog.Increment()
		if err := pw.layoutQueue(side.name == "pre"); err != nil {
			return nil, err
		}
		s.pathways = append(s.pathways, pw)
		ops = append(ops, &op{name: pw.name, when: whenSynapses, order: side.order + s.order, dt: s.dtN, run: pw.run})
	}
	return ops, nil
}

// layoutQueue converts delays to steps (numpy rounding, SEMANTICS §5) and
// sizes the ring, keeping events still in flight from an earlier run.
// Synapses that all have one delay keep no per-synapse steps.
func (pw *pathway) layoutQueue(delayed bool) error {
	s := pw.s
	pw.steps, pw.step0 = pw.steps[:0], 0
	maxd := int32(0)
	if delayed {
		for syn := 0; syn < s.n && (syn == 0 || s.withDelay); syn++ {
			d := s.delayOf(syn)
			if !(d >= 0) || d/s.dtN > math.MaxInt32/2 {
				return &ObjectError{s.name, "delay", fmt.Errorf("delay %s of synapse %d is not a non-negative time of reasonable size", formatSeconds(d), syn)}
			}
			st := int32(roundHalfEven(d / s.dtN))
			if syn == 0 {
				pw.step0 = st
			} else if st != pw.step0 && len(pw.steps) == 0 {
				pw.steps = append(pw.steps, make([]int32, syn)...)
				for k := range syn {
					pw.steps[k] = pw.step0
				}
			}
			if len(pw.steps) > 0 {
				pw.steps = append(pw.steps, st)
			}
			maxd = max(maxd, st)
		}
	}
	if len(pw.steps) == 0 {
		pw.steps = nil
	}
	pw.zero = maxd == 0
	size := int(maxd) + 1
	if len(pw.ring) == size {
		return nil
	}
	// Re-lay pending events by their remaining wait.
	ring := make([][]int32, size)
	for d := 0; d < len(pw.ring); d++ {
		ev := pw.ring[(pw.cur+d)%len(pw.ring)]
		if len(ev) > 0 {
			ring[d%size] = append(ring[d%size], ev...)
		}
	}
	pw.ring, pw.cur = ring, 0
	if len(ring) > 1 {
		pw.zero = false
	}
	return nil
}

// run is the synapses-slot operation: push this step's spikes, then apply
// every event whose delay has expired, zero delays included.
func (pw *pathway) run(k int64, t float64) {
	s := pw.s
	s.tNow = t
	pw.buf = pw.src.spikesIn(pw.buf[:0])
	if pw.zero {
		if len(pw.buf) == 0 {
			return
		}
		if pw.inc != nil && pw.rows.perm == nil {
			pw.inc.Ranges(pw.buf, pw.rows.start)
			return
		}
		pw.due = pw.due[:0]
		for _, n := range pw.buf {
			pw.due = pw.rows.appendRow(pw.due, n)
		}
		if len(pw.due) > 0 {
			pw.prog.Run(pw.due)
		}
		return
	}
	L := len(pw.ring)
	for _, n := range pw.buf {
		if pw.steps == nil {
			slot := (pw.cur + int(pw.step0)) % L
			pw.ring[slot] = pw.rows.appendRow(pw.ring[slot], n)
			continue
		}
		for q := pw.rows.start[n]; q < pw.rows.start[n+1]; q++ {
			syn := pw.rows.syn(q)
			slot := (pw.cur + int(pw.steps[syn])) % L
			pw.ring[slot] = append(pw.ring[slot], syn)
		}
	}
	due := pw.ring[pw.cur]
	if len(due) > 0 {
		pw.prog.Run(due)
		pw.ring[pw.cur] = due[:0]
	}
	pw.cur = (pw.cur + 1) % L
}

// bindUpd is bind plus the temporaries and noise arrays of a state
// updater (synapses with differential equations).
func (s *Synapses) bindUpd(temps, noise map[string][]float64) func(expr.Symbol) (compile.Binding, error) {
	return func(sym expr.Symbol) (compile.Binding, error) {
		switch r := sym.Ref.(type) {
		case integrate.Temp:
			d := temps[r.Name]
			return compile.Binding{Data: &d}, nil
		case equations.VarRef:
			if d, ok := temps[r.Name]; ok && r.Owner == equations.Own && r.Kind == equations.Subexpression {
				return compile.Binding{Data: &d}, nil
			}
		}
		if isNoise(sym.Name) && noise != nil {
			if d, ok := noise[sym.Name]; ok {
				return compile.Binding{Data: &d}, nil
			}
		}
		return s.bind(sym)
	}
}

// Method returns the integration method of the synapses' differential
// equations used by the last run ("" without equations).
func (s *Synapses) Method() string {
	if s.chosen != "" {
		return s.chosen
	}
	return s.method
}
