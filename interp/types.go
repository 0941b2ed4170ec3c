package interp

import "context"

// The types a Session speaks in. interp owns them so that it does not
// depend on the Jupyter kernel (and ZeroMQ): the binary adapts them to the
// kernel's, or to the worker protocol's. Their shapes follow the Jupyter
// messages they end up in.

// Bundle is a MIME bundle: keys are MIME types, values are strings
// (base64 for binary types) or, for JSON types, JSON-encodable values.
// It is an alias so that any package's Output with plain maps fits.
type Bundle = map[string]any

// Output receives what a running cell shows. Every method may be called
// from any goroutine while Execute runs.
type Output interface {
	// Stream appends text to "stdout" or "stderr".
	Stream(name, text string)
	// Display shows a bundle; a non-empty id makes it updatable, and
	// update replaces the earlier display with that id.
	Display(data, metadata Bundle, id string, update bool)
	// Clear clears the cell's output, at once or (wait) at the next output.
	Clear(wait bool)
	// Input asks the frontend for a line; it fails with io.EOF when the
	// request allows no stdin, and with the context's error on interrupt.
	Input(prompt string, password bool) (string, error)
}

// Result is the outcome of one Execute.
type Result struct {
	Value    Bundle // execute_result, nil when the cell has no trailing value
	Metadata Bundle
	Err      *Error // non-nil when the cell failed (including an interrupt)
}

// Error is a failed cell as a notebook shows it.
type Error struct {
	Name      string   // e.g. "CompileError", "panic", "KeyboardInterrupt"
	Value     string   // one line
	Traceback []string // lines as the frontend prints them, ANSI allowed
}

func (e *Error) Error() string { return e.Name + ": " + e.Value }

// Completion is a list of completions; offsets count runes.
type Completion struct {
	Matches     []string
	CursorStart int
	CursorEnd   int
}

// The methods a kernel calls, checked here so that a signature change is
// a compile error in this package rather than in the binary.
var _ interface {
	Execute(ctx context.Context, code string, out Output) Result
	Evaluate(ctx context.Context, expr string) (Bundle, error)
	Complete(code string, cursor int) Completion
	Inspect(code string, cursor int, detail int) (Bundle, bool)
	IsComplete(code string) (status, indent string)
} = (*Session)(nil)
