package nsim

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"

	"gonsim/nsim/compile"
	"gonsim/nsim/equations"
	"gonsim/nsim/expr"
	"gonsim/nsim/integrate"
	"gonsim/nsim/rng"
	"gonsim/nsim/units"
)

// variable is one per-neuron array of a group.
type variable struct {
	name   string
	dim    units.Dim
	data   []float64
	kind   equations.Kind
	flags  equations.Flags
	hidden bool // lastspike, not_refractory
}

// link is a linked variable: a reference to another group's variable.
type link struct {
	src     groupRef
	srcName string
	index   []int32   // source element read by each neuron
	buf     []float64 // the source's values, when the source is a subexpression
	refresh func()    // fills buf; nil when the source is an array
	// constant marks a subexpression source that depends on no variable
	// (e.g. "x = 1.5 : 1"): it is evaluated once per run, not per use.
	constant bool
	data     *[]float64
}

// NeuronGroup is a group of neurons defined by equations, with optional
// threshold, reset and refractoriness (Brian2's NeuronGroup).
type NeuronGroup struct {
	groupCore
	spec      equations.NeuronSpec
	ns        map[string]any
	method    string // as requested ("" for automatic)
	chosen    string // as used in the last run
	model     *equations.NeuronModel
	vars      map[string]*variable
	links     map[string]*link
	linkList  []*link   // the same, for iterating every step without a map
	idx       []float64 // 0…N-1, for i
	tNow, dtN float64
	nF        float64
	initRuns  uint64
	// refrWrites counts the user's writes of lastspike and
	// not_refractory (Set…), which invalidate the fused update's set of
	// refractory neurons (refrset.go) when a network operation
	// makes them during a run. Each run starts without the set.
	refrWrites uint64

	// Prepared for a run.
	upd    *stateUpdater
	thr    *compile.Kernel
	thrOut []int32
	reset  *compile.Program
	refr   refractory
	rand   *switchRand

	updStreams []*rng.Stream // the updater's per-block streams, kept across runs (snapshot.go)
	ev         groupEvents   // custom events (events.go)
}

type refractory struct {
	kind   equations.RefractoryKind
	steps  int64
	kern   *compile.Kernel // per-neuron time, or condition
	buf    []float64
	lastsp []float64
	nr     []float64
	// set, if not nil, is the set of refractory neurons that the fused
	// update keeps (refrset.go); the threshold adds the neurons that
	// spike.
	set *refrSet
}

// NewNeuronGroup creates n neurons with the model equations eqs. Options:
// Threshold, Reset, Refractory, Method, Dt, Namespace, Name, Order,
// Events. Equations, threshold, reset, refractoriness and event
// conditions are checked now (names,
// units); names that are not model variables are looked up in the
// Namespace option, then through the resolver set with SetResolver.
func NewNeuronGroup(n int, eqs string, opts ...Option) (*NeuronGroup, error) {
	const fn = "NewNeuronGroup"
	c, err := applyOptions(fn, []string{"Threshold", "Reset", "Refractory", "Method", "Dt", "Namespace", "Name", "Order", "Events"}, opts)
	if err != nil {
		return nil, err
	}
	if n < 1 {
		return nil, &ArgError{fn, "N", fmt.Sprintf("need at least one neuron, got %d", n)}
	}
	if c.method != "" {
		if _, err := integrate.Lookup(c.method); err != nil {
			return nil, &ArgError{fn, "Method", err.Error()}
		}
	}
	g := &NeuronGroup{
		spec:   equations.NeuronSpec{Model: eqs, Threshold: c.threshold, Reset: c.reset, Refractory: c.refractory},
		ns:     c.namespace,
		method: c.method,
		vars:   map[string]*variable{},
		links:  map[string]*link{},
	}
	g.n, g.dt, g.order, g.owner = n, c.dt, c.order, g
	g.nF = float64(n)
	g.dtN = g.clockDt()
	g.seed = newSeed()
	g.rand = &switchRand{}
	m, err := equations.NewNeuronModel(g.spec, userScope(g.ns))
	if err != nil {
		return nil, &ObjectError{peekName("neurongroup", c.name), modelParts(err), err}
	}
	g.model = m
	if err := claimGroupBudget(peekName("neurongroup", c.name), n, m); err != nil {
		return nil, err
	}
	g.idx = make([]float64, n)
	for i := range g.idx {
		g.idx[i] = float64(i)
	}
	for _, q := range m.Eqs.List {
		if q.Kind == equations.Subexpression {
			continue
		}
		v := &variable{name: q.Name, dim: q.Dim, kind: q.Kind, flags: q.Flags}
		if !q.Flags.Linked {
			v.data = make([]float64, n)
		}
		g.vars[q.Name] = v
	}
	if m.Refractory.Kind != equations.NoRefractory {
		ls := &variable{name: "lastspike", dim: m.Symbols["lastspike"].Dim, data: make([]float64, n), hidden: true}
		for i := range ls.data {
			ls.data[i] = -1e4
		}
		nr := &variable{name: "not_refractory", data: make([]float64, n), hidden: true}
		for i := range nr.data {
			nr.data[i] = 1
		}
		g.vars["lastspike"], g.vars["not_refractory"] = ls, nr
	}
	if err := g.initEvents(peekName("neurongroup", c.name), c.events); err != nil {
		return nil, err
	}
	if err := register(g, "neurongroup", c.name); err != nil {
		return nil, err
	}
	// After register, which names the group.
	if m.Threshold != nil && m.Reset == nil && m.Refractory.Kind == equations.NoRefractory {
		logf("WARNING", "%s has a threshold but neither reset nor refractoriness: it will spike in every step while above threshold", g.name)
	}
	return g, nil
}

