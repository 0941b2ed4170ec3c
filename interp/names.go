package interp

import (
	"go/ast"
	"go/scanner"
	"go/token"
	"reflect"
	"strings"
	"sync"
)

// Rewrites for names that yaegi v0.16.1 gets wrong (see "Which Go" in
// doc.go):
//
//   - A cell variable named like a prelude function (P :=
//     PoissonGroup(…), I := 2*nA) hides the function, as in Go, but
//     Brian2 code names groups P and then calls the option P(0.1).
//     Such calls go through an alias of the prelude, so both work:
//     a call X(…) of a prelude function X becomes __gonsimPrelude.X(…)
//     when the cell or the notebook binds X to a variable that is not a
//     function (and nothing in the cell binds X to a function).
//   - In a cell's top-level statements yaegi binds a `:=` inside a
//     nested block to any visible variable of that name instead of
//     declaring a new one, so `for … { x := … }` overwrites the notebook's
//     x or the loop variable (and panics with "reflect.Set: value of type
//     int is not assignable …" when the types differ). A top-level
//     compound statement that declares variables runs inside a func
//     literal, where yaegi scopes them correctly (needsFunc).
//   - `m["a"], m["b"] = f()` (several results into map entries) is a
//     silent no-op in yaegi; the results go through temporaries.

// preludeAlias is the name under which the session imports the prelude
// a second time, for the calls of shadowed prelude functions.
const preludeAlias = "__gonsimPrelude"

// preludeFuncs are the functions of the prelude, the names a cell calls
// as options and constructors (computed on first use: Symbols is filled
// by init functions, after package variables).
var preludeFuncs = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for name, v := range Symbols[preludePath+"/prelude"] {
		if v.Kind() == reflect.Func && name != "SetNames" {
			out[name] = true
		}
	}
	return out
})

// cellNames is what the prelude-call rewrite knows of a cell: the
// prelude function names it binds to variables and to functions.
type cellNames struct {
	asVar, asFunc map[string]bool
	// shadowed reports a notebook global (from earlier cells) of that
	// name that is not a function; nil knows none.
	shadowed func(name string) bool
	// err is a form the rewrites refuse, found while rewriting.
	err error
}

// scanNames finds, by tokens, the prelude function names code binds:
// `X :=`, `X, y :=`, `var X`, `X = …` and parameters `(X T` declare
// variables; `func X(`,
// `X := func` functions. Scope does not matter: the alias is the
// prelude function itself, so calling it where X was not shadowed
// changes nothing.
func scanNames(code string, shadowed func(string) bool) *cellNames {
	cn := &cellNames{asVar: map[string]bool{}, asFunc: map[string]bool{}, shadowed: shadowed}
	var sc scanner.Scanner
	fs := token.NewFileSet()
	sc.Init(fs.AddFile("", -1, len(code)), []byte(code), func(token.Position, string) {}, 0)
	type tk struct {
		tok token.Token
		lit string
	}
	var toks []tk
	for {
		_, t, lit := sc.Scan()
		if t == token.EOF {
			break
		}
		toks = append(toks, tk{t, lit})
	}
	at := func(i int) token.Token {
		if i < 0 || i >= len(toks) {
			return token.EOF
		}
		return toks[i].tok
	}
	for i, t := range toks {
		if t.tok != token.IDENT || !preludeFuncs()[t.lit] {
			continue
		}
		switch {
		case at(i-1) == token.FUNC:
			cn.asFunc[t.lit] = true
		case at(i+1) == token.DEFINE && at(i+2) == token.FUNC:
			cn.asFunc[t.lit] = true
		case at(i-1) == token.VAR, at(i+1) == token.DEFINE, at(i+1) == token.ASSIGN,
			at(i+1) == token.COMMA && (at(i-1) == token.SEMICOLON || at(i-1) == token.EOF || at(i-1) == token.LBRACE):
			if at(i-1) != token.PERIOD {
				cn.asVar[t.lit] = true
			}
		case (at(i-1) == token.LPAREN || at(i-1) == token.COMMA) && typeStart(at(i+1)):
			cn.asVar[t.lit] = true // a parameter, `func f(P *nsim.PoissonGroup)`
		}
	}
	return cn
}

// typeStart reports a token that can begin a parameter's type.
func typeStart(t token.Token) bool {
	switch t {
	case token.IDENT, token.MUL, token.LBRACK, token.MAP, token.CHAN, token.FUNC, token.ELLIPSIS:
		return true
	}
	return false
}

