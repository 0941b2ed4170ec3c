package nsim

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"gonsim/nsim/compile"
	"gonsim/nsim/equations"
	"gonsim/nsim/expr"
	"gonsim/nsim/integrate"
	"gonsim/nsim/rng"
	"gonsim/nsim/units"
)

// blockSize is the number of neurons updated together: small enough that
// a block's temporaries stay in L1/L2 cache, large enough to amortise the
// per-kernel overhead. Each block has its own random stream, so results
// do not depend on how many goroutines share the work.
const blockSize = 1024

// parallelMin is the amount of per-step work (elements × (kernels+1))
// from which the update is split across goroutines. The hand-off costs
// tens of microseconds on a busy machine: 10,000 LIF neurons (70 µs a
// step) ran slower on two cores, 4000 HH neurons (600 µs) and 100,000
// LIF neurons (700 µs) faster.
const parallelMin = 32768

// stateUpdater integrates a group's differential equations.
type stateUpdater struct {
	g         *updSpec
	n         int
	states    []*variable
	clamp     []bool // (unless refractory)
	nr        []float64
	temps     map[string][]float64
	newVals   [][]float64
	noise     map[string][]float64
	noiseList [][]float64 // the arrays of noise, in a fixed order
	noiseSc   float64     // 1/sqrt(dt)
	streams   []*rng.Stream
	workers   []*updWorker
	cand      [][]int32 // per block: neurons above a fused threshold
	candK     int64     // the step cand is for
	unit      int       // elements per work unit: blockSize, or fineUnit (workers.go)
	nunits    int
	home      []unitRange    // per worker: its units left this step (workers.go)
	wg        sync.WaitGroup // the helpers of the current step
	left      atomic.Int32   // those of them not done yet
	workFn    func(w int)    // u.work, bound once
	coupled   *coupledStep   // exact for coupled per-element coefficients, or nil
	linear    *linearStep    // the fused update (linear_fused.go), or nil
	affine    *affineStep    // the fused update of several states (linear_affine.go), or nil
}

type updWorker struct {
	stages [][]*compile.Kernel
	tgt    [][][]float64
	final  []*compile.Kernel
	rand   *switchRand
	thr    *compile.Kernel // fused threshold (threshold_fused.go), or nil
	cp     *coupledBuf     // for stateUpdater.coupled
	noise  []float64       // scratch for linearStep.block's noise
}

// updSpec is what a state updater needs from its owner (a NeuronGroup or
// Synapses): the elements, the equations and where symbols live.
type updSpec struct {
	name     string
	n        int
	vars     map[string]*variable
	states   []string
	rhs      map[string]*expr.Expr
	subexpr  map[string]*expr.Expr
	eqs      *equations.Equations
	scope    expr.Scope
	bind     func(temps, noise map[string][]float64) func(expr.Symbol) (compile.Binding, error)
	dt       *float64
	seed     uint64
	method   string
	chosen   *string
	nr       []float64        // not_refractory, for (unless refractory)
	perBlock func(lo, hi int) // e.g. refractoriness, before a block's update
	streams  *[]*rng.Stream   // the owner's block streams, kept across runs; nil: new ones
	stop     func() error     // non-nil error: the run was interrupted while preparing (prepare.go); nil func: never
}

// stopped is g.stop's answer, nil without one.
func (g *updSpec) stopped() error {
	if g.stop == nil {
		return nil
	}
	return g.stop()
}

func (g *NeuronGroup) updSpec(m *equations.NeuronModel) *updSpec {
	sp := &updSpec{name: g.name, n: g.n, vars: g.vars, states: m.States, rhs: m.RHS, subexpr: m.Subexpr,
		eqs: m.Eqs, scope: g.scope(), bind: g.bind, dt: &g.dtN, seed: g.seed, method: g.method, chosen: &g.chosen,
		streams: &g.updStreams}
	if nr, ok := g.vars["not_refractory"]; ok {
		sp.nr = nr.data
	}
	if m.Refractory.Kind == equations.RefractoryDuration {
		sp.perBlock = func(lo, hi int) { g.refractoryRange(g.tNow, lo, hi) }
	}
	return sp
}