func (g *NeuronGroup) ref() groupRef { return groupRef{&g.groupCore, 0, g.n} }

// Method returns the integration method used by the last run (or the one
// requested, before any run).
func (g *NeuronGroup) Method() string {
	if g.chosen != "" {
		return g.chosen
	}
	return g.method
}

// scope is where strings given to this group are checked.
func (g *NeuronGroup) scope() expr.Scope { return g.model.Scope(userScope(g.ns)) }

// bind tells compiled code where a symbol of this group lives.
func (g *NeuronGroup) bind(temps map[string][]float64, noise map[string][]float64) func(expr.Symbol) (compile.Binding, error) {
	return func(sym expr.Symbol) (compile.Binding, error) {
		switch r := sym.Ref.(type) {
		case integrate.Temp:
			d := temps[r.Name]
			return compile.Binding{Data: &d}, nil
		case equations.VarRef:
			if d, ok := temps[r.Name]; ok && r.Kind == equations.Subexpression {
				return compile.Binding{Data: &d}, nil
			}
			return g.bindVar(r.Name, sym)
		}
		if isNoise(sym.Name) && noise != nil {
			if d, ok := noise[sym.Name]; ok {
				return compile.Binding{Data: &d}, nil
			}
		}
		return g.bindVar(sym.Name, sym)
	}
}

func (g *NeuronGroup) bindVar(name string, sym expr.Symbol) (compile.Binding, error) {
	switch name {
	case "t":
		return compile.Binding{Ptr: &g.tNow}, nil
	case "dt":
		return compile.Binding{Ptr: &g.dtN}, nil
	case "N":
		return compile.Binding{Ptr: &g.nF}, nil
	case "i":
		return compile.Binding{Data: &g.idx}, nil
	}
	if l, ok := g.links[name]; ok {
		if l.src.size() == 1 {
			// One source value for all neurons: a uniform the kernel
			// reads once per block instead of a gather per neuron.
			if l.refresh != nil {
				return compile.Binding{Ptr: &l.buf[l.src.lo]}, nil
			}
			return compile.Binding{Ptr: &(*l.data)[l.src.lo]}, nil
		}
		if l.refresh != nil {
			return compile.Binding{Data: &l.buf, Index: &l.index}, nil
		}
		return compile.Binding{Data: l.data, Index: &l.index}, nil
	}
	if v, ok := g.vars[name]; ok {
		if v.flags.Linked {
			return compile.Binding{}, fmt.Errorf("linked variable %s of %s is not linked yet: call LinkVar(%q, source, variable)", name, g.name, name)
		}
		return compile.Binding{Data: &v.data}, nil
	}
	return compile.Binding{}, fmt.Errorf("%s has no variable %q to bind", g.name, name)
}

