package nsim

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonsim/nsim/units"
)

// restoreLogRow is a row of a4_restore_log.csv. Its event labels contain
// commas without quotes, so the numbers are read from the right.
type restoreLogRow struct {
	event          string
	tMs, v         float64
	samples, count int
}

func readRestoreLog(t *testing.T) []restoreLogRow {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "refdata", "tutorials", "a4_restore_log.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var out []restoreLogRow
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n")[1:] {
		f := strings.Split(line, ",")
		n := len(f)
		num := func(s string) float64 {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("a4_restore_log.csv: %q: %v", line, err)
			}
			return x
		}
		out = append(out, restoreLogRow{strings.Join(f[:n-4], ","), num(f[n-4]), num(f[n-3]), int(num(f[n-2])), int(num(f[n-1]))})
	}
	return out
}

// TestTutorialA4bRestore is A4b: a named snapshot taken while a delayed
// spike is in flight; restore resets t, v, the monitors and the queue, and
// the external tau is re-read by the run after a restore.
func TestTutorialA4bRestore(t *testing.T) {
	StartScope()
	ns := map[string]any{"tau": 10 * ms}
	inp := must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(1, make([]int, 6), Times([]float64{5, 12, 18, 26, 33, 41}, ms)))
	g := must[*NeuronGroup](t)(NewNeuronGroup(1, "dv/dt = -v/tau : 1", Threshold("v > 1"), Reset("v = 0"), Method("exact"), Namespace(ns)))
	s := must[*Synapses](t)(NewSynapses(inp, g, OnPre("v += 0.6"), Delay(5*ms)))
	ok(t, s.Connect())
	m := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v"}, RecordAll()))
	sm := must[*SpikeMonitor](t)(NewSpikeMonitor(g))
	var log []restoreLogRow
	snap := func(label string) {
		log = append(log, restoreLogRow{label, float64(T()) * 1e3, g.Get("v").Floats()[0], m.Len(), sm.NumSpikes()})
	}
	var traces [][]float64
	var spikes [][]float64
	endRun := func() {
		traces = append(traces, m.Of("v", 0).Floats())
		spikes = append(spikes, sm.T().In(units.Millisecond))
	}
	ok(t, Run(20*ms))
	snap("after run(20 ms)")
	ok(t, Store("mid"))
	snap("after store(mid)")
	ok(t, Run(30*ms))
	snap("after run(30 ms) #1")
	endRun()
	ok(t, Restore("mid"))
	snap("after restore(mid) #1")
	ok(t, Run(30*ms))
	snap("after run(30 ms) #2")
	endRun()
	ok(t, Restore("mid"))
	snap("after restore(mid) #2")
	ns["tau"] = 20 * ms
	ok(t, Run(30*ms))
	snap("after run(30 ms) #3, tau = 20 ms")
	endRun()

	want := readRestoreLog(t)
	if len(log) != len(want) {
		t.Fatalf("%d log rows, want %d", len(log), len(want))
	}
	for k, w := range want {
		g := log[k]
		if g.event != w.event || math.Abs(g.tMs-w.tMs) > 1e-9 || g.samples != w.samples || g.count != w.count || math.Abs(g.v-w.v) > 1e-9 {
			t.Errorf("log row %d: got %+v, want %+v", k, g, w)
		}
	}
	for k := range traces[0] {
		if traces[0][k] != traces[1][k] {
			t.Fatalf("runs 1 and 2 differ at sample %d: %.17g vs %.17g", k, traces[0][k], traces[1][k])
		}
	}
	ref := readRef(t, "tutorials/a4_restore_traces.csv")
	for k, col := range []string{"v_run1_1", "v_run2_1", "v_run3_tau20_1"} {
		checkTrace(t, col, traces[k], ref.cols[col], 1e-12, false)
	}
	sp := readRef(t, "tutorials/a4_restore_spikes.csv")
	for run := 1; run <= 3; run++ {
		var want [][2]int
		for k, r := range sp.cols["run"] {
			if int(r) == run {
				want = append(want, [2]int{int(math.Round(sp.cols["t_ms"][k] / 0.1)), 0})
			}
		}
		var got [][2]int
		for _, x := range spikes[run-1] {
			got = append(got, [2]int{int(math.Round(x / 0.1)), 0})
		}
		checkSpikes(t, "run "+strconv.Itoa(run), got, want)
	}
}

