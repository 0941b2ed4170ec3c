package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// optionTable finds which option constructors each function of the
// packages accepts, for the inspect of a call (`NeuronGroup(` lists
// Threshold, Reset, …). nsim says it in code, not in docs: a function
// passes the names it accepts to applyOptions(fn, []string{…}, opts),
// and a constructor returns Option{"Name", …}. A function without such a
// call accepts what the functions it calls accept (prelude.NeuronGroup
// calls nsim.NewNeuronGroup; NewSpikeMonitor calls m.init).
type optionTable struct {
	optName map[string]string   // constructor → option name, per package path+"."+func
	allowed map[string][]string // path+"."+[Type.]Func → option names
}

func newOptionTable() *optionTable {
	return &optionTable{optName: map[string]string{}, allowed: map[string][]string{}}
}

// add reads the package in dir (import path path).
func (t *optionTable) add(path, dir string) error {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var files []*ast.File
	for _, e := range entries {
		n := e.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files = append(files, f)
	}
	lists := map[string][]string{} // package-level []string variables
	for _, f := range files {
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
				for _, s := range g.Specs {
					vs := s.(*ast.ValueSpec)
					for i, n := range vs.Names {
						if i < len(vs.Values) {
							if l, ok := stringList(vs.Values[i], nil); ok {
								lists[n.Name] = l
							}
						}
					}
				}
			}
		}
	}
	var later []func()
	for _, f := range files {
		imports := map[string]string{}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			name := p[strings.LastIndex(p, "/")+1:]
			if im.Name != nil {
				name = im.Name.Name
			}
			imports[name] = p
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			key := path + "." + funcKey(fd)
			if name, ok := returnedOption(fd); ok {
				t.optName[path+"."+fd.Name.Name] = name
			}
			if l, ok := applied(fd.Body, lists); ok {
				t.allowed[key] = l
				continue
			}
			if !takesOptions(fd) {
				continue
			}
			body := fd.Body
			later = append(later, func() {
				if l, ok := t.inherited(path, imports, body); ok {
					t.allowed[key] = l
				}
			})
		}
	}
	for _, f := range later {
		f()
	}
	return nil
}

// funcKey is Name or Type.Name for a method.
func funcKey(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	e := fd.Recv.List[0].Type
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name + "." + fd.Name.Name
	}
	return fd.Name.Name
}

// returnedOption gives the option name of a constructor whose body
// returns Option{"Name", …}.
func returnedOption(fd *ast.FuncDecl) (string, bool) {
	name, found := "", false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		cl, ok := n.(*ast.CompositeLit)
		if !ok || found {
			return !found
		}
		if id, ok := cl.Type.(*ast.Ident); ok && id.Name == "Option" && len(cl.Elts) > 0 {
			if lit, ok := cl.Elts[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				name, _ = strconv.Unquote(lit.Value)
				found = true
			}
		}
		return !found
	})
	return name, found
}

// applied gives the names of an applyOptions call in body.
func applied(body *ast.BlockStmt, lists map[string][]string) ([]string, bool) {
	var out []string
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "applyOptions" && len(c.Args) >= 2 {
			out, found = stringList(c.Args[1], lists)
		}
		return !found
	})
	return out, found
}

func stringList(e ast.Expr, lists map[string][]string) ([]string, bool) {
	if id, ok := e.(*ast.Ident); ok {
		l, ok := lists[id.Name]
		return l, ok
	}
	cl, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil, false
	}
	var out []string
	for _, el := range cl.Elts {
		lit, ok := el.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return nil, false
		}
		s, _ := strconv.Unquote(lit.Value)
		out = append(out, s)
	}
	return out, true
}

// takesOptions reports a function with a parameter of type ...Option.
func takesOptions(fd *ast.FuncDecl) bool {
	for _, p := range fd.Type.Params.List {
		if el, ok := p.Type.(*ast.Ellipsis); ok {
			switch t := el.Elt.(type) {
			case *ast.Ident:
				return t.Name == "Option"
			case *ast.SelectorExpr:
				return t.Sel.Name == "Option"
			}
		}
	}
	return false
}

// inherited gives the names accepted by the first function called in
// body that has them: pkg.Func of an imported package, Func of this
// package, or x.Method when one method of that name has them.
func (t *optionTable) inherited(path string, imports map[string]string, body *ast.BlockStmt) ([]string, bool) {
	var out []string
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		switch f := c.Fun.(type) {
		case *ast.Ident:
			out, found = t.allowed[path+"."+f.Name]
		case *ast.SelectorExpr:
			if x, ok := f.X.(*ast.Ident); ok {
				if p, ok := imports[x.Name]; ok {
					out, found = t.allowed[p+"."+f.Sel.Name]
					break
				}
			}
			var keys []string
			for k := range t.allowed {
				if strings.HasSuffix(k, "."+f.Sel.Name) && strings.Count(k[strings.LastIndex(k, "/")+1:], ".") == 2 {
					keys = append(keys, k)
				}
			}
			if len(keys) == 1 {
				out, found = t.allowed[keys[0]], true
			}
		}
		return !found
	})
	return out, found
}

// constructors maps each function that takes options to the
// constructors of the options it accepts, sorted.
func (t *optionTable) constructors() map[string][]string {
	out := map[string][]string{}
	for fn, names := range t.allowed {
		ok := map[string]bool{}
		for _, n := range names {
			ok[n] = true
		}
		var cs []string
		for c, n := range t.optName {
			// constructors of the function's own package or of nsim's
			if ok[n] {
				cs = append(cs, c[strings.LastIndex(c, ".")+1:])
			}
		}
		sort.Strings(cs)
		out[fn] = dedup(cs)
	}
	return out
}

func dedup(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
