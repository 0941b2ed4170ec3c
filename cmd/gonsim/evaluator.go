package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"gonsim/kernel"
	"gonsim/worker"
)

// The kernel process and the cells' process meet here: kernel and worker
// each own their types, and these adapters convert between them (the
// conversions are free: the shapes are the same). The session's side is
// in cmd/gonsim-worker.

// workerEnv names the worker binary; by default it is workerName beside
// this executable.
const (
	workerEnv  = "GONSIM_WORKER"
	workerName = "gonsim-worker"
)

// workerPath finds the worker binary, with an error that says where it
// was looked for and how to build it.
func workerPath() (string, error) {
	path := os.Getenv(workerEnv)
	if path == "" {
		exe, err := os.Executable()
		if err != nil {
			return "", err
		}
		path = filepath.Join(filepath.Dir(exe), workerName)
	}
	fi, err := os.Stat(path)
	if err == nil && (fi.IsDir() || fi.Mode()&0o111 == 0) {
		err = errors.New("not an executable file")
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the path is in the message already
	}
	if err != nil {
		return "", fmt.Errorf("the worker binary %s: %w (build it beside the kernel: go build -o bin/ ./cmd/gonsim ./cmd/gonsim-worker, or set %s)",
			path, err, workerEnv)
	}
	return path, nil
}

// workerStartDelay is how long the worker's start waits at most for the
// first kernel_info_reply (see newEvaluator).
const workerStartDelay = 50 * time.Millisecond

// evaluator is the kernel's Evaluator over a worker.Session.
//
// The worker starts after the kernel has bound its sockets and answered
// the frontend's first kernel_info (Begin, kernel.Config.AfterKernelInfo),
// or workerStartDelay after newEvaluator, or at the first request that
// needs it, whichever comes first: its start (fork, exec, the
// interpreter's package init) competes for the CPU with that first
// answer, which the frontend waits for. A cell still waits for the
// worker to be ready, as before.
type evaluator struct {
	Begin  func()        // starts the worker, once
	ready  chan struct{} // closed once the start has set s or err
	failed chan struct{} // closed when the worker could not start (err)
	s      worker.Session
	close  func() error
	err    error
}

// newEvaluator returns an evaluator over the worker binary at path.
func newEvaluator(path string) *evaluator {
	e := &evaluator{ready: make(chan struct{}), failed: make(chan struct{})}
	e.Begin = sync.OnceFunc(func() { go e.start(path) })
	time.AfterFunc(workerStartDelay, e.Begin)
	return e
}

// start starts the supervised worker process the cells run in. The
// kernel process itself runs no user code and keeps its stdio; the log
// is its stderr.
func (e *evaluator) start(path string) {
	defer close(e.ready)
	defaultFigures() // before the worker starts: it inherits the environment
	sup, err := worker.Start(worker.Config{
		Command: func() *exec.Cmd { return exec.Command(path) },
		Log:     os.Stderr,
	})
	if err != nil {
		e.err = err
		close(e.failed)
		return
	}
	e.s, e.close = sup, sup.Close
}

// session starts the worker if it has not started and waits for it; nil
// when it could not start.
func (e *evaluator) session() worker.Session {
	e.Begin()
	<-e.ready
	return e.s
}

func (e *evaluator) startError() *kernel.Error {
	msg := "the Go session could not start: " + e.err.Error()
	return &kernel.Error{Name: "WorkerError", Value: msg, Traceback: []string{msg}}
}

func (e *evaluator) Execute(ctx context.Context, code string, out kernel.Output) kernel.Result {
	s := e.session()
	if s == nil {
		return kernel.Result{Err: e.startError()}
	}
	r := s.Execute(ctx, code, kernelOutput{out})
	return kernel.Result{Value: kernel.Bundle(r.Value), Metadata: kernel.Bundle(r.Metadata), Err: (*kernel.Error)(r.Err)}
}

func (e *evaluator) Evaluate(ctx context.Context, expr string) (kernel.Bundle, error) {
	s := e.session()
	if s == nil {
		return nil, e.startError()
	}
	b, err := s.Evaluate(ctx, expr)
	if we, ok := err.(*worker.Error); ok {
		return kernel.Bundle(b), (*kernel.Error)(we)
	}
	return kernel.Bundle(b), err
}

func (e *evaluator) Complete(code string, cursor int) kernel.Completion {
	s := e.session()
	if s == nil {
		return kernel.Completion{CursorStart: cursor, CursorEnd: cursor}
	}
	return kernel.Completion(s.Complete(code, cursor))
}

func (e *evaluator) Inspect(code string, cursor, detail int) (kernel.Bundle, bool) {
	s := e.session()
	if s == nil {
		return nil, false
	}
	b, ok := s.Inspect(code, cursor, detail)
	return kernel.Bundle(b), ok
}

// IsComplete is answered by the worker: it needs the interpreter's cell
// rewriting, which the kernel binary does not link (see
// worker.Supervisor.IsComplete for how it waits).
func (e *evaluator) IsComplete(code string) (string, string) {
	s := e.session()
	if s == nil {
		return "unknown", ""
	}
	return s.IsComplete(code)
}

// Close ends the worker.
func (e *evaluator) Close() error {
	if e.session() == nil {
		return nil
	}
	return e.close()
}

// kernelOutput is a kernel.Output as a worker.Output.
type kernelOutput struct{ out kernel.Output }

func (o kernelOutput) Stream(name, text string) { o.out.Stream(name, text) }
func (o kernelOutput) Display(data, md worker.Bundle, id string, update bool) {
	o.out.Display(kernel.Bundle(data), kernel.Bundle(md), id, update)
}
func (o kernelOutput) Clear(wait bool) { o.out.Clear(wait) }
func (o kernelOutput) Input(prompt string, password bool) (string, error) {
	return o.out.Input(prompt, password)
}
