package nsim

import (
	"math"
	"math/bits"
	"slices"

	"gonsim/nsim/rng"
)

// geometricSpikes emits the spikes of a PoissonGroup with constant rates.
// Neuron i spikes in a step with probability p_i = rate_i·dt,
// independently of the other steps, so the number of steps from one of
// its spikes to the next is geometric: P(gap > m) = (1 − p_i)^m, drawn as
// 1 + floor(log(u)/log(1 − p_i)) with u uniform in (0, 1]. Each neuron's
// next spike step waits in a timing wheel, a ring of buckets indexed by
// step mod len(wheel): a step looks at one bucket, whose neurons are
// nearly all due (the ring spans about one mean gap), so it costs in
// proportion to its spikes.
type geometricSpikes struct {
	g *PoissonGroup
	// State across runs: the stream that draws the gaps and each
	// neuron's next spike step (never for rate 0).
	rs   *rng.Stream
	next []int64
	dt   float64 // the step next counts in
	// Derived from the rates and next at each run.
	lq      []float64 // log(1 − p_i); −Inf for p_i ≥ 1
	wheel   [][]int32
	scratch []int32
}

const never = math.MaxInt64

// prepare readies a run that starts at step k0: a neuron whose next spike
// is not drawn yet, or lies before k0 (the group was not simulated in
// between), draws it from k0 on; a pending one keeps it, so consecutive
// runs continue the same realisation.
func (s *geometricSpikes) prepare(g *PoissonGroup, k0 int64) {
	s.g = g
	if s.rs == nil {
		s.rs = rng.New(g.seed, 1<<43)
		s.next = make([]int64, g.n)
	}
	if s.dt != g.dN {
		// First run, or the default dt changed: pending steps are void.
		s.dt = g.dN
		for i := range s.next {
			s.next[i] = -1
		}
	}
	s.lq = s.lq[:0]
	var sum float64
	for i := range g.n {
		r := g.rate
		if g.perRate != nil {
			r = g.perRate[i]
		}
		p := r * g.dN
		sum += min(p, 1)
		s.lq = append(s.lq, math.Log1p(-min(p, 1)))
		switch {
		case p <= 0:
			s.next[i] = never
		case s.next[i] < k0 || s.next[i] == never:
			s.next[i] = k0 - 1 + s.gap(i)
		}
	}
	// About one mean gap per turn of the wheel, within [64, 16384].
	span := 64.0
	if sum > 0 {
		span = math.Min(math.Max(float64(g.n)/sum, 64), 1<<14)
	}
	size := 1 << bits.Len(uint(span-1))
	if len(s.wheel) != size {
		// Buckets cut from one slab, with room for a few times the mean
		// occupancy, so that steps hardly ever allocate.
		per := 2*(g.n/size) + 4
		slab := make([]int32, per*size)
		s.wheel = make([][]int32, size)
		for b := range s.wheel {
			s.wheel[b] = slab[b*per : b*per : (b+1)*per]
		}
	}
	for b := range s.wheel {
		s.wheel[b] = s.wheel[b][:0]
	}
	for i, k := range s.next {
		if k != never {
			b := k & int64(size-1)
			s.wheel[b] = append(s.wheel[b], int32(i))
		}
	}
}

// gap draws the number of steps to neuron i's next spike (≥ 1).
func (s *geometricSpikes) gap(i int) int64 {
	x := math.Log(1-s.rs.Float64()) / s.lq[i]
	if !(x < 1<<62) {
		return 1 << 62
	}
	return 1 + int64(x)
}

// emit is the thresholds-slot operation: the neurons due at step k spike
// (in increasing order, as a threshold would give them) and draw their
// next spike.
func (s *geometricSpikes) emit(k int64, t float64) {
	g := s.g
	g.spikes = g.spikes[:0]
	mask := int64(len(s.wheel) - 1)
	b := k & mask
	if len(s.wheel[b]) == 0 {
		return
	}
	s.scratch = append(s.scratch[:0], s.wheel[b]...)
	s.wheel[b] = s.wheel[b][:0]
	for _, i := range s.scratch {
		if s.next[i] == k {
			g.spikes = append(g.spikes, i)
		} else { // due in a later turn of the wheel
			s.wheel[b] = append(s.wheel[b], i)
		}
	}
	sortSmall(g.spikes)
	for _, i := range g.spikes {
		nk := k + s.gap(int(i))
		s.next[i] = nk
		s.wheel[nk&mask] = append(s.wheel[nk&mask], i)
	}
}

// sortSmall sorts a step's spikes: by insertion for the usual few, else
// with slices.Sort.
func sortSmall(x []int32) {
	if len(x) > 32 {
		slices.Sort(x)
		return
	}
	for a := 1; a < len(x); a++ {
		v := x[a]
		b := a
		for ; b > 0 && x[b-1] > v; b-- {
			x[b] = x[b-1]
		}
		x[b] = v
	}
}
