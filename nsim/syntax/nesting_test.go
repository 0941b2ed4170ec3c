package syntax

import (
	"strings"
	"testing"
)

// TestNesting: text nested past MaxNesting is refused with a positioned
// error (at the first token past the bound) instead of recursing until
// the stack overflows; text nested up to the bound parses.
func TestNesting(t *testing.T) {
	deep := func(open, x, close string, n int) string {
		return strings.Repeat(open, n) + x + strings.Repeat(close, n)
	}
	for _, c := range []struct {
		name, text string
		col        int // of the error; 0: parses
	}{
		{"parentheses at the bound", deep("(", "x", ")", MaxNesting), 0},
		{"parentheses past it", deep("(", "x", ")", MaxNesting+1), MaxNesting + 1},
		{"a million parentheses", deep("(", "x", ")", 1e6), MaxNesting + 1},
		{"calls", deep("sin(", "x", ")", 1e4), 4 * (MaxNesting + 1)},
		{"signs", strings.Repeat("-", 1e4) + "x", MaxNesting + 1},
		{"not", strings.Repeat("not ", 1e4) + "x", 4*MaxNesting + 1},
		{"powers", strings.Repeat("2**-", 1e4) + "x", 4 * (MaxNesting + 1)},
	} {
		_, err := ParseExpr(c.text)
		if c.col == 0 {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		e, ok := err.(*Error)
		if !ok {
			t.Fatalf("%s: error %v (%T), want a *syntax.Error", c.name, err, err)
		}
		if !strings.Contains(e.Msg, "nested more than 200 deep") || e.Pos != (Pos{1, c.col}) {
			t.Errorf("%s: error at %v: %s; want 1:%d, nested more than 200 deep", c.name, e.Pos, e.Msg, c.col)
		}
		// The caret line is cut to the part around the column.
		if msg := err.Error(); len(msg) > 400 || !strings.Contains(msg, "…") {
			t.Errorf("%s: message of %d bytes, want a short one with the line cut:\n%s", c.name, len(msg), msg)
		}
	}
}

// TestCaretWindow: long lines are cut around the column, the caret still
// under the culprit.
func TestCaretWindow(t *testing.T) {
	line := strings.Repeat("a", 300) + "X" + strings.Repeat("b", 300)
	got := Caret(line, Pos{1, 301})
	lines := strings.Split(got, "\n")
	if len(lines) != 3 {
		t.Fatalf("Caret = %q", got)
	}
	text, caret := []rune(lines[1]), []rune(lines[2])
	if len(text) > caretWidth+2 || text[len(caret)-1] != 'X' {
		t.Errorf("caret line %q, caret %q: the caret is not under X", lines[1], lines[2])
	}
	if short := Caret("x + y", Pos{1, 5}); short != "\nx + y\n    ^" {
		t.Errorf("short line: %q", short)
	}
}
