package nsim

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gonsim/nsim/units"
)

// refColumn returns column col of a long-format state file (rows per
// step, neurons inside) for neuron i.
func refColumn(tb table, col string, i int) []float64 {
	var out []float64
	for k, v := range tb.cols[col] {
		if int(tb.cols["i"][k]) == i {
			out = append(out, v)
		}
	}
	return out
}

// TestTimedArrayRefdata runs tutorial 3's TimedArray models (A3a, A3b,
// A3c) as a user writes them and compares them with Brian2's output.
func TestTimedArrayRefdata(t *testing.T) {
	a3a := readRef(t, "tutorials/a3a_timedarray_values.csv").cols["value_1"]
	vals2d := [][]float64{{0, 5, 20}, {12, 5, 20}, {12, 15, 0}, {30, 15, 0}, {0, 25, 11}, {0, 25, 11}, {18, 0, 40}, {18, 0, 40}}
	mv := func(rows [][]float64) [][]units.Voltage {
		out := make([][]units.Voltage, len(rows))
		for k, r := range rows {
			for _, v := range r {
				out[k] = append(out[k], units.Voltage(v)*units.Millivolt)
			}
		}
		return out
	}
	tests := []struct {
		name             string
		values           any
		dt               units.Time
		n                int
		eqs, thr, reset  string
		duration         units.Time
		unit             units.Quantity
		state, spikes    string
		vcol, icol       string
		tol              float64
		wantSpikesPerNeu []int
	}{
		{"A3a sine at the clock dt", a3a, 0.1 * ms, 1, "dv/dt = (I-v)/tau : 1\nI = stimulus(t) : 1", "v>1", "v=0",
			200 * ms, units.Quantity{Value: 1}, "a3a_timedarray_sin_state.csv", "a3a_timedarray_sin_spikes.csv", "v_1", "I_1", 1e-12, []int{20}},
		{"A3b coarse, read past the end", []float64{0, 0.5, 1.5, 3.0, 1.0, 0.0, 2.0, 1.25}, 5 * ms, 1, "dv/dt = (I-v)/tau : 1\nI = stimulus(t) : 1", "v>1", "v=0",
			60 * ms, units.Quantity{Value: 1}, "a3b_timedarray_coarse_state.csv", "a3b_timedarray_coarse_spikes.csv", "v_1", "I_1", 1e-12, []int{7}},
		{"A3c 2-D with units", mv(vals2d), 5 * ms, 3, "dv/dt = (I-v)/tau : volt\nI = stimulus(t, i) : volt", "v > 10*mV", "v = 0*mV",
			50 * ms, units.Millivolt.Q(), "a3c_timedarray_2d_state.csv", "a3c_timedarray_2d_spikes.csv", "v_mV", "I_mV", 1e-9, []int{7, 6, 16}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			StartScope()
			ta := must[*TimedArray](t)(NewTimedArray(tc.values, tc.dt))
			g := must[*NeuronGroup](t)(NewNeuronGroup(tc.n, tc.eqs, Threshold(tc.thr), Reset(tc.reset), Method("exact"),
				Namespace(map[string]any{"stimulus": ta, "tau": 5 * ms})))
			m := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v", "I"}, RecordAll()))
			sp := must[*SpikeMonitor](t)(NewSpikeMonitor(g))
			ok(t, Run(tc.duration))
			ref := readRef(t, "tutorials/"+tc.state)
			for i := 0; i < tc.n; i++ {
				checkTrace(t, "v", m.Of("v", i).In(tc.unit), refColumn(ref, tc.vcol, i), tc.tol, false)
				checkTrace(t, "I", m.Of("I", i).In(tc.unit), refColumn(ref, tc.icol, i), tc.tol, false)
			}
			checkSpikes(t, "spikes", monitorSteps(sp, 1e-4), spikeSteps(readRef(t, "tutorials/"+tc.spikes), 0.1))
			for i, want := range tc.wantSpikesPerNeu {
				if got := sp.Count()[i]; got != want {
					t.Errorf("neuron %d: %d spikes, want %d", i, got, want)
				}
			}
		})
	}
}

