package nsim

// groupCore is the part of every neuron-like group (NeuronGroup,
// SpikeGeneratorGroup, PoissonGroup) that synapses and monitors use: its
// size, variables and the spikes of the current step.
type groupCore struct {
	objBase
	n      int
	spikes []int32 // neurons that spiked in the current step, ascending
	owner  member
}

// groupRef is a contiguous range [lo, hi) of a group: the whole group or
// a Subgroup.
type groupRef struct {
	g      *groupCore
	lo, hi int
}

func (r groupRef) size() int { return r.hi - r.lo }

// spikesIn returns the current step's spikes of r, as indices relative to
// r.lo, appended to dst.
func (r groupRef) spikesIn(dst []int32) []int32 {
	sp := r.g.spikes
	if r.lo == 0 && r.hi == r.g.n {
		return append(dst, sp...)
	}
	for _, i := range sp {
		if int(i) >= r.lo && int(i) < r.hi {
			dst = append(dst, i-int32(r.lo))
		}
	}
	return dst
}

// Group is anything with neurons that can be monitored or connected:
// *NeuronGroup, *SpikeGeneratorGroup, *PoissonGroup and *Subgroup.
type Group interface {
	Object
	N() int
	ref() groupRef
	recSource() recSource // every group is Recordable
}

// N returns the number of neurons.
func (c *groupCore) N() int { return c.n }
