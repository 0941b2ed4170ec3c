package interp

import (
	"context"
	"testing"
	"time"
)

// A goroutine's time.Sleep outlives its cell, whose context the kernel
// cancels when it ends; an interrupt ends the sleeps that began during
// the interrupted cell.
func TestSleepOutlivesCell(t *testing.T) {
	s := newSession(t)
	ctx, cancel := context.WithCancel(context.Background())
	r := s.Execute(ctx, "slept := make(chan time.Duration, 1)\ngo func() {\n\tt := time.Now()\n\ttime.Sleep(300 * time.Millisecond)\n\tslept <- time.Since(t)\n}()", &fakeOutput{})
	cancel() // as the kernel does after every cell
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	r, _ = exec(s, "(<-slept) >= 300*time.Millisecond")
	if plain(r) != "true" {
		t.Errorf("the goroutine's sleep: %v %q, want the full 300 ms", r.Err, plain(r))
	}

	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	began := time.Now()
	r = s.Execute(ctx, "time.Sleep(time.Minute)", &fakeOutput{})
	if r.Err == nil || r.Err.Name != "KeyboardInterrupt" || time.Since(began) > 5*time.Second {
		t.Errorf("the cell's own sleep after an interrupt: %v after %v", r.Err, time.Since(began))
	}
}
