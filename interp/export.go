package interp

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"sort"
	"strconv"
	"strings"
)

// Export turns a notebook's code cells into a standalone Go program: a
// main package that runs the cells in order with nsim, display and the
// prelude as libraries (package gonsim/interp/standalone wires them as the
// kernel does), so that `go build` compiles it without the interpreter
// and running it prints what the notebook prints. How cells become Go:
//
//   - Declarations of types, methods and generic functions go to package
//     level; other functions become closures in main (they see the
//     notebook's variables, which are main's locals); the cells'
//     statements run in main, in order.
//   - A cell that redefines a variable (x := … again) opens a new block
//     in main, so the new x shadows the old one; functions defined before
//     keep the old x, as in the kernel.
//   - Unused variables get `_ = x`, unused imports are dropped, the
//     packages cells use without importing (fmt, math, nsim, …) are
//     imported, and Brian2's unit names become package variables.
//   - A top-level call whose only result is an error is checked (the
//     program ends with it, as the cell would); a cell's trailing
//     expression is shown; figures are written to files at the end of
//     each cell; names in model strings resolve as in the kernel.
//   - The variables of a cell tagged "parameters" can be set with -p
//     NAME=VALUE; those of a cell tagged "results" are written by
//     -results FILE.
//
// The program is type-checked with go/types against the packages of the
// gonsim module in opt.Module (export data from `go list -export`, so the
// go command must be on PATH); a cell that does not compile is an
// *ExportError naming the cell and line.
func Export(cells []ExportCell, opt ExportOptions) (*Exported, error) {
	e, err := newExporter(cells, opt.Notebook)
	if err != nil {
		return nil, err
	}
	imp, err := moduleImporter(opt.Module, e.importPaths())
	if err != nil {
		return nil, err
	}
	// First pass: what needs types (error results, unused variables and
	// imports); second pass: the fixed program, checked again.
	if err := e.check(imp, true); err != nil {
		return nil, err
	}
	if err := e.check(imp, false); err != nil {
		return nil, fmt.Errorf("export: the program generated for %s does not compile (a bug of the exporter): %w", opt.Notebook, err)
	}
	src, err := format.Source([]byte(e.generate(false)))
	if err != nil {
		return nil, fmt.Errorf("export: formatting the program: %w", err)
	}
	var params []string
	for _, xc := range e.cells {
		if xc.params {
			params = append(params, e.topVars(xc)...)
		}
	}
	return &Exported{Source: src, Warnings: e.warnings, Params: params}, nil
}

// ExportCell is a code cell of a notebook.
type ExportCell struct {
	Source string
	Tags   []string // the cell's metadata tags: "parameters", "results"
}

// ExportOptions say what Export exports and against which module.
type ExportOptions struct {
	Notebook string // the notebook's file name, for messages and -help
	Module   string // directory of the gonsim module (its go.mod)
}

// Exported is a notebook as a program.
type Exported struct {
	Source   []byte   // main.go, gofmt'ed
	Warnings []string // cells that only make sense in a notebook
	Params   []string // the variables of the cells tagged "parameters"
}

// ExportError is a cell that does not compile as Go.
type ExportError struct {
	Notebook  string
	Cell      int // the code cell, from 1
	Line, Col int // in the cell, from 1
	Msg       string
	More      []string // further errors, formatted
}

func (e *ExportError) Error() string {
	s := fmt.Sprintf("%s: code cell %d, line %d:%d: %s", e.Notebook, e.Cell, e.Line, e.Col, e.Msg)
	for _, m := range e.More {
		s += "\n" + m
	}
	return s
}

// Tags of cells with a meaning for the export, as papermill's.
const (
	ParametersTag = "parameters"
	ResultsTag    = "results"
)

const standalonePath = "gonsim/interp/standalone"

// xcell is a cell cut into groups of statements and declarations.
type xcell struct {
	n              int // code cell number, from 1
	code           string
	groups         []xgroup
	params, result bool
	names          *cellNames // prelude names the cell binds (names.go)
}

