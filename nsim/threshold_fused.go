package nsim

import (
	"gonsim/nsim/compile"
	"gonsim/nsim/equations"
	"gonsim/nsim/expr"
)

// Fused thresholds. A threshold that reads only the group's own variables
// (and t, dt, i, N) sees, in the thresholds slot, exactly the values the
// group's update left: nothing in between writes them (linked variables,
// which other groups' updates may change, and rand() are excluded). The
// state updater can therefore test each block right after updating it, on
// the worker that updated it, while the block is still in cache; the
// thresholds slot then only joins the blocks' lists in order. This
// replaces a serial pass over all neurons per step, which limited the
// gain from a second core.

// noFusedThresholds turns fusion off (tests compare both paths).
var noFusedThresholds bool

// fuseThreshold compiles one threshold kernel per worker of the group's
// updater if the threshold can be fused.
func (g *NeuronGroup) fuseThreshold(m *equations.NeuronModel) error {
	u := g.upd
	if u == nil || m.Threshold == nil || usesRand(m.Threshold) || noFusedThresholds {
		return nil
	}
	for _, name := range m.Threshold.Names() {
		if b, ok := expr.Builtin(name); ok && (b.In == expr.EveryObject || b.In == expr.EveryGroup) {
			continue // t, dt, i, N: the group's own
		}
		if v, ok := g.vars[name]; !ok || v.flags.Linked {
			return nil
		}
	}
	for _, wk := range u.workers {
		k, err := compile.Expr(m.Threshold, compile.Env{Bind: g.bind(nil, nil), Rand: g.rand, DT: &g.dtN})
		if err != nil {
			return err
		}
		wk.thr = k
	}
	u.cand = make([][]int32, u.nunits)
	u.candK = -1
	return nil
}

// fusedSpikes returns the neurons above threshold found by the update of
// step k, in increasing order, or false if the update did not test them.
func (g *NeuronGroup) fusedSpikes(k int64, dst []int32) ([]int32, bool) {
	u := g.upd
	if u == nil || u.cand == nil || u.candK != k {
		return dst, false
	}
	for _, c := range u.cand {
		dst = append(dst, c...)
	}
	return dst, true
}
