package equations

import (
	"fmt"
	"strings"

	"gonsim/nsim/expr"
	"gonsim/nsim/syntax"
	"gonsim/nsim/units"
)

// This file holds the parts of a synapse model that neuron models do not
// have: (event-driven) differential equations, solved analytically at
// events, and (summed) variables written into the pre- or postsynaptic
// group.

// synapticOnly refuses the synaptic flags in a neuron model.
func synapticOnly(eqs *Equations) expr.ErrorList {
	var errs expr.ErrorList
	for _, q := range eqs.List {
		for _, fl := range []struct {
			on   bool
			name string
		}{{q.Flags.EventDriven, "event-driven"}, {q.Flags.ClockDriven, "clock-driven"}, {q.Flags.Summed, "summed"}} {
			if fl.on {
				errs = append(errs, &expr.Error{Kind: expr.Unsupported, Pos: q.Pos, Culprit: q.Name, Text: eqs.Text,
					Msg: fmt.Sprintf("flag (%s) of %q is only allowed in the model of Synapses", fl.name, q.Name)})
			}
		}
	}
	return errs
}

// addLastupdate adds the variable lastupdate (second) that event-driven
// variables need, as Brian2 does; a model defining it itself is refused.
func (m *SynapseModel) addLastupdate() expr.ErrorList {
	for _, q := range m.Eqs.List {
		m.LastUpdate = m.LastUpdate || q.Flags.EventDriven && q.Kind == Differential
	}
	if !m.LastUpdate {
		return nil
	}
	if q, ok := m.Eqs.Get("lastupdate"); ok {
		return expr.ErrorList{{Kind: expr.BadAssignment, Pos: q.Pos, Culprit: q.Name, Text: m.Eqs.Text,
			Msg: "\"lastupdate\" is defined by Synapses with event-driven variables and cannot be defined by the model"}}
	}
	lu := expr.BuiltinSymbol("lastupdate", expr.Array, VarRef{Owner: Own, Name: "lastupdate", Kind: Parameter})
	lu.ReadOnly = false // the statements that update it write it
	m.Symbols["lastupdate"] = lu
	return nil
}

