package equations

import (
	"fmt"
	"sort"
	"strings"

	"gonsim/nsim/expr"
	"gonsim/nsim/units"
)

func asEquations(model any) (*Equations, error) {
	switch m := model.(type) {
	case nil:
		return &Equations{}, nil
	case string:
		eqs, errs := parsePartial(m)
		return eqs, errs.Err()
	case *Equations:
		if m == nil {
			return &Equations{}, nil
		}
		return m, nil
	}
	return nil, fmt.Errorf("equations: a model is a string or *Equations, not %T", model)
}

// varSymbol is the symbol of a model's own variable.
func varSymbol(name string, owner Owner, q *Equation) expr.Symbol {
	s := expr.Symbol{Name: name, Kind: expr.Array, Dim: q.Dim,
		Ref: VarRef{Owner: owner, Name: q.Name, Kind: q.Kind, Flags: q.Flags}}
	if q.Flags.Shared {
		s.Kind = expr.Scalar
	}
	s.ReadOnly = q.Kind == Subexpression || q.Flags.Constant || q.Flags.Linked
	return s
}

func builtin(name string, kind expr.SymbolKind, dim units.Dim, owner Owner, ref string) expr.Symbol {
	return expr.Symbol{Name: name, Kind: kind, Dim: dim, ReadOnly: true, Ref: VarRef{Owner: owner, Name: ref, Builtin: true}}
}

// implicit is the symbol of one of expr.Builtins (t, dt, i, …), which
// gives its dimension; owner and ref say whose variable it is.
func implicit(name string, kind expr.SymbolKind, owner Owner, ref string) expr.Symbol {
	return expr.BuiltinSymbol(name, kind, VarRef{Owner: owner, Name: ref, Builtin: true})
}

// checked holds the result of checking a set of equations.
type checked struct {
	rhs, sub map[string]*expr.Expr // expanded
	summed   map[string]*expr.Expr // (summed) subexpressions, expanded; not in sub
	states   []string
	order    []string // subexpressions in dependency order
}

