package expr

import (
	"fmt"

	"gonsim/nsim/syntax"
	"gonsim/nsim/units"
)

// Statement is one checked statement of a Block.
type Statement struct {
	Target Symbol
	Op     syntax.AssignOp
	Value  *Expr
	Pos    syntax.Pos
}

// Block is a checked statement block (a reset, an on_pre).
type Block struct {
	Text  string
	Stmts []*Statement
}

// CheckBlock parses and checks a statement block: every target must be a
// writable Array or Scalar symbol, and every value must have the target's
// dimension (for *= and /= the value must be dimensionless). Errors of all
// statements are collected.
func CheckBlock(text string, scope Scope) (*Block, error) {
	return CheckBlockRange(text, 0, len(text), scope)
}

// CheckBlockRange checks text[from:to], with positions relative to text.
func CheckBlockRange(text string, from, to int, scope Scope) (*Block, error) {
	return checkBlock(text, from, to, scope)
}

func checkBlock(text string, from, to int, scope Scope) (*Block, error) {
	stmts, err := syntax.ParseBlockRange(text, from, to)
	if err != nil {
		return nil, Errors(err)
	}
	var errs ErrorList
	b := &Block{Text: text}
	unresolved := map[string]bool{}
	for _, s := range stmts {
		target, ok := Symbol{}, false
		if scope != nil {
			target, ok = scope.Lookup(s.Target)
			if ok && target.Name == "" {
				target.Name = s.Target
			}
		}
		switch {
		case !ok:
			if !unresolved[s.Target] {
				unresolved[s.Target] = true
				errs = append(errs, &Error{Kind: UnresolvedName, Pos: s.TargetPos, Culprit: s.Target, Text: text,
					Msg: fmt.Sprintf("cannot assign to %q: no such variable", s.Target)})
			}
		case target.ReadOnly || target.Kind == Constant || target.Kind == Index:
			why := "it is read-only"
			switch target.Kind {
			case Constant:
				why = "it is a constant"
			case Index:
				why = "it is an index"
			}
			errs = append(errs, &Error{Kind: BadAssignment, Pos: s.TargetPos, Culprit: s.Target, Text: text,
				Msg: fmt.Sprintf("cannot assign to %q: %s", s.Target, why)})
			ok = false
		}
		c := &checker{text: text, scope: scope, syms: map[string]Symbol{}, unresolved: unresolved}
		root := c.check(s.Value)
		errs = append(errs, c.errs...)
		if !ok || root == badNode {
			continue
		}
		val := newExpr(text, root, c.syms)
		st := &Statement{Target: target, Op: s.Op, Value: val, Pos: s.Pos}
		want := units.Half(target.Dim)
		what := fmt.Sprintf("statement %q", text[s.Off:s.EndOff])
		switch {
		case root.isBool && !target.Bool:
			errs = append(errs, &Error{Kind: TypeMismatch, Pos: s.Value.Pos, Culprit: s.Value.Source(text), Text: text,
				Msg: fmt.Sprintf("%s: the value is a condition, but %s is a number", what, s.Target)})
		case s.Op == syntax.MulAssign || s.Op == syntax.DivAssign:
			if !root.dim.Dimensionless() {
				errs = append(errs, &Error{Kind: UnitMismatch, Pos: s.Value.Pos, Culprit: s.Value.Source(text), Want: "1", Got: root.dim.Unit(), Text: text,
					Msg: fmt.Sprintf("%s: %s needs a dimensionless value, but %q has unit %s", what, s.Op, s.Value.Source(text), root.dim.Unit())})
			}
		case root.dim != want && !root.isBool:
			if s.Op == syntax.Assign {
				errs = append(errs, &Error{Kind: UnitMismatch, Pos: s.Value.Pos, Culprit: s.Value.Source(text), Want: want.Unit(), Got: root.dim.Unit(), Text: text,
					Msg: fmt.Sprintf("%s: the right-hand side %q has unit %s, but %s has unit %s", what, s.Value.Source(text), root.dim.Unit(), s.Target, want.Unit())})
			} else {
				errs = append(errs, &Error{Kind: UnitMismatch, Pos: s.Value.Pos, Culprit: s.Value.Source(text), Want: want.Unit(), Got: root.dim.Unit(), Text: text,
					Msg: fmt.Sprintf("%s uses inconsistent units (%q has unit %s; %q has unit %s)", what, s.Target, want.Unit(), s.Value.Source(text), root.dim.Unit())})
			}
		}
		b.Stmts = append(b.Stmts, st)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return b, nil
}
