package compile

import (
	"fmt"
	"gonsim/nsim/internal/mathfn"
	"math"
	"strconv"

	"gonsim/nsim/expr"
	"gonsim/nsim/syntax"
)

// The compiler works on its own copy of a checked tree (lower), which it
// rewrites for speed (recip.go) without touching the checked expression.

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

var fromSyntax = map[syntax.Op]opcode{
	syntax.Add: opAdd, syntax.Sub: opSub, syntax.Mul: opMul, syntax.Div: opDiv,
	syntax.FloorDiv: opFloorDiv, syntax.Mod: opMod, syntax.Pow: opPow,
	syntax.Lt: opLt, syntax.Le: opLe, syntax.Gt: opGt, syntax.Ge: opGe, syntax.Eq: opEq, syntax.Ne: opNe,
	syntax.And: opAnd, syntax.Or: opOr, syntax.Neg: opNeg, syntax.Not: opNot,
}

var toSyntaxOp = map[opcode]syntax.Op{}

func init() {
	for k, v := range fromSyntax {
		toSyntaxOp[v] = k
	}
}

var leafOps = map[expr.NodeKind]opcode{
	expr.ConstNode: opConst, expr.ArrayNode: opArray, expr.ScalarNode: opScalar,
	expr.IndexNode: opIndex, expr.NoiseNode: opNoise, expr.CallNode: opCall,
}

// function is a called function: a built-in, a caller's expr.Func (bound
// to the clock before it runs, userfunc.go), _div_exprel or _exp_euler.
type function struct {
	name   string
	nargs  int
	random bool // rand, randn: drawn per element
	normal bool // randn (else rand)
	f1     func(float64) float64
	f2     func(a, b float64) float64
	f3     func(a, b, c float64) float64
	f4     func(a, b, c, d float64) float64 // _exp_euler
	user   *expr.Func
	// Block loops where mathfn has them (its vector loops), the same bits
	// as f1, f2 or f4 over a pass; b4's last argument is uniform.
	b1 func(out, x []float64)
	b2 func(out, x, y []float64)
	b4 func(out, x, y, z []float64, w float64)
}

// blockLoops are the built-in functions with block loops: exp and
// exprel, the most common calls.
var blockLoops = map[string]func(out, x []float64){"exp": mathfn.ExpBlock, "exprel": mathfn.ExprelBlock}

// node is a node of the tree the compiler compiles.
type node struct {
	op     opcode
	val    float64     // opConst
	sym    expr.Symbol // opArray, opScalar, opIndex, opNoise
	fn     *function
	args   []*node
	isBool bool
}

// lower copies a checked tree into the compiler's form.
func lower(n expr.Node) *node {
	k := n.Kind()
	m := &node{op: leafOps[k], isBool: n.Bool()}
	switch k {
	case expr.ConstNode:
		m.val = n.Value()
	case expr.ArrayNode, expr.ScalarNode, expr.IndexNode, expr.NoiseNode:
		m.sym = n.Symbol()
	case expr.OpNode:
		m.op = fromSyntax[n.Op()]
	case expr.CallNode:
		m.fn = lowerCallee(n.Callee(), len(n.Args()))
	}
	for _, a := range n.Args() {
		m.args = append(m.args, lower(a))
	}
	return m
}

func lowerCallee(c expr.Callee, nargs int) *function {
	fn := &function{name: c.Name, nargs: nargs, random: c.Random, normal: c.Normal,
		f1: c.Impl.F1, f2: c.Impl.F2, f3: c.Impl.F3, user: c.User}
	if c.User == nil && nargs == 1 {
		fn.b1 = blockLoops[c.Name]
	}
	return fn
}

func (n *node) isConst() bool { return n.op == opConst }

func (n *node) walk(f func(*node)) {
	f(n)
	for _, a := range n.args {
		a.walk(f)
	}
}

// random reports whether evaluating n draws random numbers.
func (n *node) random() bool {
	r := false
	n.walk(func(m *node) {
		if m.op == opNoise || m.op == opCall && m.fn.random {
			r = true
		}
	})
	return r
}

// String prints n in Brian syntax as nsim/expr prints checked trees; it
// names subtrees for common-subexpression elimination (cse.go).
func (n *node) String() string { return n.toSyntax().String() }

func (n *node) toSyntax() *syntax.Node {
	switch n.op {
	case opConst:
		return constSyntax(n.val, n.isBool)
	case opArray, opScalar, opIndex, opNoise:
		return &syntax.Node{Kind: syntax.Name, Text: n.sym.Name}
	case opCall:
		s := &syntax.Node{Kind: syntax.Call, Text: n.fn.name}
		for _, a := range n.args {
			s.Args = append(s.Args, a.toSyntax())
		}
		return s
	case opNeg, opNot:
		return &syntax.Node{Kind: syntax.Unary, Op: toSyntaxOp[n.op], Args: []*syntax.Node{n.args[0].toSyntax()}}
	}
	op, r := toSyntaxOp[n.op], n.args[1]
	// x + -c prints as x - c.
	if (n.op == opAdd || n.op == opSub) && r.op == opConst && r.val < 0 && !r.isBool {
		r = &node{op: opConst, val: -r.val}
		op = map[syntax.Op]syntax.Op{syntax.Add: syntax.Sub, syntax.Sub: syntax.Add}[op]
	}
	return &syntax.Node{Kind: syntax.Binary, Op: op, Args: []*syntax.Node{n.args[0].toSyntax(), r.toSyntax()}}
}

func constSyntax(v float64, isBool bool) *syntax.Node {
	switch {
	case isBool && v != 0:
		return &syntax.Node{Kind: syntax.Name, Text: "True"}
	case isBool:
		return &syntax.Node{Kind: syntax.Name, Text: "False"}
	case v < 0:
		return &syntax.Node{Kind: syntax.Unary, Op: syntax.Neg, Args: []*syntax.Node{constSyntax(-v, false)}}
	case math.IsInf(v, 1):
		return &syntax.Node{Kind: syntax.Num, Value: v, Text: "inf"}
	}
	return &syntax.Node{Kind: syntax.Num, Value: v, Text: strconv.FormatFloat(v, 'g', -1, 64)}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// call evaluates fn for one set of argument values.
func (fn *function) call(a []float64) float64 {
	switch len(a) {
	case 1:
		return fn.f1(a[0])
	case 2:
		return fn.f2(a[0], a[1])
	case 3:
		return fn.f3(a[0], a[1], a[2])
	case 4:
		return fn.f4(a[0], a[1], a[2], a[3])
	}
	panic(fmt.Sprintf("compile: %s called with %d arguments", fn.name, len(a)))
}
