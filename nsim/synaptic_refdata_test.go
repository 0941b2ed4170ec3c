package nsim

import (
	"math"
	"slices"
	"testing"

	"gonsim/nsim/units"
)

// This file checks event-driven and summed synaptic variables and
// StateMonitors on Synapses against Brian2 (refdata/tutorials A1, A2, A9).

// longCol returns column col of a long-format state file (one row per
// step and element), element by element: all steps of ids[0], then ids[1].
func longCol(tb table, idCol, col string, ids []int) []float64 {
	var out []float64
	for _, id := range ids {
		for k, x := range tb.cols[idCol] {
			if int(x) == id {
				out = append(out, tb.cols[col][k])
			}
		}
	}
	return out
}

// traces concatenates a monitor's traces of v for the elements ids, in
// unit u.
func traces(t *testing.T, m *StateMonitor, v string, ids []int, u float64) []float64 {
	t.Helper()
	var out []float64
	for _, id := range ids {
		tr := m.Of(v, id)
		if tr.Err() != nil {
			t.Fatal(tr.Err())
		}
		for _, x := range tr.Floats() {
			out = append(out, x/u)
		}
	}
	return out
}

func spikeGen(t *testing.T, n int, at map[int][]float64, name string) *SpikeGeneratorGroup {
	var idx []int
	var times []units.Time
	for i := 0; i < n; i++ {
		for _, x := range at[i] {
			idx = append(idx, i)
			times = append(times, units.Time(x)*ms)
		}
	}
	return must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(n, idx, times, Name(name)))
}

const a1Model = `
w : 1
dapre/dt = -apre/taupre : 1 (event-driven)
dapost/dt = -apost/taupost : 1 (event-driven)
`

// a1 builds tutorial 2's STDP network of the reference (A1).
func a1(t *testing.T) (*Synapses, *StateMonitor, *StateMonitor, *SpikeMonitor) {
	StartScope()
	const apre = 0.002
	ns := map[string]any{"taupre": 20 * ms, "taupost": 20 * ms, "wmax": 0.01, "Apre": apre, "Apost": -apre * 1.05}
	pre := spikeGen(t, 3, map[int][]float64{0: {15.1, 55.1, 95.1, 135.1}, 1: {25.1, 65.1, 105.1, 145.1}, 2: {30.1, 80.1, 125.0, 170.0}}, "pre")
	driver := spikeGen(t, 2, map[int][]float64{0: {20, 60, 100, 140}, 1: {30, 80, 120, 160}}, "driver")
	post := must[*NeuronGroup](t)(NewNeuronGroup(2, "v : 1", Threshold("v > 1"), Reset("v = 0"), Name("post")))
	d := must[*Synapses](t)(NewSynapses(driver, post, OnPre("v_post += 2"), Name("drive")))
	ok(t, d.Connect(OneToOne()))
	s := must[*Synapses](t)(NewSynapses(pre, post, Model(a1Model), Namespace(ns), Name("stdp"),
		OnPre("v_post += w\napre += Apre\nw = clip(w+apost, 0, wmax)"),
		OnPost("apost += Apost\nw = clip(w+apre, 0, wmax)")))
	ok(t, s.Connect())
	ok(t, s.Set("w", 0.005))
	m := must[*StateMonitor](t)(NewStateMonitor(s, []string{"w", "apre", "apost", "lastupdate"}, RecordAll()))
	mv := must[*StateMonitor](t)(NewStateMonitor(post, []string{"v"}, RecordAll()))
	sp := must[*SpikeMonitor](t)(NewSpikeMonitor(post))
	ok(t, Run(200*ms))
	return s, m, mv, sp
}

func TestRefA1STDP(t *testing.T) {
	s, m, mv, sp := a1(t)
	ref := readRef(t, "tutorials/a1_stdp_syn_state.csv")
	syns := []int{0, 1, 2, 3, 4, 5}
	for _, c := range []struct {
		v   string
		u   float64
		tol float64
	}{{"w", 1, 1e-14}, {"apre", 1, 1e-14}, {"apost", 1, 1e-14}, {"lastupdate", 1e-3, 1e-9}} {
		checkTrace(t, c.v, traces(t, m, c.v, syns, c.u), longCol(ref, "syn", c.v+"_"+map[bool]string{true: "1", false: "ms"}[c.u == 1], syns), c.tol, false)
	}
	if got, want := s.I(), []int{0, 0, 1, 1, 2, 2}; !slices.Equal(got, want) {
		t.Errorf("synapse i = %v, want %v (Brian's order)", got, want)
	}
	pv := readRef(t, "tutorials/a1_stdp_post_state.csv")
	checkTrace(t, "v", traces(t, mv, "v", []int{0, 1}, 1), longCol(pv, "i", "v_1", []int{0, 1}), 1e-14, false)
	checkSpikes(t, "post spikes", monitorSteps(sp, 1e-4), spikeSteps(readRef(t, "tutorials/a1_stdp_post_spikes.csv"), 0.1))
	fin := readRef(t, "tutorials/a1_stdp_final.csv")
	checkTrace(t, "final w", s.Get("w").Floats(), fin.cols["w_1"], 1e-14, false)
	checkTrace(t, "final apre", s.Get("apre").Floats(), fin.cols["apre_1"], 1e-14, false)
	checkTrace(t, "final apost", s.Get("apost").Floats(), fin.cols["apost_1"], 1e-14, false)
	checkTrace(t, "final lastupdate", s.Get("lastupdate").In(units.Millisecond), fin.cols["lastupdate_ms"], 1e-9, false)
	// The README's values, as a user would read them: S.w[S.Indices(i, j)].
	for _, c := range []struct {
		i, j int
		w    float64
	}{{0, 0, 0.01}, {1, 0, 0}, {0, 1, 0.0051065238}, {1, 1, 0.0081065742}, {2, 0, 0.0038973369}, {2, 1, 0.0063070339}} {
		k := s.Indices(c.i, c.j)
		if len(k) != 1 {
			t.Fatalf("Indices(%d, %d) = %v, want one synapse", c.i, c.j, k)
		}
		if w := s.Get("w").Floats()[k[0]]; math.Abs(w-c.w) > 1e-10 {
			t.Errorf("w(%d, %d) = %.10g, want %.10g", c.i, c.j, w, c.w)
		}
	}
}

