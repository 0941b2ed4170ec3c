package nsim

import (
	"math"
	"strings"

	"gonsim/nsim/compile"
	"gonsim/nsim/rng"
	"gonsim/nsim/syntax"
)

// outerOnly reports whether a Connect condition depends on the
// presynaptic side only (i, N_pre, N_post, x_pre, constants) and draws no
// random numbers: it can then be tested once per row instead of once per
// pair, as Brian2 does with the outer part of a condition.
func (e *pairEnv) outerOnly(text string) bool {
	if strings.Contains(text, "rand") {
		return false
	}
	n, err := syntax.ParseExpr(text)
	if err != nil {
		return false
	}
	ok := true
	syntax.Walk(n, func(m *syntax.Node) bool {
		if m.Kind == syntax.Name && e.readsTarget(m.Text) {
			ok = false
		}
		return ok
	})
	return ok
}

// connectOuter is connectCondition for a presynaptic-only condition and a
// constant p < 1: the condition is tested per row and the kept j's of a
// row are drawn with geometric gaps, O(N_pre + synapses) instead of
// O(N_pre × N_post).
func (s *Synapses) connectOuter(cond *compile.Kernel, env *pairEnv, p float64) (pi, pj []int32) {
	row := make([]float64, 1)
	kept := make([]bool, env.np)
	rows := 0
	for i := range kept {
		env.setI(i, 1)
		env.setJ([]int32{0})
		cond.Eval(row)
		kept[i] = row[0] != 0
		if kept[i] {
			rows++
		}
	}
	pi, pj = pairLists(p*float64(rows)*float64(env.nq), float64(rows)*float64(env.nq))
	for i, k := range kept {
		if k {
			pi, pj = sampleRow(env.rand, p, i, env.nq, pi, pj)
		}
	}
	return pi, pj
}

// pairLists makes room for about mean pairs drawn at random (plus five
// standard deviations, at most all pairs), so that the lists of millions
// of pairs are not copied as they grow: they become the synapses' index
// arrays.
func pairLists(mean, all float64) (pi, pj []int32) {
	n := int(min(mean+5*math.Sqrt(mean)+16, all, math.MaxInt32))
	return make([]int32, 0, n), make([]int32, 0, n)
}

// sampleRow appends the pairs (i, j), j < nq, each kept with probability
// 0 < p < 1, drawing the gaps between kept j's.
func sampleRow(r *rng.Stream, p float64, i, nq int, pi, pj []int32) ([]int32, []int32) {
	if p <= 0 {
		return pi, pj
	}
	lq := math.Log1p(-p)
	for j := int64(-1); ; {
		j += 1 + int64(math.Floor(math.Log(1-r.Float64())/lq))
		if j >= int64(nq) || j < 0 {
			return pi, pj
		}
		pi, pj = append(pi, int32(i)), append(pj, int32(j))
	}
}
