package nsim

import (
	"math"
	"slices"

	"gonsim/nsim/compile"
	"gonsim/nsim/equations"
	"gonsim/nsim/expr"
	"gonsim/nsim/integrate"
	"gonsim/nsim/internal/mathfn"
	"gonsim/nsim/rng"
	"gonsim/nsim/syntax"
)

// Fused linear updates. The commonest noisy model, one state variable
// whose update is linear in itself and in one white noise with
// coefficients that are the same for every neuron (seed section 4's
// leaky neurons with Euler–Maruyama: x ← x + dt·(0.65·I − x)/τ +
// σ·√(2dt/τ)·ξ), spends most of a step in the generic path's passes
// over each block: drawing the noise into an array, the kernel's
// operator loops, copying the new values, recomputing not_refractory
// and testing the threshold, each reading and writing its arrays. Here
// the update is x ← a·x + b + c·z: a, b and c are evaluated once per step
// (they may depend on t or on a linked scalar), and one loop per block
// draws z inline (rng.Gen), updates x, recomputes not_refractory and
// collects the threshold candidates. The draws are the generic path's,
// in the same order; the values differ from it by rounding only (a·x + b
// instead of the checked tree's order of operations).

// noLinearFusion turns the fused path off (tests compare both paths).
var noLinearFusion bool

// linearStep is the fused update of one state variable.
type linearStep struct {
	x       *variable
	coef    [3]*compile.Kernel // a, b, c; nil for a constant
	val     [3]float64         // this step's a, b, c (c includes 1/√dt)
	c0      [3]float64         // the constants
	noise   bool
	noiseSc float64

	// Fixed refractory period: not_refractory is recomputed in the loop
	// as refractoryRange does (nil lastsp: none, or computed elsewhere).
	lastsp, nr []float64
	steps      int64 // the period in steps
	lim, t     float64
	clamp      bool // (unless refractory)

	// Threshold x > θ (x >= θ if ge) with a constant θ, tested in the
	// loop; with another threshold the block is tested afterwards by the
	// worker's fused threshold kernel (thrSimple false).
	thrSimple bool
	ge        bool
	theta     float64

	l1 mathfn.Linear1 // the noisy LIF case's constants for this step

	// In the noisy LIF case refractoriness does not change x, so with the
	// group's set of refractory neurons the loop reads and writes only x
	// (mathfn.Linear1.BlockFree).
	refrTrust
}

// tryLinear returns the fused form of the update, or nil when the model
// does not have it. Subexpressions the update reads (scheme.Pre) are
// substituted, so that one which is the same for every neuron (an input
// switched on by t, a linked scalar) becomes part of a coefficient.
func (u *stateUpdater) tryLinear(scheme *integrate.Scheme) *linearStep {
	if noLinearFusion || len(u.states) != 1 || len(scheme.Stages) != 0 || len(scheme.Temps) != 0 ||
		len(scheme.Final) != 1 || u.coupled != nil || len(u.noiseList) > 1 {
		return nil
	}
	f, ok := substitutePre(scheme.Final[0].Value, scheme.Pre)
	if !ok || f.Bool || usesRand(f) {
		return nil
	}
	x := u.states[0]
	a, rest, err := expr.Linear(f, x.name)
	if err != nil {
		return nil
	}
	b, c := rest, (*expr.Expr)(nil)
	var noiseName string
	for nz := range u.noise {
		noiseName = nz
	}
	if noiseName != "" {
		if c, b, err = expr.Linear(rest, noiseName); err != nil {
			return nil
		}
	}
	ls := &linearStep{x: x, noise: noiseName != "", noiseSc: u.noiseSc}
	env := compile.Env{Bind: u.g.bind(u.temps, u.noise), DT: u.g.dt}
	for k, e := range []*expr.Expr{a, b, c} {
		if e == nil {
			continue
		}
		if !u.uniform(e, env) {
			return nil
		}
		if v, ok := e.Const(); ok {
			ls.c0[k] = v
			continue
		}
		kern, err := compile.Expr(e, env)
		if err != nil {
			return nil
		}
		ls.coef[k] = kern
	}
	ls.clamp = u.clamp[0] && u.nr != nil
	return ls
}

