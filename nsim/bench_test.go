package nsim

import (
	"fmt"
	"math"
	"runtime"
	"strconv"
	"testing"
	"time"

	"gonsim/nsim/units"
)

// noisyLIF builds seed section 4's leaky neurons with constant input, as
// BenchmarkNoisyLIF simulates them: n neurons, threshold, reset,
// refractoriness, a SpikeMonitor.
func noisyLIF(n int) (*SpikeMonitor, error) {
	ns := map[string]any{"tau": 10 * ms, "sigma": 0.03}
	input, err := NewNeuronGroup(1, "x = 1.5 : 1", Namespace(ns))
	if err != nil {
		return nil, err
	}
	neurons, err := NewNeuronGroup(n, `
dx/dt = (.65*I - x) / tau + sigma * (2 / tau)**.5 * xi : 1
I = I_shared*int((t>10*ms) and (t<950*ms)) : 1
I_shared : 1 (linked)
`, Threshold("x > 1"), Reset("x = 0"), Refractory(5*ms), Method("euler"), Namespace(ns))
	if err != nil {
		return nil, err
	}
	if err := neurons.SetExpr("x", "rand()*0.2"); err != nil {
		return nil, err
	}
	if err := neurons.LinkVar("I_shared", input, "x"); err != nil {
		return nil, err
	}
	return NewSpikeMonitor(neurons)
}

// cBaseline returns the neuron-steps/s of a C loop of the noisy LIF
// (1 s, 10,000 steps) for n neurons, measured now on one core.
func cBaseline(c *cProgram, n int) (float64, error) {
	ns, _, err := c.run(strconv.Itoa(n), "10000", "1")
	if err != nil {
		return 0, err
	}
	return float64(n) * 1e4 / (ns * 1e-9), nil
}

// BenchmarkNoisyLIF simulates 1 s (10,000 steps) of section 4's noisy
// LIF neurons and reports neuron-steps/s. Every iteration also runs two
// hand-written C loops on one core right after the Go run: the tightest
// (testdata/cbaseline/noisy_lif_tight.c: constants hoisted, refractoriness
// in integer steps, the same generator; x-C is nsim's rate over its) and
// the update as Brian2's generated code writes it (noisy_lif.c, x-C-brian2).
// The metrics are the best of the iterations of each, since on a shared
// machine the minimum time is the least disturbed one. Run with -cpu 1,2
// to compare one and both cores.
//
// Package testing makes the first run of a sub-benchmark
// (b.N = 1) with the process's GOMAXPROCS, whatever -cpu says, and
// reports it when that one run took longer than -benchtime. The large
// benchmarks therefore print procs, the GOMAXPROCS of the run reported:
// give -benchtime 2x or more for a -cpu 1 row of N = 100000.
func BenchmarkNoisyLIF(b *testing.B) {
	for _, n := range []int{100, 10000, 100000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			var bestGo, bestC, bestB float64
			// A run of 100 neurons lasts about 5 ms, which one context
			// switch visibly slows: take the best of ten such runs.
			reps := 1
			if n < 10000 {
				reps = 10
			}
			for i := 0; i < b.N; i++ {
				for range reps {
					b.StopTimer()
					StartScope()
					Seed(1)
					if _, err := noisyLIF(n); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					start := time.Now()
					if err := Run(1000 * ms); err != nil {
						b.Fatal(err)
					}
					bestGo = max(bestGo, float64(n)*1e4/time.Since(start).Seconds())
				}
				b.StopTimer()
				c, err := cBaseline(noisyLIFTight, n)
				if err != nil {
					b.Fatal(err)
				}
				bestC = max(bestC, c)
				c, err = cBaseline(noisyLIFBrian2Style, n)
				if err != nil {
					b.Fatal(err)
				}
				bestB = max(bestB, c)
				b.StartTimer()
			}
			b.ReportMetric(bestGo, "neuron-steps/s")
			b.ReportMetric(bestC, "C-neuron-steps/s")
			b.ReportMetric(bestGo/bestC, "x-C")
			b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "procs") // of this run: see BenchmarkNoisyLIF
			b.ReportMetric(bestGo/bestB, "x-C-brian2")
		})
	}
}

