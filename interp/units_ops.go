package interp

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"gonsim/nsim/units"
)

// The rules of the unit pass (units.go) for each kind of expression.

var compareOps = map[token.Token]bool{token.EQL: true, token.NEQ: true, token.LSS: true, token.LEQ: true, token.GTR: true, token.GEQ: true}

// binary handles x op y.
func (p *unitPass) binary(e *ast.BinaryExpr) qv {
	x, y := p.eval(e.X), p.eval(e.Y)
	switch e.Op {
	case token.ADD, token.SUB, token.MUL, token.QUO, token.REM:
	default:
		if !compareOps[e.Op] {
			return p.leaf(e)
		}
	}
	if star, ok := e.Y.(*ast.StarExpr); ok && e.Op == token.MUL && p.eval(star.X).kind == kNum {
		p.fail(e.OpPos, fmt.Sprintf("Go has no ** operator: write pow(%s, %s)", p.src(e.X), p.src(star.X)))
		return qv{kind: kInvalid}
	}
	if !x.isQty() && !y.isQty() {
		return p.numbers(e, x, y)
	}
	if x.kind == kInvalid || y.kind == kInvalid || x.kind == kOther || y.kind == kOther {
		p.unknown(e, x, y)
		return qv{kind: kInvalid}
	}
	switch e.Op {
	case token.MUL, token.QUO:
		return p.product(e, x, y)
	}
	return p.sum(e, x, y)
}

// numbers handles an operation of two plain numbers: Go's, unless a
// rewrite inside made one of them a float64 where the other is another
// numeric type (n * (tau/ms) with n an int).
func (p *unitPass) numbers(e *ast.BinaryExpr, x, y qv) qv {
	if x.kind != kNum || y.kind != kNum || !x.changed && !y.changed {
		v := p.leaf(e)
		v.changed = x.changed || y.changed
		return v
	}
	if x.untyped || y.untyped || types.Identical(x.goType, y.goType) {
		v := qv{kind: kNum, static: true, goType: x.goType, changed: true}
		if x.untyped {
			v.goType = y.goType
		}
		if compareOps[e.Op] {
			return qv{kind: kOther, goType: types.Typ[types.Bool], changed: true}
		}
		return v
	}
	p.emitStatic(e, x, y, p.ofDim(units.HalfDim{}))
	if compareOps[e.Op] {
		return qv{kind: kOther, goType: types.Typ[types.Bool], changed: true}
	}
	return p.ofDim(units.HalfDim{})
}

// unknown is an operation with a quantity whose other operand go/types
// could not type: the cell's own error if go/types found one there,
// else an error rather than a guess at the unit.
func (p *unitPass) unknown(e *ast.BinaryExpr, x, y qv) {
	if x.kind == kOther && y.kind == kOther {
		return
	}
	for _, side := range []struct {
		v qv
		e ast.Expr
	}{{x, e.X}, {y, e.Y}} {
		if side.v.kind == kInvalid {
			if te, ok := p.errorIn(side.e.Pos(), side.e.End()); ok {
				p.failNamed("CompileError", te.Pos, te.Msg)
				return
			}
			p.failNamed("CompileError", side.e.Pos(), fmt.Sprintf("cannot tell the type of %s, so the units of %s cannot be checked", p.src(side.e), p.src(e)))
			return
		}
	}
	// a quantity with a value of another type (a time.Duration, a
	// slice): Go's own error says what is wrong
}

// product handles x*y and x/y.
func (p *unitPass) product(e *ast.BinaryExpr, x, y qv) qv {
	mul := e.Op == token.MUL
	// Time(1+k) * timesep: a number converted to a unit's type scales
	// the other factor, as Go computes it (the porting guide's idiom).
	xs, ys := p.scale(e.X), p.scale(e.Y)
	if xs && mul {
		x.dim = units.HalfDim{}
	}
	if ys {
		y.dim = units.HalfDim{}
	}
	if x.static && y.static {
		d := x.dim.Mul(y.dim)
		if !mul {
			d = x.dim.Div(y.dim)
		}
		r := p.ofDim(d)
		// 2*tau, tau*2 and tau/2 are right in Go already.
		if r.kind == kTyped && (x.untyped && y.kind == kTyped && mul || y.untyped && x.kind == kTyped ||
			xs && mul && x.typed == r.typed && y.typed == r.typed || ys && x.typed == r.typed && y.typed == r.typed) {
			r.changed = x.changed || y.changed
			return r
		}
		p.emitStatic(e, x, y, r)
		return r
	}
	fn := map[bool]string{true: "Mul", false: "Div"}[mul]
	r := qv{kind: kQ, changed: true}
	if x.kind == kH || y.kind == kH {
		fn += "H"
		r.kind = kH
	}
	p.emitCall(e, fn, "", r, qv{})
	return r
}

// scale reports a conversion of a plain number to a typed unit, T(n).
func (p *unitPass) scale(e ast.Expr) bool {
	c, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(c.Args) != 1 {
		return false
	}
	tv, ok := p.info.Types[c.Fun]
	return ok && tv.IsType() && p.classify(tv.Type).kind == kTyped && p.eval(c.Args[0]).kind == kNum
}

