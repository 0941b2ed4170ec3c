package expr

import (
	"errors"
	"fmt"
	"strings"

	"gonsim/nsim/syntax"
)

// ErrorKind classifies an Error.
type ErrorKind uint8

const (
	SyntaxError    ErrorKind = iota // the text does not parse
	UnresolvedName                  // an identifier is not defined anywhere
	UnitMismatch                    // dimensions do not fit (Want and Got are set)
	TypeMismatch                    // a boolean where a number is needed or vice versa
	BadCall                         // unknown function or wrong number of arguments
	BadAssignment                   // a statement writes a read-only or unknown target
	Nonlinear                       // Linear found the expression not linear in the variable
	Unsupported                     // valid Brian2 that this implementation refuses
)

func (k ErrorKind) String() string {
	return [...]string{"syntax error", "unresolved name", "unit mismatch", "type mismatch",
		"bad call", "bad assignment", "not linear", "unsupported"}[k]
}

// Error is one problem in a model string, with its position.
type Error struct {
	Kind    ErrorKind
	Pos     syntax.Pos // where the culprit starts (1-based line and column)
	Culprit string     // the offending name or subexpression, as written
	// Want and Got are the expected and actual units of a UnitMismatch, as
	// Brian2 prints units ("V", "V/s" written "m^2 kg s^-4 A^-1", "1").
	Want, Got string
	// Context says where the expression belongs, e.g. "differential
	// equation of v" or "threshold"; set by the caller via WithContext.
	Context string
	Msg     string // the message without position and context
	Text    string // the text Pos refers to, for the caret line
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Pos.Line > 0 { // errors about Go values have no position
		fmt.Fprintf(&b, "%s: ", e.Pos)
	}
	if e.Context != "" {
		b.WriteString(e.Context + ": ")
	}
	b.WriteString(e.Msg)
	b.WriteString(syntax.Caret(e.Text, e.Pos))
	return b.String()
}

// ErrorList is a list of errors from one check, in source order.
type ErrorList []*Error

func (l ErrorList) Error() string {
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "\n")
}

// Unwrap returns the errors, for errors.As and errors.Is.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Err returns l as an error, or nil if l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Errors flattens err into the *Error values it holds (an *Error, an
// ErrorList, a *syntax.Error converted to a SyntaxError, or a joined
// error of those). Other errors are returned as Unsupported errors.
func Errors(err error) ErrorList {
	if err == nil {
		return nil
	}
	var se *syntax.Error
	switch e := err.(type) {
	case *Error:
		return ErrorList{e}
	case ErrorList:
		return e
	case interface{ Unwrap() []error }:
		var out ErrorList
		for _, x := range e.Unwrap() {
			out = append(out, Errors(x)...)
		}
		return out
	}
	if errors.As(err, &se) {
		return ErrorList{{Kind: SyntaxError, Pos: se.Pos, Msg: "syntax error: " + se.Msg, Text: se.Text}}
	}
	return ErrorList{{Kind: Unsupported, Msg: err.Error()}}
}

// WithContext returns err with ctx set as the Context of every *Error in it
// that has none.
func WithContext(err error, ctx string) error {
	if err == nil {
		return nil
	}
	l := Errors(err)
	for _, e := range l {
		if e.Context == "" {
			e.Context = ctx
		}
	}
	return l
}
