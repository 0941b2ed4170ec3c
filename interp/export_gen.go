package interp

import (
	"fmt"
	"go/ast"
	"go/token"
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/traefik/yaegi/stdlib"
)

// generate writes the program. With check, every piece of cell text is
// preceded by a /*line cellN:L:C*/ directive, so that go/types reports
// positions in the cells (and generated code as "generated").
func (e *exporter) generate(check bool) string {
	e.gen = genState{check: check, scope: map[string]bool{}}
	var b strings.Builder
	fmt.Fprintf(&b, "// Command %s is the notebook %s exported by `gonsim export`.\n", programName(e.notebook), e.notebook)
	b.WriteString("// It runs the notebook's code cells in order; figures are written to\n")
	b.WriteString("// -figures (see -help). Build it inside the gonsim module (go build).\n")
	b.WriteString("package main\n\nimport (\n")
	for _, p := range e.importList() {
		if e.unusedImport[p.key()] {
			continue
		}
		fmt.Fprintf(&b, "\t%s %q\n", p.name, p.path)
	}
	b.WriteString(")\n\n")
	if len(e.units) > 0 {
		b.WriteString("// Brian2's unit names that the cells use (the kernel defines them for cells).\nvar (\n")
		types := map[string]unitDecl{}
		for _, u := range unitTypes() {
			types[u.name] = u
		}
		for _, n := range e.units {
			u := types[n]
			if u.typ == "" {
				fmt.Fprintf(&b, "\t%s = standalone.Unit(%q)\n", n, n)
			} else {
				fmt.Fprintf(&b, "\t%s = units.%s(%s)\n", n, u.typ, strconv.FormatFloat(u.scale, 'g', -1, 64))
			}
		}
		b.WriteString(")\n\n")
	}
	e.packageDecls(&b)
	b.WriteString("func main() {\n")
	var params []string
	for _, xc := range e.cells {
		if xc.params {
			params = append(params, e.topVars(xc)...)
		}
	}
	fmt.Fprintf(&b, "standalone.Start(%q", e.notebook)
	for _, p := range params {
		fmt.Fprintf(&b, ", %q", p)
	}
	b.WriteString(")\ndefer standalone.Exit()\n")
	for _, xc := range e.cells {
		e.cell(&b, xc)
	}
	b.WriteString(strings.Repeat("}\n", e.gen.depth))
	b.WriteString("standalone.Finish()\n}\n")
	return b.String()
}

// programName is the notebook's name as a Go identifier-ish word.
func programName(nb string) string {
	nb = path.Base(nb)
	return strings.TrimSuffix(nb, path.Ext(nb))
}

type importSpec struct{ name, path string }

func (p importSpec) key() string { return p.name + " " + p.path }

// importList is the program's imports: the cells' and the automatic
// ones, the prelude dot-imported (and by name, for calls of prelude
// functions hidden by a variable), standalone and units.
func (e *exporter) importList() []importSpec {
	var out []importSpec
	for p, n := range e.imports {
		if p == preludePath {
			continue
		}
		out = append(out, importSpec{n, p})
	}
	out = append(out, importSpec{".", preludePath}, importSpec{"", standalonePath})
	if e.preludeNamed {
		out = append(out, importSpec{"prelude", preludePath})
	}
	if len(e.units) > 0 && e.imports["gonsim/nsim/units"] == "" {
		out = append(out, importSpec{"", "gonsim/nsim/units"})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key() < out[j].key() })
	var dedup []importSpec
	for i, p := range out {
		if i == 0 || p != out[i-1] {
			dedup = append(dedup, p)
		}
	}
	return dedup
}

// importPaths are the packages to type-check against.
func (e *exporter) importPaths() []string {
	var out []string
	for _, p := range e.importList() {
		out = append(out, p.path)
	}
	return out
}

// isPackageLevel reports a declaration that goes to package level: types,
// methods and generic functions (which closures cannot be).
func isPackageLevel(d ast.Decl) bool {
	switch d := d.(type) {
	case *ast.FuncDecl:
		return d.Recv != nil || d.Type.TypeParams != nil
	case *ast.GenDecl:
		return d.Tok == token.TYPE
	}
	return false
}

// packageDecls writes the package-level declarations of every cell, each
// once (a cell run twice declares its types again).
func (e *exporter) packageDecls(b *strings.Builder) {
	seen := map[string]bool{}
	e.pkgRanges = nil
	for _, xc := range e.cells {
		for gi := range xc.groups {
			g := &xc.groups[gi]
			if g.file == nil {
				continue
			}
			edits := e.groupEdits(xc, g)
			for _, d := range g.file.Decls {
				if !isPackageLevel(d) {
					continue
				}
				from, to := declStart(g, d), g.off(d.End())
				key := strings.TrimSpace(xc.code[g.off(d.Pos()):to])
				if seen[key] {
					continue
				}
				seen[key] = true
				e.pkgRanges = append(e.pkgRanges, cellRange{xc.n, from, to})
				b.WriteString(e.text(xc, from, to, edits))
				b.WriteString("\n\n")
			}
		}
	}
}

