package nsim

import (
	"sync"

	"gonsim/nsim/equations"
)

// The event-driven machinery itself is in nsim/equations (the analytic
// update statements that open each pathway's block, and lastupdate = t
// that closes it); the engine adds the lastupdate variable and this
// advice.

var clockDrivenNote sync.Once

// noteUnflagged tells, once per process as Brian2 does, that a synaptic
// differential equation without (clock-driven) or (event-driven) is
// integrated every step.
func noteUnflagged(m *equations.SynapseModel) {
	for _, q := range m.Eqs.OfKind(equations.Differential) {
		if !q.Flags.ClockDriven && !q.Flags.EventDriven {
			clockDrivenNote.Do(func() {
				logf("INFO", "The synaptic equation for the variable %s does not specify whether it should be integrated at every timestep (clock-driven) or only at spiking events (event-driven). It will be integrated at every timestep, which can slow down the simulation if its value is only needed at spikes; flag it (clock-driven) to silence this message.", q.Name)
			})
			return
		}
	}
}