// sweepInput is a4_sweep_input_spikes.csv: the Poisson input of Brian2's
// seed-1 sweep, to replay through a SpikeGeneratorGroup.
func sweepInput(t *testing.T) ([]int, []units.Time) {
	ref := readRef(t, "tutorials/a4_sweep_input_spikes.csv")
	idx := make([]int, ref.n)
	for k, i := range ref.cols["i"] {
		idx[k] = int(i)
	}
	return idx, Times(ref.cols["t_ms"], ms)
}

var sweepTaus = []units.Time{4 * ms, 6 * ms, 8 * ms, 10 * ms, 12 * ms}

// TestTutorialA4Sweep is tutorial 3's store/restore sweep with the
// recorded Poisson input replayed: store once, then restore and run 1 s
// for each tau; the counts are Brian2's exactly.
func TestTutorialA4Sweep(t *testing.T) {
	StartScope()
	idx, times := sweepInput(t)
	ns := map[string]any{"weight": 0.1, "tau": sweepTaus[0]}
	in := must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(100, idx, times))
	g := must[*NeuronGroup](t)(NewNeuronGroup(1, "dv/dt = -v/tau : 1", Threshold("v>1"), Reset("v=0"), Method("exact"), Namespace(ns)))
	s := must[*Synapses](t)(NewSynapses(in, g, OnPre("v += weight"), Namespace(ns)))
	ok(t, s.Connect())
	m := must[*SpikeMonitor](t)(NewSpikeMonitor(g))
	net := must[*Network](t)(NewNetwork(in, g, s, m))
	ok(t, net.Store())
	ref := readRef(t, "tutorials/a4_sweep_rates.csv")
	out := readRef(t, "tutorials/a4_sweep_output_spikes.csv")
	for k, tau := range sweepTaus {
		ns["tau"] = tau
		ok(t, net.Restore())
		if net.T() != 0 || m.NumSpikes() != 0 {
			t.Fatalf("after restore: t = %g, %d spikes; want 0, 0", net.T(), m.NumSpikes())
		}
		ok(t, net.Run(1*units.Second))
		if got, want := m.NumSpikes(), int(ref.cols["n_spikes"][k]); got != want {
			t.Errorf("tau = %g ms: %d spikes, want %d", float64(tau/ms), got, want)
		}
		var want [][2]int
		for r, run := range out.cols["run"] {
			if int(run) == k {
				want = append(want, [2]int{int(math.Round(out.cols["t_ms"][r] / 0.1)), 0})
			}
		}
		checkSpikes(t, fmt.Sprintf("tau = %g ms", float64(tau/ms)), monitorSteps(m, 1e-4), want)
	}
}

