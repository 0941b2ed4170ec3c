package nsim

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gonsim/nsim/units"
)

// Tests of each corner case of SEMANTICS.md; "§n" refers to the sections
// of the probe output in the shared reference material.

func TestScheduleOrder(t *testing.T) {
	// §1: slots, then order, then names as strings ('1' < 's').
	StartScope()
	hh := must[*NeuronGroup](t)(NewNeuronGroup(1, "dv/dt = -v/ms : 1", Threshold("v>1"), Refractory(3*ms)))
	inp := must[*NeuronGroup](t)(NewNeuronGroup(1, "dv/dt = 1/ms : 1", Threshold("v>1"), Reset("v=0")))
	s := must[*Synapses](t)(NewSynapses(inp, hh, OnPre("v += 1")))
	ok(t, s.Connect())
	must[*StateMonitor](t)(NewStateMonitor(hh, []string{"v"}))
	must[*SpikeMonitor](t)(NewSpikeMonitor(inp))
	must[*PopulationRateMonitor](t)(NewPopulationRateMonitor(hh))
	ok(t, Run(0.1*ms))
	want := []string{
		"start 0 statemonitor",
		"groups 0 neurongroup_1_stateupdater",
		"groups 0 neurongroup_stateupdater",
		"thresholds 0 neurongroup_1_spike_thresholder",
		"thresholds 0 neurongroup_spike_thresholder",
		"thresholds 1 spikemonitor",
		"synapses -1 synapses_pre",
		"resets 0 neurongroup_1_spike_resetter",
		"end 0 ratemonitor",
	}
	got := DefaultNetwork().Schedule()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("schedule:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestTimeIsStepTimesDt(t *testing.T) {
	// §1, §10: t = k·dt is never accumulated, so (t>10*ms) is false at
	// step 100 and (t<950*ms) is false at step 9500; run(T) records T/dt
	// samples and continues across calls.
	StartScope()
	g := must[*NeuronGroup](t)(NewNeuronGroup(1, `
dv/dt = int(t > 10*ms)/second : 1
dw/dt = int(t < 950*ms)/second : 1`, Method("euler")))
	m := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v", "w"}))
	ok(t, Run(500*ms))
	ok(t, Run(500*ms))
	if m.Len() != 10000 {
		t.Fatalf("%d samples, want 10000", m.Len())
	}
	ts := m.T().Floats()
	for _, k := range []int{0, 100, 9500, 9999} {
		if ts[k] != float64(k)*1e-4 {
			t.Errorf("t[%d] = %.17g, want %d*dt = %.17g", k, ts[k], k, float64(k)*1e-4)
		}
	}
	v, w := m.Of("v", 0).Floats(), m.Of("w", 0).Floats()
	// v starts to grow in the step after 100, w stops in step 9500.
	if v[101] != 0 || v[102] == 0 {
		t.Errorf("v[101] = %g, v[102] = %g: the step at t = 10 ms must not count as t > 10 ms", v[101], v[102])
	}
	if w[9501] != w[9500] || w[9500] == w[9499] {
		t.Errorf("w around step 9500: %g %g %g: t < 950 ms must be false at step 9500", w[9499], w[9500], w[9501])
	}
	if T() != 1.0 {
		t.Errorf("network time %g, want 1 s", T())
	}
}

func TestRunStepCount(t *testing.T) {
	// §1: k_end = round(T/dt) within 1e-4·dt, else ceil.
	tests := []struct {
		d    units.Time
		want int
	}{{1 * ms, 10}, {1.000001 * ms, 10}, {1.02 * ms, 11}, {0.05 * ms, 1}, {0, 0}}
	for _, tc := range tests {
		StartScope()
		g := must[*NeuronGroup](t)(NewNeuronGroup(1, "v : 1"))
		m := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v"}))
		ok(t, Run(tc.d))
		if m.Len() != tc.want {
			t.Errorf("Run(%v): %d steps, want %d", tc.d, m.Len(), tc.want)
		}
	}
}

func TestSpikeGeneratorBinning(t *testing.T) {
	// §4: step = int((t + 1e-3·dt)/dt).
	times := []float64{0, 0.04, 0.09989, 0.0999, 0.15, 0.2, 0.3, 0.35}
	want := []int{0, 0, 0, 1, 1, 2, 3, 3}
	for k, tm := range times {
		StartScope()
		g := must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(1, []int{0}, []units.Time{units.Time(tm) * ms}))
		sp := must[*SpikeMonitor](t)(NewSpikeMonitor(g))
		ok(t, Run(1*ms))
		if got := monitorSteps(sp, 1e-4); len(got) != 1 || got[0][0] != want[k] {
			t.Errorf("spike requested at %g ms emitted at steps %v, want %d", tm, got, want[k])
		}
	}
	StartScope()
	must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(1, []int{0, 0}, []units.Time{0.3 * ms, 0.35 * ms}))
	err := Run(1 * ms)
	if err == nil || !strings.Contains(err.Error(), "more than once during time step 3") {
		t.Errorf("two spikes of one neuron in one bin: error %v", err)
	}
}

