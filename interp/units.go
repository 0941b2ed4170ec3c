package interp

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"gonsim/nsim/units"
)

// The unit pass. Go's arithmetic on the prelude's typed floats keeps one
// operand's type (1/tau would be a Time), so every product, quotient,
// sum, comparison, power and math function of quantities in a cell is
// given Brian2's dimension here, before the cell runs:
//
//   - when both units are known from the types (typed floats, numbers,
//     and what such expressions give), the expression becomes float64
//     arithmetic converted to the result's type: Voltage/Resistance is
//     units.Current(float64(v) / float64(R)); a result without a typed
//     float is a units.Quantity (10*mV/ms, 10 V/s) and one with half
//     exponents a units.HalfQuantity (sqrt(4*ms)). Units that do not
//     match are a compile error at the operator (5*mV + 3*ms: units do
//     not match (mV and ms));
//   - when an operand is a Quantity, whose unit is known only when the
//     cell runs, it becomes a call of package qops, which checks then.
//
// Expressions Go already computes right (2*tau, tau/2, v - El, t < 5*ms)
// are left alone. Types come from go/types (unitcheck.go); a variable
// defined from a rewritten expression gets the new type, which takes a
// second check.

// qkind is what an expression is, for the unit pass.
type qkind int

const (
	kOther   qkind = iota // not a number or quantity (or not one we know)
	kInvalid              // go/types could not type it
	kNum                  // a number: dimensionless
	kTyped                // a typed float of package units (Time, Voltage, …)
	kQ                    // units.Quantity
	kH                    // units.HalfQuantity
)

// qv is the unit pass's view of an expression after its rewrite.
type qv struct {
	kind    qkind
	dim     units.HalfDim // when static
	static  bool          // dim known before the cell runs
	untyped bool          // an untyped constant (2, 1e-3): Go converts it to the other operand's type
	cval    constant.Value
	typed   string     // kTyped: the type's name in package units
	goType  types.Type // kNum and kOther: the Go type
	changed bool       // the expression (or one inside it) is rewritten and its type may differ from go/types'
	label   string     // the unit as the cell writes it ("mV"), for messages
}

func (v qv) isQty() bool { return v.kind == kTyped || v.kind == kQ || v.kind == kH }

// unitError is a unit mismatch (or an expression whose unit cannot be
// told) at a cell position.
type unitError struct {
	Name      string
	Line, Col int
	Msg       string
}

func (e *unitError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// unitPass holds one round of the analysis of a checked cell.
type unitPass struct {
	*unitCheck
	memo map[ast.Expr]qv
	// the edits, kept apart so that the opens of nested rewrites at one
	// point come outermost first and the closes innermost first (the
	// analysis finds the inner ones first)
	opens, closes, edits []edit
	err                  *unitError
	// defs are definitions whose type changed (x := 1/tau): they get an
	// identity function of the new type for the next check.
	retype map[ast.Expr]string
}

// unitEdits type-checks a cell and returns the edits of its quantity
// arithmetic, or the first unit error.
func (e *unitEnv) unitEdits(code string, items []item, imported map[string]string) ([]edit, *unitCheck, error) {
	a, err := e.newUnitCheck(code, items, imported)
	if err != nil {
		return nil, nil, nil // the cell's own parse reports it
	}
	for round := 0; ; round++ {
		a.check()
		p := &unitPass{unitCheck: a, memo: map[ast.Expr]qv{}, retype: map[ast.Expr]string{}}
		p.walk()
		if len(p.retype) == 0 || round == 4 {
			if p.err != nil {
				return nil, a, p.err
			}
			return p.allEdits(), a, nil
		}
		p.applyRetype()
	}
}

// walk analyses every expression and statement of the cell file.
func (p *unitPass) walk() {
	ast.Inspect(p.cell, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			p.assign(n)
		case *ast.IncDecStmt:
			if v := p.eval(n.X); v.isQty() {
				p.fail(n.TokPos, fmt.Sprintf("%s%s adds a plain 1 to a quantity (unit %s); write %s += 1*%s", p.src(n.X), n.Tok, p.unitName(v, n.X), p.src(n.X), p.unitName(v, n.X)))
			}
		case *ast.ValueSpec:
			if n.Type == nil {
				for _, x := range n.Values {
					p.define(x)
				}
			}
		case ast.Expr:
			p.eval(n)
		}
		return true
	})
}

