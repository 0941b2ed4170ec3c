package expr

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"gonsim/nsim/internal/mathfn"
	"gonsim/nsim/syntax"
	"gonsim/nsim/units"
)

// scale multiplies the exponents of d by x; ok is false if a result is not
// a multiple of one half.
func scale(d units.HalfDim, x float64) (units.HalfDim, bool) {
	r, _, ok := d.Pow(x)
	return r, ok
}

type opcode uint8

const (
	opConst opcode = iota
	opArray
	opScalar
	opIndex
	opNoise
	opNeg
	opAdd
	opSub
	opMul
	opDiv
	opFloorDiv
	opMod
	opPow
	opLt
	opLe
	opGt
	opGe
	opEq
	opNe
	opAnd
	opOr
	opNot
	opCall
)

var binOps = map[syntax.Op]opcode{
	syntax.Add: opAdd, syntax.Sub: opSub, syntax.Mul: opMul, syntax.Div: opDiv,
	syntax.FloorDiv: opFloorDiv, syntax.Mod: opMod, syntax.Pow: opPow,
	syntax.Lt: opLt, syntax.Le: opLe, syntax.Gt: opGt, syntax.Ge: opGe, syntax.Eq: opEq, syntax.Ne: opNe,
	syntax.And: opAnd, syntax.Or: opOr,
}

var opSyntax = map[opcode]syntax.Op{}

func init() {
	for k, v := range binOps {
		opSyntax[v] = k
	}
	opSyntax[opNeg] = syntax.Neg
	opSyntax[opNot] = syntax.Not
}

// node is a checked, folded expression node. Nodes are shared between
// expressions and never modified after construction.
type node struct {
	op     opcode
	val    float64 // opConst
	sym    Symbol  // opArray, opScalar, opIndex, opNoise
	fn     *function
	args   []*node
	dim    units.HalfDim
	isBool bool
	src    *syntax.Node // where it came from (nil if synthesized)
}

func (n *node) isConst() bool { return n.op == opConst }

// toSyntax rebuilds a syntax tree, for printing.
func (n *node) toSyntax() *syntax.Node {
	switch n.op {
	case opConst:
		if n.isBool {
			if n.val != 0 {
				return &syntax.Node{Kind: syntax.Name, Text: "True"}
			}
			return &syntax.Node{Kind: syntax.Name, Text: "False"}
		}
		if n.val < 0 {
			return &syntax.Node{Kind: syntax.Unary, Op: syntax.Neg, Args: []*syntax.Node{{Kind: syntax.Num, Value: -n.val, Text: fmtNum(-n.val)}}}
		}
		return &syntax.Node{Kind: syntax.Num, Value: n.val, Text: fmtNum(n.val)}
	case opArray, opScalar, opIndex, opNoise:
		return &syntax.Node{Kind: syntax.Name, Text: n.sym.Name}
	case opCall:
		s := &syntax.Node{Kind: syntax.Call, Text: n.fn.name}
		for _, a := range n.args {
			s.Args = append(s.Args, a.toSyntax())
		}
		return s
	case opNeg, opNot:
		return &syntax.Node{Kind: syntax.Unary, Op: opSyntax[n.op], Args: []*syntax.Node{n.args[0].toSyntax()}}
	}
	op, r := opSyntax[n.op], n.args[1]
	// x + -c prints as x - c.
	if (n.op == opAdd || n.op == opSub) && r.op == opConst && r.val < 0 && !r.isBool {
		r = &node{op: opConst, val: -r.val, dim: r.dim}
		op = map[syntax.Op]syntax.Op{syntax.Add: syntax.Sub, syntax.Sub: syntax.Add}[op]
	}
	return &syntax.Node{Kind: syntax.Binary, Op: op, Args: []*syntax.Node{n.args[0].toSyntax(), r.toSyntax()}}
}

func fmtNum(v float64) string {
	if math.IsInf(v, 1) {
		return "inf"
	}
	s := strconv.FormatFloat(v, 'g', -1, 64)
	return s
}

func (n *node) String() string { return n.toSyntax().String() }

func (n *node) walk(f func(*node)) {
	f(n)
	for _, a := range n.args {
		a.walk(f)
	}
}

func (n *node) names() []string {
	seen := map[string]bool{}
	var out []string
	n.walk(func(m *node) {
		switch m.op {
		case opArray, opScalar, opIndex, opNoise:
			if !seen[m.sym.Name] {
				seen[m.sym.Name] = true
				out = append(out, m.sym.Name)
			}
		}
	})
	sort.Strings(out)
	return out
}

func (n *node) uses(name string) bool {
	found := false
	n.walk(func(m *node) {
		switch m.op {
		case opArray, opScalar, opIndex, opNoise:
			if m.sym.Name == name {
				found = true
			}
		}
	})
	return found
}

func (n *node) noise() []string {
	var out []string
	seen := map[string]bool{}
	n.walk(func(m *node) {
		if m.op == opNoise && !seen[m.sym.Name] {
			seen[m.sym.Name] = true
			out = append(out, m.sym.Name)
		}
	})
	sort.Strings(out)
	return out
}

// random reports whether evaluating n draws random numbers (no folding).
func (n *node) random() bool {
	r := false
	n.walk(func(m *node) {
		if m.op == opNoise || m.op == opCall && m.fn.random {
			r = true
		}
	})
	return r
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// evalConst computes an operator on constant operands (folding).
func evalConst(op opcode, fn *function, a []float64) float64 {
	switch op {
	case opNeg:
		return -a[0]
	case opNot:
		return b2f(a[0] == 0)
	case opAdd:
		return a[0] + a[1]
	case opSub:
		return a[0] - a[1]
	case opMul:
		return a[0] * a[1]
	case opDiv:
		return a[0] / a[1]
	case opFloorDiv:
		return math.Floor(a[0] / a[1])
	case opMod:
		return mathfn.Mod(a[0], a[1])
	case opPow:
		return math.Pow(a[0], a[1])
	case opLt:
		return b2f(a[0] < a[1])
	case opLe:
		return b2f(a[0] <= a[1])
	case opGt:
		return b2f(a[0] > a[1])
	case opGe:
		return b2f(a[0] >= a[1])
	case opEq:
		return b2f(a[0] == a[1])
	case opNe:
		return b2f(a[0] != a[1])
	case opAnd:
		return b2f(a[0] != 0 && a[1] != 0)
	case opOr:
		return b2f(a[0] != 0 || a[1] != 0)
	case opCall:
		switch len(a) {
		case 1:
			return fn.f1(a[0])
		case 2:
			return fn.f2(a[0], a[1])
		case 3:
			return fn.f3(a[0], a[1], a[2])
		}
	}
	panic(fmt.Sprintf("expr: evalConst of opcode %d", op))
}

// mk builds an operator node with dimension dim, folding it when all
// operands are constant and it draws no random numbers.
func mk(op opcode, fn *function, dim units.HalfDim, isBool bool, src *syntax.Node, args ...*node) *node {
	n := &node{op: op, fn: fn, args: args, dim: dim, isBool: isBool, src: src}
	if fn != nil && (fn.random || fn.user != nil) {
		return n
	}
	vals := make([]float64, len(args))
	for i, a := range args {
		if a.op != opConst {
			return n
		}
		vals[i] = a.val
	}
	return &node{op: opConst, val: evalConst(op, fn, vals), dim: dim, isBool: isBool, src: src}
}

func constNode(v float64, d units.HalfDim) *node { return &node{op: opConst, val: v, dim: d} }
