package nsim

import (
	"fmt"
	"strings"
	"testing"

	"gonsim/nsim/units"
)

// TestStringsAndDt checks what fmt.Println shows for each kind of object
// and the dt getters (Brian2's G.dt and defaultclock.dt).
func TestStringsAndDt(t *testing.T) {
	StartScope()
	defer func() { ok(t, SetDefaultDt(units.Time(DefaultDt))) }()
	g := must[*NeuronGroup](t)(NewNeuronGroup(1, "dv/dt = -v/(10*ms) : 1", Threshold("v > 1"), Reset("v = 0")))
	h := must[*NeuronGroup](t)(NewNeuronGroup(10, "v : 1", Dt(0.5*units.Millisecond)))
	sub := must[*Subgroup](t)(h.Sub(0, 4))
	gen := must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(2, []int{0, 1, 1}, []units.Time{1 * ms, 2 * ms, 3 * ms}))
	pg := must[*PoissonGroup](t)(NewPoissonGroup(5, 10*units.Hertz))
	s := must[*Synapses](t)(NewSynapses(gen, g, OnPre("v += 0.5")))
	ok(t, s.Connect())
	sm := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v"}, RecordAll()))
	sp := must[*SpikeMonitor](t)(NewSpikeMonitor(gen))
	pr := must[*PopulationRateMonitor](t)(NewPopulationRateMonitor(g))
	ok(t, Run(5*ms))
	for _, tt := range []struct {
		x    fmt.Stringer
		want string
	}{
		{g, "NeuronGroup 'neurongroup' with 1 neuron(s)"},
		{h, "NeuronGroup 'neurongroup_1' with 10 neuron(s)"},
		{sub, "Subgroup 'neurongroup_1[0:4]' of 'neurongroup_1' with 4 neuron(s)"},
		{gen, "SpikeGeneratorGroup 'spikegeneratorgroup' with 2 neuron(s) and 3 spike(s)"},
		{pg, "PoissonGroup 'poissongroup' with 5 neuron(s)"},
		{s, "Synapses 'synapses' from 'spikegeneratorgroup' to 'neurongroup' with 2 synapse(s)"},
		{sm, "StateMonitor 'statemonitor' of 'neurongroup' recording v for 1 neuron(s), 50 step(s) recorded"},
		{sp, "SpikeMonitor 'spikemonitor' of 'spikegeneratorgroup' with 3 spike(s)"},
		{pr, "PopulationRateMonitor 'ratemonitor' of 'neurongroup' with 50 step(s) recorded"},
	} {
		if got := fmt.Sprint(tt.x); got != tt.want {
			t.Errorf("fmt.Sprint = %q, want %q", got, tt.want)
		}
	}
	if g.Dt() != 0.1*units.Millisecond || h.Dt() != 0.5*units.Millisecond || s.Dt() != 0.1*units.Millisecond || sm.Dt() != g.Dt() {
		t.Errorf("Dt: group %v, group with Dt option %v, synapses %v, monitor %v", g.Dt(), h.Dt(), s.Dt(), sm.Dt())
	}
	if DefaultClockDt() != units.Time(DefaultDt) {
		t.Errorf("DefaultClockDt() = %v, want %v", DefaultClockDt(), DefaultDt)
	}
	ok(t, SetDefaultDt(0.05*units.Millisecond))
	if DefaultClockDt() != 0.05*units.Millisecond || g.Dt() != 0.05*units.Millisecond || h.Dt() != 0.5*units.Millisecond {
		t.Errorf("after SetDefaultDt(0.05 ms): DefaultClockDt %v, group %v, group with Dt option %v", DefaultClockDt(), g.Dt(), h.Dt())
	}
	if got := fmt.Sprint(g.Dt()); got != "50. us" {
		t.Errorf("g.Dt() prints %q", got)
	}
}

// TestConstructionErrorParts checks that an error found while building an
// object names the object and the part of its definition at fault.
func TestConstructionErrorParts(t *testing.T) {
	StartScope()
	src := must[*NeuronGroup](t)(NewNeuronGroup(1, "v : 1"))
	for _, tt := range []struct {
		name   string
		build  func() error
		prefix string
	}{
		{"reset", func() error {
			_, err := NewNeuronGroup(1, "dv/dt = -v/(10*ms) : 1", Threshold("v > 1"), Reset("v = 0*mV"))
			return err
		}, "neurongroup_1, reset: 1:5: reset: "},
		{"threshold", func() error {
			_, err := NewNeuronGroup(1, "dv/dt = -v/(10*ms) : 1", Threshold("v > 1*mV"), Reset("v = 0"), Name("cell"))
			return err
		}, "cell, threshold: 1:1: threshold: "},
		{"both", func() error {
			_, err := NewNeuronGroup(1, "dv/dt = -v/(10*ms) : 1", Threshold("v > 1*mV"), Reset("v = 0*mV"))
			return err
		}, "neurongroup_1, threshold, reset: "},
		{"equations", func() error {
			_, err := NewNeuronGroup(1, "dv/dt = -v : 1")
			return err
		}, "neurongroup_1, model: "},
		{"on_pre", func() error {
			_, err := NewSynapses(src, src, OnPre("v += 1*mV"))
			return err
		}, "synapses, on_pre: 1:6: on_pre: "},
		{"poisson rates", func() error {
			_, err := NewPoissonGroup(2, "5*mV")
			return err
		}, "poissongroup, rates: "},
	} {
		err := tt.build()
		if err == nil || !strings.HasPrefix(err.Error(), tt.prefix) {
			t.Errorf("%s: error %v, want it to start with %q", tt.name, err, tt.prefix)
		}
	}
}

// TestThresholdWarningNamesGroup: the warning about a threshold without
// reset or refractoriness names the group, also when it is named.
func TestThresholdWarningNamesGroup(t *testing.T) {
	StartScope()
	var logged []string
	SetLogger(func(level, msg string) { logged = append(logged, level+": "+msg) })
	defer SetLogger(nil)
	must[*NeuronGroup](t)(NewNeuronGroup(1, "v : 1", Threshold("v > 1"), Name("pacer")))
	if len(logged) != 1 || !strings.HasPrefix(logged[0], "WARNING: pacer has a threshold but neither reset nor refractoriness") {
		t.Errorf("logged %q", logged)
	}
	// A group that is not built (its name is taken) warns about nothing.
	logged = nil
	if _, err := NewNeuronGroup(1, "v : 1", Threshold("v > 1"), Name("pacer")); err == nil {
		t.Error("a second group named pacer was accepted")
	}
	if len(logged) != 0 {
		t.Errorf("logged %q for a group that was refused", logged)
	}
}