func (p *unitPass) fail(at token.Pos, msg string) {
	p.failNamed("DimensionMismatchError", at, msg)
}

func (p *unitPass) failNamed(name string, at token.Pos, msg string) {
	o := p.off(at)
	if o < 0 {
		return
	}
	line, col := lineCol(p.code, o)
	if p.err == nil || line < p.err.Line || line == p.err.Line && col < p.err.Col {
		p.err = &unitError{Name: name, Line: line, Col: col, Msg: msg}
	}
}

// src is the cell text of n.
func (p *unitPass) src(n ast.Node) string {
	a, b := p.off(n.Pos()), p.off(n.End())
	if a < 0 || b < a {
		return "…"
	}
	return p.code[a:b]
}

// eval returns the view of e, computing it once.
func (p *unitPass) eval(e ast.Expr) qv {
	if v, ok := p.memo[e]; ok {
		return v
	}
	var v qv
	switch x := e.(type) {
	case *ast.ParenExpr:
		v = p.eval(x.X)
	case *ast.BinaryExpr:
		v = p.binary(x)
	case *ast.UnaryExpr:
		v = p.unary(x)
	case *ast.CallExpr:
		v = p.call(x)
	default:
		v = p.leaf(e)
	}
	p.memo[e] = v
	return v
}

// leaf classifies e by its go/types type.
func (p *unitPass) leaf(e ast.Expr) qv {
	tv, ok := p.info.Types[e]
	if !ok || tv.Type == nil || tv.Type == types.Typ[types.Invalid] {
		return qv{kind: kInvalid}
	}
	v := p.classify(tv.Type)
	if id, ok := e.(*ast.Ident); ok && v.isQty() {
		if obj, ok := p.info.Uses[id].(*types.Var); ok && obj.Pkg() != nil && obj.Pkg().Path() == preludePath {
			v.label = id.Name
		}
	}
	if tv.Value != nil && (v.kind == kNum || untypedExpr(p.info, e)) {
		v = qv{kind: kNum, static: true, cval: tv.Value, untyped: untypedExpr(p.info, e), goType: tv.Type}
	}
	return v
}

// classify tells what values of type t are.
func (p *unitPass) classify(t types.Type) qv {
	if n, ok := t.(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == unitsPath {
		name := n.Obj().Name()
		if d, ok := p.env.typed[name]; ok {
			return qv{kind: kTyped, typed: name, dim: units.Half(d), static: true}
		}
		switch name {
		case "Quantity":
			return qv{kind: kQ}
		case "HalfQuantity":
			return qv{kind: kH}
		}
		return qv{kind: kOther, goType: t}
	}
	if b, ok := t.(*types.Basic); ok && b.Info()&(types.IsInteger|types.IsFloat) != 0 {
		return qv{kind: kNum, static: true, goType: t}
	}
	return qv{kind: kOther, goType: t}
}

// untypedExpr reports an untyped constant expression (2, 1e-3, math.Pi,
// 2*math.Pi), which Go converts to the type of the other operand.
func untypedExpr(info *types.Info, e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.BasicLit:
		return true
	case *ast.ParenExpr:
		return untypedExpr(info, x.X)
	case *ast.UnaryExpr:
		return untypedExpr(info, x.X)
	case *ast.BinaryExpr:
		return untypedExpr(info, x.X) && untypedExpr(info, x.Y)
	case *ast.Ident:
		c, ok := info.Uses[x].(*types.Const)
		return ok && isUntyped(c.Type())
	case *ast.SelectorExpr:
		c, ok := info.Uses[x.Sel].(*types.Const)
		return ok && isUntyped(c.Type())
	}
	return false
}

