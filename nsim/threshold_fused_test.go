package nsim

import (
	"fmt"
	"testing"
)

// TestFusedThreshold runs models with the threshold tested during the
// update (fused) and in the thresholds slot, and requires the same spikes;
// it also checks which thresholds are fused: not those reading linked
// variables or drawing random numbers.
func TestFusedThreshold(t *testing.T) {
	for _, tt := range []struct {
		name      string
		n         int
		threshold string
		fused     bool
	}{
		{"state variable, several blocks", 5000, "x > 1", true},
		{"with i and t", 3000, "x > 1 - 0.0001*i + 0*t/second", true},
		{"linked input", 3000, "x + 0*I_shared > 1", false},
		{"random", 3000, "x > 1 + 0.01*rand()", false},
		{"one neuron", 1, "x > 1", true},
	} {
		run := func(fuse bool) (string, bool) {
			noFusedThresholds = !fuse
			defer func() { noFusedThresholds = false }()
			StartScope()
			Seed(3)
			ns := map[string]any{"tau": 10 * ms, "sigma": 0.03}
			input := must[*NeuronGroup](t)(NewNeuronGroup(1, "x = 1.5 : 1", Namespace(ns)))
			g := must[*NeuronGroup](t)(NewNeuronGroup(tt.n, `
dx/dt = (.65*I_shared - x) / tau + sigma * (2 / tau)**.5 * xi : 1
I_shared : 1 (linked)
`, Threshold(tt.threshold), Reset("x = 0"), Refractory(5*ms), Method("euler"), Namespace(ns)))
			ok(t, g.SetExpr("x", "rand()*0.2"))
			ok(t, g.LinkVar("I_shared", input, "x"))
			sp := must[*SpikeMonitor](t)(NewSpikeMonitor(g))
			ok(t, Run(100*ms))
			used := g.upd.cand != nil
			return fmt.Sprint(sp.I(), sp.T().Floats()), used
		}
		plain, usedPlain := run(false)
		fused, used := run(true)
		if usedPlain || used != tt.fused {
			t.Errorf("%s: fused %v (without fusion: %v), want %v", tt.name, used, usedPlain, tt.fused)
		}
		if fused != plain {
			t.Errorf("%s: spikes differ with the fused threshold", tt.name)
		}
		if len(plain) < 100 && tt.n > 1 || plain == "[] []" {
			t.Errorf("%s: too few spikes to compare: %s", tt.name, plain)
		}
	}
}
