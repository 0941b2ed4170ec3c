package interp

import (
	"errors"
	"fmt"
	"go/scanner"
	"regexp"
	"strconv"
	"strings"

	yaegi "github.com/traefik/yaegi/interp"

	"gonsim/interp/prelude"
)

// Errors as a notebook shows them: compile errors of a cell's
// preparation and of yaegi at cell line:column with the source line and
// a caret, panics with a traceback of cell lines.

var (
	posPrefix     = regexp.MustCompile(`^(?:_\.go:)?(\d+):(\d+): ([\s\S]*)$`)
	panicLine     = regexp.MustCompile(`^\d+:\d+: panic: `)
	importFailure = regexp.MustCompile(`import "([^"]*)" error: unable to find source`)
)

// compileError turns an error of prepareCell into a kernel error.
func compileError(code string, err error) *Error {
	if ce, ok := err.(*cellError); ok {
		return positioned("SyntaxError", code, ce.Line, ce.Col, ce.Msg)
	}
	if ue, ok := err.(*unitError); ok {
		return positioned(ue.Name, code, ue.Line, ue.Col, ue.Msg)
	}
	return &Error{Name: "SyntaxError", Value: err.Error(), Traceback: []string{"SyntaxError: " + err.Error()}}
}

// positioned formats an error at cell line:col with the source line and
// a caret.
func positioned(name, code string, line, col int, msg string) *Error {
	v := fmt.Sprintf("%d:%d: %s", line, col, msg)
	tb := []string{name + ": " + v}
	lines := strings.Split(code, "\n")
	if line >= 1 && line <= len(lines) {
		src := lines[line-1]
		tb = append(tb, fmt.Sprintf("%4d | %s", line, src))
		pad := ""
		for i, r := range src {
			if i >= col-1 {
				break
			}
			if r == '\t' {
				pad += "\t"
			} else {
				pad += " "
			}
		}
		tb = append(tb, "     | "+pad+"^")
	}
	return &Error{Name: name, Value: v, Traceback: tb}
}

// mapError turns a yaegi error of a chunk into a kernel error at cell
// positions.
func (s *Session) mapError(code string, m *posMap, err error) *Error {
	var p yaegi.Panic
	if errors.As(err, &p) {
		return s.panicError(code, m, p)
	}
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		line, col := m.cellPos(list[0].Pos.Line, list[0].Pos.Column)
		return positioned("SyntaxError", code, line, col, list[0].Msg)
	}
	msg := err.Error()
	if g := posPrefix.FindStringSubmatch(msg); g != nil {
		l, _ := strconv.Atoi(g[1])
		c, _ := strconv.Atoi(g[2])
		line, col := m.cellPos(l, c)
		return positioned("CompileError", code, line, col, cleanMsg(g[3]))
	}
	if msg == "nil type" || msg == "nil reflect type" {
		msg += " (the interpreter could not type a top-level form; put it inside a func)"
	}
	return &Error{Name: "CompileError", Value: firstLine(msg), Traceback: []string{"CompileError: " + msg}}
}

// cleanMsg hides the names of the rewrite helpers in yaegi messages.
func cleanMsg(msg string) string {
	for _, h := range []string{valueHelper, callHelper, checkHelper} {
		msg = strings.ReplaceAll(msg, h, "")
	}
	return msg
}

var tracePos = regexp.MustCompile(`^(\d+):(\d+): panic: (.*?)(?:\(\.\.\.\))?$`)

func (s *Session) panicError(code string, m *posMap, p yaegi.Panic) *Error {
	s.mu.Lock()
	trace := s.trace
	s.trace = nil
	atStart, atEnd := s.atStart, s.atEnd
	s.mu.Unlock()
	name := "panic"
	val := fmt.Sprint(p.Value)
	var f *prelude.Failure
	if e, ok := p.Value.(error); ok && errors.As(e, &f) {
		name, val = errKind(f.Err), f.Err.Error()
	} else if re, ok := p.Value.(interface{ RuntimeError() }); ok {
		_ = re
		name = "runtime error"
		val = strings.TrimPrefix(val, "runtime error: ")
	} else if e, ok := p.Value.(error); ok {
		val = e.Error()
	}
	if strings.HasPrefix(val, "os.Exit(") {
		name = "Exit"
	}
	tb := []string{name + ": " + val}
	topLevel := false
	for _, t := range trace {
		g := tracePos.FindStringSubmatch(t)
		if g == nil {
			continue
		}
		l, _ := strconv.Atoi(g[1])
		c, _ := strconv.Atoi(g[2])
		fn := strings.TrimPrefix(g[3], "main.")
		fm, where := m, "cell"
		if fn != "main" {
			base := fn
			if i := strings.Index(base, ".func"); i >= 0 {
				base = base[:i]
			}
			if d, ok := s.funcs[base]; ok {
				fm = d.m
				if d.cell != s.cellCount {
					where = "earlier cell"
				}
			}
		} else {
			fn = "top level"
		}
		line, col := fm.cellPos(l, c)
		if fn == "top level" && atStart >= 0 && atStart <= len(code) {
			// yaegi names the first node of the chunk, which may be an
			// earlier statement: keep its position only inside the
			// statement that was running.
			if off := fm.cellOffset(l, c); off < atStart || off >= atEnd {
				line, col = lineCol(code, atStart)
			}
			topLevel = true
		}
		src := ""
		if lines := strings.Split(fm.cell, "\n"); line <= len(lines) {
			src = strings.TrimSpace(lines[line-1])
		}
		tb = append(tb, fmt.Sprintf("  %s line %d:%d in %s: %s", where, line, col, fn, src))
	}
	if !topLevel && atStart >= 0 && atStart <= len(code) {
		line, col := lineCol(code, atStart)
		tb = append(tb, fmt.Sprintf("  cell line %d:%d in top level: %s", line, col, strings.TrimSpace(strings.Split(code, "\n")[line-1])))
	}
	return &Error{Name: name, Value: firstLine(val), Traceback: tb}
}

// errName is the ename of an error of dynamic type typ ("%T"): the type
// name without package, or "Error" for anonymous and generic errors.
func errName(typ string) string {
	typ = strings.TrimLeft(typ, "*")
	if typ == "" || strings.Contains(typ, "struct {") || strings.HasPrefix(typ, "errors.") || strings.HasPrefix(typ, "fmt.") {
		return "Error"
	}
	if i := strings.LastIndexByte(typ, '.'); i >= 0 {
		typ = typ[i+1:]
	}
	return typ
}

// errKind names err by the first error in its chain with a named type.
func errKind(err error) string {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if n := errName(fmt.Sprintf("%T", e)); n != "Error" {
			return n
		}
	}
	return "Error"
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
