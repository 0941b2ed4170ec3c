package nsim

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
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

var (
	cOnce sync.Once
	cBin  string
	cErr  error
	cRate = map[int]float64{}
	cMu   sync.Mutex
)

// cBaseline returns the neuron-steps/s of the hand-written C loop
// (testdata/cbaseline/noisy_lif.c, gcc -O3) for n neurons, measured now.
func cBaseline(n int) (float64, error) {
	cOnce.Do(func() {
		dir, err := os.MkdirTemp("", "nsim-cbaseline")
		if err != nil {
			cErr = err
			return
		}
		cBin = filepath.Join(dir, "noisy_lif")
		out, err := exec.Command("gcc", "-O3", "-o", cBin, filepath.Join("testdata", "cbaseline", "noisy_lif.c"), "-lm").CombinedOutput()
		if err != nil {
			cErr = fmt.Errorf("gcc: %v: %s", err, out)
		}
	})
	if cErr != nil {
		return 0, cErr
	}
	cMu.Lock()
	defer cMu.Unlock()
	reps := "3"
	if n >= 100000 {
		reps = "1"
	}
	out, err := exec.Command(cBin, strconv.Itoa(n), "10000", reps).Output()
	if err != nil {
		return 0, err
	}
	f := strings.Fields(string(out))
	ns, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return 0, err
	}
	r := float64(n) * 1e4 / (ns * 1e-9)
	cRate[n] = r
	return r, nil
}

// BenchmarkNoisyLIF simulates 1 s (10,000 steps) of section 4's noisy
// LIF neurons and reports neuron-steps/s, plus the same number for the C
// loop measured in this process ("C-neuron-steps/s") and their ratio.
// Run with -cpu 1,2 to see one and both cores.
func BenchmarkNoisyLIF(b *testing.B) {
	for _, n := range []int{100, 10000, 100000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			c, err := cBaseline(n)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				StartScope()
				Seed(1)
				if _, err := noisyLIF(n); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := Run(1000 * ms); err != nil {
					b.Fatal(err)
				}
			}
			rate := float64(n) * 1e4 * float64(b.N) / b.Elapsed().Seconds()
			b.ReportMetric(rate, "neuron-steps/s")
			b.ReportMetric(c, "C-neuron-steps/s")
			b.ReportMetric(rate/c, "x-C")
		})
	}
}