// TestTutorialA4SweepStats is the sweep with a PoissonGroup over 20 seeds:
// RestoreRandom gives every tau the same input; the mean rate per tau
// lies within 3 combined standard errors of Brian2's.
func TestTutorialA4SweepStats(t *testing.T) {
	if testing.Short() {
		t.Skip("20 seeds × 5 runs of 1 s")
	}
	const seeds = 20
	rates := make([][]float64, len(sweepTaus))
	for seed := 1; seed <= seeds; seed++ {
		StartScope()
		Seed(int64(seed))
		ns := map[string]any{"weight": 0.1, "tau": sweepTaus[0]}
		p := must[*PoissonGroup](t)(NewPoissonGroup(100, 10*units.Hertz))
		g := must[*NeuronGroup](t)(NewNeuronGroup(1, "dv/dt = -v/tau : 1", Threshold("v>1"), Reset("v=0"), Method("exact"), Namespace(ns)))
		s := must[*Synapses](t)(NewSynapses(p, g, OnPre("v += weight"), Namespace(ns)))
		ok(t, s.Connect())
		m := must[*SpikeMonitor](t)(NewSpikeMonitor(g))
		mp := must[*SpikeMonitor](t)(NewSpikeMonitor(p))
		ok(t, Store())
		var input []float64
		for k, tau := range sweepTaus {
			ns["tau"] = tau
			ok(t, RestoreRandom())
			ok(t, Run(1*units.Second))
			rates[k] = append(rates[k], float64(m.NumSpikes()))
			in := mp.T().Floats()
			if k == 0 {
				input = in
			} else if !slices.Equal(in, input) {
				t.Fatalf("seed %d, tau %g ms: the input differs from the first run's (%d vs %d spikes)", seed, float64(tau/ms), len(in), len(input))
			}
		}
	}
	ref := readRef(t, "tutorials/a4_sweep_stats.csv")
	for k, tau := range sweepTaus {
		mean, sd := meanSD(rates[k])
		bm, bsd := ref.cols["rate_Hz_mean"][k], ref.cols["rate_Hz_sd"][k]
		se := math.Sqrt(sd*sd/seeds + bsd*bsd/seeds)
		t.Logf("tau = %g ms: rate %.3g ± %.3g Hz (Brian2 %.3g ± %.3g)", float64(tau/ms), mean, sd, bm, bsd)
		if math.Abs(mean-bm) > 3*se {
			t.Errorf("tau = %g ms: rate %.3g ± %.3g Hz, Brian2 %.3g ± %.3g: %.2g SE apart", float64(tau/ms), mean, sd, bm, bsd, math.Abs(mean-bm)/se)
		}
	}
}

// TestTutorialA5RegularAndNetop is A5: run_regularly on a 5 ms clock and a
// network operation on a 10 ms clock that sets I, both in the start slot
// before the StateMonitor.
func TestTutorialA5RegularAndNetop(t *testing.T) {
	StartScope()
	ns := map[string]any{"tau": 10 * ms}
	g := must[*NeuronGroup](t)(NewNeuronGroup(2, "dv/dt = (I - v)/tau : 1\nI : 1", Threshold("v > 1"), Reset("v = 0"), Method("exact"), Namespace(ns)))
	r := must[*Regular](t)(g.RunRegularly("v = v + 0.1", Dt(5*ms)))
	type call struct{ t, i0, i1 float64 }
	var calls []call
	op := must[*NetworkOp](t)(NetworkOperation(func(tm units.Time) {
		n := float64(len(calls))
		if err := g.SetSlice("I", []float64{0.6 + 0.1*n, 1.5 - 0.2*n}); err != nil {
			t.Error(err)
		}
		I := g.Get("I").Floats()
		calls = append(calls, call{float64(tm / ms), I[0], I[1]})
	}, Dt(10*ms)))
	m := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v", "I"}, RecordAll()))
	sm := must[*SpikeMonitor](t)(NewSpikeMonitor(g))
	ok(t, Run(60*ms))
	if r.Name() != "neurongroup_run_regularly" || op.Name() != "networkoperation" {
		t.Errorf("names %q, %q", r.Name(), op.Name())
	}
	sched := DefaultNetwork().Schedule()
	wantStart := []string{"start 0 networkoperation", "start 0 neurongroup_run_regularly", "start 0 statemonitor"}
	for k, w := range wantStart {
		if k >= len(sched) || sched[k] != w {
			t.Fatalf("schedule %q, want it to start with %q", sched, wantStart)
		}
	}
	ref := readRef(t, "tutorials/a5_regular_state.csv")
	for _, v := range []string{"v", "I"} {
		var got []float64
		for i := 0; i < 2; i++ {
			got = append(got, m.Of(v, i).Floats()...)
		}
		var want []float64
		col, ii := ref.cols[v+"_1"], ref.cols["i"]
		for i := 0; i < 2; i++ {
			for k := range col {
				if int(ii[k]) == i {
					want = append(want, col[k])
				}
			}
		}
		checkTrace(t, v, got, want, 1e-12, false)
	}
	checkSpikes(t, "spikes", monitorSteps(sm, 1e-4), spikeSteps(readRef(t, "tutorials/a5_regular_spikes.csv"), 0.1))
	cref := readRef(t, "tutorials/a5_netop_calls.csv")
	if len(calls) != cref.n {
		t.Fatalf("%d calls %v, want %d", len(calls), calls, cref.n)
	}
	for k, c := range calls {
		if c.t != cref.cols["t_ms"][k] || c.i0 != cref.cols["I0_1"][k] || c.i1 != cref.cols["I1_1"][k] {
			t.Errorf("call %d: %+v, want t = %g ms, I = %g, %g", k, c, cref.cols["t_ms"][k], cref.cols["I0_1"][k], cref.cols["I1_1"][k])
		}
	}
}

