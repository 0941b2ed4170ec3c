package nsim

import (
	"fmt"
	"math"

	"gonsim/nsim/compile"
	"gonsim/nsim/expr"
	"gonsim/nsim/syntax"
)

// maxRange bounds the indices one range(…) or sample(…) may produce for
// one i, so that a mistyped bound is an error rather than an exhausted
// memory.
const maxRange = 1 << 24

// generator evaluates JExpr: Brian2's generator syntax
// "element for k in range(…)|sample(…) if cond", or a plain "element
// [if cond]" (one candidate per i). For each i in order it yields the
// j's of the candidates in iteration order (Brian2's
// synapses_create_generator template).
type generator struct {
	text     string
	g        *syntax.Generator
	env      *pairEnv
	skip     bool
	elem     *compile.Kernel
	cond     *compile.Kernel // nil without if
	condPost bool            // the condition reads postsynaptic variables: j must be valid first
	bounds   [3][]float64    // start, stop, step for every i
	arg      []float64       // sample's p or size for every i
	ks, jv   []float64
	cv       []float64
	js       []int32
}

func newGenerator(text string, env *pairEnv, skip bool) (*generator, error) {
	g, err := syntax.ParseGenerator(text)
	if err != nil {
		return nil, err
	}
	if g.Var == "i" || g.Var == "j" {
		return nil, &expr.Error{Kind: expr.Unsupported, Pos: g.VarPos, Culprit: g.Var, Text: text,
			Msg: fmt.Sprintf("the iteration variable cannot be called %s (i and j are the pre- and postsynaptic indices)", g.Var)}
	}
	env.setScope(g.Var)
	gen := &generator{text: text, g: g, env: env, skip: skip}
	if err := gen.compileElement(); err != nil {
		return nil, err
	}
	if err := gen.evalIterator(); err != nil {
		return nil, err
	}
	if g.Cond != nil {
		if gen.cond, err = env.compile(text, g.Cond, wantCondition, "the if condition of the generator"); err != nil {
			return nil, err
		}
		syntax.Walk(g.Cond, func(n *syntax.Node) bool {
			gen.condPost = gen.condPost || n.Kind == syntax.Name && env.readsPost(n.Text)
			return true
		})
	}
	return gen, nil
}

// compileElement compiles the expression giving j, which cannot depend on
// j itself.
func (gen *generator) compileElement() error {
	if err := gen.refuse(gen.g.Element, func(name string) bool { return gen.env.readsTarget(name) },
		"the index expression cannot use %s: it computes j"); err != nil {
		return err
	}
	k, err := gen.env.compile(gen.text, gen.g.Element, wantNumber, "the postsynaptic index j")
	gen.elem = k
	return err
}

// refuse returns a positioned error for the first name of n that bad
// rejects.
func (gen *generator) refuse(n *syntax.Node, bad func(string) bool, format string) error {
	var err error
	syntax.Walk(n, func(m *syntax.Node) bool {
		if err == nil && m.Kind == syntax.Name && bad(m.Text) {
			err = &expr.Error{Kind: expr.Unsupported, Pos: m.Pos, Culprit: m.Text, Text: gen.text, Msg: fmt.Sprintf(format, m.Text)}
		}
		return err == nil
	})
	return err
}

// evalIterator evaluates the iterator's arguments for every i at once;
// they may depend on i and presynaptic variables only.
func (gen *generator) evalIterator() error {
	g, env := gen.g, gen.env
	if g.Var == "" {
		gen.bounds = [3][]float64{constRow(0, env.np), constRow(1, env.np), constRow(1, env.np)}
		return nil
	}
	env.setOuter()
	for b, n := range []*syntax.Node{g.Start(), g.Stop(), g.Step()} {
		v, err := gen.outerValues(n, [3]float64{0, 0, 1}[b], "the "+g.Iter+" argument", true)
		if err != nil {
			return err
		}
		gen.bounds[b] = v
	}
	if g.Keyword.Name == "" {
		return nil
	}
	v, err := gen.outerValues(g.Keyword.Value, 0, "the "+g.Keyword.Name+"= argument of sample", g.Keyword.Name == "size")
	gen.arg = v
	return err
}

// outerValues evaluates one iterator argument for every i (def where the
// argument is absent) and checks that the values are integers if integer.
func (gen *generator) outerValues(n *syntax.Node, def float64, what string, integer bool) ([]float64, error) {
	env := gen.env
	if n == nil {
		return constRow(def, env.np), nil
	}
	if err := gen.refuse(n, func(name string) bool { return name == gen.g.Var || env.readsTarget(name) },
		what+" may depend on i and presynaptic variables only, not on %s"); err != nil {
		return nil, err
	}
	k, err := env.compile(gen.text, n, wantNumber, what)
	if err != nil {
		return nil, err
	}
	out := make([]float64, env.np)
	k.Eval(out)
	for i, v := range out {
		if integer && v != math.Trunc(v) {
			return nil, gen.errAt(n, "%s gives %g for i = %d, not an integer", n.Source(gen.text), v, i)
		}
	}
	return out, nil
}

func constRow(v float64, n int) []float64 {
	out := make([]float64, n)
	for k := range out {
		out[k] = v
	}
	return out
}

// errAt returns a positioned error at node n of the generator text.
func (gen *generator) errAt(n *syntax.Node, format string, args ...any) error {
	e := &expr.Error{Kind: expr.Unsupported, Pos: syntax.Pos{Line: 1, Col: 1}, Text: gen.text, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Pos, e.Culprit = n.Pos, n.Source(gen.text)
	}
	return e
}

