package nsim

import (
	"math"
	"strings"
	"testing"

	"gonsim/nsim/units"
)

// a6b runs tutorial case A6b once: 20 free neurons with PoissonInput(N =
// 100, 10 Hz, weight 0.05) and 20 spiking ones with PoissonInput(N =
// 1000, 10 Hz, weight 0.012), 1 s, and returns the statistics the
// reference generator computes.
func a6b(t *testing.T, seed int64) map[string]float64 {
	StartScope()
	Seed(seed)
	ns := Namespace(map[string]any{"tau": 10 * ms})
	Gf := must[*NeuronGroup](t)(NewNeuronGroup(20, "dv/dt = -v/tau : 1", Method("exact"), ns))
	Gs := must[*NeuronGroup](t)(NewNeuronGroup(20, "dv/dt = -v/tau : 1", Threshold("v > 1"), Reset("v = 0"), Method("exact"), ns))
	must[*PoissonInput](t)(NewPoissonInput(Gf, "v", 100, 10*units.Hertz, 0.05))
	must[*PoissonInput](t)(NewPoissonInput(Gs, "v", 1000, 10*units.Hertz, 0.012))
	M := must[*StateMonitor](t)(NewStateMonitor(Gf, []string{"v"}, RecordAll()))
	sm := must[*SpikeMonitor](t)(NewSpikeMonitor(Gs))
	ok(t, Run(1000*ms))
	var sum, sum2, n float64
	for _, tr := range M.All("v") {
		for _, x := range tr.Floats()[1000:] {
			sum, sum2, n = sum+x, sum2+x*x, n+1
		}
	}
	mean := sum / n
	var isis []float64
	for _, tr := range sm.Trains() {
		ts := tr.Floats()
		if len(ts) > 2 {
			for k := 1; k < len(ts); k++ {
				isis = append(isis, ts[k]-ts[k-1])
			}
		}
	}
	im, isd := meanPopSD(isis)
	return map[string]float64{"v_mean": mean, "v_var": sum2/n - mean*mean,
		"rate_Hz": float64(sm.NumSpikes()) / 20, "cv_isi": isd / im}
}

// meanPopSD returns the mean and the population standard deviation
// (numpy's std), as the reference generator computes the CV of the ISIs.
func meanPopSD(x []float64) (float64, float64) {
	m, sd := meanSD(x)
	n := float64(len(x))
	return m, sd * math.Sqrt((n-1)/n)
}

// TestA6bPoissonInput compares PoissonInput's statistics over seeds 1–20
// with Brian2's (a6_poissoninput_stats.csv): each mean within 3 standard
// errors, the errors of both implementations combined.
func TestA6bPoissonInput(t *testing.T) {
	ref := readRef(t, "tutorials/a6_poissoninput_stats.csv")
	keys := []string{"v_mean", "v_var", "rate_Hz", "cv_isi"}
	per := map[string][]float64{}
	const seeds = 20
	for s := int64(1); s <= seeds; s++ {
		for k, v := range a6b(t, s) {
			per[k] = append(per[k], v)
		}
	}
	for r, k := range keys {
		m, sd := meanSD(per[k])
		rm, rsd := ref.cols["mean"][r], ref.cols["sd"][r]
		se := math.Sqrt((sd*sd + rsd*rsd) / seeds)
		if math.Abs(m-rm) > 3*se {
			t.Errorf("%s: %.6g ± %.3g over %d seeds, Brian2 %.6g ± %.3g: differ by %.1f SE", k, m, sd, seeds, rm, rsd, math.Abs(m-rm)/se)
		}
		if exp := ref.cols["expected"][r]; !math.IsNaN(exp) && math.Abs(m-exp) > 3*sd/math.Sqrt(seeds) {
			t.Errorf("%s: %.6g, the exact expectation is %.6g", k, m, exp)
		}
	}
}

// TestPoissonInputWeights: a weight expression is evaluated per neuron (i
// counts from a subgroup's start), the input reaches only the target's
// neurons, N = 0 or rate 0 adds nothing, and a (unless refractory)
// variable takes no input during refractoriness.
func TestPoissonInputWeights(t *testing.T) {
	StartScope()
	Seed(3)
	G := must[*NeuronGroup](t)(NewNeuronGroup(6, "x : 1\ny : 1\nz : 1"))
	sub := must[*Subgroup](t)(G.Sub(2, 6))
	// With rate·dt = 1 every source spikes in every step: exactly N per step.
	must[*PoissonInput](t)(NewPoissonInput(sub, "x", 3, 10000*units.Hertz, "1 + i"))
	must[*PoissonInput](t)(NewPoissonInput(G, "y", 0, 10*units.Hertz, 1.0))
	must[*PoissonInput](t)(NewPoissonInput(G, "z", 10, 0*units.Hertz, 1.0))
	ok(t, Run(1*ms)) // 10 steps
	want := []float64{0, 0, 30, 60, 90, 120}
	if got := G.Get("x").Floats(); !approxEqual(got, want, 1e-9) {
		t.Errorf("x = %v, want %v", got, want)
	}
	for _, v := range []string{"y", "z"} {
		if got := G.Get(v).Floats(); !approxEqual(got, make([]float64, 6), 0) {
			t.Errorf("%s = %v, want zeros", v, got)
		}
	}
	StartScope()
	R := must[*NeuronGroup](t)(NewNeuronGroup(1, "dv/dt = 0/ms : 1 (unless refractory)", Threshold("v > 0.5 and t < 0.15*ms"), Refractory(0.55*ms), Method("euler")))
	must[*PoissonInput](t)(NewPoissonInput(R, "v", 1, 10000*units.Hertz, 1.0))
	ok(t, Run(1*ms))
	// Input in step 0 (v = 1) → spike in step 1, refractory in steps
	// 1…5 (their input is dropped), input again in 6…9.
	if got := R.Get("v").Floats()[0]; got != 1+4 {
		t.Errorf("v = %g, want 5", got)
	}
}

