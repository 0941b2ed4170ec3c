package interp

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strings"
)

// unitCheck is one cell type-checked with go/types as one Go file: its
// imports, its declarations, and its top-level statements as the body
// of one function (cellFunc), in the notebook's package together with
// the earlier cells' declarations (unitEnv) and the prelude.
type unitCheck struct {
	env  *unitEnv
	code string
	fset *token.FileSet
	cell *ast.File
	segs []textSeg // cell file offsets → cell offsets
	pkg  *types.Package
	info *types.Info
	errs []types.Error
}

// textSeg says that cell file bytes [at, at+n) are cell bytes [orig, orig+n).
type textSeg struct{ at, orig, n int }

const (
	cellFunc   = "__gonsimCell"
	asPrefix   = "__gonsimAs"
	unitsAlias = "__gonsimU"
	mathAlias  = "__gonsimMath"
	qopsAlias  = "__gonsimQ"
	qopsPath   = "gonsim/interp/internal/qops"
)

// baseDecls are declared in every check: the session's helpers that
// cells call, and the typed identity functions that stand for rewritten
// expressions when a cell is checked again (units.go).
func (e *unitEnv) baseDecls() string {
	var b strings.Builder
	fmt.Fprintf(&b, "package main\nimport %s %q\nfunc Show(v any)\n", unitsAlias, unitsPath)
	fmt.Fprintf(&b, "func %sF(...any) float64\nfunc %sB(...any) bool\nfunc %sQ(...any) %s.Quantity\nfunc %sH(...any) %s.HalfQuantity\n",
		asPrefix, asPrefix, asPrefix, unitsAlias, asPrefix, unitsAlias)
	names := make([]string, 0, len(e.typed))
	for n := range e.typed {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "func %s_%s(...any) %s.%s\n", asPrefix, n, unitsAlias, n)
	}
	return b.String()
}

// newUnitCheck parses the cell's items into one file. imported are the
// imports earlier cells made (name → path).
func (e *unitEnv) newUnitCheck(code string, items []item, imported map[string]string) (*unitCheck, error) {
	if e.fset == nil {
		// one FileSet for the session: the base and notebook files are
		// parsed once (the latter again when a cell declares something)
		e.fset = token.NewFileSet()
	}
	a := &unitCheck{env: e, code: code, fset: e.fset}
	var b strings.Builder
	add := func(s string) { b.WriteString(s) }
	addCell := func(start, end int) {
		a.segs = append(a.segs, textSeg{b.Len(), start, end - start})
		b.WriteString(code[start:end])
	}
	add("package main\n")
	for _, it := range items {
		if it.kind == importChunk {
			addCell(it.start, it.end)
			add("\n")
		}
	}
	importsAt := b.Len()
	for _, it := range items {
		if it.kind == declChunk {
			addCell(it.start, it.end)
			add("\n")
		}
	}
	add("func " + cellFunc + "() {\n")
	for _, it := range items {
		if it.kind != importChunk && it.kind != declChunk {
			addCell(it.start, it.end)
			add(";\n")
		}
	}
	add("}\n")
	text := b.String()
	// Packages the cell uses without importing them go in after its own
	// imports (shifting what follows, so the segments after move too).
	f, err := parser.ParseFile(token.NewFileSet(), "", text, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	extra := e.autoImports(f, imported)
	if extra != "" {
		text = text[:importsAt] + extra + text[importsAt:]
		for i := range a.segs {
			if a.segs[i].at >= importsAt {
				a.segs[i].at += len(extra)
			}
		}
	}
	a.cell, err = parser.ParseFile(a.fset, "cell", text, parser.SkipObjectResolution)
	return a, err
}

// autoImports writes imports for the package names f uses as X.Sel
// that it neither imports nor declares.
func (e *unitEnv) autoImports(f *ast.File, imported map[string]string) string {
	have := map[string]bool{}
	for _, s := range f.Imports {
		if s.Name != nil {
			have[s.Name.Name] = true
		} else {
			p := strings.Trim(s.Path.Value, `"`)
			have[p[strings.LastIndex(p, "/")+1:]] = true
		}
	}
	for n := range topLevelNames(f) {
		have[n] = true
	}
	var b strings.Builder
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok || have[id.Name] {
			return true
		}
		p, ok := imported[id.Name]
		if !ok {
			p, ok = e.auto[id.Name]
		}
		if ok && (e.decls[id.Name] == "") {
			have[id.Name] = true
			fmt.Fprintf(&b, "import %s %q\n", id.Name, p)
		}
		return true
	})
	return b.String()
}

