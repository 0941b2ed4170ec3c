package interp

import (
	"path"
	"strings"
)

// The unit pass in exported programs: each cell is rewritten as the
// kernel rewrites it (units.go), so that the program computes 1/tau as a
// Frequency and arrays with Go's operators, as the notebook did. The
// rewrites keep the cell's lines (they insert within lines), so errors
// found later still name the cell's line.

// unitImports are the packages the rewritten cells call: the alias the
// pass writes, and the import the program gets (by the package's own
// name, for a program that reads as Go written by hand).
var unitImports = []struct {
	alias string
	spec  importSpec
}{{unitsAlias, importSpec{"", unitsPath}}, {mathAlias, importSpec{"", "math"}}, {qopsAlias, importSpec{"", qopsPath}}}

// unitRewrite returns cell n's code with the unit pass's edits applied,
// or an *ExportError for a unit mismatch the pass finds.
func (e *exporter) unitRewrite(n int, code string) (string, error) {
	items, err := splitCell(code)
	if err != nil {
		return code, nil // parseCell reports it
	}
	if e.unitEnv == nil {
		e.unitEnv = newUnitEnv(projectSymbolsWithStdlib())
	}
	imported := map[string]string{}
	for p, name := range e.imports {
		if name == "" {
			name = path.Base(p)
		}
		imported[name] = p
	}
	es, a, err := e.unitEnv.unitEdits(code, items, imported)
	if err != nil {
		if ue, ok := err.(*unitError); ok {
			return "", &ExportError{Notebook: e.notebook, Cell: n, Line: ue.Line, Col: ue.Col, Msg: ue.Msg}
		}
		return "", e.cellErr(n, err)
	}
	if a != nil {
		e.unitEnv.record(a)
	}
	var b strings.Builder
	pos := 0
	for _, ed := range sortEdits(es) {
		b.WriteString(code[pos:ed.start])
		b.WriteString(ed.text)
		pos = ed.end
	}
	b.WriteString(code[pos:])
	out := b.String()
	for _, im := range unitImports {
		if strings.Contains(out, im.alias+".") {
			out = strings.ReplaceAll(out, im.alias+".", path.Base(im.spec.path)+".")
			e.unitUses[im.spec] = true
		}
	}
	return out, nil
}
