package nsim

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"gonsim/nsim/units"
)

// cubaNet builds Brian2's CUBA example (examples/CUBA.py, Brette et al.
// 2007) scaled to n neurons with 80 synapses per neuron on average
// (p = 80/n), as testdata/cbaseline/cuba.c and testdata/cuba_brian2.py
// build it; it returns the spike monitor and the number of synapses.
func cubaNet(tb testing.TB, n int) (*SpikeMonitor, int) {
	ns := map[string]any{
		"taum": 20 * ms, "taue": 5 * ms, "taui": 10 * ms,
		"Vt": -50 * units.Millivolt, "Vr": -60 * units.Millivolt, "El": -49 * units.Millivolt,
		"we": 60 * 0.27 / 10 * units.Millivolt, "wi": -20 * 4.5 / 10 * units.Millivolt,
		"ne": n * 4 / 5, "p": 80.0 / float64(n),
	}
	G, err := NewNeuronGroup(n, `
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
`, Threshold("v>Vt"), Reset("v = Vr"), Refractory(5*ms), Method("exact"), Namespace(ns))
	if err != nil {
		tb.Fatal(err)
	}
	if err := G.SetExpr("v", "Vr + rand() * (Vt - Vr)"); err != nil {
		tb.Fatal(err)
	}
	Ce, err := NewSynapses(G, G, OnPre("ge += we"), Namespace(ns))
	if err != nil {
		tb.Fatal(err)
	}
	Ci, err := NewSynapses(G, G, OnPre("gi += wi"), Namespace(ns))
	if err != nil {
		tb.Fatal(err)
	}
	if err := Ce.Connect(Condition("i<ne"), P("p")); err != nil {
		tb.Fatal(err)
	}
	if err := Ci.Connect(Condition("i>=ne"), P("p")); err != nil {
		tb.Fatal(err)
	}
	sp, err := NewSpikeMonitor(G)
	if err != nil {
		tb.Fatal(err)
	}
	return sp, Ce.N() + Ci.N()
}

var cubaC = &cProgram{name: "cuba", flags: []string{"-march=native"}}

// cubaRef is one reference run: its wall time and peak memory growth.
type cubaRef struct {
	sec, bytes, synapses, spikes float64
}

// cubaBrian2 runs testdata/cuba_brian2.py (Debian's python3-brian, cython
// target, code compiled by a first 1 ms run) for n neurons.
func cubaBrian2(n int) (cubaRef, error) {
	out, err := exec.Command("/usr/bin/python3", "testdata/cuba_brian2.py", strconv.Itoa(n)).Output()
	if err != nil {
		return cubaRef{}, fmt.Errorf("cuba_brian2.py: %v", err)
	}
	return parseCubaLine(string(out))
}

// cubaCRun runs the C loop for n neurons.
func cubaCRun(n int) (cubaRef, error) {
	cubaC.mu.Lock()
	defer cubaC.mu.Unlock()
	if err := cubaC.build(); err != nil {
		return cubaRef{}, err
	}
	out, err := exec.Command(cubaC.bin, strconv.Itoa(n), "1", "1").Output()
	if err != nil {
		return cubaRef{}, fmt.Errorf("cuba: %v", err)
	}
	return parseCubaLine(string(out))
}

// parseCubaLine reads "N synapses spikes run_seconds peak_rss_growth".
func parseCubaLine(line string) (cubaRef, error) {
	f := strings.Fields(line)
	if len(f) != 5 {
		return cubaRef{}, fmt.Errorf("want 5 fields, got %q", line)
	}
	var v [5]float64
	for i, s := range f {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return cubaRef{}, err
		}
		v[i] = x
	}
	return cubaRef{sec: v[3], bytes: v[4], synapses: v[1], spikes: v[2]}, nil
}

// BenchmarkCUBA simulates 1 s of the scaled CUBA network at 4000 and
// 16000 neurons (and 64000 and 256000 with GONSIM_BENCH_LARGE=1: 5M and
// 20M synapses, minutes for Brian2), each beside the tight C loop
// (testdata/cbaseline/cuba.c) and Brian2's cython target in the same
// run. The spikes per neuron of the three say it is one model (their
// random numbers differ). x-C is nsim's time over C's, x-brian2 over Brian2's; B/synapse
// is the heap nsim holds after building the network per synapse (Go's
// in-use heap; C and Brian2 report their peak RSS growth).
func BenchmarkCUBA(b *testing.B) {
	sizes := []int{4000, 16000}
	if os.Getenv("GONSIM_BENCH_LARGE") != "" {
		sizes = append(sizes, 64000, 256000)
	}
	_, brianErr := exec.Command("/usr/bin/python3", "-c", "import brian2").CombinedOutput()
	for _, n := range sizes {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			var best, perSyn, spikes float64
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				StartScope()
				Seed(1)
				runtime.GC()
				var m0, m1 runtime.MemStats
				runtime.ReadMemStats(&m0)
				sp, syn := cubaNet(b, n)
				runtime.GC()
				runtime.ReadMemStats(&m1)
				perSyn = float64(int64(m1.HeapInuse)-int64(m0.HeapInuse)) / float64(syn)
				b.StartTimer()
				t0 := time.Now()
				if err := Run(1000 * ms); err != nil {
					b.Fatal(err)
				}
				if s := time.Since(t0).Seconds(); best == 0 || s < best {
					best = s
				}
				spikes = float64(sp.NumSpikes()) / float64(n)
			}
			b.StopTimer()
			c, err := cubaCRun(n)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(best, "s-nsim")
			b.ReportMetric(c.sec, "s-C")
			b.ReportMetric(best/c.sec, "x-C")
			b.ReportMetric(perSyn, "B/synapse")
			b.ReportMetric(c.bytes/c.synapses, "C-B/synapse")
			// the same model: about the same rate (different random numbers)
			b.ReportMetric(spikes, "spikes/neuron")
			b.ReportMetric(c.spikes/float64(n), "C-spikes/neuron")
			if brianErr != nil {
				b.Logf("no Brian2 reference: /usr/bin/python3 cannot import brian2")
				return
			}
			br, err := cubaBrian2(n)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(br.sec, "s-brian2")
			b.ReportMetric(best/br.sec, "x-brian2")
			b.ReportMetric(br.bytes/br.synapses, "brian2-B/synapse")
			b.ReportMetric(br.spikes/float64(n), "brian2-spikes/neuron")
		})
	}
}