// substitutePre replaces the subexpressions pre in f by their
// definitions, those that refer to others too, and reports false if that
// fails (a cycle cannot occur: the equations were checked).
func substitutePre(f *expr.Expr, pre []integrate.Assign) (*expr.Expr, bool) {
	if len(pre) == 0 {
		return f, true
	}
	subs := make(map[string]*expr.Expr, len(pre))
	for _, a := range pre {
		subs[a.Target] = a.Value
	}
	for range len(pre) {
		if !slices.ContainsFunc(f.Names(), func(n string) bool { return subs[n] != nil }) {
			return f, true
		}
		var err error
		if f, err = expr.Substitute(f, subs); err != nil {
			return nil, false
		}
	}
	return f, !slices.ContainsFunc(f.Names(), func(n string) bool { return subs[n] != nil })
}

// uniform reports whether e has the same value for every element: it
// reads no state, noise or index, only constants and scalars (t, dt, N,
// a linked variable of a one-element source).
func (u *stateUpdater) uniform(e *expr.Expr, env compile.Env) bool {
	if e.Bool || e.Stochastic() || len(e.Noise()) > 0 {
		return false
	}
	for _, name := range e.Names() {
		sym, ok := e.Symbol(name)
		if !ok {
			return false
		}
		switch sym.Kind {
		case expr.Constant, expr.Function:
			continue
		}
		b, err := env.Bind(sym)
		if err != nil || b.Ptr == nil || b.Data != nil {
			return false
		}
	}
	return true
}

// fuseLinear completes the group's fused update with its refractoriness
// and threshold, once both are prepared.
func (g *NeuronGroup) fuseLinear(m *equations.NeuronModel) {
	u := g.upd
	if u == nil {
		return
	}
	if as := u.affine; as != nil {
		if g.refr.kind == equations.RefractoryDuration {
			as.lastsp, as.nr, as.steps = g.refr.lastsp, g.refr.nr, g.refr.steps
			g.keepRefrSet(&as.refrTrust)
		}
		as.thrSimple = false
		if name, ge, theta, ok := simpleThreshold(u, m); ok {
			for i, x := range as.xs {
				if x.name == name {
					as.thrSimple, as.ge, as.thr, as.theta = true, ge, i, theta
				}
			}
		}
	}
	ls := u.linear
	if ls == nil {
		return
	}
	if g.refr.kind == equations.RefractoryDuration {
		ls.lastsp, ls.nr, ls.steps = g.refr.lastsp, g.refr.nr, g.refr.steps
		g.keepRefrSet(&ls.refrTrust)
	}
	ls.thrSimple = false
	if name, ge, theta, ok := simpleThreshold(u, m); ok && name == ls.x.name {
		ls.thrSimple, ls.ge, ls.theta = true, ge, theta
	}
}

// keepRefrSet gives the fused update r the group's set of refractory
// neurons when it can keep it: the update must collect the threshold's
// candidates on every step, and its blocks must start on a word of the
// bits (so that workers set disjoint words).
func (g *NeuronGroup) keepRefrSet(r *refrTrust) {
	if u := g.upd; u.workers[0].thr != nil && u.unit%64 == 0 {
		g.refr.set = newRefrSet(g.n, g.refr.lastsp, g.refr.nr)
		r.set, r.writes = g.refr.set, &g.refrWrites
	}
}

// simpleThreshold reports whether the threshold is x > θ or x >= θ with a
// constant θ and the fused candidates are wanted, and returns x.
func simpleThreshold(u *stateUpdater, m *equations.NeuronModel) (x string, ge bool, theta float64, ok bool) {
	if u.cand == nil || m.Threshold == nil {
		return "", false, 0, false
	}
	root := m.Threshold.Root()
	if root.Kind() != expr.OpNode || (root.Op() != syntax.Gt && root.Op() != syntax.Ge) {
		return "", false, 0, false
	}
	args := root.Args()
	if args[0].Kind() != expr.ArrayNode || args[1].Kind() != expr.ConstNode {
		return "", false, 0, false
	}
	return args[0].Symbol().Name, root.Op() == syntax.Ge, args[1].Value(), true
}