// splitSynaptic separates the event-driven equations from the clock-driven
// ones, checks the dependencies between them (Brian2's
// Synapses.verify_dependencies), solves the event-driven ones and collects
// the summed variables.
func (m *SynapseModel) splitSynaptic(c *checked, pre, post *NeuronModel, scope expr.Scope) expr.ErrorList {
	var clock []string
	for _, x := range m.States {
		if q, _ := m.Eqs.Get(x); q.Flags.EventDriven {
			m.EventDriven = append(m.EventDriven, x)
		} else {
			clock = append(clock, x)
		}
	}
	m.States = clock
	var errs expr.ErrorList
	for _, x := range clock {
		errs = append(errs, m.noDependency(x, fmt.Sprintf("clock-driven equation of %q", x), c.rhs[x], m.EventDriven, "event-driven")...)
	}
	for _, x := range m.EventDriven {
		errs = append(errs, m.noDependency(x, fmt.Sprintf("event-driven equation of %q", x), c.rhs[x], clock, "clock-driven")...)
	}
	for _, q := range m.Eqs.List {
		if q.Flags.Summed {
			errs = append(errs, m.noDependency(q.Name, fmt.Sprintf("summed variable %q", q.Name), c.summed[q.Name], m.EventDriven, "event-driven")...)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	for _, x := range m.EventDriven {
		st, err := m.eventUpdate(x, c.rhs[x], scope)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		m.EventUpdate = append(m.EventUpdate, st)
		delete(m.RHS, x)
	}
	if m.LastUpdate {
		m.lastStmt = m.lastupdateStmt(scope)
	}
	return append(errs, m.summedVars(c, pre, post)...)
}

// noDependency refuses the equation of x (described by what) whose
// expanded right-hand side e reads one of the variables in others.
func (m *SynapseModel) noDependency(x, what string, e *expr.Expr, others []string, otherKind string) expr.ErrorList {
	if e == nil {
		return nil
	}
	q, _ := m.Eqs.Get(x)
	for _, y := range others {
		if !e.DependsOn(y) {
			continue
		}
		pos := q.Pos
		syntax.Walk(q.RHS, func(n *syntax.Node) bool {
			if n.Kind == syntax.Name && n.Text == y && pos == q.Pos {
				pos = n.Pos
			}
			return true
		})
		return expr.ErrorList{{Kind: expr.BadAssignment, Pos: pos, Culprit: y, Text: m.Eqs.Text,
			Msg: fmt.Sprintf("the %s should not depend on the %s variable %q", what, otherKind, y)}}
	}
	return nil
}

// eventUpdate solves dx/dt = A·x + B (A and B independent of x, t and the
// other event-driven variables) from lastupdate to t:
// x = x·e^{AΔ} + B/A·(e^{AΔ} − 1), or x + B·Δ when A is 0, Δ = t − lastupdate.
func (m *SynapseModel) eventUpdate(x string, rhs *expr.Expr, scope expr.Scope) (*expr.Statement, *expr.Error) {
	q, _ := m.Eqs.Get(x)
	fail := func(format string, args ...any) *expr.Error {
		return &expr.Error{Kind: expr.Nonlinear, Pos: q.RHSPos, Culprit: q.RHS.Source(m.Eqs.Text), Text: m.Eqs.Text,
			Msg: fmt.Sprintf("cannot solve the differential equation of %q as event-driven: ", x) + fmt.Sprintf(format, args...) + "; use (clock-driven) instead"}
	}
	if rhs.Stochastic() {
		return nil, fail("it is stochastic")
	}
	if rhs.DependsOn("t") {
		return nil, fail("it depends on time t")
	}
	A, B, err := expr.Linear(rhs, x)
	if err != nil {
		e := fail("it is not linear in %s", x)
		if le := expr.Errors(err); len(le) > 0 && le[0].Culprit != "" && le[0].Pos.Line > 0 {
			e.Pos, e.Culprit = le[0].Pos, le[0].Culprit
		}
		return nil, e
	}
	for _, y := range m.EventDriven {
		if y != x && (A.DependsOn(y) || B.DependsOn(y)) {
			return nil, fail("it depends on the event-driven variable %q (coupled event-driven equations are not supported)", y)
		}
	}
	// The formula is built from checked pieces; a failure here is a bug,
	// reported as an error of the equation rather than a panic.
	var buildErr error
	must := func(e *expr.Expr, err error) *expr.Expr {
		if err != nil && buildErr == nil {
			buildErr = err
		}
		if e == nil {
			return expr.Lit(0, units.Dim{})
		}
		return e
	}
	xe := must(expr.Check(x, scope))
	delta := must(expr.Check("(t - lastupdate)", scope))
	var v *expr.Expr
	if a, ok := A.Const(); ok && a == 0 {
		v = must(expr.Combine(syntax.Add, xe, must(expr.Combine(syntax.Mul, B, delta))))
	} else {
		e := must(expr.Apply("exp", must(expr.Combine(syntax.Mul, A, delta))))
		v = must(expr.Combine(syntax.Mul, xe, e))
		if !B.IsZero() {
			em1 := must(expr.Combine(syntax.Sub, e, expr.Lit(1, units.Dim{})))
			v = must(expr.Combine(syntax.Add, v, must(expr.Combine(syntax.Mul, must(expr.Combine(syntax.Div, B, A)), em1))))
		}
	}
	if buildErr != nil {
		return nil, fail("internal error (please report): %v", buildErr)
	}
	return &expr.Statement{Target: m.Symbols[x], Op: syntax.Assign, Value: v, Pos: q.Pos}, nil
}

// lastupdateStmt is lastupdate = t.
func (m *SynapseModel) lastupdateStmt(scope expr.Scope) *expr.Statement {
	tv, err := expr.Check("t", scope)
	if err != nil {
		return nil // t is always a symbol of the synapses
	}
	return &expr.Statement{Target: m.Symbols["lastupdate"], Op: syntax.Assign, Value: tv}
}

// withEventDriven wraps a pathway's statements: the event-driven updates
// first, lastupdate = t last (Brian2's SynapticPathway abstract code).
func (m *SynapseModel) withEventDriven(b *expr.Block) *expr.Block {
	if !m.LastUpdate {
		return b
	}
	out := &expr.Block{Text: b.Text}
	out.Stmts = append(out.Stmts, m.EventUpdate...)
	out.Stmts = append(out.Stmts, b.Stmts...)
	if m.lastStmt != nil {
		out.Stmts = append(out.Stmts, m.lastStmt)
	}
	return out
}

// summedVars checks the (summed) variables: the name ends in _pre or
// _post, the target group has a parameter of that name and unit, and no
// two summed variables of the model write it.
func (m *SynapseModel) summedVars(c *checked, pre, post *NeuronModel) expr.ErrorList {
	var errs expr.ErrorList
	seen := map[string]*Summed{}
	for _, q := range m.Eqs.List {
		if !q.Flags.Summed {
			continue
		}
		bad := func(format string, args ...any) {
			errs = append(errs, &expr.Error{Kind: expr.BadAssignment, Pos: q.Pos, Culprit: q.Name, Text: m.Eqs.Text, Msg: fmt.Sprintf(format, args...)})
		}
		sv := &Summed{Name: q.Name, Expr: c.summed[q.Name], Pos: q.Pos}
		var g *NeuronModel
		switch {
		case strings.HasSuffix(q.Name, "_post"):
			sv.Target, sv.Side, g = strings.TrimSuffix(q.Name, "_post"), Post, post
		case strings.HasSuffix(q.Name, "_pre"):
			sv.Target, sv.Side, g = strings.TrimSuffix(q.Name, "_pre"), Pre, pre
		default:
			bad("the summed variable %q does not end in _pre or _post", q.Name)
			continue
		}
		var tq *Equation
		if g != nil {
			tq, _ = g.Eqs.Get(sv.Target)
		}
		side := map[Owner]string{Pre: "presynaptic", Post: "postsynaptic"}[sv.Side]
		if tq == nil || tq.Kind != Parameter || tq.Flags.Linked {
			have := "has no such variable"
			if tq != nil {
				have = fmt.Sprintf("defines it as a %s", tq.Kind)
				if tq.Flags.Linked {
					have = "defines it as a linked variable"
				}
			}
			bad("the summed variable %q needs a parameter %q in the %s group, which %s", q.Name, sv.Target, side, have)
			continue
		}
		if tq.Dim != q.Dim {
			bad("the summed variable %q has unit %s but the %s parameter %q has unit %s", q.Name, unitName(q.Dim), side, sv.Target, unitName(tq.Dim))
			continue
		}
		key := sv.Side.String() + "." + sv.Target
		if prev := seen[key]; prev != nil {
			bad("the %s variable %q is already written by the summed variable %q (line %d)", side, sv.Target, prev.Name, prev.Pos.Line)
			continue
		}
		seen[key] = sv
		m.Summed = append(m.Summed, sv)
	}
	return errs
}

func unitName(d units.Dim) string {
	if d == (units.Dim{}) {
		return "1"
	}
	return d.Unit()
}