// TestTimedArrayIndexing checks Brian2's bin rule directly: the value
// switches exactly at multiples of dt_TA, and the ends are held.
func TestTimedArrayIndexing(t *testing.T) {
	ta := must[*TimedArray](t)(NewTimedArray([]units.Voltage{1 * units.Millivolt, 2 * units.Millivolt, 3 * units.Millivolt}, 0.3*ms))
	tests := []struct {
		step int // clock steps of 0.1 ms
		want float64
	}{{0, 1e-3}, {2, 1e-3}, {3, 2e-3}, {5, 2e-3}, {6, 3e-3}, {100, 3e-3}, {-5, 1e-3}}
	for _, tc := range tests {
		q, err := ta.At(units.Time(tc.step) * 0.1 * ms)
		if err != nil || q.Value != tc.want || q.Dim != units.Millivolt.Q().Dim {
			t.Errorf("At(%d·dt) = %v, %v; want %g V", tc.step, q, err, tc.want)
		}
	}
	if rows, cols := ta.Shape(); rows != 3 || cols != 0 {
		t.Errorf("Shape = %d, %d", rows, cols)
	}
	if s := ta.String(); !strings.Contains(s, "3 values") || !strings.Contains(s, "300. us") {
		t.Errorf("String = %q", s)
	}
}

// TestTimedArrayInThresholdAndReset uses a TimedArray outside the
// equations: as a moving threshold and as a reset value.
func TestTimedArrayInThresholdAndReset(t *testing.T) {
	StartScope()
	thr := must[*TimedArray](t)(NewTimedArray([]float64{2, 0.5}, 1*ms))
	rst := must[*TimedArray](t)(NewTimedArray([]float64{-1, -2}, 1*ms))
	g := must[*NeuronGroup](t)(NewNeuronGroup(1, "dv/dt = 1/ms : 1", Threshold("v > level(t)"), Reset("v = low(t)"),
		Method("euler"), Namespace(map[string]any{"level": thr, "low": rst})))
	sp := must[*SpikeMonitor](t)(NewSpikeMonitor(g))
	ok(t, Run(2*ms))
	// v climbs 0.1 a step: 0.6 > 0.5 at 1 ms (step 10, v = 1.1 > 0.5) → reset
	// to −2, then 25 steps to climb back above 0.5: beyond 2 ms.
	want := [][2]int{{10, 0}}
	checkSpikes(t, "spikes", monitorSteps(sp, 1e-4), want)
	if v := g.Get("v").Floats()[0]; math.Abs(v-(-2+0.1*9)) > 1e-12 {
		t.Errorf("v = %.15g, want %.15g", v, -2+0.1*9)
	}
}

// TestTimedArrayErrors is the table of bad input: wrong values, wrong
// units for the use, wrong arguments, and a 2-D index out of range at run
// time (the run stops after that step; monitors hold it; the network
// stays usable).
func TestTimedArrayErrors(t *testing.T) {
	ctor := []struct {
		values any
		dt     any
		want   string
	}{
		{[]float64{1, 2}, 2.0, "want a time"},
		{[]float64{1, 2}, 1 * units.Millivolt, "want a time (e.g. 10*ms), got 1. mV"},
		{[]float64{1, 2}, -1 * ms, "positive"},
		{[]float64{}, 1 * ms, "at least one value"},
		{[]any{1 * units.Millivolt, 2 * ms}, 1 * ms, "all values need one unit"},
		{[][]float64{{1, 2}, {3}}, 1 * ms, "row 1 has 1 values"},
		{"abc", 1 * ms, "want a list"},
		{[]string{"a"}, 1 * ms, "not a number"},
	}
	for _, tc := range ctor {
		_, err := NewTimedArray(tc.values, tc.dt)
		var ae *ArgError
		if !errors.As(err, &ae) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NewTimedArray(%v, %v): %v, want an *ArgError mentioning %q", tc.values, tc.dt, err, tc.want)
		}
	}
	volts := must[*TimedArray](t)(NewTimedArray([]units.Voltage{1 * units.Millivolt}, 1*ms))
	grid := must[*TimedArray](t)(NewTimedArray([][]float64{{1, 2}, {3, 4}}, 1*ms))
	models := []struct {
		eqs, want string
	}{
		{"dv/dt = (stim(t) - v)/tau : 1", "has unit V"},    // a voltage in a dimensionless sum
		{"dv/dt = (stim(t) - v)/tau : 1", `"stim(t) - v"`}, // names the culprit
		{"dv/dt = (stim(5) - v)/tau : volt", "argument 1 of stim must have unit s, but \"5\" has unit 1"},
		{"dv/dt = (stim(t, 1) - v)/tau : volt", "stim takes 1 argument, got 2"},
		{"dv/dt = (grid(t) - v)/tau : 1", "grid takes 2 arguments, got 1"},
		{"dv/dt = (grid(t, 1*mV) - v)/tau : 1", "argument 2 of grid must have unit 1, but \"1*mV\" has unit V"},
		{"dv/dt = (stim - v)/tau : volt", "is a function; call it as stim(...)"},
	}
	for _, tc := range models {
		StartScope()
		_, err := NewNeuronGroup(1, tc.eqs, Namespace(map[string]any{"stim": volts, "grid": grid, "tau": 5 * ms}))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want an error mentioning %q", tc.eqs, err, tc.want)
		}
	}

	// Index out of range at run time: neuron 2 reads column 2 of 2.
	StartScope()
	g := must[*NeuronGroup](t)(NewNeuronGroup(3, "dv/dt = (grid(t, i) - v)/(5*ms) : 1", Method("exact"), Namespace(map[string]any{"grid": grid})))
	m := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v"}, RecordAll()))
	err := Run(1 * ms)
	var se *StepError
	if !errors.As(err, &se) || se.T != 0 || !strings.Contains(err.Error(), "index i = 2 is outside the 2 column(s)") {
		t.Fatalf("run: %v, want a *StepError at t = 0 naming index 2", err)
	}
	if n := len(m.T().Floats()); n != 1 || math.Abs(float64(T())-0.1e-3) > 1e-15 {
		t.Errorf("after the failing step: %d samples, t = %g; want 1 sample, t = 0.1 ms", n, T())
	}
	// The network stays usable: restrict the index and run on.
	StartScope()
	g = must[*NeuronGroup](t)(NewNeuronGroup(3, "dv/dt = (grid(t, i % 2) - v)/(5*ms) : 1", Method("exact"), Namespace(map[string]any{"grid": grid})))
	ok(t, Run(1*ms))
	if v := g.Get("v").Floats(); !(v[0] > 0 && v[2] == v[0]) {
		t.Errorf("v = %v", v)
	}
}