// TestControlErrors: bad input to the control API gives errors that name
// the culprit, and the network stays usable.
func TestControlErrors(t *testing.T) {
	tests := []struct {
		name string
		do   func(g *NeuronGroup) error
		want []string // substrings of the error
	}{
		{"restore of an unknown name", func(*NeuronGroup) error {
			ok(t, Store("a"))
			ok(t, Store())
			return Restore("b")
		}, []string{`Restore: name: no snapshot named "b" (stored: "a", "default")`}},
		{"restore before any store", func(*NeuronGroup) error { return RestoreRandom() }, []string{`no snapshot named "default" (nothing has been stored)`}},
		{"two snapshot names", func(*NeuronGroup) error { return Store("a", "b") }, []string{"one snapshot name at most"}},
		{"restore after a new object", func(g *NeuronGroup) error {
			ok(t, Store())
			must[*StateMonitor](t)(NewStateMonitor(g, []string{"v"}, Name("late")))
			return Restore()
		}, []string{"does not fit the network", "not stored: late"}},
		{"run_regularly with a bad statement", func(g *NeuronGroup) error {
			_, err := g.RunRegularly("v = v + w", Dt(5*ms))
			return err
		}, []string{"neurongroup_run_regularly, run_regularly:", `1:9: unknown name "w": not a model variable`}},
		{"run_regularly with a unit error", func(g *NeuronGroup) error {
			_, err := g.RunRegularly("v = v + 1*mV", Dt(5*ms))
			return err
		}, []string{"neurongroup_run_regularly, run_regularly: 1:5:", "inconsistent units"}},
		{"run_regularly in an unknown slot", func(g *NeuronGroup) error {
			_, err := g.RunRegularly("v = 0", When("before_start"))
			return err
		}, []string{`RunRegularly: When: unknown slot "before_start"`}},
		{"network operation that panics", func(g *NeuronGroup) error {
			calls := 0
			_, err := NetworkOperation(func(tm units.Time) {
				if calls++; calls == 3 {
					var m map[string]int
					m["x"] = 1
				}
			}, Dt(1*ms), Name("setter"))
			ok(t, err)
			return Run(10 * ms)
		}, []string{"setter, network operation: panic at t = 2 ms: assignment to entry in nil map"}},
		{"run_regularly assigning to t", func(g *NeuronGroup) error {
			_, err := g.RunRegularly("t = 0*ms")
			return err
		}, []string{"neurongroup_run_regularly, run_regularly: 1:1:"}},
		{"Run and Restore from a network operation", func(g *NeuronGroup) error {
			var errs []error
			ok(t, Store())
			_, err := NetworkOperation(func(units.Time) { errs = append(errs, Run(1*ms), Restore()) }, Dt(1*ms))
			ok(t, err)
			ok(t, Run(1*ms))
			return errors.Join(errs...)
		}, []string{"Run: the network is already running", "Restore: the network is running"}},
		{"nil network operation", func(g *NeuronGroup) error {
			_, err := NetworkOperation(nil)
			return err
		}, []string{"NetworkOperation: f: nil function"}},
		{"remove of an object not in the network", func(g *NeuronGroup) error {
			net := must[*Network](t)(NewNetwork())
			return net.Remove(g)
		}, []string{"neurongroup is not in the network"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			StartScope()
			g := must[*NeuronGroup](t)(NewNeuronGroup(1, "dv/dt = -v/(10*ms) : 1", Method("exact")))
			err := tc.do(g)
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			var oe *ObjectError
			var ae *ArgError
			if !errors.As(err, &oe) && !errors.As(err, &ae) {
				t.Errorf("error %T is neither *ObjectError nor *ArgError", err)
			}
			// The network stays usable.
			if err := Run(1 * ms); err != nil {
				t.Errorf("run after the error: %v", err)
			}
		})
	}
}

