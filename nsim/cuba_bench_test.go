package nsim

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"gonsim/nsim/units"
)

// cuba builds Brian2's CUBA example (examples/CUBA.py) scaled to n
// neurons with 80 synapses per neuron on average (p = 80/n).
func cuba(tb testing.TB, n int) (*SpikeMonitor, int) {
	mV := units.Millivolt
	ns := map[string]any{"taum": 20 * ms, "taue": 5 * ms, "taui": 10 * ms, "Vt": -50 * mV, "Vr": -60 * mV,
		"El": -49 * mV, "we": units.Voltage(60 * 0.27 / 10 * 1e-3), "wi": units.Voltage(-20 * 4.5 / 10 * 1e-3),
		"ne": n * 4 / 5}
	G, err := NewNeuronGroup(n, `
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
`, Threshold("v>Vt"), Reset("v = Vr"), Refractory(5*ms), Method("exact"), Namespace(ns))
	if err != nil {
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
	prob := 80 / float64(n)
	for _, err := range []error{G.SetExpr("v", "Vr + rand() * (Vt - Vr)"),
		Ce.Connect(Condition("i<ne"), P(prob)), Ci.Connect(Condition("i>=ne"), P(prob))} {
		if err != nil {
			tb.Fatal(err)
		}
	}
	sp, err := NewSpikeMonitor(G)
	if err != nil {
		tb.Fatal(err)
	}
	return sp, Ce.N() + Ci.N()
}

// cubaResult is one run of a CUBA implementation: the line the C loop and
// the Brian2 script print.
type cubaResult struct {
	syn, spikes int
	run, bytes  float64 // seconds of the 1 s run; peak RSS growth
}

func parseCUBA(out []byte) (cubaResult, error) {
	f := strings.Fields(string(out))
	if len(f) != 5 {
		return cubaResult{}, fmt.Errorf("unexpected output %q", out)
	}
	var r cubaResult
	var err [4]error
	r.syn, err[0] = strconv.Atoi(f[1])
	r.spikes, err[1] = strconv.Atoi(f[2])
	r.run, err[2] = strconv.ParseFloat(f[3], 64)
	r.bytes, err[3] = strconv.ParseFloat(f[4], 64)
	for _, e := range err {
		if e != nil {
			return r, e
		}
	}
	return r, nil
}

var cubaProgram = &cProgram{name: "cuba", flags: []string{"-march=native"}}

// cubaC runs the tight C loop (testdata/cbaseline/cuba.c, gcc -O3
// -march=native) for n neurons.
func cubaC(n int) (cubaResult, error) {
	if err := cubaProgram.build(); err != nil {
		return cubaResult{}, err
	}
	cubaProgram.mu.Lock()
	defer cubaProgram.mu.Unlock()
	out, err := exec.Command(cubaProgram.bin, strconv.Itoa(n)).Output()
	if err != nil {
		return cubaResult{}, err
	}
	return parseCUBA(out)
}

// cubaBrian2 runs testdata/cuba_brian2.py (cython target, compilation
// excluded) with Debian's /usr/bin/python3; ok is false without brian2.
func cubaBrian2(n int) (r cubaResult, ok bool, err error) {
	if exec.Command("/usr/bin/python3", "-c", "import brian2").Run() != nil {
		return r, false, nil
	}
	out, err := exec.Command("/usr/bin/python3", filepath.Join("testdata", "cuba_brian2.py"), strconv.Itoa(n)).Output()
	if err != nil {
		return r, true, err
	}
	r, err = parseCUBA(out)
	return r, true, err
}

// cubaNsim runs nsim's CUBA for n neurons in a child process (this test
// binary running TestCUBAChild), so that its peak RSS is measured the
// way C's and Brian2's are; heap is Go's live heap per synapse after
// building the network.
func cubaNsim(n int) (r cubaResult, heap float64, err error) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestCUBAChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "NSIM_CUBA_CHILD="+strconv.Itoa(n))
	out, err := cmd.Output()
	if err != nil {
		return r, 0, fmt.Errorf("nsim child for N=%d: %v\n%s", n, err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) == 7 && f[0] == "cuba" {
			r, err = parseCUBA([]byte(strings.Join(f[1:6], " ")))
			heap, _ = strconv.ParseFloat(f[6], 64)
			return r, heap, err
		}
	}
	return r, 0, fmt.Errorf("nsim child for N=%d: no result line in %q", n, out)
}