// newStateUpdater builds the update of a group's differential equations:
// the system, the method's scheme, the arrays it needs and one set of
// compiled kernels per worker.
func newStateUpdater(g *updSpec) (u *stateUpdater, err error) {
	defer func() {
		// A method failing to assemble its own formulas is a bug in
		// nsim/integrate; report it as an error rather than take down a
		// notebook kernel.
		if r := recover(); r != nil {
			u, err = nil, fmt.Errorf("internal error while building the update (please report): %v", r)
		}
	}()
	if len(g.states) == 0 {
		*g.chosen = ""
		return nil, nil
	}
	scheme, err := g.scheme(g.system())
	if err != nil {
		return nil, err
	}
	if err := g.stopped(); err != nil {
		return nil, err
	}
	*g.chosen = scheme.Method
	stages := scheme.Stages
	if len(scheme.Pre) > 0 {
		stages = append([][]integrate.Assign{scheme.Pre}, stages...)
	}
	u = g.newUpdaterArrays(scheme, stages)
	if scheme.Coupled != nil {
		u.setCoupled(scheme.Coupled)
	}
	if err := u.compileWorkers(stages, scheme.Final); err != nil {
		return nil, err
	}
	u.linear = u.tryLinear(scheme)
	if u.linear == nil {
		u.affine = u.tryAffine(scheme)
	}
	if u.affine != nil && serialFits(8*len(u.states)*g.n) {
		u.serial()
	}
	return u, nil
}

// serialFits reports whether an update that streams this many bytes of
// state per step runs on one goroutine. The fused affine update is so
// cheap (0.3 ns a neuron from L2) that splitting it pays only once its
// arrays no longer fit in one core's cache: CUBA on two cores took 0.547 s
// against 0.451 s on one at 64,000 neurons (1.5 MB of v, ge and gi, 2 MB
// of L2), but 2.34 s against 3.05 s at 256,000 (6 MB; 2026-12-05, load
// 0–1). splitBytes overrides the cache's size in tests.
func serialFits(bytes int) bool {
	limit := coreCache()
	if splitBytes >= 0 {
		limit = splitBytes
	}
	return bytes <= limit
}

// splitBytes, when not negative, is serialFits's limit (tests split small
// groups with 0).
var splitBytes = -1

// serial keeps the update on the calling goroutine.
func (u *stateUpdater) serial() {
	u.workers = u.workers[:1]
	u.unit = blockSize
	u.nunits = (u.g.n + u.unit - 1) / u.unit
}

// system is the group's equations as nsim/integrate takes them. A
// subexpression flagged (constant over dt) stays a name in the right-hand
// sides: it is computed once at the start of the step (scheme.Pre), so
// every method holds it constant over the step, and exact can treat it
// like a parameter (Brian2 stores it in a variable before the update).
func (g *updSpec) system() *integrate.System {
	dims := map[string]units.Dim{}
	for _, x := range g.states {
		dims[x] = g.vars[x].dim
	}
	sys := &integrate.System{States: g.states, Dims: dims, RHS: g.rhs, DT: *g.dt, Scope: g.scope, Subexpr: g.subexpr}
	if len(g.subexpr) == 0 {
		return sys
	}
	sys.Raw = map[string]*expr.Expr{}
	for _, x := range g.states {
		q, _ := g.eqs.Get(x)
		if raw, err := expr.CheckNode(g.eqs.Text, q.RHS, g.scope); err == nil {
			sys.Raw[x] = raw
		}
	}
	expand := map[string]*expr.Expr{}
	held := false
	for n, e := range g.subexpr {
		if q, ok := g.eqs.Get(n); ok && q.Flags.ConstantOverDt {
			held = true
		} else {
			expand[n] = e
		}
	}
	if held && len(sys.Raw) == len(g.states) {
		sys.RHS = map[string]*expr.Expr{}
		for _, x := range g.states {
			e, err := expr.Substitute(sys.Raw[x], expand)
			if err != nil {
				e = g.rhs[x]
			}
			sys.RHS[x] = e
		}
	}
	return sys
}

