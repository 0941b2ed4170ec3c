package nsim

import (
	"math"

	"gonsim/nsim/compile"
	"gonsim/nsim/expr"
	"gonsim/nsim/integrate"
	"gonsim/nsim/internal/mathfn"
)

// Fused affine updates of several state variables. A deterministic model
// whose update is s ← M·s + c with M and c the same for every neuron
// (the exact method on linear equations with constant coefficients, e.g.
// CUBA's v, ge, gi) is done in one loop per block that reads each state
// once, writes its new value, recomputes not_refractory and collects the
// threshold candidates, instead of the generic path's kernel passes, copies
// and separate refractoriness and threshold passes. M and c are
// evaluated once per step. The update is taken about the fixed point s*
// of the step, s ← s* + M·(s − s*), as the exact solution is written
// (v ← El + (v − El)·e^(−dt/τ)): c + M·s rounds differently, and over
// 1500 steps of seed section 6 its error grew past the refdata's 1e-14.
// Where I − M is singular (a state that does not decay) the step uses
// c + M·s. Values differ from the generic path by rounding only.

// noKnownRefractory turns the refractory set off (tests compare both
// paths).
var noKnownRefractory bool

// maxAffine is the largest number of state variables fused; larger
// systems keep the generic path (its k² coefficients per neuron-step
// would no longer be cheap next to it).
const maxAffine = 4

// affineStep is the fused update of k state variables.
type affineStep struct {
	k     int
	xs    []*variable
	clamp []bool                            // (unless refractory), per state
	coef  []*compile.Kernel                 // k×(k+1), row i: M_i0…M_ik-1, c_i; nil for a constant
	c0    []float64                         // the constants
	val   [maxAffine][maxAffine + 1]float64 // this step's M | c
	fp    [maxAffine]float64                // this step's s* (0 where I − M is singular)
	off   [maxAffine]float64                // s*, or c where I − M is singular

	// As linearStep: a fixed refractory period and a threshold s_thr > θ.
	lastsp, nr []float64
	steps      int64
	lim, t     float64
	thrSimple  bool
	ge         bool
	thr        int // which state the threshold tests
	theta      float64

	use3 bool           // block3 applies
	a3   mathfn.Affine3 // its coefficients for this step

	// block3 then reads neither lastspike nor not_refractory
	// (mathfn.Affine3.BlockKnown).
	refrTrust
}

// tryAffine returns the fused form of a deterministic update of 2 to
// maxAffine states, or nil when the model does not have it.
func (u *stateUpdater) tryAffine(scheme *integrate.Scheme) *affineStep {
	k := len(u.states)
	if noLinearFusion || k < 2 || k > maxAffine || len(scheme.Stages) != 0 || len(scheme.Temps) != 0 ||
		len(scheme.Final) != k || u.coupled != nil || len(u.noiseList) != 0 {
		return nil
	}
	as := &affineStep{k: k, xs: u.states, clamp: u.clamp, coef: make([]*compile.Kernel, k*(k+1)), c0: make([]float64, k*(k+1))}
	env := compile.Env{Bind: u.g.bind(u.temps, u.noise), DT: u.g.dt}
	for i, x := range u.states {
		if scheme.Final[i].Target != x.name {
			return nil
		}
		f, ok := substitutePre(scheme.Final[i].Value, scheme.Pre)
		if !ok || f.Bool || usesRand(f) {
			return nil
		}
		row := make([]*expr.Expr, k+1)
		for j, y := range u.states {
			a, rest, err := expr.Linear(f, y.name)
			if err != nil {
				return nil
			}
			row[j], f = a, rest
		}
		row[k] = f
		for j, e := range row {
			if !u.uniform(e, env) {
				return nil
			}
			if v, ok := e.Const(); ok {
				as.c0[i*(k+1)+j] = v
				continue
			}
			kern, err := compile.Expr(e, env)
			if err != nil {
				return nil
			}
			as.coef[i*(k+1)+j] = kern
		}
	}
	if u.nr == nil {
		as.clamp = make([]bool, k)
	}
	return as
}

// prepareStep evaluates the step's M and c.
func (as *affineStep) prepareStep(g *updSpec, t float64) {
	k := as.k
	for i := range k {
		for j := range k + 1 {
			v := as.c0[i*(k+1)+j]
			if kern := as.coef[i*(k+1)+j]; kern != nil {
				v = kern.EvalAt(0)
			}
			as.val[i][j] = v
		}
	}
	as.fixedPoint()
	as.t = t
	if as.lastsp != nil {
		dt := *g.dt
		as.lim = float64(as.steps)*dt - 1e-3*dt
	}
	as.use3 = as.k == 3 && as.lastsp != nil && as.thrSimple && !as.ge && !as.clamp[1] && !as.clamp[2] && as.thr == 0
	if as.use3 {
		m := [3][3]float64{[3]float64(as.val[0][:3]), [3]float64(as.val[1][:3]), [3]float64(as.val[2][:3])}
		as.a3.Set(m, [3]float64(as.off[:3]), [3]float64(as.fp[:3]), as.t, as.lim, as.theta, as.clamp[0])
	}
	as.decide(as.use3 && as.a3.KnowsRefractory(), t, as.lim)
}