// TestCUBAChild is BenchmarkCUBA's child process (NSIM_CUBA_CHILD=N):
// it builds and runs the network once and prints, as cuba.c does, N,
// synapses, spikes, the run's seconds and the peak RSS growth (VmHWM
// over VmRSS at the start), then the live heap per synapse.
func TestCUBAChild(t *testing.T) {
	n, err := strconv.Atoi(os.Getenv("NSIM_CUBA_CHILD"))
	if err != nil {
		t.Skip("BenchmarkCUBA's child process (NSIM_CUBA_CHILD=N)")
	}
	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	before := statusBytes(t, "VmRSS")
	StartScope()
	Seed(1)
	sp, syn := cuba(t, n)
	runtime.GC()
	runtime.ReadMemStats(&ms1)
	start := time.Now()
	if err := Run(1000 * ms); err != nil {
		t.Fatal(err)
	}
	run := time.Since(start).Seconds()
	heap := float64(ms1.HeapAlloc-ms0.HeapAlloc) / float64(syn)
	fmt.Printf("cuba %d %d %d %.4f %d %.2f\n", n, syn, sp.NumSpikes(), run, statusBytes(t, "VmHWM")-before, heap)
}

// statusBytes reads a memory field (in kB) of /proc/self/status.
func statusBytes(t *testing.T, field string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status:", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb * 1024
		}
	}
	t.Fatalf("no %s in /proc/self/status", field)
	return 0
}

// BenchmarkCUBA simulates 1 s of the scaled CUBA network at 4000 and
// 16000 neurons (64000 and 256000 with the environment variable
// NSIM_CUBA_LARGE=1), beside the tight C loop and Brian2's cython
// target in the same run. Times are the best of the iterations; x-C is
// nsim's run time over C's, brian2/x Brian2's over nsim's. B/synapse is
// nsim's peak RSS growth per synapse, measured in a child process
// (TestCUBAChild) as C-B/synapse and brian2-B/synapse are; heap-B/synapse
// its live Go heap after building the network.
func BenchmarkCUBA(b *testing.B) {
	sizes := []int{4000, 16000}
	if os.Getenv("NSIM_CUBA_LARGE") != "" {
		sizes = append(sizes, 64000, 256000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			bestGo, bestC := 1e300, 1e300
			var syn, spikes int
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				StartScope()
				Seed(1)
				sp, s := cuba(b, n)
				b.StartTimer()
				start := time.Now()
				if err := Run(1000 * ms); err != nil {
					b.Fatal(err)
				}
				bestGo = min(bestGo, time.Since(start).Seconds())
				b.StopTimer()
				syn, spikes = s, sp.NumSpikes()
				c, err := cubaC(n)
				if err != nil {
					b.Fatal(err)
				}
				bestC = min(bestC, c.run)
				b.ReportMetric(c.bytes/float64(c.syn), "C-B/synapse")
				b.StartTimer()
			}
			b.ReportMetric(bestGo, "s")
			b.ReportMetric(bestC, "C-s")
			b.ReportMetric(bestGo/bestC, "x-C")
			b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "procs") // of this run: see BenchmarkNoisyLIF
			b.ReportMetric(float64(syn), "synapses")
			b.StopTimer()
			child, heap, err := cubaNsim(n)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(child.bytes/float64(child.syn), "B/synapse")
			b.ReportMetric(heap, "heap-B/synapse")
			b.ReportMetric(float64(spikes)/float64(n), "spikes/neuron")
			b.StopTimer()
			br, ok, err := cubaBrian2(n)
			switch {
			case err != nil:
				b.Fatal(err)
			case !ok:
				b.Log("skipping Brian2: /usr/bin/python3 has no brian2")
			default:
				b.ReportMetric(br.run, "brian2-s")
				b.ReportMetric(br.run/bestGo, "brian2/x")
				b.ReportMetric(br.bytes/float64(br.syn), "brian2-B/synapse")
			}
		})
	}
}
