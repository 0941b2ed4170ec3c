package compile

import (
	"math"
	"strconv"
)

// The compiler asks of every subtree whether it is uniform, whether it
// draws random numbers and which other subtrees it equals. Answered by a
// walk of the subtree each time, that is quadratic in the size of a
// model (a sum of n terms is a left-deep tree n levels high: 32,000
// terms took minutes at Run). Here each node's facts are derived from its
// arguments' once, so a kernel's tree costs time linear in its size.

// facts are what a subtree is, as far as the compiler cares.
type facts struct {
	uniform bool   // the same value for all elements, as far as the tree shows (a binding may still make an array uniform)
	random  bool   // draws random numbers
	key     string // equal keys ⇔ structurally equal subtrees (cse.go)
}

// factsOf returns n's facts, computing and caching those of its subtree.
// Trees are not changed after compiledTree, so the cache stays valid.
func (c *compiler) factsOf(n *node) *facts {
	if f, ok := c.facts[n]; ok {
		return f
	}
	if c.facts == nil {
		c.facts, c.keys = map[*node]*facts{}, map[string]string{}
	}
	f := &facts{uniform: true}
	switch {
	case n.op == opArray, n.op == opIndex, n.op == opNoise:
		f.uniform = false
	case n.op == opCall && n.fn.random:
		f.uniform = false
	}
	f.random = n.op == opNoise || n.op == opCall && n.fn.random
	// The key names the node and its arguments' keys: interned, it stays
	// short however deep the subtree is.
	b := make([]byte, 0, 48)
	b = append(b, byte(n.op), boolByte(n.isBool))
	switch n.op {
	case opConst:
		b = strconv.AppendUint(b, math.Float64bits(n.val), 36)
	case opArray, opScalar, opIndex, opNoise:
		b = append(b, n.sym.Name...)
	case opCall:
		b = append(b, n.fn.name...)
	}
	for _, a := range n.args {
		af := c.factsOf(a)
		f.uniform = f.uniform && af.uniform
		f.random = f.random || af.random
		b = append(b, ',')
		b = append(b, af.key...)
	}
	k := string(b)
	id, ok := c.keys[k]
	if !ok {
		id = strconv.Itoa(len(c.keys))
		c.keys[k] = id
	}
	f.key = id
	c.facts[n] = f
	return f
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// uniform reports whether n has the same value for all elements.
func (c *compiler) uniform(n *node) bool { return c.factsOf(n).uniform }

// stopEvery is how many nodes the compiler handles between two polls of
// Env.Stop: a few microseconds of work, a negligible cost.
const stopEvery = 4096

// poll counts a node and, every stopEvery, asks Env.Stop.
func (c *compiler) poll() error {
	if c.env.Stop == nil {
		return nil
	}
	if c.polls++; c.polls%stopEvery != 0 {
		return nil
	}
	return c.env.Stop()
}