func TestSpikeGeneratorPeriodAndContinuation(t *testing.T) {
	StartScope()
	g := must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(2, []int{0, 1}, []units.Time{0.2 * ms, 0.5 * ms}, Period(1*ms)))
	sp := must[*SpikeMonitor](t)(NewSpikeMonitor(g))
	ok(t, Run(1.5*ms))
	ok(t, Run(1.5*ms))
	want := [][2]int{{2, 0}, {5, 1}, {12, 0}, {15, 1}, {22, 0}, {25, 1}}
	checkSpikes(t, "periodic", monitorSteps(sp, 1e-4), want)
}

func TestSynapticDelaySteps(t *testing.T) {
	// §2, §5: a spike at step 10 with delay d is applied in the synapses
	// slot of step 10 + round(d/dt) and first seen by a StateMonitor one
	// step later.
	tests := []struct {
		delay     units.Time
		firstSeen int
	}{{0, 11}, {0.04 * ms, 11}, {0.06 * ms, 12}, {0.26 * ms, 14}}
	for _, tc := range tests {
		StartScope()
		gen := must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(1, []int{0}, []units.Time{1 * ms}))
		g := must[*NeuronGroup](t)(NewNeuronGroup(1, "v : 1"))
		s := must[*Synapses](t)(NewSynapses(gen, g, OnPre("v += 0.5"), Delay(tc.delay)))
		ok(t, s.Connect())
		m := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v"}))
		ok(t, Run(2*ms))
		v := m.Of("v", 0).Floats()
		first := -1
		for k, x := range v {
			if x != 0 {
				first = k
				break
			}
		}
		if first != tc.firstSeen {
			t.Errorf("delay %v: first visible at step %d, want %d", tc.delay, first, tc.firstSeen)
		}
	}
}

func TestPerSynapseDelaysAndAccumulation(t *testing.T) {
	// Per-synapse delays from a string; two synapses onto one neuron in
	// one step accumulate.
	StartScope()
	gen := must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(1, []int{0}, []units.Time{0}))
	g := must[*NeuronGroup](t)(NewNeuronGroup(3, "v : 1"))
	s := must[*Synapses](t)(NewSynapses(gen, g, Model("w : 1"), OnPre("v_post += w")))
	ok(t, s.Connect(I(0), J(0, 1, 2)))
	ok(t, s.Connect(I(0), J(2)))
	ok(t, s.SetExpr("w", "j*0.2 + 0.1"))
	ok(t, s.SetExpr("delay", "j*2*ms"))
	m := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v"}))
	ok(t, Run(5*ms))
	for j, wantStep := range []int{1, 21, 41} {
		v := m.Of("v", j).Floats()
		want := 0.2*float64(j) + 0.1
		if j == 2 {
			want *= 2
		}
		if v[wantStep-1] != 0 || math.Abs(v[wantStep]-want) > 1e-15 {
			t.Errorf("neuron %d: v[%d..%d] = %g, %g; want 0 then %g", j, wantStep-1, wantStep, v[wantStep-1], v[wantStep], want)
		}
	}
	if d := s.Get("delay").In(ms); d[3] != 4 {
		t.Errorf("delays %v ms", d)
	}
}

