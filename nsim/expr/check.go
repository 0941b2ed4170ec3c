package expr

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"gonsim/nsim/syntax"
	"gonsim/nsim/units"
)

// NoiseRef is the Ref of the symbol nsim/compile hands to Env.Bind for a white
// noise name (xi, xi_1, …). Bind may return an Array binding holding
// pre-drawn values, or a zero Binding to let the kernel draw them.
type NoiseRef struct{}

var noiseName = regexp.MustCompile(`^xi(_\w+)?$`)

// IsNoise reports whether name is a white-noise name (xi or xi_*).
func IsNoise(name string) bool { return noiseName.MatchString(name) }

var dimNoise = units.HalfDim{0, 0, -1, 0, 0, 0, 0} // second**-0.5

// builtinConst are Python/numpy names Brian2 accepts in expressions.
var builtinConst = map[string]float64{"pi": math.Pi, "e": math.E, "inf": math.Inf(1), "True": 1, "False": 0}

type checker struct {
	text       string
	scope      Scope
	syms       map[string]Symbol
	errs       ErrorList
	unresolved map[string]bool
}

// bad marks a node whose error was already reported, so that the errors of
// its parents are not reported again.
var badNode = &node{op: opConst}

func (c *checker) fail(kind ErrorKind, n *syntax.Node, format string, args ...any) *node {
	c.errs = append(c.errs, &Error{Kind: kind, Pos: n.Pos, Culprit: n.Source(c.text), Msg: fmt.Sprintf(format, args...), Text: c.text})
	return badNode
}

func (c *checker) mismatch(n *syntax.Node, want, got string, format string, args ...any) *node {
	c.fail(UnitMismatch, n, format, args...)
	e := c.errs[len(c.errs)-1]
	e.Want, e.Got = want, got
	return badNode
}

func (c *checker) src(n *syntax.Node) string { return n.Source(c.text) }

// resolve finds a name: caller's scope, built-ins, units.
func (c *checker) resolve(n *syntax.Node) *node {
	name := n.Text
	if c.scope != nil {
		if sym, ok := c.scope.Lookup(name); ok {
			if sym.Name == "" {
				sym.Name = name
			}
			c.syms[name] = sym
			switch sym.Kind {
			case Constant:
				return &node{op: opConst, val: sym.Value, dim: units.Half(sym.Dim), isBool: sym.Bool, src: n}
			case Array:
				return &node{op: opArray, sym: sym, dim: units.Half(sym.Dim), isBool: sym.Bool, src: n}
			case Scalar:
				return &node{op: opScalar, sym: sym, dim: units.Half(sym.Dim), isBool: sym.Bool, src: n}
			case Index:
				return &node{op: opIndex, sym: sym, dim: units.Half(sym.Dim), src: n}
			case Function:
				return c.fail(BadCall, n, "%q is a function; call it as %s(...)", name, name)
			}
		}
	}
	if IsNoise(name) {
		sym := Symbol{Name: name, Kind: Array, Ref: NoiseRef{}, ReadOnly: true}
		c.syms[name] = sym
		return &node{op: opNoise, sym: sym, dim: dimNoise, src: n}
	}
	if v, ok := builtinConst[name]; ok {
		return &node{op: opConst, val: v, isBool: name == "True" || name == "False", src: n}
	}
	if q, ok := units.Lookup(name); ok {
		return &node{op: opConst, val: q.Value, dim: units.Half(q.Dim), src: n}
	}
	if !c.unresolved[name] {
		if c.unresolved == nil {
			c.unresolved = map[string]bool{}
		}
		c.unresolved[name] = true
		c.fail(UnresolvedName, n, "%s", unresolvedMsg(name, c.scope))
	}
	return badNode
}

func (c *checker) number(n *syntax.Node, x *node, what string) bool {
	if x.isBool {
		c.fail(TypeMismatch, n, "%q is a condition (true or false) where a number is needed%s; use int(...) to convert", c.src(n), what)
		return false
	}
	return true
}

func (c *checker) check(n *syntax.Node) *node {
	switch n.Kind {
	case syntax.Num:
		return &node{op: opConst, val: n.Value, src: n}
	case syntax.Name:
		return c.resolve(n)
	case syntax.Unary:
		x := c.check(n.Args[0])
		if x == badNode {
			return badNode
		}
		switch n.Op {
		case syntax.Not:
			if !x.isBool {
				return c.fail(TypeMismatch, n.Args[0], "the operand of \"not\" must be a condition, but %q is a number", c.src(n.Args[0]))
			}
			return mk(opNot, nil, units.HalfDim{}, true, n, x)
		case syntax.Plus:
			if !c.number(n.Args[0], x, "") {
				return badNode
			}
			return x
		}
		if !c.number(n.Args[0], x, "") {
			return badNode
		}
		return mk(opNeg, nil, x.dim, false, n, x)
	case syntax.Binary:
		return c.binary(n)
	case syntax.Call:
		return c.call(n)
	}
	panic("expr: unknown syntax kind")
}

