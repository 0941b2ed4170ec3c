package interp

import (
	"strings"
	"testing"
)

// FuzzPrepareCell: any text is either rejected with a positioned error or
// cut into chunks whose every position maps back into the cell.
func FuzzPrepareCell(f *testing.F) {
	for _, c := range cellCases {
		f.Add(c.code)
	}
	f.Add("A0:") // a label ending the cell: its empty statement ends past the text
	// names.go: shadowed prelude calls, declarations in top-level blocks,
	// several results into map entries
	f.Add("P := PoissonGroup(10, 50*Hz)\nS.Connect(P(0.1))\nfor k := 0; k < 2; k++ { I := k; S.Connect(I(k)) }")
	f.Add("res[\"a\"], res[\"b\"] = f()\nfunc g() { m[1], m[2] = f(); if true { m[k()], x = <-ch } }")
	f.Add("if m[1], m[2] = f(); true {}")
	f.Fuzz(func(t *testing.T, code string) {
		p, err := prepareCell(code, func(string) bool { return true }, func(string) bool { return true })
		lines := strings.Count(code, "\n") + 1
		if err != nil {
			if ce, ok := err.(*cellError); ok && (ce.Line < 1 || ce.Line > lines || ce.Col < 1) {
				t.Fatalf("error %v outside the cell (%d lines)", err, lines)
			}
			return
		}
		for _, c := range p.chunks {
			for _, a := range c.attempts {
				for l := 1; l <= len(a.m.lines); l++ {
					for _, col := range []int{1, 2, 40} {
						if off := a.m.cellOffset(l, col); off < 0 || off > len(code) {
							t.Fatalf("chunk %q line %d col %d maps to offset %d of %d", a.src, l, col, off, len(code))
						}
						if line, _ := a.m.cellPos(l, col); line < 1 || line > lines {
							t.Fatalf("chunk %q line %d maps to cell line %d of %d", a.src, l, line, lines)
						}
					}
				}
			}
		}
		var s *Session // IsComplete needs no session
		s.IsComplete(code)
	})
}
