package nsim

import (
	"fmt"
	"math"
	"strings"

	"gonsim/nsim/units"
)

// varReader copies the current values of a group variable for the
// neurons idx (relative to the group) into dst.
type varReader func(dst []float64, idx []int32)

// readable is a group whose variables a StateMonitor can record.
type readable interface {
	reader(name string, lo int) (varReader, units.Dim, error)
}

// timed is a group whose t a monitor sets before reading: a subexpression
// of t (a TimedArray's stimulus(t)) recorded in the start slot must see the
// current step, not the one of the group's last update.
type timed interface{ setT(t float64) }

func (g *NeuronGroup) setT(t float64) { g.tNow = t }
func (s *Synapses) setT(t float64)    { s.tNow = t }

// Recordable is what a StateMonitor records: a group (*NeuronGroup,
// *SpikeGeneratorGroup, *PoissonGroup, *Subgroup) or *Synapses.
type Recordable interface {
	Object
	N() int
	recSource() recSource
}

// recSource is where a StateMonitor reads: the object holding the
// variables, the offset of the recorded range in it and how its elements
// are called in messages.
type recSource struct {
	owner member // a readable
	lo    int
	name  string  // the owner's name
	elem  string  // "neuron" or "synapse"
	dt    float64 // the source's clock (0: default)
}

func (c *groupCore) recSource() recSource { return recSource{c.owner, 0, c.name, "neuron", c.dt} }

func (s *Subgroup) recSource() recSource {
	return recSource{s.g, s.lo, s.g.name, "neuron", s.g.dt}
}

// StateMonitor records variables of a group or of synapses at the start
// of every step (before the update), so its times are 0, dt, …, T−dt
// (SEMANTICS §8). On synapses it records the stored values: an
// (event-driven) variable changes only at events.
type StateMonitor struct {
	objBase
	src    Recordable
	rs     recSource
	vars   []string
	dims   []units.Dim
	rec    []int32     // recorded elements, relative to src
	all    bool        // RecordAll: every element, counted again before the first run
	data   [][]float64 // per variable: step-major, len(rec) per step
	t      []float64
	reads  []varReader
	nsteps int
}

// NewStateMonitor records the variables vars of src (a group or
// *Synapses): all elements by default (RecordAll), or Record(indices...)
// (neuron indices, or synapse indices such as those of S.Indices(i, j)).
// Options: Record, RecordAll, Dt, Name, Order.
func NewStateMonitor(src Recordable, vars []string, opts ...Option) (*StateMonitor, error) {
	const fn = "NewStateMonitor"
	c, err := applyOptions(fn, []string{"Record", "Dt", "Name", "Order"}, opts)
	if err != nil {
		return nil, err
	}
	if src == nil {
		return nil, &ArgError{fn, "group", "nil group"}
	}
	if len(vars) == 0 {
		return nil, &ArgError{fn, "vars", "no variables to record"}
	}
	rs := src.recSource()
	rd, ok := rs.owner.(readable)
	if !ok {
		return nil, &ArgError{fn, "group", fmt.Sprintf("%s has no variables to record", src.Name())}
	}
	m := &StateMonitor{src: src, rs: rs, vars: append([]string(nil), vars...)}
	for _, v := range vars {
		_, d, err := rd.reader(v, rs.lo)
		if err != nil {
			return nil, &ArgError{fn, "vars", err.Error()}
		}
		m.dims = append(m.dims, d)
	}
	if c.record != nil && !c.recordAll {
		for _, i := range c.record {
			if i < 0 || i >= src.N() {
				return nil, &ArgError{fn, "Record", fmt.Sprintf("%s %d is outside 0…%d of %s", rs.elem, i, src.N()-1, src.Name())}
			}
			m.rec = append(m.rec, int32(i))
		}
	} else {
		m.all = true
		m.recordAllOf(src.N())
	}
	m.data = make([][]float64, len(vars))
	m.dt = c.dt
	if m.dt == 0 {
		m.dt = rs.dt
	}
	m.order = c.order
	m.deps = []member{rs.owner}
	if err := register(m, "statemonitor", c.name); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *StateMonitor) recordAllOf(n int) {
	m.rec = m.rec[:0]
	for i := 0; i < n; i++ {
		m.rec = append(m.rec, int32(i))
	}
}