func (c *checker) binary(n *syntax.Node) *node {
	l, r := c.check(n.Args[0]), c.check(n.Args[1])
	if l == badNode || r == badNode {
		return badNode
	}
	op := binOps[n.Op]
	ls, rs := c.src(n.Args[0]), c.src(n.Args[1])
	switch n.Op {
	case syntax.And, syntax.Or:
		for i, x := range []*node{l, r} {
			if !x.isBool {
				return c.fail(TypeMismatch, n.Args[i], "the operands of %q must be conditions, but %q is a number", n.Op.String(), c.src(n.Args[i]))
			}
		}
		return mk(op, nil, units.HalfDim{}, true, n, l, r)
	}
	if !c.number(n.Args[0], l, "") || !c.number(n.Args[1], r, "") {
		return badNode
	}
	switch n.Op {
	case syntax.Add, syntax.Sub, syntax.Mod:
		if l.dim != r.dim {
			return c.mismatch(n, l.dim.Unit(), r.dim.Unit(), "expression %q uses inconsistent units (%q has unit %s; %q has unit %s)",
				c.src(n), ls, l.dim.Unit(), rs, r.dim.Unit())
		}
		return mk(op, nil, l.dim, false, n, l, r)
	case syntax.Mul:
		return mk(op, nil, l.dim.Mul(r.dim), false, n, l, r)
	case syntax.Div:
		return mk(op, nil, l.dim.Div(r.dim), false, n, l, r)
	case syntax.FloorDiv:
		if l.dim != r.dim {
			return c.mismatch(n, l.dim.Unit(), r.dim.Unit(), "expression %q uses inconsistent units (%q has unit %s; %q has unit %s)",
				c.src(n), ls, l.dim.Unit(), rs, r.dim.Unit())
		}
		return mk(op, nil, units.HalfDim{}, false, n, l, r)
	case syntax.Pow:
		if !r.dim.Dimensionless() {
			return c.mismatch(n.Args[1], "1", r.dim.Unit(), "the exponent %q must be dimensionless, but has unit %s", rs, r.dim.Unit())
		}
		if l.dim.Dimensionless() {
			return mk(op, nil, units.HalfDim{}, false, n, l, r)
		}
		if r.op != opConst {
			return c.fail(TypeMismatch, n.Args[1], "the exponent %q of %q (unit %s) must be a constant", rs, ls, l.dim.Unit())
		}
		d, ok := scale(l.dim, r.val)
		if !ok {
			return c.fail(UnitMismatch, n, "%q: raising unit %s to the power %v gives a fractional exponent", c.src(n), l.dim.Unit(), r.val)
		}
		return mk(op, nil, d, false, n, l, r)
	}
	// comparisons
	if l.dim != r.dim {
		return c.mismatch(n, l.dim.Unit(), r.dim.Unit(), "comparison of expressions with different units: %q has unit %s, while %q has unit %s",
			ls, l.dim.Unit(), rs, r.dim.Unit())
	}
	return mk(op, nil, units.HalfDim{}, true, n, l, r)
}