func TestRefractoriness(t *testing.T) {
	// §6: without (unless refractory) refractoriness only gates the
	// threshold; with it, v is clamped and synaptic writes are dropped.
	tests := []struct {
		flag   string
		spikes []int
		v      map[int]float64 // step → v
	}{
		{"", []int{5, 25}, map[int]float64{6: 0, 7: 0.2, 11: 1.1, 24: 3.7, 26: 0}},
		{"(unless refractory)", []int{5, 30}, map[int]float64{6: 0, 11: 0, 24: 0, 25: 0, 26: 0.2, 30: 1.0}},
	}
	for _, tc := range tests {
		StartScope()
		g := must[*NeuronGroup](t)(NewNeuronGroup(1, "dv/dt = 2/ms : 1 "+tc.flag, Threshold("v>1"), Reset("v=0"), Refractory(2*ms), Method("euler")))
		gen := must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(1, []int{0}, []units.Time{1 * ms}))
		s := must[*Synapses](t)(NewSynapses(gen, g, OnPre("v += 0.1")))
		ok(t, s.Connect())
		m := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v", "not_refractory", "lastspike"}))
		sp := must[*SpikeMonitor](t)(NewSpikeMonitor(g))
		ok(t, Run(3.2*ms))
		var steps []int
		for _, s := range monitorSteps(sp, 1e-4) {
			steps = append(steps, s[0])
		}
		if len(steps) != len(tc.spikes) || steps[0] != tc.spikes[0] || steps[1] != tc.spikes[1] {
			t.Errorf("flag %q: spikes at steps %v, want %v", tc.flag, steps, tc.spikes)
		}
		v := m.Of("v", 0).Floats()
		for k, want := range tc.v {
			if math.Abs(v[k]-want) > 1e-12 {
				t.Errorf("flag %q: v at step %d = %g, want %g", tc.flag, k, v[k], want)
			}
		}
		if ls := m.Of("lastspike", 0).Floats(); ls[0] != -1e4 || math.Abs(ls[6]-0.5e-3) > 1e-15 {
			t.Errorf("lastspike %g (initial, want -1e4 s), %g (after the spike)", ls[0], ls[6])
		}
		if nr := m.Of("not_refractory", 0).Floats(); nr[5] != 1 || nr[6] != 0 {
			t.Errorf("not_refractory around the spike: %v", nr[4:8])
		}
	}
}

func TestRefractoryStringForms(t *testing.T) {
	// A per-neuron time expression, and a condition (refractory while true).
	StartScope()
	g := must[*NeuronGroup](t)(NewNeuronGroup(2, "dv/dt = 2/ms : 1\ntref : second", Threshold("v>1"), Reset("v=0"), Refractory("tref"), Method("euler")))
	ok(t, g.SetSlice("tref", []units.Time{1 * ms, 2 * ms}))
	sp := must[*SpikeMonitor](t)(NewSpikeMonitor(g))
	ok(t, Run(3*ms))
	checkSpikes(t, "tref", monitorSteps(sp, 1e-4), [][2]int{{5, 0}, {5, 1}, {15, 0}, {25, 0}, {25, 1}})

	StartScope()
	g = must[*NeuronGroup](t)(NewNeuronGroup(1, "dv/dt = 2/ms : 1\ndu/dt = -u/ms : 1", Threshold("v>1"), Reset("v=0; u=1"), Refractory("u > 0.5"), Method("euler")))
	sp = must[*SpikeMonitor](t)(NewSpikeMonitor(g))
	ok(t, Run(2*ms))
	// After the reset u = 1 decays by 0.9 per step; refractoriness ends
	// in the step that starts with u = 0.9^7 = 0.48 (step 13).
	checkSpikes(t, "condition", monitorSteps(sp, 1e-4), [][2]int{{5, 0}, {13, 0}})
}

func TestLinkedVariableOrder(t *testing.T) {
	// §2, §7: a linked variable is a reference; whether the target sees the
	// source's updated value depends on the name order of the updaters.
	tests := []struct {
		src, dst string
		y1       float64
	}{
		{"neurongroup_5", "neurongroup_6", 0.01}, // source updated first
		{"neurongroup", "neurongroup_1", 0},      // target first (the seed's case)
	}
	for _, tc := range tests {
		StartScope()
		src := must[*NeuronGroup](t)(NewNeuronGroup(1, "dx/dt = 1/ms : 1", Method("euler"), Name(tc.src)))
		dst := must[*NeuronGroup](t)(NewNeuronGroup(1, "dy/dt = xs/ms : 1\nxs : 1 (linked)", Method("euler"), Name(tc.dst)))
		ok(t, dst.LinkVar("xs", src, "x"))
		m := must[*StateMonitor](t)(NewStateMonitor(dst, []string{"y", "xs"}))
		ok(t, Run(0.3*ms))
		y := m.Of("y", 0).Floats()
		if math.Abs(y[1]-tc.y1) > 1e-15 {
			t.Errorf("%s → %s: y = %v, want y[1] = %g", tc.src, tc.dst, y, tc.y1)
		}
		if xs := m.Of("xs", 0).Floats(); math.Abs(xs[2]-0.2) > 1e-15 {
			t.Errorf("linked xs read through the monitor: %v", xs)
		}
	}
}

