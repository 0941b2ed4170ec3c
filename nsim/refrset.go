package nsim

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// refrSet is the set of a group's refractory neurons as the fused updates
// keep it (linear_affine.go, linear_fused.go), so that a step need not read
// lastspike and not_refractory for every neuron: a bit per neuron, which
// the affine update's loop tests for its clamp, and the same neurons in a queue
// in order of lastspike. A neuron's period ends at the first step where
// (t − lastspike) − lim ≥ 0, which comes sooner the older its lastspike
// (IEEE subtraction is monotonic), so the neurons whose period ends at a
// step are the queue's front. The threshold adds each neuron that spikes,
// its lastspike the newest; add keeps the queue while it is live.
type refrSet struct {
	bits       []uint64 // bit i: neuron i refractory (not_refractory 0)
	queue      []int32  // the set from head on, oldest lastspike first
	head       int
	live       bool // the queue holds the set
	lastsp, nr []float64
}

func newRefrSet(n int, lastsp, nr []float64) *refrSet {
	return &refrSet{bits: make([]uint64, (n+63)/64), lastsp: lastsp, nr: nr}
}

// add puts neuron i in the set: it has just spiked.
func (s *refrSet) add(i int32) {
	s.bits[i/64] |= 1 << (i % 64)
	if s.live {
		s.queue = append(s.queue, i)
	}
}

// endPeriods takes out of the set the neurons whose period has ended at
// time t (lim as in refractoryRange), setting their not_refractory to 1.
func (s *refrSet) endPeriods(t, lim float64) {
	for s.head < len(s.queue) {
		i := s.queue[s.head]
		if math.Float64bits((t-s.lastsp[i])-lim)>>63 != 0 {
			break
		}
		s.nr[i] = 1
		s.bits[i/64] &^= 1 << (i % 64)
		s.head++
	}
	if s.head >= 256 && 2*s.head >= len(s.queue) {
		s.queue = s.queue[:copy(s.queue, s.queue[s.head:])]
		s.head = 0
	}
}

// setBits sets the bits of neurons lo…lo+len(nr)-1 from their
// not_refractory values nr, after an update that computed them.
func (s *refrSet) setBits(nr []float64, lo int) {
	for k, f := range nr {
		i := lo + k
		if f == 0 {
			s.bits[i/64] |= 1 << (i % 64)
		} else {
			s.bits[i/64] &^= 1 << (i % 64)
		}
	}
}

// order builds the queue from the bits and makes it live. It fails, and
// leaves it dead, if a neuron of the set has a lastspike later than t or
// NaN (the user set it so): the threshold's later spikes would then not
// be the newest.
func (s *refrSet) order(t float64) bool {
	s.queue, s.head, s.live = s.queue[:0], 0, false
	for w, b := range s.bits {
		for ; b != 0; b &= b - 1 {
			i := int32(64*w + bits.TrailingZeros64(b))
			if !(s.lastsp[i] <= t) {
				return false
			}
			s.queue = append(s.queue, i)
		}
	}
	slices.SortFunc(s.queue, func(a, b int32) int { return cmp.Compare(s.lastsp[a], s.lastsp[b]) })
	s.live = true
	return true
}

// refrTrust is a fused update's use of its group's set of refractory
// neurons, kept while it is right. A step that cannot trust it (the first
// of a run, or after the user set lastspike or not_refractory) does the
// full update, which computes not_refractory for every neuron, and sets
// the bits from it.
type refrTrust struct {
	set    *refrSet
	writes *uint64 // the group's refrWrites
	seen   uint64  // its value at the last step
	keep   bool    // this step leaves the bits right
	trust  bool    // this step uses the set
}

// decide sets trust and keep for the step at time t (lim as in
// refractoryRange), ending the periods that end then when it trusts the
// set; can is whether this step's update would keep it.
func (r *refrTrust) decide(can bool, t, lim float64) {
	keep := can && r.set != nil && !noKnownRefractory
	r.trust = keep && r.keep && *r.writes == r.seen && (r.set.live || r.set.order(t))
	if r.trust {
		r.set.endPeriods(t, lim)
	} else if r.set != nil {
		r.set.live = false
	}
	r.keep = keep
	if r.writes != nil {
		r.seen = *r.writes
	}
}
