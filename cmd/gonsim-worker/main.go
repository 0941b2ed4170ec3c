// Command gonsim-worker is the interpreter half of gonsim: the process
// the kernel (cmd/gonsim) runs cells in, and the notebook tools that need
// the interpreter's cell rewriting. The kernel finds it beside its own
// executable (or at $GONSIM_WORKER) and passes "gonsim export" and
// "gonsim sweep" on to it, so users never call it by name.
//
//	gonsim-worker                              serve a session (started by the kernel)
//	gonsim-worker export [-o DIR] NOTEBOOK.ipynb
//	gonsim-worker sweep NOTEBOOK.ipynb NAME=V1,V2...
//
// The binaries are apart so that the kernel process, which Jupyter
// starts and waits for, links neither the interpreter nor its symbol
// tables and starts in a few milliseconds.
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"gonsim/display/figure"
	"gonsim/interp"
	"gonsim/worker"
)

const usage = `usage: gonsim-worker                (the kernel starts it: serves a Go session)
       gonsim-worker export ...      (gonsim export; see gonsim export -h)
       gonsim-worker sweep ...       (gonsim sweep; see gonsim sweep -h)

gonsim-worker is the process gonsim's cells run in; the gonsim kernel
starts it and talks to it over file descriptors 3 and 4.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	switch {
	case len(args) == 0:
		return serve()
	case args[0] == "export":
		return runExport(args[1:], stdout, stderr)
	case args[0] == "sweep":
		return runSweep(args[1:], stdout, stderr)
	case args[0] == "-h" || args[0] == "--help" || args[0] == "-help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprint(stderr, usage)
	return 2
}

// serve is the child that hosts the Go session.
func serve() int {
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

// figuresEnv chooses how the cells' figures show by default ("png",
// "svg" or "text", as figure.InlineFormat takes); the kernel sets it to
// "text" when jupyter console launched it (cmd/gonsim/frontend.go).
const figuresEnv = "GONSIM_FIGURES"

// applyFigures installs figuresEnv's format.
func applyFigures() {
	if f := os.Getenv(figuresEnv); f != "" {
		if err := figure.InlineFormat(f); err != nil {
			os.Stderr.WriteString("gonsim worker: " + figuresEnv + ": " + err.Error() + "\n")
		}
	}
}

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