func TestEulerMaruyamaVariance(t *testing.T) {
	// §11: dx/dt = sigma*xi with sigma = 1/sqrt(ms): var(x) after one step
	// is dt/ms = 0.1.
	StartScope()
	Seed(11)
	g := must[*NeuronGroup](t)(NewNeuronGroup(20000, "dx/dt = xi/sqrt(ms) : 1"))
	ok(t, Run(0.1*ms))
	if g.Method() != "euler" {
		t.Errorf("automatic method %q, want euler", g.Method())
	}
	x := g.Get("x").Floats()
	_, sd := meanSD(x)
	if v := sd * sd; math.Abs(v-0.1) > 0.005 {
		t.Errorf("variance after one step %g, want 0.1", v)
	}
}

func TestSeedReproducible(t *testing.T) {
	run := func(seed int64) []float64 {
		StartScope()
		Seed(seed)
		g := must[*NeuronGroup](t)(NewNeuronGroup(5000, "dx/dt = -x/ms + xi/sqrt(ms) : 1"))
		ok(t, g.SetExpr("x", "rand()"))
		ok(t, Run(1*ms))
		return g.Get("x").Floats()
	}
	a, b, c := run(3), run(3), run(4)
	for k := range a {
		if a[k] != b[k] {
			t.Fatalf("same seed, different x[%d]: %g %g", k, a[k], b[k])
		}
	}
	if a[0] == c[0] {
		t.Errorf("different seeds gave the same x[0]")
	}
}

func TestAutomaticMethod(t *testing.T) {
	tests := []struct{ eqs, want string }{
		{"dv/dt = (1-v)/(10*ms) : 1", "exact"},
		{"dv/dt = -v**2/ms : 1", "euler"},
		{"dv/dt = t/ms**2 : 1", "euler"},
		{"dv/dt = -v/ms + xi/sqrt(ms) : 1", "euler"},
	}
	for _, tc := range tests {
		StartScope()
		var logged []string
		SetLogger(func(level, msg string) { logged = append(logged, level+" "+msg) })
		g := must[*NeuronGroup](t)(NewNeuronGroup(1, tc.eqs))
		ok(t, Run(0.1*ms))
		SetLogger(nil)
		if g.Method() != tc.want {
			t.Errorf("%s: method %q, want %q", tc.eqs, g.Method(), tc.want)
		}
		if len(logged) != 1 || !strings.Contains(logged[0], `using method "`+tc.want+`"`) {
			t.Errorf("%s: log %q", tc.eqs, logged)
		}
	}
}

func TestExactMatchesAnalytic(t *testing.T) {
	// dv/dt = (I-v)/tau integrates to I + (v0-I)·exp(-t/tau); coupled
	// linear systems use the matrix exponential.
	StartScope()
	g := must[*NeuronGroup](t)(NewNeuronGroup(2, "dv/dt = (I-v)/(10*ms) : volt\nI : volt", Method("exact")))
	ok(t, g.SetSlice("I", []units.Voltage{10 * units.Millivolt, 20 * units.Millivolt}))
	ok(t, Run(5*ms))
	v := g.Get("v").In(units.Millivolt)
	for i, I := range []float64{10, 20} {
		if want := I * (1 - math.Exp(-0.5)); math.Abs(v[i]-want) > 1e-12 {
			t.Errorf("v[%d] = %.15g mV, want %.15g", i, v[i], want)
		}
	}
	StartScope()
	g = must[*NeuronGroup](t)(NewNeuronGroup(1, "dx/dt = y/ms : 1\ndy/dt = -x/ms : 1", Method("exact")))
	ok(t, g.Set("x", 1))
	ok(t, Run(1*ms))
	if x := g.Get("x").Floats()[0]; math.Abs(x-math.Cos(1)) > 1e-12 {
		t.Errorf("harmonic oscillator x(1 ms) = %.15g, want cos(1) = %.15g", x, math.Cos(1))
	}
}

