package nsim

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"gonsim/nsim/units"
)

// table is a reference CSV: column name → values.
type table struct {
	cols map[string][]float64
	n    int
}

func readRef(t *testing.T, name string) table {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "refdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	tb := table{cols: map[string][]float64{}, n: len(recs) - 1}
	for _, r := range recs[1:] {
		for c, h := range recs[0] {
			v, err := strconv.ParseFloat(r[c], 64)
			if err != nil {
				v = math.NaN() // a label column such as "variant"
			}
			tb.cols[h] = append(tb.cols[h], v)
		}
	}
	return tb
}

// spikeSteps converts a spike file's times to steps.
func spikeSteps(tb table, dtMs float64) [][2]int {
	var out [][2]int
	for k, t := range tb.cols["t_ms"] {
		out = append(out, [2]int{int(math.Round(t / dtMs)), int(tb.cols["i"][k])})
	}
	return out
}

func monitorSteps(sp *SpikeMonitor, dt float64) [][2]int {
	var out [][2]int
	ts := sp.T().Floats()
	for k, i := range sp.I() {
		out = append(out, [2]int{int(math.Round(ts[k] / dt)), i})
	}
	return out
}

func checkSpikes(t *testing.T, what string, got, want [][2]int) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d spikes %v, want %d %v", what, len(got), got, len(want), want)
		return
	}
	for k := range got {
		if got[k] != want[k] {
			t.Errorf("%s: spike %d at (step, i) = %v, want %v", what, k, got[k], want[k])
		}
	}
}

// checkTrace compares a trace with a reference column; tolerance is
// absolute if rel is false.
func checkTrace(t *testing.T, what string, got, want []float64, tol float64, rel bool) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d samples, want %d", what, len(got), len(want))
	}
	worst, at := 0.0, -1
	for k := range got {
		d := math.Abs(got[k] - want[k])
		if rel && want[k] != 0 {
			d /= math.Abs(want[k])
		}
		if d > worst || math.IsNaN(got[k]) {
			worst, at = d, k
		}
	}
	if worst > tol || (at >= 0 && math.IsNaN(got[at])) {
		t.Errorf("%s: worst deviation %.3g at sample %d (got %.17g, want %.17g), tolerance %.3g", what, worst, at, got[at], want[at], tol)
	}
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

const ms = units.Millisecond

// inputTrain is the seed's SpikeGeneratorGroup(1, [0]*100, (1+arange(100))*sep).
func inputTrain(t *testing.T, sep units.Time) *SpikeGeneratorGroup {
	idx := make([]int, 100)
	times := make([]units.Time, 100)
	for k := range times {
		times[k] = units.Time(k+1) * sep
	}
	return must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(1, idx, times))
}

// TestSeedIntegrateAndFire covers seed sections 2, 3, 5 and 6: Euler
// models driven by a SpikeGeneratorGroup through same-step synapses.
func TestSeedIntegrateAndFire(t *testing.T) {
	tests := []struct {
		name, eqs, threshold, reset, onPre string
		n                                  int
		sep, duration                      units.Time
		init                               map[string]float64
		vars                               []string
		state, spikes                      string
		tol                                float64
	}{
		{name: "s2 IF", eqs: "dv/dt = 0/second : 1", threshold: "v>1", reset: "v=0", onPre: "v += 0.3", n: 1,
			sep: 10 * ms, duration: 50 * ms, vars: []string{"v"}, state: "s2_if_state.csv", spikes: "s2_if_spikes.csv", tol: 0},
		{name: "s3 LIF", eqs: "dv/dt = -v/(15*ms) : 1", threshold: "v>1", reset: "v=0", onPre: "v += 0.6", n: 1,
			sep: 10 * ms, duration: 50 * ms, vars: []string{"v"}, state: "s3_lif_state.csv", spikes: "s3_lif_spikes.csv", tol: 1e-14},
		{name: "s5 LIF with synaptic current", eqs: "dv/dt = (4*I-v)/(15*ms) : 1\ndI/dt = -I/(5*ms) : 1", threshold: "v>1", reset: "v=0", onPre: "I += 0.6", n: 1,
			sep: 10 * ms, duration: 50 * ms, vars: []string{"v", "I"}, state: "s5_lif_syn_state.csv", spikes: "s5_lif_syn_spikes.csv", tol: 1e-14},
		{name: "s6 adaptive threshold", eqs: "dv/dt = -v/(15*ms) : 1\ndvt/dt = (1-vt)/(50*ms) : 1", threshold: "v>vt", reset: "v=0; vt+=0.4*i", onPre: "v += 0.3", n: 2,
			sep: 2 * ms, duration: 150 * ms, init: map[string]float64{"vt": 1}, vars: []string{"v", "vt"}, state: "s6_adaptive_threshold_state.csv", spikes: "s6_adaptive_threshold_spikes.csv", tol: 1e-14},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			StartScope()
			in := inputTrain(t, tc.sep)
			out := must[*NeuronGroup](t)(NewNeuronGroup(tc.n, tc.eqs, Threshold(tc.threshold), Reset(tc.reset), Method("euler")))
			for k, v := range tc.init {
				ok(t, out.Set(k, v))
			}
			s := must[*Synapses](t)(NewSynapses(in, out, OnPre(tc.onPre)))
			ok(t, s.Connect(P(1)))
			m := must[*StateMonitor](t)(NewStateMonitor(out, tc.vars, RecordAll()))
			sp := must[*SpikeMonitor](t)(NewSpikeMonitor(out))
			ok(t, Run(tc.duration))
			ref := readRef(t, tc.state)
			for _, v := range tc.vars {
				var want []float64
				var got []float64
				for i := 0; i < tc.n; i++ {
					tr := m.Of(v, i).Floats()
					for k := range tr {
						got = append(got, tr[k])
					}
				}
				if tc.n == 1 {
					want = ref.cols[v+"_1"]
				} else {
					// Long format: rows per step, neurons inside.
					col, ii := ref.cols[v+"_1"], ref.cols["i"]
					for i := 0; i < tc.n; i++ {
						for k := range col {
							if int(ii[k]) == i {
								want = append(want, col[k])
							}
						}
					}
				}
				checkTrace(t, v, got, want, tc.tol, true)
			}
			checkSpikes(t, "spikes", monitorSteps(sp, 1e-4), spikeSteps(readRef(t, tc.spikes), 0.1))
		})
	}
}