// refreshLinks updates linked variables whose source is a subexpression
// (all of them with force, else those that can change).
func (g *NeuronGroup) refreshLinks() { g.refreshLinksForce(false) }

func (g *NeuronGroup) refreshLinksForce(force bool) {
	for _, l := range g.linkList {
		if l.refresh != nil && (force || !l.constant) {
			l.refresh()
		}
	}
}

// reader implements readable: it evaluates state variables, parameters,
// linked variables and subexpressions.
func (g *NeuronGroup) reader(name string, lo int) (varReader, units.Dim, error) {
	if v, ok := g.vars[name]; ok && !v.flags.Linked {
		d := &v.data
		if v.hidden && name == "not_refractory" {
			return func(dst []float64, idx []int32) {
				for k, i := range idx {
					dst[k] = (*d)[int(i)+lo]
				}
			}, v.dim, nil
		}
		return func(dst []float64, idx []int32) {
			data := *d
			for k, i := range idx {
				dst[k] = data[int(i)+lo]
			}
		}, v.dim, nil
	}
	sym, ok := g.scope().Lookup(name)
	if !ok || sym.Kind == expr.Constant {
		return nil, units.Dim{}, fmt.Errorf("%s has no variable %q (it has %s)", g.name, name, strings.Join(g.VarNames(), ", "))
	}
	e := g.model.Subexpr[name]
	if e == nil {
		var err error
		e, err = expr.Check(name, g.scope())
		if err != nil {
			return nil, units.Dim{}, err
		}
	}
	k, err := compile.Expr(e, compile.Env{Bind: g.bind(nil, nil), Rand: g.rand, DT: &g.dtN})
	if err != nil {
		return nil, units.Dim{}, err
	}
	var abs []int32
	return func(dst []float64, idx []int32) {
		g.refreshLinks()
		if lo == 0 {
			k.EvalIndices(dst, idx)
			return
		}
		abs = abs[:0]
		for _, i := range idx {
			abs = append(abs, i+int32(lo))
		}
		k.EvalIndices(dst, abs)
	}, e.Dim, nil
}

// VarNames lists the group's variables (states, parameters,
// subexpressions, linked and hidden ones).
func (g *NeuronGroup) VarNames() []string {
	var out []string
	for _, q := range g.model.Eqs.List {
		out = append(out, q.Name)
	}
	if _, ok := g.vars["lastspike"]; ok {
		out = append(out, "lastspike", "not_refractory")
	}
	return out
}

// writable returns the array of a variable the user may set.
func (g *NeuronGroup) writable(fn, name string) (*variable, error) {
	v, ok := g.vars[name]
	if !ok {
		if q, isEq := g.model.Eqs.Get(name); isEq && q.Kind == equations.Subexpression {
			return nil, &ObjectError{g.name, fn, fmt.Errorf("%s is a subexpression (%s = %s); it cannot be set", name, name, q.RHS)}
		}
		return nil, &ObjectError{g.name, fn, fmt.Errorf("no variable %q (variables: %s)", name, strings.Join(g.VarNames(), ", "))}
	}
	if v.flags.Linked {
		return nil, &ObjectError{g.name, fn, fmt.Errorf("%s is a linked variable: use LinkVar(%q, source, variable)", name, name)}
	}
	if v.hidden {
		g.refrWrites++
	}
	return v, nil
}

func checkValue(name string, want units.Dim, x any) (float64, error) {
	q, err := units.Of(x)
	if err != nil {
		return 0, fmt.Errorf("%s should be set with a quantity or a number, got %v (%T)", name, x, x)
	}
	if q.Dim != want {
		return 0, fmt.Errorf("%s should be set with a value with units %s, but got %s (unit is %s)", name, want.Unit(), q, q.Dim.Unit())
	}
	return q.Value, nil
}

// Set gives variable name the value x in every neuron (x: a quantity
// of the variable's unit, or a number for a dimensionless variable).
func (g *NeuronGroup) Set(name string, x any) error { return g.setRange("Set", name, 0, g.n, x) }

// SetAt gives variable name the value x in neuron i.
func (g *NeuronGroup) SetAt(name string, i int, x any) error {
	if i < 0 || i >= g.n {
		return &ObjectError{g.name, "SetAt", fmt.Errorf("neuron %d is outside 0…%d", i, g.n-1)}
	}
	return g.setRange("SetAt", name, i, i+1, x)
}

