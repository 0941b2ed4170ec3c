package equations

import (
	"fmt"

	"gonsim/nsim/expr"
)

// ConstOverDt is a subexpression flagged (constant over dt) in a synapse
// model. As in Brian2 it becomes a variable of the synapses, set from its
// expression once per step before anything else runs, so that the
// integrator and the pathways see one value for the whole step (an
// expression with rand() then draws once per step).
type ConstOverDt struct {
	Name string
	Expr *expr.Expr // subexpressions substituted
}

// extractConstantOverDt returns eqs with each (constant over dt)
// subexpression turned into a parameter (Brian2's
// extract_constant_subexpressions), and those subexpressions.
func extractConstantOverDt(eqs *Equations) (*Equations, []*Equation) {
	var consts []*Equation
	out := &Equations{Text: eqs.Text}
	for _, q := range eqs.List {
		if q.Kind == Subexpression && q.Flags.ConstantOverDt {
			consts = append(consts, q)
			p := *q
			p.Kind = Parameter
			q = &p
		}
		out.List = append(out.List, q)
	}
	if consts == nil {
		return eqs, nil
	}
	return out, consts
}

// checkConstOverDt checks the extracted subexpressions in scope (where
// their names are read-only variables) and expands the other
// subexpressions in them.
func (m *SynapseModel) checkConstOverDt(consts []*Equation, scope expr.Scope, sub map[string]*expr.Expr) expr.ErrorList {
	var errs expr.ErrorList
	for _, q := range consts {
		ctx := fmt.Sprintf("subexpression %q", q.Name)
		e, err := expr.CheckNode(m.Eqs.Text, q.RHS, scope)
		if err == nil {
			err = e.Expect(q.Dim, "the expression")
		}
		if err == nil {
			e, err = expr.Substitute(e, sub)
		}
		if err != nil {
			errs = append(errs, expr.Errors(expr.WithContext(err, ctx))...)
			continue
		}
		m.ConstOverDt = append(m.ConstOverDt, &ConstOverDt{Name: q.Name, Expr: e})
	}
	return errs
}
