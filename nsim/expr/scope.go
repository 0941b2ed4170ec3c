package expr

import "gonsim/nsim/units"

// SymbolKind says how an identifier is evaluated.
type SymbolKind uint8

const (
	// Constant is folded into the expression at check time (parameters,
	// units). Value holds it.
	Constant SymbolKind = iota
	// Array is a per-element variable stored in a float64 array, possibly
	// read through an index array (a synapse reading v_post).
	Array
	// Scalar is one value for all elements, read through a pointer each
	// time the kernel runs (t, dt, shared variables).
	Scalar
	// Index is the element index itself (i in a NeuronGroup).
	Index
	// Function is a callable name; Func describes it.
	Function
)

func (k SymbolKind) String() string {
	return [...]string{"constant", "array", "scalar", "index", "function"}[k]
}

// Symbol describes one identifier of a scope.
type Symbol struct {
	Name  string
	Kind  SymbolKind
	Dim   units.Dim
	Bool  bool    // holds booleans as 0/1 (not_refractory)
	Value float64 // Constant only
	// Ref is the caller's own data for this symbol (which group and
	// variable it is); nsim/compile hands the Symbol back to Env.Bind.
	Ref any
	// ReadOnly forbids assignment in statements (constants, t, dt, i, N,
	// and variables flagged (constant)).
	ReadOnly bool
	// Func is the function a Function symbol names.
	Func *Func
}

// Scope resolves identifiers.
type Scope interface {
	Lookup(name string) (Symbol, bool)
}

// Symbols is a Scope backed by a map; keys are the identifiers.
type Symbols map[string]Symbol

// Lookup implements Scope. A symbol with an empty Name gets the key.
func (s Symbols) Lookup(name string) (Symbol, bool) {
	sym, ok := s[name]
	if ok && sym.Name == "" {
		sym.Name = name
	}
	return sym, ok
}

// ScopeFunc adapts a function to a Scope.
type ScopeFunc func(name string) (Symbol, bool)

// Lookup implements Scope.
func (f ScopeFunc) Lookup(name string) (Symbol, bool) { return f(name) }

// Chain returns a Scope that asks each scope in turn. Nil scopes are
// skipped.
func Chain(scopes ...Scope) Scope {
	c := make(chain, 0, len(scopes))
	for _, s := range scopes {
		if s != nil {
			c = append(c, s)
		}
	}
	return c
}

type chain []Scope

// Lookup implements Scope: the first scope that has the name wins.
func (c chain) Lookup(name string) (Symbol, bool) {
	for _, s := range c {
		if sym, ok := s.Lookup(name); ok {
			return sym, true
		}
	}
	return Symbol{}, false
}

// ConstantOf returns a Constant symbol for a quantity value.
func ConstantOf(name string, q units.Quantity) Symbol {
	return Symbol{Name: name, Kind: Constant, Dim: q.Dim, Value: q.Value, ReadOnly: true}
}