func (g *NeuronGroup) setRange(fn, name string, lo, hi int, x any) error {
	v, err := g.writable(fn, name)
	if err != nil {
		return err
	}
	val, err := checkValue(name, v.dim, x)
	if err != nil {
		return &ObjectError{g.name, fn, err}
	}
	for i := lo; i < hi; i++ {
		v.data[i] = val
	}
	return nil
}

// SetSlice sets variable name neuron by neuron from values: a []float64
// (dimensionless variables), a []units.Quantity, a slice of a typed
// quantity ([]units.Voltage, …) or Values. Its length must be N.
func (g *NeuronGroup) SetSlice(name string, values any) error {
	return g.setSlice("SetSlice", name, 0, g.n, values)
}

func (g *NeuronGroup) setSlice(fn, name string, lo, hi int, values any) error {
	v, err := g.writable(fn, name)
	if err != nil {
		return err
	}
	vals, err := sliceValues(name, v.dim, values)
	if err != nil {
		return &ObjectError{g.name, fn, err}
	}
	if len(vals) != hi-lo {
		return &ObjectError{g.name, fn, fmt.Errorf("%d values for %d neurons", len(vals), hi-lo)}
	}
	copy(v.data[lo:hi], vals)
	return nil
}

func sliceValues(name string, want units.Dim, values any) ([]float64, error) {
	if vs, ok := values.(Values); ok {
		if vs.Dim() != want {
			return nil, fmt.Errorf("%s should be set with values with units %s, but got values with unit %s", name, want.Unit(), vs.Dim().Unit())
		}
		return vs.Floats(), nil
	}
	if fs, ok := values.([]float64); ok {
		if want != (units.Dim{}) {
			return nil, fmt.Errorf("%s should be set with values with units %s, but got plain numbers ([]float64); multiply them by a unit", name, want.Unit())
		}
		return append([]float64(nil), fs...), nil
	}
	rv := reflect.ValueOf(values)
	if rv.Kind() != reflect.Slice {
		return nil, fmt.Errorf("want a slice of values for %s, got %T", name, values)
	}
	out := make([]float64, rv.Len())
	for k := range out {
		x, err := checkValue(name, want, rv.Index(k).Interface())
		if err != nil {
			return nil, fmt.Errorf("element %d: %w", k, err)
		}
		out[k] = x
	}
	return out, nil
}

// SetExpr sets variable name from an expression evaluated for every neuron,
// e.g. "rand()*0.2" or "v0 + i*mV" (i is the neuron index). Random
// functions draw one number per neuron, in neuron order.
func (g *NeuronGroup) SetExpr(name, expression string) error {
	return g.setExprRange("SetExpr", name, 0, g.n, expression)
}

func (g *NeuronGroup) setExprRange(fn, name string, lo, hi int, text string) error {
	v, err := g.writable(fn, name)
	if err != nil {
		return err
	}
	sc := g.scope()
	if lo > 0 {
		// In a subgroup, i counts from the subgroup's first neuron (Brian2).
		sc = expr.Chain(expr.Symbols{"i": {Name: "i", Kind: expr.Array, ReadOnly: true, Ref: subgroupIndex{}}}, sc)
	}
	e, err := expr.Check(text, sc)
	if err != nil {
		return &ObjectError{g.name, fmt.Sprintf("%s(%q)", fn, name), err}
	}
	if err := e.Expect(v.dim, fmt.Sprintf("the right-hand side of %s = %s", name, text)); err != nil {
		return &ObjectError{g.name, fmt.Sprintf("%s(%q)", fn, name), err}
	}
	g.initRuns++
	r := &switchRand{rng.New(g.seed, 1<<40+g.initRuns)}
	bind := g.bind(nil, nil)
	if lo > 0 {
		// In a subgroup, i counts from the subgroup's first neuron (Brian2).
		rel := make([]float64, g.n)
		for k := range rel {
			rel[k] = float64(k - lo)
		}
		inner := bind
		bind = func(sym expr.Symbol) (compile.Binding, error) {
			if _, ok := sym.Ref.(subgroupIndex); ok {
				return compile.Binding{Data: &rel}, nil
			}
			return inner(sym)
		}
	}
	k, err := compile.Expr(e, compile.Env{Bind: bind, Rand: r, DT: &g.dtN})
	if err != nil {
		return &ObjectError{g.name, fmt.Sprintf("%s(%q)", fn, name), err}
	}
	g.refreshLinks()
	out := make([]float64, hi-lo)
	k.EvalRange(out, lo)
	copy(v.data[lo:hi], out)
	return nil
}

