package main

import (
	"context"
	"os"
	"os/exec"

	"gonsim/interp"
	"gonsim/kernel"
	"gonsim/worker"
)

// The kernel process and the cells' process meet here: kernel, worker
// and interp each own their types, and these adapters convert between
// them (the conversions are free: the shapes are the same).

// newEvaluator starts the supervised worker process the cells run in
// (this binary, as "gonsim worker"). The kernel process itself runs no
// user code and keeps its stdio; the log is its stderr.
func newEvaluator() (*evaluator, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	sup, err := worker.Start(worker.Config{
		Command: func() *exec.Cmd { return exec.Command(exe, "worker") },
		Log:     os.Stderr,
	})
	if err != nil {
		return nil, err
	}
	return &evaluator{s: sup, close: sup.Close}, nil
}

// runWorker is "gonsim worker": the child that hosts the Go session.
func runWorker() int {
	srv, err := worker.Child()
	if err != nil {
		os.Stderr.WriteString("gonsim worker: " + err.Error() + "\n")
		return 2
	}
	applyFigures()
	s, err := interp.New(interp.Options{At: srv.At, RuntimeStderr: true})
	if err != nil {
		os.Stderr.WriteString("gonsim worker: " + err.Error() + "\n")
		return 1
	}
	if err := srv.Serve(session{s}); err != nil {
		s.Log().WriteString("gonsim worker: " + err.Error() + "\n")
		return 1
	}
	return 0
}

// languageVersion is language_info.version: the Go that cells are
// (what yaegi interprets), not the toolchain that built the kernel.
func languageVersion() string { return interp.LanguageVersion }

// session serves an interp.Session as a worker.Session.
type session struct{ s *interp.Session }

func (a session) Execute(ctx context.Context, code string, out worker.Output) worker.Result {
	r := a.s.Execute(ctx, code, sessionOutput(out))
	return worker.Result{Value: r.Value, Metadata: r.Metadata, Err: (*worker.Error)(r.Err)}
}

func (a session) Evaluate(ctx context.Context, expr string) (worker.Bundle, error) {
	b, err := a.s.Evaluate(ctx, expr)
	if e, ok := err.(*interp.Error); ok {
		return b, (*worker.Error)(e)
	}
	return b, err
}

func (a session) Complete(code string, cursor int) worker.Completion {
	return worker.Completion(a.s.Complete(code, cursor))
}

func (a session) Inspect(code string, cursor, detail int) (worker.Bundle, bool) {
	return a.s.Inspect(code, cursor, detail)
}

func (a session) IsComplete(code string) (string, string) { return a.s.IsComplete(code) }

// evaluator is the kernel's Evaluator over a worker.Session.
type evaluator struct {
	s     worker.Session
	close func() error
}

func (e *evaluator) Execute(ctx context.Context, code string, out kernel.Output) kernel.Result {
	r := e.s.Execute(ctx, code, kernelOutput{out})
	return kernel.Result{Value: kernel.Bundle(r.Value), Metadata: kernel.Bundle(r.Metadata), Err: (*kernel.Error)(r.Err)}
}

func (e *evaluator) Evaluate(ctx context.Context, expr string) (kernel.Bundle, error) {
	b, err := e.s.Evaluate(ctx, expr)
	if we, ok := err.(*worker.Error); ok {
		return kernel.Bundle(b), (*kernel.Error)(we)
	}
	return kernel.Bundle(b), err
}

func (e *evaluator) Complete(code string, cursor int) kernel.Completion {
	return kernel.Completion(e.s.Complete(code, cursor))
}

func (e *evaluator) Inspect(code string, cursor, detail int) (kernel.Bundle, bool) {
	b, ok := e.s.Inspect(code, cursor, detail)
	return kernel.Bundle(b), ok
}

// IsComplete is answered in the kernel process: it needs only the code,
// and so stays quick while the worker is busy or restarting.
func (e *evaluator) IsComplete(code string) (string, string) { return interp.IsComplete(code) }

// Close ends the worker.
func (e *evaluator) Close() error {
	if e.close == nil {
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
