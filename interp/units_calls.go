package interp

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"gonsim/interp/internal/qops"
	"gonsim/nsim/units"
)

// Calls in the unit pass: conversions, Brian2's math functions (exp,
// sqrt, abs, pow: prelude names, functions of package qops when the
// rewrite leaves them), and the identity functions of a re-check.

// call handles f(args).
func (p *unitPass) call(c *ast.CallExpr) qv {
	if id, ok := c.Fun.(*ast.Ident); ok && strings.HasPrefix(id.Name, asPrefix) && len(c.Args) == 1 {
		return p.eval(c.Args[0]) // a definition retyped for this check
	}
	if tv, ok := p.info.Types[c.Fun]; ok && tv.IsType() && len(c.Args) == 1 {
		return p.conversion(c, tv.Type)
	}
	if id, ok := ast.Unparen(c.Fun).(*ast.Ident); ok {
		if fn, ok := p.info.Uses[id].(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == preludePath {
			if v, ok := p.mathCall(c, id.Name); ok {
				return v
			}
		}
	}
	return p.leaf(c)
}

// conversion handles T(x): a quantity converts only to its own unit's
// type or to a number (its SI value, float64(tau) is 0.01 as Brian2's
// float(tau)).
func (p *unitPass) conversion(c *ast.CallExpr, t types.Type) qv {
	x := p.eval(c.Args[0])
	to := p.classify(t)
	if !x.isQty() || x.kind == kInvalid {
		v := p.leaf(c)
		v.changed = x.changed
		return v
	}
	switch to.kind {
	case kTyped:
		if x.static && x.dim != to.dim {
			p.fail(c.Lparen, fmt.Sprintf("cannot convert %s to %s: units do not match (%s and %s)", p.src(c.Args[0]), to.typed, p.unitName(x, c.Args[0]), to.dim.Unit()))
			return qv{kind: kInvalid}
		}
		if x.kind == kQ || x.kind == kH {
			if !x.static {
				p.replace(c.Lparen, c.Args[0].Pos(), "("+qopsAlias+".Value(")
				p.replace(c.Args[0].End(), c.Rparen+1, fmt.Sprintf(", %s.%s(1)))", unitsAlias, to.typed))
			} else {
				p.around(c.Args[0].Pos(), c.Args[0].End(), "(", ").Value")
			}
		}
		to.changed = x.changed
		return to
	case kNum:
		if x.kind == kQ || x.kind == kH {
			p.around(c.Args[0].Pos(), c.Args[0].End(), "(", ").Value")
		}
		return qv{kind: kNum, static: true, goType: t, changed: true}
	}
	return p.leaf(c)
}

// mathCall handles exp(x), sqrt(x), abs(x), pow(x, y), …; ok is false
// for other prelude functions.
func (p *unitPass) mathCall(c *ast.CallExpr, name string) (qv, bool) {
	_, dimless := qops.Funcs[name]
	switch {
	case dimless && len(c.Args) == 1:
		return p.dimensionless(c, name), true
	case name == "sqrt" && len(c.Args) == 1:
		return p.sqrt(c), true
	case name == "abs" && len(c.Args) == 1:
		return p.abs(c), true
	case name == "pow" && len(c.Args) == 2:
		return p.pow(c), true
	}
	return qv{}, false
}

// rewriteCall replaces the call's text around its first argument (its
// name and parentheses) by open and close.
func (p *unitPass) rewriteCall(c *ast.CallExpr, open, close string) {
	p.replace(c.Pos(), c.Args[0].Pos(), open)
	p.replace(c.Args[len(c.Args)-1].End(), c.End(), close)
}

func goName(fn string) string {
	switch fn {
	case "arcsin", "arccos", "arctan":
		fn = "a" + fn[3:]
	}
	return strings.ToUpper(fn[:1]) + fn[1:]
}

// dimensionless handles exp, log, sin, …: the argument must have no unit.
func (p *unitPass) dimensionless(c *ast.CallExpr, fn string) qv {
	x := p.eval(c.Args[0])
	switch {
	case x.kind == kInvalid || x.kind == kOther:
		return p.leaf(c)
	case x.static && !x.dim.Dimensionless():
		p.fail(c.Args[0].Pos(), fmt.Sprintf("%s expects a dimensionless argument but got %s (unit is %s)", fn, p.src(c.Args[0]), p.unitName(x, c.Args[0])))
		return qv{kind: kInvalid}
	case x.static:
		o, cl := value(x)
		p.rewriteCall(c, mathAlias+"."+goName(fn)+"("+o, cl+")")
	default:
		p.rewriteCall(c, fmt.Sprintf("%s.Dimensionless(%q, ", qopsAlias, fn), ")")
	}
	return qv{kind: kNum, static: true, goType: types.Typ[types.Float64], changed: true}
}

// sqrt halves the unit's exponents (sqrt(4*ms) is 0.06324555 s^0.5).
func (p *unitPass) sqrt(c *ast.CallExpr) qv {
	x := p.eval(c.Args[0])
	if x.kind == kInvalid || x.kind == kOther {
		return p.leaf(c)
	}
	if !x.static {
		fn, r := "Sqrt", qv{kind: kQ, changed: true}
		if x.kind == kH {
			fn, r.kind = "SqrtH", kH
		}
		p.rewriteCall(c, qopsAlias+"."+fn+"(", ")")
		return r
	}
	d, bad, ok := x.dim.Pow(0.5)
	if !ok {
		p.fail(c.Args[0].Pos(), fmt.Sprintf("cannot take sqrt of %s: the exponent of %s in its unit %s would be a quarter", p.src(c.Args[0]), baseSymbol(bad), x.dim.Unit()))
		return qv{kind: kInvalid}
	}
	r := p.ofDim(d)
	o, cl := value(x)
	wo, wc := wrap(r)
	p.rewriteCall(c, wo+mathAlias+".Sqrt("+o, cl+")"+wc)
	return r
}

func baseSymbol(i int) string { return []string{"m", "kg", "s", "A", "K", "mol", "cd"}[i] }

// abs keeps the unit.
func (p *unitPass) abs(c *ast.CallExpr) qv {
	x := p.eval(c.Args[0])
	if x.kind == kInvalid || x.kind == kOther {
		return p.leaf(c)
	}
	if !x.static {
		fn := map[bool]string{true: "AbsH", false: "Abs"}[x.kind == kH]
		p.rewriteCall(c, qopsAlias+"."+fn+"(", ")")
		x.changed = true
		return x
	}
	r := p.ofDim(x.dim)
	o, cl := value(x)
	wo, wc := wrap(r)
	p.rewriteCall(c, wo+mathAlias+".Abs("+o, cl+")"+wc)
	return r
}

// pow is Brian2's x**y: y has no unit; the result's unit is known when
// y is a constant.
func (p *unitPass) pow(c *ast.CallExpr) qv {
	x, y := p.eval(c.Args[0]), p.eval(c.Args[1])
	if x.kind == kInvalid || x.kind == kOther || y.kind == kInvalid || y.kind == kOther {
		return p.leaf(c)
	}
	if y.static && !y.dim.Dimensionless() {
		p.fail(c.Args[1].Pos(), fmt.Sprintf("cannot calculate pow(%s, %s), the exponent has to be dimensionless (unit is %s)", p.src(c.Args[0]), p.src(c.Args[1]), p.unitName(y, c.Args[1])))
		return qv{kind: kInvalid}
	}
	var r qv
	if y.cval != nil && x.static {
		e, _ := constant.Float64Val(constant.ToFloat(y.cval))
		d, bad, ok := x.dim.Pow(e)
		if !ok {
			p.fail(c.Args[0].Pos(), fmt.Sprintf("cannot calculate pow(%s, %s): the exponent of %s in the unit would be %v, and units have integer or half exponents", p.src(c.Args[0]), p.src(c.Args[1]), baseSymbol(bad), float64(x.dim[bad])/2*e))
			return qv{kind: kInvalid}
		}
		r = p.ofDim(d)
	} else if x.static && x.dim.Dimensionless() {
		r = p.ofDim(units.HalfDim{})
	} else {
		fn, r := "Pow", qv{kind: kQ, changed: true}
		if x.kind == kH {
			fn, r.kind = "PowH", kH
		}
		p.replace(c.Pos(), c.Args[0].Pos(), qopsAlias+"."+fn+"(")
		return r
	}
	xo, xc := value(x)
	yo, yc := value(y)
	wo, wc := wrap(r)
	p.replace(c.Pos(), c.Args[0].Pos(), wo+mathAlias+".Pow("+xo)
	p.replace(c.Args[0].End(), c.Args[1].Pos(), xc+", "+yo)
	p.replace(c.Args[1].End(), c.End(), yc+")"+wc)
	return r
}

// assign handles x op= y, and x := e whose type the rewrite changes.
func (p *unitPass) assign(a *ast.AssignStmt) {
	switch a.Tok {
	case token.DEFINE, token.ASSIGN:
		if a.Tok == token.DEFINE {
			for _, r := range a.Rhs {
				p.define(r)
			}
		}
		p.indexDefine(a)
		return
	case token.ADD_ASSIGN, token.SUB_ASSIGN, token.MUL_ASSIGN, token.QUO_ASSIGN:
	default:
		return
	}
	if len(a.Lhs) != 1 || len(a.Rhs) != 1 {
		return
	}
	x, y := p.eval(a.Lhs[0]), p.eval(a.Rhs[0])
	if !x.isQty() && !y.isQty() {
		return
	}
	op := strings.TrimSuffix(a.Tok.String(), "=")
	tokEnd := a.TokPos + token.Pos(len(a.Tok.String()))
	switch {
	case x.kind == kInvalid || y.kind == kInvalid || x.kind == kOther || y.kind == kOther:
		return
	case x.kind == kQ || x.kind == kH:
		if !pure(a.Lhs[0]) {
			p.fail(a.TokPos, fmt.Sprintf("write %s = %s %s %s", p.src(a.Lhs[0]), p.src(a.Lhs[0]), op, p.src(a.Rhs[0])))
			return
		}
		fn := map[string]string{"+": "Add", "-": "Sub", "*": "Mul", "/": "Div"}[op]
		if x.kind == kH {
			fn += "H"
		}
		p.replace(a.TokPos, tokEnd, fmt.Sprintf("= %s.%s(%s,", qopsAlias, fn, p.src(a.Lhs[0])))
		p.around(a.Rhs[0].Pos(), a.Rhs[0].End(), "", ")")
	case op == "+" || op == "-":
		if y.static && x.static && y.dim != x.dim && !(y.untyped && y.cval != nil && constant.Sign(y.cval) == 0) && !(y.kind == kNum && y.cval == nil) {
			p.fail(a.TokPos, fmt.Sprintf("cannot calculate %s %s %s, units do not match (%s and %s)", p.src(a.Lhs[0]), a.Tok, p.src(a.Rhs[0]), p.unitName(x, a.Lhs[0]), p.unitName(y, a.Rhs[0])))
			return
		}
		if x.kind == kTyped && (y.kind == kTyped && y.typed == x.typed || y.untyped) {
			return // Go's
		}
		wo, wc := wrap(x)
		if x.kind == kNum {
			wo, wc = "(", ")"
		}
		p.around(a.Rhs[0].Pos(), a.Rhs[0].End(), wo+qopsAlias+".Value(", fmt.Sprintf(", %s)%s", p.src(a.Lhs[0]), wc))
	default: // *= and /= of a typed float or a number
		if y.static && !y.dim.Dimensionless() {
			p.fail(a.TokPos, fmt.Sprintf("%s %s %s would change the unit of %s (%s); write a new variable: %s %s %s", p.src(a.Lhs[0]), a.Tok, p.src(a.Rhs[0]), p.src(a.Lhs[0]), p.unitName(x, a.Lhs[0]), p.src(a.Lhs[0]), op, p.src(a.Rhs[0])))
			return
		}
		if y.untyped {
			return
		}
		wo, wc := wrap(x)
		if x.kind == kNum {
			wo, wc = "(", ")"
		}
		if y.static {
			o, cl := value(y)
			p.around(a.Rhs[0].Pos(), a.Rhs[0].End(), wo+o, cl+wc)
			return
		}
		p.around(a.Rhs[0].Pos(), a.Rhs[0].End(), wo+qopsAlias+".Value(", ", 1.0)"+wc)
	}
}

// define notes a definition whose value the rewrite gives another type
// than go/types saw: it is checked again with that type (applyRetype).
func (p *unitPass) define(e ast.Expr) {
	v := p.eval(e)
	if !v.changed {
		return
	}
	want := ""
	switch v.kind {
	case kTyped:
		want = asPrefix + "_" + v.typed
	case kQ:
		want = asPrefix + "Q"
	case kH:
		want = asPrefix + "H"
	case kNum:
		if types.Identical(v.goType, types.Typ[types.Float64]) {
			want = asPrefix + "F"
		}
	case kOther:
		if v.goType == types.Typ[types.Bool] {
			want = asPrefix + "B"
		}
	}
	if want == "" {
		return
	}
	if c, ok := e.(*ast.CallExpr); ok {
		if id, ok := c.Fun.(*ast.Ident); ok && id.Name == want {
			return // already retyped, and still right
		}
	}
	if tv, ok := p.info.Types[e]; ok && tv.Type != nil && types.TypeString(tv.Type, nil) == p.typeName(v) {
		return
	}
	p.retype[e] = want
}

// typeName is the go/types name of v's type, to compare with go/types'.
func (p *unitPass) typeName(v qv) string {
	switch v.kind {
	case kTyped:
		return unitsPath + "." + v.typed
	case kQ:
		return unitsPath + ".Quantity"
	case kH:
		return unitsPath + ".HalfQuantity"
	}
	if v.goType != nil {
		return types.TypeString(v.goType, nil)
	}
	return ""
}

// applyRetype wraps the retyped definitions' values in the identity
// function of their new type, for the next check.
func (p *unitPass) applyRetype() {
	wrapIn := func(e ast.Expr) ast.Expr {
		if name, ok := p.retype[e]; ok {
			if c, ok := e.(*ast.CallExpr); ok {
				if id, ok := c.Fun.(*ast.Ident); ok && strings.HasPrefix(id.Name, asPrefix) {
					id.Name = name
					return e
				}
			}
			return &ast.CallExpr{Fun: &ast.Ident{NamePos: e.Pos(), Name: name}, Lparen: e.Pos(), Args: []ast.Expr{e}, Rparen: e.End()}
		}
		return e
	}
	ast.Inspect(p.cell, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, r := range n.Rhs {
				n.Rhs[i] = wrapIn(r)
			}
		case *ast.ValueSpec:
			for i, r := range n.Values {
				n.Values[i] = wrapIn(r)
			}
		}
		return true
	})
}