// xgroup is a run of consecutive declaration or statement items, from the
// end of the previous group (so comments between items stay).
type xgroup struct {
	kind       chunkKind
	start, end int
	base       int // cell offset = base + int(pos) - 1
	file       *ast.File
	body       *ast.BlockStmt
}

type exporter struct {
	notebook string
	cells    []*xcell
	imports  map[string]string // path → name ("" for the default)
	units    []string          // unit names the cells mention
	declared map[string]bool   // names the cells bind (a user Show hides ours)
	warnings []string
	// preludeNamed: the program imports the prelude by name too.
	preludeNamed bool
	// unusedImport: imports the first type check found unused.
	unusedImport map[string]bool
	// fixes from the first type check, by cell: insertions, and how to
	// wrap top-level calls (by "start-end" offsets).
	fixes map[int][]edit
	wraps map[int]map[string]string
	// pkgRanges are the cell text of package-level declarations.
	pkgRanges []cellRange
	// state of one generate pass
	gen genState
}

type cellRange struct{ cell, from, to int }

type genState struct {
	check    bool
	scope    map[string]bool // names defined in main's innermost block
	depth    int             // blocks opened in main
	topCalls []topCall       // top-level call statements, for the fixes
}

// topCall is a top-level call statement of a cell.
type topCall struct {
	cell       int
	start, end int
	trailing   bool
}

func newExporter(cells []ExportCell, notebook string) (*exporter, error) {
	e := &exporter{notebook: notebook, imports: map[string]string{}, declared: map[string]bool{},
		fixes: map[int][]edit{}, wraps: map[int]map[string]string{}, unusedImport: map[string]bool{}}
	globals := map[string]bool{} // notebook variables named like prelude functions
	for i, c := range cells {
		xc := &xcell{n: i + 1, code: c.Source}
		for _, t := range c.Tags {
			xc.params = xc.params || t == ParametersTag
			xc.result = xc.result || t == ResultsTag
		}
		if err := e.parseCell(xc, globals); err != nil {
			return nil, err
		}
		e.cells = append(e.cells, xc)
	}
	e.scan()
	return e, nil
}

// parseCell cuts a cell into groups and collects its imports.
func (e *exporter) parseCell(xc *xcell, globals map[string]bool) error {
	items, err := splitCell(xc.code)
	if err != nil {
		return e.cellErr(xc.n, err)
	}
	seen := func(name string) bool { return globals[name] }
	xc.names = scanNames(xc.code, seen)
	for n := range xc.names.asVar {
		globals[n] = true
	}
	prev := 0
	for _, it := range items {
		if it.kind == importChunk {
			f, err := parseDecls(xc.code, it)
			if err != nil {
				return e.cellErr(xc.n, err)
			}
			for _, im := range f.Imports {
				p, _ := strconv.Unquote(im.Path.Value)
				name := ""
				if im.Name != nil {
					name = im.Name.Name
				}
				e.imports[p] = name
			}
			prev = it.end
			continue
		}
		end := it.end
		if it.kind == stmtChunk {
			end = afterComment(xc.code, end) // a statement's line comment stays with it
		}
		if k := len(xc.groups); k > 0 && xc.groups[k-1].kind == it.kind && xc.groups[k-1].end == prev {
			xc.groups[k-1].end = end
		} else {
			xc.groups = append(xc.groups, xgroup{kind: it.kind, start: prev, end: end})
		}
		prev = end
	}
	if k := len(xc.groups); k > 0 {
		xc.groups[k-1].end = len(xc.code) // trailing comments
	}
	for i := range xc.groups {
		g := &xc.groups[i]
		it := item{kind: g.kind, start: g.start, end: g.end}
		if g.kind == declChunk {
			f, err := parseDecls(xc.code, it)
			if err != nil {
				return e.cellErr(xc.n, err)
			}
			g.file, g.base = f, g.start-len(declWrapper)
		} else {
			b, err := parseStmts(xc.code, it)
			if err != nil {
				return e.cellErr(xc.n, err)
			}
			g.body, g.base = b, g.start-len(stmtWrapper)
		}
	}
	return nil
}

