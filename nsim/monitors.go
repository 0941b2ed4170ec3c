package nsim

import (
	"fmt"
	"html"
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

// StateMonitor records variables of a group at the start of every step
// (before the update), so its times are 0, dt, …, T−dt (SEMANTICS §8).
type StateMonitor struct {
	objBase
	src    groupRef
	vars   []string
	dims   []units.Dim
	rec    []int32     // recorded neurons, relative to src
	data   [][]float64 // per variable: step-major, len(rec) per step
	t      []float64
	reads  []varReader
	nsteps int
}

// NewStateMonitor records the variables vars of g: all neurons by default
// (RecordAll), or Record(indices...). Options: Record, RecordAll, Dt,
// Name, Order.
func NewStateMonitor(g Group, vars []string, opts ...Option) (*StateMonitor, error) {
	const fn = "NewStateMonitor"
	c, err := applyOptions(fn, []string{"Record", "Dt", "Name", "Order"}, opts)
	if err != nil {
		return nil, err
	}
	if g == nil {
		return nil, &ArgError{fn, "group", "nil group"}
	}
	if len(vars) == 0 {
		return nil, &ArgError{fn, "vars", "no variables to record"}
	}
	r := g.ref()
	rd, ok := r.g.owner.(readable)
	if !ok {
		return nil, &ArgError{fn, "group", fmt.Sprintf("%s has no variables to record", g.Name())}
	}
	m := &StateMonitor{src: r, vars: append([]string(nil), vars...)}
	for _, v := range vars {
		rdr, d, err := rd.reader(v, r.lo)
		if err != nil {
			return nil, &ArgError{fn, "vars", err.Error()}
		}
		_ = rdr
		m.dims = append(m.dims, d)
	}
	if c.record != nil && !c.recordAll {
		for _, i := range c.record {
			if i < 0 || i >= r.size() {
				return nil, &ArgError{fn, "Record", fmt.Sprintf("neuron %d is outside 0…%d of %s", i, r.size()-1, g.Name())}
			}
			m.rec = append(m.rec, int32(i))
		}
	} else {
		for i := 0; i < r.size(); i++ {
			m.rec = append(m.rec, int32(i))
		}
	}
	m.data = make([][]float64, len(vars))
	m.dt = c.dt
	if m.dt == 0 {
		m.dt = r.g.dt
	}
	m.order = c.order
	m.deps = []member{r.g.owner}
	if err := register(m, "statemonitor", c.name); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *StateMonitor) prepare(p *runPlan) ([]*op, error) {
	rd := m.src.g.owner.(readable)
	m.reads = m.reads[:0]
	for _, v := range m.vars {
		r, _, err := rd.reader(v, m.src.lo)
		if err != nil {
			return nil, &ObjectError{m.name, "variables", err}
		}
		m.reads = append(m.reads, r)
	}
	dt := m.clockDt()
	n := p.nsteps(dt)
	per := int64(len(m.vars)*len(m.rec) + 1)
	need := (int64(len(m.t)) + n) * per * 8
	detail := fmt.Sprintf("%d variable(s) × %d neuron(s) × %d steps", len(m.vars), len(m.rec), int64(len(m.t))+n)
	p.claim(m.name, need, detail, func() {
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
	if g, ok := m.src.g.owner.(timed); ok {
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
	return Values{name: "t", v: append([]float64(nil), m.t...), dim: timeDim}
}

// Of returns the trace of variable name for neuron i (an index of the
// monitored group). When the variable or neuron is not recorded the result
// is empty and its Err says why.
func (m *StateMonitor) Of(name string, i int) Values {
	vi := -1
	for k, v := range m.vars {
		if v == name {
			vi = k
		}
	}
	if vi < 0 {
		return Values{err: &ArgError{"StateMonitor.Of", "name", fmt.Sprintf("%s does not record %q (it records %s)", m.name, name, strings.Join(m.vars, ", "))}}
	}
	pos := -1
	for k, r := range m.rec {
		if int(r) == i {
			pos = k
			break
		}
	}
	if pos < 0 {
		return Values{err: &ArgError{"StateMonitor.Of", "i", fmt.Sprintf("%s does not record neuron %d", m.name, i)}}
	}
	n := len(m.rec)
	steps := len(m.t)
	out := make([]float64, steps)
	d := m.data[vi]
	for s := 0; s < steps; s++ {
		out[s] = d[s*n+pos]
	}
	return Values{name: fmt.Sprintf("%s[%d]", name, i), v: out, dim: m.dims[vi]}
}

// All returns the traces of variable name for every recorded neuron, in
// the order of Recorded().
func (m *StateMonitor) All(name string) []Values {
	out := make([]Values, len(m.rec))
	for k, r := range m.rec {
		out[k] = m.Of(name, int(r))
	}
	return out
}

// Recorded returns the indices of the recorded neurons.
func (m *StateMonitor) Recorded() []int {
	out := make([]int, len(m.rec))
	for k, r := range m.rec {
		out[k] = int(r)
	}
	return out
}

// Len returns the number of recorded steps.
func (m *StateMonitor) Len() int { return len(m.t) }

// MIMEBundle shows the monitor in a notebook.
func (m *StateMonitor) MIMEBundle() map[string]any {
	s := fmt.Sprintf("StateMonitor %q of %s: %s for %d neuron(s), %d steps recorded", m.name, m.src.g.name, strings.Join(m.vars, ", "), len(m.rec), len(m.t))
	return bundle(s, "StateMonitor", m.name, [][2]string{
		{"source", m.src.g.name}, {"variables", strings.Join(m.vars, ", ")},
		{"neurons recorded", fmt.Sprint(len(m.rec))}, {"steps recorded", fmt.Sprint(len(m.t))},
	})
}

// bundle builds the MIME bundle of an object: a small HTML table and a
// text/plain line.
func bundle(text, kind, name string, rows [][2]string) map[string]any {
	var b strings.Builder
	fmt.Fprintf(&b, "<div><b>%s</b> <code>%s</code><table>", html.EscapeString(kind), html.EscapeString(name))
	for _, r := range rows {
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td></tr>", html.EscapeString(r[0]), html.EscapeString(r[1]))
	}
	b.WriteString("</table></div>")
	return map[string]any{"text/plain": text, "text/html": b.String()}
}

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
	p.claim(m.name, total*16, fmt.Sprintf("the rate over %d steps", total), func() {
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
	return Values{name: "t", v: append([]float64(nil), m.t...), dim: timeDim}
}

// Rate returns the population rate in each step (in Hz).
func (m *PopulationRateMonitor) Rate() Values {
	return Values{name: "rate", v: append([]float64(nil), m.rate...), dim: freqDim}
}

// MIMEBundle shows the monitor in a notebook.
func (m *PopulationRateMonitor) MIMEBundle() map[string]any {
	s := fmt.Sprintf("PopulationRateMonitor %q of %s: %d steps recorded", m.name, m.src.g.name, len(m.t))
	return bundle(s, "PopulationRateMonitor", m.name, [][2]string{{"source", m.src.g.name}, {"steps", fmt.Sprint(len(m.t))}})
}

// SmoothRate returns the rate smoothed with a window of the given width,
// as Brian2's smooth_rate: window "flat" (an odd number of steps, about
// width long) or "gaussian" (standard deviation width, cut at ±2 width),
// normalised to sum 1 and centred on each step (numpy's convolve "same").
func (m *PopulationRateMonitor) SmoothRate(window string, width any) Values {
	w, err := secondsArg("SmoothRate", "width", width)
	if err != nil {
		return Values{err: err}
	}
	dt := m.clockDt()
	if !(w > 0) {
		return Values{err: &ArgError{"SmoothRate", "width", "the width must be positive"}}
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
		return Values{err: &ArgError{"SmoothRate", "window", fmt.Sprintf("unknown window %q (want \"flat\" or \"gaussian\")", window)}}
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
	return Values{name: "smoothed rate", v: out, dim: freqDim}
}
