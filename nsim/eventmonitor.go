package nsim

import (
	"fmt"
	"slices"
	"strings"

	"gonsim/nsim/units"
)

// EventMonitor records the events of a group (Brian2's EventMonitor):
// for each event the neuron index, the time and the values of the chosen
// variables at that moment, and a count per neuron. It runs right after
// the event's thresholder (order + 1 in its slot), so for spikes the
// values are those after the state update and before the reset. A
// SpikeMonitor is an EventMonitor of the event "spike".
type EventMonitor struct {
	objBase
	kind  string // "EventMonitor" or "SpikeMonitor"
	src   groupRef
	event string
	list  *[]int32 // the source's events of the current step
	when  slot
	vars  []string
	dims  []units.Dim
	reads []varReader
	// rec says which neurons (of src) have their events recorded; nil
	// records all. count counts every event whatever rec says.
	rec []bool

	// Recordings: the monitor's state across runs.
	i     []int32
	t     []float64
	vals  [][]float64 // per variable, one value per recorded event
	count []int

	buf []int32

	// The events counted against the memory budget, and the run to stop
	// when more are refused (budget_more.go).
	claimed int
	plan    *runPlan
}

// Variables names the group variables a SpikeMonitor or EventMonitor
// records at each event, e.g. Variables("v") (Brian2's variables=).
func Variables(names ...string) Option {
	return Option{"Variables", func(c *config) error {
		if len(names) == 0 {
			return fmt.Errorf("no variable names")
		}
		c.variables = append([]string(nil), names...)
		return nil
	}}
}

// NewEventMonitor records the event (a custom event of g's Events option,
// or "spike") of g. Options: Variables (recorded at each event), Record
// (the neurons whose events are recorded, by default all; Record() with
// no index records only the counts, Brian2's record=False), Name, Order
// (default: the group's order + 1).
func NewEventMonitor(g Group, event string, opts ...Option) (*EventMonitor, error) {
	m := &EventMonitor{}
	if err := m.init("NewEventMonitor", "EventMonitor", "eventmonitor", g, event, opts); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *EventMonitor) init(fn, kind, basename string, g Group, event string, opts []Option) error {
	c, err := applyOptions(fn, []string{"Variables", "Record", "Name", "Order"}, opts)
	if err != nil {
		return err
	}
	if g == nil {
		return &ArgError{fn, "group", "nil group"}
	}
	r := g.ref()
	list, when, order, err := eventSource(r, event)
	if err != nil {
		return &ArgError{fn, "event", err.Error()}
	}
	m.kind, m.src, m.event, m.list, m.when = kind, r, event, list, when
	m.count = make([]int, r.size())
	if err := m.initVars(fn, g, c.variables); err != nil {
		return err
	}
	if c.given["Record"] && !c.recordAll {
		m.rec = make([]bool, r.size())
		for _, i := range c.record {
			if i < 0 || i >= r.size() {
				return &ArgError{fn, "Record", fmt.Sprintf("neuron %d is outside 0…%d of %s", i, r.size()-1, g.Name())}
			}
			m.rec[i] = true
		}
	}
	m.vals = make([][]float64, len(m.vars))
	m.dt = r.g.dt
	m.order = order + 1
	if c.given["Order"] {
		m.order = c.order
	}
	m.deps = []member{r.g.owner}
	return register(m, basename, c.name)
}

// initVars checks the variables to record.
func (m *EventMonitor) initVars(fn string, g Group, vars []string) error {
	if len(vars) == 0 {
		return nil
	}
	rd, ok := m.src.g.owner.(readable)
	if !ok {
		return &ArgError{fn, "Variables", fmt.Sprintf("%s has no variables to record", g.Name())}
	}
	for _, v := range vars {
		if slices.Contains(m.vars, v) {
			return &ArgError{fn, "Variables", fmt.Sprintf("%s is listed twice", v)}
		}
		_, d, err := rd.reader(v, m.src.lo)
		if err != nil {
			return &ArgError{fn, "Variables", err.Error()}
		}
		m.vars, m.dims = append(m.vars, v), append(m.dims, d)
	}
	return nil
}

func (m *EventMonitor) prepare(p *runPlan) ([]*op, error) {
	m.reads = m.reads[:0]
	for _, v := range m.vars {
		r, _, err := m.src.g.owner.(readable).reader(v, m.src.lo)
		if err != nil {
			return nil, &ObjectError{m.name, "variables", err}
		}
		m.reads = append(m.reads, r)
	}
	m.plan = p
	return []*op{{name: m.name, when: m.when, order: m.order, dt: m.clockDt(), run: m.record}}, nil
}

func (m *EventMonitor) record(k int64, t float64) {
	list := *m.list
	if len(list) == 0 {
		return
	}
	m.buf = eventsIn(m.src, list, m.buf[:0])
	for _, i := range m.buf {
		m.count[i]++
	}
	if m.rec != nil {
		kept := m.buf[:0]
		for _, i := range m.buf {
			if m.rec[i] {
				kept = append(kept, i)
			}
		}
		m.buf = kept
	}
	n := len(m.buf)
	if n == 0 || !m.claimEvents(n) {
		return
	}
	m.i, m.t = growDouble(m.i, n), growDouble(m.t, n)
	for _, i := range m.buf {
		m.i = append(m.i, i)
		m.t = append(m.t, t)
	}
	for v, r := range m.reads {
		d := growDouble(m.vals[v], n)
		l := len(d)
		d = d[:l+n]
		r(d[l:], m.buf)
		m.vals[v] = d
	}
}

