package nsim

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// a6 builds tutorial case A6: three neurons relaxing towards I = 1.2,
// 1.6, 2.5 with a spike at v > 1 and a custom event at v > 0.5, a
// SpikeMonitor and an EventMonitor that record v.
func a6(t *testing.T) (*StateMonitor, *SpikeMonitor, *EventMonitor) {
	StartScope()
	G := must[*NeuronGroup](t)(NewNeuronGroup(3, "dv/dt = (I - v)/tau : 1\nI : 1",
		Threshold("v > 1"), Reset("v = 0"), Method("exact"),
		Events(map[string]string{"custom": "v > 0.5"}), Namespace(map[string]any{"tau": 10 * ms})))
	ok(t, G.SetSlice("I", []float64{1.2, 1.6, 2.5}))
	M := must[*StateMonitor](t)(NewStateMonitor(G, []string{"v"}, RecordAll()))
	sm := must[*SpikeMonitor](t)(NewSpikeMonitor(G, Variables("v")))
	em := must[*EventMonitor](t)(NewEventMonitor(G, "custom", Variables("v")))
	ok(t, Run(50*ms))
	return M, sm, em
}

// TestA6MonitoredVariables compares A6 with Brian2: the state, the spikes
// and custom events with the v recorded at each (after the update, before
// the reset: v > 1 at a spike), in Brian's order (neurons ascending
// within a step).
func TestA6MonitoredVariables(t *testing.T) {
	M, sm, em := a6(t)
	ref := readRef(t, "tutorials/a6_monitors_state.csv")
	var got []float64
	for k := range M.Len() {
		for i := range 3 {
			got = append(got, M.Of("v", i).Floats()[k])
		}
	}
	checkTrace(t, "state v", got, ref.cols["v_1"], 1e-12, false)
	for _, tc := range []struct {
		name   string
		m      *EventMonitor
		file   string
		counts []int
	}{
		{"spikes", &sm.EventMonitor, "a6_spikes_with_v.csv", []int{2, 5, 9}},
		{"custom events", em, "a6_custom_events.csv", []int{341, 310, 280}},
	} {
		ref := readRef(t, "tutorials/"+tc.file)
		var steps [][2]int
		ts := tc.m.T().Floats()
		for k, i := range tc.m.I() {
			steps = append(steps, [2]int{int(math.Round(ts[k] / 1e-4)), i})
		}
		checkSpikes(t, tc.name, steps, spikeSteps(ref, 0.1))
		checkTrace(t, tc.name+" v", tc.m.Values("v").Floats(), ref.cols["v_1"], 1e-12, false)
		if c := tc.m.Count(); !slices.Equal(c, tc.counts) {
			t.Errorf("%s: counts %v, want %v", tc.name, c, tc.counts)
		}
		// Per-neuron values are the spike-order values split by neuron.
		for i, vs := range tc.m.All("v") {
			want := tc.m.Of("v", i).Floats()
			if vs.Len() != tc.counts[i] || !slices.Equal(vs.Floats(), want) {
				t.Errorf("%s: All(v)[%d] has %d values, Of gives %v", tc.name, i, vs.Len(), want)
			}
		}
	}
	for _, v := range sm.Values("v").Floats() {
		if !(v > 1) {
			t.Errorf("v at a spike is %g, want > 1 (recorded before the reset)", v)
		}
	}
	if sm.NumSpikes() != 16 || em.NumEvents() != 931 {
		t.Errorf("%d spikes and %d events, want 16 and 931", sm.NumSpikes(), em.NumEvents())
	}
}

// TestEventSchedule checks where the event operations run: custom events
// after every threshold, their code after the resets, monitors right
// after the thresholder they watch.
func TestEventSchedule(t *testing.T) {
	StartScope()
	G := must[*NeuronGroup](t)(NewNeuronGroup(1, "dv/dt = 1/second : 1", Threshold("v > 1"), Reset("v = 0"),
		Events(map[string]string{"up": "v > 0.5"}), Name("g")))
	ok(t, G.RunOnEvent("up", "v = v + 0.01"))
	must[*SpikeMonitor](t)(NewSpikeMonitor(G, Name("sm")))
	must[*EventMonitor](t)(NewEventMonitor(G, "up", Name("em")))
	ok(t, Run(0.1*ms))
	want := []string{"groups 0 g_stateupdater", "thresholds 0 g_spike_thresholder", "thresholds 1 sm",
		"after_thresholds 0 g_up_thresholder", "after_thresholds 1 em", "resets 0 g_spike_resetter", "after_resets 0 g_up_resetter"}
	if got := DefaultNetwork().Schedule(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("schedule %q, want %q", got, want)
	}
	if h := G.MIMEBundle()["text/html"].(string); !strings.Contains(h, `event &#34;up&#34;</th><td style="text-align:left"><code>v &gt; 0.5</code>`) || !strings.Contains(h, "v = v + 0.01") {
		t.Errorf("the group's bundle does not show its event: %s", h)
	}
}

