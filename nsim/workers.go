package nsim

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"gonsim/nsim/integrate"
)

// Helpers for the per-step parallel section. Goroutines started once for
// the process take the jobs of every updater (no goroutine start and no
// allocation per step), and workers claim blocks one at a time from a
// shared counter, so that a worker whose core is busy elsewhere (the
// machine is shared) does fewer blocks instead of holding up the step.
// Results do not depend on which worker runs a block: every block has its
// own random stream and each worker its own kernels.

type helperJob struct {
	f    func(w int)
	w    int
	wg   *sync.WaitGroup
	left *atomic.Int32 // jobs of the step not yet done, for polling
}

var helpers struct {
	mu      sync.Mutex
	started int
	jobs    chan helperJob
}

// ensureHelpers makes sure n helper goroutines run.
func ensureHelpers(n int) {
	helpers.mu.Lock()
	defer helpers.mu.Unlock()
	if helpers.jobs == nil {
		helpers.jobs = make(chan helperJob, 64)
	}
	for ; helpers.started < n; helpers.started++ {
		go helper()
	}
}

// helperSpin is how long a helper polls for the next job (and the
// calling worker for the helpers' end) before blocking. With helpers
// that blocked at once, the calling worker did 63% of COBAHH's units and
// the run used 157% of two cores: being woken took a good part of a
// step (about 300 µs). The serial part between two steps (threshold,
// propagation, monitors) is far shorter than this.
const helperSpin = 200 * time.Microsecond

// helper runs jobs; after each it polls for the next for up to
// helperSpin, then blocks.
func helper() {
	for j := range helpers.jobs {
		for {
			j.f(j.w)
			j.left.Add(-1)
			j.wg.Done()
			var ok bool
			if j, ok = pollJob(); !ok {
				break
			}
		}
	}
}

// pollJob waits up to helperSpin for a job without blocking the thread.
func pollJob() (helperJob, bool) {
	start := time.Now()
	for i := 0; ; i++ {
		select {
		case j := <-helpers.jobs:
			return j, true
		default:
		}
		if i%64 == 63 && time.Since(start) > helperSpin {
			return helperJob{}, false
		}
	}
}

// fineUnit is the work unit of updaters that draw no random numbers: with
// 1024-element blocks, 4000 HH neurons make four units, and a helper that
// wakes late leaves one worker with three; 512 keeps the split even and
// is a kernel pass (compile's block): COBAHH on two cores took 0.49–0.50
// s with it, 0.53–0.55 s with 256 (2026-12-04, load 1.1). (An updater
// that draws keeps blocks: each block has its own stream.)
const fineUnit = 512

// random reports whether the update draws random numbers (noise or
// rand()).
func (u *stateUpdater) random(stages [][]integrate.Assign, final []integrate.Assign) bool {
	if len(u.noiseList) > 0 {
		return true
	}
	for _, st := range append(stages, final) {
		for _, a := range st {
			if usesRand(a.Value) || a.Value.Stochastic() {
				return true
			}
		}
	}
	return false
}

// unitRange is a worker's remaining home units [lo, hi), packed as
// hi<<32 | lo so that the owner (taking from the front) and a thief
// (taking from the back) claim with one compare-and-swap; padded to a
// cache line so that the owners do not contend for one line.
type unitRange struct {
	r atomic.Uint64
	_ [56]byte
}

// parallelBlocks runs u.block for every unit on nw workers: the calling
// goroutine is worker 0, helpers take the others; it returns when all
// units are done (one barrier per step). Worker w owns the w-th share of
// the units every step, so that its arrays tend to stay in one core's
// cache (first come, first served moved them between cores from step
// to step); a worker done with its share takes units from the back of
// another's, so a late helper still does fewer units instead of holding
// up the step.
func (u *stateUpdater) parallelBlocks() {
	nw := len(u.workers)
	if len(u.home) != nw {
		u.home = make([]unitRange, nw)
	}
	for w := range nw {
		lo, hi := uint64(w*u.nunits/nw), uint64((w+1)*u.nunits/nw)
		u.home[w].r.Store(hi<<32 | lo)
	}
	u.wg.Add(nw - 1)
	u.left.Store(int32(nw - 1))
	for w := 1; w < nw; w++ {
		helpers.jobs <- helperJob{u.workFn, w, &u.wg, &u.left}
	}
	u.work(0)
	// The helpers are finishing their last unit: poll rather than park,
	// as being woken costs more than the wait (see helperSpin).
	start := time.Now()
	for i := 0; u.left.Load() > 0; i++ {
		if i%64 == 63 {
			if time.Since(start) > helperSpin {
				break
			}
			runtime.Gosched() // a helper may wait for this P
		}
	}
	u.wg.Wait()
}

// work is worker w's loop: its own units from the front, then the other
// workers' from the back, until none is left.
func (u *stateUpdater) work(w int) {
	for {
		b, ok := u.home[w].claim(false)
		if !ok {
			break
		}
		u.block(u.workers[w], b)
	}
	nw := len(u.home)
	for i := 1; i < nw; i++ {
		v := &u.home[(w+i)%nw]
		for {
			b, ok := v.claim(true)
			if !ok {
				break
			}
			u.block(u.workers[w], b)
		}
	}
}

// claim takes the first unit of the range (the last if back), or reports
// that the range is empty.
func (h *unitRange) claim(back bool) (int, bool) {
	for {
		r := h.r.Load()
		lo, hi := r&(1<<32-1), r>>32
		if lo >= hi {
			return 0, false
		}
		b, nr := lo, hi<<32|(lo+1)
		if back {
			b, nr = hi-1, (hi-1)<<32|lo
		}
		if h.r.CompareAndSwap(r, nr) {
			return int(b), true
		}
	}
}
