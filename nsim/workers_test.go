package nsim

import (
	"fmt"
	"runtime"
	"testing"
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
