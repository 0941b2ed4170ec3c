package compile

// Common subexpressions. The update formulas of exponential Euler name
// B/A twice ((x + B/A)*exp(A*dt) - B/A), and model text often repeats a
// term. A kernel computes a subtree that occurs more than once a single
// time per pass: the first use fills a buffer, later uses in the same
// pass (same frame generation) read it. Only kernels do this, not
// statement blocks, whose statements may change what a later one reads.

// findShared records the non-leaf subtrees of root that occur more than
// once and vary per element (uniform ones are computed once per pass
// anyway; random ones must be drawn at each use).
func (c *compiler) findShared(root *node) {
	keys := map[*node]string{}
	count := map[string]int{}
	var walk func(n *node)
	walk = func(n *node) {
		for _, a := range n.args {
			walk(a)
		}
		f := c.factsOf(n)
		if len(n.args) == 0 || f.random || f.uniform {
			return
		}
		k := f.key
		keys[n] = k
		count[k]++
	}
	walk(root)
	for n, k := range keys {
		if count[k] > 1 {
			if c.shared == nil {
				c.shared, c.memos = map[*node]string{}, map[string]cnode{}
			}
			c.shared[n] = k
		}
	}
}

func (c *compiler) isShared(n *node) bool {
	_, ok := c.shared[n]
	return ok
}

// memoize wraps a compiled node so that it computes once per pass.
func memoize(inner cnode) cnode {
	if inner.uni {
		return inner
	}
	buf := make([]float64, blockSize)
	var res []float64
	var last uint64 // frame generations start at 1
	return cnode{v: func(f *frame, out []float64) []float64 {
		if f.gen == last && len(res) == len(out) {
			return res
		}
		res = inner.v(f, buf[:len(out)])[:len(out)]
		last = f.gen
		return res
	}}
}
