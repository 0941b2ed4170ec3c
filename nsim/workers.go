package nsim

import (
	"sync"

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
	f  func(w int)
	w  int
	wg *sync.WaitGroup
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
		go func() {
			for j := range helpers.jobs {
				j.f(j.w)
				j.wg.Done()
			}
		}()
	}
}

// fineUnit is the work unit of updaters that draw no random numbers: with
// 1024-element blocks, 4000 HH neurons make four units, and a helper that
// wakes late leaves one worker with three; 256 keeps the split even. (An
// updater that draws keeps blocks: each block has its own stream.)
const fineUnit = 256

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

// parallelBlocks runs u.block for every block on nw workers: the calling
// goroutine is worker 0, helpers take the others; it returns when all
// blocks are done (one barrier per step).
func (u *stateUpdater) parallelBlocks() {
	nw := len(u.workers)
	u.next.Store(0)
	u.wg.Add(nw - 1)
	for w := 1; w < nw; w++ {
		helpers.jobs <- helperJob{u.workFn, w, &u.wg}
	}
	u.work(0)
	u.wg.Wait()
}

// work is worker w's loop: claim the next block until none is left.
func (u *stateUpdater) work(w int) {
	nblocks := int64(u.nunits)
	for {
		b := u.next.Add(1) - 1
		if b >= nblocks {
			return
		}
		u.block(u.workers[w], int(b))
	}
}
