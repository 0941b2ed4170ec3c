package interp

import (
	"testing"
)

// Tutorial case A6 and A6b as notebook cells: a custom event with code
// run on it, SpikeMonitor and EventMonitor recording v, PoissonInput,
// PoissonGroup with one rate per neuron, and the errors a typo gives.
func TestEventCells(t *testing.T) {
	s := newSession(t)
	cells := []cell{
		{code: "StartScope()\ntau := 10*ms\nG := NeuronGroup(3, \"dv/dt = (I - v)/tau : 1\\nI : 1\", Threshold(\"v > 1\"), Reset(\"v = 0\"), Method(\"exact\"), Events(map[string]string{\"custom\": \"v > 0.5\"}))\nG.SetSlice(\"I\", []float64{1.2, 1.6, 2.5})\nsm := SpikeMonitor(G, Variables(\"v\"))\nem := EventMonitor(G, \"custom\", Variables(\"v\"))\nRun(50*ms)"},
		{code: "fmt.Sprint(sm.Count(), em.Count(), sm.NumSpikes(), em.NumEvents())", value: "[2 5 9] [341 310 280] 16 931"},
		{code: "fmt.Sprintf(\"%.6f\", sm.Of(\"v\", 2).Floats()[0])", value: "1.013699"},
		{code: "len(em.All(\"v\")[1].Floats())", value: "310"},
		{code: "EventMonitor(G, \"cutsom\")", err: `has no event "cutsom" (its events: spike, custom)`},
		{code: "SpikeMonitor(G, Variables(\"w\"))", err: `has no variable "w"`},
		{code: "G.RunOnEvent(\"custom\", \"v = 0.2\")\nRun(10*ms)"},
		{code: "StartScope()\nH := NeuronGroup(20, \"dv/dt = -v/tau : 1\", Method(\"exact\"))\nPoissonInput(H, \"v\", 100, 10*Hz, 0.05)\nRun(100*ms)\nH.Get(\"v\").Len()", value: "20"},
		{code: "PoissonInput(H, \"v\", 100, 10*Hz, 0.05*mV)", err: "has unit V, but neurongroup.v has unit 1"},
		{code: "P := PoissonGroup(2, []units.Frequency{5*Hz, 0*Hz})\nps := SpikeMonitor(P)\nRun(1*second)\nps.Count()[1]", value: "0"},
		{code: "PoissonGroup(2, []float64{5, 10})", err: "multiply them by a unit"},
	}
	runCells(t, s, cells)
}