// scheme applies the group's method, or chooses one as Brian2 does and
// logs the choice once.
func (g *updSpec) scheme(sys *integrate.System) (*integrate.Scheme, error) {
	var s *integrate.Scheme
	if g.method == "" {
		var err error
		if s, err = integrate.Auto(sys); err != nil {
			return nil, err
		}
		if *g.chosen != s.Method {
			logf("INFO", "No numerical integration method specified for group %q, using method %q.", g.name, s.Method)
		}
	} else {
		meth, err := integrate.Lookup(g.method)
		if err != nil {
			return nil, err
		}
		if s, err = meth(sys); err != nil {
			return nil, err
		}
	}
	g.preSubexpressions(s)
	return s, nil
}

// preSubexpressions adds to s.Pre every subexpression that s still names
// and does not compute yet (those held constant over the step).
func (g *updSpec) preSubexpressions(s *integrate.Scheme) {
	have := map[string]bool{}
	for _, a := range s.Pre {
		have[a.Target] = true
	}
	var need []string
	visit := func(as []integrate.Assign) {
		for _, a := range as {
			for _, n := range a.Value.Names() {
				if _, ok := g.subexpr[n]; ok && !have[n] {
					have[n] = true
					need = append(need, n)
				}
			}
		}
	}
	for _, st := range s.Stages {
		visit(st)
	}
	visit(s.Final)
	sort.Strings(need)
	for _, n := range need {
		s.Pre = append([]integrate.Assign{{Target: n, Value: g.subexpr[n]}}, s.Pre...)
	}
}

// newUpdaterArrays allocates the new values, temporaries, noise arrays and
// random streams of a scheme.
func (g *updSpec) newUpdaterArrays(scheme *integrate.Scheme, stages [][]integrate.Assign) *stateUpdater {
	u := &stateUpdater{g: g, n: g.n, temps: map[string][]float64{}, noise: map[string][]float64{}}
	u.noiseSc = 1 / math.Sqrt(*g.dt)
	for _, x := range g.states {
		v := g.vars[x]
		u.states = append(u.states, v)
		u.clamp = append(u.clamp, v.flags.UnlessRefractory)
		u.newVals = append(u.newVals, make([]float64, g.n))
	}
	u.nr = g.nr
	for name := range scheme.Temps {
		u.temps[name] = make([]float64, g.n)
	}
	for _, a := range scheme.Pre {
		u.temps[a.Target] = make([]float64, g.n)
	}
	addNoise := func(as []integrate.Assign) {
		for _, a := range as {
			for _, nz := range a.Value.Noise() {
				if u.noise[nz] == nil {
					u.noise[nz] = make([]float64, g.n)
				}
			}
		}
	}
	for _, st := range stages {
		addNoise(st)
	}
	addNoise(scheme.Final)
	var noiseNames []string
	for nz := range u.noise {
		noiseNames = append(noiseNames, nz)
	}
	sort.Strings(noiseNames) // a fixed draw order keeps seeds reproducible
	for _, nz := range noiseNames {
		u.noiseList = append(u.noiseList, u.noise[nz])
	}
	nblocks := (g.n + blockSize - 1) / blockSize
	// The owner keeps its streams so that a later run continues them
	// rather than drawing the same numbers again.
	var own []*rng.Stream
	if g.streams != nil {
		own = *g.streams
	}
	for b := len(own); b < nblocks; b++ {
		own = append(own, rng.New(g.seed, uint64(b)))
	}
	if g.streams != nil {
		*g.streams = own
	}
	u.streams = own[:nblocks]
	return u
}