// topLevelNames are the package-level names f declares.
func topLevelNames(f *ast.File) map[string]bool {
	names := map[string]bool{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names[d.Name.Name] = true
			} else if len(d.Recv.List) > 0 {
				names[recvName(d.Recv.List[0].Type)+"."+d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names[s.Name.Name] = true
				case *ast.ValueSpec:
					for _, id := range s.Names {
						names[id.Name] = true
					}
				}
			}
		}
	}
	return names
}

// check runs go/types on the cell (again after a rewrite of its
// definitions). Errors are collected, not fatal: yaegi, not go/types,
// decides what runs; the unit pass reads types where it needs them.
func (a *unitCheck) check() {
	e := a.env
	if e.base == nil {
		e.base, _ = parser.ParseFile(a.fset, "base", e.baseDecls(), parser.SkipObjectResolution)
	}
	base := e.base
	declared := topLevelNames(a.cell)
	env := e.envFile(a.fset, declared)
	for n := range topLevelNames(env) {
		declared[n] = true
	}
	for n := range topLevelNames(base) {
		declared[n] = true
	}
	a.pkg = types.NewPackage("main", "main")
	// The prelude is dot-imported into the session, and its lowercase
	// unit names are not exported: its objects are declared in the
	// package scope instead (those the cell names, unless it or an
	// earlier cell declares the name itself).
	prelude := e.rt.complete(preludePath)
	used := map[string]bool{}
	ast.Inspect(a.cell, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			used[id.Name] = true
		}
		return true
	})
	for n := range used {
		if obj := prelude.Scope().Lookup(n); obj != nil && !declared[n] {
			a.pkg.Scope().Insert(obj)
		}
	}
	a.info = &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{},
		Defs:  map[*ast.Ident]types.Object{},
		Uses:  map[*ast.Ident]types.Object{},
	}
	a.errs = a.errs[:0]
	conf := types.Config{
		Importer:                 e.rt,
		GoVersion:                "go1.22",
		DisableUnusedImportCheck: true,
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				a.errs = append(a.errs, te)
			}
		},
	}
	func() {
		// go/types does not panic on bad code, but a symbol table it
		// cannot make sense of must not end the cell.
		defer func() { recover() }()
		_ = types.NewChecker(&conf, a.fset, a.pkg, a.info).Files([]*ast.File{base, env, a.cell})
	}()
}

// off maps a position of the cell file to a cell offset (-1 outside the
// cell's text).
func (a *unitCheck) off(p token.Pos) int {
	f := a.fset.File(p)
	if f == nil || f.Name() != "cell" {
		return -1
	}
	o := f.Offset(p)
	i := sort.Search(len(a.segs), func(i int) bool { return a.segs[i].at > o }) - 1
	if i < 0 || o > a.segs[i].at+a.segs[i].n {
		return -1
	}
	return a.segs[i].orig + o - a.segs[i].at
}

// errorIn is the first go/types error inside [from, to).
func (a *unitCheck) errorIn(from, to token.Pos) (types.Error, bool) {
	for _, e := range a.errs {
		if e.Pos >= from && e.Pos < to && e.Fset == a.fset {
			return e, true
		}
	}
	return types.Error{}, false
}