func (c *checker) call(n *syntax.Node) *node {
	fn, ok := functions[n.Text]
	if !ok && c.scope != nil {
		if sym, found := c.scope.Lookup(n.Text); found {
			if sym.Kind != Function || sym.Func == nil {
				return c.fail(BadCall, n, "%q is a variable, not a function", n.Text)
			}
			fn, ok = userFunction(n.Text, sym.Func), true
		}
	}
	if !ok {
		return c.fail(BadCall, n, "unknown function %q (known: %s)", n.Text, strings.Join(functionNames(), ", "))
	}
	if len(n.Args) != fn.nargs {
		s := "s"
		if fn.nargs == 1 {
			s = ""
		}
		return c.fail(BadCall, n, "%s takes %d argument%s, got %d", fn.name, fn.nargs, s, len(n.Args))
	}
	args := make([]*node, len(n.Args))
	bad := false
	for i, a := range n.Args {
		args[i] = c.check(a)
		if args[i] == badNode {
			bad = true
		}
	}
	if bad {
		return badNode
	}
	for i, a := range args {
		if a.isBool && fn.rule != intRule {
			return c.fail(TypeMismatch, n.Args[i], "the argument %q of %s is a condition; a number is needed", c.src(n.Args[i]), fn.name)
		}
	}
	var d units.HalfDim
	switch fn.rule {
	case dimless, intRule:
		for i, a := range args {
			if !a.dim.Dimensionless() {
				return c.mismatch(n.Args[i], "1", a.dim.Unit(), "the argument of %s must be dimensionless, but %q has unit %s", fn.name, c.src(n.Args[i]), a.dim.Unit())
			}
		}
	case sameDim:
		d = args[0].dim
		for i, a := range args[1:] {
			if a.dim != d {
				return c.mismatch(n.Args[i+1], d.Unit(), a.dim.Unit(), "the arguments of %s must have the same units, but %q has unit %s and %q has unit %s",
					fn.name, c.src(n.Args[0]), d.Unit(), c.src(n.Args[i+1]), a.dim.Unit())
			}
		}
	case sqrtRule:
		var ok bool
		if d, ok = scale(args[0].dim, 0.5); !ok {
			return c.fail(UnitMismatch, n, "sqrt of %q: unit %s has an odd half exponent", c.src(n.Args[0]), args[0].dim.Unit())
		}
	case timestepRule:
		want := units.Half(units.DimTime)
		for i, a := range args {
			if a.dim != want {
				return c.mismatch(n.Args[i], "s", a.dim.Unit(), "the arguments of timestep must be times, but %q has unit %s", c.src(n.Args[i]), a.dim.Unit())
			}
		}
	case userRule:
		for i, a := range args {
			if want := units.Half(fn.user.Args[i]); a.dim != want {
				return c.mismatch(n.Args[i], want.Unit(), a.dim.Unit(), "argument %d of %s must have unit %s, but %q has unit %s",
					i+1, fn.name, want.Unit(), c.src(n.Args[i]), a.dim.Unit())
			}
		}
		d = units.Half(fn.user.Result)
	}
	return mk(opCall, fn, d, false, n, args...)
}

func (e *Expr) setDim() error {
	if d, ok := e.root.dim.Dim(); ok {
		e.Dim = d
	}
	return nil
}

func (e *Expr) pos() (syntax.Pos, string) {
	if s := e.root.src; s != nil {
		return s.Pos, s.Source(e.Text)
	}
	return syntax.Pos{}, e.String()
}

func (e *Expr) culprit() string {
	if s := e.root.src; s != nil {
		return s.Source(e.Text)
	}
	return e.String()
}

func (e *Expr) expect(want units.Dim, what string) error {
	p, culprit := e.pos()
	if e.Bool {
		return &Error{Kind: TypeMismatch, Pos: p, Culprit: culprit, Want: want.Unit(), Got: "bool", Text: e.Text,
			Msg: fmt.Sprintf("%s %q is a condition, but a value with unit %s is needed", what, culprit, want.Unit())}
	}
	if e.root.dim != units.Half(want) {
		got := e.root.dim.Unit()
		return &Error{Kind: UnitMismatch, Pos: p, Culprit: culprit, Want: want.Unit(), Got: got, Text: e.Text,
			Msg: fmt.Sprintf("%s %q has unit %s, but unit %s is needed", what, culprit, got, want.Unit())}
	}
	return nil
}

func (e *Expr) expectBool(what string) error {
	if e.Bool {
		return nil
	}
	p, culprit := e.pos()
	return &Error{Kind: TypeMismatch, Pos: p, Culprit: culprit, Want: "bool", Got: e.root.dim.Unit(), Text: e.Text,
		Msg: fmt.Sprintf("%s %q must be a condition (a comparison), but it is a value with unit %s", what, culprit, e.root.dim.Unit())}
}

func newExpr(text string, root *node, syms map[string]Symbol) *Expr {
	e := &Expr{Text: text, root: root, syms: syms, Bool: root.isBool}
	e.setDim()
	return e
}

func mergeSyms(es ...*Expr) map[string]Symbol {
	m := map[string]Symbol{}
	for _, e := range es {
		for k, v := range e.syms {
			m[k] = v
		}
	}
	return m
}

func substitute(e *Expr, subs map[string]*Expr) (*Expr, error) {
	var errs ErrorList
	var rec func(n *node) *node
	rec = func(n *node) *node {
		if n.op == opArray || n.op == opScalar {
			if s, ok := subs[n.sym.Name]; ok {
				if s.root.dim != n.dim || s.Bool != n.isBool {
					p, _ := e.pos()
					if n.src != nil {
						p = n.src.Pos
					}
					errs = append(errs, &Error{Kind: UnitMismatch, Pos: p, Culprit: n.sym.Name, Want: n.dim.Unit(), Got: s.root.dim.Unit(), Text: e.Text,
						Msg: fmt.Sprintf("substituting %q: the replacement has unit %s, but %s has unit %s", n.sym.Name, s.root.dim.Unit(), n.sym.Name, n.dim.Unit())})
					return n
				}
				return s.root
			}
			return n
		}
		if len(n.args) == 0 {
			return n
		}
		args := make([]*node, len(n.args))
		changed := false
		for i, a := range n.args {
			args[i] = rec(a)
			changed = changed || args[i] != a
		}
		if !changed {
			return n
		}
		return mk(n.op, n.fn, n.dim, n.isBool, n.src, args...)
	}
	root := rec(e.root)
	if len(errs) > 0 {
		return nil, errs
	}
	all := []*Expr{e}
	for _, s := range subs {
		all = append(all, s)
	}
	syms := mergeSyms(all...)
	for name := range subs {
		delete(syms, name)
	}
	return newExpr(e.Text, root, syms), nil
}

