package interp

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// The rewrites below turn forms that yaegi v0.16.1 rejects or runs
// wrongly into equivalent forms it runs. They are text edits on the cell
// (insertions and small replacements in source order) so that every
// position of the user's code maps back to the cell.

// rewriter carries the cell and a counter for fresh names.
type rewriter struct {
	code  string
	base  int // cell offset = base + int(pos) - 1
	n     *int
	isInt func(name string) bool // whether a notebook global is an integer
	names *cellNames             // prelude names the cell shadows (names.go)
}

func (r rewriter) off(p token.Pos) int { return min(max(r.base+int(p)-1, 0), len(r.code)) }
func (r rewriter) text(n ast.Node) string {
	return r.code[r.off(n.Pos()):r.off(n.End())]
}
func (r rewriter) fresh(prefix string) string {
	*r.n++
	return fmt.Sprintf("__%s%d", prefix, *r.n)
}

// commaOK rewrites the right-hand side of a top-level `v, ok := X` or
// `var v, ok = X`, which yaegi fails on with "nil type".
func (r rewriter) commaOK(x ast.Expr) []edit {
	switch e := ast.Unparen(x).(type) {
	case *ast.IndexExpr:
		// v, ok := m[k], func() bool { _, ok := m[k]; return ok }()
		ok := r.fresh("ok")
		return []edit{{start: r.off(x.End()), end: r.off(x.End()),
			text: fmt.Sprintf(", func() bool { _, %s := %s; return %s }()", ok, r.text(x), ok)}}
	case *ast.TypeAssertExpr:
		if e.Type == nil {
			return nil
		}
		// x, ok := func() (T, bool) { x, ok := e.(T); return x, ok }()
		v, ok := r.fresh("v"), r.fresh("ok")
		return []edit{
			{start: r.off(x.Pos()), end: r.off(x.Pos()), text: fmt.Sprintf("func() (%s, bool) { %s, %s := ", r.text(e.Type), v, ok)},
			{start: r.off(x.End()), end: r.off(x.End()), text: fmt.Sprintf("; return %s, %s }()", v, ok)},
		}
	}
	return nil
}

// isCommaOK reports a two-value assignment from an index, type assertion
// or receive.
func isCommaOK(lhs int, rhs []ast.Expr) bool {
	if lhs != 2 || len(rhs) != 1 {
		return false
	}
	switch e := ast.Unparen(rhs[0]).(type) {
	case *ast.IndexExpr, *ast.TypeAssertExpr:
		return true
	case *ast.UnaryExpr:
		return e.Op == token.ARROW
	}
	return false
}

// isMultiCall reports a definition of several variables from one call.
func isMultiCall(lhs int, rhs []ast.Expr) bool {
	if lhs < 2 || len(rhs) != 1 {
		return false
	}
	_, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
	return ok
}

// needsFunc reports whether a top-level compound statement contains,
// outside func literals, a form that only works inside a function body.
func needsFunc(st ast.Stmt) bool {
	found := declaresLocals(st) // names.go
	ast.Inspect(st, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			// `a, b := f()` in a block of a top-level statement: yaegi
			// leaves a and b undefined ("undefined: a") unless the block
			// is inside a function.
			if isCommaOK(len(n.Lhs), n.Rhs) || n.Tok == token.DEFINE && isMultiCall(len(n.Lhs), n.Rhs) {
				found = true
			}
		case *ast.ValueSpec:
			if isCommaOK(len(n.Names), n.Values) || isMultiCall(len(n.Names), n.Values) {
				found = true
			}
		case *ast.TypeSwitchStmt:
			found = true
		case *ast.ForStmt:
			// loop variables copied per iteration (loopVars, or the
			// user's own `i := i`) hang yaegi's top-level loops
			found = captures(n.Body) || shadows(n.Body)
		case *ast.RangeStmt:
			found = captures(n.Body) || shadows(n.Body)
		}
		return true
	})
	return found
}

// shadows reports a `x := x` statement directly in body.
func shadows(body *ast.BlockStmt) bool {
	for _, st := range body.List {
		a, ok := st.(*ast.AssignStmt)
		if !ok || a.Tok != token.DEFINE || len(a.Lhs) != len(a.Rhs) {
			continue
		}
		for i, l := range a.Lhs {
			li, ok1 := l.(*ast.Ident)
			ri, ok2 := a.Rhs[i].(*ast.Ident)
			if ok1 && ok2 && li.Name == ri.Name {
				return true
			}
		}
	}
	return false
}

