package nsim

// csr lists the synapses of each neuron of a pathway's source group
// (compressed sparse rows): neuron n's synapses are positions
// start[n]…start[n+1]-1. Connect creates synapses row by row, so the
// positions usually are the synapse numbers themselves and perm is nil;
// otherwise perm[q] is the synapse at position q, ascending within a row.
// This is 4 bytes per neuron (plus 4 per synapse only when unordered),
// where a slice per neuron cost 24 bytes per neuron and append's slack.
type csr struct {
	start []int32
	perm  []int32
}

// newCSR groups the synapses by their source neuron idx[syn] < n.
func newCSR(idx []int32, n int) csr {
	c := csr{start: make([]int32, n+1)}
	sorted := true
	for syn, v := range idx {
		c.start[v+1]++
		sorted = sorted && (syn == 0 || idx[syn-1] <= v)
	}
	for k := 1; k <= n; k++ {
		c.start[k] += c.start[k-1]
	}
	if sorted {
		return c
	}
	c.perm = make([]int32, len(idx))
	next := append([]int32(nil), c.start[:n]...)
	for syn, v := range idx {
		c.perm[next[v]] = int32(syn)
		next[v]++
	}
	return c
}

// syn is the synapse at position q.
func (c *csr) syn(q int32) int32 {
	if c.perm == nil {
		return q
	}
	return c.perm[q]
}

// appendRow appends neuron n's synapses to out.
func (c *csr) appendRow(out []int32, n int32) []int32 {
	lo, hi := c.start[n], c.start[n+1]
	if c.perm != nil {
		return append(out, c.perm[lo:hi]...)
	}
	for q := lo; q < hi; q++ {
		out = append(out, q)
	}
	return out
}