func isUntyped(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && b.Info()&types.IsUntyped != 0
}

// ofDim is the view of a result of static dimension d.
func (p *unitPass) ofDim(d units.HalfDim) qv {
	v := qv{dim: d, static: true, changed: true}
	switch id, ok := d.Dim(); {
	case d.Dimensionless():
		v.kind, v.goType = kNum, types.Typ[types.Float64]
	case !ok:
		v.kind = kH
	default:
		v.kind = kQ
		for name, td := range p.env.typed {
			if td == id {
				v.kind, v.typed = kTyped, name
			}
		}
	}
	return v
}

// unitName is how a message names the unit of v: as the cell wrote it
// (mV) or by its dimension (V/s).
func (p *unitPass) unitName(v qv, e ast.Expr) string {
	if l := p.label(e); l != "" {
		return l
	}
	if !v.static {
		return "known when the cell runs"
	}
	if v.dim.Dimensionless() {
		return "1"
	}
	return v.dim.Unit()
}

// label is the unit name in 5*mV, mV, -(2*mV).
func (p *unitPass) label(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.ParenExpr:
		return p.label(x.X)
	case *ast.UnaryExpr:
		return p.label(x.X)
	case *ast.Ident:
		return p.eval(x).label
	case *ast.BinaryExpr:
		if x.Op != token.MUL && x.Op != token.QUO {
			return ""
		}
		if l, r := p.eval(x.X), p.eval(x.Y); l.kind == kNum && l.cval != nil {
			return p.label(x.Y)
		} else if r.kind == kNum && r.cval != nil && x.Op == token.MUL {
			return p.label(x.X)
		}
	}
	return ""
}

// value is the float64 SI value of an operand in generated code: how
// to open and close around its text.
func value(v qv) (string, string) {
	if v.kind == kQ || v.kind == kH {
		return "(", ").Value"
	}
	return "float64(", ")"
}

// wrap turns a float64 SI value into the type of v.
func wrap(v qv) (string, string) {
	switch v.kind {
	case kTyped:
		return unitsAlias + "." + v.typed + "(", ")"
	case kQ:
		d, _ := v.dim.Dim()
		return unitsAlias + ".New(", fmt.Sprintf(", %s.Dim{%d, %d, %d, %d, %d, %d, %d})", unitsAlias, d[0], d[1], d[2], d[3], d[4], d[5], d[6])
	case kH:
		d := v.dim
		return unitsAlias + ".HalfQuantity{Value: ", fmt.Sprintf(", Dim: %s.HalfDim{%d, %d, %d, %d, %d, %d, %d}}", unitsAlias, d[0], d[1], d[2], d[3], d[4], d[5], d[6])
	}
	return "(", ")"
}

// around rewrites the text [from, to) as open + text + close. Rank 0:
// after the insertions other rewrites make at a statement's start,
// before the prelude alias of a call (names.go) and before the closes
// of statement wrappers.
func (p *unitPass) around(from, to token.Pos, open, close string) {
	a, b := p.off(from), p.off(to)
	if a < 0 || b < 0 {
		return
	}
	if open != "" {
		p.opens = append(p.opens, edit{start: a, end: a, text: open})
	}
	if close != "" {
		p.closes = append(p.closes, edit{start: b, end: b, text: close})
	}
}

// allEdits orders the pass's edits for sortEdits (stable).
func (p *unitPass) allEdits() []edit {
	var es []edit
	for i := len(p.opens) - 1; i >= 0; i-- {
		es = append(es, p.opens[i])
	}
	es = append(es, p.closes...)
	return append(es, p.edits...)
}

// replace rewrites cell text [from, to) of the cell file as text.
func (p *unitPass) replace(from, to token.Pos, text string) {
	a, b := p.off(from), p.off(to)
	if a < 0 || b < a {
		return
	}
	p.edits = append(p.edits, edit{start: a, end: b, text: text})
}
