package nsim

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"testing"

	"gonsim/nsim/internal/mathfn"
	"gonsim/nsim/units"
)

// knownCase is what a test does around two runs of 50 ms: before them,
// during them (a network operation at the start of every step) and
// between them.
type knownCase struct {
	name      string
	before    func(G *NeuronGroup)
	during    func(G *NeuronGroup, now units.Time)
	between   func(G *NeuronGroup)
	untrusted int  // steps that must not use the set
	n         int  // neurons, 2000 if 0
	split     bool // the run with the set splits the update over two workers
}

// knownResult is a run's spikes, its final states (knownModel.vars) and
// the number of steps that used the refractory set.
type knownResult struct {
	i       []int
	ts      []float64
	state   [][]float64
	trusted int
}

// knownModel is a model whose fused update keeps the set: how to build it
// with n neurons, the variables compared, and whether this step used it.
type knownModel struct {
	name  string
	build func(t *testing.T, n int) *SpikeMonitor
	vars  []string
	trust func(*NeuronGroup) bool
}

var knownModels = []knownModel{
	{"CUBA", func(t *testing.T, n int) *SpikeMonitor { sp, _ := cuba(t, n); return sp },
		[]string{"lastspike", "not_refractory", "v", "ge", "gi"},
		func(G *NeuronGroup) bool { return G.upd.affine.trust }},
	{"noisy LIF", func(t *testing.T, n int) *SpikeMonitor { return must[*SpikeMonitor](t)(noisyLIF(n)) },
		[]string{"lastspike", "not_refractory", "x"},
		func(G *NeuronGroup) bool { return G.upd.linear.trust }},
}

// knownRun runs c on m with the fused update's refractory set on or off,
// on one goroutine; with the set on and c.split, the update is split over
// two workers instead (the run with it off, the reference, stays on one).
func knownRun(t *testing.T, m knownModel, c knownCase, off bool) knownResult {
	t.Helper()
	defer func(old bool) { noKnownRefractory = old }(noKnownRefractory)
	noKnownRefractory = off
	split := c.split && !off
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(map[bool]int{false: 1, true: 2}[split]))
	if split {
		defer func() { splitBytes = -1 }()
		splitBytes = 0
	}
	StartScope()
	Seed(3)
	sp := m.build(t, cmp.Or(c.n, 2000))
	G := sp.src.g.owner.(*NeuronGroup)
	var r knownResult
	if c.before != nil {
		c.before(G)
	}
	if c.during != nil {
		must[*NetworkOp](t)(NetworkOperation(func(now units.Time) { c.during(G, now) }))
	}
	must[*NetworkOp](t)(NetworkOperation(func(units.Time) {
		if m.trust(G) {
			r.trusted++
		}
	}, When("end")))
	ok(t, Run(50*ms))
	if w := len(G.upd.workers); (w > 1) != split {
		t.Fatalf("the update ran on %d workers (split %v)", w, split)
	}
	if c.between != nil {
		c.between(G)
	}
	ok(t, Run(50*ms))
	for _, name := range m.vars {
		r.state = append(r.state, G.Get(name).Floats())
	}
	r.i, r.ts = sp.I(), sp.T().Floats()
	return r
}

// TestKnownRefractoryMatchesFull: CUBA's fused update gives the same
// spikes and states bit for bit whether it keeps the set of refractory
// neurons (reading lastspike and not_refractory only for them) or reads
// both arrays for every neuron, also when the user sets either variable
// between the runs or during them, or restores a stored state; and it
// uses the set on every step but the first of each run and those after
// such a write; and split over two workers it gives the same as on one.
func TestKnownRefractoryMatchesFull(t *testing.T) {
	var probe mathfn.Affine3
	probe.Set([3][3]float64{{0.9, 0.1, 0.1}, {0, 0.9, 0}, {0, 0, 0.9}}, [3]float64{}, [3]float64{}, 0, 0, 0, true)
	const steps = 1000
	writes := 0
	tests := []knownCase{
		{name: "plain", untrusted: 2},
		{name: "lastspike set between the runs", untrusted: 2, between: func(G *NeuronGroup) {
			ok(t, G.SetExpr("lastspike", "t - (i % 7)*ms"))
		}},
		{name: "not_refractory set between the runs", untrusted: 2, between: func(G *NeuronGroup) {
			ok(t, G.Set("not_refractory", 0))
		}},
		{name: "both set during the runs", untrusted: 2 + steps/10, during: func(G *NeuronGroup, now units.Time) {
			if writes++; writes%10 == 0 {
				ok(t, G.SetAt("lastspike", writes%2000, now-units.Time(writes%3)*ms))
				ok(t, G.SetAt("not_refractory", (7*writes)%2000, 1))
			}
		}},
		// The queue's order would not last: the full update until
		// t passes that lastspike (t = 69.9 ms is the last such step),
		// or for good with a NaN whose sign bit is set (refractory for
		// ever, as (t - NaN) - lim keeps it).
		{name: "lastspike in the future", untrusted: 2 + 199, between: func(G *NeuronGroup) {
			ok(t, G.SetAt("lastspike", 5, 69.95*ms))
		}},
		{name: "lastspike a negative NaN", untrusted: 1 + steps/2, between: func(G *NeuronGroup) {
			ok(t, G.SetAt("lastspike", 5, units.Time(math.Copysign(math.NaN(), -1))))
		}},
		{name: "restored between the runs", untrusted: 2,
			before:  func(*NeuronGroup) { ok(t, Store("s")) },
			between: func(*NeuronGroup) { ok(t, Restore("s")) }},
		{name: "split over two workers", n: 40000, split: true, untrusted: 2},
	}
	for _, m := range knownModels {
		for _, tc := range tests {
			t.Run(m.name+"/"+tc.name, func(t *testing.T) {
				if m.name == "CUBA" && !probe.KnowsRefractory() {
					t.Skip("no AVX-512: CUBA's fused update reads both arrays")
				}
				writes = 0
				full := knownRun(t, m, tc, true)
				writes = 0
				known := knownRun(t, m, tc, false)
				if len(full.i) < 200 {
					t.Fatalf("only %d spikes", len(full.i))
				}
				if !slices.Equal(known.i, full.i) || !slices.Equal(known.ts, full.ts) {
					t.Fatalf("spikes differ: %d with the set, %d without", len(known.i), len(full.i))
				}
				for v, name := range m.vars {
					for n, a := range known.state[v] {
						if b := full.state[v][n]; math.Float64bits(a) != math.Float64bits(b) {
							t.Fatalf("%s[%d] = %v with the set, %v without", name, n, a, b)
						}
					}
				}
				if full.trusted != 0 {
					t.Errorf("the set was used on %d steps with it off", full.trusted)
				}
				if want := steps - tc.untrusted; known.trusted != want {
					t.Errorf("the set was used on %d of %d steps, want %d", known.trusted, steps, want)
				}
			})
		}
	}
}
