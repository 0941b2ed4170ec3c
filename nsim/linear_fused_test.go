package nsim

import (
	"math"
	"slices"
	"testing"
)

// fusedRun runs model for 50 ms with the fused linear update on or off
// and returns the fused update taken ("linear", "affine" or ""), the spikes (steps and
// indices) and the recorded v and not_refractory (every step, every
// neuron).
func fusedRun(t *testing.T, model string, opts []Option, setup func(g *NeuronGroup), off bool) (string, []int, []int, []float64) {
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
	path := ""
	switch {
	case g.upd != nil && g.upd.linear != nil:
		path = "linear"
	case g.upd != nil && g.upd.affine != nil:
		path = "affine"
	}
	return path, steps, sm.I(), vals
}

// TestLinearFusedMatchesGeneric runs each model through the fused linear
// update (linear_fused.go) and through the generic path: the fused path
// must be taken exactly where it applies, give the same spikes, and the
// same values up to rounding (the noise draws are the same, in the same
// order); models it declines run the generic path unchanged.
func TestLinearFusedMatchesGeneric(t *testing.T) {
	const cubaLike = "dv/dt = (ge + gi + 1.2 - v) / tau : 1 (unless refractory)\ndge/dt = -ge/(5*ms) : 1\ndgi/dt = -gi/(7*ms) : 1"

	perNeuronI := func(g *NeuronGroup) { ok(t, g.SetExpr("I", "1 + 0.5*rand()")) }
	for _, c := range []struct {
		name, model string
		opts        []Option
		setup       func(g *NeuronGroup)
		fused       string
	}{
		{"one-state noisy, linked input", `
dv/dt = (1.1*I - v) / tau + sigma * (2 / tau)**.5 * xi : 1
I = I_shared*int((t>10*ms) and (t<40*ms)) : 1
I_shared : 1 (linked)`, []Option{Threshold("v > 1"), Reset("v = 0"), Refractory(3 * ms), Method("euler")}, nil, "linear"},
		{"one-state noisy, unless refractory", "dv/dt = (1.2 - v) / tau + sigma * (2 / tau)**.5 * xi : 1 (unless refractory)",
			[]Option{Threshold("v > 1"), Reset("v = 0"), Refractory(3 * ms), Method("euler")}, nil, "linear"},
		{"one-state deterministic exact", "dv/dt = (1.5 - v) / tau : 1",
			[]Option{Threshold("v >= 1"), Reset("v = 0.1"), Method("exact")}, nil, "linear"},
		{"deterministic, unless refractory, threshold not v > const", "dv/dt = (1.5 - v) / tau : 1 (unless refractory)",
			[]Option{Threshold("v > 0.9 + 0.1*sin(2*pi*t/(7*ms))"), Reset("v = 0"), Refractory(2 * ms), Method("exact")}, nil, "linear"},
		{"threshold on another expression", "dv/dt = (1.5 - v) / tau + sigma * (2 / tau)**.5 * xi : 1",
			[]Option{Threshold("2*v > 1.8"), Reset("v = 0"), Refractory(1 * ms), Method("euler")}, nil, "linear"},
		{"declined: nonlinear", "dv/dt = (1.5 - v**2) / tau : 1",
			[]Option{Threshold("v > 1"), Reset("v = 0"), Method("euler")}, nil, ""},
		{"declined: per-neuron input", "dv/dt = (I - v) / tau + sigma * (2 / tau)**.5 * xi : 1\nI : 1",
			[]Option{Threshold("v > 1"), Reset("v = 0"), Refractory(2 * ms), Method("euler")}, perNeuronI, ""},
		{"two states exact, unless refractory", "dv/dt = (w - v) / tau : 1 (unless refractory)\ndw/dt = (1.5 - w) / (2*tau) : 1",
			[]Option{Threshold("v > 1"), Reset("v = 0"), Refractory(2 * ms), Method("exact")}, nil, "affine"},
		{"CUBA-like three states exact", cubaLike,
			[]Option{Threshold("v > 1"), Reset("v = 0; ge += 0.3; gi -= 0.1"), Refractory(2 * ms), Method("exact")}, nil, "affine"},
		{"three states, no refractoriness, threshold v >= const", cubaLike,
			[]Option{Threshold("v >= 1"), Reset("v = 0; ge += 0.2"), Method("exact")}, nil, "affine"},
		{"three states, threshold not v > const", cubaLike,
			[]Option{Threshold("v + 0.1*gi > 1"), Reset("v = 0"), Refractory(1 * ms), Method("exact")}, nil, "affine"},
		{"three states euler, time-dependent input", "dv/dt = (ge + gi + 1.5*int(t > 5*ms) - v) / tau : 1 (unless refractory)\ndge/dt = -ge/(5*ms) : 1\ndgi/dt = (0.1 - gi)/(7*ms) : 1",
			[]Option{Threshold("v > 1"), Reset("v = 0; gi = -0.3"), Refractory(2 * ms), Method("euler")}, nil, "affine"},
		{"declined: two states with noise", "dv/dt = (w - v) / tau + sigma * (2 / tau)**.5 * xi : 1\ndw/dt = (1.5 - w) / (2*tau) : 1",
			[]Option{Threshold("v > 1"), Reset("v = 0"), Refractory(2 * ms), Method("euler")}, nil, ""},
		{"three states, threshold on a parameter", cubaLike + "\nI : 1",
			[]Option{Threshold("v > I"), Reset("v = 0"), Refractory(2 * ms), Method("exact")}, perNeuronI, "affine"},
		{"declined: three states, per-neuron time constant", "dv/dt = (ge + gi + 1.2 - v) / (tau*I) : 1\ndge/dt = -ge/(5*ms) : 1\ndgi/dt = -gi/(7*ms) : 1\nI : 1",
			[]Option{Threshold("v > 1"), Reset("v = 0"), Refractory(2 * ms), Method("euler")}, perNeuronI, ""},
		{"declined: rand() in the update", "dv/dt = (3*rand() - v) / tau : 1",
			[]Option{Threshold("v > 1"), Reset("v = 0"), Method("euler")}, nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			fused, fs, fi, fv := fusedRun(t, c.model, c.opts, c.setup, false)
			generic, gs, gi, gv := fusedRun(t, c.model, c.opts, c.setup, true)
			if fused != c.fused || generic != "" {
				t.Fatalf("fused path taken: %q (want %q), with it off: %q", fused, c.fused, generic)
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
