package interp

import (
	"strings"
	"testing"
)

// cell is one cell of a table test and what the notebook should show for
// it: its value's text/plain, its stdout, or an error mentioning err.
// Empty fields are not checked; a cell without err must not fail.
type cell struct{ code, value, stdout, err string }

// runCells runs cells in s one after the other, as a notebook would, and
// checks what each shows.
func runCells(t *testing.T, s *Session, cells []cell) {
	t.Helper()
	for _, c := range cells {
		r, out := exec(s, c.code)
		if c.err == "" && r.Err != nil {
			t.Errorf("%q: %s\n%s", c.code, r.Err, strings.Join(r.Err.Traceback, "\n"))
			continue
		}
		if c.err != "" && (r.Err == nil || !strings.Contains(r.Err.Name+": "+r.Err.Value, c.err)) {
			t.Errorf("%q: error %+v, want one mentioning %q", c.code, r.Err, c.err)
		}
		if c.value != "" && plain(r) != c.value {
			t.Errorf("%q: value %q, want %q", c.code, plain(r), c.value)
		}
		if c.stdout != "" && out.text("stdout") != c.stdout {
			t.Errorf("%q: stdout %q, want %q", c.code, out.text("stdout"), c.stdout)
		}
	}
}