// TestRestoreRandomState: random streams continue across runs, Restore
// leaves them running (a run after it draws new numbers, as Brian2's
// restore()) and RestoreRandom rewinds them (restore_random_state=True),
// for every source of random numbers, with the snapshot taken before the
// first run or after one.
func TestRestoreRandomState(t *testing.T) {
	type probe func() []float64
	tests := []struct {
		name  string
		build func(t *testing.T) probe
	}{
		{"noise (xi)", func(t *testing.T) probe {
			g := must[*NeuronGroup](t)(NewNeuronGroup(3000, "dv/dt = -v/(10*ms) + xi/sqrt(ms) : 1"))
			return func() []float64 { return g.Get("v").Floats() }
		}},
		{"rand() in a threshold", func(t *testing.T) probe {
			g := must[*NeuronGroup](t)(NewNeuronGroup(10, "v : 1", Threshold("rand() < 0.3"), Reset("v += 1")))
			return func() []float64 { return g.Get("v").Floats() }
		}},
		{"PoissonGroup", func(t *testing.T) probe {
			p := must[*PoissonGroup](t)(NewPoissonGroup(50, 200*units.Hertz))
			m := must[*SpikeMonitor](t)(NewSpikeMonitor(p))
			return func() []float64 { return m.T().Floats() }
		}},
		{"PoissonGroup with per-neuron rates", func(t *testing.T) probe {
			p := must[*PoissonGroup](t)(NewPoissonGroup(3, []units.Frequency{100 * units.Hertz, 300 * units.Hertz, 0}))
			m := must[*SpikeMonitor](t)(NewSpikeMonitor(p))
			return func() []float64 { return m.T().Floats() }
		}},
		{"PoissonInput", func(t *testing.T) probe {
			g := must[*NeuronGroup](t)(NewNeuronGroup(20, "dv/dt = -v/(10*ms) : 1", Method("exact")))
			must[*PoissonInput](t)(NewPoissonInput(g, "v", 100, 10*units.Hertz, 0.05))
			return func() []float64 { return g.Get("v").Floats() }
		}},
		{"rand() in on_pre", func(t *testing.T) probe {
			in := inputTrain(t, 1*ms)
			g := must[*NeuronGroup](t)(NewNeuronGroup(4, "v : 1"))
			s := must[*Synapses](t)(NewSynapses(in, g, OnPre("v += rand()")))
			ok(t, s.Connect())
			return func() []float64 { return g.Get("v").Floats() }
		}},
		{"rand() in run_regularly", func(t *testing.T) probe {
			g := must[*NeuronGroup](t)(NewNeuronGroup(4, "v : 1"))
			must[*Regular](t)(g.RunRegularly("v += rand()", Dt(1*ms)))
			return func() []float64 { return g.Get("v").Floats() }
		}},
	}
	for _, tc := range tests {
		for _, warm := range []bool{false, true} {
			name := tc.name + ", stored before the first run"
			if warm {
				name = tc.name + ", stored after a run"
			}
			t.Run(name, func(t *testing.T) {
				StartScope()
				Seed(7)
				get := tc.build(t)
				if warm {
					ok(t, Run(3*ms))
				}
				ok(t, Store())
				ok(t, Run(5*ms))
				first := get()
				ok(t, Restore())
				ok(t, Run(5*ms))
				again := get()
				ok(t, RestoreRandom())
				ok(t, Run(5*ms))
				rewound := get()
				if len(first) == 0 {
					t.Fatal("the probe saw nothing")
				}
				if slices.Equal(first, again) {
					t.Errorf("the run after Restore drew the same numbers as the first")
				}
				if !slices.Equal(first, rewound) {
					t.Errorf("the run after RestoreRandom differs from the first: %v vs %v", head(rewound), head(first))
				}
			})
		}
	}
}

