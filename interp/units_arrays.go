package interp

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
)

// Arrays in the unit pass. Go has no operators on a struct, so numpy's
// array expressions with units (1 - exp(-M.T()/tau), S.Get("w")/gmax,
// isi[isi > 5*ms], v[-1]) would not compile; the pass rewrites them into
// calls of package qops, which compute in compiled Go and check units
// and lengths when the cell runs. Masks (the results of comparisons)
// combine with & and | (or && and ||) and negate with !.

// arrayBinary handles x op y where x or y is an array, or both are masks.
func (p *unitPass) arrayBinary(e *ast.BinaryExpr, x, y qv) qv {
	if x.kind == kMask || y.kind == kMask {
		return p.maskBinary(e, x, y)
	}
	for _, side := range []struct {
		v qv
		e ast.Expr
	}{{x, e.X}, {y, e.Y}} {
		switch side.v.kind {
		case kArr, kNum, kTyped, kQ, kSlice:
		case kInvalid:
			p.unknown(e, x, y)
			return qv{kind: kInvalid}
		default:
			p.failNamed("CompileError", side.e.Pos(), fmt.Sprintf("cannot calculate %s: %s is not a number, a quantity or an array", p.src(e), p.src(side.e)))
			return qv{kind: kInvalid}
		}
	}
	fn, r := "Arr", qv{kind: kArr, changed: true}
	switch {
	case compareOps[e.Op]:
		fn, r = "ArrCmp", qv{kind: kMask, changed: true}
	case e.Op == token.ADD, e.Op == token.SUB, e.Op == token.MUL, e.Op == token.QUO:
	default:
		p.fail(e.OpPos, fmt.Sprintf("the operator %s is not defined on arrays (in %s)", e.Op, p.src(e)))
		return qv{kind: kInvalid}
	}
	p.around(e.X.Pos(), e.X.End(), qopsAlias+"."+fn+"(", "")
	p.replace(e.OpPos, e.OpPos+token.Pos(len(e.Op.String())), fmt.Sprintf(", %q, ", e.Op.String()))
	p.around(e.Y.Pos(), e.Y.End(), "", ")")
	return r
}

// maskBinary handles m & o, m | o, m && o and m || o of two masks.
func (p *unitPass) maskBinary(e *ast.BinaryExpr, x, y qv) qv {
	switch e.Op {
	case token.AND, token.OR, token.LAND, token.LOR:
	default:
		p.failNamed("CompileError", e.OpPos, fmt.Sprintf("the operator %s is not defined on masks (in %s); masks combine with & and |", e.Op, p.src(e)))
		return qv{kind: kInvalid}
	}
	if x.kind != kMask || y.kind != kMask {
		p.failNamed("CompileError", e.OpPos, fmt.Sprintf("cannot combine %s: both sides must be masks (comparisons of arrays)", p.src(e)))
		return qv{kind: kInvalid}
	}
	p.around(e.X.Pos(), e.X.End(), qopsAlias+".MaskOp(", "")
	p.replace(e.OpPos, e.OpPos+token.Pos(len(e.Op.String())), fmt.Sprintf(", %q, ", e.Op.String()))
	p.around(e.Y.Pos(), e.Y.End(), "", ")")
	return qv{kind: kMask, changed: true}
}

// arrayUnary handles -a and !m.
func (p *unitPass) arrayUnary(e *ast.UnaryExpr, x qv) qv {
	method := map[token.Token]string{token.SUB: "Neg", token.NOT: "Not"}[e.Op]
	switch {
	case e.Op == token.ADD:
		p.replace(e.OpPos, e.OpPos+1, "")
	case method == "Neg" && x.kind == kArr, method == "Not" && x.kind == kMask:
		p.replace(e.OpPos, e.OpPos+1, "(")
		p.around(e.X.Pos(), e.X.End(), "", ")."+method+"()")
	default:
		p.fail(e.OpPos, fmt.Sprintf("the operator %s is not defined on %s", e.Op, p.src(e.X)))
		return qv{kind: kInvalid}
	}
	x.changed = true
	return x
}

// index handles a[i] (a quantity; negative i counts from the end) and
// a[mask] of an array.
func (p *unitPass) index(e *ast.IndexExpr) qv {
	a, i := p.eval(e.X), p.eval(e.Index)
	if a.kind != kArr {
		return p.leaf(e)
	}
	var fn string
	var r qv
	switch {
	case i.kind == kMask:
		fn, r = "Where", qv{kind: kArr, changed: true}
	case i.kind == kNum && isInteger(i.goType):
		fn, r = "Index", qv{kind: kQ, changed: true}
	default:
		p.failNamed("CompileError", e.Index.Pos(), fmt.Sprintf("an array is indexed by an int or a mask, not by %s", p.src(e.Index)))
		return qv{kind: kInvalid}
	}
	p.around(e.X.Pos(), e.X.End(), qopsAlias+"."+fn+"(", "")
	p.replace(e.Lbrack, e.Lbrack+1, ", ")
	p.replace(e.Rbrack, e.Rbrack+1, ")")
	return r
}

// slice handles a[i:j], a[i:] and a[:j] of an array (numpy's bounds:
// negative ones count from the end).
func (p *unitPass) slice(e *ast.SliceExpr) qv {
	if p.eval(e.X).kind != kArr {
		return p.leaf(e)
	}
	if e.Slice3 {
		p.failNamed("CompileError", e.Lbrack, "an array slice has no capacity: write a[i:j]")
		return qv{kind: kInvalid}
	}
	lo, hi, open := "0", "0", "true"
	if e.Low != nil {
		lo = p.src(e.Low)
	}
	if e.High != nil {
		hi, open = p.src(e.High), "false"
	}
	p.around(e.X.Pos(), e.X.End(), qopsAlias+".Slice(", "")
	p.replace(e.Lbrack, e.Rbrack+1, fmt.Sprintf(", %s, %s, %s)", lo, hi, open))
	return qv{kind: kArr, changed: true}
}

// arrayCall handles exp(a), sqrt(a), abs(a), … and pow(a, y) of an array.
func (p *unitPass) arrayCall(c *ast.CallExpr, name string) qv {
	if name == "pow" {
		p.rewriteCall(c, qopsAlias+".ArrPow(", ")")
	} else {
		p.rewriteCall(c, fmt.Sprintf("%s.ArrFunc(%q, ", qopsAlias, name), ")")
	}
	return qv{kind: kArr, changed: true}
}

// arrayAssign handles a op= y for an array a: a = a op y.
func (p *unitPass) arrayAssign(a *ast.AssignStmt, op string) {
	if !pure(a.Lhs[0]) {
		p.fail(a.TokPos, fmt.Sprintf("write %s = %s %s %s", p.src(a.Lhs[0]), p.src(a.Lhs[0]), op, p.src(a.Rhs[0])))
		return
	}
	p.replace(a.TokPos, a.TokPos+token.Pos(len(a.Tok.String())), fmt.Sprintf("= %s.Arr(%s, %q,", qopsAlias, p.src(a.Lhs[0]), op))
	p.around(a.Rhs[0].Pos(), a.Rhs[0].End(), "", ")")
}

// arithOp reports +, -, * and /.
func arithOp(op token.Token) bool {
	return op == token.ADD || op == token.SUB || op == token.MUL || op == token.QUO
}

func isInteger(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}
