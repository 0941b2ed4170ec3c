package interp

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"path"
	"reflect"
	"sort"
	"strings"

	"gonsim/nsim/units"
)

// unitEnv is what the unit pass (units.go) knows of the notebook: the
// compiled packages as go/types packages (typesof.go), the prelude, and
// the top-level declarations of earlier cells, kept as Go declarations
// whose package names are aliases (__gonsimP0.Time), re-checked with
// every cell so that their types are those of the cell's check.
type unitEnv struct {
	rt      *reflectTypes
	auto    map[string]string // package name → path, for packages cells use without import
	typed   map[string]units.Dim
	decls   map[string]string // name ("T.m" for a method) → declaration
	aliases map[string]string // path → alias used in decls
	// parsed form of decls, rebuilt when they change
	file  *ast.File
	names []string // name of each of file.Decls (after the imports)
	fset  *token.FileSet
	base  *ast.File // baseDecls, parsed
}

func newUnitEnv(syms map[string]map[string]reflect.Value) *unitEnv {
	e := &unitEnv{rt: newReflectTypes(syms), auto: map[string]string{}, typed: map[string]units.Dim{},
		decls: map[string]string{}, aliases: map[string]string{}}
	count := map[string]int{}
	for p := range syms {
		count[path.Base(p)]++
	}
	for p := range syms {
		// yaegi's ImportUsed renames every package whose base name
		// collides (crypto/rand, math/rand): those need an import.
		if n := path.Base(p); count[n] == 1 && !strings.HasPrefix(p, helperPath) {
			e.auto[n] = p
		}
	}
	for name, v := range syms[unitsPath] {
		if v.Kind() != reflect.Pointer || !v.IsNil() || v.Type().Elem().Kind() != reflect.Float64 {
			continue
		}
		if q, ok := reflect.Zero(v.Type().Elem()).Interface().(units.Quantifier); ok {
			e.typed[name] = q.Q().Dim
		}
	}
	return e
}

const unitsPath = "gonsim/nsim/units"

// alias is the package name declarations use for path p.
func (e *unitEnv) alias(p string) string {
	if a, ok := e.aliases[p]; ok {
		return a
	}
	a := fmt.Sprintf("__gonsimP%d", len(e.aliases))
	e.aliases[p] = a
	return a
}

// qualifier writes types of pkg unqualified and others with an alias.
func (e *unitEnv) qualifier(pkg *types.Package) types.Qualifier {
	return func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return e.alias(p.Path())
	}
}

// envFile is the earlier cells' declarations without those the cell
// declares again.
func (e *unitEnv) envFile(fset *token.FileSet, redeclared map[string]bool) *ast.File {
	if e.file == nil {
		e.parse(fset)
	}
	f := *e.file
	f.Decls = nil
	for i, d := range e.file.Decls {
		if i == 0 {
			f.Decls = append(f.Decls, d) // the imports
			continue
		}
		n := e.names[i-1]
		if base, _, ok := strings.Cut(n, "."); !redeclared[n] && !(ok && redeclared[base]) {
			f.Decls = append(f.Decls, d)
		}
	}
	return &f
}

func (e *unitEnv) parse(fset *token.FileSet) {
	var b strings.Builder
	b.WriteString("package main\nimport (\n")
	paths := make([]string, 0, len(e.aliases))
	for p := range e.aliases {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		fmt.Fprintf(&b, "\t%s %q\n", e.aliases[p], p)
	}
	b.WriteString(")\n")
	e.names = e.names[:0]
	names := make([]string, 0, len(e.decls))
	for n := range e.decls {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		b.WriteString(e.decls[n])
		b.WriteString("\n")
	}
	f, err := parser.ParseFile(fset, "notebook", b.String(), parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != len(names)+1 {
		// A declaration that does not parse is dropped rather than
		// losing all of them.
		for _, n := range names {
			if _, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+e.decls[n], parser.SkipObjectResolution); err != nil {
				delete(e.decls, n)
			}
		}
		e.parse(fset)
		return
	}
	e.file, e.names = f, names
}

// record keeps the top-level declarations of a checked cell for the
// cells after it: package-level declarations and the variables its
// top-level statements define.
func (e *unitEnv) record(a *unitCheck) {
	pkg := a.pkg
	q := e.qualifier(pkg)
	set := func(name, decl string) {
		if strings.Contains(decl, "invalid type") || strings.HasPrefix(name, "_") {
			return
		}
		if e.decls[name] != decl {
			e.decls[name] = decl
			e.file = nil
		}
	}
	varDecl := func(id *ast.Ident) {
		if obj, ok := a.info.Defs[id].(*types.Var); ok && obj != nil {
			set(id.Name, "var "+id.Name+" "+types.TypeString(obj.Type(), q))
		}
	}
	for _, d := range a.cell.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Name.Name == cellFunc {
				for _, st := range d.Body.List {
					if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
						for _, l := range as.Lhs {
							if id, ok := l.(*ast.Ident); ok {
								varDecl(id)
							}
						}
					}
				}
				continue
			}
			fn, ok := a.info.Defs[d.Name].(*types.Func)
			if !ok || d.Type.TypeParams != nil {
				continue
			}
			sig := fn.Type().(*types.Signature)
			text := strings.TrimPrefix(types.TypeString(sig, q), "func")
			if r := sig.Recv(); r != nil {
				rt := types.TypeString(r.Type(), q)
				if strings.Contains(rt, "[") {
					continue
				}
				set(strings.TrimPrefix(rt, "*")+"."+d.Name.Name, "func (_ "+rt+") "+d.Name.Name+text)
				continue
			}
			set(d.Name.Name, "func "+d.Name.Name+text)
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					tn, ok := a.info.Defs[s.Name].(*types.TypeName)
					if !ok || s.TypeParams != nil {
						continue
					}
					if s.Assign.IsValid() {
						set(s.Name.Name, "type "+s.Name.Name+" = "+types.TypeString(tn.Type(), q))
					} else {
						set(s.Name.Name, "type "+s.Name.Name+" "+types.TypeString(tn.Type().Underlying(), q))
					}
				case *ast.ValueSpec:
					for _, id := range s.Names {
						if c, ok := a.info.Defs[id].(*types.Const); ok {
							set(id.Name, constDecl(c, q))
						} else {
							varDecl(id)
						}
					}
				}
			}
		}
	}
}

// constDecl writes a constant with its exact value.
func constDecl(c *types.Const, q types.Qualifier) string {
	v := c.Val().ExactString()
	if strings.Contains(v, "/") && !strings.Contains(v, ".") {
		v = strings.Replace(v, "/", ".0/", 1) // 1/3 is a float constant, not integer division
	}
	if b, ok := c.Type().(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		return "const " + c.Name() + " = " + v
	}
	return "const " + c.Name() + " " + types.TypeString(c.Type(), q) + " = " + v
}