func (m *StateMonitor) prepare(p *runPlan) ([]*op, error) {
	if m.all && len(m.t) == 0 {
		// Synapses may have been connected after the monitor was made.
		m.recordAllOf(m.src.N())
	}
	rd := m.rs.owner.(readable)
	m.reads = m.reads[:0]
	for _, v := range m.vars {
		r, _, err := rd.reader(v, m.rs.lo)
		if err != nil {
			return nil, &ObjectError{m.name, "variables", err}
		}
		m.reads = append(m.reads, r)
	}
	dt := m.clockDt()
	n := p.nsteps(dt)
	per := int64(len(m.vars)*len(m.rec) + 1)
	need := (int64(len(m.t)) + n) * per * 8
	detail := fmt.Sprintf("%d variable(s) × %d %s(s) × %d steps", len(m.vars), len(m.rec), m.rs.elem, int64(len(m.t))+n)
	p.claim(m.name, need, n*per*8, detail, func() {
		total := len(m.t) + int(n)
		m.t = grow(m.t, total)
		for k := range m.data {
			m.data[k] = grow(m.data[k], total*len(m.rec))
		}
	})
	return []*op{{name: m.name, when: whenStart, order: m.order, dt: dt, run: m.record}}, nil
}

func grow(s []float64, capacity int) []float64 {
	if cap(s) >= capacity {
		return s
	}
	out := make([]float64, len(s), capacity)
	copy(out, s)
	return out
}

func (m *StateMonitor) record(k int64, t float64) {
	if g, ok := m.rs.owner.(timed); ok {
		g.setT(t)
	}
	m.t = append(m.t, t)
	n := len(m.rec)
	for v, r := range m.reads {
		d := m.data[v]
		l := len(d)
		d = d[:l+n]
		r(d[l:], m.rec)
		m.data[v] = d
	}
}

// T returns the recorded times.
func (m *StateMonitor) T() Values {
	return newValues("t", append([]float64(nil), m.t...), timeDim)
}

// Of returns the trace of variable name for neuron i (an index of the
// monitored group), or synapse i of monitored synapses. When the variable
// or element is not recorded the result is empty and its Err says why.
func (m *StateMonitor) Of(name string, i int) Values {
	vi := -1
	for k, v := range m.vars {
		if v == name {
			vi = k
		}
	}
	if vi < 0 {
		return failedValues(&ArgError{"StateMonitor.Of", "name", fmt.Sprintf("%s does not record %q (it records %s)", m.name, name, strings.Join(m.vars, ", "))})
	}
	pos := -1
	for k, r := range m.rec {
		if int(r) == i {
			pos = k
			break
		}
	}
	if pos < 0 {
		return failedValues(&ArgError{"StateMonitor.Of", "i", fmt.Sprintf("%s does not record %s %d", m.name, m.rs.elem, i)})
	}
	n := len(m.rec)
	steps := len(m.t)
	out := make([]float64, steps)
	d := m.data[vi]
	for s := 0; s < steps; s++ {
		out[s] = d[s*n+pos]
	}
	return newValues(fmt.Sprintf("%s[%d]", name, i), out, m.dims[vi])
}

// All returns the traces of variable name for every recorded neuron (or
// synapse), in the order of Recorded().
func (m *StateMonitor) All(name string) []Values {
	out := make([]Values, len(m.rec))
	for k, r := range m.rec {
		out[k] = m.Of(name, int(r))
	}
	return out
}

// Recorded returns the indices of the recorded neurons (or synapses).
func (m *StateMonitor) Recorded() []int {
	out := make([]int, len(m.rec))
	for k, r := range m.rec {
		out[k] = int(r)
	}
	return out
}

// Len returns the number of recorded steps.
func (m *StateMonitor) Len() int { return len(m.t) }

// SpikeMonitor records the spikes of a group: neuron index and time, and
// optionally variables at each spike (after the state update, before the
// reset), in the thresholds slot right after the group's thresholder. It
// is the EventMonitor of the event "spike".
type SpikeMonitor struct{ EventMonitor }

