package kernel

import "context"

// Evaluator is everything the kernel needs from a language. The kernel owns
// the wire, the sockets, the execution counter and busy/idle; an Evaluator
// owns the meaning of code. Implementations need not be safe for concurrent
// use: the kernel calls Execute, Complete, Inspect and IsComplete from one
// goroutine (the shell loop), and only Interrupt from another.
type Evaluator interface {
	// Execute runs one cell. Output produced while it runs goes to out
	// as it happens. ctx is cancelled when the frontend interrupts the
	// cell or the kernel shuts down; Execute must then return promptly
	// and must not return before the cell's work has really stopped.
	Execute(ctx context.Context, code string, out Output) Result

	// Evaluate computes one user_expression of an execute_request after
	// the cell ran, as a MIME bundle.
	Evaluate(ctx context.Context, expr string) (Bundle, error)

	// Complete lists completions for the code at cursor (a rune offset).
	Complete(code string, cursor int) Completion

	// Inspect describes the symbol at cursor (a rune offset); ok is
	// false when there is nothing to say.
	Inspect(code string, cursor int, detail int) (data Bundle, ok bool)

	// IsComplete says whether code is ready to run: "complete",
	// "incomplete" (with the indent for the next line), "invalid" or
	// "unknown".
	IsComplete(code string) (status, indent string)
}

// Bundle is a MIME bundle: keys are MIME types, values are strings
// (base64 for binary types) or, for JSON types, any JSON-encodable value.
type Bundle map[string]any

// Output receives what a running cell shows. Every method may be called
// from any goroutine while Execute runs; the kernel serialises them.
type Output interface {
	// Stream appends text to stdout or stderr (name is "stdout" or "stderr").
	Stream(name, text string)
	// Display shows a bundle. A non-empty id makes it updatable; with
	// update true it replaces the earlier display with the same id.
	Display(data, metadata Bundle, id string, update bool)
	// Clear clears the cell's output, at once or (wait) when the next
	// output arrives.
	Clear(wait bool)
	// Input asks the frontend for a line. It fails at once with io.EOF
	// when the request did not allow stdin, and with the context's error
	// when the cell is interrupted while waiting.
	Input(prompt string, password bool) (string, error)
}

// Result is the outcome of one Execute.
type Result struct {
	// Value is the execute_result bundle, or nil when the cell has no
	// trailing value.
	Value    Bundle
	Metadata Bundle
	// Err is non-nil when the cell failed (including an interrupt).
	Err *Error
}

// Error is a failed cell as the protocol reports it.
type Error struct {
	Name      string   // ename, e.g. "CompileError", "panic", "KeyboardInterrupt"
	Value     string   // evalue, one line
	Traceback []string // lines as the frontend prints them, ANSI allowed
}

func (e *Error) Error() string { return e.Name + ": " + e.Value }

// Completion is a complete_reply's content; offsets count runes.
type Completion struct {
	Matches     []string
	CursorStart int
	CursorEnd   int
}