// fixedPoint solves (I − M)·s* = c for this step's M and c by Gaussian
// elimination with partial pivoting, setting fp and off.
func (as *affineStep) fixedPoint() {
	k := as.k
	var a [maxAffine][maxAffine + 1]float64
	scale := 0.0
	for i := range k {
		for j := range k {
			a[i][j] = -as.val[i][j]
			if i == j {
				a[i][j] += 1
			}
			scale = max(scale, math.Abs(a[i][j]))
		}
		a[i][k] = as.val[i][k]
	}
	singular := scale == 0
	for col := 0; col < k && !singular; col++ {
		p := col
		for r := col + 1; r < k; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[p][col]) {
				p = r
			}
		}
		if math.Abs(a[p][col]) <= 1e-12*scale {
			singular = true
			break
		}
		a[col], a[p] = a[p], a[col]
		for r := range k {
			if r == col {
				continue
			}
			f := a[r][col] / a[col][col]
			for j := col; j <= k; j++ {
				a[r][j] -= f * a[col][j]
			}
		}
	}
	if singular {
		as.fixedPointFail()
		return
	}
	for i := range k {
		x := a[i][k] / a[i][i]
		if math.IsInf(x, 0) || math.IsNaN(x) {
			as.fixedPointFail()
			return
		}
		as.fp[i], as.off[i] = x, x
	}
}

// fixedPointFail sets the c + M·s form.
func (as *affineStep) fixedPointFail() {
	for i := range as.k {
		as.fp[i], as.off[i] = 0, as.val[i][as.k]
	}
}

// block updates neurons lo…hi-1 and returns the threshold candidates
// appended to cand (if the threshold is tested here).
func (as *affineStep) block(lo, hi int, cand []int32) []int32 {
	k := as.k
	var st [maxAffine][]float64
	for i := range k {
		st[i] = as.xs[i].data[lo:hi]
	}
	var nr, lsp []float64
	refr := as.lastsp != nil
	if refr {
		lsp, nr = as.lastsp[lo:hi], as.nr[lo:hi]
	}
	var old, nw [maxAffine]float64
	for n := range hi - lo {
		var d [maxAffine]float64
		for i := range k {
			old[i] = st[i][n]
			d[i] = old[i] - as.fp[i]
		}
		f := 1.0
		if refr {
			f = float64(1 - int64(math.Float64bits((as.t-lsp[n])-as.lim)>>63))
			nr[n] = f
		}
		for i := range k {
			r := &as.val[i]
			s := as.off[i]
			for j := range k {
				s += r[j] * d[j]
			}
			if as.clamp[i] && f == 0 {
				s = old[i]
			}
			nw[i] = s
			st[i][n] = s
		}
		if as.thrSimple {
			if x := nw[as.thr]; x > as.theta || as.ge && x == as.theta {
				cand = append(cand, int32(lo+n))
			}
		}
	}
	return cand
}

// block3 is block for three states with a fixed refractory period, the
// first state (unless refractory or not) tested by x > θ: CUBA's v, ge,
// gi, four neurons per instruction where the CPU has AVX2
// (mathfn.Affine3).
func (as *affineStep) block3(lo, hi int, cand []int32) []int32 {
	x, y, z := as.xs[0].data[lo:hi], as.xs[1].data[lo:hi], as.xs[2].data[lo:hi]
	ls, nr := as.lastsp[lo:hi], as.nr[lo:hi]
	if as.trust {
		return as.a3.BlockKnown(x, y, z, as.set.bits[lo/64:], cand, int32(lo))
	}
	cand = as.a3.Block(x, y, z, ls, nr, cand, int32(lo))
	if as.keep {
		as.set.setBits(nr, lo)
	}
	return cand
}

// affineBlock is stateUpdater.block for a fused affine update.
func (u *stateUpdater) affineBlock(wk *updWorker, b, lo, hi int) {
	as := u.affine
	if as.lastsp == nil && u.g.perBlock != nil {
		u.g.perBlock(lo, hi)
	}
	switch {
	case wk.thr == nil:
		as.block(lo, hi, nil)
	case as.use3:
		u.cand[b] = as.block3(lo, hi, u.cand[b][:0])
	case as.thrSimple:
		u.cand[b] = as.block(lo, hi, u.cand[b][:0])
	default:
		as.block(lo, hi, nil)
		u.cand[b] = wk.thr.SelectRange(lo, hi, u.cand[b][:0])
	}
}
