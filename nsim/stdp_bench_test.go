package nsim

import (
	"testing"

	"gonsim/nsim/units"
)

// songSTDP builds Brian2's gallery example synapses/STDP.py (Song, Miller
// and Abbott 2000): 1000 Poisson inputs at 15 Hz onto one LIF neuron
// through STDP synapses with event-driven traces. Without plasticity the
// inputs drive the neuron through plain synapses (on_pre "ge += w"), the
// baseline that isolates the cost of the STDP machinery.
func songSTDP(tb testing.TB, plastic bool) (*Synapses, *SpikeMonitor) {
	const gmax, dApre = 0.01, 0.01 * 0.01
	ns := map[string]any{"taum": 10 * ms, "taupre": 20 * ms, "taupost": 20 * ms, "Ee": 0 * units.Millivolt,
		"vt": -54 * units.Millivolt, "vr": -60 * units.Millivolt, "El": -74 * units.Millivolt, "taue": 5 * ms,
		"gmax": gmax, "dApre": dApre, "dApost": -dApre * 1.05}
	input, err := NewPoissonGroup(1000, 15*units.Hertz)
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

// BenchmarkSTDPSong runs 100 s of biological time (10^6 steps) of the
// STDP example (target ≤ 2 s) and, as the same-run baseline, of the same
// network with fixed synapses. Run with -benchtime 1x.
func BenchmarkSTDPSong(b *testing.B) {
	for _, c := range []struct {
		name    string
		plastic bool
	}{{"stdp", true}, {"fixed", false}} {
		b.Run(c.name, func(b *testing.B) {
			var spikes int
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				StartScope()
				Seed(1)
				_, sp := songSTDP(b, c.plastic)
				b.StartTimer()
				if err := Run(100 * units.Second); err != nil {
					b.Fatal(err)
				}
				spikes = sp.NumSpikes()
			}
			s := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(s, "s/100-biological-s")
			b.ReportMetric(s/1e6*1e9, "ns/step")
			b.ReportMetric(float64(spikes)/100, "post-Hz")
		})
	}
}
