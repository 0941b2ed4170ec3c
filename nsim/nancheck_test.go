package nsim

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gonsim/nsim/internal/mathfn"
)

// TestNaNStopsTheRun: a state variable that stops being finite ends the
// run with a *NaNError naming the group, variable, neuron and the window
// of time, at most nanEvery steps after it happened; the monitors hold the
// steps up to there and the network stays usable.
func TestNaNStopsTheRun(t *testing.T) {
	for _, c := range []struct {
		name, eqs, method string
		set               map[string]float64
		wantVar           string
		wantIdx           int
		msg               string
		generic           bool // with the fused linear update off
	}{
		// v → −9v every step. The fused update (linear_fused.go) computes
		// −9·v, which overflows to ±Inf when the true value does, after
		// 323 steps, and stays infinite.
		{"unstable euler", "dv/dt = -v/(0.01*ms) : 1", "euler", map[string]float64{"v": 1}, "v", 0,
			"neurongroup: v of neuron 0 became +Inf between t = 32 ms and 35.2 ms; the run stopped at 35.2 ms (an unstable integration? try a smaller dt or another method)", false},
		// The generic path follows the tree, v + dt·(−v/tau): v/tau
		// overflows after 318 steps, then inf − inf is NaN.
		{"unstable euler, generic", "dv/dt = -v/(0.01*ms) : 1", "euler", map[string]float64{"v": 1}, "v", 0,
			"neurongroup: v of neuron 0 became NaN between t = 28.8 ms and 32 ms; the run stopped at 32 ms (an unstable integration? try a smaller dt or another method)", true},
		// sqrt of a negative value at the first step.
		{"sqrt", "dv/dt = sqrt(v)/ms : 1\nI : 1", "euler", map[string]float64{"v": -1, "I": math.NaN()}, "v", 0,
			"neurongroup: v of neuron 0 became NaN between t = 0 s and 3.2 ms", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer func(off bool) { noLinearFusion = off }(noLinearFusion)
			noLinearFusion = c.generic
			StartScope()
			g := must[*NeuronGroup](t)(NewNeuronGroup(3, c.eqs, Method(c.method)))
			for v, x := range c.set {
				ok(t, g.Set(v, x))
			}
			m := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v"}, RecordAll()))
			err := Run(100 * ms)
			var ne *NaNError
			if !errors.As(err, &ne) {
				t.Fatalf("run: %v, want a *NaNError", err)
			}
			if ne.Var != c.wantVar || ne.Index != c.wantIdx || ne.Element != "neuron" {
				t.Errorf("NaNError %+v, want %s of neuron %d", ne, c.wantVar, c.wantIdx)
			}
			if !strings.HasPrefix(err.Error(), c.msg) {
				t.Errorf("error %q, want it to start with %q", err, c.msg)
			}
			if ne.To-ne.From > nanEvery*1e-4+1e-9 {
				t.Errorf("window [%g, %g] s is longer than %d steps", ne.From, ne.To, nanEvery)
			}
			// Every value recorded up to From is finite: the scan that
			// found it was the first after it happened.
			for k, x := range m.Of("v", 0).Floats() {
				if float64(k)*1e-4 <= ne.From+1e-9 && mathfn.FirstNonFinite([]float64{x}) == 0 {
					t.Errorf("v was already %v at step %d, before the window [%g, %g]", x, k, ne.From, ne.To)
					break
				}
			}
			if got := float64(T()); math.Abs(got-ne.To) > 1e-9 {
				t.Errorf("T() = %g after the stop, want %g", got, ne.To)
			}
			if steps := m.Len(); steps != int(math.Round(ne.To/1e-4)) {
				t.Errorf("monitor has %d steps, want %d (up to the stop)", steps, int(math.Round(ne.To/1e-4)))
			}
		})
	}
}

// A variable that is NaN before the run (the user's choice) is not
// reported.
func TestNaNBeforeTheRunIsNotReported(t *testing.T) {
	StartScope()
	g := must[*NeuronGroup](t)(NewNeuronGroup(2, "dv/dt = -v/(10*ms) : 1\nx : 1"))
	ok(t, g.Set("x", math.NaN()))
	ok(t, Run(10*ms))
	if v := g.Get("x").Floats(); !math.IsNaN(v[0]) {
		t.Errorf("x = %v", v)
	}
}