// hides reports whether a call of name means the prelude function
// although a variable of that name is in sight.
func (cn *cellNames) hides(name string) bool {
	if cn == nil || !preludeFuncs()[name] || cn.asFunc[name] {
		return false
	}
	return cn.asVar[name] || cn.shadowed != nil && cn.shadowed(name)
}

// preludeCall rewrites a call of a shadowed prelude function to the
// alias.
func (r rewriter) preludeCall(c *ast.CallExpr) []edit {
	id, ok := c.Fun.(*ast.Ident)
	if !ok || !r.names.hides(id.Name) {
		return nil
	}
	// (after the locals helper inserted before a statement that starts
	// with the call)
	return []edit{{start: r.off(id.Pos()), end: r.off(id.Pos()), text: preludeAlias + ".", rank: 1}}
}

// intoEntries reports an assignment of several results of one
// expression (call, comma-ok) to destinations that are not all plain
// names: yaegi drops the results meant for map entries.
func intoEntries(a *ast.AssignStmt) bool {
	if a.Tok != token.ASSIGN || len(a.Lhs) < 2 || len(a.Rhs) != 1 {
		return false
	}
	for _, l := range a.Lhs {
		if _, ok := ast.Unparen(l).(*ast.Ident); !ok {
			return true
		}
	}
	return false
}

// entriesAssign rewrites `L1, L2 = X` (intoEntries) in a statement list
// into
//
//	{ __t1, __t2 := X; L1, L2 = __t1, __t2 }
//
// X stays where it is, so positions in it map back. (X is evaluated
// before the index operands on the left, where Go evaluates them first.)
func (r rewriter) entriesAssign(a *ast.AssignStmt, top bool) []edit {
	var ts []string
	for range a.Lhs {
		ts = append(ts, r.fresh("t"))
	}
	tl := strings.Join(ts, ", ")
	open, close := "{ ", " }"
	if top {
		// A := of several results in a top-level block leaves the
		// names undefined; inside a function it works.
		open, close = "{ func() { ", " }() }"
	}
	lhs := r.code[r.off(a.Lhs[0].Pos()):r.off(a.Lhs[len(a.Lhs)-1].End())]
	return []edit{
		{start: r.off(a.Pos()), end: r.off(a.Rhs[0].Pos()), text: open + tl + " := "},
		{start: r.off(a.End()), end: r.off(a.End()), text: "; " + lhs + " = " + tl + close, rank: 1},
	}
}

// entriesEdits rewrites the intoEntries assignments in n: n itself
// when it is a cell's top-level statement, and those in statement lists;
// one in a statement header (if, for, switch) is an error, recorded for
// prepareCell.
func (r rewriter) entriesEdits(n ast.Node) []edit {
	if a, ok := n.(*ast.AssignStmt); ok {
		if intoEntries(a) {
			return r.entriesAssign(a, true)
		}
		return nil
	}
	var es []edit
	inList := map[ast.Stmt]bool{}
	list := func(l []ast.Stmt) {
		for _, s := range l {
			inList[s] = true
		}
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt:
			list(n.List)
		case *ast.CaseClause:
			list(n.Body)
		case *ast.CommClause:
			list(n.Body)
		case *ast.LabeledStmt:
			inList[n.Stmt] = inList[n]
		case *ast.AssignStmt:
			if !intoEntries(n) {
				break
			}
			if inList[n] {
				es = append(es, r.entriesAssign(n, false)...)
			} else if r.names != nil && r.names.err == nil {
				line, col := lineCol(r.code, r.off(n.Pos()))
				r.names.err = &cellError{line, col, "several results assigned to map entries or fields in a statement header: assign them in a statement of their own"}
			}
		}
		return true
	})
	return es
}

// declaresLocals reports a top-level compound statement that declares
// variables outside func literals, or assigns several results to map
// entries (rewritten with a declaration): yaegi would bind them to
// visible variables of the same name.
func declaresLocals(st ast.Stmt) bool {
	found := false
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			found = found || n.Tok == token.DEFINE || intoEntries(n)
		case *ast.DeclStmt, *ast.TypeSwitchStmt:
			found = true
		case *ast.RangeStmt:
			found = found || n.Tok == token.DEFINE
		}
		return !found
	})
	return found
}

// shadowsPrelude reports a notebook variable named like a prelude
// function that is not itself a function (for prepareCell).
func (s *Session) shadowsPrelude(name string) bool {
	if !preludeFuncs()[name] {
		return false
	}
	v, ok := s.yi.Globals()[name]
	return ok && v.IsValid() && v.Kind() != reflect.Func
}
