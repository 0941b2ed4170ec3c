package nsim

import (
	"fmt"
	"sort"
	"strings"

	"gonsim/nsim/compile"
	"gonsim/nsim/expr"
)

// Custom events (Brian2's NeuronGroup(..., events={name: condition}) and
// G.run_on_event(name, code)). A condition is tested every step in the
// after_thresholds slot, after every threshold, so a neuron that spikes
// in a step can also have a custom event in it; code attached with
// RunOnEvent runs in the after_resets slot. Unlike the threshold, custom
// events ignore refractoriness, as in Brian2.

// Events defines a NeuronGroup's custom events: event name → condition,
// e.g. Events(map[string]string{"custom": "v > 0.5"}). Monitor them with
// NewEventMonitor(g, "custom") and attach code with RunOnEvent.
func Events(ev map[string]string) Option {
	return Option{"Events", func(c *config) error {
		for name := range ev {
			if !isIdentifier(name) {
				return fmt.Errorf("%q cannot be used as an event name (it must be an identifier)", name)
			}
			if name == "spike" {
				return fmt.Errorf(`the "spike" event is defined by the Threshold option`)
			}
		}
		c.events = ev
		return nil
	}}
}

func isIdentifier(s string) bool {
	for k, r := range s {
		letter := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (k == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return s != ""
}

// customEvent is one event of a group: its condition, the code run on
// it, and the neurons that had it in the current step.
type customEvent struct {
	name, cond string
	code       string // RunOnEvent statements; "" for none
	kern       *compile.Kernel
	prog       *compile.Program
	fired      []int32 // this step's events, ascending (per-step, not state)
}

// groupEvents are a NeuronGroup's custom events, in name order, and the
// code of RunOnEvent("spike", …) for a group without a Reset.
type groupEvents struct {
	list    []*customEvent
	onSpike string
	prog    *compile.Program
}

// initEvents records and checks the Events option; name is the group's
// (future) name for errors.
func (g *NeuronGroup) initEvents(name string, ev map[string]string) error {
	for n, cond := range ev {
		g.ev.list = append(g.ev.list, &customEvent{name: n, cond: cond})
	}
	sort.Slice(g.ev.list, func(a, b int) bool { return g.ev.list[a].name < g.ev.list[b].name })
	for _, e := range g.ev.list {
		if _, err := g.eventCondition(name, e); err != nil {
			return err
		}
	}
	return nil
}

// eventCondition checks an event's condition in the group's scope.
func (g *NeuronGroup) eventCondition(name string, e *customEvent) (*expr.Expr, error) {
	part := fmt.Sprintf("event %q", e.name)
	x, err := expr.Check(e.cond, g.scope())
	if err == nil {
		err = x.ExpectBool(fmt.Sprintf("the condition of event %q", e.name))
	}
	if err == nil {
		x, err = expr.Substitute(x, g.model.Subexpr)
	}
	if err != nil {
		return nil, &ObjectError{name, part, err}
	}
	return x, nil
}

// eventCode checks statements given to RunOnEvent.
func (g *NeuronGroup) eventCode(event, code string) (*compile.Program, error) {
	part := fmt.Sprintf("RunOnEvent(%q)", event)
	b, err := expr.CheckBlock(code, g.scope())
	if err != nil {
		return nil, &ObjectError{g.name, part, err}
	}
	sub := &expr.Block{Text: b.Text}
	for _, s := range b.Stmts {
		v, err := expr.Substitute(s.Value, g.model.Subexpr)
		if err != nil {
			return nil, &ObjectError{g.name, part, err}
		}
		c := *s
		c.Value = v
		sub.Stmts = append(sub.Stmts, &c)
	}
	p, err := compile.Block(sub, compile.Env{Bind: g.bind(nil, nil), Rand: g.rand, DT: &g.dtN})
	if err != nil {
		return nil, &ObjectError{g.name, part, err}
	}
	return p, nil
}

// EventNames lists the group's events: "spike" if it has a threshold,
// then its custom events in name order.
func (g *NeuronGroup) EventNames() []string {
	var out []string
	if g.spec.Threshold != "" {
		out = append(out, "spike")
	}
	for _, e := range g.ev.list {
		out = append(out, e.name)
	}
	return out
}

func (g *NeuronGroup) customEvent(name string) *customEvent {
	for _, e := range g.ev.list {
		if e.name == name {
			return e
		}
	}
	return nil
}

// unknownEvent is the error for an event name the group does not define.
func unknownEvent(group string, event string, events []string) error {
	msg := fmt.Sprintf("%s has no event %q", group, event)
	if len(events) == 0 {
		msg += " (it defines no events"
	} else {
		msg += fmt.Sprintf(" (its events: %s", strings.Join(events, ", "))
	}
	if event == "spike" {
		msg += "; give it a Threshold to define spikes"
	}
	return fmt.Errorf("%s)", msg)
}

// RunOnEvent runs code (statements like a reset, e.g. "v = 0.2") for
// every neuron that has the event, in the after_resets slot of each step
// (Brian2's G.run_on_event(event, code)). The event is a custom event of
// the Events option, or "spike" for a group with a threshold but no
// Reset. Each event takes one piece of code.
func (g *NeuronGroup) RunOnEvent(event, code string) error {
	const fn = "RunOnEvent"
	e := g.customEvent(event)
	spike := event == "spike" && g.spec.Threshold != ""
	if e == nil && !spike {
		return &ObjectError{g.name, fn, unknownEvent(g.name, event, g.EventNames())}
	}
	if e != nil && e.code != "" || spike && (g.spec.Reset != "" || g.ev.onSpike != "") {
		return &ObjectError{g.name, fn, fmt.Errorf("event %q already has code (a Reset or an earlier RunOnEvent); it can take only one", event)}
	}
	if strings.TrimSpace(code) == "" {
		return &ObjectError{g.name, fn, fmt.Errorf("no statements to run on event %q", event)}
	}
	if _, err := g.eventCode(event, code); err != nil {
		return err
	}
	if e != nil {
		e.code = code
	} else {
		g.ev.onSpike = code
	}
	return nil
}

// prepareEvents compiles the events' conditions and code for a run.
func (g *NeuronGroup) prepareEvents() ([]*op, error) {
	var ops []*op
	dt := g.dtN
	for _, e := range g.ev.list {
		x, err := g.eventCondition(g.name, e)
		if err != nil {
			return nil, err
		}
		if e.kern, err = compile.Expr(x, compile.Env{Bind: g.bind(nil, nil), Rand: g.rand, DT: &g.dtN}); err != nil {
			return nil, &ObjectError{g.name, fmt.Sprintf("event %q", e.name), err}
		}
		ops = append(ops, &op{name: g.name + "_" + e.name + "_thresholder", when: whenAfterThresholds, order: g.order, dt: dt, run: e.test(g)})
		e.prog = nil
		if e.code != "" {
			if e.prog, err = g.eventCode(e.name, e.code); err != nil {
				return nil, err
			}
			ops = append(ops, &op{name: g.name + "_" + e.name + "_resetter", when: whenAfterResets, order: g.order, dt: dt, run: e.apply(g)})
		}
	}
	if g.ev.onSpike != "" && g.model.Threshold != nil {
		p, err := g.eventCode("spike", g.ev.onSpike)
		if err != nil {
			return nil, err
		}
		g.ev.prog = p
		ops = append(ops, &op{name: g.name + "_spike_resetter", when: whenAfterResets, order: g.order, dt: dt, run: func(k int64, t float64) {
			if len(g.spikes) > 0 {
				g.tNow = t
				g.refreshLinks()
				g.ev.prog.Run(g.spikes)
			}
		}})
	}
	return ops, nil
}

// test is the after_thresholds operation of an event.
func (e *customEvent) test(g *NeuronGroup) func(k int64, t float64) {
	return func(k int64, t float64) {
		g.tNow = t
		g.refreshLinks()
		e.fired = e.kern.Select(g.n, e.fired[:0])
	}
}

// apply is the after_resets operation of an event with code.
func (e *customEvent) apply(g *NeuronGroup) func(k int64, t float64) {
	return func(k int64, t float64) {
		if len(e.fired) > 0 {
			g.tNow = t
			g.refreshLinks()
			e.prog.Run(e.fired)
		}
	}
}

// eventSource finds event of the group behind r for a monitor: the list
// of the current step's events and the slot and order it is filled in.
func eventSource(r groupRef, event string) (*[]int32, slot, int, error) {
	ng, _ := r.g.owner.(*NeuronGroup)
	if event == "spike" && (ng == nil || ng.spec.Threshold != "") {
		return &r.g.spikes, whenThresholds, r.g.order, nil
	}
	var names []string
	if ng != nil {
		if e := ng.customEvent(event); e != nil {
			return &e.fired, whenAfterThresholds, ng.order, nil
		}
		names = ng.EventNames()
	} else {
		names = []string{"spike"}
	}
	return nil, 0, 0, unknownEvent(r.g.name, event, names)
}

// eventRows describe the custom events in the group's MIME bundle.
func (g *NeuronGroup) eventRows() [][2]string {
	var rows [][2]string
	for _, e := range g.ev.list {
		rows = append(rows, [2]string{fmt.Sprintf("event %q", e.name), e.cond})
		if e.code != "" {
			rows = append(rows, [2]string{fmt.Sprintf("on event %q", e.name), e.code})
		}
	}
	if g.ev.onSpike != "" {
		rows = append(rows, [2]string{`on event "spike"`, g.ev.onSpike})
	}
	return rows
}
