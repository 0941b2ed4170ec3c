// Package interp runs notebook cells of Go: a yaegi session that
// implements the methods a Jupyter kernel calls (Execute, Complete, Inspect, …)
// in its own types (types.go), with the standard library and gonsim's
// packages (nsim, nsim/units, display, display/figure) preloaded, so
// cells need no import line for them, and the prelude dot-imported, so
// cells read like Brian2:
//
//	s, _ := interp.New(interp.Options{})
//	defer s.Close()
//	s.Execute(ctx, "tau := 10*ms\nG := NeuronGroup(1, \"dv/dt = -v/tau : 1\")", out)
//	r := s.Execute(ctx, "tau", out) // r.Value["text/plain"] == "10. ms"
//
// # Cells
//
// A cell may mix imports, declarations and statements in any order. It is
// cut at brace depth 0 into runs of declarations and runs of statements,
// evaluated in order; imports run first and are skipped when a cell
// already made them. A trailing expression with a value becomes the
// execute_result (a MIMEBundle() map[string]any method, an image.Image as
// PNG, anything else as fmt prints it); a call with several results is not
// shown. A top-level call whose only result is a non-nil error ends the
// cell with that error, as do the prelude's functions (NeuronGroup, Run,
// Plot, Q, …) when they fail.
//
// Re-running a cell redefines its variables, constants and functions.
// Functions compiled earlier keep calling the old version of a redefined
// function: re-run the cells that use it. A type or method cannot change
// once declared (yaegi would silently keep the old one): the cell fails
// with a RedefinitionError naming it, and a kernel restart is needed.
//
// # Output, errors, interrupt, input
//
// Everything a cell writes reaches the notebook while it runs: fmt and
// log, println (to stderr, as in Go), writes to os.Stdout and os.Stderr,
// and output of compiled code, because the Session redirects the process's
// file descriptors 1 and 2 while it lives (only one Session may exist at a
// time; the kernel logs to Session.Log). Output is batched for a few
// milliseconds, so 10,000 lines arrive in order in a handful of messages.
// nsim's INFO and WARNING messages (the integration method it chose, a
// threshold without reset) are written to the cell's stderr, as Brian2
// shows them in a notebook.
//
// Compile errors cite the cell's line:column; panics and failing calls give
// the panic value and a traceback of cell lines (at top level, the line of
// the statement that failed). A panic in a goroutine a cell started is
// recovered and reported on stderr; os.Exit and log.Fatal end the cell,
// not the kernel. An interrupt stops interpreted loops, channel waits and
// time.Sleep, and the project's long calls (nsim.Run, figure rendering)
// through the cell's context; Execute returns only when the cell's code
// has really stopped, and the next cell never resumes it.
//
// fmt.Scan, fmt.Scanln, fmt.Scanf and readers made by bufio.NewReader,
// bufio.NewReaderSize or bufio.NewScanner over os.Stdin ask the frontend
// for a line (an input_request); without stdin they fail at once with
// io.EOF, as does any other read of os.Stdin.
//
// # Which Go
//
// Cells are Go 1.21 as yaegi v0.16.1 interprets it, with these additions
// made by rewriting the cell: the clear builtin, the min and max builtins (as generic
// functions: min(2.5, 1) works, min(x, 2.5) needs x float64), `for i :=
// range n` when n is visibly an integer (a literal, len/cap, a conversion,
// arithmetic on those, or a notebook variable of integer type), and the
// comma-ok forms `v, ok := m[k]` and `x, ok := e.(T)` at top level (also
// inside if, for and switch statements), `a, b := f()` inside the body of
// a top-level if, for or switch, and Go 1.22's per-iteration loop
// variables where they matter (a loop body with a func literal, go or
// defer gets its own copy of the loop variables, unless it assigns them).
// Not supported: range over functions, `v, ok := <-ch` at top
// level (put it in a func), and the generic parts of the standard library
// that yaegi lacks (slices.Sort, maps.Keys, …: use sort.Float64s,
// sort.Slice and loops). Generic functions and types declared in cells
// work. LanguageVersion ("1.21") is what a kernel reports as the cells'
// language version.
//
// # Names in model strings
//
// A name in a model string that is not a model variable is read from the
// calling code, as Brian2 reads its caller's frame: the local variables
// in scope at the call (parameters, := and var, loop and closure
// variables; the innermost of shadowed ones), then the notebook's
// globals, at construction and again at every Run (a loop's Run sees the
// current iteration's value). A function sees its own locals, not its
// caller's. An object keeps the locals it was created with and uses them
// when a later Run's caller has no local of that name. The rewrite that
// does this is described in locals.go.
//
// The symbol tables of the project's packages are generated with yaegi
// extract; after an API change run `go generate ./interp/...`.
package interp
