package nsim

import (
	"testing"

	"gonsim/nsim/units"
)

// snapshotNet builds the benchmark network of Store and Restore: 4000
// neurons with refractoriness, 320,000 synapses (p = 0.02, w and a 2 ms
// delay), a SpikeMonitor, after a 20 ms run so that spike queues and
// monitors are filled. It returns the bytes a snapshot copies.
func snapshotNet(b *testing.B) (*Network, int) {
	StartScope()
	Seed(3)
	g, err := NewNeuronGroup(4000, "dv/dt = (1.2 - v)/(10*ms) : 1 (unless refractory)", Threshold("v > 1"), Reset("v = 0"), Refractory(2*ms), Method("exact"))
	if err != nil {
		b.Fatal(err)
	}
	if err := g.SetExpr("v", "rand()"); err != nil {
		b.Fatal(err)
	}
	s, err := NewSynapses(g, g, Model("w : 1"), OnPre("v += w"), Delay(2*ms))
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Connect(P(0.02)); err != nil {
		b.Fatal(err)
	}
	if err := s.Set("w", 0.001); err != nil {
		b.Fatal(err)
	}
	m, err := NewSpikeMonitor(g)
	if err != nil {
		b.Fatal(err)
	}
	net, err := NewNetwork(g, s, m)
	if err != nil {
		b.Fatal(err)
	}
	if err := net.Run(20 * units.Millisecond); err != nil {
		b.Fatal(err)
	}
	if s.N() < 300000 || m.NumSpikes() == 0 {
		b.Fatalf("%d synapses, %d spikes: not the intended network", s.N(), m.NumSpikes())
	}
	bytes := 8 * (2*s.N() + 3*g.N() + m.NumSpikes()*2)
	return net, bytes
}

// BenchmarkStore stores the 4000-neuron, 320k-synapse network.
func BenchmarkStore(b *testing.B) {
	net, bytes := snapshotNet(b)
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for b.Loop() {
		if err := net.Store(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRestore restores it (random streams included).
func BenchmarkRestore(b *testing.B) {
	net, bytes := snapshotNet(b)
	if err := net.Store(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for b.Loop() {
		if err := net.RestoreRandom(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSnapshotCopyBaseline is the floor for both: copying as many
// bytes between two existing buffers (Restore's work), and allocating
// a buffer of that size and copying into it (Store's).
func BenchmarkSnapshotCopyBaseline(b *testing.B) {
	_, bytes := snapshotNet(b)
	src := make([]float64, bytes/8)
	dst := make([]float64, bytes/8)
	b.Run("copy", func(b *testing.B) {
		b.SetBytes(int64(bytes))
		for b.Loop() {
			copy(dst, src)
		}
	})
	b.Run("alloc+copy", func(b *testing.B) {
		b.SetBytes(int64(bytes))
		for b.Loop() {
			dst = append([]float64(nil), src...)
		}
	})
}