// loopVars gives each iteration its own copy of the loop variables, as
// Go 1.22 does (yaegi shares one variable across iterations, so closures
// and goroutines started in a loop would all see the last value): it
// inserts `i := i` at the top of the body when the body can capture the
// variable (a func literal, go or defer). A variable the body assigns is
// left alone, since the copy would hide the assignment from the loop.
func (r rewriter) loopVars(body *ast.BlockStmt, vars ...ast.Expr) []edit {
	if !captures(body) {
		return nil
	}
	var names []string
	for _, v := range vars {
		id, ok := v.(*ast.Ident)
		if !ok || id.Name == "_" || assigns(body, id.Name) {
			continue
		}
		names = append(names, id.Name)
	}
	if len(names) == 0 {
		return nil
	}
	list := strings.Join(names, ", ")
	at := r.off(body.Lbrace) + 1
	return []edit{{start: at, end: at, text: " " + list + " := " + list + ";"}}
}

// captures reports whether body contains a func literal or a go or
// defer statement, the only ways an iteration's variable can outlive it.
func captures(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			found = true
		}
		return !found
	})
	return found
}

// assigns reports whether body assigns to (or takes the address of) name.
func assigns(body *ast.BlockStmt, name string) bool {
	found := false
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && id.Name == name
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, l := range n.Lhs {
					if is(l) {
						found = true
					}
				}
			}
		case *ast.IncDecStmt:
			if is(n.X) {
				found = true
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && is(n.X) {
				found = true
			}
		}
		return !found
	})
	return found
}

// stmtEdits rewrites one top-level statement.
func (r rewriter) stmtEdits(st ast.Stmt) []edit {
	var es []edit
	switch s := st.(type) {
	case *ast.AssignStmt:
		if s.Tok == token.DEFINE && isCommaOK(len(s.Lhs), s.Rhs) {
			es = append(es, r.commaOK(s.Rhs[0])...)
		}
	case *ast.DeclStmt:
		if g, ok := s.Decl.(*ast.GenDecl); ok {
			for _, sp := range g.Specs {
				if v, ok := sp.(*ast.ValueSpec); ok && isCommaOK(len(v.Names), v.Values) {
					es = append(es, r.commaOK(v.Values[0])...)
				}
			}
		}
	case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt,
		*ast.SelectStmt, *ast.BlockStmt, *ast.LabeledStmt:
		if needsFunc(st) {
			// Inside a block, so that yaegi does not re-run the call
			// on later cells.
			es = append(es,
				edit{start: r.off(st.Pos()), end: r.off(st.Pos()), text: "{ func() { ", rank: -1},
				edit{start: r.off(st.End()), end: r.off(st.End()), text: " }() }", rank: 2})
		}
	}
	return append(es, r.bodyEdits(st)...)
}

// builtins that cannot be used as values in `go f(x)`.
var builtins = map[string]bool{
	"append": true, "cap": true, "clear": true, "close": true, "complex": true, "copy": true,
	"delete": true, "imag": true, "len": true, "make": true, "max": true, "min": true, "new": true,
	"panic": true, "print": true, "println": true, "real": true, "recover": true,
}

// bodyEdits rewrites, anywhere in n: println and print (to stderr),
// go statements (a panic in the
// goroutine is recovered and reported instead of killing the kernel),
// `for i := range N` over integers, and float literals given to the
// min/max helpers.
func (r rewriter) bodyEdits(n ast.Node) []edit {
	var es []edit
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			es = append(es, r.goStmt(n)...)
		case *ast.RangeStmt:
			if ri := r.rangeInt(n); ri != nil {
				es = append(es, ri...)
				if n.Key != nil {
					es = append(es, r.loopVars(n.Body, n.Key)...)
				}
			} else if n.Tok == token.DEFINE {
				es = append(es, r.loopVars(n.Body, n.Key, n.Value)...)
			}
		case *ast.ForStmt:
			if init, ok := n.Init.(*ast.AssignStmt); ok && init.Tok == token.DEFINE {
				es = append(es, r.loopVars(n.Body, init.Lhs...)...)
			}
		case *ast.CallExpr:
			es = append(es, r.minMax(n)...)
			es = append(es, r.preludeCall(n)...)
			es = append(es, r.interactNames(n)...)
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "clear" && len(n.Args) == 1 {
				// yaegi lacks the clear builtin (Go 1.21); the session has a
				// reflect-based one.
				es = append(es, edit{start: r.off(id.Pos()), end: r.off(id.End()), text: clearHelper})
			}
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "println" {
				// yaegi's println writes to stdout; Go's to stderr.
				// (print is left alone: it has no newline and fmt would
				// add spaces.)
				es = append(es, edit{start: r.off(id.Pos()), end: r.off(id.End()), text: printHelper + strings.TrimPrefix(id.Name, "println")})
			}
		}
		return true
	})
	es = append(es, r.entriesEdits(n)...)
	return append(es, r.localsEdits(n)...)
}