func head(x []float64) []float64 { return x[:min(len(x), 4)] }

// runObservation is everything a user can read after a run of the network
// of TestRestoreEverything.
type runObservation struct {
	v, ls, vl, w, rate, st, smt, smv []float64
	n                                int
	t                                float64
}

// TestRestoreEverything: after changes of every kind between Store and
// Restore (runs, Set, Connect, SetSpikes, LinkVar), a run after Restore
// reproduces the run after Store bit for bit: state, refractoriness,
// linked variables, synapses, spike queues, generator positions and
// monitors.
func TestRestoreEverything(t *testing.T) {
	StartScope()
	in := must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(3, []int{0, 1, 2, 0, 1, 2, 0}, Times([]float64{1, 2, 3, 11, 13, 15, 24}, ms)))
	g := must[*NeuronGroup](t)(NewNeuronGroup(3, "dv/dt = -v/(10*ms) : 1 (unless refractory)", Threshold("v > 0.5"), Reset("v = 0"), Refractory(3*ms), Method("exact")))
	src := must[*NeuronGroup](t)(NewNeuronGroup(3, "u : 1"))
	other := must[*NeuronGroup](t)(NewNeuronGroup(3, "u : 1"))
	ok(t, src.SetSlice("u", []float64{1, 2, 3}))
	ok(t, other.SetSlice("u", []float64{-1, -2, -3}))
	h := must[*NeuronGroup](t)(NewNeuronGroup(3, "dx/dt = (l - x)/(5*ms) : 1\nl : 1 (linked)", Method("exact")))
	ok(t, h.LinkVar("l", src, "u"))
	s := must[*Synapses](t)(NewSynapses(in, g, Model("w : 1"), OnPre("v += w"), Delay(2*ms)))
	ok(t, s.Connect(OneToOne()))
	ok(t, s.SetExpr("w", "0.3 + 0.1*i"))
	ok(t, s.SetExpr("delay", "(1 + i)*ms"))
	sm := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v"}, RecordAll()))
	spm := must[*SpikeMonitor](t)(NewSpikeMonitor(g, Variables("v")))
	rm := must[*PopulationRateMonitor](t)(NewPopulationRateMonitor(g))
	observe := func() runObservation {
		return runObservation{
			v: g.Get("v").Floats(), ls: g.Get("lastspike").Floats(), vl: h.Get("x").Floats(),
			w: s.Get("w").Floats(), rate: rm.Rate().Floats(), st: sm.Of("v", 1).Floats(), smt: spm.T().Floats(),
			smv: spm.Values("v").Floats(), n: s.N(), t: float64(T()),
		}
	}
	ok(t, Run(12*ms)) // spikes of 11 ms are in flight
	ok(t, Store("x"))
	ok(t, Run(20*ms))
	want := observe()
	if len(want.smt) == 0 {
		t.Fatal("no spikes: the test network does nothing")
	}
	ok(t, g.Set("v", 0.4))
	ok(t, s.Connect(I(0), J(2)))
	ok(t, in.SetSpikes([]int{2}, Times([]float64{40}, ms)))
	ok(t, h.LinkVar("l", other, "u"))
	ok(t, s.Set("w", 0.9))
	ok(t, Run(5*ms))
	ok(t, Restore("x"))
	if T() != 12e-3 || s.N() != 3 {
		t.Fatalf("after Restore: t = %g, %d synapses; want 0.012, 3", T(), s.N())
	}
	ok(t, Run(20*ms))
	got := observe()
	for _, c := range []struct {
		name      string
		got, want []float64
	}{{"v", got.v, want.v}, {"lastspike", got.ls, want.ls}, {"linked x", got.vl, want.vl}, {"w", got.w, want.w},
		{"rate", got.rate, want.rate}, {"StateMonitor v[1]", got.st, want.st}, {"spike times", got.smt, want.smt},
		{"v at the spikes", got.smv, want.smv}} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s after Restore and the same run: %v, want %v", c.name, c.got, c.want)
		}
	}
	if got.n != want.n || got.t != want.t {
		t.Errorf("after the run: %d synapses at t = %g, want %d at %g", got.n, got.t, want.n, want.t)
	}
}