// prepareStep evaluates the step's coefficients (on the calling
// goroutine, before the blocks).
func (ls *linearStep) prepareStep(g *updSpec, t float64) {
	for k, kern := range ls.coef {
		ls.val[k] = ls.c0[k]
		if kern != nil {
			ls.val[k] = kern.EvalAt(0)
		}
	}
	ls.val[2] *= ls.noiseSc
	ls.t = t
	if ls.lastsp != nil {
		dt := *g.dt
		ls.lim = float64(ls.steps)*dt - 1e-3*dt
	}
	ls.l1.Set(ls.val[0], ls.val[1], ls.t, ls.lim, ls.theta)
	ls.decide(ls.noisyLIF(), t, ls.lim)
}

// noisyLIF reports whether block takes the noisy LIF case (when it is
// given the candidates to collect).
func (ls *linearStep) noisyLIF() bool {
	return ls.noise && ls.lastsp != nil && !ls.clamp && ls.thrSimple && !ls.ge
}

// block updates neurons lo…hi-1 and returns the threshold candidates
// appended to cand if collect (the threshold is tested here; cand may be
// nil then, on a run's first step); scratch is the calling worker's
// buffer for the noise.
func (ls *linearStep) block(s *rng.Stream, lo, hi int, cand []int32, collect bool, scratch *[]float64) []int32 {
	a, b, c := ls.val[0], ls.val[1], ls.val[2]
	xs := ls.x.data[lo:hi]
	var nr, lsp []float64
	refr := ls.lastsp != nil
	if refr {
		lsp, nr = ls.lastsp[lo:hi], ls.nr[lo:hi]
		lsp, nr = lsp[:len(xs)], nr[:len(xs)]
	}
	t, lim, theta := ls.t, ls.lim, ls.theta
	noise, clamp, thr, ge := ls.noise, ls.clamp, ls.thrSimple && collect, ls.ge
	if ls.noisyLIF() && collect {
		// The commonest case, the noisy LIF neuron: the noise c·z drawn
		// into scratch by the generator's assembly loop, then the update
		// four neurons at a time (mathfn.Linear1). One Go loop doing both
		// ran at 3.6 ns a neuron-step: its call to the ziggurat's slow
		// path made the compiler keep the generator and the slices in
		// memory.
		w := grow(*scratch, len(xs))[:len(xs)]
		*scratch = w
		s.FillNormScaled(w, c)
		if ls.trust {
			return ls.l1.BlockFree(xs, w, cand, int32(lo))
		}
		cand = ls.l1.Block(xs, w, lsp, nr, cand, int32(lo))
		if ls.keep {
			ls.set.setBits(nr, lo)
		}
		return cand
	}
	g := s.Gen()
	for k, x := range xs {
		xn := a*x + b
		if noise {
			var u uint64
			g, u = g.Next()
			z, ok := rng.NormFast(u)
			if !ok {
				g, z = g.NormRest(u)
			}
			xn += c * z
		}
		if refr {
			// As refractoryRange: 1 unless (t-lastspike)-lim is negative.
			f := float64(1 - int64(math.Float64bits((t-lsp[k])-lim)>>63))
			nr[k] = f
			if clamp && f == 0 {
				xn = x
			}
		}
		xs[k] = xn
		if thr && (xn > theta || ge && xn == theta) {
			cand = append(cand, int32(lo+k))
		}
	}
	s.SetGen(g)
	return cand
}

// linearBlock is stateUpdater.block for a fused update.
func (u *stateUpdater) linearBlock(wk *updWorker, b, lo, hi int) {
	ls := u.linear
	if ls.lastsp == nil && u.g.perBlock != nil {
		u.g.perBlock(lo, hi)
	}
	s := u.streams[lo/blockSize] // units finer than blocks draw nothing
	switch {
	case wk.thr == nil:
		ls.block(s, lo, hi, nil, false, &wk.noise)
	case ls.thrSimple:
		u.cand[b] = ls.block(s, lo, hi, u.cand[b][:0], true, &wk.noise)
	default:
		ls.block(s, lo, hi, nil, false, &wk.noise)
		u.cand[b] = wk.thr.SelectRange(lo, hi, u.cand[b][:0])
	}
}
