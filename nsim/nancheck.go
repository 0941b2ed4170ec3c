package nsim

import (
	"fmt"
	"math"
	"sort"

	"gonsim/nsim/internal/mathfn"
)

// nanEvery is how many steps pass between two scans for non-finite state
// values: a scan reads every state variable once, so checking every 32
// steps costs about 3 % of the cheapest update, and a NaN is found
// within 32 steps of appearing.
const nanEvery = 32

// NaNError stops a run in which a state variable became NaN or infinite,
// most often through an integration that is unstable at this dt. The run
// stopped after the step at which the scan found it; monitors hold every
// step up to there.
type NaNError struct {
	Object   string  // the group or synapses
	Var      string  // the variable
	Element  string  // "neuron" or "synapse"
	Index    int     // which one
	Value    float64 // NaN, +Inf or -Inf
	From, To float64 // seconds: finite at From (the last scan), not at To
}

func (e *NaNError) Error() string {
	return fmt.Sprintf("%s: %s of %s %d became %v between t = %s and %s; the run stopped at %s "+
		"(an unstable integration? try a smaller dt or another method)",
		e.Object, e.Var, e.Element, e.Index, e.Value, formatSeconds(roundTime(e.From)), formatSeconds(roundTime(e.To)), formatSeconds(roundTime(e.To)))
}

// roundTime drops the float noise of k·dt (28.800000000000004 ms).
func roundTime(t float64) float64 { return math.Round(t*1e12) / 1e12 }

// watched is one state variable the scan reads.
type watched struct {
	obj, name, element string
	data               []float64
}

// nanWatch scans the state variables of a run's groups and synapses for
// values that were finite at the start and are not any more.
type nanWatch struct {
	vars  []watched
	steps int
	last  float64 // time of the last clean scan
}

// newNanWatch lists the stored variables of members. A variable that
// already holds a non-finite value when the run starts is not watched:
// that was the user's choice, not an accident of the run.
func newNanWatch(members []member, t0 float64) *nanWatch {
	w := &nanWatch{last: t0}
	add := func(obj string, vars map[string]*variable, element string) {
		names := make([]string, 0, len(vars))
		for n := range vars {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			v := vars[n]
			if v.hidden || len(v.data) == 0 || mathfn.FirstNonFinite(v.data) >= 0 {
				continue
			}
			w.vars = append(w.vars, watched{obj, n, element, v.data})
		}
	}
	for _, m := range members {
		switch o := m.(type) {
		case *NeuronGroup:
			add(o.name, o.vars, "neuron")
		case *Synapses:
			add(o.name, o.vars, "synapse")
		}
	}
	return w
}

// step counts a finished step ending at t and scans every nanEvery steps.
func (w *nanWatch) step(t float64) error {
	if w.steps++; w.steps%nanEvery != 0 {
		return nil
	}
	return w.scan(t)
}

// scan returns a *NaNError for the first watched variable holding a
// non-finite value at t.
func (w *nanWatch) scan(t float64) error {
	for _, v := range w.vars {
		if i := mathfn.FirstNonFinite(v.data); i >= 0 {
			return &NaNError{Object: v.obj, Var: v.name, Index: i, Value: v.data[i], From: w.last, To: t, Element: v.element}
		}
	}
	w.last = t
	return nil
}
