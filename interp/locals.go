package interp

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"
	"sync"

	"gonsim/nsim"
)

// Model strings see the caller's Go locals, as Brian2's see the local
// variables of the calling Python frame: `func rate(tau Time) { G :=
// NeuronGroup(1, "dv/dt = -v/tau : 1"); Run(d) }` and a top-level
// `for _, tau := range taus { …; Run(d) }` read the tau in scope at the
// call. yaegi cannot list a frame's variables, so the cell rewrite does:
// before each statement that calls a function reading model strings
// (namesCall), it inserts
//
//	__gonsim.Locals([]string{"tau", "G"}, []interface{}{tau, G});
//
// with the local variables in scope there (Go's own scoping picks the
// innermost of shadowed ones), and each function body with such calls
// starts with `defer __gonsim.Frame()();`, so that a function's locals
// are not seen by the functions it calls and are gone when it returns.
// The values are taken at the statement, i.e. at the call: a Run reads
// the loop variable of the current iteration. (A closure over the
// variables would do, but yaegi gives a closure that compiled code calls
// the loop variable's last value, even with a per-iteration copy.) The
// Session mirrors these frames as nsim.PushResolver resolvers; at top
// level, outside blocks, names are globals, read by nsim's SetResolver.
// Insertions are whole statements placed before the user's statement,
// so positions in the user's code map back unchanged.

// Names of the session's locals helpers (package __gonsim, setup.go).
const (
	localsHelper = "__gonsim.Locals"
	frameHelper  = "__gonsim.Frame"
)

// namesFuncs are the prelude functions that check model strings (or
// build an object that does) or read notebook names; namesMethods the
// methods that do. Run* (runs re-read the names) counts for both.
// Matching by name is enough: wrapping a user function of the same name
// only costs a helper call (about 1 µs).
var (
	namesFuncs   = map[string]bool{"NeuronGroup": true, "Synapses": true, "PoissonGroup": true, "PoissonInput": true, "Connect": true, "Q": true}
	namesMethods = map[string]bool{"Set": true, "SetExpr": true, "Connect": true}
)

// namesCall reports a call that may resolve names of model strings.
func namesCall(c *ast.CallExpr) bool {
	switch f := ast.Unparen(c.Fun).(type) {
	case *ast.Ident:
		return namesFuncs[f.Name] || strings.HasPrefix(f.Name, "Run")
	case *ast.SelectorExpr:
		n := f.Sel.Name
		if namesMethods[n] || strings.HasPrefix(n, "Run") {
			return true
		}
		if pkg, ok := f.X.(*ast.Ident); ok {
			return pkg.Name == "nsim" && strings.HasPrefix(n, "New") || pkg.Name == "prelude" && namesFuncs[n]
		}
	}
	return false
}

