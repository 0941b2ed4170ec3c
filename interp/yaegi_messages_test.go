package interp

import (
	"bytes"
	"strings"
	"testing"

	yaegi "github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// interp recognises some of yaegi's messages by their text (session.go:
// posPrefix, importFailure, panicLine and tracePos). Each test here makes
// yaegi itself produce one and checks that the pattern still matches, so
// that a yaegi upgrade that rewords them fails here, loudly, instead of
// quietly degrading the notebook's error messages.
func TestYaegiMessageTexts(t *testing.T) {
	tests := []struct {
		name, src string
		check     func(err error, stderr string) bool
	}{
		{"compile errors start with line:col (posPrefix)", `var x int = "a"`,
			func(err error, _ string) bool { return err != nil && posPrefix.MatchString(err.Error()) }},
		{"a missing package is unable to find source (importFailure)", `import "github.com/nope/x"`,
			func(err error, _ string) bool {
				g := importFailure.FindStringSubmatch(err.Error())
				return g != nil && g[1] == "github.com/nope/x"
			}},
		{"a panic writes line:col: panic: fn(...) lines (panicLine, tracePos)", "func g() { panic(\"boom\") }\nfunc main() { g() }",
			func(err error, stderr string) bool {
				lines := strings.Split(strings.TrimSpace(stderr), "\n")
				if err == nil || len(lines) != 2 {
					return false
				}
				for i, fn := range []string{"main.g", "main.main"} {
					g := tracePos.FindStringSubmatch(lines[i])
					if !panicLine.MatchString(lines[i]+"\n") || g == nil || g[3] != fn {
						return false
					}
				}
				return true
			}},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		yi := yaegi.New(yaegi.Options{Stderr: &stderr})
		yi.Use(stdlib.Symbols)
		_, err := yi.Eval(tt.src)
		if !tt.check(err, stderr.String()) {
			t.Errorf("%s: yaegi's text changed\nerr: %v\nstderr: %q", tt.name, err, stderr.String())
		}
	}
}

// The chunk retry of session.go matches "CFG post-order panic" and "on
// zero Value"; what they guard, as a cell shows it.
func TestYaegiMessageBehaviour(t *testing.T) {
	s := newSession(t)
	for _, tt := range []struct{ code, want string }{
		{"func f() {}\nf()", "<no value>"}, // a trailing call with no result runs as a statement
		{"var e error\ne", "<nil>"},        // a nil interface value is shown
		{"x := []int{1, 2}\nlen(x)", "2"},  // an ordinary value
	} {
		r, _ := exec(s, tt.code)
		if r.Err != nil || plain(r) != tt.want {
			t.Errorf("%q: %v %q, want %q", tt.code, r.Err, plain(r), tt.want)
		}
	}
}

// IsComplete needs no session; a closing bracket that nothing opened is
// invalid, whatever follows.
func TestIsCompleteBrackets(t *testing.T) {
	for _, tt := range []struct{ code, status, indent string }{
		{"x := )(", "invalid", ""},
		{"f(]", "invalid", ""},
		{"}", "invalid", ""},
		{"x := (", "incomplete", "    "},
		{"x := []int{f(", "incomplete", "        "},
		{"fmt.Println(\n\t1,\n)", "complete", ""},
	} {
		if st, ind := IsComplete(tt.code); st != tt.status || ind != tt.indent {
			t.Errorf("IsComplete(%q) = %q %q, want %q %q", tt.code, st, ind, tt.status, tt.indent)
		}
	}
}

// errors.go's cleanMsg adds what to write to yaegi's "variable definition
// loop", which a top-level var initialised from a notebook variable gets.
func TestYaegiVarDefinitionLoop(t *testing.T) {
	runSteps(t, []step{
		{code: "xv := 3"},
		{code: "var zv = xv", err: "CompileError: 1:5: variable definition loop (the interpreter cannot initialise a cell's var from a notebook variable: write z := x"},
		{code: "var zw int\nzw = xv\nzw", value: "3"},
	})
}