// TestRunOnEvent: code attached to a custom event runs for the neurons
// that had it, after the reset, and ignores refractoriness.
func TestRunOnEvent(t *testing.T) {
	tests := []struct {
		name   string
		thr    string
		onSpk  string
		events map[string]string
		event  string
		code   string
		want   []float64 // x after 3 steps, neurons 0..2
	}{
		// x grows by 1 per step; the event fires for i >= 1 and adds 10.
		{name: "custom", events: map[string]string{"big": "i >= 1"}, event: "big", code: "x += 10", want: []float64{3, 33, 33}},
		// The event sees the values before the reset of the same step
		// (x = 2 in step 1 for all), its code runs after it (neurons 1, 2
		// spike and are reset to 0).
		{name: "after reset", thr: "x > 1.5 and i >= 1", events: map[string]string{"e": "x > 1.5 and x < 50"}, event: "e", code: "x += 100", want: []float64{103, 101, 101}},
		// A group with a threshold and no Reset takes its spike code here
		// (once: the spike, unlike a custom event, respects refractoriness).
		{name: "spike without reset", thr: "i == 2", event: "spike", code: "x = -1", want: []float64{3, 3, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			StartScope()
			opts := []Option{Events(tc.events), Refractory(10 * ms)}
			if tc.thr != "" {
				opts = append(opts, Threshold(tc.thr))
			}
			if tc.name == "after reset" {
				opts = append(opts, Reset("x = 0"))
			}
			G := must[*NeuronGroup](t)(NewNeuronGroup(3, "dx/dt = 1/dt : 1", append(opts, Method("euler"))...))
			ok(t, G.RunOnEvent(tc.event, tc.code))
			ok(t, Run(0.3*ms))
			if got := G.Get("x").Floats(); !approxEqual(got, tc.want, 1e-9) {
				t.Errorf("x = %v, want %v", got, tc.want)
			}
		})
	}
}

func approxEqual(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if math.Abs(a[k]-b[k]) > tol {
			return false
		}
	}
	return true
}

