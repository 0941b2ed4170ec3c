package interp

import "context"

// sleepContext decides which time.Sleep calls end early. An interrupt
// ends every sleep that began during the interrupted cell (the cell's own,
// and those of the goroutines it started while it runs); the end of a cell
// ends none: a goroutine that sleeps outlives the cell that started it,
// as in a Go program whose main goes on. (The kernel cancels a cell's
// context both when it is interrupted and when it ends, so the sleeps
// cannot wait on that context itself.)
type sleepContext struct {
	done <-chan struct{}
	stop func() bool // stops passing the cell's cancellation on
}

// newSleepContext follows ctx until detach is called.
func newSleepContext(ctx context.Context) sleepContext {
	sleeps, cancel := context.WithCancel(context.Background())
	return sleepContext{done: sleeps.Done(), stop: context.AfterFunc(ctx, cancel)}
}

// detach is called when the cell ends: its context's cancellation, which
// follows, is not an interrupt.
func (c sleepContext) detach() {
	if c.stop != nil {
		c.stop()
	}
}

// sleepDone is what a time.Sleep starting now waits on besides its timer:
// nil (never) between cells.
func (s *Session) sleepDone() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sleep.done
}