func (e *exporter) cellErr(cell int, err error) error {
	if ce, ok := err.(*cellError); ok {
		return &ExportError{Notebook: e.notebook, Cell: cell, Line: ce.Line, Col: ce.Col, Msg: ce.Msg}
	}
	return fmt.Errorf("%s: code cell %d: %w", e.notebook, cell, err)
}

// off is the cell offset of a node's position in group g.
func (g *xgroup) off(p token.Pos) int { return g.base + int(p) - 1 }

// scan finds what the program needs around the cells: the packages used
// without an import, the unit names, the names the cells declare, and the
// notebook-only calls to warn about.
func (e *exporter) scan() {
	auto := autoImports()
	unitNames := map[string]bool{}
	for _, u := range unitTypes() {
		unitNames[u.name] = true
	}
	usedUnits := map[string]bool{}
	for _, xc := range e.cells {
		for gi := range xc.groups {
			g := &xc.groups[gi]
			var root ast.Node = g.body
			if g.file != nil {
				root = g.file
			}
			ast.Inspect(root, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.SelectorExpr:
					if id, ok := n.X.(*ast.Ident); ok {
						if p, ok := auto[id.Name]; ok && !e.hasImportNamed(id.Name) {
							if p == preludePath {
								e.preludeNamed = true
							} else {
								e.imports[p] = ""
							}
						}
					}
				case *ast.Ident:
					if unitNames[n.Name] {
						usedUnits[n.Name] = true
					}
				case *ast.FuncDecl:
					e.declared[n.Name.Name] = true
				case *ast.CallExpr:
					e.warn(xc, g, n)
					if id, ok := n.Fun.(*ast.Ident); ok && xc.names.hides(id.Name) {
						e.preludeNamed = true
					}
				}
				return true
			})
		}
		for n := range xc.names.asVar {
			e.declared[n] = true
		}
	}
	for n := range usedUnits {
		e.units = append(e.units, n)
	}
	sort.Strings(e.units)
	delete(e.imports, preludePath)
}

// hasImportNamed reports an explicit import that binds name.
func (e *exporter) hasImportNamed(name string) bool {
	for p, n := range e.imports {
		if n == name || n == "" && pathBase(p) == name {
			return true
		}
	}
	return false
}

func pathBase(p string) string { return p[strings.LastIndex(p, "/")+1:] }

// notebookOnly are calls that only make sense in a notebook, with what
// they do in the program.
var notebookOnly = map[string]string{
	"fmt.Scan":            "reads the program's standard input (in a notebook it asks the user)",
	"fmt.Scanln":          "reads the program's standard input (in a notebook it asks the user)",
	"fmt.Scanf":           "reads the program's standard input (in a notebook it asks the user)",
	"bufio.NewReader":     "reads the program's standard input when given os.Stdin (in a notebook it asks the user)",
	"bufio.NewScanner":    "reads the program's standard input when given os.Stdin (in a notebook it asks the user)",
	"Clear":               "clears the cell's output in a notebook; no effect in the program",
	"display.Clear":       "clears the cell's output in a notebook; no effect in the program",
	"InlineFormat":        "chooses how figures show in a notebook; no effect in the program",
	"figure.InlineFormat": "chooses how figures show in a notebook; no effect in the program",
}

func (e *exporter) warn(xc *xcell, g *xgroup, c *ast.CallExpr) {
	name := ""
	switch f := c.Fun.(type) {
	case *ast.Ident:
		name = f.Name
	case *ast.SelectorExpr:
		if id, ok := f.X.(*ast.Ident); ok {
			name = id.Name + "." + f.Sel.Name
		}
	}
	what, ok := notebookOnly[name]
	if !ok || e.declared[name] {
		return
	}
	if strings.HasPrefix(name, "bufio.") && !mentions(c, "Stdin") {
		return
	}
	line, col := lineCol(xc.code, g.off(c.Pos()))
	e.warnings = append(e.warnings, fmt.Sprintf("%s: code cell %d, line %d:%d: %s %s", e.notebook, xc.n, line, col, name, what))
}

func mentions(n ast.Node, name string) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}
