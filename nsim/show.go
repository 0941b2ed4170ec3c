package nsim

import (
	"fmt"
	"slices"
	"strings"

	"gonsim/nsim/units"
)

// What each object shows when a notebook cell ends with it (Brian2 shows
// a repr and, for a NeuronGroup, an HTML table of its equations). Every
// view starts with the object's String() and says what a user checks
// first: size, model with units, method, threshold/reset, clock, and for
// monitors what is recorded and how much. The text/plain and text/html
// forms come from one view (view.go).

// MIMEBundle shows the group: size, model equations with their units,
// threshold, reset, refractoriness, events, method and clock.
func (g *NeuronGroup) MIMEBundle() map[string]any {
	if g == nil {
		return nilBundle()
	}
	v := &view{kind: "NeuronGroup", name: g.name, title: g.String(), model: modelLines(g.spec.Model)}
	if g.spec.Threshold != "" {
		v.code("threshold", g.spec.Threshold)
	}
	if g.spec.Reset != "" {
		v.code("reset", g.spec.Reset)
	}
	switch r := g.spec.Refractory.(type) {
	case nil:
	case string:
		v.code("refractory", r)
	case units.Quantifier:
		v.row("refractory", r.Q().String())
	default:
		v.row("refractory", fmt.Sprint(r))
	}
	for _, r := range g.eventRows() {
		v.code(r[0], r[1])
	}
	v.row("method", methodText(g.method, g.chosen))
	v.row("clock", clockText(&g.objBase, ""))
	return v.bundle()
}

// methodText says which integration method was asked for and which the
// last run used.
func methodText(asked, used string) string {
	switch {
	case used != "" && asked == "":
		return used + " (chosen automatically)"
	case used != "":
		return used
	case asked != "":
		return asked
	}
	return "chosen at the first run"
}

// MIMEBundle shows the subgroup: its parent and the neurons it spans.
func (s *Subgroup) MIMEBundle() map[string]any {
	if s == nil {
		return nilBundle()
	}
	v := &view{kind: "Subgroup", name: s.Name(), title: s.String()}
	v.row("parent", s.g.String())
	v.row("neurons", fmt.Sprintf("%d … %d", s.lo, s.hi-1))
	return v.bundle()
}

// MIMEBundle shows the synapses: source and target, number of synapses,
// model equations, on_pre/on_post code, delays, method and clock.
func (s *Synapses) MIMEBundle() map[string]any {
	if s == nil {
		return nilBundle()
	}
	v := &view{kind: "Synapses", name: s.name, title: s.String(), model: modelLines(s.spec.Model)}
	v.row("source", refName(s.src))
	v.row("target", refName(s.tgt))
	if s.spec.OnPre != "" {
		v.code("on_pre", s.spec.OnPre)
	}
	if s.spec.OnPost != "" {
		v.code("on_post", s.spec.OnPost)
	}
	if d := s.delayText(); d != "" {
		v.row("delay", d)
	}
	for _, r := range s.flagRows() {
		v.row(r[0], r[1])
	}
	if len(s.model.States) > 0 {
		v.row("method", methodText(s.method, s.chosen))
	}
	v.row("clock", clockText(&s.objBase, ""))
	return v.bundle()
}

// delayText describes the synaptic delays: one value, the range, or the
// expression that sets them ("" when every delay is zero).
func (s *Synapses) delayText() string {
	if s.delayExpr != nil {
		return s.delayExpr.String() + " (per synapse)"
	}
	if len(s.delay) == 0 {
		if s.defDelay == 0 {
			return ""
		}
		return showTime(s.defDelay)
	}
	lo, hi := slices.Min(s.delay), slices.Max(s.delay)
	switch {
	case lo == hi && lo == 0:
		return ""
	case lo == hi:
		return showTime(lo)
	}
	return timeRange(lo, hi)
}

// MIMEBundle shows the monitor: source, variables with their units, the
// recorded neurons (or synapses) and the samples taken.
func (m *StateMonitor) MIMEBundle() map[string]any {
	if m == nil {
		return nilBundle()
	}
	v := &view{kind: "StateMonitor", name: m.name, title: m.String()}
	v.row("source", m.rs.name)
	vars := make([]string, len(m.vars))
	for k, x := range m.vars {
		vars[k] = x + " : " + m.dims[k].Unit()
	}
	v.row("variables", strings.Join(vars, ", "))
	if m.all {
		v.row("recorded", fmt.Sprintf("all %s", plural(len(m.rec), m.rs.elem)))
	} else {
		v.row("recorded", m.rs.elem+"s "+indexList(m.rec))
	}
	v.row("samples", timeSpan(m.t))
	v.row("clock", clockText(&m.objBase, whenStart.String()))
	return v.bundle()
}

// MIMEBundle shows the monitor: source, event, recorded neurons and
// variables, and the number of events with their time span.
func (m *EventMonitor) MIMEBundle() map[string]any {
	if m == nil {
		return nilBundle()
	}
	return m.view(m.String()).bundle()
}

