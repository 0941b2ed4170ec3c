package worker

import (
	"context"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Each crash is answered with the runtime's reason and the cell line, a
// fresh child serves the next cell within a second, and output sent
// before the crash is kept.
func TestCrashes(t *testing.T) {
	tests := []struct {
		name, code, want string
	}{
		{"stack overflow", "func f(n int) int { return f(n+1) }\nf(1)",
			"fatal error: stack overflow in f (cell line 1); the Go session was restarted, re-run your cells"},
		{"map race", "x := 1\nmaprace", "fatal error: concurrent map writes (cell line 2); the Go session was restarted, re-run your cells"},
		{"out of memory", "oom", "fatal error: out of memory allocating heap arena metadata (cell line 1); the Go session was restarted, re-run your cells"},
	}
	s := start(t, Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := &record{}
			if r := s.Execute(context.Background(), "echo before", out); r.Err != nil {
				t.Fatalf("echo: %v", r.Err)
			}
			began := time.Now()
			r := s.Execute(context.Background(), tt.code, out)
			if r.Err == nil || r.Err.Value != tt.want || r.Err.Name != "FatalError" {
				t.Fatalf("Execute(%q).Err = %+v\nwant FatalError %q", tt.code, r.Err, tt.want)
			}
			crashed := time.Now()
			r = s.Execute(context.Background(), "echo after", out)
			if r.Err != nil || r.Value["text/plain"] != "after" {
				t.Fatalf("the cell after the crash: %+v", r)
			}
			t.Logf("crash answered after %v, next cell after %v more", crashed.Sub(began), time.Since(crashed))
			if d := time.Since(crashed); d > 5*time.Second { // 1 s on an idle machine
				t.Errorf("the next cell took %v", d)
			}
			if got := out.text(); got != "before\nafter\n" {
				t.Errorf("output %q", got)
			}
		})
	}
	if n := s.Restarts(); n != len(tests) {
		t.Errorf("Restarts() = %d, want %d", n, len(tests))
	}
}

func TestKilledFromOutside(t *testing.T) {
	s := start(t, Config{})
	s.Execute(context.Background(), "echo warm", &record{})
	pid := s.Pid()
	go func() {
		time.Sleep(100 * time.Millisecond)
		syscall.Kill(pid, syscall.SIGKILL)
	}()
	r := s.Execute(context.Background(), "a := 1\nsleep", &record{})
	want := "the Go session was killed (SIGKILL: out of memory, or killed from outside) (cell line 2); the Go session was restarted, re-run your cells"
	if r.Err == nil || r.Err.Value != want {
		t.Fatalf("Err = %+v, want %q", r.Err, want)
	}
	if r := s.Execute(context.Background(), "echo again", &record{}); r.Err != nil || s.Pid() == pid {
		t.Errorf("after the kill: %+v (pid %d, was %d)", r.Err, s.Pid(), pid)
	}
}

// An interrupt the cell honours is its own error, with no restart; one it
// ignores ends the child after InterruptGrace.
func TestInterrupt(t *testing.T) {
	s := start(t, Config{InterruptGrace: 300 * time.Millisecond})
	for _, tt := range []struct {
		code, name, value string
		restarts          int
	}{
		{"sleep", "KeyboardInterrupt", "interrupted", 0},
		{"hang", "FatalError", "the cell did not stop within 300ms of the interrupt (cell line 1); the Go session was restarted, re-run your cells", 1},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(200*time.Millisecond, cancel)
		began := time.Now()
		r := s.Execute(ctx, tt.code, &record{})
		if r.Err == nil || r.Err.Name != tt.name || r.Err.Value != tt.value {
			t.Errorf("%s: Err = %+v, want %s %q", tt.code, r.Err, tt.name, tt.value)
		}
		if d := time.Since(began); d > 3*time.Second {
			t.Errorf("%s: took %v", tt.code, d)
		}
		if s.Restarts() != tt.restarts {
			t.Errorf("%s: %d restarts, want %d", tt.code, s.Restarts(), tt.restarts)
		}
	}
}

