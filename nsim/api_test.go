package nsim

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"gonsim/nsim/units"
)

func TestConnectForms(t *testing.T) {
	tests := []struct {
		name  string
		opts  []Option
		n     int // expected synapses (exact), or -1 for the statistical case
		check func(i, j []int) string
	}{
		{"all to all", nil, 20, nil},
		{"p=1", []Option{P(1)}, 20, nil},
		{"explicit", []Option{I(0, 1, 3), J(4, 4, 0)}, 3, func(i, j []int) string {
			if i[2] != 3 || j[2] != 0 {
				return "wrong pair"
			}
			return ""
		}},
		{"one pre to several", []Option{I(2), J(0, 1)}, 2, nil},
		{"condition", []Option{Condition("i != j")}, 16, func(i, j []int) string {
			for k := range i {
				if i[k] == j[k] {
					return "i == j connected"
				}
			}
			return ""
		}},
		{"condition on variables", []Option{Condition("x_pre > 1.5 and x_post < 2.5")}, 2 * 3, nil},
		{"one to one", []Option{OneToOne()}, 4, func(i, j []int) string {
			for k := range i {
				if i[k] != j[k] {
					return "not one to one"
				}
			}
			return ""
		}},
		{"j expression", []Option{JExpr("i + 1")}, 4, nil},
		{"copies", []Option{OneToOne(), Copies(3)}, 12, nil},
	}
	for _, tc := range tests {
		StartScope()
		a := must[*NeuronGroup](t)(NewNeuronGroup(4, "x : 1"))
		b := must[*NeuronGroup](t)(NewNeuronGroup(5, "x : 1"))
		ok(t, a.SetExpr("x", "i"))
		ok(t, b.SetExpr("x", "i"))
		s := must[*Synapses](t)(NewSynapses(a, b, OnPre("x += 1")))
		if err := s.Connect(tc.opts...); err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if s.N() != tc.n {
			t.Errorf("%s: %d synapses, want %d", tc.name, s.N(), tc.n)
		}
		if tc.check != nil {
			if msg := tc.check(s.I(), s.J()); msg != "" {
				t.Errorf("%s: %s (i=%v j=%v)", tc.name, msg, s.I(), s.J())
			}
		}
	}
	// Probability: binomial count over 200×200 pairs.
	StartScope()
	Seed(5)
	a := must[*NeuronGroup](t)(NewNeuronGroup(200, "x : 1"))
	for _, p := range []float64{0.02, 0.3} {
		s := must[*Synapses](t)(NewSynapses(a, a, OnPre("x += 1")))
		ok(t, s.Connect(P(p)))
		want := p * 40000
		if math.Abs(float64(s.N())-want) > 4*math.Sqrt(want*(1-p)) {
			t.Errorf("p=%g: %d synapses, want about %.0f", p, s.N(), want)
		}
		s2 := must[*Synapses](t)(NewSynapses(a, a, OnPre("x += 1")))
		ok(t, s2.Connect(P(p), Condition("i != j")))
		for k, i := range s2.I() {
			if i == s2.J()[k] {
				t.Fatalf("p=%g with condition: autapse", p)
			}
		}
	}
	// Bad input is an error, not a panic.
	for _, opts := range [][]Option{{I(900), J(0)}, {I(0)}, {JExpr("i + 10")}, {Condition("i + 1")}, {Threshold("x")}} {
		s := must[*Synapses](t)(NewSynapses(a, a, OnPre("x += 1")))
		if err := s.Connect(opts...); err == nil {
			t.Errorf("Connect(%v): no error", opts)
		}
	}
}

