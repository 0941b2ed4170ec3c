package nsim

import (
	"fmt"
	"strings"

	"gonsim/nsim/compile"
	"gonsim/nsim/expr"
	"gonsim/nsim/rng"
	"gonsim/nsim/syntax"
	"gonsim/nsim/units"
)

// pairVar is the Ref of Connect's own index names: "i", "j" and "k" (the
// generator's iteration variable, whatever its name).
type pairVar string

// pairEnv evaluates Connect's strings (condition, p, j, n) for a row of
// candidate pairs: element m of a row is the pair (iv[m], jv[m]) with
// iteration value kv[m]. Kernels hold pointers to the row slices, so rows
// can grow without recompiling.
type pairEnv struct {
	s             *Synapses
	np, nq        int
	scope         expr.Scope
	rand          *rng.Stream
	iv, jv, kv    []float64
	preIx, postIx []int32 // absolute neuron indices of iv and jv
}

func (s *Synapses) newPairEnv(r *rng.Stream) *pairEnv {
	e := &pairEnv{s: s, np: s.src.size(), nq: s.tgt.size(), rand: r}
	e.setScope("")
	return e
}

// setScope makes the iteration variable k (if not "") visible to the
// strings compiled afterwards.
func (e *pairEnv) setScope(k string) {
	own := expr.Symbols{
		"i":      {Name: "i", Kind: expr.Array, ReadOnly: true, Ref: pairVar("i")},
		"j":      {Name: "j", Kind: expr.Array, ReadOnly: true, Ref: pairVar("j")},
		"N_pre":  {Name: "N_pre", Kind: expr.Constant, Value: float64(e.np), ReadOnly: true},
		"N_post": {Name: "N_post", Kind: expr.Constant, Value: float64(e.nq), ReadOnly: true},
	}
	if k != "" {
		own[k] = expr.Symbol{Name: k, Kind: expr.Array, ReadOnly: true, Ref: pairVar("k")}
	}
	e.scope = expr.Chain(own, expr.ScopeFunc(e.sided), userScope(e.s.ns))
}

// sided resolves x_pre and x_post to the neuron variables of the source
// and target groups.
func (e *pairEnv) sided(name string) (expr.Symbol, bool) {
	for _, side := range []struct {
		suffix string
		g      *groupCore
	}{{"_pre", e.s.src.g}, {"_post", e.s.tgt.g}} {
		if base, ok := strings.CutSuffix(name, side.suffix); ok {
			if ng, ok := side.g.owner.(*NeuronGroup); ok {
				if v, ok := ng.vars[base]; ok && v.data != nil {
					return expr.Symbol{Name: name, Kind: expr.Array, Dim: v.dim, ReadOnly: true, Ref: [2]string{side.suffix, base}}, true
				}
			}
		}
	}
	return expr.Symbol{}, false
}

// readsPost reports whether a name is a postsynaptic variable: a string
// reading it needs a valid j.
func (e *pairEnv) readsPost(name string) bool {
	sym, _ := e.scope.Lookup(name)
	r, ok := sym.Ref.([2]string)
	return ok && r[0] == "_post"
}

// readsTarget reports whether a name is j or a postsynaptic variable.
func (e *pairEnv) readsTarget(name string) bool {
	sym, _ := e.scope.Lookup(name)
	return sym.Ref == pairVar("j") || e.readsPost(name)
}

func (e *pairEnv) bind(sym expr.Symbol) (compile.Binding, error) {
	switch r := sym.Ref.(type) {
	case pairVar:
		switch r {
		case "i":
			return compile.Binding{Data: &e.iv}, nil
		case "j":
			return compile.Binding{Data: &e.jv}, nil
		}
		return compile.Binding{Data: &e.kv}, nil
	case [2]string:
		g, ix := e.s.src.g, &e.preIx
		if r[0] == "_post" {
			g, ix = e.s.tgt.g, &e.postIx
		}
		v := g.owner.(*NeuronGroup).vars[r[1]]
		return compile.Binding{Data: &v.data, Index: ix}, nil
	}
	return compile.Binding{}, fmt.Errorf("cannot bind %s in a Connect string", sym.Name)
}

// valueKind says what one of Connect's strings must give.
type valueKind uint8

const (
	wantNumber      valueKind = iota // dimensionless
	wantCondition                    // true or false
	wantProbability                  // dimensionless, or a condition (Brian2 takes p='i < 2' as 0/1)
)

// compile checks one of Connect's strings (n is its parsed node within
// text; what describes it in errors) and compiles it.
func (e *pairEnv) compile(text string, n *syntax.Node, want valueKind, what string) (*compile.Kernel, error) {
	x, err := expr.CheckNode(text, n, e.scope)
	if err != nil {
		return nil, err
	}
	switch {
	case want == wantCondition:
		err = x.ExpectBool(what)
	case want == wantNumber || !x.Bool:
		err = x.Expect(units.Dim{}, what)
	}
	if err != nil {
		return nil, err
	}
	return compile.Expr(x, compile.Env{Bind: e.bind, Rand: &switchRand{e.rand}, DT: &e.s.dtN})
}