// TestOperationSchedule: When, Order, Name and Dt place run_regularly and
// network operations in the schedule as in Brian2 (slot, then order, then
// name), each on its own clock; the network describes itself.
func TestOperationSchedule(t *testing.T) {
	StartScope()
	g := must[*NeuronGroup](t)(NewNeuronGroup(1, "v : 1", Name("g")))
	var at []float64
	must[*NetworkOp](t)(NetworkOperation(func(tm units.Time) { at = append(at, float64(tm/ms)) }, Dt(0.25*ms), When("end"), Order(-1)))
	must[*Regular](t)(g.RunRegularly("v += 1", When("thresholds"), Order(2)))
	must[*Regular](t)(g.RunRegularly("v += 10", Dt(0.3*ms), Name("late")))
	must[*NetworkOp](t)(NetworkOperation(func(units.Time) {}))
	ok(t, Store("s"))
	ok(t, Run(1*ms))
	want := []string{"start 0 late", "start 0 networkoperation_1", "thresholds 2 g_run_regularly", "end -1 networkoperation"}
	if got := DefaultNetwork().Schedule(); !slices.Equal(got, want) {
		t.Errorf("schedule %q, want %q", got, want)
	}
	// 10 steps of 0.1 ms add 1 each; 0.3 ms steps at 0, 0.3, 0.6, 0.9 add 10 each.
	if v := g.Get("v").Floats()[0]; v != 50 {
		t.Errorf("v = %g, want 50", v)
	}
	if !slices.Equal(at, []float64{0, 0.25, 0.5, 0.75}) {
		t.Errorf("network operation called at %v ms, want 0, 0.25, 0.5, 0.75", at)
	}
	s := DefaultNetwork().String()
	for _, w := range []string{"Network at t = 1. ms with 3 object(s)", `NeuronGroup 'g'`, `Regular 'late' (simulated as a dependency)`,
		`NetworkOp 'networkoperation'`, "start 0 late", "snapshots: s"} {
		if !strings.Contains(s, w) {
			t.Errorf("String() = %q lacks %q", s, w)
		}
	}
	if h := DefaultNetwork().MIMEBundle()["text/html"].(string); !strings.Contains(h, "<code>late</code> <i>(dependency)</i>") {
		t.Errorf("MIMEBundle html %q", h)
	}
	// Removing the operations leaves the group and its run_regularly.
	net := DefaultNetwork()
	for _, o := range Collect() {
		if _, isOp := o.(*NetworkOp); isOp {
			ok(t, net.Remove(o))
		}
	}
	at = nil
	ok(t, Run(1*ms))
	if len(at) != 0 || len(net.Schedule()) != 2 {
		t.Errorf("after Remove: calls at %v, schedule %q", at, net.Schedule())
	}
}