func TestSubgroupsAndOnPost(t *testing.T) {
	StartScope()
	g := must[*NeuronGroup](t)(NewNeuronGroup(10, "dv/dt = 1/ms : 1\nc : 1", Threshold("v > 1"), Reset("v = 0"), Method("euler")))
	exc := must[*Subgroup](t)(g.Sub(0, 8))
	inh := must[*Subgroup](t)(g.Sub(8, 10))
	ok(t, inh.Set("v", 0.55)) // neurons 8, 9 spike earlier
	ok(t, exc.SetExpr("c", "i"))
	ok(t, inh.SetExpr("c", "10 + i"))
	if c := g.Get("c").Floats(); c[3] != 3 || c[8] != 10 || c[9] != 11 {
		t.Errorf("subgroup SetExpr with i: %v", c)
	}
	ok(t, inh.Set("c", 0))
	if c := inh.Get("c").Floats(); c[0] != 0 {
		t.Errorf("subgroup set leaked: %v", c)
	}
	s := must[*Synapses](t)(NewSynapses(inh, exc, Model("w : 1"), OnPre("c_post += 100"), OnPost("w += 1")))
	ok(t, s.Connect(I(0), J(3)))
	sp := must[*SpikeMonitor](t)(NewSpikeMonitor(inh))
	m := must[*StateMonitor](t)(NewStateMonitor(exc, []string{"c"}, Record(3)))
	ok(t, Run(1.2*ms))
	// Neurons 8, 9 (inh 0, 1) spike at step 4, neurons 0…7 at step 10.
	checkSpikes(t, "inh spikes", monitorSteps(sp, 1e-4), [][2]int{{4, 0}, {4, 1}})
	c := m.Of("c", 3).Floats()
	if c[4] != 3 || c[5] != 103 {
		t.Errorf("c of exc neuron 3 around the inh spike: %v", c[4:8])
	}
	if w := s.Get("w").Floats(); w[0] != 1 {
		t.Errorf("on_post ran %g times, want once (exc neuron 3 spiked once)", w[0])
	}
	if v := m.Of("v", 3); v.Err() == nil || !strings.Contains(v.Err().Error(), "does not record") {
		t.Errorf("unrecorded variable: %v", v.Err())
	}
}

func TestPoissonGroupAndRateMonitor(t *testing.T) {
	StartScope()
	Seed(2)
	p := must[*PoissonGroup](t)(NewPoissonGroup(1000, 50*units.Hertz))
	q := must[*PoissonGroup](t)(NewPoissonGroup(100, "i*Hz"))
	r := must[*PopulationRateMonitor](t)(NewPopulationRateMonitor(p))
	sp := must[*SpikeMonitor](t)(NewSpikeMonitor(q))
	ok(t, Run(1000*ms))
	rates := r.Rate().In(units.Hertz)
	if len(rates) != 10000 {
		t.Fatalf("%d rate samples", len(rates))
	}
	m, _ := meanSD(rates)
	if math.Abs(m-50) > 4*math.Sqrt(50.0/1000) {
		t.Errorf("mean population rate %g Hz, want 50", m)
	}
	cnt := sp.Count()
	lo, hi := 0, 0
	for i := 0; i < 50; i++ {
		lo += cnt[i]
		hi += cnt[50+i]
	}
	// Expected 1225 and 3725 spikes.
	if math.Abs(float64(lo)-1225) > 150 || math.Abs(float64(hi)-3725) > 250 {
		t.Errorf("rate expression i*Hz: %d and %d spikes in the two halves", lo, hi)
	}
	for _, w := range []string{"flat", "gaussian"} {
		sm := r.SmoothRate(w, 10*ms).In(units.Hertz)
		if len(sm) != 10000 || math.Abs(sm[5000]-50) > 15 {
			t.Errorf("%s smoothed rate at 500 ms: %g Hz", w, sm[5000])
		}
		if sm[0] > 0.7*sm[5000] {
			t.Errorf("%s smoothing does not pad with zeros at the edge: %g", w, sm[0])
		}
	}
	if r.SmoothRate("box", 10*ms).Err() == nil {
		t.Error("unknown window accepted")
	}
	if tr := sp.Trains(); len(tr) != 100 || tr[99].Len() != cnt[99] {
		t.Errorf("spike trains inconsistent with counts")
	}
	if _, err := NewPoissonGroup(3, 5*units.Millivolt); err == nil {
		t.Error("rates in mV accepted")
	}
}

func TestMemoryLimit(t *testing.T) {
	StartScope()
	defer SetMemoryLimit(1 << 30)
	SetMemoryLimit(1 << 20)
	g := must[*NeuronGroup](t)(NewNeuronGroup(100, "dv/dt = -v/ms : 1"))
	m := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v"}))
	err := Run(1000 * ms)
	var me *MemoryError
	if !errors.As(err, &me) {
		t.Fatalf("error %v, want a *MemoryError", err)
	}
	if me.Need != (10000*100+10000)*8 || !strings.Contains(err.Error(), "1 variable(s) × 100 neuron(s) × 10000 steps") || !strings.Contains(err.Error(), "7.7 MiB") {
		t.Errorf("message %q (need %d)", err, me.Need)
	}
	if m.Len() != 0 || T() != 0 || cap(m.t) != 0 {
		t.Errorf("refused run ran or allocated: %d samples, t = %g", m.Len(), T())
	}
	ok(t, Run(5*ms))
	if m.Len() != 50 {
		t.Errorf("%d samples after a run within the limit", m.Len())
	}
}