// goStmt turns `go f(a, b)` into
//
//	{ g, a1, b1 := f, a, b; go func() { defer recoverer; g(a1, b1) }() }
//
// which evaluates f and the arguments in the go statement, as Go does.
func (r rewriter) goStmt(g *ast.GoStmt) []edit {
	call := g.Call
	id := r.fresh("g")
	fn, isBuiltin := ast.Unparen(call.Fun).(*ast.Ident)
	isBuiltin = isBuiltin && builtins[fn.Name]
	var names []string
	for i := range call.Args {
		names = append(names, fmt.Sprintf("%s_%d", id, i))
	}
	lhs := ""
	callee := id
	if isBuiltin {
		callee = fn.Name
	} else {
		lhs = id
	}
	for _, nm := range names {
		if lhs != "" {
			lhs += ", "
		}
		lhs += nm
	}
	args := ""
	for i, nm := range names {
		if i > 0 {
			args += ", "
		}
		args += nm
	}
	if call.Ellipsis.IsValid() {
		args += "..."
	}
	tail := fmt.Sprintf("go func() { defer func() { if r := recover(); r != nil { %s(r) } }(); %s(%s) }() }", goHelper, callee, args)
	if lhs == "" { // builtin without arguments
		return []edit{{start: r.off(g.Pos()), end: r.off(g.End()), text: "{ " + tail}}
	}
	var es []edit
	if isBuiltin {
		// `go println(a)`: the builtin goes in the closure.
		es = append(es, edit{start: r.off(g.Pos()), end: r.off(call.Args[0].Pos()), text: "{ " + lhs + " := "})
	} else {
		es = append(es, edit{start: r.off(g.Pos()), end: r.off(call.Fun.Pos()), text: "{ " + lhs + " := "})
		if len(call.Args) > 0 {
			es = append(es, edit{start: r.off(call.Fun.End()), end: r.off(call.Args[0].Pos()), text: ", "})
		}
	}
	last := call.Fun.End()
	if len(call.Args) > 0 {
		last = call.Args[len(call.Args)-1].End()
	}
	es = append(es, edit{start: r.off(last), end: r.off(g.End()), text: "; " + tail})
	return es
}

// rangeInt turns `for i := range N {...}` (N an integer) into
//
//	{ n := N; for i := n - n; i < n; i++ {...} }
//
// (i gets N's type, as in Go 1.22). N must be recognisably an integer:
// a literal, len/cap, an int conversion, arithmetic on those, or a
// notebook global of integer type.
func (r rewriter) rangeInt(rs *ast.RangeStmt) []edit {
	if rs.Value != nil || !r.intExpr(rs.X) {
		return nil
	}
	if rs.Key != nil && rs.Tok != token.DEFINE {
		return nil
	}
	n := r.fresh("n")
	key := r.fresh("i")
	if rs.Key != nil {
		if id, ok := rs.Key.(*ast.Ident); ok && id.Name != "_" {
			key = id.Name
		}
	}
	return []edit{
		{start: r.off(rs.For), end: r.off(rs.X.Pos()), text: "{ " + n + " := "},
		{start: r.off(rs.X.End()), end: r.off(rs.Body.Lbrace), text: fmt.Sprintf("; for %s := %s - %s; %s < %s; %s++ ", key, n, n, key, n, key)},
		{start: r.off(rs.Body.End()), end: r.off(rs.Body.End()), text: " }", rank: 1},
	}
}

func (r rewriter) intExpr(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return e.Kind == token.INT
	case *ast.CallExpr:
		if id, ok := e.Fun.(*ast.Ident); ok {
			switch id.Name {
			case "len", "cap", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr":
				return true
			}
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.SHL, token.SHR, token.AND, token.OR, token.XOR:
			return r.intExpr(e.X) && (e.Op == token.SHL || e.Op == token.SHR || r.intExpr(e.Y))
		}
	case *ast.UnaryExpr:
		return e.Op == token.SUB && r.intExpr(e.X)
	case *ast.Ident:
		return r.isInt != nil && r.isInt(e.Name)
	}
	return false
}

// minMax makes float literals given to min/max float64, because the
// helpers are generic functions and yaegi cannot infer a type parameter
// from untyped float constants.
func (r rewriter) minMax(c *ast.CallExpr) []edit {
	id, ok := c.Fun.(*ast.Ident)
	if !ok || id.Name != "min" && id.Name != "max" {
		return nil
	}
	hasFloat := false
	for _, a := range c.Args {
		if isLit(a, token.FLOAT) {
			hasFloat = true
		}
	}
	if !hasFloat {
		return nil
	}
	var es []edit
	for _, a := range c.Args {
		if isLit(a, token.FLOAT) || isLit(a, token.INT) {
			es = append(es,
				edit{start: r.off(a.Pos()), end: r.off(a.Pos()), text: "float64(", rank: -1},
				edit{start: r.off(a.End()), end: r.off(a.End()), text: ")", rank: 1})
		}
	}
	return es
}

func isLit(e ast.Expr, kind token.Token) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return e.Kind == kind
	case *ast.UnaryExpr:
		return (e.Op == token.SUB || e.Op == token.ADD) && isLit(e.X, kind)
	}
	return false
}
