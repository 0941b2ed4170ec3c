package kernel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// fake is a scripted Evaluator. A cell is one command:
//
//	out TEXT        TEXT on stdout          err TEXT      TEXT on stderr
//	lines N         N numbered lines         value X       execute_result X
//	fail MSG        a failed cell            sleep         block until interrupted
//	slowfail D      fail after duration D    input PROMPT  read a line, echo it
//	display ID      a display (updatable)    update ID     update display ID
//	clear           clear_output             panic         panic in Execute
//	mixed           out/err interleaved      late          stdout after returning
type fake struct {
	executed atomic.Int32
}

func (f *fake) Execute(ctx context.Context, code string, out Output) Result {
	f.executed.Add(1)
	cmd, arg, _ := strings.Cut(strings.TrimSpace(code), " ")
	switch cmd {
	case "out":
		out.Stream("stdout", arg)
	case "err":
		out.Stream("stderr", arg)
	case "lines":
		n, _ := strconv.Atoi(arg)
		for i := range n {
			out.Stream("stdout", fmt.Sprintf("line %d\n", i))
		}
	case "value":
		out.Stream("stdout", "before\n")
		return Result{Value: Bundle{"text/plain": arg}}
	case "fail":
		out.Stream("stdout", "partial\n")
		return Result{Err: &Error{Name: "RuntimeError", Value: arg, Traceback: []string{"cell:1: " + arg}}}
	case "slowfail":
		d, _ := time.ParseDuration(arg)
		time.Sleep(d)
		return Result{Err: &Error{Name: "RuntimeError", Value: "slow", Traceback: []string{}}}
	case "sleep":
		<-ctx.Done()
		return Result{Err: &Error{Name: "KeyboardInterrupt", Value: ctx.Err().Error(), Traceback: []string{}}}
	case "finish":
		// Ignores cancellation for a while, then succeeds.
		time.Sleep(300 * time.Millisecond)
	case "input":
		s, err := out.Input(arg, false)
		if err != nil {
			if errors.Is(err, io.EOF) {
				return Result{Err: &Error{Name: "EOF", Value: "no stdin", Traceback: []string{}}}
			}
			return Result{Err: &Error{Name: "KeyboardInterrupt", Value: err.Error(), Traceback: []string{}}}
		}
		out.Stream("stdout", "got "+s+"\n")
	case "display":
		out.Display(Bundle{"text/plain": "shown", "text/html": "<b>shown</b>"}, nil, arg, false)
	case "update":
		out.Display(Bundle{"text/plain": "updated"}, nil, arg, true)
	case "clear":
		out.Stream("stdout", "x")
		out.Clear(true)
	case "panic":
		panic("fake evaluator bug")
	case "mixed":
		out.Stream("stdout", "a")
		out.Stream("stdout", "b")
		out.Stream("stderr", "c")
		out.Stream("stdout", "d")
	case "split":
		// "é" (C3 A9) split across writes must not become U+FFFD.
		out.Stream("stdout", "caf\xc3")
		time.Sleep(60 * time.Millisecond) // past the stream timer
		out.Stream("stdout", "\xa9\n")
	case "big":
		// arg MiB of stdout.
		n, _ := strconv.Atoi(arg)
		chunk := strings.Repeat("x", 1023) + "\n"
		for range n << 10 {
			out.Stream("stdout", chunk)
		}
	case "nan":
		return Result{Value: Bundle{"text/plain": "NaN", "application/json": map[string]any{"x": nanValue()}}}
	}
	return Result{}
}

func nanValue() float64 { zero := 0.0; return zero / zero }

func (f *fake) Evaluate(ctx context.Context, expr string) (Bundle, error) {
	if expr == "bad" {
		return nil, &Error{Name: "NameError", Value: "undefined: bad", Traceback: []string{}}
	}
	return Bundle{"text/plain": "value of " + expr}, nil
}

func (f *fake) Complete(code string, cursor int) Completion {
	if code == "panic" {
		panic("complete bug")
	}
	// Completes the identifier before the cursor from a fixed list.
	rs := []rune(code)[:cursor]
	start := cursor
	for start > 0 && (rs[start-1] == '_' || rs[start-1] >= 'a' && rs[start-1] <= 'z' || rs[start-1] >= 'A' && rs[start-1] <= 'Z') {
		start--
	}
	prefix := string(rs[start:])
	var m []string
	for _, w := range []string{"Println", "Printf", "Sprint"} {
		if strings.HasPrefix(w, prefix) {
			m = append(m, w)
		}
	}
	return Completion{Matches: m, CursorStart: start, CursorEnd: cursor}
}

func (f *fake) Inspect(code string, cursor int, detail int) (Bundle, bool) {
	if strings.Contains(code, "Println") {
		return Bundle{"text/plain": fmt.Sprintf("func Println(a ...any) (detail %d)", detail)}, true
	}
	return nil, false
}

func (f *fake) IsComplete(code string) (string, string) {
	switch {
	case strings.Count(code, "{") > strings.Count(code, "}"):
		return "incomplete", "\t"
	case strings.Contains(code, "@"):
		return "invalid", ""
	case code == "weird":
		return "maybe", ""
	}
	return "complete", ""
}
