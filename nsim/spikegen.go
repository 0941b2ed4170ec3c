package nsim

import (
	"fmt"
	"math"
	"sort"
)

// SpikeGeneratorGroup emits spikes at given times: neuron indices[k]
// spikes at times[k] (Brian2's SpikeGeneratorGroup). Times are binned to
// the step int((t + 0.001·dt)/dt) (SEMANTICS §5); the group emits in the
// thresholds slot.
type SpikeGeneratorGroup struct {
	groupCore
	indices []int
	times   []float64
	period  float64

	emittedUpTo int64 // first step not yet emitted (without period)

	// Prepared for a run: spikes sorted by bin, and a cursor.
	bins   []int64
	idx    []int32
	cursor int
	pbins  int64
}

// NewSpikeGeneratorGroup returns a group of n neurons that spike at the
// given times (a []units.Time, []units.Quantity or Values). Options:
// Period, Dt, Name, Order.
func NewSpikeGeneratorGroup(n int, indices []int, times any, opts ...Option) (*SpikeGeneratorGroup, error) {
	const fn = "NewSpikeGeneratorGroup"
	c, err := applyOptions(fn, []string{"Period", "Dt", "Name", "Order"}, opts)
	if err != nil {
		return nil, err
	}
	if n < 1 {
		return nil, &ArgError{fn, "N", fmt.Sprintf("need at least one neuron, got %d", n)}
	}
	ts, err := timesArg(fn, "times", times)
	if err != nil {
		return nil, err
	}
	g := &SpikeGeneratorGroup{period: c.period}
	if err := g.setSpikes(fn, n, indices, ts); err != nil {
		return nil, err
	}
	g.n = n
	g.dt = c.dt
	g.owner = g
	g.order = c.order
	if err := register(g, "spikegeneratorgroup", c.name); err != nil {
		return nil, err
	}
	return g, nil
}

// SetSpikes replaces the spike pattern (Brian2's set_spikes), e.g.
// between runs. Spikes already in the past when the next run starts are
// dropped with a warning.
func (g *SpikeGeneratorGroup) SetSpikes(indices []int, times any) error {
	ts, err := timesArg("SetSpikes", "times", times)
	if err != nil {
		return err
	}
	if err := g.setSpikes("SetSpikes", g.n, indices, ts); err != nil {
		return err
	}
	g.emittedUpTo = 0 // none of the new pattern has been emitted
	return nil
}

func (g *SpikeGeneratorGroup) setSpikes(fn string, n int, indices []int, ts []float64) error {
	if len(ts) != len(indices) {
		return &ArgError{fn, "times", fmt.Sprintf("%d times for %d indices", len(ts), len(indices))}
	}
	for k, i := range indices {
		if i < 0 || i >= n {
			return &ArgError{fn, "indices", fmt.Sprintf("index %d (element %d) is outside 0…%d", i, k, n-1)}
		}
		if !(ts[k] >= 0) || math.IsInf(ts[k], 1) {
			return &ArgError{fn, "times", fmt.Sprintf("time %s (element %d) is not a finite, non-negative time", formatSeconds(ts[k]), k)}
		}
		if g.period > 0 && ts[k] >= g.period {
			return &ArgError{fn, "times", fmt.Sprintf("time %s (element %d) is not smaller than the period %s", formatSeconds(ts[k]), k, formatSeconds(g.period))}
		}
	}
	g.indices, g.times = append([]int(nil), indices...), ts
	return nil
}

func (g *SpikeGeneratorGroup) ref() groupRef { return groupRef{&g.groupCore, 0, g.n} }

func (g *SpikeGeneratorGroup) prepare(p *runPlan) ([]*op, error) {
	dt := g.clockDt()
	type spike struct {
		bin int64
		i   int32
	}
	sp := make([]spike, len(g.times))
	for k, t := range g.times {
		sp[k] = spike{timestep(t, dt), int32(g.indices[k])}
	}
	sort.Slice(sp, func(a, b int) bool {
		if sp[a].bin != sp[b].bin {
			return sp[a].bin < sp[b].bin
		}
		return sp[a].i < sp[b].i
	})
	for k := 1; k < len(sp); k++ {
		if sp[k] == sp[k-1] {
			return nil, &ObjectError{g.name, "times", fmt.Errorf("using a dt of %s, neuron %d spikes more than once during time step %d (t = %s)", formatSeconds(dt), sp[k].i, sp[k].bin, formatSeconds(float64(sp[k].bin)*dt))}
		}
	}
	g.bins = g.bins[:0]
	g.idx = g.idx[:0]
	for _, s := range sp {
		g.bins = append(g.bins, s.bin)
		g.idx = append(g.idx, s.i)
	}
	g.pbins = 0
	if g.period > 0 {
		g.pbins = roundHalfEven(g.period / dt)
		if g.pbins < 1 {
			return nil, &ObjectError{g.name, "period", fmt.Errorf("period %s is shorter than dt %s", formatSeconds(g.period), formatSeconds(dt))}
		}
	}
	k0 := calcStep(p.t0, dt)
	local := k0
	if g.pbins > 0 {
		local = k0 % g.pbins
	}
	g.cursor = sort.Search(len(g.bins), func(k int) bool { return g.bins[k] >= local })
	if g.pbins == 0 {
		// Spikes before the start of this run that were never emitted
		// are dropped with a warning, as in Brian2.
		past := 0
		for _, b := range g.bins[:g.cursor] {
			if b >= g.emittedUpTo {
				past++
			}
		}
		if past > 0 {
			logf("WARNING", "%s: %d spike(s) lie before the start of the run at t = %s and are ignored", g.name, past, formatSeconds(p.t0))
		}
	}
	return []*op{{name: g.name, when: whenThresholds, order: g.order, dt: dt, run: g.emit}}, nil
}

func (g *SpikeGeneratorGroup) emit(k int64, t float64) {
	g.spikes = g.spikes[:0]
	local := k
	if g.pbins > 0 {
		local = k % g.pbins
		if local == 0 {
			g.cursor = 0
		}
	}
	for g.cursor < len(g.bins) && g.bins[g.cursor] == local {
		g.spikes = append(g.spikes, g.idx[g.cursor])
		g.cursor++
	}
	if g.pbins == 0 {
		g.emittedUpTo = k + 1
	}
}
