package units

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"gonsim/nsim/syntax"
)

// ParseError is an error in a constant expression given to Parse: a syntax
// error, unknown names (all of them) or a dimension mismatch, with the
// position of the culprit.
type ParseError struct {
	Pos     syntax.Pos
	Culprit string // the offending name or subexpression
	Msg     string
	Text    string // the parsed text, for the caret line
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s: %s%s", e.Pos, e.Msg, syntax.Caret(e.Text, e.Pos))
}

// Parse evaluates a constant expression in Brian2 syntax whose names are
// Brian2 unit names: Parse("1*ufarad*cm**-2") is 0.01 F/m².
func Parse(text string) (Quantity, error) { return ParseWith(text, nil) }

// ParseWith is Parse with extra names: names(name) is consulted before the
// unit table (this is how a notebook's `Q("(1*ufarad*cm**-2) * area")`
// reads `area`). The functions sqrt, abs, exp and log are available.
// Errors are *ParseError values joined with errors.Join, one per culprit.
func ParseWith(text string, names func(string) (Quantity, bool)) (Quantity, error) {
	n, err := syntax.ParseExpr(text)
	if err != nil {
		return Quantity{}, err
	}
	return evalNode(text, n, names)
}

func evalNode(text string, n *syntax.Node, names func(string) (Quantity, bool)) (Quantity, error) {
	look := func(name string) (Quantity, bool) {
		if names != nil {
			if q, ok := names(name); ok {
				return q, true
			}
		}
		return Lookup(name)
	}
	// Report every unknown name at once.
	var errs []error
	seen := map[string]bool{}
	syntax.Walk(n, func(m *syntax.Node) bool {
		if m.Kind == syntax.Name && !seen[m.Text] {
			if _, ok := look(m.Text); !ok {
				seen[m.Text] = true
				msg := fmt.Sprintf("unknown name %q", m.Text)
				if s := Suggest(m.Text); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				errs = append(errs, &ParseError{m.Pos, m.Text, msg, text})
			}
		}
		return true
	})
	if len(errs) > 0 {
		return Quantity{}, errors.Join(errs...)
	}
	ev := evaluator{text: text, look: look}
	q := ev.eval(n)
	if ev.err != nil {
		return Quantity{}, ev.err
	}
	return q, nil
}

type evaluator struct {
	text string
	look func(string) (Quantity, bool)
	err  error
}

func (ev *evaluator) fail(n *syntax.Node, format string, args ...any) Quantity {
	if ev.err == nil {
		ev.err = &ParseError{n.Pos, n.Source(ev.text), fmt.Sprintf(format, args...), ev.text}
	}
	return Quantity{}
}

func (ev *evaluator) eval(n *syntax.Node) Quantity {
	if ev.err != nil {
		return Quantity{}
	}
	switch n.Kind {
	case syntax.Num:
		return Quantity{Value: n.Value}
	case syntax.Name:
		q, _ := ev.look(n.Text)
		return q
	case syntax.Unary:
		x := ev.eval(n.Args[0])
		switch n.Op {
		case syntax.Neg:
			return x.Neg()
		case syntax.Plus:
			return x
		}
	case syntax.Binary:
		l, r := ev.eval(n.Args[0]), ev.eval(n.Args[1])
		if ev.err != nil {
			return Quantity{}
		}
		switch n.Op {
		case syntax.Add, syntax.Sub:
			if l.Dim != r.Dim {
				return ev.fail(n, "%q uses inconsistent units (%q has unit %s; %q has unit %s)",
					n.Source(ev.text), n.Args[0].Source(ev.text), l.Dim.Unit(), n.Args[1].Source(ev.text), r.Dim.Unit())
			}
			if n.Op == syntax.Add {
				return Quantity{l.Value + r.Value, l.Dim}
			}
			return Quantity{l.Value - r.Value, l.Dim}
		case syntax.Mul:
			return l.Mul(r)
		case syntax.Div:
			return l.Div(r)
		case syntax.Pow:
			if !r.Dim.IsDimensionless() {
				return ev.fail(n.Args[1], "the exponent %q must be dimensionless, but has unit %s", n.Args[1].Source(ev.text), r.Dim.Unit())
			}
			q, err := l.PowF(r.Value)
			if err != nil {
				return ev.fail(n, "%v", err)
			}
			return q
		}
	case syntax.Call:
		if len(n.Args) != 1 {
			return ev.fail(n, "%s takes 1 argument, got %d", n.Text, len(n.Args))
		}
		x := ev.eval(n.Args[0])
		if ev.err != nil {
			return Quantity{}
		}
		switch n.Text {
		case "sqrt":
			q, err := x.Sqrt()
			if err != nil {
				return ev.fail(n, "%v", err)
			}
			return q
		case "abs":
			return Quantity{math.Abs(x.Value), x.Dim}
		case "exp", "log":
			if !x.Dim.IsDimensionless() {
				return ev.fail(n.Args[0], "the argument of %s must be dimensionless, but %q has unit %s", n.Text, n.Args[0].Source(ev.text), x.Dim.Unit())
			}
			if n.Text == "exp" {
				return Quantity{Value: math.Exp(x.Value)}
			}
			return Quantity{Value: math.Log(x.Value)}
		}
		return ev.fail(n, "unknown function %q in a constant expression (known: sqrt, abs, exp, log)", n.Text)
	}
	return ev.fail(n, "operator %s is not allowed in a constant expression", strings.TrimSpace(n.Op.String()))
}

// Eval evaluates an already parsed constant expression; text is the text
// the node's positions refer to (used in errors). names may be nil.
func Eval(text string, n *syntax.Node, names func(string) (Quantity, bool)) (Quantity, error) {
	return evalNode(text, n, names)
}
