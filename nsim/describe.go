package nsim

import (
	"fmt"
	"strings"

	"gonsim/nsim/expr"
	"gonsim/nsim/units"
)

// Dt returns the time step the object runs with (Brian2's G.dt): its Dt
// option, or the default clock's step at the time of the call.
func (b *objBase) Dt() units.Time { return units.Time(b.clockDt()) }

// DefaultClockDt returns the time step of objects created without a Dt
// option (Brian2's defaultclock.dt): the constant DefaultDt unless
// changed with SetDefaultDt.
func DefaultClockDt() units.Time {
	mu.Lock()
	defer mu.Unlock()
	return units.Time(defaultDt)
}

// plural writes "1 neuron" as "1 neuron(s)", as the summaries below do
// for any count.
func plural(n int, what string) string { return fmt.Sprintf("%d %s(s)", n, what) }

// String summarises the group as Brian2 prints it, e.g.
// "NeuronGroup 'neurongroup' with 1 neuron(s)".
func (g *NeuronGroup) String() string {
	return fmt.Sprintf("NeuronGroup '%s' with %s", g.name, plural(g.n, "neuron"))
}

// String summarises the subgroup, e.g.
// "Subgroup 'neurongroup[0:10]' of 'neurongroup' with 10 neuron(s)".
func (s *Subgroup) String() string {
	return fmt.Sprintf("Subgroup '%s' of '%s' with %s", s.Name(), s.g.name, plural(s.N(), "neuron"))
}

// String summarises the group, e.g.
// "SpikeGeneratorGroup 'spikegeneratorgroup' with 2 neuron(s) and 3 spike(s)".
func (g *SpikeGeneratorGroup) String() string {
	return fmt.Sprintf("SpikeGeneratorGroup '%s' with %s and %s", g.name, plural(g.n, "neuron"), plural(len(g.indices), "spike"))
}

// String summarises the group, e.g. "PoissonGroup 'poissongroup' with 100 neuron(s)".
func (g *PoissonGroup) String() string {
	return fmt.Sprintf("PoissonGroup '%s' with %s", g.name, plural(g.n, "neuron"))
}

// String summarises the synapses, e.g.
// "Synapses 'synapses' from 'neurongroup' to 'neurongroup_1' with 10 synapse(s)".
func (s *Synapses) String() string {
	return fmt.Sprintf("Synapses '%s' from '%s' to '%s' with %s", s.name, refName(s.src), refName(s.tgt), plural(s.n, "synapse"))
}

// String summarises the monitor, e.g.
// "StateMonitor 'statemonitor' of 'neurongroup' recording v for 1 neuron(s), 0 step(s) recorded".
func (m *StateMonitor) String() string {
	return fmt.Sprintf("StateMonitor '%s' of '%s' recording %s for %s, %s recorded", m.name, m.rs.name,
		strings.Join(m.vars, ", "), plural(len(m.rec), m.rs.elem), plural(len(m.t), "step"))
}

// String summarises the monitor, e.g.
// "SpikeMonitor 'spikemonitor' of 'neurongroup' with 3 spike(s)".
func (m *SpikeMonitor) String() string {
	return fmt.Sprintf("SpikeMonitor '%s' of '%s' with %s", m.name, refName(m.src), plural(len(m.i), "spike"))
}

// String summarises the monitor, e.g.
// "PopulationRateMonitor 'ratemonitor' of 'neurongroup' with 100 step(s) recorded".
func (m *PopulationRateMonitor) String() string {
	return fmt.Sprintf("PopulationRateMonitor '%s' of '%s' with %s recorded", m.name, refName(m.src), plural(len(m.t), "step"))
}

// peekName returns the name register would give an object now, so that
// errors raised while building it (before it is registered) can name it.
func peekName(basename, explicit string) string {
	if explicit != "" {
		return explicit
	}
	mu.Lock()
	defer mu.Unlock()
	c, seen := names[basename]
	if seen && c == 0 {
		c = 1
	}
	for {
		name := basename
		if seen {
			name = fmt.Sprintf("%s_%d", basename, c)
		}
		if _, taken := names[name]; !taken || name == basename {
			return name
		}
		c++
		seen = true
	}
}

// modelParts names the parts of an object's definition that a checking
// error from nsim/equations is about: "threshold", "reset", "refractory",
// "on_pre", "on_post", or "model" for the equations; several are joined
// with ", ".
func modelParts(err error) string {
	var parts []string
	seen := map[string]bool{}
	for _, e := range expr.Errors(err) {
		p := e.Context
		switch p {
		case "threshold", "reset", "refractory", "on_pre", "on_post":
		default:
			p = "model"
		}
		if !seen[p] {
			seen[p] = true
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return "model"
	}
	return strings.Join(parts, ", ")
}