// TestEventErrors: bad events, event code and monitor requests give
// errors naming the object, the part and the culprit; nothing is added to
// the network.
func TestEventErrors(t *testing.T) {
	StartScope()
	G := must[*NeuronGroup](t)(NewNeuronGroup(2, "dv/dt = -v/(10*ms) : 1", Threshold("v > 1"), Reset("v = 0"),
		Events(map[string]string{"custom": "v > 0.5", "low": "v < 0.1"}), Name("G")))
	plain := must[*NeuronGroup](t)(NewNeuronGroup(2, "v : 1", Name("plain")))
	gen := must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(1, []int{0}, []any{1 * ms}))
	tests := []struct {
		name string
		do   func() error
		want string
	}{
		{"unknown event", func() error { _, err := NewEventMonitor(G, "cutsom"); return err },
			`NewEventMonitor: event: G has no event "cutsom" (its events: spike, custom, low)`},
		{"event of a generator", func() error { _, err := NewEventMonitor(gen, "custom"); return err },
			`has no event "custom" (its events: spike)`},
		{"spikes of a group without threshold", func() error { _, err := NewSpikeMonitor(plain); return err },
			`NewSpikeMonitor: event: plain has no event "spike" (it defines no events; give it a Threshold to define spikes)`},
		{"unknown variable", func() error { _, err := NewSpikeMonitor(G, Variables("w")); return err },
			`NewSpikeMonitor: Variables: G has no variable "w" (it has v)`},
		{"variable of a generator", func() error { _, err := NewSpikeMonitor(gen, Variables("v")); return err },
			`NewSpikeMonitor: Variables: spikegeneratorgroup has no variables to record`},
		{"record out of range", func() error { _, err := NewSpikeMonitor(G, Record(2)); return err },
			`NewSpikeMonitor: Record: neuron 2 is outside 0…1 of G`},
		{"bad condition unit", func() error {
			_, err := NewNeuronGroup(1, "v : volt", Events(map[string]string{"e": "v > 1"}), Name("bad1"))
			return err
		}, `bad1, event "e": `},
		{"unknown name in condition", func() error {
			_, err := NewNeuronGroup(1, "v : 1", Events(map[string]string{"e": "v > vx"}), Name("bad2"))
			return err
		}, `bad2, event "e": `},
		{"not a condition", func() error {
			_, err := NewNeuronGroup(1, "v : 1", Events(map[string]string{"e": "v + 1"}), Name("bad3"))
			return err
		}, `bad3, event "e": `},
		{"spike as an event", func() error {
			_, err := NewNeuronGroup(1, "v : 1", Events(map[string]string{"spike": "v > 1"}))
			return err
		}, `NewNeuronGroup: Events: the "spike" event is defined by the Threshold option`},
		{"bad event name", func() error {
			_, err := NewNeuronGroup(1, "v : 1", Events(map[string]string{"2x": "v > 1"}))
			return err
		}, `NewNeuronGroup: Events: "2x" cannot be used as an event name`},
		{"run on unknown event", func() error { return G.RunOnEvent("hi", "v = 0") },
			`G, RunOnEvent: G has no event "hi" (its events: spike, custom, low)`},
		{"run on spike without threshold", func() error { return plain.RunOnEvent("spike", "v = 0") },
			`plain, RunOnEvent: plain has no event "spike" (it defines no events; give it a Threshold to define spikes)`},
		{"run on spike with reset", func() error { return G.RunOnEvent("spike", "v = 0") },
			`G, RunOnEvent: event "spike" already has code`},
		{"bad code", func() error { return G.RunOnEvent("custom", "v = w") }, `G, RunOnEvent("custom"): `},
		{"bad code unit", func() error { return G.RunOnEvent("low", "v = 3*ms") }, `G, RunOnEvent("low"): `},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.do()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
	ok(t, G.RunOnEvent("custom", "v = 0.2"))
	if err := G.RunOnEvent("custom", "v = 0.3"); err == nil || !strings.Contains(err.Error(), "already has code") {
		t.Errorf("second RunOnEvent: %v", err)
	}
	// The network is still usable after all these errors.
	ok(t, Run(1*ms))
	// Unknown variables asked of a monitor.
	sm := must[*SpikeMonitor](t)(NewSpikeMonitor(G))
	if err := sm.Values("v").Err(); err == nil || !strings.Contains(err.Error(), `does not record "v" (it records no variables`) {
		t.Errorf("Values of an unrecorded variable: %v", err)
	}
}

// TestSpikeMonitorRecord: Record chooses the neurons whose spikes are
// recorded; counts cover all neurons; Record() keeps only the counts.
func TestSpikeMonitorRecord(t *testing.T) {
	StartScope()
	G := must[*NeuronGroup](t)(NewNeuronGroup(3, "dv/dt = (1.5 + i - v)/(10*ms) : 1", Threshold("v > 1"), Reset("v = 0"), Method("exact")))
	all := must[*SpikeMonitor](t)(NewSpikeMonitor(G, Variables("v")))
	some := must[*SpikeMonitor](t)(NewSpikeMonitor(G, Record(0, 2), Variables("v")))
	none := must[*SpikeMonitor](t)(NewSpikeMonitor(G, Record()))
	sub := must[*Subgroup](t)(G.Sub(1, 3))
	subm := must[*SpikeMonitor](t)(NewSpikeMonitor(sub))
	ok(t, Run(30*ms))
	c := all.Count()
	if c[0] == 0 || c[1] <= c[0] || c[2] <= c[1] {
		t.Fatalf("counts %v: want increasing, non-zero", c)
	}
	if !slices.Equal(some.Count(), c) || !slices.Equal(none.Count(), c) || !slices.Equal(subm.Count(), c[1:]) {
		t.Errorf("counts %v, %v, %v (subgroup %v), want %v everywhere", all.Count(), some.Count(), none.Count(), subm.Count(), c)
	}
	if some.NumSpikes() != c[0]+c[2] || none.NumSpikes() != 0 || none.T().Len() != 0 {
		t.Errorf("recorded %d and %d spikes, want %d and 0", some.NumSpikes(), none.NumSpikes(), c[0]+c[2])
	}
	for _, i := range []int{0, 2} {
		if !slices.Equal(some.Train(i).Floats(), all.Train(i).Floats()) || !slices.Equal(some.Of("v", i).Floats(), all.Of("v", i).Floats()) {
			t.Errorf("neuron %d: the selective monitor differs from the full one", i)
		}
	}
	if some.Train(1).Len() != 0 {
		t.Errorf("neuron 1 is not recorded but has %d spikes", some.Train(1).Len())
	}
}
