package nsim

import (
	"math/rand/v2"
	"testing"

	"gonsim/nsim/units"
)

// songSTDP builds Brian2's gallery example synapses/STDP.py (Song, Miller
// and Abbott 2000): 1000 Poisson inputs at 15 Hz onto one LIF neuron
// through STDP synapses with event-driven traces. Without plasticity the
// inputs drive the neuron through plain synapses (on_pre "ge += w"), the
// baseline that isolates the cost of the STDP machinery. With replay the
// inputs are a SpikeGeneratorGroup replaying a Bernoulli train of the same
// rate, which takes the cost of drawing the Poisson spikes out.
func songSTDP(tb testing.TB, plastic, replay bool, dur units.Time) (*Synapses, *SpikeMonitor) {
	const gmax, dApre = 0.01, 0.01 * 0.01
	ns := map[string]any{"taum": 10 * ms, "taupre": 20 * ms, "taupost": 20 * ms, "Ee": 0 * units.Millivolt,
		"vt": -54 * units.Millivolt, "vr": -60 * units.Millivolt, "El": -74 * units.Millivolt, "taue": 5 * ms,
		"gmax": gmax, "dApre": dApre, "dApost": -dApre * 1.05}
	var input Group
	var err error
	if replay {
		input, err = bernoulliTrain(1000, 15*1e-4, int(float64(dur)/1e-4))
	} else {
		input, err = NewPoissonGroup(1000, 15*units.Hertz)
	}
	if err != nil {
		tb.Fatal(err)
	}
	neurons, err := NewNeuronGroup(1, "dv/dt = (ge * (Ee-v) + El - v) / taum : volt\ndge/dt = -ge / taue : 1",
		Threshold("v>vt"), Reset("v = vr"), Method("euler"), Namespace(ns))
	if err != nil {
		tb.Fatal(err)
	}
	opts := []Option{Namespace(ns), Model("w : 1"), OnPre("ge += w")}
	if plastic {
		opts = []Option{Namespace(ns),
			Model("w : 1\ndApre/dt = -Apre / taupre : 1 (event-driven)\ndApost/dt = -Apost / taupost : 1 (event-driven)"),
			OnPre("ge += w\nApre += dApre\nw = clip(w + Apost, 0, gmax)"),
			OnPost("Apost += dApost\nw = clip(w + Apre, 0, gmax)")}
	}
	S, err := NewSynapses(input, neurons, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	if err := S.Connect(); err != nil {
		tb.Fatal(err)
	}
	if err := S.SetExpr("w", "rand() * gmax"); err != nil {
		tb.Fatal(err)
	}
	sp, err := NewSpikeMonitor(neurons)
	if err != nil {
		tb.Fatal(err)
	}
	return S, sp
}

// bernoulliTrain is a SpikeGeneratorGroup of n neurons each spiking with
// probability p in each of steps steps of 0.1 ms (a fixed seed).
func bernoulliTrain(n int, p float64, steps int) (*SpikeGeneratorGroup, error) {
	r := rand.New(rand.NewPCG(1, 2))
	var idx []int
	var times []units.Time
	for k := 0; k < steps; k++ {
		for i := 0; i < n; i++ {
			if r.Float64() < p {
				idx = append(idx, i)
				times = append(times, units.Time(float64(k)*1e-4))
			}
		}
	}
	return NewSpikeGeneratorGroup(n, idx, times)
}

// BenchmarkSTDPSong runs 100 s of biological time (10^6 steps) of the
// STDP example (target ≤ 2 s) and, as the same-run baseline, of the same
// network with fixed synapses; the replay variants (20 s) drive it from a
// SpikeGeneratorGroup, so that the difference between stdp-replay and
// fixed-replay is the cost of the event-driven updates and the on_post
// pathway. Run with -benchtime 1x.
func BenchmarkSTDPSong(b *testing.B) {
	for _, c := range []struct {
		name            string
		plastic, replay bool
		dur             units.Time
	}{{"stdp", true, false, 100 * units.Second}, {"fixed", false, false, 100 * units.Second},
		{"stdp-replay", true, true, 20 * units.Second}, {"fixed-replay", false, true, 20 * units.Second}} {
		b.Run(c.name, func(b *testing.B) {
			var spikes int
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				StartScope()
				Seed(1)
				_, sp := songSTDP(b, c.plastic, c.replay, c.dur)
				b.StartTimer()
				if err := Run(c.dur); err != nil {
					b.Fatal(err)
				}
				spikes = sp.NumSpikes()
			}
			s := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(s*float64(100*units.Second/c.dur), "s/100-biological-s")
			b.ReportMetric(s/(float64(c.dur)/1e-4)*1e9, "ns/step")
			b.ReportMetric(float64(spikes)/float64(c.dur), "post-Hz")
		})
	}
}
