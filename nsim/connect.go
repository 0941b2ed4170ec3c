package nsim

import (
	"fmt"
	"math"

	"gonsim/nsim/compile"
	"gonsim/nsim/rng"
	"gonsim/nsim/syntax"
)

// connectOptions are the options Connect takes.
var connectOptions = []string{"P", "Condition", "I", "J", "JExpr", "Copies", "NSyn", "SkipIfInvalid"}

// Connect creates synapses (Brian2's Synapses.connect), in one of three
// ways:
//
//   - I(…) and J(…) list explicit pairs (a single index is repeated);
//   - JExpr gives the j's of each i: an expression ("i", "i+1 if i > 0",
//     OneToOne()) or generator syntax, "k for k in range(i-2, i+3) if
//     k >= 0 and k < N_post", "k for k in sample(N_post, p=0.1)"
//     (range(stop), range(start, stop) and range(start, stop, step);
//     sample(…, p=…) or sample(…, size=…)). The condition may use i, the
//     iteration variable, j, N_pre, N_post and neuron variables (v_pre,
//     v_post). An index outside the target is an error unless
//     SkipIfInvalid() is given;
//   - otherwise every pair, restricted by Condition("i != j").
//
// P(p) keeps each candidate pair with probability p, a number or an
// expression of i and j (not with generator syntax, as in Brian2; use
// sample there). Copies(n) or NSyn(n) (an int or an expression of i and
// j) makes n synapses per pair, one after the other. Explicit pairs are
// created in the given order, the others for i in increasing order and,
// for one i, in the order of their j's (Brian2's order). On error no
// synapse is created.
func (s *Synapses) Connect(opts ...Option) error {
	c, err := applyOptions("Connect", connectOptions, opts)
	if err != nil {
		return err
	}
	if err := checkConnectOptions(c); err != nil {
		return err
	}
	s.conn++
	env := s.newPairEnv(rng.New(s.seed, s.conn))
	pf, err := s.newPFilter(c, env)
	if err != nil {
		return err
	}
	var pi, pj []int32
	switch {
	case c.given["I"]:
		pi, pj, err = s.connectPairs(c, pf)
	case c.given["JExpr"]:
		pi, pj, err = s.connectGenerator(c, env, pf)
	default:
		pi, pj, err = s.connectCondition(c, env, pf)
	}
	if err != nil {
		return err
	}
	return s.createSynapses(c, env, pi, pj)
}

// checkConnectOptions refuses the combinations Brian2 refuses.
func checkConnectOptions(c *config) error {
	const fn = "Connect"
	switch {
	case (c.given["I"] || c.given["J"]) && (c.given["Condition"] || c.given["JExpr"]):
		return &ArgError{fn, "", "I/J cannot be combined with Condition or JExpr"}
	case c.given["I"] != c.given["J"]:
		return &ArgError{fn, "", "explicit connections need both I(...) and J(...)"}
	case c.given["I"] && c.given["SkipIfInvalid"]:
		return &ArgError{fn, "SkipIfInvalid", "SkipIfInvalid applies to string connections (JExpr, Condition), not to I/J"}
	case c.given["JExpr"] && c.given["Condition"]:
		return &ArgError{fn, "", "JExpr cannot be combined with Condition (put the condition in the generator: \"k for k in range(N_post) if …\")"}
	case c.given["Copies"] && c.given["NSyn"]:
		return &ArgError{fn, "NSyn", "Copies and NSyn both set the number of synapses per pair; give one"}
	}
	return nil
}

// connectPairs returns the explicit pairs of I and J that P keeps.
func (s *Synapses) connectPairs(c *config, pf *pFilter) (pi, pj []int32, err error) {
	const fn = "Connect"
	is, js := c.i, c.j
	if len(is) == 1 && len(js) > 1 {
		is = repeat(is[0], len(js))
	}
	if len(js) == 1 && len(is) > 1 {
		js = repeat(js[0], len(is))
	}
	if len(is) != len(js) {
		return nil, nil, &ArgError{fn, "I", fmt.Sprintf("%d presynaptic and %d postsynaptic indices", len(is), len(js))}
	}
	np, nq := s.src.size(), s.tgt.size()
	one := make([]int32, 1)
	for k := range is {
		if is[k] < 0 || is[k] >= np {
			return nil, nil, &ArgError{fn, "I", fmt.Sprintf("index %d is outside 0…%d of %s", is[k], np-1, s.src.g.name)}
		}
		if js[k] < 0 || js[k] >= nq {
			return nil, nil, &ArgError{fn, "J", fmt.Sprintf("index %d is outside 0…%d of %s", js[k], nq-1, s.tgt.g.name)}
		}
		one[0] = int32(js[k])
		if pi, pj, err = pf.keep(is[k], one, pi, pj); err != nil {
			return nil, nil, err
		}
	}
	return pi, pj, nil
}

