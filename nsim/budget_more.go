package nsim

import (
	"fmt"
	"reflect"
)

// Monitors and TimedArrays count against the memory budget (budget.go)
// as groups and synapses do.

// claimRecordings counts what the run's monitors will add to their
// recordings against the memory budget (SetMemoryBudget), together with
// the scope's groups and synapses, before anything is allocated. Brian2
// grows recordings as they fill; a planned duration tells the size up
// front, so an oversized recording is refused before the run, not
// found out of memory in the middle of it. The biggest claim names the
// error.
func (p *runPlan) claimRecordings() error {
	var total float64
	var big *memClaim
	for k := range p.memNeed {
		c := &p.memNeed[k]
		total += float64(c.grows)
		if big == nil || c.grows > big.grows {
			big = c
		}
	}
	if big == nil || total == 0 {
		return nil
	}
	detail := "recording " + big.detail
	if len(p.memNeed) > 1 && total > float64(big.grows) {
		detail += fmt.Sprintf(" (with the other monitors of the run: %s)", byteSize(int64(total)))
	}
	return claimBudget(big.obj, detail, total)
}

// claimTimedArray counts the values a TimedArray copies from values
// against the budget, before they are copied. release gives the count
// back when the values turn out to be bad.
func claimTimedArray(name string, values any) (release func(), err error) {
	n := timedArrayCount(values)
	need := 8 * n
	if err := claimBudget(name, fmt.Sprintf("a TimedArray of %.0f values", n), need); err != nil {
		return nil, err
	}
	return func() { releaseBudget(need) }, nil
}

// timedArrayCount is the number of values of a 1-D or 2-D list (rows ×
// the length of the first row), as a float so that it cannot overflow.
func timedArrayCount(values any) float64 {
	if f, ok := values.([]float64); ok {
		return float64(len(f))
	}
	length := func(v reflect.Value) (int, bool) {
		for v.Kind() == reflect.Interface && !v.IsNil() {
			v = v.Elem()
		}
		if !v.IsValid() {
			return 0, false
		}
		if vals, ok := v.Interface().(Values); ok {
			return vals.Len(), true
		}
		if v.Kind() == reflect.Slice || v.Kind() == reflect.Array {
			return v.Len(), true
		}
		return 0, false
	}
	v := reflect.ValueOf(values)
	rows, ok := length(v)
	if !ok || rows == 0 || v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return float64(rows)
	}
	if cols, is2D := length(v.Index(0)); is2D {
		return float64(rows) * float64(cols)
	}
	return float64(rows)
}

// releaseBudget gives back bytes claimed for an object that was not made.
func releaseBudget(bytes float64) {
	budget.Lock()
	defer budget.Unlock()
	budget.used = max(0, budget.used-int64(bytes))
}

// claimEvents makes room for n more recorded events in the budget. A
// run cannot know how many spikes it will record, so event monitors
// claim as they grow, in steps that double (at least 4096 events), like
// the slices that hold them. When the budget refuses, the run stops after
// this step with the *BudgetError and the step's events are not
// recorded; it reports false then.
func (m *EventMonitor) claimEvents(n int) bool {
	if len(m.i)+n <= m.claimed {
		return true
	}
	target := max(2*m.claimed, len(m.i)+n, 4096)
	per := float64(4 + 8 + 8*len(m.vars)) // i, t and the variables
	err := claimBudget(m.name, fmt.Sprintf("recording %d events", target), float64(target-m.claimed)*per)
	if err != nil {
		if m.plan != nil && m.plan.err == nil {
			m.plan.err = err
		}
		return false
	}
	m.claimed = target
	return true
}
