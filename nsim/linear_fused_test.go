package nsim

import (
	"math"
	"slices"
	"testing"
)

// fusedRun runs model for 50 ms with the fused linear update on or off
// and returns whether the fused update was taken, the spikes (steps and
// indices) and the recorded v and not_refractory (every step, every
// neuron).
func fusedRun(t *testing.T, model string, opts []Option, setup func(g *NeuronGroup), off bool) (bool, []int, []int, []float64) {
	t.Helper()
	defer func(old bool) { noLinearFusion = old }(noLinearFusion)
	noLinearFusion = off
	StartScope()
	Seed(7)
	ns := map[string]any{"tau": 10 * ms, "sigma": 0.2}
	input := must[*NeuronGroup](t)(NewNeuronGroup(1, "x = 1.5 : 1"))
	g := must[*NeuronGroup](t)(NewNeuronGroup(40, model, append([]Option{Namespace(ns)}, opts...)...))
	if g.vars["I_shared"] != nil {
		ok(t, g.LinkVar("I_shared", input, "x"))
	}
	ok(t, g.SetExpr("v", "rand()*0.5"))
	if setup != nil {
		setup(g)
	}
	sm := must[*SpikeMonitor](t)(NewSpikeMonitor(g))
	rec := []string{"v"}
	if g.vars["not_refractory"] != nil {
		rec = append(rec, "not_refractory")
	}
	st := must[*StateMonitor](t)(NewStateMonitor(g, rec, RecordAll()))
	ok(t, Run(50*ms))
	var steps []int
	for _, s := range sm.T().Floats() {
		steps = append(steps, int(math.Round(s/1e-4)))
	}
	var vals []float64
	for _, name := range rec {
		for i := range 40 {
			vals = append(vals, st.Of(name, i).Floats()...)
		}
	}
	return g.upd != nil && g.upd.linear != nil, steps, sm.I(), vals
}

// TestLinearFusedMatchesGeneric runs each model through the fused linear
// update (linear_fused.go) and through the generic path: the fused path
// must be taken exactly where it applies, give the same spikes, and the
// same values up to rounding (the noise draws are the same, in the same
// order); models it declines run the generic path unchanged.
func TestLinearFusedMatchesGeneric(t *testing.T) {
	perNeuronI := func(g *NeuronGroup) { ok(t, g.SetExpr("I", "1 + 0.5*rand()")) }
	for _, c := range []struct {
		name, model string
		opts        []Option
		setup       func(g *NeuronGroup)
		fused       bool
	}{
		{"one-state noisy, linked input", `
dv/dt = (1.1*I - v) / tau + sigma * (2 / tau)**.5 * xi : 1
I = I_shared*int((t>10*ms) and (t<40*ms)) : 1
I_shared : 1 (linked)`, []Option{Threshold("v > 1"), Reset("v = 0"), Refractory(3 * ms), Method("euler")}, nil, true},
		{"one-state noisy, unless refractory", "dv/dt = (1.2 - v) / tau + sigma * (2 / tau)**.5 * xi : 1 (unless refractory)",
			[]Option{Threshold("v > 1"), Reset("v = 0"), Refractory(3 * ms), Method("euler")}, nil, true},
		{"one-state deterministic exact", "dv/dt = (1.5 - v) / tau : 1",
			[]Option{Threshold("v >= 1"), Reset("v = 0.1"), Method("exact")}, nil, true},
		{"deterministic, unless refractory, threshold not v > const", "dv/dt = (1.5 - v) / tau : 1 (unless refractory)",
			[]Option{Threshold("v > 0.9 + 0.1*sin(2*pi*t/(7*ms))"), Reset("v = 0"), Refractory(2 * ms), Method("exact")}, nil, true},
		{"threshold on another expression", "dv/dt = (1.5 - v) / tau + sigma * (2 / tau)**.5 * xi : 1",
			[]Option{Threshold("2*v > 1.8"), Reset("v = 0"), Refractory(1 * ms), Method("euler")}, nil, true},
		{"declined: nonlinear", "dv/dt = (1.5 - v**2) / tau : 1",
			[]Option{Threshold("v > 1"), Reset("v = 0"), Method("euler")}, nil, false},
		{"declined: per-neuron input", "dv/dt = (I - v) / tau + sigma * (2 / tau)**.5 * xi : 1\nI : 1",
			[]Option{Threshold("v > 1"), Reset("v = 0"), Refractory(2 * ms), Method("euler")}, perNeuronI, false},
		{"declined: two states (exact)", "dv/dt = (w - v) / tau : 1 (unless refractory)\ndw/dt = (1.5 - w) / (2*tau) : 1",
			[]Option{Threshold("v > 1"), Reset("v = 0"), Refractory(2 * ms), Method("exact")}, nil, false},
		{"declined: rand() in the update", "dv/dt = (3*rand() - v) / tau : 1",
			[]Option{Threshold("v > 1"), Reset("v = 0"), Method("euler")}, nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			fused, fs, fi, fv := fusedRun(t, c.model, c.opts, c.setup, false)
			generic, gs, gi, gv := fusedRun(t, c.model, c.opts, c.setup, true)
			if fused != c.fused || generic {
				t.Fatalf("fused path taken: %v (want %v), with it off: %v", fused, c.fused, generic)
			}
			if len(gs) == 0 {
				t.Fatal("the generic path has no spikes: the model tests nothing")
			}
			if !slices.Equal(fs, gs) || !slices.Equal(fi, gi) {
				t.Fatalf("spikes differ: fused %d (steps %v…), generic %d (steps %v…)", len(fs), fs[:min(5, len(fs))], len(gs), gs[:min(5, len(gs))])
			}
			if len(fv) != len(gv) {
				t.Fatalf("%d recorded values fused, %d generic", len(fv), len(gv))
			}
			for k := range fv {
				if d := math.Abs(fv[k] - gv[k]); d > 1e-12*max(1, math.Abs(gv[k])) {
					t.Fatalf("value %d: fused %.17g, generic %.17g", k, fv[k], gv[k])
				}
			}
		})
	}
}
