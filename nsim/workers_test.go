package nsim

import (
	"fmt"
	"runtime"
	"sync"
	"testing"

	"gonsim/nsim/units"
)

// TestParallelUpdateMatchesSerial: a group large enough to be split
// across workers gives the same spikes and state with one worker and with
// several (blocks keep their random streams whichever worker runs them),
// run after run on the same helpers.
func TestParallelUpdateMatchesSerial(t *testing.T) {
	run := func(procs int) (string, int) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		sp, err := func() (*SpikeMonitor, error) {
			StartScope()
			Seed(5)
			return noisyLIF(40000)
		}()
		if err != nil {
			t.Fatal(err)
		}
		ok(t, Run(30*ms))
		ok(t, Run(20*ms)) // a second run reuses the helpers
		g := sp.src.g.owner.(*NeuronGroup)
		return fmt.Sprint(sp.I(), sp.T().Floats(), g.Get("x").Floats()[:50]), len(g.upd.workers)
	}
	serial, w1 := run(1)
	parallel, w3 := run(3)
	if w1 != 1 || w3 != 3 {
		t.Fatalf("workers: %d with GOMAXPROCS 1, %d with 3", w1, w3)
	}
	if serial != parallel {
		t.Error("the parallel update differs from the serial one")
	}
	if len(serial) < 1000 {
		t.Errorf("too few spikes to compare: %s", serial)
	}
}

// TestParallelFineUnits: an update that draws no random numbers (COBAHH)
// is split in units finer than the random-stream blocks; it must still
// match the serial update exactly.
func TestParallelFineUnits(t *testing.T) {
	run := func(procs int) (string, int) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		StartScope()
		Seed(2)
		sp := cobaHH(t)
		ok(t, Run(20*ms))
		g := sp.src.g.owner.(*NeuronGroup)
		if procs > 1 && g.upd.unit != fineUnit {
			t.Errorf("COBAHH is updated in units of %d, want %d", g.upd.unit, fineUnit)
		}
		return fmt.Sprint(sp.I(), sp.T().Floats(), g.Get("v").Floats()), len(g.upd.workers)
	}
	serial, w1 := run(1)
	parallel, w3 := run(3)
	if w1 != 1 || w3 != 3 {
		t.Fatalf("workers: %d with GOMAXPROCS 1, %d with 3", w1, w3)
	}
	if serial != parallel {
		t.Error("the parallel update differs from the serial one")
	}
}

// TestUnitRangeClaim: an owner taking units from the front and thieves
// taking them from the back, all at once, get every unit exactly once.
func TestUnitRangeClaim(t *testing.T) {
	for _, tt := range []struct{ lo, hi, thieves int }{{0, 0, 1}, {0, 1, 2}, {3, 19, 1}, {0, 5000, 3}} {
		var h unitRange
		h.r.Store(uint64(tt.hi)<<32 | uint64(tt.lo))
		got := make([][]int, tt.thieves+1)
		var wg sync.WaitGroup
		for w := range got {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					b, ok := h.claim(w > 0)
					if !ok {
						return
					}
					got[w] = append(got[w], b)
				}
			}()
		}
		wg.Wait()
		seen := map[int]int{}
		for w, bs := range got {
			for i, b := range bs {
				seen[b]++
				// The owner's units rise, a thief's fall.
				if i > 0 && (w == 0) != (b > bs[i-1]) {
					t.Errorf("%v: worker %d took %d after %d", tt, w, b, bs[i-1])
				}
			}
		}
		for b := tt.lo; b < tt.hi; b++ {
			if seen[b] != 1 {
				t.Errorf("%v: unit %d taken %d times", tt, b, seen[b])
			}
		}
		if len(seen) != tt.hi-tt.lo {
			t.Errorf("%v: %d distinct units taken, want %d", tt, len(seen), tt.hi-tt.lo)
		}
	}
}

// TestAffineUpdateSplitsPastTheCache: the fused affine update (CUBA) is
// cheaper than handing work to another core while its v, ge and gi fit in
// one core's cache, so it runs on one goroutine whatever GOMAXPROCS is
// (updater.go, serialFits); past that it takes every P, as the general
// update would.
func TestAffineUpdateSplitsPastTheCache(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	fit := coreCache() / 24
	for _, tc := range []struct {
		n, workers int
	}{{fit, 1}, {2*fit + 1024, 3}} {
		StartScope()
		G, err := NewNeuronGroup(tc.n, `
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
`, Threshold("v>-50*mV"), Reset("v = -60*mV"), Refractory(5*ms), Method("exact"),
			Namespace(map[string]any{"taum": 20 * ms, "taue": 5 * ms, "taui": 10 * ms, "El": -49 * units.Millivolt}))
		ok(t, err)
		ok(t, Run(0.2*ms))
		if G.upd.affine == nil {
			t.Fatal("CUBA's update is not the fused affine one")
		}
		if w := len(G.upd.workers); w != tc.workers {
			t.Errorf("%d neurons (%d B of state, %d B of cache): the fused affine update runs on %d workers with GOMAXPROCS 3, want %d",
				tc.n, 24*tc.n, coreCache(), w, tc.workers)
		}
	}
}