// checkEquations checks every right-hand side in scope, finds cyclic
// subexpressions and substitutes subexpressions.
func checkEquations(eqs *Equations, scope expr.Scope) (*checked, expr.ErrorList) {
	var errs expr.ErrorList
	raw := map[string]*expr.Expr{}
	for _, q := range eqs.List {
		if q.Kind == Parameter {
			continue
		}
		e, err := expr.CheckNode(eqs.Text, q.RHS, scope)
		ctx := fmt.Sprintf("%s %q", q.Kind, q.Name)
		if q.Kind == Differential {
			ctx = fmt.Sprintf("differential equation defining variable %q", q.Name)
		}
		if err != nil {
			errs = append(errs, expr.Errors(expr.WithContext(err, ctx))...)
			continue
		}
		want := q.Dim
		what := "the expression"
		if q.Kind == Differential {
			want = q.Dim.Div(units.DimTime)
			what = "the right-hand side"
		}
		if err := e.Expect(want, what); err != nil {
			le := expr.Errors(expr.WithContext(err, ctx))
			if q.Kind == Differential && e.Dim == q.Dim && !e.Bool {
				le[0].Msg += fmt.Sprintf(" (the unit of d%s/dt is the unit of %s divided by second)", q.Name, q.Name)
			}
			errs = append(errs, le...)
			continue
		}
		raw[q.Name] = e
	}
	// Cycles among subexpressions, reported once per cycle.
	c := &checked{rhs: map[string]*expr.Expr{}, sub: map[string]*expr.Expr{}, summed: map[string]*expr.Expr{}}
	state := map[string]int{} // 0 new, 1 visiting, 2 done
	var stack []string
	reported := map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		switch state[name] {
		case 1:
			i := len(stack) - 1
			for stack[i] != name {
				i--
			}
			cycle := append(append([]string{}, stack[i:]...), name)
			key := strings.Join(sortedCopy(stack[i:]), ",")
			if !reported[key] {
				reported[key] = true
				q, _ := eqs.Get(name)
				errs = append(errs, &expr.Error{Kind: expr.BadAssignment, Pos: q.Pos, Culprit: name, Text: eqs.Text,
					Msg: fmt.Sprintf("cyclic subexpressions: %s", strings.Join(cycle, " -> "))})
			}
			return
		case 2:
			return
		}
		state[name] = 1
		stack = append(stack, name)
		if e := raw[name]; e != nil {
			for _, dep := range e.Names() {
				if q, ok := eqs.Get(dep); ok && q.Kind == Subexpression && !q.Flags.Summed {
					visit(dep)
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[name] = 2
		c.order = append(c.order, name)
	}
	for _, q := range eqs.OfKind(Subexpression) {
		if !q.Flags.Summed { // a summed variable names the target's variable, not a subexpression
			visit(q.Name)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	for _, name := range c.order {
		e, err := expr.Substitute(raw[name], c.sub)
		if err != nil {
			return nil, expr.Errors(err)
		}
		c.sub[name] = e
	}
	for _, q := range eqs.OfKind(Subexpression) {
		if q.Flags.Summed {
			e, err := expr.Substitute(raw[q.Name], c.sub)
			if err != nil {
				return nil, expr.Errors(err)
			}
			c.summed[q.Name] = e
		}
	}
	for _, q := range eqs.OfKind(Differential) {
		e, err := expr.Substitute(raw[q.Name], c.sub)
		if err != nil {
			return nil, expr.Errors(err)
		}
		c.rhs[q.Name] = e
		c.states = append(c.states, q.Name)
	}
	return c, nil
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

// substituteBlock replaces subexpressions in every statement value.
func substituteBlock(b *expr.Block, sub map[string]*expr.Expr) (*expr.Block, error) {
	if len(sub) == 0 {
		return b, nil
	}
	out := &expr.Block{Text: b.Text}
	for _, s := range b.Stmts {
		v, err := expr.Substitute(s.Value, sub)
		if err != nil {
			return nil, err
		}
		c := *s
		c.Value = v
		out.Stmts = append(out.Stmts, &c)
	}
	return out, nil
}

func newNeuronModel(spec NeuronSpec, user expr.Scope) (*NeuronModel, error) {
	eqs, err := asEquations(spec.Model)
	var errs expr.ErrorList
	if err != nil {
		if eqs == nil {
			return nil, expr.WithContext(err, "model")
		}
		errs = expr.Errors(expr.WithContext(err, "model"))
	}
	m := &NeuronModel{Eqs: eqs, Symbols: expr.Symbols{}}
	for _, q := range eqs.List {
		m.Symbols[q.Name] = varSymbol(q.Name, Own, q)
	}
	errs = append(errs, synapticOnly(eqs)...)
	for _, name := range []string{"t", "dt", "N"} {
		m.Symbols[name] = implicit(name, expr.Scalar, Own, name)
	}
	m.Symbols["i"] = implicit("i", expr.Index, Own, "i")
	if spec.Refractory != nil {
		for _, name := range []string{"lastspike", "not_refractory"} {
			m.Symbols[name] = implicit(name, expr.Array, Own, name)
		}
	}
	scope := expr.Chain(m.Symbols, user)
	c, el := checkEquations(eqs, scope)
	errs = sortByPos(append(errs, el...))
	if c != nil {
		m.RHS, m.Subexpr, m.States = c.rhs, c.sub, c.states
	}
	sub := map[string]*expr.Expr{}
	if c != nil {
		sub = c.sub
	}
	if spec.Threshold != "" {
		e, err := expr.Check(spec.Threshold, scope)
		if err == nil {
			err = e.ExpectBool("the threshold")
		}
		if err == nil {
			e, err = expr.Substitute(e, sub)
		}
		if err != nil {
			errs = append(errs, expr.Errors(expr.WithContext(err, "threshold"))...)
		} else {
			m.Threshold = e
		}
	}
	if strings.TrimSpace(spec.Reset) != "" {
		b, err := expr.CheckBlock(spec.Reset, scope)
		if err == nil {
			b, err = substituteBlock(b, sub)
		}
		if err != nil {
			errs = append(errs, expr.Errors(expr.WithContext(err, "reset"))...)
		} else {
			m.Reset = b
		}
	}
	r, err := refractory(spec.Refractory, scope, sub)
	if err != nil {
		errs = append(errs, expr.Errors(expr.WithContext(err, "refractory"))...)
	}
	m.Refractory = r
	if len(errs) > 0 {
		return nil, errs
	}
	return m, nil
}

func refractory(v any, scope expr.Scope, sub map[string]*expr.Expr) (Refractory, error) {
	switch r := v.(type) {
	case nil:
		return Refractory{}, nil
	case string:
		e, err := expr.Check(r, scope)
		if err != nil {
			return Refractory{}, err
		}
		if e, err = expr.Substitute(e, sub); err != nil {
			return Refractory{}, err
		}
		if e.Bool {
			return Refractory{Kind: RefractoryCondition, Expr: e}, nil
		}
		if err := e.Expect(units.DimTime, "the refractory period"); err != nil {
			return Refractory{}, err
		}
		if val, ok := e.Const(); ok {
			return Refractory{Kind: RefractoryDuration, Duration: units.Time(val)}, nil
		}
		return Refractory{Kind: RefractoryTime, Expr: e}, nil
	case units.Quantifier:
		q := r.Q()
		if q.Dim != units.DimTime {
			return Refractory{}, &expr.Error{Kind: expr.UnitMismatch, Culprit: q.String(), Want: "s", Got: q.Dim.Unit(),
				Msg: fmt.Sprintf("the refractory period %s has unit %s, but a time is needed", q, q.Dim.Unit())}
		}
		return Refractory{Kind: RefractoryDuration, Duration: units.Time(q.Value)}, nil
	}
	return Refractory{}, &expr.Error{Kind: expr.UnitMismatch, Culprit: fmt.Sprint(v), Want: "s", Got: "1",
		Msg: fmt.Sprintf("the refractory period must be a time (e.g. 2*ms) or a string, not %v (%T)", v, v)}
}

func newSynapseModel(spec SynapseSpec, pre, post *NeuronModel, user expr.Scope) (*SynapseModel, error) {
	eqs, err := asEquations(spec.Model)
	var errs expr.ErrorList
	if err != nil {
		if eqs == nil {
			return nil, expr.WithContext(err, "model")
		}
		errs = expr.Errors(expr.WithContext(err, "model"))
	}
	eqs, consts := extractConstantOverDt(eqs)
	m := &SynapseModel{Eqs: eqs, Symbols: expr.Symbols{}}
	// Bare names: postsynaptic variables first, then synaptic ones on top
	// (a synapse's own variable wins, SEMANTICS §5).
	for _, side := range []struct {
		g     *NeuronModel
		owner Owner
		sfx   string
	}{{pre, Pre, "_pre"}, {post, Post, "_post"}} {
		if side.g == nil {
			continue
		}
		for _, q := range side.g.Eqs.List {
			s := varSymbol(q.Name+side.sfx, side.owner, q)
			m.Symbols[q.Name+side.sfx] = s
			if side.owner == Post {
				s.Name = q.Name
				m.Symbols[q.Name] = s
			}
		}
		for _, b := range []string{"lastspike", "not_refractory"} {
			if s, ok := side.g.Symbols[b]; ok {
				s.Name = b + side.sfx
				s.Ref = VarRef{Owner: side.owner, Name: b, Builtin: true}
				m.Symbols[b+side.sfx] = s
			}
		}
	}
	for _, q := range eqs.List {
		if !q.Flags.Summed { // x_post of a summed variable stays the target's x
			m.Symbols[q.Name] = varSymbol(q.Name, Own, q)
		}
	}
	for _, q := range consts {
		sym := m.Symbols[q.Name]
		sym.ReadOnly = true // set by its expression only
		m.Symbols[q.Name] = sym
	}
	errs = append(errs, m.addLastupdate()...)
	for _, name := range []string{"t", "dt", "N"} {
		m.Symbols[name] = implicit(name, expr.Scalar, Own, name)
	}
	m.Symbols["i"] = implicit("i", expr.Array, Pre, "i")
	m.Symbols["j"] = implicit("j", expr.Array, Post, "i")
	if _, ok := m.Symbols["delay"]; !ok {
		d := builtin("delay", expr.Array, units.DimTime, Own, "delay")
		d.ReadOnly = false
		m.Symbols["delay"] = d
	}
	scope := expr.Chain(m.Symbols, user)
	c, el := checkEquations(eqs, scope)
	errs = sortByPos(append(errs, el...))
	sub := map[string]*expr.Expr{}
	if c != nil {
		m.RHS, m.Subexpr, m.States, sub = c.rhs, c.sub, c.states, c.sub
		errs = append(errs, m.splitSynaptic(c, pre, post, scope)...)
		errs = append(errs, m.checkConstOverDt(consts, scope, c.sub)...)
	}
	for _, code := range []struct {
		text string
		dst  **expr.Block
		ctx  string
	}{{spec.OnPre, &m.OnPre, "on_pre"}, {spec.OnPost, &m.OnPost, "on_post"}} {
		if strings.TrimSpace(code.text) == "" {
			continue
		}
		b, err := expr.CheckBlock(code.text, scope)
		if err == nil {
			b, err = substituteBlock(b, sub)
		}
		if err != nil {
			errs = append(errs, expr.Errors(expr.WithContext(err, code.ctx))...)
			continue
		}
		*code.dst = m.withEventDriven(b)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return m, nil
}

// sortByPos orders the errors of one text by position.
func sortByPos(l expr.ErrorList) expr.ErrorList {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	return l
}
