package worker

import "context"

// Bundle is a MIME bundle: MIME type → content (a string, or a JSON value
// for JSON types). It is an alias so that sessions written with plain
// maps fit.
type Bundle = map[string]any

// Session is a notebook language session, as the child process serves it
// and as the Supervisor offers it to the kernel. Execute and Evaluate may
// run while the others are called from another goroutine only for
// Complete, Inspect and IsComplete of the Supervisor, which answer from
// the kernel process.
type Session interface {
	Execute(ctx context.Context, code string, out Output) Result
	Evaluate(ctx context.Context, expr string) (Bundle, error)
	Complete(code string, cursor int) Completion
	Inspect(code string, cursor int, detail int) (Bundle, bool)
	IsComplete(code string) (status, indent string)
}

// Output receives what a running cell shows; its methods may be called
// from any goroutine while Execute runs.
type Output interface {
	Stream(name, text string)
	Display(data, metadata Bundle, id string, update bool)
	Clear(wait bool)
	// Input asks for a line of input; io.EOF when the request allows
	// none, the context's error when the cell is interrupted meanwhile.
	Input(prompt string, password bool) (string, error)
}

// Result is the outcome of one Execute.
type Result struct {
	Value    Bundle // execute_result; nil when the cell has no value
	Metadata Bundle
	Err      *Error // non-nil when the cell failed
}

// Error is a failed cell as a notebook shows it.
type Error struct {
	Name      string
	Value     string   // one line
	Traceback []string // lines as the frontend prints them
}

func (e *Error) Error() string { return e.Name + ": " + e.Value }

// Completion lists completions; offsets count runes.
type Completion struct {
	Matches     []string
	CursorStart int
	CursorEnd   int
}