// declStart is where a declaration's text starts: its doc comment.
func declStart(g *xgroup, d ast.Decl) int {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Doc != nil {
			return g.off(d.Doc.Pos())
		}
	case *ast.GenDecl:
		if d.Doc != nil {
			return g.off(d.Doc.Pos())
		}
	}
	return g.off(d.Pos())
}

// cell writes one cell's statements into main.
func (e *exporter) cell(b *strings.Builder, xc *xcell) {
	fmt.Fprintf(b, "\n// Code cell %d.\nstandalone.Cell(%d)\n", xc.n, xc.n)
	for gi := range xc.groups {
		g := &xc.groups[gi]
		if g.file != nil {
			e.declGroup(b, xc, g)
			continue
		}
		edits := e.groupEdits(xc, g)
		last := gi == len(xc.groups)-1
		for i, st := range g.body.List {
			edits = append(edits, e.topStmt(xc, g, st, last && i == len(g.body.List)-1)...)
		}
		b.WriteString(strings.TrimRight(e.text(xc, g.start, g.end, edits), "\n"))
		b.WriteString("\n")
	}
	for _, n := range e.topVars(xc) {
		if xc.params {
			fmt.Fprintf(b, "standalone.Param(%q, &%s)\n", n, n)
		}
	}
	if xc.result {
		for _, n := range e.topNames(xc) {
			fmt.Fprintf(b, "standalone.Result(%q, %s)\n", n, n)
		}
	}
	b.WriteString("standalone.EndCell()\n")
}

// topStmt gives the edits around a top-level statement: a new block when
// it redefines a variable, the registration of what it defines, the check
// of an error result, the display of a trailing value.
func (e *exporter) topStmt(xc *xcell, g *xgroup, st ast.Stmt, trailing bool) []edit {
	s0, s1 := g.off(st.Pos()), g.off(st.End())
	var es []edit
	vars, consts := definedNames(st)
	es = append(es, e.define(s0, afterComment(xc.code, s1), vars, consts)...)
	if x, ok := st.(*ast.ExprStmt); ok {
		if _, isCall := ast.Unparen(x.X).(*ast.CallExpr); isCall {
			e.gen.topCalls = append(e.gen.topCalls, topCall{xc.n, s0, s1, trailing})
			if w := e.wraps[xc.n][fmt.Sprint(s0, "-", s1)]; w != "" {
				es = append(es, edit{start: s0, end: s0, text: w + "(", rank: -1}, edit{start: s1, end: s1, text: ")", rank: 1})
			}
		} else if u, ok := x.X.(*ast.UnaryExpr); !ok || u.Op != token.ARROW {
			if trailing {
				es = append(es, edit{start: s0, end: s0, text: "standalone.Value(", rank: -1}, edit{start: s1, end: s1, text: ")", rank: 1})
			} else {
				es = append(es, edit{start: s0, end: s0, text: "_ = ", rank: -1})
			}
		}
	}
	// Locals installed by the statement's blocks (not by functions it
	// defines, which have frames of their own) are dropped after it.
	var lits [][2]int
	ast.Inspect(st, func(n ast.Node) bool {
		if fl, ok := n.(*ast.FuncLit); ok {
			lits = append(lits, [2]int{g.off(fl.Pos()), g.off(fl.End())})
			return false
		}
		return true
	})
	inLit := func(off int) bool {
		for _, l := range lits {
			if off >= l[0] && off < l[1] {
				return true
			}
		}
		return false
	}
	for _, ed := range e.localsOf(xc, g, st) {
		if strings.Contains(ed.text, "standalone.Locals(") && !inLit(ed.start) {
			es = append(es, edit{start: s1, end: s1, text: "; standalone.TopLevel()", rank: 3})
			break
		}
	}
	return es
}

// define opens a new block before a definition of names the innermost
// block of main already has (so that the new variables shadow the old
// ones) and registers the variables for model strings after it.
func (e *exporter) define(s0, s1 int, vars, consts []string) []edit {
	if len(vars)+len(consts) == 0 {
		return nil
	}
	var es []edit
	for _, n := range append(append([]string(nil), vars...), consts...) {
		if e.gen.scope[n] {
			es = append(es, edit{start: s0, end: s0, text: "{\n", rank: -3})
			e.gen.scope = map[string]bool{}
			e.gen.depth++
			break
		}
	}
	var reg []string
	for _, n := range vars {
		e.gen.scope[n] = true
		reg = append(reg, fmt.Sprintf("%q, &%s", n, n))
	}
	for _, n := range consts {
		e.gen.scope[n] = true
	}
	if len(reg) > 0 {
		es = append(es, edit{start: s1, end: s1, text: "\nstandalone.Vars(" + strings.Join(reg, ", ") + ")", rank: 2})
	}
	if len(consts) > 0 {
		var cs []string
		for _, n := range consts {
			cs = append(cs, fmt.Sprintf("%q, %s", n, n))
		}
		es = append(es, edit{start: s1, end: s1, text: "\nstandalone.Consts(" + strings.Join(cs, ", ") + ")", rank: 2})
	}
	return es
}