// TestPoissonInputErrors: bad arguments name the function, the argument
// and the culprit (both units for a wrong weight).
func TestPoissonInputErrors(t *testing.T) {
	StartScope()
	G := must[*NeuronGroup](t)(NewNeuronGroup(2, "dv/dt = -v/(10*ms) : volt\nI = v/ohm : amp", Name("G")))
	gen := must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(1, []int{0}, []any{1 * ms}))
	R := must[*NeuronGroup](t)(NewNeuronGroup(2, "dv/dt = -v/(10*ms) : volt", Threshold("v > 1*mV"), Refractory(2*ms), Name("R")))
	mV := units.Millivolt
	tests := []struct {
		name   string
		target Group
		v      string
		n      int
		rate   any
		weight any
		want   string
	}{
		{"wrong weight unit", G, "v", 10, 5 * units.Hertz, 0.5, "NewPoissonInput: weight: the weight 0.5 has unit 1, but G.v has unit V"},
		{"wrong weight unit 2", G, "v", 10, 5 * units.Hertz, 2 * units.Nanoampere, "has unit A, but G.v has unit V"},
		{"weight expression unit", G, "v", 10, 5 * units.Hertz, "2*nA", `poissoninput, weight: `},
		{"unknown variable", G, "w", 10, 5 * units.Hertz, mV, `NewPoissonInput: target_var: G, NewPoissonInput: no variable "w" (variables: v, I)`},
		{"subexpression", G, "I", 10, 5 * units.Hertz, units.Nanoampere, "I is a subexpression"},
		{"rate unit", G, "v", 10, 5 * ms, mV, "NewPoissonInput: rate: want a finite, non-negative rate in Hz, got 5. ms"},
		{"negative rate", G, "v", 10, -5 * units.Hertz, mV, "NewPoissonInput: rate: want a finite, non-negative rate in Hz"},
		{"negative N", G, "v", -1, 5 * units.Hertz, mV, "NewPoissonInput: N: "},
		{"not a neuron group", gen, "v", 10, 5 * units.Hertz, mV, "spikegeneratorgroup has no variables"},
		{"lastspike", R, "lastspike", 10, 5 * units.Hertz, ms, "NewPoissonInput: target_var: lastspike is read-only: the threshold and the refractory period set it"},
		{"not_refractory", R, "not_refractory", 10, 5 * units.Hertz, 1, "NewPoissonInput: target_var: not_refractory is read-only"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewPoissonInput(tc.target, tc.v, tc.n, tc.rate, tc.weight)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
	// rate·dt > 1 is refused when the run starts; the network stays usable.
	in := must[*PoissonInput](t)(NewPoissonInput(G, "v", 1, 20000*units.Hertz, mV, Name("fast")))
	if err := Run(1 * ms); err == nil || !strings.Contains(err.Error(), "fast, rate: rate·dt = 2 is more than 1") {
		t.Fatalf("Run: %v", err)
	}
	_ = in
}

// TestPoissonInputIndependent: each neuron gets its own draw in every
// step: the increments of two neurons (N = 1, p = 0.5: 0 or 1 each step)
// have mean 0.5 and are uncorrelated.
func TestPoissonInputIndependent(t *testing.T) {
	StartScope()
	Seed(9)
	G := must[*NeuronGroup](t)(NewNeuronGroup(2, "v : 1"))
	must[*PoissonInput](t)(NewPoissonInput(G, "v", 1, 5000*units.Hertz, 1.0))
	M := must[*StateMonitor](t)(NewStateMonitor(G, []string{"v"}, RecordAll()))
	ok(t, Run(400*ms))
	a, b := M.Of("v", 0).Floats(), M.Of("v", 1).Floats()
	var sa, sb, sab, n float64
	for k := 1; k < len(a); k++ {
		da, db := a[k]-a[k-1], b[k]-b[k-1]
		if da != 0 && da != 1 || db != 0 && db != 1 {
			t.Fatalf("step %d: increments %g and %g, want 0 or 1", k, da, db)
		}
		sa, sb, sab, n = sa+da, sb+db, sab+da*db, n+1
	}
	ma, mb := sa/n, sb/n
	corr := (sab/n - ma*mb) / math.Sqrt(ma*(1-ma)*mb*(1-mb))
	if math.Abs(ma-0.5) > 5*0.5/math.Sqrt(n) || math.Abs(mb-0.5) > 5*0.5/math.Sqrt(n) || math.Abs(corr) > 5/math.Sqrt(n) {
		t.Errorf("means %.4f, %.4f and correlation %.4f over %g steps; want 0.5, 0.5 and 0", ma, mb, corr, n)
	}
}
