package nsim

import (
	"fmt"
	"math"

	"gonsim/nsim/compile"
	"gonsim/nsim/expr"
	"gonsim/nsim/rng"
	"gonsim/nsim/syntax"
)

// createSynapses adds the synapses of the pairs (pi[k], pj[k]), n per
// pair, then numbers them by pair (MultisynapticIndex) and evaluates a
// string Delay for the new ones. Everything that can fail is checked
// before the first synapse is added.
func (s *Synapses) createSynapses(c *config, env *pairEnv, pi, pj []int32) error {
	counts, n, err := s.synapsesPerPair(c, env, pi, pj)
	if err != nil {
		return err
	}
	delays, err := s.delayKernel()
	if err != nil {
		return err
	}
	add := n * len(pi)
	for _, c := range counts {
		add += c
	}
	if err := claimBudget(s.name, fmt.Sprintf("%d synapses", add), float64(add)*s.synapseBytes()); err != nil {
		return err
	}
	first := s.n
	s.appendPairs(counts, n, pi, pj, add)
	s.syncArrays()
	s.numberMultisynapses()
	if delays != nil && s.n > first {
		s.needDelay()
		delays.EvalRange(s.delay[first:], first)
	}
	return nil
}

// appendPairs appends the indices of add synapses, n per pair (counts[k]
// for pair k with counts). The first Connect of one synapse per pair
// adopts the pair lists themselves: no copy of 8 bytes per synapse.
func (s *Synapses) appendPairs(counts []int, n int, pi, pj []int32, add int) {
	if s.n == 0 && counts == nil && n == 1 {
		s.pre, s.post = pi, pj
	} else {
		// Room for all of them at once, so that a million new synapses are
		// not copied at every growth of the arrays.
		s.pre, s.post = withCap(s.pre, s.n+add), withCap(s.post, s.n+add)
		for k := range pi {
			if counts != nil {
				n = counts[k]
			}
			for range n {
				s.pre, s.post = append(s.pre, pi[k]), append(s.post, pj[k])
			}
		}
	}
	s.n = len(s.pre)
	s.nF = float64(s.n)
}

func withCap[T any](x []T, n int) []T {
	if cap(x) >= n {
		return x
	}
	out := make([]T, len(x), n)
	copy(out, x)
	return out
}

// synapsesPerPair returns Copies' or NSyn's number of synapses: one n for
// all pairs, or counts per pair for an NSyn expression.
func (s *Synapses) synapsesPerPair(c *config, env *pairEnv, pi, pj []int32) ([]int, int, error) {
	text, ok := c.nSyn.(string)
	if !ok {
		if n, ok := c.nSyn.(int); ok {
			return nil, n, checkTotal(float64(n)*float64(len(pi)), s.n)
		}
		return nil, c.copies, checkTotal(float64(c.copies)*float64(len(pi)), s.n)
	}
	env.setScope("") // n is a function of the pair, not of the generator's variable
	k, err := env.parseCompile(text, wantNumber, "the number of synapses n")
	if err != nil {
		return nil, 0, &ObjectError{s.name, "Connect n", err}
	}
	env.setPairs(pi, pj)
	vals := make([]float64, len(pi))
	k.Eval(vals)
	counts, total := make([]int, len(pi)), 0.0
	for m, v := range vals {
		if !(v >= 0 && v == math.Trunc(v)) {
			return nil, 0, &ObjectError{s.name, "Connect n", &expr.Error{Kind: expr.Unsupported, Pos: syntax.Pos{Line: 1, Col: 1}, Culprit: text, Text: text,
				Msg: fmt.Sprintf("the number of synapses is %g for i = %d, j = %d, not a whole number ≥ 0", v, pi[m], pj[m])}}
		}
		counts[m] = int(v)
		total += v
	}
	return counts, 0, checkTotal(total, s.n)
}

// checkTotal refuses a Connect that would overflow the int32 synapse
// indices.
func checkTotal(add float64, have int) error {
	if add+float64(have) > math.MaxInt32 {
		return &ArgError{"Connect", "", fmt.Sprintf("would create %g synapses, more than the %d a Synapses object can hold", add, math.MaxInt32)}
	}
	return nil
}

// numberMultisynapses sets the MultisynapticIndex variable of every
// synapse: the number of earlier synapses of the same pair (Brian2
// recounts all synapses after each connect).
func (s *Synapses) numberMultisynapses() {
	v := s.vars[s.msIndex]
	if s.msIndex == "" || v == nil {
		return
	}
	seen := make(map[[2]int32]float64)
	for syn := range s.n {
		pair := [2]int32{s.pre[syn], s.post[syn]}
		v.data[syn] = seen[pair]
		seen[pair]++
	}
}

// withMultisynapticIndex adds Brian2's "name : integer" parameter (a
// dimensionless one here) to a synapse model.
func withMultisynapticIndex(model, name string) string {
	if name == "" {
		return model
	}
	return model + "\n" + name + " : 1\n"
}

// setDelayOption takes NewSynapses' Delay: a time for every synapse, or a
// string of time checked now and evaluated by Connect for each synapse it
// creates.
func (s *Synapses) setDelayOption(d any) error {
	switch d := d.(type) {
	case nil:
	case string:
		e, err := expr.Check(d, s.scope())
		if err != nil {
			return err
		}
		if err := e.Expect(timeDim, "the delay"); err != nil {
			return err
		}
		s.delayExpr = e
	default:
		s.defDelay, _ = secondsArg("NewSynapses", "Delay", d)
	}
	return nil
}

// delayKernel compiles the string Delay (nil without one).
func (s *Synapses) delayKernel() (*compile.Kernel, error) {
	if s.delayExpr == nil {
		return nil, nil
	}
	k, err := compile.Expr(s.delayExpr, compile.Env{Bind: s.bind, Rand: &switchRand{rng.New(s.seed, 1<<41+s.conn)}, DT: &s.dtN})
	if err != nil {
		return nil, &ObjectError{s.name, "delay", err}
	}
	return k, nil
}
