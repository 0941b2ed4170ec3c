package interp

import (
	"fmt"
	"testing"

	"gonsim/nsim"
	"gonsim/nsim/units"
)

// sweepCounts is tutorial 3's store/restore sweep in compiled Go: the
// counts the notebook cells of TestCellsStoreRestoreSweep must reproduce.
func sweepCounts(t *testing.T) []int {
	nsim.StartScope()
	nsim.Seed(1)
	ms := units.Millisecond
	ns := map[string]any{"weight": 0.1, "tau": 4 * ms}
	p, err := nsim.NewPoissonGroup(100, 10*units.Hertz)
	if err != nil {
		t.Fatal(err)
	}
	g, err := nsim.NewNeuronGroup(1, "dv/dt = -v/tau : 1", nsim.Threshold("v>1"), nsim.Reset("v=0"), nsim.Method("exact"), nsim.Namespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	s, err := nsim.NewSynapses(p, g, nsim.OnPre("v += weight"), nsim.Namespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Connect(); err != nil {
		t.Fatal(err)
	}
	m, err := nsim.NewSpikeMonitor(g)
	if err != nil {
		t.Fatal(err)
	}
	if err := nsim.Store(); err != nil {
		t.Fatal(err)
	}
	var counts []int
	for _, tau := range []units.Time{4 * ms, 6 * ms, 8 * ms, 10 * ms, 12 * ms} {
		ns["tau"] = tau
		if err := nsim.RestoreRandom(); err != nil {
			t.Fatal(err)
		}
		if err := nsim.Run(units.Second); err != nil {
			t.Fatal(err)
		}
		counts = append(counts, m.NumSpikes())
	}
	return counts
}

// TestCellsStoreRestoreSweep is tutorial 3's sweep as cells write it: the
// notebook's tau, re-read at every Run, store once, restore in a loop
// (the loop assigns the global tau: a loop variable named tau would be
// another variable, which the model does not see);
// then run_regularly, a network operation, and the errors a cell sees.
func TestCellsStoreRestoreSweep(t *testing.T) {
	want := sweepCounts(t)
	if want[0] >= want[4] {
		t.Fatalf("compiled sweep counts %v do not grow with tau", want)
	}
	runSteps(t, []step{
		{code: "StartScope()\nSeed(1)\nP := PoissonGroup(100, 10*Hz)\ntau := 4*ms\nweight := 0.1\n" +
			"G := NeuronGroup(1, \"dv/dt = -v/tau : 1\", Threshold(\"v>1\"), Reset(\"v=0\"), Method(\"exact\"))\n" +
			"S := Synapses(P, G, OnPre(\"v += weight\"))\nS.Connect()\nM := SpikeMonitor(G)\nStore()"},
		{code: "var counts []int\nfor _, x := range []Time{4*ms, 6*ms, 8*ms, 10*ms, 12*ms} {\n\ttau = x\n\tRestoreRandom()\n\tRun(1*second)\n\tcounts = append(counts, M.NumSpikes())\n}\ncounts",
			value: fmt.Sprint(want)},
		{code: "Restore(\"before\")", err: `ArgError: Restore: name: no snapshot named "before" (stored: "default")`},
		{code: "M.NumSpikes()", value: fmt.Sprint(want[4])},
		{code: "StartScope()\nH := NeuronGroup(2, \"v : 1\")\nRunRegularly(H, \"v = v + 0.5\", Dt(10*ms))\n" +
			"calls := 0\nNetworkOperation(func(t Time) { calls++ }, Dt(20*ms))\nRun(100*ms)\nfmt.Sprint(calls, H.Get(\"v\").Floats())",
			value: "5 [5 5]"},
		{code: "RunRegularly(H, \"v = v + w\")", err: "ObjectError: neurongroup_run_regularly_1, run_regularly: 1:9: unknown name \"w\": not a model variable, not in the Namespace option, not a local or global variable"},
		{code: "NetworkOperation(func(t Time) { panic(\"boom\") }, Name(\"bad\"))\nRun(1*ms)", err: "ObjectError: bad, network operation: panic at t = 100 ms: boom"},
	})
}