func combine(op syntax.Op, a, b *Expr) (*Expr, error) {
	o, ok := binOps[op]
	if !ok || op.IsComparison() || op.IsLogical() {
		return nil, fmt.Errorf("expr: Combine supports + - * / **, not %s", op)
	}
	if a.Bool || b.Bool {
		return nil, &Error{Kind: TypeMismatch, Msg: fmt.Sprintf("cannot combine conditions with %s", op)}
	}
	var d units.HalfDim
	switch o {
	case opAdd, opSub:
		if a.root.dim != b.root.dim {
			return nil, &Error{Kind: UnitMismatch, Want: a.root.dim.Unit(), Got: b.root.dim.Unit(), Culprit: a.String() + " " + op.String() + " " + b.String(),
				Msg: fmt.Sprintf("expression %q uses inconsistent units (%q has unit %s; %q has unit %s)", a.String()+" "+op.String()+" "+b.String(), a.String(), a.root.dim.Unit(), b.String(), b.root.dim.Unit())}
		}
		d = a.root.dim
	case opMul:
		d = a.root.dim.Mul(b.root.dim)
	case opDiv:
		d = a.root.dim.Div(b.root.dim)
	case opPow:
		if !b.root.dim.Dimensionless() || !a.root.dim.Dimensionless() && b.root.op != opConst {
			return nil, &Error{Kind: UnitMismatch, Msg: "the exponent must be a dimensionless constant"}
		}
		if !a.root.dim.Dimensionless() {
			var ok bool
			if d, ok = scale(a.root.dim, b.root.val); !ok {
				return nil, &Error{Kind: UnitMismatch, Msg: "fractional unit exponent"}
			}
		}
	default:
		return nil, fmt.Errorf("expr: Combine supports + - * / **, not %s", op)
	}
	return newExpr("", mk(o, nil, d, false, nil, a.root, b.root), mergeSyms(a, b)), nil
}

func apply(name string, args ...*Expr) (*Expr, error) {
	fn, ok := functions[name]
	if !ok {
		return nil, &Error{Kind: BadCall, Msg: fmt.Sprintf("unknown function %q", name)}
	}
	if len(args) != fn.nargs {
		return nil, &Error{Kind: BadCall, Msg: fmt.Sprintf("%s takes %d arguments, got %d", name, fn.nargs, len(args))}
	}
	// Re-check through a synthetic syntax tree would lose nodes; apply the
	// function's dimension rule directly.
	var d units.HalfDim
	nodes := make([]*node, len(args))
	for i, a := range args {
		nodes[i] = a.root
		if a.Bool && fn.rule != intRule {
			return nil, &Error{Kind: TypeMismatch, Msg: fmt.Sprintf("argument of %s is a condition", name)}
		}
	}
	switch fn.rule {
	case dimless, intRule:
		for _, a := range nodes {
			if !a.dim.Dimensionless() {
				return nil, &Error{Kind: UnitMismatch, Want: "1", Got: a.dim.Unit(), Msg: fmt.Sprintf("the argument of %s must be dimensionless, but has unit %s", name, a.dim.Unit())}
			}
		}
	case sameDim:
		d = nodes[0].dim
		for _, a := range nodes[1:] {
			if a.dim != d {
				return nil, &Error{Kind: UnitMismatch, Want: d.Unit(), Got: a.dim.Unit(), Msg: fmt.Sprintf("the arguments of %s must have the same units", name)}
			}
		}
	case sqrtRule:
		var ok bool
		if d, ok = scale(nodes[0].dim, 0.5); !ok {
			return nil, &Error{Kind: UnitMismatch, Msg: "sqrt of a unit with an odd half exponent"}
		}
	case timestepRule:
		for _, a := range nodes {
			if a.dim != units.Half(units.DimTime) {
				return nil, &Error{Kind: UnitMismatch, Want: "s", Got: a.dim.Unit(), Msg: "the arguments of timestep must be times"}
			}
		}
	}
	return newExpr("", mk(opCall, fn, d, false, nil, nodes...), mergeSyms(args...)), nil
}
