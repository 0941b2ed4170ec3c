package expr

import (
	"gonsim/nsim/syntax"
	"gonsim/nsim/units"
)

// Expr is a checked expression: every identifier resolved, its dimension
// inferred, constants folded.
type Expr struct {
	// Text is the text the expression was parsed from; positions in errors
	// refer to it.
	Text string
	// Dim is the expression's dimension (meaningless if Bool).
	Dim units.Dim
	// Bool is true for conditions (comparisons, and/or/not).
	Bool bool
	root *node
	syms map[string]Symbol
}

// Check parses text as an expression and checks it in scope.
func Check(text string, scope Scope) (*Expr, error) {
	n, err := syntax.ParseExpr(text)
	if err != nil {
		return nil, Errors(err)
	}
	return CheckNode(text, n, scope)
}

// CheckNode checks an already parsed expression; text is the text its
// positions refer to (a whole model for an equation's right-hand side).
// All unresolved names and all dimension errors are collected.
func CheckNode(text string, n *syntax.Node, scope Scope) (*Expr, error) {
	c := &checker{text: text, scope: scope, syms: map[string]Symbol{}}
	root := c.check(n)
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	e := &Expr{Text: text, root: root, syms: c.syms, Bool: root.isBool}
	if err := e.setDim(); err != nil {
		return nil, err
	}
	return e, nil
}

// String prints the (folded) expression in Brian syntax.
func (e *Expr) String() string { return e.root.String() }

// Names returns the identifiers the expression still depends on after
// folding (arrays, scalars, indices, noise), sorted.
func (e *Expr) Names() []string { return e.root.names() }

// Symbol returns the symbol an identifier of the expression resolved to.
func (e *Expr) Symbol(name string) (Symbol, bool) {
	s, ok := e.syms[name]
	return s, ok
}

// DependsOn reports whether the folded expression uses name.
func (e *Expr) DependsOn(name string) bool { return e.root.uses(name) }

// Const returns the value of an expression that folded to a constant.
func (e *Expr) Const() (float64, bool) {
	if e.root.op == opConst {
		return e.root.val, true
	}
	return 0, false
}

// IsZero reports whether the expression folded to the constant 0.
func (e *Expr) IsZero() bool { v, ok := e.Const(); return ok && v == 0 }

// Stochastic reports whether the expression uses white noise (xi, xi_*).
func (e *Expr) Stochastic() bool { return len(e.Noise()) > 0 }

// Noise returns the white-noise names (xi, xi_1, …) the expression uses.
func (e *Expr) Noise() []string { return e.root.noise() }

// Expect checks that e has dimension want (and is not boolean); the error
// names both units and points at the expression. what describes e in the
// message, e.g. "the right-hand side".
func (e *Expr) Expect(want units.Dim, what string) error {
	return e.expect(want, what)
}

// ExpectBool checks that e is a condition.
func (e *Expr) ExpectBool(what string) error { return e.expectBool(what) }

// Substitute returns e with each name in subs replaced by that checked
// expression (Brian2 substitutes subexpressions into equations). The
// dimension of a replacement must equal the dimension of the symbol it
// replaces.
func Substitute(e *Expr, subs map[string]*Expr) (*Expr, error) { return substitute(e, subs) }

// Linear splits e, as a function of the variable x, into A*x + B with A and
// B independent of x (Brian2's "conditionally linear" form, needed by
// exponential_euler and exact). If e is not linear in x the error is a
// Nonlinear *Error naming the culprit subexpression. A or B is the
// constant 0 (IsZero) when absent.
func Linear(e *Expr, x string) (A, B *Expr, err error) { return linear(e, x) }

// Lit returns a constant expression.
func Lit(v float64, dim units.Dim) *Expr {
	return &Expr{Dim: dim, root: &node{op: opConst, val: v, dim: units.Half(dim)}, syms: map[string]Symbol{}}
}

// Combine builds a new expression from checked ones: op is one of + - * /,
// dimensions are checked for + and -. It is how the engine assembles
// update formulas such as x + dt*f without printing and reparsing them.
func Combine(op syntax.Op, a, b *Expr) (*Expr, error) { return combine(op, a, b) }

// Apply builds fn(args...) from checked expressions (e.g. exp(A*dt)).
func Apply(fn string, args ...*Expr) (*Expr, error) { return apply(fn, args...) }

// Functions returns the names of the built-in functions.
func Functions() []string { return functionNames() }