// compileWorkers compiles the stages and final assignments once per
// worker goroutine (a kernel owns scratch buffers) and sizes the work
// units.
func (u *stateUpdater) compileWorkers(stages [][]integrate.Assign, final []integrate.Assign) error {
	g := u.g
	nk := len(final)
	for _, st := range stages {
		nk += len(st)
	}
	nw := workerCount(g.n, nk)
	for w := 0; w < nw; w++ {
		wk := &updWorker{rand: &switchRand{s: u.streams[0]}}
		if u.coupled != nil {
			wk.cp = u.coupled.newBuf()
		}
		env := compile.Env{Bind: g.bind(u.temps, u.noise), Rand: wk.rand, DT: g.dt, Stop: g.stop}
		for _, st := range stages {
			var ks []*compile.Kernel
			var ts [][]float64
			for _, a := range st {
				if err := g.stopped(); err != nil {
					return err
				}
				k, err := compile.Expr(a.Value, env)
				if err != nil {
					return fmt.Errorf("compiling %s: %w", a.Target, err)
				}
				ks = append(ks, k)
				ts = append(ts, u.temps[a.Target])
			}
			wk.stages = append(wk.stages, ks)
			wk.tgt = append(wk.tgt, ts)
		}
		for _, a := range final {
			if err := g.stopped(); err != nil {
				return err
			}
			k, err := compile.Expr(a.Value, env)
			if err != nil {
				return fmt.Errorf("compiling the update of %s: %w", a.Target, err)
			}
			wk.final = append(wk.final, k)
		}
		u.workers = append(u.workers, wk)
	}
	u.workFn = u.work
	u.unit = blockSize
	if nw > 1 {
		ensureHelpers(nw - 1)
		if !u.random(stages, final) {
			u.unit = fineUnit
		}
	}
	u.nunits = (g.n + u.unit - 1) / u.unit
	return nil
}

func (u *stateUpdater) step(t float64) {
	if u.linear != nil {
		u.linear.prepareStep(u.g, t)
	}
	if u.affine != nil {
		u.affine.prepareStep(u.g, t)
	}
	if len(u.workers) == 1 {
		for b := range u.nunits {
			u.block(u.workers[0], b)
		}
		return
	}
	u.parallelBlocks()
}

// block advances the neurons of work unit b by one step: noise, stages, new
// values, then the assignment (clamped where refractory for
// (unless refractory) variables).
func (u *stateUpdater) block(wk *updWorker, b int) {
	lo := b * u.unit
	hi := min(lo+u.unit, u.n)
	if u.linear != nil {
		u.linearBlock(wk, b, lo, hi)
		return
	}
	if u.affine != nil {
		u.affineBlock(wk, b, lo, hi)
		return
	}
	if u.g.perBlock != nil {
		u.g.perBlock(lo, hi)
	}
	s := u.streams[lo/blockSize] // units finer than blocks draw nothing
	wk.rand.s = s
	for _, arr := range u.noiseList {
		s.FillNormScaled(arr[lo:hi], u.noiseSc)
	}
	for si, ks := range wk.stages {
		for a, k := range ks {
			k.EvalRange(wk.tgt[si][a][lo:hi], lo)
		}
	}
	for x, k := range wk.final {
		k.EvalRange(u.newVals[x][lo:hi], lo)
	}
	if u.coupled != nil {
		u.applyCoupled(wk.cp, lo, hi)
	}
	for x, v := range u.states {
		src := u.newVals[x][lo:hi]
		dst := v.data[lo:hi]
		if u.clamp[x] && u.nr != nil {
			nr := u.nr[lo:hi]
			for k := range dst {
				if nr[k] != 0 {
					dst[k] = src[k]
				}
			}
			continue
		}
		copy(dst, src)
	}
	if wk.thr != nil {
		u.cand[b] = wk.thr.SelectRange(lo, hi, u.cand[b][:0])
	}
}

// workerCount is the number of goroutines that share the per-step work of
// a group of n elements evaluating the given number of kernels: splitting
// pays when a step has enough work to hide the goroutine hand-off (a few
// microseconds), e.g. 4000 HH neurons but not 4000 LIF neurons.
func workerCount(n, kernels int) int {
	if n*(1+kernels) < 2*parallelMin || n < 2*blockSize {
		return 1
	}
	return max(1, min(runtime.GOMAXPROCS(0), (n+blockSize-1)/blockSize))
}