// TestRefA2GapJunctions is Brian2's gallery example synapses/gapjunctions.py
// verbatim: a (summed) variable and automatic method choice.
func TestRefA2GapJunctions(t *testing.T) {
	StartScope()
	const n = 10
	ns := map[string]any{"v0": 1.05, "tau": 10 * ms, "n": n}
	g := must[*NeuronGroup](t)(NewNeuronGroup(n, "dv/dt = (v0 - v + Igap) / tau : 1\nIgap : 1 # gap junction current",
		Threshold("v > 1"), Reset("v = 0"), Namespace(ns)))
	ok(t, g.SetExpr("v", "i * 1.0 / (n-1)"))
	m := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v", "Igap"}, RecordAll()))
	sp := must[*SpikeMonitor](t)(NewSpikeMonitor(g))
	s := must[*Synapses](t)(NewSynapses(g, g, Model("w : 1 # gap junction conductance\nIgap_post = w * (v_pre - v_post) : 1 (summed)")))
	ok(t, s.Connect())
	ok(t, s.Set("w", .02))
	ok(t, Run(500*ms))
	if g.Method() != "exact" {
		t.Errorf("method %q, want exact (Brian's choice)", g.Method())
	}
	ref := readRef(t, "tutorials/a2_gap_state.csv")
	ids := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	checkTrace(t, "v", traces(t, m, "v", ids, 1), longCol(ref, "i", "v_1", ids), 1e-12, false)
	checkTrace(t, "Igap", traces(t, m, "Igap", ids, 1), longCol(ref, "i", "Igap_1", ids), 1e-12, false)
	checkSpikes(t, "spikes", monitorSteps(sp, 1e-4), spikeSteps(readRef(t, "tutorials/a2_gap_spikes.csv"), 0.1))
}

// TestRefA9STP is Tsodyks–Markram short-term plasticity with event-driven
// variables that relax to non-zero values.
func TestRefA9STP(t *testing.T) {
	StartScope()
	const n = 10
	rates := make([]units.Frequency, n)
	for i := range rates {
		rates[i] = units.Frequency(6 + 27*float64(i)/(n-1))
	}
	in := must[*NeuronGroup](t)(NewNeuronGroup(n, "dxin/dt = rate : 1\nrate : Hz", Threshold("xin>1"), Reset("xin=0"), Method("euler")))
	ok(t, in.SetSlice("rate", rates))
	ns := map[string]any{"Rm": 100 * units.Megaohm, "taum": 10 * ms, "tau_e": 3 * ms, "taud": 1 * ms, "tauf": 100 * ms, "U": 0.1}
	nrn := must[*NeuronGroup](t)(NewNeuronGroup(n, "dv/dt = (Rm*I - v)/taum : volt\ndI/dt = -I/tau_e : amp", Method("exact"), Namespace(ns)))
	s := must[*Synapses](t)(NewSynapses(in, nrn, Namespace(ns),
		Model("w : amp\ndx/dt = (1-x)/taud : 1 (event-driven)\ndu/dt = (U-u)/tauf : 1 (event-driven)"),
		OnPre("I += w*u*x\nx *= (1-u)\nu += U*(1-u)")))
	ok(t, s.Connect(OneToOne()))
	ok(t, s.Set("w", 250*units.Picoampere))
	ok(t, s.Set("x", 1))
	ok(t, s.Set("u", 0.1))
	tr := must[*StateMonitor](t)(NewStateMonitor(nrn, []string{"v", "I"}, Record(0, n-1)))
	syn := must[*StateMonitor](t)(NewStateMonitor(s, []string{"u", "x", "lastupdate"}, Record(0, n-1)))
	sp := must[*SpikeMonitor](t)(NewSpikeMonitor(in))
	ok(t, Run(1000*ms))
	checkSpikes(t, "input spikes", monitorSteps(sp, 1e-4), spikeSteps(readRef(t, "tutorials/a9_stp_input_spikes.csv"), 0.1))
	post := readRef(t, "tutorials/a9_stp_post_state.csv")
	ids := []int{0, n - 1}
	checkTrace(t, "v", traces(t, tr, "v", ids, 1e-3), longCol(post, "i", "v_mV", ids), 1e-9, false)
	checkTrace(t, "I", traces(t, tr, "I", ids, 1e-12), longCol(post, "i", "I_pA", ids), 1e-9, false)
	st := readRef(t, "tutorials/a9_stp_syn_state.csv")
	checkTrace(t, "u", traces(t, syn, "u", ids, 1), longCol(st, "syn", "u_1", ids), 1e-12, false)
	checkTrace(t, "x", traces(t, syn, "x", ids, 1), longCol(st, "syn", "x_1", ids), 1e-12, false)
	checkTrace(t, "lastupdate", traces(t, syn, "lastupdate", ids, 1e-3), longCol(st, "syn", "lastupdate_ms", ids), 1e-9, false)
	fin := readRef(t, "tutorials/a9_stp_final.csv")
	checkTrace(t, "final u", s.Get("u").Floats(), fin.cols["u_1"], 1e-12, false)
	checkTrace(t, "final x", s.Get("x").Floats(), fin.cols["x_1"], 1e-12, false)
}