func TestMethodsConverge(t *testing.T) {
	// Every deterministic method integrates dv/dt = -v/tau close to the
	// exact solution; higher orders closer.
	tests := []struct {
		method string
		tol    float64
	}{{"euler", 2e-3}, {"rk2", 1e-5}, {"rk4", 1e-10}, {"heun", 2e-3}, {"exponential_euler", 1e-14}, {"linear", 1e-14}, {"milstein", 2e-3}}
	for _, tc := range tests {
		StartScope()
		g := must[*NeuronGroup](t)(NewNeuronGroup(1, "dv/dt = -v/(10*ms) : 1", Method(tc.method)))
		ok(t, g.Set("v", 1))
		if err := Run(10 * ms); err != nil {
			t.Errorf("%s: %v", tc.method, err)
			continue
		}
		if d := math.Abs(g.Get("v").Floats()[0] - math.Exp(-1)); d > tc.tol {
			t.Errorf("%s: error %g > %g", tc.method, d, tc.tol)
		}
	}
}

func TestMethodErrors(t *testing.T) {
	tests := []struct{ eqs, method, want string }{
		{"dv/dt = -v/ms + xi/sqrt(ms) : 1", "exact", "stochastic"},
		{"dv/dt = -v/ms + xi/sqrt(ms) : 1", "exponential_euler", "stochastic"},
		{"dv/dt = -v/ms + v*xi/sqrt(ms) : 1", "euler", "multiplicative"},
		{"dv/dt = exp(v)/ms : 1", "exponential_euler", "conditionally linear"},
		{"dv/dt = v*w/ms : 1\ndw/dt = -w/ms : 1", "exact", "not constant"},
		{"dv/dt = t/ms**2 : 1", "linear", "time"},
		{"dv/dt = -v/ms + xi/sqrt(ms) : 1", "rk4", "stochastic"},
	}
	for _, tc := range tests {
		StartScope()
		_, err := NewNeuronGroup(1, tc.eqs, Method(tc.method))
		if err == nil {
			err = Run(0.1 * ms)
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s with %s: error %v, want one mentioning %q", tc.eqs, tc.method, err, tc.want)
		}
	}
	_, err := NewNeuronGroup(1, "dv/dt = -v/ms : 1", Method("rk45"))
	if err == nil || !strings.Contains(err.Error(), "known: ") {
		t.Errorf("unknown method: %v", err)
	}
}

func TestSetErrors(t *testing.T) {
	// §7/§9 messages and typed errors.
	StartScope()
	g := must[*NeuronGroup](t)(NewNeuronGroup(2, "dv/dt = -v/(10*ms) : volt\nI = v/ohm : amp"))
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"number for volt", g.Set("v", 3), "v should be set with a value with units V, but got 3"},
		{"string with wrong unit", g.SetExpr("v", "3*second"), "v"},
		{"unknown variable", g.Set("u", 1), `no variable "u"`},
		{"subexpression", g.Set("I", 1*units.Ampere), "subexpression"},
		{"slice length", g.SetSlice("v", []units.Voltage{1}), "1 values for 2 neurons"},
		{"plain numbers", g.SetSlice("v", []float64{1, 2}), "multiply them by a unit"},
		{"index", g.SetAt("v", 5, 1*units.Millivolt), "outside"},
	}
	for _, tc := range tests {
		var oe *ObjectError
		if tc.err == nil || !errors.As(tc.err, &oe) || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%s: error %v, want an *ObjectError mentioning %q", tc.name, tc.err, tc.want)
		}
	}
	ok(t, g.SetExpr("v", "-70*mV + i*mV"))
	if v := g.Get("v").In(units.Millivolt); math.Abs(v[1]+69) > 1e-12 {
		t.Errorf("SetExpr with i: %v", v)
	}
	if I := g.Get("I").In(units.Ampere); math.Abs(I[0]+0.07) > 1e-15 {
		t.Errorf("subexpression read: %v", I)
	}
	// Units are checked at construction, not at run.
	_, err := NewNeuronGroup(1, "dv/dt = -v : volt")
	if err == nil || !strings.Contains(err.Error(), "v") {
		t.Errorf("dv/dt = -v : volt: %v", err)
	}
	_, err = NewNeuronGroup(1, "dv/dt = -v/(10*ms) : volt", Threshold("v > 1"))
	if err == nil {
		t.Errorf("threshold v > 1 with v in volt: no error")
	}
}

