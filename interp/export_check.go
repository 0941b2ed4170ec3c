package interp

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"io"
	"os"
	osexec "os/exec"
	"strconv"
	"strings"
)

// moduleImporter type-checks against the packages of the gonsim module
// in dir, through their export data as `go list -export` builds them.
func moduleImporter(dir string, paths []string) (types.Importer, error) {
	if dir == "" {
		return nil, errors.New("export: no gonsim module directory given (its go.mod is needed to type-check the program)")
	}
	args := append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}, paths...)
	cmd := osexec.Command("go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("export: go list -export in %s: %v\n%s", dir, err, strings.TrimSpace(stderr.String()))
	}
	files := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if p, f, ok := strings.Cut(line, "\t"); ok && f != "" {
			files[p] = f
		}
	}
	return importer.ForCompiler(token.NewFileSet(), "gc", func(path string) (io.ReadCloser, error) {
		f, ok := files[path]
		if !ok {
			return nil, fmt.Errorf("package %s is not in the gonsim module or the standard library", path)
		}
		return os.Open(f)
	}), nil
}

// check generates the program and type-checks it. The first pass
// records the fixes that need types; the second must find nothing.
func (e *exporter) check(imp types.Importer, first bool) error {
	src := e.generate(true)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "main.go", src, parser.ParseComments)
	if err != nil {
		var l scanner.ErrorList
		if errors.As(err, &l) && len(l) > 0 {
			return e.posErr(l[0].Pos, l[0].Msg, nil)
		}
		return err
	}
	var hard, soft []types.Error
	conf := types.Config{Importer: imp, Error: func(err error) {
		if te, ok := err.(types.Error); ok {
			if te.Soft {
				soft = append(soft, te)
			} else {
				hard = append(hard, te)
			}
		}
	}}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{},
		Defs:  map[*ast.Ident]types.Object{},
		Uses:  map[*ast.Ident]types.Object{},
	}
	conf.Check("main", fset, []*ast.File{f}, info)
	if !first {
		hard = append(hard, soft...)
	}
	if len(hard) > 0 {
		var more []string
		for _, te := range hard[1:min(len(hard), 10)] {
			more = append(more, e.posErr(fset.Position(te.Pos), te.Msg, nil).Error())
		}
		return e.posErr(fset.Position(hard[0].Pos), hard[0].Msg, more)
	}
	if first {
		e.unusedVars(fset, f, info, soft)
		e.callWraps(fset, f, info)
		e.unusedImports(f, info)
	}
	return nil
}

// posErr is an error at a position of the checked program.
func (e *exporter) posErr(p token.Position, msg string, more []string) error {
	if cell, off := e.cellOffset(p); off >= 0 && strings.HasPrefix(msg, "undefined: ") {
		for _, r := range e.pkgRanges {
			if r.cell == cell && off >= r.from && off < r.to {
				msg += " (types, methods and generic functions are package-level in the program and cannot use the notebook's variables: pass them as arguments)"
			}
		}
	}
	n, ok := strings.CutPrefix(p.Filename, "cell")
	cell, err := strconv.Atoi(n)
	if !ok || err != nil {
		return fmt.Errorf("%s: in code the exporter generated: %s", e.notebook, msg)
	}
	return &ExportError{Notebook: e.notebook, Cell: cell, Line: p.Line, Col: p.Column, Msg: msg, More: more}
}

// cellOffset is the offset of a checked position in its cell, or -1.
func (e *exporter) cellOffset(p token.Position) (int, int) {
	n, ok := strings.CutPrefix(p.Filename, "cell")
	cell, err := strconv.Atoi(n)
	if !ok || err != nil || cell < 1 || cell > len(e.cells) {
		return 0, -1
	}
	code := e.cells[cell-1].code
	off := 0
	for l := 1; l < p.Line; l++ {
		i := strings.IndexByte(code[off:], '\n')
		if i < 0 {
			return 0, -1
		}
		off += i + 1
	}
	return cell, min(off+p.Column-1, len(code))
}