func repeat(x, n int) []int {
	out := make([]int, n)
	for k := range out {
		out[k] = x
	}
	return out
}

// connectGenerator returns the pairs JExpr generates (and P keeps).
func (s *Synapses) connectGenerator(c *config, env *pairEnv, pf *pFilter) (pi, pj []int32, err error) {
	gen, err := newGenerator(c.jExpr, env, c.skipInvalid)
	if err != nil {
		return nil, nil, &ObjectError{s.name, "Connect j", err}
	}
	if gen.g.Var != "" && (!pf.constant() || pf.p != 1) {
		return nil, nil, &ArgError{"Connect", "P", "generator syntax cannot be combined with P (as in Brian2); use sample(…, p=…) in the generator"}
	}
	for i := 0; i < env.np; i++ {
		js, err := gen.row(i)
		if err != nil {
			return nil, nil, &ObjectError{s.name, "Connect j", err}
		}
		if pi, pj, err = pf.keep(i, js, pi, pj); err != nil {
			return nil, nil, err
		}
	}
	return pi, pj, nil
}

// connectCondition returns the pairs where Condition holds (all pairs
// without one) that P keeps, row by row.
func (s *Synapses) connectCondition(c *config, env *pairEnv, pf *pFilter) (pi, pj []int32, err error) {
	np, nq := env.np, env.nq
	if c.condition == "" && pf.constant() {
		// The pairs themselves would fill memory before createSynapses
		// could count the synapses.
		n := pf.p * float64(np) * float64(nq)
		if err := fitsBudget(s.name, fmt.Sprintf("about %.4g synapses", n), n*(8+s.synapseBytes())); err != nil {
			return nil, nil, err
		}
	}
	if c.condition == "" && pf.constant() && pf.p < 1 {
		pi, pj = connectSparse(env.rand, pf.p, np, nq)
		return pi, pj, nil
	}
	var cond *compile.Kernel
	if c.condition != "" {
		if cond, err = env.parseCompile(c.condition, wantCondition, "the condition of Connect"); err != nil {
			if g, gerr := syntax.ParseGenerator(c.condition); gerr == nil && g.Var != "" {
				return nil, nil, &ArgError{"Connect", "Condition", fmt.Sprintf("generator syntax given as the condition; write JExpr(%q) instead", c.condition)}
			}
			return nil, nil, &ObjectError{s.name, "Connect condition", err}
		}
	}
	if cond != nil && pf.constant() && pf.p > 0 && pf.p < 1 && env.outerOnly(c.condition) {
		pi, pj = s.connectOuter(cond, env, pf.p)
		return pi, pj, nil
	}
	all := make([]int32, nq)
	for j := range all {
		all[j] = int32(j)
	}
	row := make([]float64, nq)
	var kept []int32
	for i := 0; i < np; i++ {
		js := all
		if cond != nil {
			env.setI(i, nq)
			env.setJ(all)
			cond.Eval(row)
			kept = kept[:0]
			for j, v := range row {
				if v != 0 {
					kept = append(kept, int32(j))
				}
			}
			js = kept
		}
		if pi, pj, err = pf.keep(i, js, pi, pj); err != nil {
			return nil, nil, err
		}
	}
	return pi, pj, nil
}

// connectSparse draws all pairs with probability p < 1 through geometric
// gaps between kept pairs: O(synapses), not O(pairs).
func connectSparse(r *rng.Stream, p float64, np, nq int) (pi, pj []int32) {
	if p <= 0 {
		return nil, nil
	}
	total := int64(np) * int64(nq)
	pi, pj = pairLists(p*float64(total), float64(total))
	lq := math.Log1p(-p)
	for x := int64(-1); ; {
		x += 1 + int64(math.Floor(math.Log(1-r.Float64())/lq))
		if x >= total || x < 0 {
			return pi, pj
		}
		pi, pj = append(pi, int32(x/int64(nq))), append(pj, int32(x%int64(nq)))
	}
}
