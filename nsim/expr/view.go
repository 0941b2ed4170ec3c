package expr

import "gonsim/nsim/syntax"

// Node is a read-only view of one node of a checked expression's folded
// tree: what a back end (nsim/compile) reads to generate code. Nodes are
// shared between expressions and never change.
type Node struct{ n *node }

// NodeKind says what a Node computes.
type NodeKind uint8

const (
	ConstNode  NodeKind = iota // a folded constant: Value
	ArrayNode                  // an element of an Array symbol: Symbol
	ScalarNode                 // a Scalar symbol (t, dt, a shared variable): Symbol
	IndexNode                  // the element index (i): Symbol
	NoiseNode                  // white noise (xi, xi_*): Symbol, with Ref NoiseRef{}
	OpNode                     // an operator (Op) applied to Args
	CallNode                   // a function call (Callee) of Args
)

// Callee describes the function a CallNode calls.
type Callee struct {
	Name string
	// Impl is a built-in function's implementation (the field for its
	// number of arguments); it is zero for a caller's Func and for rand
	// and randn.
	Impl FuncImpl
	// User is the caller's function when it is not built in; it must be
	// bound to a clock (Func.Bind) before it runs.
	User *Func
	// Random is set for rand() and randn() (Normal): a fresh draw for
	// every element, never folded.
	Random, Normal bool
}

// Root returns the root of e's folded tree.
func (e *Expr) Root() Node { return Node{e.root} }

// Kind says what the node computes.
func (n Node) Kind() NodeKind {
	switch n.n.op {
	case opConst:
		return ConstNode
	case opArray:
		return ArrayNode
	case opScalar:
		return ScalarNode
	case opIndex:
		return IndexNode
	case opNoise:
		return NoiseNode
	case opCall:
		return CallNode
	}
	return OpNode
}

// Value is a ConstNode's value (0 or 1 for a condition).
func (n Node) Value() float64 { return n.n.val }

// Symbol is the symbol of an Array, Scalar, Index or Noise node.
func (n Node) Symbol() Symbol { return n.n.sym }

// Op is an OpNode's operator: a binary operator, syntax.Neg or syntax.Not.
func (n Node) Op() syntax.Op { return opSyntax[n.n.op] }

// Bool reports whether the node is a condition (its values are 0 and 1).
func (n Node) Bool() bool { return n.n.isBool }

// Args returns the operands of an OpNode or the arguments of a CallNode.
func (n Node) Args() []Node {
	out := make([]Node, len(n.n.args))
	for i, a := range n.n.args {
		out[i] = Node{a}
	}
	return out
}

// Callee describes the function a CallNode calls.
func (n Node) Callee() Callee {
	fn := n.n.fn
	return Callee{Name: fn.name, Impl: FuncImpl{F1: fn.f1, F2: fn.f2, F3: fn.f3}, User: fn.user,
		Random: fn.random, Normal: fn.normal}
}
