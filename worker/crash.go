package worker

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
)

// restartNote ends every message about a lost session.
const restartNote = "the Go session was restarted, re-run your cells"

// crashLine finds the runtime's reason in a crash report: "fatal error:
// …" (stack overflow, out of memory, concurrent map writes, deadlock)
// or, for a panic no one recovered, "panic: …".
var crashLine = regexp.MustCompile(`(?m)^(fatal error|panic): (.+)$`)

// reason says why a child ended, from its stderr and its exit status.
func reason(stderr string, waitErr error) string {
	if m := crashLine.FindStringSubmatch(stderr); m != nil {
		// A panic that printed its value over several lines keeps the first.
		return m[1] + ": " + strings.TrimSpace(m[2])
	}
	var ee *exec.ExitError
	if errors.As(waitErr, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			sig := ws.Signal()
			if sig == syscall.SIGKILL {
				return "the Go session was killed (SIGKILL: out of memory, or killed from outside)"
			}
			return fmt.Sprintf("the Go session was killed by signal %d (%v)", int(sig), sig)
		}
		return fmt.Sprintf("the Go session exited with status %d", ee.ExitCode())
	}
	if waitErr != nil {
		return "the Go session was lost: " + waitErr.Error()
	}
	return "the Go session exited"
}

// where names the place a crash happened, as far as it is known: for a
// stack overflow the cell's self-recursive function, and the cell line of
// the top-level statement that was running (at is its byte offset, <0 when
// unknown). earlier holds the cells run before in the same session, most
// recent last, where a recursive function may have been declared.
func where(why, code string, at int, earlier []string) string {
	var parts []string
	line := 0
	if at >= 0 && at <= len(code) {
		line = 1 + strings.Count(code[:at], "\n")
	}
	if strings.Contains(why, "stack overflow") {
		if name, l := recursive(code); name != "" {
			return " in " + name + fmt.Sprintf(" (cell line %d)", l)
		}
		for i := len(earlier) - 1; i >= 0; i-- {
			if name, _ := recursive(earlier[i]); name != "" {
				parts = append(parts, "in "+name)
				break
			}
		}
	}
	if line > 0 {
		parts = append(parts, fmt.Sprintf("(cell line %d)", line))
	}
	if len(parts) == 0 {
		return ""
	}
	return " " + strings.Join(parts, " ")
}

// recursive finds the first function of code that calls itself directly,
// with the cell line of that call. A cell mixes declarations and
// statements; the parser skips the statements and keeps the functions.
func recursive(code string) (name string, line int) {
	fs := token.NewFileSet()
	f, _ := parser.ParseFile(fs, "", "package p\n"+code, parser.SkipObjectResolution|parser.AllErrors)
	if f == nil {
		return "", 0
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || name != "" {
				return name == ""
			}
			callee := ""
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				if fd.Recv == nil {
					callee = fn.Name
				}
			case *ast.SelectorExpr:
				if fd.Recv != nil {
					callee = fn.Sel.Name
				}
			}
			if callee == fd.Name.Name {
				name, line = fd.Name.Name, fs.Position(call.Pos()).Line-1
			}
			return true
		})
		if name != "" {
			return name, line
		}
	}
	return "", 0
}

// lostError is the cell's error when its session died: the runtime's
// reason, where, and that the session was restarted (the full report is
// in the kernel's log).
func lostError(why, place string) *Error {
	msg := why + place + "; " + restartNote
	return &Error{Name: "FatalError", Value: msg, Traceback: []string{"\x1b[0;31m" + msg + "\x1b[0m"}}
}