// NewSpikeMonitor records the spikes of g (Brian2's SpikeMonitor(G,
// variables=…, record=…)). Options: Variables (recorded at each spike),
// Record (the neurons whose spikes are recorded, by default all; Record()
// with no index keeps only the counts, Brian2's record=False), Name,
// Order (default: the group's order + 1, after its thresholder).
func NewSpikeMonitor(g Group, opts ...Option) (*SpikeMonitor, error) {
	m := &SpikeMonitor{}
	if err := m.init("NewSpikeMonitor", "SpikeMonitor", "spikemonitor", g, "spike", opts); err != nil {
		return nil, err
	}
	return m, nil
}

// NumSpikes returns the total number of spikes recorded.
func (m *SpikeMonitor) NumSpikes() int { return len(m.i) }

// PopulationRateMonitor records the population rate of a group in every
// step: spikes / (N·dt), in the end slot.
type PopulationRateMonitor struct {
	objBase
	src  groupRef
	t    []float64
	rate []float64
	buf  []int32
}

// NewPopulationRateMonitor records the rate of g. Options: Name, Order.
func NewPopulationRateMonitor(g Group, opts ...Option) (*PopulationRateMonitor, error) {
	const fn = "NewPopulationRateMonitor"
	c, err := applyOptions(fn, []string{"Name", "Order"}, opts)
	if err != nil {
		return nil, err
	}
	if g == nil {
		return nil, &ArgError{fn, "group", "nil group"}
	}
	r := g.ref()
	m := &PopulationRateMonitor{src: r}
	m.dt = r.g.dt
	m.order = c.order
	m.deps = []member{r.g.owner}
	if err := register(m, "ratemonitor", c.name); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *PopulationRateMonitor) prepare(p *runPlan) ([]*op, error) {
	dt := m.clockDt()
	n := p.nsteps(dt)
	total := int64(len(m.t)) + n
	p.claim(m.name, total*16, n*16, fmt.Sprintf("the rate over %d steps", total), func() {
		m.t = grow(m.t, int(total))
		m.rate = grow(m.rate, int(total))
	})
	return []*op{{name: m.name, when: whenEnd, order: m.order, dt: dt, run: m.record}}, nil
}

func (m *PopulationRateMonitor) record(k int64, t float64) {
	n := len(m.src.g.spikes)
	if n > 0 && (m.src.lo != 0 || m.src.hi != m.src.g.n) {
		m.buf = m.src.spikesIn(m.buf[:0])
		n = len(m.buf)
	}
	dt := m.clockDt()
	m.t = append(m.t, t)
	m.rate = append(m.rate, float64(n)/(float64(m.src.size())*dt))
}

// T returns the recorded times.
func (m *PopulationRateMonitor) T() Values {
	return newValues("t", append([]float64(nil), m.t...), timeDim)
}

// Rate returns the population rate in each step (in Hz).
func (m *PopulationRateMonitor) Rate() Values {
	return newValues("rate", append([]float64(nil), m.rate...), freqDim)
}

// SmoothRate returns the rate smoothed with a window of the given width,
// as Brian2's smooth_rate: window "flat" (an odd number of steps, about
// width long) or "gaussian" (standard deviation width, cut at ±2 width),
// normalised to sum 1 and centred on each step (numpy's convolve "same").
func (m *PopulationRateMonitor) SmoothRate(window string, width any) Values {
	w, err := secondsArg("SmoothRate", "width", width)
	if err != nil {
		return failedValues(err)
	}
	dt := m.clockDt()
	if !(w > 0) {
		return failedValues(&ArgError{"SmoothRate", "width", "the width must be positive"})
	}
	var kern []float64
	switch window {
	case "flat":
		n := int(w/2/dt)*2 + 1
		kern = make([]float64, n)
		for k := range kern {
			kern[k] = 1
		}
	case "gaussian":
		h := int(math.Round(2 * w / dt))
		s := w / dt
		for k := -h; k <= h; k++ {
			kern = append(kern, math.Exp(-float64(k*k)/(2*s*s)))
		}
	default:
		return failedValues(&ArgError{"SmoothRate", "window", fmt.Sprintf("unknown window %q (want \"flat\" or \"gaussian\")", window)})
	}
	var sum float64
	for _, x := range kern {
		sum += x
	}
	h := (len(kern) - 1) / 2
	out := make([]float64, len(m.rate))
	for k := range out {
		var acc float64
		for j, x := range kern {
			if i := k + j - h; i >= 0 && i < len(m.rate) {
				acc += m.rate[i] * x
			}
		}
		out[k] = acc / sum
	}
	return newValues("smoothed rate", out, freqDim)
}
