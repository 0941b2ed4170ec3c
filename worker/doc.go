// Package worker runs a notebook session in a supervised child process, so
// that whatever a cell does to its process (a fatal runtime error, an out
// of memory kill, a deadlock) ends the child and not the kernel.
//
// The kernel process starts a Supervisor; the child (the same binary,
// started by the Supervisor's Command) calls Serve with the real session.
// They speak newline-delimited JSON over two pipes that are neither stdin,
// stdout nor stderr (the session owns those): requests one way (execute,
// evaluate, complete, inspect, interrupt, input replies), the cell's
// streams, displays, input requests, statement positions and results the
// other way. The child's file descriptor 2 stays a pipe to the Supervisor,
// where the runtime writes its crash report, so the reason of a crash
// reaches the notebook:
//
//	fatal error: stack overflow in f (cell line 1); the Go session was restarted, re-run your cells
//
// When the child dies or does not stop within InterruptGrace of an
// interrupt, the running request is answered with such an error and a
// fresh child is started at once. State of the session (variables,
// declarations) is lost with the child; what belongs to the kernel (the
// execution count, history) is not the worker's business and survives.
//
// The package knows neither the Jupyter kernel nor the interpreter: it
// has its own types (Session, Output, Result), which the binary adapts.
package worker