// indexDefine works around a yaegi bug: a top-level `a := x[i]` fails
// with "constant definition loop" for some x (strings.Fields("a b")[0],
// a []string variable); `var a T = x[i]` runs.
func (p *unitPass) indexDefine(a *ast.AssignStmt) {
	if a.Tok != token.DEFINE || len(a.Lhs) != 1 || len(a.Rhs) != 1 || !p.topLevel(a) {
		return
	}
	id, ok := a.Lhs[0].(*ast.Ident)
	if _, isIndex := ast.Unparen(a.Rhs[0]).(*ast.IndexExpr); !ok || !isIndex || id.Name == "_" {
		return
	}
	obj, ok := p.info.Defs[id].(*types.Var)
	if !ok || obj == nil {
		return
	}
	t, ok := p.typeExpr(obj.Type())
	if !ok {
		return
	}
	p.replace(a.Pos(), a.Rhs[0].Pos(), "var "+id.Name+" "+t+" = ")
}

// topLevel reports a statement of the cell's top level.
func (p *unitPass) topLevel(st ast.Stmt) bool {
	for _, d := range p.cell.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == cellFunc {
			for _, s := range fd.Body.List {
				if s == st {
					return true
				}
			}
		}
	}
	return false
}

// typeExpr writes t as cell code, when it can: basic types, the units
// types and slices, maps and pointers of them.
func (p *unitPass) typeExpr(t types.Type) (string, bool) {
	switch t := t.(type) {
	case *types.Basic:
		if t.Info()&types.IsUntyped != 0 {
			return "", false
		}
		return t.Name(), true
	case *types.Named:
		if t.Obj().Pkg() != nil && t.Obj().Pkg().Path() == unitsPath && t.TypeArgs() == nil {
			return unitsAlias + "." + t.Obj().Name(), true
		}
	case *types.Slice:
		s, ok := p.typeExpr(t.Elem())
		return "[]" + s, ok
	case *types.Pointer:
		s, ok := p.typeExpr(t.Elem())
		return "*" + s, ok
	case *types.Map:
		k, ok1 := p.typeExpr(t.Key())
		v, ok2 := p.typeExpr(t.Elem())
		return "map[" + k + "]" + v, ok1 && ok2
	}
	return "", false
}