// growDouble returns s with room for n more elements, at least doubling
// its capacity when it grows: append's 1.25× for large slices made a
// monitor of 1.5M spikes allocate, zero and copy five times its final
// size (0.4 s of a 2.3 s run of CUBA at 256k neurons).
func growDouble[T any](s []T, n int) []T {
	if cap(s)-len(s) >= n {
		return s
	}
	return slices.Grow(s, max(n, len(s)))
}

// eventsIn appends the events of list (absolute indices, ascending) that
// fall in r to dst, relative to r.lo.
func eventsIn(r groupRef, list, dst []int32) []int32 {
	if r.lo == 0 && r.hi == r.g.n {
		return append(dst, list...)
	}
	for _, i := range list {
		if int(i) >= r.lo && int(i) < r.hi {
			dst = append(dst, i-int32(r.lo))
		}
	}
	return dst
}

// Event returns the name of the recorded event.
func (m *EventMonitor) Event() string { return m.event }

// Variables returns the names of the variables recorded at each event.
func (m *EventMonitor) Variables() []string { return append([]string(nil), m.vars...) }

// T returns the event times, in order of occurrence (neurons in index
// order within a step).
func (m *EventMonitor) T() Values {
	return newValues("t", append([]float64(nil), m.t...), timeDim)
}

// I returns the index of the neuron of each event.
func (m *EventMonitor) I() []int { return ints(m.i) }

// Count returns the number of events of each neuron (all neurons, also
// those not chosen with Record).
func (m *EventMonitor) Count() []int { return append([]int(nil), m.count...) }

// NumEvents returns the number of events recorded (Brian2's num_events).
func (m *EventMonitor) NumEvents() int { return len(m.i) }

// Train returns the event times of neuron i.
func (m *EventMonitor) Train(i int) Values {
	var out []float64
	for k, n := range m.i {
		if int(n) == i {
			out = append(out, m.t[k])
		}
	}
	return newValues(fmt.Sprintf("%s of neuron %d", m.what(), i), out, timeDim)
}

// Trains returns the event times of every neuron (Brian2's spike_trains()
// and event_trains()).
func (m *EventMonitor) Trains() []Values {
	out := make([][]float64, m.src.size())
	for k, n := range m.i {
		out[n] = append(out[n], m.t[k])
	}
	vs := make([]Values, len(out))
	for i, v := range out {
		vs[i] = newValues(fmt.Sprintf("%s of neuron %d", m.what(), i), v, timeDim)
	}
	return vs
}

func (m *EventMonitor) what() string {
	if m.event == "spike" {
		return "spikes"
	}
	return m.event + " events"
}

// variable returns the position of a recorded variable, or an error
// naming what is recorded.
func (m *EventMonitor) variable(fn, name string) (int, error) {
	if k := slices.Index(m.vars, name); k >= 0 {
		return k, nil
	}
	rec := "no variables (give them with the Variables option)"
	if len(m.vars) > 0 {
		rec = strings.Join(m.vars, ", ")
	}
	return -1, &ArgError{m.kind + "." + fn, "name", fmt.Sprintf("%s does not record %q (it records %s)", m.name, name, rec)}
}

// Values returns the values of a recorded variable at every event, in the
// order of T and I (Brian2's monitor.v).
func (m *EventMonitor) Values(name string) Values {
	k, err := m.variable("Values", name)
	if err != nil {
		return failedValues(err)
	}
	return newValues(name, append([]float64(nil), m.vals[k]...), m.dims[k])
}

// Of returns the values of a recorded variable at the events of neuron i,
// in time order.
func (m *EventMonitor) Of(name string, i int) Values {
	k, err := m.variable("Of", name)
	if err != nil {
		return failedValues(err)
	}
	var out []float64
	for e, n := range m.i {
		if int(n) == i {
			out = append(out, m.vals[k][e])
		}
	}
	return newValues(fmt.Sprintf("%s[%d]", name, i), out, m.dims[k])
}

// All returns, for every neuron, the values of a recorded variable at its
// events (Brian2's monitor.values(name)).
func (m *EventMonitor) All(name string) []Values {
	k, err := m.variable("All", name)
	if err != nil {
		return []Values{failedValues(err)}
	}
	out := make([][]float64, m.src.size())
	for e, n := range m.i {
		out[n] = append(out[n], m.vals[k][e])
	}
	vs := make([]Values, len(out))
	for i, v := range out {
		vs[i] = newValues(fmt.Sprintf("%s[%d]", name, i), v, m.dims[k])
	}
	return vs
}

// String summarises the monitor, e.g.
// "EventMonitor 'eventmonitor' of 'neurongroup' for event 'custom' with 3 event(s)".
func (m *EventMonitor) String() string {
	return fmt.Sprintf("EventMonitor '%s' of '%s' for event '%s' with %s", m.name, refName(m.src), m.event, plural(len(m.i), "event"))
}
