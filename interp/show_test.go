package interp

import (
	"strings"
	"testing"
)

// TestCellShows: what a notebook shows for a cell whose last expression
// is a quantity, the time, an nsim object or a Network — as a Brian2
// user writes the cells. Each cell's text/plain starts with the object's
// summary and its HTML (or LaTeX) says the same.
func TestCellShows(t *testing.T) {
	s := newSession(t)
	setup := `StartScope()
tau := 1*ms
G := NeuronGroup(3, "dv/dt = (1.1 - v)/tau : 1 (unless refractory)\nI : amp", Threshold("v > 1"), Reset("v = 0"), Refractory(2*ms), Method("exact"))
S := Synapses(G, G, Model("w : 1"), OnPre("v_post += w"))
S.Connect(I(0), J(1))
M := StateMonitor(G, "v", Record(0))
SM := SpikeMonitor(G)
R := PopulationRateMonitor(G)
PG := PoissonGroup(2, 5*Hz)
stim := TimedArray([]float64{0, 1}, 1*ms)
SG := SpikeGeneratorGroup(1, []int{0}, []Time{1*ms})
E := EventMonitor(G, "spike")
Run(5*ms)`
	if r, _ := exec(s, setup); r.Err != nil {
		t.Fatalf("setup: %s: %s", r.Err.Name, r.Err.Value)
	}
	for _, tt := range []struct {
		code        string
		plain, rich string // text/plain prefix; text/html (or text/latex) substring
	}{
		{"60.000000000000014*pA", "60. pA", `$60.0\,\mathrm{p}\mathrm{A}$`},
		{"0.1*ms*1.0000000000000001", "100. us", `$100.0\,\mathrm{\mu}\mathrm{s}$`},
		{"T()", "5. ms", `$5.0\,\mathrm{m}\mathrm{s}$`},
		{"G", "NeuronGroup 'neurongroup' with 3 neuron(s)\n  model:\n    dv/dt = (1.1 - v)/tau : 1 (unless refractory)\n    I : amp\n  threshold:  v > 1",
			"<code>dv/dt = (1.1 - v)/tau</code>"},
		{"S", "Synapses 'synapses' from 'neurongroup' to 'neurongroup' with 1 synapse(s)", "<code>v_post += w</code>"},
		{"M", "StateMonitor 'statemonitor' of 'neurongroup' recording v for 1 neuron(s), 50 step(s) recorded", "50 (from 0. s to 4.9 ms)"},
		{"SM", "SpikeMonitor 'spikemonitor' of 'neurongroup' with 3 spike(s)", "3 (at 2.3 ms)"},
		{"R", "PopulationRateMonitor 'ratemonitor' of 'neurongroup' with 50 step(s) recorded", "when end"},
		{"PG", "PoissonGroup 'poissongroup' with 2 neuron(s)\n  rates: 5. Hz", "5. Hz"},
		{"stim", "TimedArray '_timedarray' with 2 values, dt = 1. ms\n  values: [0. 1.]", "[0. 1.]"},
		{"SG", "SpikeGeneratorGroup 'spikegeneratorgroup' with 1 neuron(s) and 1 spike(s)", "at 1. ms"},
		{"E", "EventMonitor 'eventmonitor' of 'neurongroup' for event 'spike' with 3 event(s)", "<b>EventMonitor</b>"},
		{"Network(Collect()...)", "Network at t = 0. s with 8 object(s)\n  NeuronGroup 'neurongroup'", "<code>spikemonitor</code>"},
		{"nsim.DefaultNetwork()", "Network at t = 5. ms", "SpikeMonitor"},
		{"Threshold(\"v > 1\")", "Threshold option", ""},
	} {
		r, _ := exec(s, tt.code)
		if r.Err != nil {
			t.Errorf("%s: %s: %s", tt.code, r.Err.Name, r.Err.Value)
			continue
		}
		if got := plain(r); !strings.HasPrefix(got, tt.plain) {
			t.Errorf("%s shows\n%s\nwant it to start with\n%s", tt.code, got, tt.plain)
		}
		rich, _ := r.Value["text/html"].(string)
		if l, ok := r.Value["text/latex"].(string); ok {
			rich = l
		}
		if !strings.Contains(rich, tt.rich) {
			t.Errorf("%s: rich form %q lacks %q", tt.code, rich, tt.rich)
		}
	}
}

// TestTimeIsQuantity: T() is a Time, as Brian2's defaultclock.t: it
// prints with its unit and computes with other times.
func TestTimeIsQuantity(t *testing.T) {
	runSteps(t, []step{
		{code: "StartScope()\nG := NeuronGroup(1, \"dv/dt = -v/(10*ms) : 1\", Method(\"exact\"))\nRun(2.5*ms)"},
		{code: "fmt.Println(T(), T() > 2*ms)", stdout: "2.5 ms true\n"},
		{code: "fmt.Printf(\"%.4f\\n\", float64(T()))", stdout: "0.0025\n"},
		{code: "T() + 1*ms", value: "3.5 ms"},
	})
}