// sum handles x+y, x-y, x%y and comparisons: the units must match,
// except that a plain zero has any unit (Brian2's rule: 3*mV + 0).
func (p *unitPass) sum(e *ast.BinaryExpr, x, y qv) qv {
	cmp := compareOps[e.Op]
	result := func(v qv) qv {
		if cmp {
			return qv{kind: kOther, goType: types.Typ[types.Bool], changed: true}
		}
		return v
	}
	zero := func(v qv) bool { return v.untyped && v.cval != nil && constant.Sign(v.cval) == 0 }
	if x.static && y.static {
		var r qv
		switch {
		case x.dim == y.dim:
			r = p.ofDim(x.dim)
		case zero(x):
			r = p.ofDim(y.dim)
		case zero(y):
			r = p.ofDim(x.dim)
		case x.kind == kNum && x.cval == nil || y.kind == kNum && y.cval == nil:
			// a float64 variable: Brian2 accepts it when it is zero, so
			// it is checked when the cell runs
			known := x
			if x.kind == kNum {
				known = y
			}
			return result(p.dynamicSum(e, p.ofDim(known.dim)))
		default:
			verb := map[bool]string{true: "compare", false: "calculate"}[cmp]
			p.fail(e.OpPos, fmt.Sprintf("cannot %s %s %s %s, units do not match (%s and %s)", verb, p.src(e.X), e.Op, p.src(e.Y), p.unitName(x, e.X), p.unitName(y, e.Y)))
			return qv{kind: kInvalid}
		}
		// v - El, t < 5*ms, tau + 0 are right in Go already.
		goOK := e.Op != token.REM && (x.kind == kTyped && y.kind == kTyped && x.typed == y.typed ||
			x.kind == kTyped && y.untyped || y.kind == kTyped && x.untyped)
		if goOK {
			r.changed = x.changed || y.changed
			return result(r)
		}
		if cmp {
			p.emitStatic(e, x, y, qv{kind: kOther})
		} else {
			p.emitStatic(e, x, y, r)
		}
		return result(r)
	}
	// one side known: the result has its unit
	// (a number variable tells no unit: its zero has any)
	r := qv{kind: kQ, changed: true}
	if x.static && x.kind != kNum {
		r = p.ofDim(x.dim)
	} else if y.static && y.kind != kNum {
		r = p.ofDim(y.dim)
	} else if x.kind == kH || y.kind == kH {
		r.kind = kH
	}
	return result(p.dynamicSum(e, r))
}

// dynamicSum checks a sum or comparison when the cell runs; r is the
// result's view (static when one side's unit is known).
func (p *unitPass) dynamicSum(e *ast.BinaryExpr, r qv) qv {
	if compareOps[e.Op] {
		p.around(e.X.Pos(), e.X.End(), qopsAlias+".Cmp(", "")
		p.replace(e.OpPos, e.OpPos+token.Pos(len(e.Op.String())), fmt.Sprintf(", %q, ", e.Op.String()))
		p.around(e.Y.Pos(), e.Y.End(), "", ")")
		return r
	}
	fn := map[token.Token]string{token.ADD: "Add", token.SUB: "Sub", token.REM: "Mod"}[e.Op]
	if r.kind == kH {
		fn += "H"
	}
	p.emitCall(e, fn, "", qv{kind: kQ}, r)
	r.changed = true
	return r
}

// emitCall rewrites x op y as qops.fn(x, y), converted to the view to
// when it is static (typed floats and numbers from a Quantity's Value).
func (p *unitPass) emitCall(e *ast.BinaryExpr, fn, _ string, from, to qv) {
	open, close := qopsAlias+"."+fn+"(", ")"
	if to.static && to.kind != kQ && to.kind != kH {
		wo, wc := wrap(to)
		open, close = wo+open, close+".Value"+wc
	}
	p.around(e.X.Pos(), e.X.End(), open, "")
	p.replace(e.OpPos, e.OpPos+token.Pos(len(e.Op.String())), ",")
	p.around(e.Y.Pos(), e.Y.End(), "", close)
}

// emitStatic rewrites x op y as float64 arithmetic on the SI values,
// converted to r's type (r of kind kOther: a comparison).
func (p *unitPass) emitStatic(e *ast.BinaryExpr, x, y, r qv) {
	xo, xc := value(x)
	yo, yc := value(y)
	wo, wc := wrap(r)
	if r.kind == kOther {
		wo, wc = "(", ")"
	}
	op, yc2 := e.Op.String(), yc+wc
	if e.Op == token.REM {
		wo, op, yc2 = wo+qopsAlias+".ModF(", ",", yc+")"+wc
	}
	p.around(e.X.Pos(), e.X.End(), wo+xo, xc)
	p.replace(e.OpPos, e.OpPos+token.Pos(len(e.Op.String())), op)
	p.around(e.Y.Pos(), e.Y.End(), yo, yc2)
}

// unary handles -x and +x: a Quantity has no Go minus.
func (p *unitPass) unary(e *ast.UnaryExpr) qv {
	x := p.eval(e.X)
	if e.Op != token.SUB && e.Op != token.ADD {
		return p.leaf(e)
	}
	if x.kind == kQ || x.kind == kH {
		if e.Op == token.SUB {
			p.replace(e.OpPos, e.OpPos+1, "(")
			p.around(e.X.Pos(), e.X.End(), "", ").Neg()")
		} else {
			p.replace(e.OpPos, e.OpPos+1, "")
		}
		x.changed = true
		x.cval = nil
		return x
	}
	if x.changed {
		x.cval = nil
		return x
	}
	return p.leaf(e)
}
