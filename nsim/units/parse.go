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
	h := ev.eval(n)
	if ev.err != nil {
		return Quantity{}, ev.err
	}
	q, ok := h.quantity()
	if !ok {
		return Quantity{}, &ParseError{n.Pos, n.Source(text), fmt.Sprintf(
			"the result, %s, has half exponents, which a Quantity cannot hold (its Dim has integer exponents): "+
				"multiply it by factors that make the unit whole, or write the expression in the model equations, "+
				"where half exponents are allowed (e.g. \"sigma*(2/tau)**.5*xi\")", h), text}
	}
	return q, nil
}

type evaluator struct {
	text string
	look func(string) (Quantity, bool)
	err  error
}

func (ev *evaluator) fail(n *syntax.Node, format string, args ...any) hq {
	if ev.err == nil {
		ev.err = &ParseError{n.Pos, n.Source(ev.text), fmt.Sprintf(format, args...), ev.text}
	}
	return hq{}
}

func (ev *evaluator) eval(n *syntax.Node) hq {
	if ev.err != nil {
		return hq{}
	}
	switch n.Kind {
	case syntax.Num:
		return hq{v: n.Value}
	case syntax.Name:
		q, _ := ev.look(n.Text)
		return toHQ(q)
	case syntax.Unary:
		x := ev.eval(n.Args[0])
		switch n.Op {
		case syntax.Neg:
			x.v = -x.v
			return x
		case syntax.Plus:
			return x
		}
	case syntax.Binary:
		l, r := ev.eval(n.Args[0]), ev.eval(n.Args[1])
		if ev.err != nil {
			return hq{}
		}
		switch n.Op {
		case syntax.Add, syntax.Sub:
			if l.d != r.d {
				return ev.fail(n, "%q uses inconsistent units (%q has unit %s; %q has unit %s)",
					n.Source(ev.text), n.Args[0].Source(ev.text), l.d.Unit(), n.Args[1].Source(ev.text), r.d.Unit())
			}
			if n.Op == syntax.Add {
				return hq{l.v + r.v, l.d}
			}
			return hq{l.v - r.v, l.d}
		case syntax.Mul:
			return l.mul(r)
		case syntax.Div:
			return l.div(r)
		case syntax.Pow:
			if !r.dimensionless() {
				return ev.fail(n.Args[1], "the exponent %q must be dimensionless, but has unit %s", n.Args[1].Source(ev.text), r.d.Unit())
			}
			q, err := l.pow(r.v)
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
			return hq{}
		}
		switch n.Text {
		case "sqrt":
			q, err := x.pow(0.5)
			if err != nil {
				return ev.fail(n, "%v", err)
			}
			q.v = math.Sqrt(x.v) // exactly rounded, unlike Pow(x, 0.5)
			return q
		case "abs":
			return hq{math.Abs(x.v), x.d}
		case "exp", "log":
			if !x.dimensionless() {
				return ev.fail(n.Args[0], "the argument of %s must be dimensionless, but %q has unit %s", n.Text, n.Args[0].Source(ev.text), x.d.Unit())
			}
			if n.Text == "exp" {
				return hq{v: math.Exp(x.v)}
			}
			return hq{v: math.Log(x.v)}
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
