package main

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"gonsim/interp"
	"gonsim/worker"
)

// With workerEnv set the test binary is gonsim-worker serving a session,
// for the benchmarks of the hop.
const workerEnv = "GONSIM_CMD_TEST_WORKER"

func TestMain(m *testing.M) {
	if os.Getenv(workerEnv) != "" {
		os.Exit(serve())
	}
	os.Exit(m.Run())
}

type discard struct{}

func (discard) Stream(string, string)                              {}
func (discard) Display(worker.Bundle, worker.Bundle, string, bool) {}
func (discard) Clear(bool)                                         {}
func (discard) Input(string, bool) (string, error)                 { return "", nil }

// benchExecute runs a trivial cell round trip through a worker.Session.
func benchExecute(b *testing.B, ev worker.Session) {
	ctx := context.Background()
	if r := ev.Execute(ctx, "x := 1", discard{}); r.Err != nil {
		b.Fatal(r.Err)
	}
	b.ResetTimer()
	for b.Loop() {
		if r := ev.Execute(ctx, "x", discard{}); r.Err != nil || r.Value["text/plain"] != "1" {
			b.Fatal(r)
		}
	}
}

// The same cell in this process (the kernel before issue 11) and through
// the worker's pipes: the difference is the cost of the hop.
func BenchmarkExecuteInProcess(b *testing.B) {
	s, err := interp.New(interp.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	benchExecute(b, session{s})
}

func BenchmarkExecuteWorker(b *testing.B) {
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	sup, err := worker.Start(worker.Config{Command: func() *exec.Cmd {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), workerEnv+"=1")
		return cmd
	}})
	if err != nil {
		b.Fatal(err)
	}
	defer sup.Close()
	benchExecute(b, sup)
}