// hasNamesCall reports a namesCall in the nodes, outside func literals
// (which get their own frame).
func hasNamesCall(nodes ...ast.Node) bool {
	found := false
	for _, n := range nodes {
		if n == nil {
			continue
		}
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if namesCall(n) {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// ownParts are the parts of st evaluated in st's own scope, outside its
// nested statement lists: a call there runs before st's blocks.
func ownParts(st ast.Stmt) []ast.Node {
	var out []ast.Node
	// (a nil Stmt or Expr field converts to a nil Node)
	add := func(ns ...ast.Node) {
		for _, n := range ns {
			if n != nil {
				out = append(out, n)
			}
		}
	}
	switch s := st.(type) {
	case *ast.IfStmt:
		add(s.Init, s.Cond)
	case *ast.ForStmt:
		add(s.Init, s.Cond, s.Post)
	case *ast.RangeStmt:
		add(s.X)
	case *ast.SwitchStmt:
		add(s.Init, s.Tag)
		for _, c := range s.Body.List {
			for _, e := range c.(*ast.CaseClause).List {
				add(e)
			}
		}
	case *ast.TypeSwitchStmt:
		add(s.Init, s.Assign)
	case *ast.SelectStmt:
		for _, c := range s.Body.List {
			add(c.(*ast.CommClause).Comm)
		}
	case *ast.LabeledStmt:
		return ownParts(s.Stmt)
	case *ast.BlockStmt:
	default:
		add(st)
	}
	return out
}

// direct reports a namesCall in st's own parts; for an if, also in the
// conditions of its else-if chain, which has no statement list of its
// own to take an insertion.
func direct(st ast.Stmt) bool {
	if hasNamesCall(ownParts(st)...) {
		return true
	}
	if s, ok := st.(*ast.IfStmt); ok {
		if e, ok := s.Else.(*ast.IfStmt); ok {
			return direct(e)
		}
	}
	return false
}

// localsWalk inserts the locals helpers while tracking the local
// variables in scope.
type localsWalk struct {
	r      rewriter
	scopes [][]string // names declared so far in each enclosing block
	inFunc bool       // inside a function body (else a cell's top-level block)
	es     []edit
}

// localsEdits rewrites n (a top-level statement or a file of
// declarations) for locals in model strings.
func (r rewriter) localsEdits(n ast.Node) []edit {
	w := &localsWalk{r: r}
	switch n := n.(type) {
	case *ast.File:
		for _, d := range n.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Body != nil {
					w.function(d.Recv, d.Type, d.Body)
				}
			case *ast.GenDecl:
				w.funcLits(d) // var f = func(tau Time) { … }
			}
		}
	case ast.Stmt:
		// Outside blocks, cell variables are globals and each
		// top-level statement starts without locals (Session.setAt).
		w.stmt(n, false)
	}
	return w.es
}

func (w *localsWalk) open()  { w.scopes = append(w.scopes, nil) }
func (w *localsWalk) close() { w.scopes = w.scopes[:len(w.scopes)-1] }

func (w *localsWalk) declare(ids ...*ast.Ident) {
	if len(w.scopes) == 0 {
		return // a top-level definition: a global
	}
	top := &w.scopes[len(w.scopes)-1]
	for _, id := range ids {
		if id != nil && id.Name != "_" {
			*top = append(*top, id.Name)
		}
	}
}

func (w *localsWalk) declareFields(fl *ast.FieldList) {
	if fl == nil {
		return
	}
	for _, f := range fl.List {
		w.declare(f.Names...)
	}
}

// function walks a func declaration or literal body: its parameters are
// locals, and a body with namesCalls gets its own frame.
func (w *localsWalk) function(recv *ast.FieldList, typ *ast.FuncType, body *ast.BlockStmt) {
	saved, savedIn := w.scopes, w.inFunc
	w.scopes = append(append([][]string(nil), saved...), nil) // a closure sees the enclosing locals
	w.inFunc = true
	w.declareFields(recv)
	w.declareFields(typ.Params)
	w.declareFields(typ.Results)
	if hasNamesCall(body) && len(body.List) > 0 {
		// At the first statement, which yaegi's panic trace names for
		// a failure anywhere in the function.
		at := w.r.off(body.List[0].Pos())
		w.es = append(w.es, edit{start: at, end: at, text: "defer " + frameHelper + "()(); "})
	}
	w.list(body.List)
	w.scopes, w.inFunc = saved, savedIn
}

// funcLits walks the func literals in n, outside nested ones.
func (w *localsWalk) funcLits(ns ...ast.Node) {
	for _, n := range ns {
		ast.Inspect(n, func(n ast.Node) bool {
			if fl, ok := n.(*ast.FuncLit); ok {
				w.function(nil, fl.Type, fl.Body)
				return false
			}
			return true
		})
	}
}

func (w *localsWalk) list(l []ast.Stmt) {
	for _, st := range l {
		w.stmt(st, true)
	}
}

func (w *localsWalk) block(b *ast.BlockStmt) {
	if b == nil {
		return
	}
	w.open()
	w.list(b.List)
	w.close()
}

// stmt walks st; inList says st is in a statement list (or at top
// level), where an insertion before it can go.
func (w *localsWalk) stmt(st ast.Stmt, inList bool) {
	if inList && (w.inFunc || len(w.scopes) > 0) && direct(st) {
		w.es = append(w.es, edit{start: w.r.off(st.Pos()), end: w.r.off(st.Pos()), text: w.localsCall()})
	}
	w.funcLits(ownParts(st)...)
	switch s := st.(type) {
	case *ast.LabeledStmt:
		w.stmt(s.Stmt, false)
	case *ast.BlockStmt:
		w.block(s)
	case *ast.IfStmt:
		w.open()
		w.defines(s.Init)
		w.block(s.Body)
		if s.Else != nil {
			w.stmt(s.Else, false)
		}
		w.close()
	case *ast.ForStmt:
		w.open()
		w.defines(s.Init)
		w.block(s.Body)
		w.close()
	case *ast.RangeStmt:
		w.open()
		if s.Tok == token.DEFINE {
			for _, e := range []ast.Expr{s.Key, s.Value} {
				if id, ok := e.(*ast.Ident); ok {
					w.declare(id)
				}
			}
		}
		w.block(s.Body)
		w.close()
	case *ast.SwitchStmt:
		w.open()
		w.defines(s.Init)
		for _, c := range s.Body.List {
			w.open()
			w.list(c.(*ast.CaseClause).Body)
			w.close()
		}
		w.close()
	case *ast.TypeSwitchStmt:
		w.open()
		w.defines(s.Init)
		var bound *ast.Ident
		if a, ok := s.Assign.(*ast.AssignStmt); ok && len(a.Lhs) == 1 {
			bound, _ = a.Lhs[0].(*ast.Ident)
		}
		for _, c := range s.Body.List {
			w.open()
			w.declare(bound)
			w.list(c.(*ast.CaseClause).Body)
			w.close()
		}
		w.close()
	case *ast.SelectStmt:
		for _, c := range s.Body.List {
			cc := c.(*ast.CommClause)
			w.open()
			w.defines(cc.Comm)
			w.list(cc.Body)
			w.close()
		}
	default:
		w.defines(st)
	}
}

// defines declares the variables a simple statement defines (after it:
// they are not in scope within their own statement).
func (w *localsWalk) defines(st ast.Stmt) {
	switch s := st.(type) {
	case *ast.AssignStmt:
		if s.Tok == token.DEFINE {
			for _, l := range s.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					w.declare(id)
				}
			}
		}
	case *ast.DeclStmt:
		if g, ok := s.Decl.(*ast.GenDecl); ok && (g.Tok == token.VAR || g.Tok == token.CONST) {
			for _, sp := range g.Specs {
				w.declare(sp.(*ast.ValueSpec).Names...)
			}
		}
	}
}