// A crash between cells is reported by the next cell, which does not run;
// the one after runs in the fresh child.
func TestCrashBetweenCells(t *testing.T) {
	s := start(t, Config{})
	if r := s.Execute(context.Background(), "bgcrash", &record{}); r.Err != nil {
		t.Fatal(r.Err)
	}
	deadline := time.Now().Add(20 * time.Second) // a stack overflow takes seconds
	for s.Restarts() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	out := &record{}
	r := s.Execute(context.Background(), "echo x", out)
	want := "fatal error: stack overflow (after its cell ended); the Go session was restarted, re-run your cells"
	if r.Err == nil || r.Err.Value != want || out.text() != "" {
		t.Fatalf("Err = %+v, output %q; want %q and no output", r.Err, out.text(), want)
	}
	if r := s.Execute(context.Background(), "echo x", out); r.Err != nil || out.text() != "x\n" {
		t.Errorf("the cell after: %+v, output %q", r.Err, out.text())
	}
}

// What crosses the pipe: streams in order, displays, clears, input round
// trips, values, errors, user expressions, completions, inspection.
func TestRoundTrips(t *testing.T) {
	s := start(t, Config{})
	out := &record{answer: "Ada"}
	if r := s.Execute(context.Background(), "input", out); r.Err != nil || out.text() != "hello Ada\n" {
		t.Errorf("input: %+v, %q", r.Err, out.text())
	}
	if r := s.Execute(context.Background(), "input", &record{}); r.Err == nil || !strings.Contains(r.Err.Value, "EOF") {
		t.Errorf("input without stdin: %+v", r.Err)
	}
	out = &record{}
	s.Execute(context.Background(), "lines", out)
	var want strings.Builder
	for i := range 2000 {
		want.WriteString("line " + strconv.Itoa(i) + "\n")
	}
	if out.text() != want.String() {
		t.Errorf("lines: %d bytes, want %d", len(out.text()), want.Len())
	}
	s.Execute(context.Background(), "display", out)
	if len(out.display) != 1 || out.display[0]["text/html"] != "<b>x</b>" || out.clears != 1 {
		t.Errorf("display: %v, %d clears", out.display, out.clears)
	}
	if r := s.Execute(context.Background(), "fail boom", out); r.Err == nil || r.Err.Name != "panic" || r.Err.Traceback[0] != "panic: boom" {
		t.Errorf("fail: %+v", r.Err)
	}
	if b, err := s.Evaluate(context.Background(), "x"); err != nil || b["text/plain"] != "=x" {
		t.Errorf("Evaluate: %v, %v", b, err)
	}
	if _, err := s.Evaluate(context.Background(), "bad"); err == nil || !strings.Contains(err.Error(), "no such name") {
		t.Errorf("Evaluate(bad): %v", err)
	}
	if c := s.Complete("pri", 3); len(c.Matches) != 1 || c.Matches[0] != "prix" || c.CursorEnd != 3 {
		t.Errorf("Complete: %+v", c)
	}
	if b, ok := s.Inspect("G", 1, 0); !ok || b["text/plain"] != "doc of G" {
		t.Errorf("Inspect: %v %v", b, ok)
	}
	if st, _ := s.IsComplete("x"); st != "complete" {
		t.Errorf("IsComplete: %q", st)
	}
}

// A query the child does not answer in time gets an empty answer at once.
func TestQueryTimeout(t *testing.T) {
	s := start(t, Config{QueryTimeout: 40 * time.Millisecond})
	s.Execute(context.Background(), "echo warm", &record{})
	began := time.Now()
	if c := s.Complete("hang", 4); len(c.Matches) != 0 || c.CursorStart != 4 {
		t.Errorf("Complete: %+v", c)
	}
	if d := time.Since(began); d > 200*time.Millisecond {
		t.Errorf("Complete took %v", d)
	}
}

// After a cell that allocated and dropped 400 MB, the child's resident
// memory is back near its baseline within 10 s.
func TestMemoryReturned(t *testing.T) {
	s := start(t, Config{})
	s.Execute(context.Background(), "echo warm", &record{})
	base := rss(t, s.Pid())
	if r := s.Execute(context.Background(), "alloc", &record{}); r.Err != nil {
		t.Fatal(r.Err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		now := rss(t, s.Pid())
		if now < base+50<<20 {
			t.Logf("RSS %d MB → %d MB", base>>20, now>>20)
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("RSS %d MB 10 s after the cell, baseline %d MB", now>>20, base>>20)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func rss(t *testing.T, pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Skip("no /proc:", err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) == 3 && f[0] == "VmRSS:" {
			kb, _ := strconv.Atoi(f[1])
			return kb << 10
		}
	}
	t.Fatal("no VmRSS")
	return 0
}
