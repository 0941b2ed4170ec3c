package units

import (
	"os"
	"strings"
	"testing"
)

// TestShowGolden: a quantity's text/plain and text/latex are what Brian2
// shows: str() and the LaTeX of the value str() shows (no float noise).
// testdata/show_quantities.golden is written by show_quantities.py with
// Brian2, except namedRates.
func TestShowGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/show_quantities.golden")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(src)), "\n")
	if len(lines) < 30 {
		t.Fatalf("golden file has %d cases", len(lines))
	}
	for _, line := range lines {
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			t.Fatalf("bad golden line %q", line)
		}
		q, err := Parse(f[0])
		if err != nil {
			t.Errorf("Parse(%q): %v", f[0], err)
			continue
		}
		b := q.MIMEBundle()
		if named, ok := namedRates[f[1]]; ok {
			f[1] = named
		}
		if b["text/plain"] != f[1] || b["text/latex"] != f[2] {
			t.Errorf("%s: shows %q and %q, Brian2 %q and %q", f[0], b["text/plain"], b["text/latex"], f[1], f[2])
		}
	}
}

// namedRates are the golden cases where gonsim names a rate of a named
// unit and Brian2 writes base units.
var namedRates = map[string]string{
	"1. m^2 kg s^-4 A^-1":    "1. V/s",
	"75. m^-4 kg^-1 s^3 A^2": "75. S/m^2",
}
