package nsim

import (
	"fmt"
	"strings"

	"gonsim/nsim/expr"
	"gonsim/nsim/rng"
	"gonsim/nsim/units"
)

// userScope resolves names that are not model variables, in this order:
// the object's Namespace option, the locals of the code calling nsim now
// (PushResolver), the locals of the code that created the object, and
// the resolver set with SetResolver (global names). Values are read when
// the model is checked, i.e. at construction and again at every run, so
// that changing tau between runs changes the next run.
//
// Brian2 reads only its caller's frame at run(), and fails for a group
// made in a function from that function's locals and run from outside.
// Here the creator's locals answer then, before the globals, as a Go
// closure would: a later global of the same name does not change a model
// built from a function's parameter.
func userScope(ns map[string]any) expr.Scope {
	u := userNames{ns: ns}
	if c, ok := ns[createdKey].(created); ok {
		u.ns, u.created = c.ns, c.locals
	}
	return u
}

// userNames is the Scope of userScope.
type userNames struct {
	ns      map[string]any
	created *localEntry // the locals where the object was created, or nil
}

// source is one place names come from.
type source struct {
	what  string // for messages: "local variable", …
	get   func(name string) (any, bool)
	names func() []string // the names it knows, for suggestions
}

// sources lists where u looks names up, in order.
func (u userNames) sources() []source {
	mu.Lock()
	top, global := innermostLocals(), resolver
	mu.Unlock()
	var out []source
	if u.ns != nil {
		out = append(out, source{"Namespace entry",
			func(name string) (any, bool) { v, ok := u.ns[name]; return v, ok },
			func() []string {
				keys := make([]string, 0, len(u.ns))
				for k := range u.ns {
					keys = append(keys, k)
				}
				return keys
			}})
	}
	if top != nil && top.f != nil {
		out = append(out, resolverSource("local variable", top.f))
	}
	if c := u.created; c != nil && c != top && c.f != nil {
		out = append(out, resolverSource("local variable of the object's creator", c.f))
	}
	if global != nil {
		out = append(out, resolverSource("global variable", global))
	}
	return out
}

// resolverSource is a resolver as a source; asked for the empty name, a
// resolver may list its names.
func resolverSource(what string, f func(string) (any, bool)) source {
	return source{what, f, func() []string {
		v, _ := f("")
		list, _ := v.([]string)
		return list
	}}
}

// Lookup implements expr.Scope. The first source that has the name
// decides, as in Go's scopes: a local that is not a number hides a
// global of the same name.
func (u userNames) Lookup(name string) (expr.Symbol, bool) {
	for _, s := range u.sources() {
		if v, ok := s.get(name); ok {
			return symbolFor(name, v)
		}
	}
	return expr.Symbol{}, false
}

// symbolFor is the symbol of a user value, if it is one model strings
// can use.
func symbolFor(name string, v any) (expr.Symbol, bool) {
	if ta, ok := v.(*TimedArray); ok && ta != nil {
		// A TimedArray is a function of t (and i) in model strings.
		return expr.Symbol{Name: name, Kind: expr.Function, Func: ta.fn, ReadOnly: true}, true
	}
	if q, err := units.Of(v); err == nil {
		return expr.ConstantOf(name, q), true
	}
	return expr.Symbol{}, false
}

// Explain implements expr.Explainer: where name was looked for (or what
// the value found is instead of a number), and the usable names.
func (u userNames) Explain(name string) (string, []string) {
	srcs := u.sources()
	var known []string
	for _, s := range srcs {
		for _, k := range s.names() {
			if v, ok := s.get(k); ok && k != "" {
				if _, ok := symbolFor(k, v); ok {
					known = append(known, k)
				}
			}
		}
	}
	for _, s := range srcs {
		if v, ok := s.get(name); ok {
			return fmt.Sprintf("the %s %q is a %T, not a number or quantity", s.what, name, v), known
		}
	}
	where := "not in the Namespace option"
	if len(srcs) > 0 && srcs[len(srcs)-1].what != "Namespace entry" { // a resolver follows
		where += ", not a local or global variable"
	}
	return where, known
}

// localEntry is one resolver installed with PushResolver.
type localEntry struct{ f func(name string) (any, bool) }

// locals are the resolvers installed with PushResolver, innermost last
// (guarded by mu).
var locals []*localEntry

// PushResolver installs f as the resolver of the names local to the code
// that calls nsim next, until pop is called; pops come in reverse order
// of pushes (pop is idempotent, and tolerates a different order). Only
// the innermost resolver is consulted, after the object's Namespace
// option and before the one set with SetResolver, as Brian2 reads the
// local variables of its caller's frame only; f may be nil for code
// without locals. An object created while f is installed keeps it, and
// asks it after the caller's locals and before the globals: a later Run
// from code where a name is not local still finds the value the object
// was created with (where Brian2 would fail or take a global).
//
// This is how the notebook gives model strings the caller's Go locals:
// each interpreted function that builds or runs a model installs a
// resolver of the variables in scope. Asked for the empty name, f may
// return a []string of the names it knows, from which errors suggest
// the nearest.
func PushResolver(f func(name string) (any, bool)) (pop func()) {
	e := &localEntry{f}
	mu.Lock()
	locals = append(locals, e)
	mu.Unlock()
	return func() {
		mu.Lock()
		defer mu.Unlock()
		for i := len(locals) - 1; i >= 0; i-- {
			if locals[i] == e {
				locals = append(locals[:i], locals[i+1:]...)
				return
			}
		}
	}
}

// innermostLocals is the resolver PushResolver installed last, or nil.
// The caller holds mu.
func innermostLocals() *localEntry {
	if len(locals) == 0 {
		return nil
	}
	return locals[len(locals)-1]
}

// createdKey is the key under which an object's namespace map carries
// the locals of the code that created it; no identifier is empty, so it
// never hides a name.
const createdKey = ""

// created is what createdKey holds: the Namespace option (read at every
// check, as Brian2 reads its namespace dict) and the creator's locals.
type created struct {
	ns     map[string]any
	locals *localEntry
}

// withCreationLocals returns the namespace map an object keeps: ns, and
// the innermost locals when there are some. Every constructor gets it
// through applyOptions.
func withCreationLocals(ns map[string]any) map[string]any {
	mu.Lock()
	top := innermostLocals()
	mu.Unlock()
	if top == nil || top.f == nil {
		return ns
	}
	return map[string]any{createdKey: created{ns, top}}
}

func isNoise(name string) bool { return name == "xi" || strings.HasPrefix(name, "xi_") }

// switchRand is the compile.Rand of a compiled kernel: it draws from whichever
// stream the engine points it at (one stream per block of neurons keeps
// results independent of the number of worker goroutines).
type switchRand struct{ s *rng.Stream }

func (r *switchRand) Float64() float64     { return r.s.Float64() }
func (r *switchRand) NormFloat64() float64 { return r.s.Norm() }