func TestNamesResolvedAtRun(t *testing.T) {
	// Names come from the Namespace option or the resolver and are read
	// again at every run (changing tau changes the next run).
	StartScope()
	vals := map[string]any{"tau": 10 * ms}
	SetResolver(func(name string) (any, bool) { v, ok := vals[name]; return v, ok })
	defer SetResolver(nil)
	g := must[*NeuronGroup](t)(NewNeuronGroup(1, "dv/dt = -v/tau : 1", Method("euler")))
	ok(t, g.Set("v", 1))
	ok(t, Run(0.1*ms))
	v1 := g.Get("v").Floats()[0]
	vals["tau"] = 1 * ms
	ok(t, Run(0.1*ms))
	v2 := g.Get("v").Floats()[0]
	if math.Abs(v1-0.99) > 1e-15 || math.Abs(v2-0.99*0.9) > 1e-15 {
		t.Errorf("v after runs with tau = 10 ms, 1 ms: %g, %g", v1, v2)
	}
	StartScope()
	_, err := NewNeuronGroup(1, "dv/dt = -v/tau2 : 1")
	if err == nil || !strings.Contains(err.Error(), "tau2") {
		t.Errorf("unresolved name: %v", err)
	}
	g = must[*NeuronGroup](t)(NewNeuronGroup(1, "dv/dt = -v/tau : 1", Namespace(map[string]any{"tau": 5 * ms})))
	ok(t, g.Set("v", 1))
	ok(t, Run(0.1*ms))
	if v := g.Get("v").Floats()[0]; math.Abs(v-math.Exp(-0.02)) > 1e-15 {
		t.Errorf("Namespace tau = 5 ms: v = %.17g", v)
	}
}

func TestStochasticMultiplicative(t *testing.T) {
	// Geometric Brownian motion in Stratonovich form, dx/dt = s·x·xi:
	// ln x(t) = s·W(t), so mean(ln x) = 0 and var(ln x) = s²·t = 0.25.
	for _, method := range []string{"heun", "milstein", ""} {
		StartScope()
		Seed(9)
		g := must[*NeuronGroup](t)(NewNeuronGroup(40000, "dx/dt = 0.5*x*xi/sqrt(ms) : 1", Method(method)))
		if method == "" {
			g = must[*NeuronGroup](t)(NewNeuronGroup(40000, "dx/dt = 0.5*x*xi/sqrt(ms) : 1"))
		}
		ok(t, g.Set("x", 1))
		ok(t, Run(1*ms))
		if method == "" && g.Method() != "heun" {
			t.Errorf("automatic method for multiplicative noise: %q, want heun", g.Method())
		}
		x := g.Get("x").Floats()
		l := make([]float64, len(x))
		for k := range x {
			l[k] = math.Log(x[k])
		}
		m, sd := meanSD(l)
		if math.Abs(m) > 0.02 || math.Abs(sd*sd-0.25) > 0.02 {
			t.Errorf("%s: mean(ln x) = %.4f, var(ln x) = %.4f; want 0 and 0.25", g.Method(), m, sd*sd)
		}
	}
}

func TestWarnings(t *testing.T) {
	// §3: a threshold without reset or refractoriness is a warning; §5:
	// generator spikes already in the past at the start of a run are
	// dropped with a warning.
	var logged []string
	SetLogger(func(level, msg string) { logged = append(logged, level+" "+msg) })
	defer SetLogger(nil)
	StartScope()
	must[*NeuronGroup](t)(NewNeuronGroup(1, "dv/dt = 1/ms : 1", Threshold("v > 1"), Method("euler")))
	if len(logged) != 1 || !strings.HasPrefix(logged[0], "WARNING neurongroup has a threshold but neither reset") {
		t.Errorf("logged %q", logged)
	}
	StartScope()
	logged = nil
	gen := must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(1, []int{0, 0}, []units.Time{0.5 * ms, 3 * ms}))
	sp := must[*SpikeMonitor](t)(NewSpikeMonitor(gen))
	ok(t, Run(1*ms))
	// A spike that was never emitted and is now in the past.
	ok(t, gen.SetSpikes([]int{0, 0}, []units.Time{0.7 * ms, 3 * ms}))
	ok(t, Run(3*ms))
	if len(logged) != 1 || !strings.Contains(logged[0], "1 spike(s) lie before the start of the run") {
		t.Errorf("logged %q", logged)
	}
	checkSpikes(t, "generator", monitorSteps(sp, 1e-4), [][2]int{{5, 0}, {30, 0}})
}