// parseCompile is compile for a whole string.
func (e *pairEnv) parseCompile(text string, want valueKind, what string) (*compile.Kernel, error) {
	n, err := syntax.ParseExpr(text)
	if err != nil {
		return nil, expr.Errors(err)
	}
	return e.compile(text, n, want, what)
}

// growRow returns buf with length at least m (its contents are overwritten
// by the caller).
func growRow[T any](buf []T, m int) []T {
	if cap(buf) < m {
		return make([]T, m, max(m, 2*cap(buf)))
	}
	return buf[:max(m, len(buf))]
}

// setI makes a row of m elements with presynaptic index i.
func (e *pairEnv) setI(i, m int) {
	e.iv, e.preIx = growRow(e.iv, m), growRow(e.preIx, m)
	for n := 0; n < m; n++ {
		e.iv[n] = float64(i)
		e.preIx[n] = int32(i + e.s.src.lo)
	}
}

// setOuter makes a row of every presynaptic index 0…np-1 in turn.
func (e *pairEnv) setOuter() {
	e.iv, e.preIx = growRow(e.iv, e.np), growRow(e.preIx, e.np)
	for i := 0; i < e.np; i++ {
		e.iv[i] = float64(i)
		e.preIx[i] = int32(i + e.s.src.lo)
	}
}

// setJ sets the postsynaptic indices of the row.
func (e *pairEnv) setJ(js []int32) {
	e.jv, e.postIx = growRow(e.jv, len(js)), growRow(e.postIx, len(js))
	for n, j := range js {
		e.jv[n] = float64(j)
		e.postIx[n] = j + int32(e.s.tgt.lo)
	}
}

// setJValues sets j of the row to values that may lie outside the target
// (for a condition that reads j but no postsynaptic variable).
func (e *pairEnv) setJValues(jv []float64) {
	e.jv = growRow(e.jv, len(jv))
	copy(e.jv, jv)
}

// setK sets the iteration values of the row.
func (e *pairEnv) setK(ks []float64) {
	e.kv = growRow(e.kv, len(ks))
	copy(e.kv, ks)
}

// setPairs makes a row of arbitrary pairs (is[m], js[m]).
func (e *pairEnv) setPairs(is, js []int32) {
	e.iv, e.preIx = growRow(e.iv, len(is)), growRow(e.preIx, len(is))
	for n, i := range is {
		e.iv[n] = float64(i)
		e.preIx[n] = i + int32(e.s.src.lo)
	}
	e.setJ(js)
}

// pFilter keeps each candidate pair with Connect's probability: a
// constant p, or an expression of i, j and neuron variables.
type pFilter struct {
	p    float64
	text string
	k    *compile.Kernel // nil for a constant p
	env  *pairEnv
	pv   []float64
}

func (s *Synapses) newPFilter(c *config, env *pairEnv) (*pFilter, error) {
	f := &pFilter{p: c.p, text: c.pExpr, env: env}
	if c.pExpr == "" {
		return f, nil
	}
	k, err := env.parseCompile(c.pExpr, wantProbability, "the connection probability p")
	if err != nil {
		return nil, &ObjectError{s.name, "Connect p", err}
	}
	f.k = k
	return f, nil
}

// constant reports whether p is a number (no expression).
func (f *pFilter) constant() bool { return f.k == nil }

// keep appends to pi, pj the pairs (i, js[m]) it keeps, drawing one random
// number per pair whose probability is below 1.
func (f *pFilter) keep(i int, js []int32, pi, pj []int32) ([]int32, []int32, error) {
	r := f.env.rand
	if f.k == nil {
		for _, j := range js {
			if f.p >= 1 || r.Float64() < f.p {
				pi, pj = append(pi, int32(i)), append(pj, j)
			}
		}
		return pi, pj, nil
	}
	f.env.setI(i, len(js))
	f.env.setJ(js)
	f.pv = growRow(f.pv, len(js))
	f.k.Eval(f.pv[:len(js)])
	for m, j := range js {
		p := f.pv[m]
		if !(p >= 0 && p <= 1) {
			return pi, pj, &ObjectError{f.env.s.name, "Connect p", &expr.Error{Kind: expr.Unsupported, Pos: syntax.Pos{Line: 1, Col: 1}, Culprit: f.text, Text: f.text,
				Msg: fmt.Sprintf("the connection probability is %g for i = %d, j = %d, outside [0, 1]", p, i, j)}}
		}
		if p >= 1 || r.Float64() < p {
			pi, pj = append(pi, int32(i)), append(pj, j)
		}
	}
	return pi, pj, nil
}