// Get returns the current values of a variable (state, parameter,
// subexpression or linked) for every neuron, with its unit.
func (g *NeuronGroup) Get(name string) Values { return g.getRange(name, 0, g.n) }

func (g *NeuronGroup) getRange(name string, lo, hi int) Values {
	r, d, err := g.reader(name, lo)
	if err != nil {
		return failedValues(&ObjectError{g.name, "Get", err})
	}
	idx := make([]int32, hi-lo)
	for k := range idx {
		idx[k] = int32(k)
	}
	out := make([]float64, hi-lo)
	r(out, idx)
	return newValues(name, out, d)
}

// LinkVar makes the linked variable name (declared "name : unit (linked)")
// a reference to variable srcVar of src (Brian2's linked_var): every read
// sees the source's current value. src must have one neuron or as many as
// this group.
func (g *NeuronGroup) LinkVar(name string, src Group, srcVar string) error {
	v, ok := g.vars[name]
	if !ok || !v.flags.Linked {
		return &ObjectError{g.name, "LinkVar", fmt.Errorf("%s is not declared as a linked variable (write \"%s : unit (linked)\" in the equations)", name, name)}
	}
	if src == nil {
		return &ObjectError{g.name, "LinkVar", fmt.Errorf("nil source group")}
	}
	r := src.ref()
	sg, ok := r.g.owner.(*NeuronGroup)
	if !ok {
		return &ObjectError{g.name, "LinkVar", fmt.Errorf("%s has no variables to link to", src.Name())}
	}
	if r.size() != 1 && r.size() != g.n {
		return &ObjectError{g.name, "LinkVar", fmt.Errorf("the source %s has %d neurons; it needs 1 or %d", src.Name(), r.size(), g.n)}
	}
	l := &link{src: r, srcName: srcVar, index: make([]int32, g.n)}
	for i := range l.index {
		if r.size() == 1 {
			l.index[i] = int32(r.lo)
		} else {
			l.index[i] = int32(r.lo + i)
		}
	}
	sv, isVar := sg.vars[srcVar]
	var dim units.Dim
	switch {
	case isVar && !sv.flags.Linked:
		l.data = &sv.data
		dim = sv.dim
	default:
		rd, d, err := sg.reader(srcVar, 0)
		if err != nil {
			return &ObjectError{g.name, "LinkVar", err}
		}
		all := make([]int32, sg.n)
		for i := range all {
			all[i] = int32(i)
		}
		l.buf = make([]float64, sg.n)
		l.refresh = func() { rd(l.buf, all) }
		l.refresh()
		if se := sg.model.Subexpr[srcVar]; se != nil && len(se.Names()) == 0 {
			l.constant = true
		}
		dim = d
	}
	if dim != v.dim {
		return &ObjectError{g.name, "LinkVar", fmt.Errorf("%s has unit %s but %s.%s has unit %s", name, v.dim.Unit(), src.Name(), srcVar, dim.Unit())}
	}
	if old, ok := g.links[name]; ok {
		for k, x := range g.linkList {
			if x == old {
				g.linkList = append(g.linkList[:k], g.linkList[k+1:]...)
				break
			}
		}
	}
	g.links[name] = l
	g.linkList = append(g.linkList, l)
	if !g.dependsOn(sg) {
		g.deps = append(g.deps, sg)
	}
	return nil
}

func (g *NeuronGroup) dependsOn(m member) bool {
	for _, d := range g.deps {
		if d == m {
			return true
		}
	}
	return false
}

// Sub returns the neurons lo…hi-1 as a Subgroup (Brian2's G[lo:hi]).
func (g *NeuronGroup) Sub(lo, hi int) (*Subgroup, error) {
	if lo < 0 || hi > g.n || lo >= hi {
		return nil, &ArgError{"Sub", "", fmt.Sprintf("[%d:%d] is not a non-empty range within 0…%d of %s", lo, hi, g.n, g.name)}
	}
	return &Subgroup{g: g, lo: lo, hi: hi}, nil
}

