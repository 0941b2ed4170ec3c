package compile

import (
	"math"

	"gonsim/nsim/internal/mathfn"
)

// Division by a constant compiles to a multiplication by its reciprocal:
// a division costs about as much as ten multiplications (the HH rate
// functions have a dozen per neuron and step, /ms, /mV, /Cm). The result
// can differ from the quotient in the last bit, as with the
// -freciprocal-math of Brian2's default C++ flags (-ffast-math); it is
// exact when the constant is a power of two.

// compiledTree is the tree kernels compile for root: the rewrites below
// and the fused exponential Euler step (expeuler.go) applied.
func compiledTree(root *node) *node {
	return rewrite(rewrite(rewrite(root, reciprocal), divByExprel), fuseExpEuler)
}

// rewrite returns n with rule applied bottom up: to every node after its
// arguments were rewritten. n itself is not changed, and subtrees that no
// rule touched are shared.
func rewrite(n *node, rule func(*node) *node) *node {
	var args []*node
	for i, a := range n.args {
		b := rewrite(a, rule)
		if b != a && args == nil {
			args = append([]*node(nil), n.args...)
		}
		if args != nil {
			args[i] = b
		}
	}
	m := n
	if args != nil {
		c := *n
		c.args = args
		m = &c
	}
	return rule(m)
}

// reciprocal turns x/c (c a constant whose reciprocal is a normal number)
// into x*(1/c).
func reciprocal(m *node) *node {
	if m.op == opDiv && len(m.args) == 2 && m.args[1].op == opConst && m.args[0].op != opConst {
		if r := 1 / m.args[1].val; math.Abs(r) >= 0x1p-1022 && !math.IsInf(r, 0) {
			k := *m.args[1]
			k.val = r
			c := *m
			c.op = opMul
			c.args = []*node{m.args[0], &k}
			m = &c
		}
	}
	return m
}

// a/exprel(x), the form of the HH rate functions (alpha_m =
// 0.32/exprel(…)/ms), is a·x/expm1(x): one division instead of two
// (exprel's own and the quotient). divExprel is the internal function the
// rewrite calls; it is not in the table users' expressions resolve in.
var divExprel = &function{name: "_div_exprel", nargs: 2, f2: mathfn.DivExprel, b2: mathfn.DivExprelBlock}

// divByExprel turns a/exprel(x) into _div_exprel(a, x).
func divByExprel(m *node) *node {
	if d := m.args; m.op == opDiv && len(d) == 2 && d[1].op == opCall && d[1].fn.name == "exprel" && !d[1].args[0].isConst() {
		c := *m
		c.op, c.fn = opCall, divExprel
		c.args = []*node{d[0], d[1].args[0]}
		m = &c
	}
	return m
}
