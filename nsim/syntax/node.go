package syntax

import (
	"fmt"
	"strconv"
	"strings"
)

// Pos is a position in source text: 1-based line and 1-based column counted
// in characters (runes), so that a caret printed under the line lines up.
type Pos struct {
	Line, Col int
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Kind says what a Node is.
type Kind uint8

const (
	Num    Kind = iota // numeric literal; Value holds it
	Name               // identifier; Text holds it
	Unary              // Op applied to Args[0]
	Binary             // Args[0] Op Args[1]
	Call               // Text(Args...)
)

// Op is an operator of a Unary or Binary node.
type Op uint8

// Operators. Comparison and logical operators produce booleans.
const (
	OpNone Op = iota
	Add
	Sub
	Mul
	Div
	FloorDiv
	Mod
	Pow
	Neg  // unary -
	Plus // unary +
	Not
	And
	Or
	Lt
	Le
	Gt
	Ge
	Eq
	Ne
)

var opText = [...]string{
	OpNone: "?", Add: "+", Sub: "-", Mul: "*", Div: "/", FloorDiv: "//", Mod: "%",
	Pow: "**", Neg: "-", Plus: "+", Not: "not", And: "and", Or: "or",
	Lt: "<", Le: "<=", Gt: ">", Ge: ">=", Eq: "==", Ne: "!=",
}

func (o Op) String() string { return opText[o] }

// IsComparison reports whether o is one of < <= > >= == !=.
func (o Op) IsComparison() bool { return o >= Lt && o <= Ne }

// IsLogical reports whether o is and, or or not.
func (o Op) IsLogical() bool { return o == And || o == Or || o == Not }

// Node is one node of an expression tree. Trees are immutable once parsed;
// transformations build new nodes.
type Node struct {
	Kind  Kind
	Op    Op      // Unary, Binary
	Value float64 // Num
	Text  string  // Name: identifier; Call: function name; Num: literal as written
	Args  []*Node // Unary: 1, Binary: 2, Call: arguments
	// Pos is where the node starts, End just after it; Off and EndOff are the
	// byte offsets of the same span in the parsed text.
	Pos, End    Pos
	Off, EndOff int
	// outer is the span including enclosing parentheses, which a parent's
	// span must cover: in "(a+b)/c" the division starts at "(".
	outer *span
}

type span struct {
	pos, end    Pos
	off, endOff int
}

func (n *Node) outerSpan() span {
	if n.outer != nil {
		return *n.outer
	}
	return span{n.Pos, n.End, n.Off, n.EndOff}
}

// Source returns the text the node was parsed from, given that text; for
// synthesized nodes (Off == EndOff) it returns String().
func (n *Node) Source(text string) string {
	if n.Off < n.EndOff && n.EndOff <= len(text) {
		return text[n.Off:n.EndOff]
	}
	return n.String()
}

// String prints the node in Brian syntax with the parentheses it needs.
func (n *Node) String() string {
	var b strings.Builder
	n.write(&b, 0)
	return b.String()
}

// prec returns the binding strength of n's operator (higher binds tighter).
func prec(n *Node) int {
	switch n.Kind {
	case Binary:
		switch n.Op {
		case Or:
			return 1
		case And:
			return 2
		case Lt, Le, Gt, Ge, Eq, Ne:
			return 4
		case Add, Sub:
			return 5
		case Mul, Div, FloorDiv, Mod:
			return 6
		case Pow:
			return 8
		}
	case Unary:
		if n.Op == Not {
			return 3
		}
		return 7
	}
	return 9
}

func (n *Node) write(b *strings.Builder, outer int) {
	p := prec(n)
	paren := p < outer
	if paren {
		b.WriteByte('(')
	}
	switch n.Kind {
	case Num:
		if n.Text != "" {
			b.WriteString(n.Text)
		} else {
			b.WriteString(strconv.FormatFloat(n.Value, 'g', -1, 64))
		}
	case Name:
		b.WriteString(n.Text)
	case Unary:
		if n.Op == Not {
			b.WriteString("not ")
		} else {
			b.WriteString(n.Op.String())
		}
		n.Args[0].write(b, p)
	case Binary:
		l, r := p, p+1 // left-associative
		if n.Op == Pow {
			l, r = p+1, 7 // right-associative; unary minus allowed in exponent
		}
		if n.Op.IsComparison() {
			l, r = p+1, p+1
		}
		n.Args[0].write(b, l)
		switch n.Op {
		case Mul, Div, Pow, FloorDiv, Mod:
			b.WriteString(n.Op.String())
		default:
			b.WriteString(" " + n.Op.String() + " ")
		}
		n.Args[1].write(b, r)
	case Call:
		b.WriteString(n.Text)
		b.WriteByte('(')
		for i, a := range n.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			a.write(b, 0)
		}
		b.WriteByte(')')
	}
	if paren {
		b.WriteByte(')')
	}
}

// Walk calls f for n and all its descendants, parents first. If f returns
// false the children of that node are skipped.
func Walk(n *Node, f func(*Node) bool) {
	if !f(n) {
		return
	}
	for _, a := range n.Args {
		Walk(a, f)
	}
}

// Names returns the distinct identifiers used in n (not function names), in
// order of first appearance.
func Names(n *Node) []string {
	var out []string
	seen := map[string]bool{}
	Walk(n, func(m *Node) bool {
		if m.Kind == Name && !seen[m.Text] {
			seen[m.Text] = true
			out = append(out, m.Text)
		}
		return true
	})
	return out
}

// AssignOp is the operator of a statement.
type AssignOp uint8

const (
	Assign    AssignOp = iota // =
	AddAssign                 // +=
	SubAssign                 // -=
	MulAssign                 // *=
	DivAssign                 // /=
)

var assignText = [...]string{"=", "+=", "-=", "*=", "/="}

func (a AssignOp) String() string { return assignText[a] }

// BinOp returns the arithmetic operator of a compound assignment (Add for
// +=), or OpNone for plain =.
func (a AssignOp) BinOp() Op {
	return [...]Op{OpNone, Add, Sub, Mul, Div}[a]
}

// Stmt is one statement `Target Op Value`.
type Stmt struct {
	Target    string
	TargetPos Pos // position of the target name
	Op        AssignOp
	Value     *Node
	// Pos, End, Off and EndOff span the whole statement.
	Pos, End    Pos
	Off, EndOff int
}

func (s *Stmt) String() string { return s.Target + " " + s.Op.String() + " " + s.Value.String() }