// definedNames are the variables and constants a top-level statement
// defines.
func definedNames(st ast.Stmt) (vars, consts []string) {
	switch s := st.(type) {
	case *ast.AssignStmt:
		if s.Tok == token.DEFINE {
			for _, l := range s.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
					vars = append(vars, id.Name)
				}
			}
		}
	case *ast.DeclStmt:
		return genDeclNames(s.Decl)
	}
	return vars, consts
}

func genDeclNames(d ast.Decl) (vars, consts []string) {
	g, ok := d.(*ast.GenDecl)
	if !ok {
		return nil, nil
	}
	for _, sp := range g.Specs {
		vs, ok := sp.(*ast.ValueSpec)
		if !ok {
			continue
		}
		for _, id := range vs.Names {
			if id.Name == "_" {
				continue
			}
			if g.Tok == token.CONST {
				consts = append(consts, id.Name)
			} else {
				vars = append(vars, id.Name)
			}
		}
	}
	return vars, consts
}

// topVars are the variables a cell defines at top level, in order, each
// once.
func (e *exporter) topVars(xc *xcell) []string {
	var out []string
	seen := map[string]bool{}
	add := func(ns []string) {
		for _, n := range ns {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	for _, g := range xc.groups {
		if g.body != nil {
			for _, st := range g.body.List {
				v, _ := definedNames(st)
				add(v)
			}
		} else {
			for _, d := range g.file.Decls {
				v, _ := genDeclNames(d)
				add(v)
			}
		}
	}
	return out
}

// topNames are a cell's top-level variables and constants.
func (e *exporter) topNames(xc *xcell) []string {
	out := e.topVars(xc)
	for _, g := range xc.groups {
		if g.body != nil {
			for _, st := range g.body.List {
				_, c := definedNames(st)
				out = append(out, c...)
			}
		} else {
			for _, d := range g.file.Decls {
				_, c := genDeclNames(d)
				out = append(out, c...)
			}
		}
	}
	return out
}

// declGroup writes a cell's declarations that stay in main: variables and
// constants as statements, functions as closures (declared first, so
// that the group's functions can call each other).
func (e *exporter) declGroup(b *strings.Builder, xc *xcell, g *xgroup) {
	edits := e.groupEdits(xc, g)
	var funcs []*ast.FuncDecl
	for _, d := range g.file.Decls {
		if f, ok := d.(*ast.FuncDecl); ok && !isPackageLevel(d) {
			funcs = append(funcs, f)
		}
	}
	// Functions that call themselves or each other are declared first;
	// the others are defined where they stand.
	recursive := map[string]bool{}
	for _, f := range funcs {
		for _, h := range funcs {
			if mentions(f.Body, h.Name.Name) {
				recursive[h.Name.Name] = true
			}
		}
	}
	for _, f := range funcs {
		if !recursive[f.Name.Name] {
			continue
		}
		e.openFor(b, f.Name.Name)
		e.doc(b, xc, g, f)
		sig := xc.code[g.off(f.Type.Params.Pos()):g.off(f.Type.End())]
		fmt.Fprintf(b, "var %s func%s\n", f.Name.Name, sig)
	}
	for _, d := range g.file.Decls {
		if isPackageLevel(d) {
			continue
		}
		switch d := d.(type) {
		case *ast.FuncDecl:
			body := e.text(xc, g.off(d.Type.Params.Pos()), g.off(d.Body.End()), edits)
			if recursive[d.Name.Name] {
				fmt.Fprintf(b, "%s = func%s\n_ = %s\n", d.Name.Name, body, d.Name.Name)
				continue
			}
			e.openFor(b, d.Name.Name)
			e.doc(b, xc, g, d)
			fmt.Fprintf(b, "%s := func%s\n", d.Name.Name, body)
		case *ast.GenDecl:
			from, to := declStart(g, d), g.off(d.End())
			vars, consts := genDeclNames(d)
			es := e.define(from, to, vars, consts)
			b.WriteString(e.text(xc, from, to, append(inRange(edits, from, to), es...)))
			b.WriteString("\n")
		}
	}
}

// openFor opens a new block in main when name is defined in its
// innermost block, and defines it.
func (e *exporter) openFor(b *strings.Builder, name string) {
	if e.gen.scope[name] {
		b.WriteString("{\n")
		e.gen.scope = map[string]bool{}
		e.gen.depth++
	}
	e.gen.scope[name] = true
}

// doc writes a function's doc comment.
func (e *exporter) doc(b *strings.Builder, xc *xcell, g *xgroup, f *ast.FuncDecl) {
	if f.Doc != nil {
		b.WriteString(e.text(xc, g.off(f.Doc.Pos()), g.off(f.Doc.End()), nil) + "\n")
	}
}

// inRange are the edits inside [from, to].
func inRange(es []edit, from, to int) []edit {
	var out []edit
	for _, e := range es {
		if e.start >= from && e.end <= to {
			out = append(out, e)
		}
	}
	return out
}

// groupEdits are the rewrites inside a group: model-string locals (as
// the kernel's cell rewrite inserts them, calling standalone), calls of
// prelude functions hidden by variables, Show, and the fixes of the type
// check.
func (e *exporter) groupEdits(xc *xcell, g *xgroup) []edit {
	var es []edit
	if g.file != nil {
		es = e.localsOf(xc, g, g.file)
	} else {
		for _, st := range g.body.List {
			es = append(es, e.localsOf(xc, g, st)...)
		}
	}
	var root ast.Node = g.body
	if g.file != nil {
		root = g.file
	}
	ast.Inspect(root, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		id, ok := c.Fun.(*ast.Ident)
		if !ok {
			return true
		}
		at := g.off(id.Pos())
		switch {
		case id.Name == "Show" && !e.declared["Show"]:
			es = append(es, edit{start: at, end: g.off(id.End()), text: "standalone.Show"})
		case xc.names.hides(id.Name):
			es = append(es, edit{start: at, end: at, text: "prelude.", rank: 1})
		}
		return true
	})
	for _, f := range e.fixes[xc.n] {
		if f.start >= g.start && f.end <= g.end {
			es = append(es, f)
		}
	}
	return es
}

// localsOf are the locals edits of the kernel's rewrite (locals.go) for
// n, calling package standalone instead of the session's helpers.
func (e *exporter) localsOf(xc *xcell, g *xgroup, n ast.Node) []edit {
	counter := 0
	rw := rewriter{code: xc.code, base: g.base, n: &counter}
	es := rw.localsEdits(n)
	for i := range es {
		es[i].text = strings.ReplaceAll(es[i].text, "__gonsim.", "standalone.")
	}
	return es
}

// text is cell text [from, to) with edits applied; when checking, each
// run of cell text starts with a line directive naming its position.
func (e *exporter) text(xc *xcell, from, to int, edits []edit) string {
	var b strings.Builder
	pos := from
	cellText := func(a, z int) {
		if z <= a {
			return
		}
		if e.gen.check {
			line, col := lineCol(xc.code, a)
			fmt.Fprintf(&b, "/*line cell%d:%d:%d*/", xc.n, line, col)
		}
		b.WriteString(xc.code[a:z])
	}
	for _, ed := range sortEdits(inRange(edits, from, to)) {
		cellText(pos, ed.start)
		if e.gen.check {
			b.WriteString("/*line generated:1:1*/")
		}
		b.WriteString(ed.text)
		pos = max(pos, ed.end)
	}
	cellText(pos, to)
	return b.String()
}

// unitDecl is a Brian2 unit as a Go variable: its units type ("" for a
// units.Quantity) and value.
type unitDecl struct {
	name, typ string
	scale     float64
}

// unitTypes are the unit variables the kernel defines (unitValues).
func unitTypes() []unitDecl {
	var out []unitDecl
	for name, v := range unitValues() {
		u := unitDecl{name: name}
		if v.Kind() == reflect.Float64 && v.Type().PkgPath() == "gonsim/nsim/units" {
			u.typ, u.scale = v.Type().Name(), v.Float()
		}
		out = append(out, u)
	}
	return out
}

// autoImports are the packages cells use without an import, by name
// (yaegi's ImportUsed): the standard library's and the project's, where
// the name is unambiguous.
func autoImports() map[string]string {
	count := map[string]int{}
	out := map[string]string{}
	add := func(key string) {
		dir, name := path.Dir(key), path.Base(key)
		if dir == helperPath || strings.Contains(dir, "internal") {
			return
		}
		count[name]++
		out[name] = dir
	}
	for k := range stdlib.Symbols {
		add(k)
	}
	for k := range Symbols {
		add(k)
	}
	for n, c := range count {
		if c > 1 {
			delete(out, n)
		}
	}
	return out
}

// afterComment is the end of a line comment that follows offset off on
// its line (the registration of a variable goes after the comment), or
// off.
func afterComment(code string, off int) int {
	rest := code[off:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	if t := strings.TrimLeft(rest, " \t"); strings.HasPrefix(t, "//") {
		return off + len(rest)
	}
	return off
}
