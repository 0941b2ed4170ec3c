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
// Also made by rewriting (names.go), for yaegi limitations found in use:
//
//   - A cell variable named like a prelude function (P :=
//     PoissonGroup(…) as Brian2 examples name groups, I := 2*nA) hides
//     the function in Go, and yaegi then fails on the option P(0.1)
//     with "CFG post-order panic: reflect: NumIn of non-func type" or
//     "too many arguments". A call of a prelude function whose name the
//     cell or the notebook gives to a variable that is not a function
//     goes through a hidden alias of the prelude, so P is the group and
//     P(0.1) the option, in that cell and later ones. (A variable of
//     that name holding a function, `P := func…`, is called as such.)
//   - In a cell's top-level statements yaegi binds a := inside a block
//     (a loop body, an if, a bare block) to any visible variable of the
//     same name instead of declaring a new one: `for … { x := … }`
//     overwrote the notebook's x, and with a different type panicked
//     with "reflect.Set: value of type int is not assignable to …" at an
//     unrelated line (`P := PoissonGroup(…)` or `net := Network(…)` in a
//     loop body: P and net are prelude and package names). A top-level
//     if, for, switch, select or block that declares variables runs
//     inside a func literal, where yaegi scopes them as Go does; so the
//     loop variables of a top-level for are gone after it, as in Go.
//     (A defer in such a statement runs when the statement ends.)
//   - yaegi silently drops several results assigned to map entries,
//     `res["a"], res["b"] = f()` (also comma-ok forms): such an
//     assignment goes through temporaries, `{ t1, t2 := f(); res["a"],
//     res["b"] = t1, t2 }`, so f runs before the index operands on the
//     left are evaluated. In an if, for or switch header, where a block
//     cannot go, it is a SyntaxError.
//
// Not supported: range over functions, `v, ok := <-ch` at top
// level (put it in a func), and the generic parts of the standard library
// that yaegi lacks (slices.Sort, maps.Keys, …: use sort.Float64s,
// sort.Slice and loops). Generic functions and types declared in cells
// work. LanguageVersion ("1.21") is what a kernel reports as the cells'
// language version.
//
// # Inspect and completion
//
// Shift-Tab (inspect_request) describes the name at the cursor: a
// notebook variable, a function of a cell, a package member, a prelude
// function or unit. Anywhere inside a call's parentheses (after
// `NeuronGroup(`, after a comma, inside a nested option call) it
// describes the innermost function called there, and for a function
// with `...Option` lists the option constructors it accepts with the
// first sentence of their docs (read from nsim's code by
// internal/gendoc into projectOptions). Completion inside a call lists
// that function's options first, then the notebook's and the cell's
// variables; inside a string literal of a call (a model's equations,
// threshold, reset, on_pre, …) it offers the names used in the call's
// strings (dv/dt declares v), Brian2's units and built-in names and
// functions, not Go's.
//
// # Units in Go code
//
// Every product, quotient, sum, comparison, power (pow) and math function
// (exp, sqrt, abs, sin, …) of quantities in a cell has Brian2's
// dimension, or the cell fails before it runs with a positioned
// DimensionMismatchError naming both units (5*mV + 3*ms: units do not
// match (mV and ms)). Results are typed where a typed float exists
// (v/R is a Current, 1/tau a Frequency, tau/ms a float64), a Quantity
// otherwise (10*mV/ms prints 10. V/s), a HalfQuantity for half exponents
// (sqrt(4*ms) is 0.06324555 s^0.5). A Quantity operand, whose unit is
// known only at run time, is checked when the cell runs. T(n)*unit
// scales (Time(k+1)*ms is k+1 ms). The pass (units.go) type-checks the
// cell with go/types over the symbol tables (typesof.go) and the earlier
// cells' declarations (unitenv.go). It also turns a top-level a := x[i]
// into var a T = x[i] (yaegi's "constant definition loop").
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
// # Export
//
// Export turns a notebook's cells into a standalone Go program that links
// nsim, display and the prelude through package interp/standalone
// instead of this interpreter (`gonsim export`); the same locals rewrite
// gives its model strings the same names. Cells tagged "parameters" and
// "results" become the program's -p flags and -results row (`gonsim
// sweep`).
//
// The symbol tables of the project's packages are generated with yaegi
// extract; after an API change run `go generate ./interp/...`.
package interp