// row returns the j's generated for presynaptic index i, in order.
func (gen *generator) row(i int) ([]int32, error) {
	if err := gen.iterate(i); err != nil {
		return nil, err
	}
	if err := gen.indices(i); err != nil {
		return nil, err
	}
	if gen.cond != nil && !gen.condPost {
		gen.filter()
	}
	if err := gen.inRange(i); err != nil {
		return nil, err
	}
	if gen.cond != nil && gen.condPost {
		gen.filterValid(i)
	}
	return gen.js, nil
}

// indices evaluates the element for the iteration values of i into jv;
// they must be whole numbers.
func (gen *generator) indices(i int) error {
	m := len(gen.ks)
	gen.env.setI(i, m)
	gen.env.setK(gen.ks)
	gen.jv = growRow(gen.jv, m)[:m]
	gen.elem.Eval(gen.jv)
	for _, v := range gen.jv {
		if v != math.Trunc(v) {
			return gen.errAt(gen.g.Element, "index j=%g for i = %d is not an integer", v, i)
		}
	}
	return nil
}

// filter evaluates a condition that reads no postsynaptic variable on the
// current row (i, k, j) and keeps the candidates where it holds; as in
// Brian2, it runs before the range check of j.
func (gen *generator) filter() {
	m := len(gen.ks)
	gen.env.setJValues(gen.jv)
	gen.cv = growRow(gen.cv, m)
	gen.cond.Eval(gen.cv[:m])
	n := 0
	for c := range gen.ks {
		if gen.cv[c] != 0 {
			gen.ks[n], gen.jv[n] = gen.ks[c], gen.jv[c]
			n++
		}
	}
	gen.ks, gen.jv = gen.ks[:n], gen.jv[:n]
}

// filterValid evaluates a condition that reads postsynaptic variables on
// the valid j's of i and keeps those where it holds.
func (gen *generator) filterValid(i int) {
	m := len(gen.js)
	gen.env.setI(i, m)
	gen.env.setK(gen.ks)
	gen.env.setJ(gen.js)
	gen.cv = growRow(gen.cv, m)
	gen.cond.Eval(gen.cv[:m])
	out := gen.js[:0]
	for n, j := range gen.js {
		if gen.cv[n] != 0 {
			out = append(out, j)
		}
	}
	gen.js = out
}

// inRange converts the candidates' j to indices, skipping or refusing
// those outside the target group.
func (gen *generator) inRange(i int) error {
	nq := gen.env.nq
	gen.js = gen.js[:0]
	n := 0
	for c, v := range gen.jv {
		if v < 0 || v >= float64(nq) {
			if gen.skip {
				continue
			}
			also := ""
			if gen.condPost {
				also = ", and the condition refers to a postsynaptic variable"
			}
			return gen.errAt(gen.g.Element, "index j=%g outside allowed range from 0 to %d for i = %d%s (SkipIfInvalid() skips such pairs)", v, nq-1, i, also)
		}
		gen.js = append(gen.js, int32(v))
		gen.ks[n] = gen.ks[c]
		n++
	}
	gen.ks = gen.ks[:n]
	return nil
}

// iterate fills gen.ks with the iteration values of i: range(start, stop,
// step) in order, or the ones sample keeps.
func (gen *generator) iterate(i int) error {
	start, stop, step := gen.bounds[0][i], gen.bounds[1][i], gen.bounds[2][i]
	if step == 0 {
		return gen.errAt(gen.g.Step(), "the step of %s is 0 for i = %d", gen.g.Iter, i)
	}
	count := math.Max(0, math.Ceil((stop-start)/step))
	if count > maxRange {
		return gen.errAt(gen.g.Stop(), "%s gives %g indices for i = %d, more than %d", gen.g.Iter, count, i, maxRange)
	}
	gen.ks = gen.ks[:0]
	switch gen.g.Keyword.Name {
	case "":
		for c := 0; c < int(count); c++ {
			gen.ks = append(gen.ks, start+float64(c)*step)
		}
	case "p":
		return gen.sampleP(i, start, step, int(count))
	case "size":
		return gen.sampleSize(i, start, step, int(count))
	}
	return nil
}

// sampleP keeps each of the n candidates independently with probability p.
func (gen *generator) sampleP(i int, start, step float64, n int) error {
	p := gen.arg[i]
	if !(p >= 0 && p <= 1) {
		return gen.errAt(gen.g.Keyword.Value, "p = %g for i = %d is outside [0, 1]", p, i)
	}
	r := gen.env.rand
	for c := 0; c < n; c++ {
		if p >= 1 || p > 0 && r.Float64() < p {
			gen.ks = append(gen.ks, start+float64(c)*step)
		}
	}
	return nil
}

// sampleSize draws size of the n candidates without replacement, in
// increasing order (selection sampling).
func (gen *generator) sampleSize(i int, start, step float64, n int) error {
	size := int(gen.arg[i])
	switch {
	case size < 0 && gen.skip:
		return nil
	case size < 0:
		return gen.errAt(gen.g.Keyword.Value, "requested sample size %d for i = %d is negative", size, i)
	case size > n && gen.skip:
		size = n
	case size > n:
		return gen.errAt(gen.g.Keyword.Value, "requested sample size %d for i = %d is bigger than the population size %d", size, i, n)
	}
	r := gen.env.rand
	for c := 0; c < n && size > 0; c++ {
		if float64(n-c)*r.Float64() < float64(size) {
			gen.ks = append(gen.ks, start+float64(c)*step)
			size--
		}
	}
	return nil
}