// unusedVars adds `_ = x` for each variable Go would reject as unused
// (yaegi accepts them): after its statement, or at the start of the body
// of the if, for or switch whose header declares it.
func (e *exporter) unusedVars(fset *token.FileSet, f *ast.File, info *types.Info, soft []types.Error) {
	for _, te := range soft {
		var id *ast.Ident
		for k := range info.Defs {
			if k.Pos() == te.Pos {
				id = k
			}
		}
		if id == nil {
			continue
		}
		path := pathTo(f, id.Pos())
		at, text := token.NoPos, ""
		for i := len(path) - 1; i > 0 && at == token.NoPos; i-- {
			st, ok := path[i].(ast.Stmt)
			if !ok {
				continue
			}
			switch p := path[i-1].(type) {
			case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
				at, text = st.End(), "; _ = "+id.Name
			case *ast.IfStmt:
				at, text = p.Body.Lbrace+1, " _ = "+id.Name+";"
			case *ast.ForStmt:
				at, text = p.Body.Lbrace+1, " _ = "+id.Name+";"
			case *ast.SwitchStmt:
				at, text = p.Body.Lbrace+1, " _ = "+id.Name+";"
			}
			if r, ok := st.(*ast.RangeStmt); ok {
				at, text = r.Body.Lbrace+1, " _ = "+id.Name+";"
			}
		}
		if cell, off := e.cellOffset(fset.Position(at)); at != token.NoPos && off >= 0 {
			e.fixes[cell] = append(e.fixes[cell], edit{start: off, end: off, text: text, rank: 4})
		}
	}
}

// pathTo is the chain of nodes from f down to the innermost one at pos.
func pathTo(f *ast.File, pos token.Pos) []ast.Node {
	var path []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil || pos < n.Pos() || pos >= n.End() {
			return false
		}
		path = append(path, n)
		return true
	})
	return path
}

// callWraps decides, for each top-level call statement, whether it is
// checked (its only result is an error) or shown (a trailing call with
// one result).
func (e *exporter) callWraps(fset *token.FileSet, f *ast.File, info *types.Info) {
	errType := types.Universe.Lookup("error").Type()
	byPos := map[string]types.Type{}
	for x, tv := range info.Types {
		if _, ok := x.(*ast.CallExpr); !ok {
			continue
		}
		c0, o0 := e.cellOffset(fset.Position(x.Pos()))
		_, o1 := e.cellOffset(fset.Position(x.End()))
		if o0 >= 0 {
			byPos[fmt.Sprint(c0, ":", o0, "-", o1)] = tv.Type
		}
	}
	for _, tc := range e.gen.topCalls {
		t, ok := byPos[fmt.Sprint(tc.cell, ":", tc.start, "-", tc.end)]
		if !ok {
			continue
		}
		if tu, ok := t.(*types.Tuple); ok {
			if tu.Len() != 1 {
				continue
			}
			t = tu.At(0).Type()
		}
		w := ""
		switch {
		case types.Identical(t, errType):
			w = "standalone.Check"
		case tc.trailing:
			w = "standalone.Value"
		default:
			continue
		}
		if e.wraps[tc.cell] == nil {
			e.wraps[tc.cell] = map[string]string{}
		}
		e.wraps[tc.cell][fmt.Sprint(tc.start, "-", tc.end)] = w
	}
}

// unusedImports records the imports no identifier uses.
func (e *exporter) unusedImports(f *ast.File, info *types.Info) {
	sels := map[*ast.Ident]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok {
			sels[s.Sel] = true
		}
		return true
	})
	used := map[string]bool{}
	for id, obj := range info.Uses {
		if pn, ok := obj.(*types.PkgName); ok {
			used[pn.Imported().Path()] = true
		} else if obj.Pkg() != nil && obj.Pkg().Path() == preludePath && obj.Parent() == obj.Pkg().Scope() && !sels[id] {
			used[". "+preludePath] = true
		}
	}
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		name, key := "", p
		if im.Name != nil {
			name = im.Name.Name
			if name == "." {
				key = ". " + p
			}
		}
		if !used[key] {
			e.unusedImport[name+" "+p] = true
		}
	}
}