func (g *NeuronGroup) prepare(p *runPlan) ([]*op, error) {
	g.dtN = g.clockDt()
	g.tNow = p.t0
	for name, v := range g.vars {
		if v.flags.Linked {
			if _, ok := g.links[name]; !ok {
				return nil, &ObjectError{g.name, "LinkVar", fmt.Errorf("linked variable %s was never linked: call LinkVar(%q, source, variable)", name, name)}
			}
		}
	}
	m, err := equations.NewNeuronModel(g.spec, userScope(g.ns))
	if err != nil {
		return nil, &ObjectError{g.name, modelParts(err), err}
	}
	g.model = m
	g.refreshLinksForce(true)
	if err := p.interrupted(); err != nil {
		return nil, err
	}
	var ops []*op
	dt := g.dtN
	spec := g.updSpec(m)
	spec.stop = p.interrupted
	upd, err := newStateUpdater(spec)
	var ie *InterruptedError
	if errors.As(err, &ie) {
		return nil, err
	}
	if err != nil {
		return nil, &ObjectError{g.name, "integration", err}
	}
	g.upd = upd
	if err := p.interrupted(); err != nil {
		return nil, err
	}
	if upd != nil || m.Refractory.Kind != equations.NoRefractory {
		ops = append(ops, &op{name: g.name + "_stateupdater", when: whenGroups, order: g.order, dt: dt, run: g.update})
	}
	g.refr = refractory{kind: m.Refractory.Kind}
	if g.refr.kind != equations.NoRefractory {
		g.refr.lastsp, g.refr.nr = g.vars["lastspike"].data, g.vars["not_refractory"].data
		switch g.refr.kind {
		case equations.RefractoryDuration:
			g.refr.steps = timestep(float64(m.Refractory.Duration), dt)
		default:
			k, err := compile.Expr(m.Refractory.Expr, compile.Env{Bind: g.bind(nil, nil), Rand: g.rand, DT: &g.dtN})
			if err != nil {
				return nil, &ObjectError{g.name, "refractory", err}
			}
			g.refr.kern = k
			g.refr.buf = make([]float64, g.n)
		}
	}
	g.thr, g.reset = nil, nil
	if m.Threshold != nil {
		k, err := compile.Expr(m.Threshold, compile.Env{Bind: g.bind(nil, nil), Rand: g.rand, DT: &g.dtN})
		if err != nil {
			return nil, &ObjectError{g.name, "threshold", err}
		}
		g.thr = k
		if err := g.fuseThreshold(m); err != nil {
			return nil, &ObjectError{g.name, "threshold", err}
		}
		ops = append(ops, &op{name: g.name + "_spike_thresholder", when: whenThresholds, order: g.order, dt: dt, run: g.threshold})
		if m.Reset != nil {
			prog, err := compile.Block(m.Reset, compile.Env{Bind: g.bind(nil, nil), Rand: g.rand, DT: &g.dtN})
			if err != nil {
				return nil, &ObjectError{g.name, "reset", err}
			}
			g.reset = prog
			ops = append(ops, &op{name: g.name + "_spike_resetter", when: whenResets, order: g.order, dt: dt, run: g.doReset})
		}
	}
	g.fuseLinear(m)
	if g.rand.s == nil {
		// Created once: later runs continue the stream (Brian2 draws new
		// numbers in every run); Restore can rewind it (snapshot.go).
		g.rand.s = rng.New(g.seed, 1<<41)
	}
	evOps, err := g.prepareEvents()
	if err != nil {
		return nil, err
	}
	return append(ops, evOps...), nil
}

// update is the groups-slot operation: refractoriness first, then the
// integration step (SEMANTICS §2, §3).
func (g *NeuronGroup) update(k int64, t float64) {
	g.tNow = t
	g.refreshLinks()
	r := &g.refr
	switch r.kind {
	case equations.RefractoryDuration:
		if g.upd == nil {
			g.refractoryRange(t, 0, g.n)
		} // else the updater does it block by block, on its workers

	case equations.RefractoryTime:
		dt := g.dtN
		r.kern.Eval(r.buf)
		for i, ls := range r.lastsp {
			if timestep(t-ls, dt) >= timestep(r.buf[i], dt) {
				r.nr[i] = 1
			} else {
				r.nr[i] = 0
			}
		}
	case equations.RefractoryCondition:
		r.kern.Eval(r.buf)
		for i, c := range r.buf {
			if c == 0 {
				r.nr[i] = 1
			}
		}
	}
	if g.upd != nil {
		g.upd.step(t)
		g.upd.candK = k
	}
}

