package compile

import (
	"errors"
	"strings"
	"testing"
)

// TestStop: Env.Stop is polled while a large expression compiles, and
// its error ends the compilation; without an error the kernel is built.
func TestStop(t *testing.T) {
	e := mustCheck(t, "x"+strings.Repeat(" + 0.5*x*w", 10000))
	s := newState(10, 1)
	halt := errors.New("interrupted")
	polls := 0
	env := s.env(nil)
	env.Stop = func() error { polls++; return halt }
	if _, err := Expr(e, env); !errors.Is(err, halt) {
		t.Fatalf("Expr with a Stop that fails: error %v, want %v", err, halt)
	}
	if polls != 1 {
		t.Errorf("Stop polled %d times after failing, want once", polls)
	}
	polls = 0
	env.Stop = func() error { polls++; return nil }
	if _, err := Expr(e, env); err != nil {
		t.Fatal(err)
	}
	if polls < 10 {
		t.Errorf("Stop polled %d times for a 60,000-node tree, want one per %d nodes", polls, stopEvery)
	}
}