// view is the view of an EventMonitor or SpikeMonitor, whose String
// differ.
func (m *EventMonitor) view(title string) *view {
	v := &view{kind: m.kind, name: m.name, title: title}
	v.row("source", refName(m.src))
	if m.kind != "SpikeMonitor" {
		v.row("event", m.event)
	}
	if m.rec != nil {
		var idx []int32
		for i, on := range m.rec {
			if on {
				idx = append(idx, int32(i))
			}
		}
		if len(idx) == 0 {
			v.row("recorded", "counts only")
		} else {
			v.row("recorded", "neurons "+indexList(idx))
		}
	}
	if len(m.vars) > 0 {
		vars := make([]string, len(m.vars))
		for k, x := range m.vars {
			vars[k] = x + " : " + m.dims[k].Unit()
		}
		v.row("variables", strings.Join(vars, ", "))
	}
	v.row(m.what(), timeSpan(m.t))
	v.row("clock", clockText(&m.objBase, m.when.String()))
	return v
}

// MIMEBundle shows the monitor; see (*EventMonitor).MIMEBundle.
func (m *SpikeMonitor) MIMEBundle() map[string]any {
	if m == nil {
		return nilBundle()
	}
	return m.view(m.String()).bundle()
}

// MIMEBundle shows the monitor: source and the steps recorded.
func (m *PopulationRateMonitor) MIMEBundle() map[string]any {
	if m == nil {
		return nilBundle()
	}
	v := &view{kind: "PopulationRateMonitor", name: m.name, title: m.String()}
	v.row("source", refName(m.src))
	v.row("samples", timeSpan(m.t))
	v.row("clock", clockText(&m.objBase, whenEnd.String()))
	return v.bundle()
}

// MIMEBundle shows the group: its rates and clock.
func (g *PoissonGroup) MIMEBundle() map[string]any {
	if g == nil {
		return nilBundle()
	}
	v := &view{kind: "PoissonGroup", name: g.name, title: g.String()}
	switch {
	case g.perRate != nil:
		v.row("rates", units.NewArray(g.perRate, freqDim).String())
	case g.text != "":
		v.code("rates", g.text)
	default:
		v.row("rates", units.Quantity{Value: g.rate, Dim: freqDim}.String())
	}
	v.row("clock", clockText(&g.objBase, ""))
	return v.bundle()
}

// MIMEBundle shows the group: its spikes, their time span and period.
func (g *SpikeGeneratorGroup) MIMEBundle() map[string]any {
	if g == nil {
		return nilBundle()
	}
	v := &view{kind: "SpikeGeneratorGroup", name: g.name, title: g.String()}
	if len(g.times) > 0 {
		v.row("spike times", timeRange(slices.Min(g.times), slices.Max(g.times)))
	}
	if g.period > 0 {
		v.row("period", showTime(g.period))
	}
	v.row("clock", clockText(&g.objBase, ""))
	return v.bundle()
}

// MIMEBundle shows the input: target variable, sources, rate and weight.
func (in *PoissonInput) MIMEBundle() map[string]any {
	if in == nil {
		return nilBundle()
	}
	v := &view{kind: "PoissonInput", name: in.name, title: in.String()}
	v.row("target", refName(in.tgt)+"."+in.varName)
	v.row("sources", fmt.Sprint(in.n))
	v.row("rate", units.Quantity{Value: in.rate, Dim: freqDim}.String())
	if in.wText != "" {
		v.code("weight", in.wText)
	} else {
		v.row("weight", units.Quantity{Value: in.weight, Dim: in.ng.vars[in.varName].dim}.String())
	}
	v.row("clock", clockText(&in.objBase, ""))
	return v.bundle()
}

// MIMEBundle shows the array: its values (as Brian2 prints an array, at
// most the first and last three of each row) and time step (in its String).
func (ta *TimedArray) MIMEBundle() map[string]any {
	if ta == nil {
		return nilBundle()
	}
	v := &view{kind: "TimedArray", name: ta.name, title: ta.String()}
	if ta.cols == 0 {
		v.row("values", units.NewArray(ta.values, ta.dim).String())
	} else {
		for _, r := range []int{0, ta.rows - 1} {
			row := ta.values[r*ta.cols : (r+1)*ta.cols]
			v.row(fmt.Sprintf("values[%d]", r), units.NewArray(row, ta.dim).String())
			if ta.rows == 1 {
				break
			}
		}
	}
	return v.bundle()
}

// MIMEBundle shows the operation: group, code and clock.
func (r *Regular) MIMEBundle() map[string]any {
	if r == nil {
		return nilBundle()
	}
	v := &view{kind: "run_regularly", name: r.name, title: r.String()}
	v.row("group", r.g.name)
	v.code("code", r.code)
	v.row("clock", clockText(&r.objBase, r.when.String()))
	return v.bundle()
}

// MIMEBundle shows the operation and its clock.
func (o *NetworkOp) MIMEBundle() map[string]any {
	if o == nil {
		return nilBundle()
	}
	v := &view{kind: "NetworkOperation", name: o.name, title: o.String()}
	v.row("clock", clockText(&o.objBase, o.when.String()))
	return v.bundle()
}

// nilBundle is what a nil object shows (a variable declared but never
// assigned): "<nil>", as fmt prints it, rather than a panic.
func nilBundle() map[string]any { return map[string]any{"text/plain": "<nil>"} }

// String names the option, e.g. "Threshold option": an option is only
// meaningful as an argument.
func (o Option) String() string { return o.name + " option" }