// cobaHH builds the Brette et al. (2007) COBAHH benchmark network: 4000
// HH neurons (3200 excitatory, 800 inhibitory subgroups), conductance
// synapses with p = 0.02, we = 6 nS, wi = 67 nS, exponential Euler.
func cobaHH(tb testing.TB) *SpikeMonitor {
	ns := map[string]any{}
	area := "(20000*umetre**2)"
	for k, s := range map[string]string{
		"Cm": "(1*ufarad*cm**-2) * " + area, "gl": "(5e-5*siemens*cm**-2) * " + area,
		"El": "-60*mV", "EK": "-90*mV", "ENa": "50*mV",
		"g_na": "(100*msiemens*cm**-2) * " + area, "g_kd": "(30*msiemens*cm**-2) * " + area,
		"VT": "-63*mV", "taue": "5*ms", "taui": "10*ms", "Ee": "0*mV", "Ei": "-80*mV",
		"we": "6*nS", "wi": "67*nS",
	} {
		q, err := units.Parse(s)
		if err != nil {
			tb.Fatal(err)
		}
		ns[k] = q
	}
	G, err := NewNeuronGroup(4000, hhSynapseEqs, Threshold("v>-20*mV"), Refractory(3*ms), Method("exponential_euler"), Namespace(ns))
	if err != nil {
		tb.Fatal(err)
	}
	Pe, _ := G.Sub(0, 3200)
	Pi, _ := G.Sub(3200, 4000)
	Ce, err := NewSynapses(Pe, G, OnPre("ge += we"), Namespace(ns))
	if err != nil {
		tb.Fatal(err)
	}
	Ci, err := NewSynapses(Pi, G, OnPre("gi += wi"), Namespace(ns))
	if err != nil {
		tb.Fatal(err)
	}
	for _, err := range []error{Ce.Connect(P(0.02)), Ci.Connect(P(0.02)),
		G.SetExpr("v", "El + (randn() * 5 - 5)*mV"),
		G.SetExpr("ge", "(randn() * 1.5 + 4) * 10.*nS"),
		G.SetExpr("gi", "(randn() * 12 + 20) * 10.*nS")} {
		if err != nil {
			tb.Fatal(err)
		}
	}
	sp, err := NewSpikeMonitor(G)
	if err != nil {
		tb.Fatal(err)
	}
	return sp
}

// BenchmarkCOBAHH simulates 1 s of the COBAHH network; "s/biological-s"
// is the wall time per simulated second. Every iteration also runs the
// C loop of the same network (testdata/cbaseline/cobahh.c, vectorised by
// gcc, one core) right after the Go run; "s-nsim" and "s-C" are the best
// of the iterations of each and x-C their ratio (target ≤ 1.5).
// "spikes/neuron" and "C-spikes/neuron" compare the two networks (the
// same model, random initial values and connections of their own).
func BenchmarkCOBAHH(b *testing.B) {
	bestGo, bestC := math.Inf(1), math.Inf(1)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		StartScope()
		Seed(1)
		sp := cobaHH(b)
		b.StartTimer()
		start := time.Now()
		if err := Run(1000 * ms); err != nil {
			b.Fatal(err)
		}
		bestGo = min(bestGo, time.Since(start).Seconds())
		b.StopTimer()
		c, cSpikes, err := cobaHHBaseline()
		if err != nil {
			b.Fatal(err)
		}
		bestC = min(bestC, c)
		if i == 0 {
			b.ReportMetric(float64(sp.NumSpikes())/4000, "spikes/neuron")
			b.ReportMetric(cSpikes, "C-spikes/neuron")
		}
		b.StartTimer()
	}
	s := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(4000*1e4/s, "neuron-steps/s")
	b.ReportMetric(s, "s/biological-s")
	b.ReportMetric(bestGo, "s-nsim")
	b.ReportMetric(bestC, "s-C")
	b.ReportMetric(bestGo/bestC, "x-C")
	b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "procs") // of this run: see BenchmarkNoisyLIF
}

// BenchmarkSection4 runs the whole of seed section 4: four 25-neuron,
// 1 s simulations with StateMonitors of x and I on every neuron (target
// ≤ 150 ms per op).
func BenchmarkSection4(b *testing.B) {
	for i := 0; i < b.N; i++ {
		for _, v := range [][2]bool{{true, false}, {true, true}, {false, false}, {false, true}} {
			StartScope()
			sp, _, err := reliabilityVariant(v[0], v[1])
			if err != nil {
				b.Fatal(err)
			}
			if _, err := NewStateMonitor(sp.src.g.owner.(*NeuronGroup), []string{"x", "I"}, RecordAll()); err != nil {
				b.Fatal(err)
			}
			if err := Run(1000 * ms); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(4*25*1e4*float64(b.N)/b.Elapsed().Seconds(), "neuron-steps/s")
}