// localsCall is the statement that installs the locals in scope now.
func (w *localsWalk) localsCall() string {
	seen := map[string]bool{}
	var names []string
	for i := len(w.scopes) - 1; i >= 0; i-- {
		for _, n := range w.scopes[i] {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	if len(names) == 0 {
		return localsHelper + "(nil, nil); "
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = strconv.Quote(n)
	}
	return localsHelper + "([]string{" + strings.Join(quoted, ", ") + "}, []interface{}{" + strings.Join(names, ", ") + "}); "
}

// localFrames is the Session's side: one frame per running interpreted
// function that makes namesCalls, above the frame of the cell's top
// level, each holding the locals its latest namesCall installed. The
// innermost frame's locals are installed in nsim.
type localFrames struct {
	mu     sync.Mutex
	frames []*localFrame // frames[0] is the top level's
}

type localFrame struct {
	f   func(string) (any, bool)
	pop func() // removes f from nsim
}

func noop() {}

// enter starts a function's frame, without locals until it installs
// some (so that it does not see its caller's); the result ends it.
func (l *localFrames) enter() func() {
	fr := &localFrame{pop: nsim.PushResolver(nil)}
	l.mu.Lock()
	l.frames = append(l.frames, fr)
	l.mu.Unlock()
	return func() {
		l.mu.Lock()
		for i := len(l.frames) - 1; i > 0; i-- {
			if l.frames[i] == fr {
				l.frames = append(l.frames[:i], l.frames[i+1:]...)
				break
			}
		}
		l.mu.Unlock()
		fr.pop()
	}
}

// set installs the locals of the innermost frame (Locals helper):
// names[i] holds values[i].
func (l *localFrames) set(names []string, values []any) {
	var f func(string) (any, bool)
	if len(names) > 0 && len(names) == len(values) {
		f = func(name string) (any, bool) {
			if name == "" {
				return names, true
			}
			for i, n := range names {
				if n == name {
					return values[i], true
				}
			}
			return nil, false
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.frames) == 0 {
		l.frames = []*localFrame{{pop: noop}}
	}
	fr := l.frames[len(l.frames)-1]
	fr.pop()
	fr.f, fr.pop = f, noop
	if f != nil {
		fr.pop = nsim.PushResolver(f)
	}
}

// topLevel clears the top level's locals: a top-level statement starts
// without locals.
func (l *localFrames) topLevel() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.frames) > 0 && l.frames[0].f != nil {
		l.frames[0].pop()
		l.frames[0].f, l.frames[0].pop = nil, noop
	}
}

// reset drops every frame, between cells.
func (l *localFrames) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, fr := range l.frames {
		fr.pop()
	}
	l.frames = []*localFrame{{pop: noop}}
}

// lookup reads a local of the innermost frame.
func (l *localFrames) lookup(name string) (any, bool) {
	l.mu.Lock()
	var f func(string) (any, bool)
	if len(l.frames) > 0 {
		f = l.frames[len(l.frames)-1].f
	}
	l.mu.Unlock()
	if f == nil {
		return nil, false
	}
	return f(name)
}
