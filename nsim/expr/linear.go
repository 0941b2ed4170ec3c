package expr

import (
	"fmt"

	"gonsim/nsim/syntax"
	"gonsim/nsim/units"
)

// lin is n split as a*x + b; a == nil means n does not depend on x.
type lin struct{ a, b *node }

type linErr struct {
	culprit *node
	reason  string
}

func linear(e *Expr, x string) (A, B *Expr, err error) {
	if e.Bool {
		return nil, nil, &Error{Kind: Nonlinear, Text: e.Text, Msg: "a condition is not linear in " + x}
	}
	var xdim units.HalfDim
	found := false
	e.root.walk(func(m *node) {
		if (m.op == opArray || m.op == opScalar || m.op == opNoise) && m.sym.Name == x {
			xdim, found = m.dim, true
		}
	})
	users := usersOf(e.root, x)
	l, le := split(e.root, x, xdim, users)
	if le != nil {
		p, culprit := e.pos()
		if s := le.culprit.src; s != nil {
			p, culprit = s.Pos, s.Source(e.Text)
		} else {
			culprit = le.culprit.String()
		}
		return nil, nil, &Error{Kind: Nonlinear, Pos: p, Culprit: culprit, Text: e.Text,
			Msg: fmt.Sprintf("%q is not linear in %s: %s", e.culprit(), x, le.reason)}
	}
	adim := e.root.dim.Div(xdim)
	if !found {
		adim = units.HalfDim{}
	}
	if l.a == nil {
		l.a = constNode(0, adim)
	}
	if l.b == nil {
		l.b = constNode(0, e.root.dim)
	}
	syms := mergeSyms(e)
	return newExpr(e.Text, l.a, syms), newExpr(e.Text, l.b, syms), nil
}

func add(op opcode, p, q *node, src *syntax.Node) *node {
	switch {
	case p == nil && q == nil:
		return nil
	case q == nil:
		return p
	case p == nil:
		if op == opSub {
			return mk(opNeg, nil, q.dim, false, src, q)
		}
		return q
	}
	if op == opAdd && p.isConst() && p.val == 0 {
		return q
	}
	if q.isConst() && q.val == 0 {
		return p
	}
	return mk(op, nil, p.dim, false, src, p, q)
}

func mulBy(op opcode, p, r *node, src *syntax.Node) *node {
	if p == nil {
		return nil
	}
	if op == opMul && p.isConst() && p.val == 1 && p.dim.Dimensionless() {
		return r
	}
	d := p.dim.Mul(r.dim)
	if op == opDiv {
		d = p.dim.Div(r.dim)
	}
	return mk(op, nil, d, false, src, p, r)
}

// usersOf marks the nodes under root whose subtree reads x, in one
// bottom-up pass: split asks at every node, and asking n.uses there would
// walk each subtree again, quadratic in the depth of a long sum.
func usersOf(root *node, x string) map[*node]bool {
	m := map[*node]bool{}
	var rec func(n *node) bool
	rec = func(n *node) bool {
		if u, ok := m[n]; ok {
			return u
		}
		u := false
		switch n.op {
		case opArray, opScalar, opIndex, opNoise:
			u = n.sym.Name == x
		}
		for _, a := range n.args {
			if rec(a) {
				u = true
			}
		}
		m[n] = u
		return u
	}
	rec(root)
	return m
}