// TestTimedArrayFromValues: values read from a group (Values, with their
// unit) make a TimedArray, 1-D or as the rows of a 2-D one.
func TestTimedArrayFromValues(t *testing.T) {
	StartScope()
	g := must[*NeuronGroup](t)(NewNeuronGroup(3, "v : volt"))
	ok(t, g.SetSlice("v", []units.Voltage{1 * units.Millivolt, 2 * units.Millivolt, 3 * units.Millivolt}))
	ta := must[*TimedArray](t)(NewTimedArray(g.Get("v"), 1*ms))
	if q, err := ta.At(1.5 * ms); err != nil || q != (units.Quantity{Value: 2e-3, Dim: units.Millivolt.Q().Dim}) {
		t.Errorf("1-D At(1.5 ms) = %v, %v; want 2 mV", q, err)
	}
	ta2 := must[*TimedArray](t)(NewTimedArray([]Values{g.Get("v"), g.Get("v")}, 1*ms))
	if q, err := ta2.At(1.5*ms, 2); err != nil || q.Value != 3e-3 {
		t.Errorf("2-D At(1.5 ms, 2) = %v, %v; want 3 mV", q, err)
	}
	if _, err := ta2.At(1.5*ms, 3); err == nil {
		t.Error("At with column 3 of 3: no error")
	}
	if _, err := NewTimedArray([]any{g.Get("v"), []float64{1, 2, 3}}, 1*ms); err == nil || !strings.Contains(err.Error(), "one unit") {
		t.Errorf("rows of different units: %v", err)
	}
}

// TestTimedArrayPoissonRates: PoissonGroup rates given by a TimedArray, as
// in Brian2's PoissonGroup(n, rates='stimulus(t)'): silent for the first
// 10 ms, then firing.
func TestTimedArrayPoissonRates(t *testing.T) {
	StartScope()
	Seed(3)
	ta := must[*TimedArray](t)(NewTimedArray([]units.Frequency{0, 2000 * units.Hertz}, 10*ms))
	p := must[*PoissonGroup](t)(NewPoissonGroup(100, "stimulus(t)", Namespace(map[string]any{"stimulus": ta})))
	sp := must[*SpikeMonitor](t)(NewSpikeMonitor(p))
	ok(t, Run(20*ms))
	ts := sp.T().Floats()
	if len(ts) < 1000 { // expected 100 × 2000 Hz × 10 ms = 2000
		t.Fatalf("%d spikes, want about 2000", len(ts))
	}
	for _, s := range ts {
		if s < 10e-3-1e-12 {
			t.Fatalf("a spike at %g s, while the rate is 0 until 10 ms", s)
		}
	}
}