func TestCancellationAndProgress(t *testing.T) {
	StartScope()
	g := must[*NeuronGroup](t)(NewNeuronGroup(20000, "dv/dt = -v/(10*ms) + xi/sqrt(ms) : 1"))
	m := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v"}, Record(0)))
	var reports []Progress
	ctx, cancel := context.WithCancel(context.Background())
	var stopped time.Time
	// Cancel from another goroutine once the run is under way (the first
	// progress report, ~100 ms in), as a notebook interrupt would.
	SetReporter(func(p Progress) {
		reports = append(reports, p)
		if len(reports) == 1 {
			go func() {
				time.Sleep(50 * time.Millisecond)
				stopped = time.Now()
				cancel()
			}()
		}
	})
	defer SetReporter(nil)
	SetContext(ctx)
	defer SetContext(nil)
	err := Run(1000 * units.Second)
	lag := time.Since(stopped)
	var ie *InterruptedError
	if !errors.As(err, &ie) || !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want an *InterruptedError wrapping context.Canceled", err)
	}
	// A step takes ~0.2 ms, so a run that polls stops within a few ms on a
	// quiet machine; the bound is wide for a loaded one. The run was for
	// 1000 s of simulated time (hours of wall time): returning at all
	// proves the cancel was seen.
	if lag > 2*time.Second {
		t.Errorf("run stopped %v after the cancel", lag)
	}
	// Monitors are consistent: one sample per completed step.
	if got := float64(m.Len()) * 1e-4; math.Abs(got-ie.T) > 1e-9 || math.Abs(float64(T())-ie.T) > 1e-12 {
		t.Errorf("%d samples but stopped at t = %g, network t = %g", m.Len(), ie.T, T())
	}
	if len(reports) < 2 || !reports[len(reports)-1].Done || reports[0].Fraction > 1 {
		t.Errorf("progress reports: %d, last %+v", len(reports), reports[len(reports)-1])
	}
	// A later run continues from there.
	SetContext(nil)
	before := m.Len()
	ok(t, Run(1*ms))
	if m.Len() != before+10 {
		t.Errorf("continuation: %d samples, want %d", m.Len(), before+10)
	}
}

func TestExplicitNetwork(t *testing.T) {
	StartScope()
	g := must[*NeuronGroup](t)(NewNeuronGroup(1, "dv/dt = 1/ms : 1", Method("euler")))
	m := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v"}))
	net := must[*Network](t)(NewNetwork(m))
	ok(t, net.RunContext(context.Background(), 1*ms))
	ok(t, net.Run(1*ms))
	if m.Len() != 20 || net.T() != 2e-3 || T() != 0 {
		t.Errorf("explicit network: %d samples, t = %g, default t = %g", m.Len(), net.T(), T())
	}
	if v := g.Get("v").Floats()[0]; math.Abs(v-2) > 1e-12 {
		t.Errorf("group run through its monitor's dependency: v = %g", v)
	}
	if err := net.Run(-1 * ms); err == nil {
		t.Error("negative duration accepted")
	}
	if err := net.Run(3 * units.Millivolt); err == nil || !strings.Contains(err.Error(), "want a time") {
		t.Errorf("duration in mV: %v", err)
	}
	StartScope()
	if err := Run(1 * ms); !errors.Is(err, ErrNoObjects) {
		t.Errorf("empty scope: %v", err)
	}
}

func TestMIMEBundles(t *testing.T) {
	StartScope()
	g := must[*NeuronGroup](t)(NewNeuronGroup(3, "dv/dt = -v/(10*ms) : volt", Threshold("v > 10*mV"), Reset("v = 0*mV")))
	gen := must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(1, []int{0}, []units.Time{1 * ms}))
	s := must[*Synapses](t)(NewSynapses(gen, g, OnPre("v += 20*mV")))
	ok(t, s.Connect())
	m := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v"}))
	sp := must[*SpikeMonitor](t)(NewSpikeMonitor(g))
	r := must[*PopulationRateMonitor](t)(NewPopulationRateMonitor(g))
	p := must[*PoissonGroup](t)(NewPoissonGroup(2, 1*units.Hertz))
	sub := must[*Subgroup](t)(g.Sub(0, 2))
	ok(t, Run(2*ms))
	for _, o := range []interface{ MIMEBundle() map[string]any }{g, gen, s, m, sp, r, p, sub, m.T()} {
		b := o.MIMEBundle()
		txt, _ := b["text/plain"].(string)
		h, _ := b["text/html"].(string)
		if txt == "" || h == "" || !strings.HasPrefix(h, "<") {
			t.Errorf("%T: bundle %v", o, b)
		}
	}
	if txt := sp.MIMEBundle()["text/plain"].(string); !strings.Contains(txt, "3 spike(s)") {
		t.Errorf("spike monitor summary %q", txt)
	}
	if got := m.Of("v", 0).At(10, 11, 999); got.Len() != 3 || !math.IsNaN(got.Floats()[2]) {
		t.Errorf("At: %v", got)
	}
	if mv := m.Of("v", 0).In(units.Millivolt); mv[11] != 20 {
		t.Errorf("v in mV at step 11: %g", mv[11])
	}
	if _, err := m.Of("v", 0).Convert(units.Second); err == nil {
		t.Error("volt values converted to seconds")
	}
}