func split(n *node, x string, xdim units.HalfDim, users map[*node]bool) (lin, *linErr) {
	if !users[n] {
		return lin{nil, n}, nil
	}
	switch n.op {
	case opArray, opScalar, opNoise:
		return lin{constNode(1, units.HalfDim{}), nil}, nil
	case opNeg:
		l, err := split(n.args[0], x, xdim, users)
		if err != nil {
			return l, err
		}
		neg := func(p *node) *node {
			if p == nil {
				return nil
			}
			return mk(opNeg, nil, p.dim, false, n.src, p)
		}
		return lin{neg(l.a), neg(l.b)}, nil
	case opAdd, opSub:
		p, err := split(n.args[0], x, xdim, users)
		if err != nil {
			return p, err
		}
		q, err := split(n.args[1], x, xdim, users)
		if err != nil {
			return q, err
		}
		return lin{add(n.op, p.a, q.a, n.src), add(n.op, p.b, q.b, n.src)}, nil
	case opMul:
		l, r := n.args[0], n.args[1]
		if users[l] && users[r] {
			return lin{}, &linErr{n, fmt.Sprintf("it multiplies two terms that depend on %s", x)}
		}
		if users[r] {
			l, r = r, l
		}
		p, err := split(l, x, xdim, users)
		if err != nil {
			return p, err
		}
		return lin{mulBy(opMul, p.a, r, n.src), mulBy(opMul, p.b, r, n.src)}, nil
	case opDiv:
		if users[n.args[1]] {
			return lin{}, &linErr{n.args[1], fmt.Sprintf("%s appears in a denominator", x)}
		}
		p, err := split(n.args[0], x, xdim, users)
		if err != nil {
			return p, err
		}
		return lin{mulBy(opDiv, p.a, n.args[1], n.src), mulBy(opDiv, p.b, n.args[1], n.src)}, nil
	case opCall:
		return lin{}, &linErr{n, fmt.Sprintf("%s appears inside %s(...)", x, n.fn.name)}
	case opPow:
		return lin{}, &linErr{n, fmt.Sprintf("%s appears in a power", x)}
	}
	return lin{}, &linErr{n, fmt.Sprintf("%s appears in a condition or an operator that is not linear", x)}
}

// LinearIn checks that e is linear in the variables xs jointly (a sum of
// terms each proportional to at most one of them, with coefficients free
// of all of them), as the exact method needs. The error is a Nonlinear
// *Error pointing at the first term that is not, e.g. v*w when v and w
// are both variables.
func LinearIn(e *Expr, xs []string) error {
	usesAny := func(n *node) []string {
		var out []string
		for _, x := range xs {
			if n.uses(x) {
				out = append(out, x)
			}
		}
		return out
	}
	le := jointSplit(e.root, usesAny)
	if le == nil {
		return nil
	}
	p, culprit := e.pos()
	if s := le.culprit.src; s != nil {
		p, culprit = s.Pos, s.Source(e.Text)
	} else {
		culprit = le.culprit.String()
	}
	return &Error{Kind: Nonlinear, Pos: p, Culprit: culprit, Text: e.Text, Msg: fmt.Sprintf("%q: %s", culprit, le.reason)}
}

func jointSplit(n *node, usesAny func(*node) []string) *linErr {
	in := usesAny(n)
	if len(in) == 0 {
		return nil
	}
	switch n.op {
	case opArray, opScalar, opNoise:
		return nil
	case opNeg, opAdd, opSub:
		for _, a := range n.args {
			if le := jointSplit(a, usesAny); le != nil {
				return le
			}
		}
		return nil
	case opMul:
		l, r := usesAny(n.args[0]), usesAny(n.args[1])
		if len(l) > 0 && len(r) > 0 {
			return &linErr{n, fmt.Sprintf("the coefficient of %s is not constant: it depends on the state variable %s", l[0], r[0])}
		}
		if len(l) > 0 {
			return jointSplit(n.args[0], usesAny)
		}
		return jointSplit(n.args[1], usesAny)
	case opDiv:
		if d := usesAny(n.args[1]); len(d) > 0 {
			return &linErr{n.args[1], fmt.Sprintf("the state variable %s appears in a denominator", d[0])}
		}
		return jointSplit(n.args[0], usesAny)
	case opCall:
		return &linErr{n, fmt.Sprintf("the state variable %s appears inside %s(...)", in[0], n.fn.name)}
	case opPow:
		return &linErr{n, fmt.Sprintf("the state variable %s appears in a power", in[0])}
	}
	return &linErr{n, fmt.Sprintf("the state variable %s appears in a condition or an operator that is not linear", in[0])}
}