// refractoryRange computes not_refractory for neurons lo…hi-1 of a group
// with a fixed refractory period: timestep(t-ls, dt) >= steps, without a
// division per neuron (int((x + 1e-3·dt)/dt) >= steps ⟺ x + 1e-3·dt >=
// steps·dt; the 0.1 % shift keeps x/dt away from the integer boundary).
func (g *NeuronGroup) refractoryRange(t float64, lo, hi int) {
	r := &g.refr
	dt := g.dtN
	lim := float64(r.steps)*dt - 1e-3*dt
	ls := r.lastsp[lo:hi]
	nr := r.nr[lo:hi]
	nr = nr[:len(ls)]
	for i, x := range ls {
		// Branch-free: 1 unless t-x-lim is negative (its sign bit).
		nr[i] = float64(1 - int64(math.Float64bits((t-x)-lim)>>63))
	}
}

func (g *NeuronGroup) threshold(k int64, t float64) {
	g.tNow = t
	g.refreshLinks()
	// Tested block by block during the update if possible
	// (threshold_fused.go), else in one serial pass: Select's single
	// fused loop costs about 1 ns per neuron.
	var fused bool
	if g.spikes, fused = g.fusedSpikes(k, g.spikes[:0]); !fused {
		g.spikes = g.thr.Select(g.n, g.spikes)
	}
	if g.refr.kind != equations.NoRefractory {
		nr, ls := g.refr.nr, g.refr.lastsp
		out := g.spikes[:0]
		for _, i := range g.spikes {
			if nr[i] != 0 {
				out = append(out, i)
				ls[i] = t
				nr[i] = 0
				if g.refr.set != nil {
					g.refr.set.add(i)
				}
			}
		}
		g.spikes = out
	}
}

func (g *NeuronGroup) doReset(k int64, t float64) {
	if len(g.spikes) == 0 {
		return
	}
	g.tNow = t
	g.refreshLinks()
	g.reset.Run(g.spikes)
}

// subgroupIndex is the Ref of i inside a subgroup's SetExpr.
type subgroupIndex struct{}

// Subgroup is a contiguous slice of a NeuronGroup (Brian2's G[lo:hi]):
// it can be monitored, connected and set; its neurons are simulated by
// the parent group.
type Subgroup struct {
	g      *NeuronGroup
	lo, hi int
}

func (s *Subgroup) ref() groupRef { return groupRef{&s.g.groupCore, s.lo, s.hi} }

// Name returns the name of the parent group with the slice, e.g.
// "neurongroup[0:10]".
func (s *Subgroup) Name() string { return fmt.Sprintf("%s[%d:%d]", s.g.name, s.lo, s.hi) }

// N returns the number of neurons of the subgroup.
func (s *Subgroup) N() int { return s.hi - s.lo }

// Set gives variable name the value x in the subgroup's neurons.
func (s *Subgroup) Set(name string, x any) error { return s.g.setRange("Set", name, s.lo, s.hi, x) }

// SetSlice sets variable name from one value per neuron of the subgroup.
func (s *Subgroup) SetSlice(name string, values any) error {
	return s.g.setSlice("SetSlice", name, s.lo, s.hi, values)
}

// SetExpr sets variable name from an expression; i counts from the
// subgroup's first neuron, as in Brian2.
func (s *Subgroup) SetExpr(name, expression string) error {
	return s.g.setExprRange("SetExpr", name, s.lo, s.hi, expression)
}

// Get returns the values of a variable for the subgroup's neurons.
func (s *Subgroup) Get(name string) Values { return s.g.getRange(name, s.lo, s.hi) }

var _ = math.NaN

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// usesRand reports whether an expression calls rand() or randn(): such
// thresholds draw from the group's single stream, in neuron order.
func usesRand(e *expr.Expr) bool {
	s := e.String()
	return strings.Contains(s, "rand(") || strings.Contains(s, "randn(")
}