func TestBadNumbersAreErrors(t *testing.T) {
	StartScope()
	nan := units.Time(math.NaN())
	g := must[*NeuronGroup](t)(NewNeuronGroup(1, "v : 1"))
	if err := Run(nan); err == nil {
		t.Error("Run(NaN) accepted")
	}
	if err := Run(units.Time(math.Inf(1))); err == nil {
		t.Error("Run(Inf) accepted")
	}
	if _, err := NewSpikeGeneratorGroup(1, []int{0}, []units.Time{nan}); err == nil {
		t.Error("NaN spike time accepted")
	}
	if _, err := NewSpikeGeneratorGroup(1, []int{0}, []units.Time{1 * ms}, Period(nan)); err == nil {
		t.Error("NaN period accepted")
	}
	if _, err := NewSynapses(g, g, OnPre("v += 1"), Delay(nan)); err == nil {
		t.Error("NaN delay accepted")
	}
	s := must[*Synapses](t)(NewSynapses(g, g, OnPre("v += 1")))
	ok(t, s.Connect())
	ok(t, s.SetSlice("delay", []units.Time{nan}))
	if err := Run(1 * ms); err == nil || !strings.Contains(err.Error(), "delay") {
		t.Errorf("NaN delay at run: %v", err)
	}
	if _, err := NewNeuronGroup(0, "v : 1"); err == nil {
		t.Error("empty group accepted")
	}
	if _, err := NewNeuronGroup(1, "v : 1", Dt(-1*ms)); err == nil {
		t.Error("negative dt accepted")
	}
	if _, err := NewNeuronGroup(1, "v : 1", OnPre("v += 1")); err == nil || !strings.Contains(err.Error(), "does not apply") {
		t.Errorf("option of another constructor: %v", err)
	}
}

func TestNames(t *testing.T) {
	StartScope()
	a := must[*NeuronGroup](t)(NewNeuronGroup(1, "v : 1", Name("neurongroup")))
	b := must[*NeuronGroup](t)(NewNeuronGroup(1, "v : 1"))
	c := must[*NeuronGroup](t)(NewNeuronGroup(1, "v : 1"))
	if a.Name() != "neurongroup" || b.Name() != "neurongroup_1" || c.Name() != "neurongroup_2" {
		t.Errorf("names %s %s %s", a.Name(), b.Name(), c.Name())
	}
	if _, err := NewNeuronGroup(1, "v : 1", Name("neurongroup_1")); err == nil {
		t.Error("duplicate explicit name accepted")
	}
	StartScope()
	if d := must[*NeuronGroup](t)(NewNeuronGroup(1, "v : 1")); d.Name() != "neurongroup" {
		t.Errorf("after StartScope: %s", d.Name())
	}
}

func TestSynapticEquations(t *testing.T) {
	// A clock-driven synaptic trace: each synapse's x decays exactly and
	// is kicked by its own presynaptic spikes; weights read v_pre.
	StartScope()
	gen := must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(2, []int{0, 1}, []units.Time{1 * ms, 2 * ms}))
	g := must[*NeuronGroup](t)(NewNeuronGroup(1, "v : 1"))
	s := must[*Synapses](t)(NewSynapses(gen, g, Model("dx/dt = -x/(10*ms) : 1\nw : 1"), OnPre("x += 1; v_post += w"), Method("exact")))
	ok(t, s.Connect())
	ok(t, s.Set("w", 0.5))
	ok(t, Run(3*ms))
	x := s.Get("x").Floats()
	// Synapse 0 is kicked in step 10 and decays in steps 11…29 (19 × dt/tau
	// = 0.19); synapse 1 is kicked in step 20 (9 decays).
	if math.Abs(x[0]-math.Exp(-0.19)) > 1e-12 || math.Abs(x[1]-math.Exp(-0.09)) > 1e-12 {
		t.Errorf("x = %v, want %g, %g", x, math.Exp(-0.19), math.Exp(-0.09))
	}
	if v := g.Get("v").Floats()[0]; v != 1 {
		t.Errorf("v = %g, want 1", v)
	}
	if s.Method() != "exact" {
		t.Errorf("method %q", s.Method())
	}
}
