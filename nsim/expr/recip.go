package expr

import "math"

// Division by a constant compiles to a multiplication by its reciprocal:
// a division costs about as much as ten multiplications (the HH rate
// functions have a dozen per neuron and step, /ms, /mV, /Cm). The result
// can differ from the quotient in the last bit, as with the
// -freciprocal-math of Brian2's default C++ flags (-ffast-math); it is
// exact when the constant is a power of two.

// withReciprocals returns n with every x/c (c a constant whose reciprocal
// is a normal number) replaced by x*(1/c); n itself is not changed, and
// subtrees without such a division are shared.
func withReciprocals(n *node) *node {
	var args []*node
	for i, a := range n.args {
		b := withReciprocals(a)
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
	if m.op == opDiv && len(m.args) == 2 && m.args[1].op == opConst && m.args[0].op != opConst {
		if r := 1 / m.args[1].val; math.Abs(r) >= 0x1p-1022 && !math.IsInf(r, 0) {
			k := *m.args[1]
			k.val = r
			k.dim = dim2{}.sub(m.args[1].dim)
			c := *m
			c.op = opMul
			c.args = []*node{m.args[0], &k}
			m = &c
		}
	}
	return m
}
