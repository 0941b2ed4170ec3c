// Package godoc extracts the signature and doc comment of every exported
// symbol of a Go package directory, for the notebook's inspect requests.
//
//	docs, _ := godoc.Load(filepath.Join(runtime.GOROOT(), "src", "strings"))
//	fmt.Println(docs["TrimSpace"]) // "func TrimSpace(s string) string\n\nTrimSpace returns ..."
package godoc

import (
	"bytes"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"strings"
)

// maxDeclLines bounds a printed declaration (big structs and const
// groups are cut).
const maxDeclLines = 40

// Load parses the non-test Go files of dir and returns, for each
// exported name ("Func", "Type", "Type.Method", "Var", "Const"), its
// declaration and doc comment separated by a blank line. The key "" is
// the package doc.
func Load(dir string) (map[string]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, e := range entries {
		n := e.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		if strings.HasSuffix(f.Name.Name, "_test") {
			continue
		}
		files = append(files, f)
	}
	out := map[string]string{}
	if len(files) == 0 {
		return out, nil
	}
	mode := doc.PreserveAST
	if files[0].Name.Name == "builtin" {
		mode |= doc.AllDecls
	}
	pkg, err := doc.NewFromFiles(fset, files, "p", mode)
	if err != nil {
		return nil, err
	}
	exported := token.IsExported
	if pkg.Name == "builtin" { // its lowercase names are the point
		exported = func(string) bool { return true }
	}
	out[""] = "package " + pkg.Name + "\n\n" + strings.TrimSpace(pkg.Doc)
	put := func(name string, decl ast.Node, text string) {
		out[name] = strings.TrimSpace(format(fset, decl) + "\n\n" + strings.TrimSpace(text))
	}
	values := func(vs []*doc.Value) {
		for _, v := range vs {
			for _, n := range v.Names {
				if exported(n) {
					put(n, v.Decl, v.Doc)
				}
			}
		}
	}
	funcs := func(prefix string, fs []*doc.Func) {
		for _, f := range fs {
			if exported(f.Name) {
				put(prefix+f.Name, f.Decl, f.Doc)
			}
		}
	}
	values(pkg.Consts)
	values(pkg.Vars)
	funcs("", pkg.Funcs)
	for _, t := range pkg.Types {
		if !exported(t.Name) {
			continue
		}
		put(t.Name, t.Decl, t.Doc)
		values(t.Consts)
		values(t.Vars)
		funcs("", t.Funcs)
		funcs(t.Name+".", t.Methods)
	}
	return out, nil
}

// format prints a declaration without function bodies.
func format(fset *token.FileSet, n ast.Node) string {
	if f, ok := n.(*ast.FuncDecl); ok {
		c := *f
		c.Body = nil
		c.Doc = nil
		n = &c
	}
	if g, ok := n.(*ast.GenDecl); ok {
		c := *g
		c.Doc = nil
		n = &c
	}
	var b bytes.Buffer
	if err := (&printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}).Fprint(&b, fset, n); err != nil {
		return ""
	}
	lines := strings.Split(b.String(), "\n")
	if len(lines) > maxDeclLines {
		lines = append(lines[:maxDeclLines], "\t... (cut)")
	}
	return strings.Join(lines, "\n")
}
