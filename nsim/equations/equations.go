package equations

import (
	"gonsim/nsim/expr"
	"gonsim/nsim/syntax"
	"gonsim/nsim/units"
)

// Kind is the kind of an equation line.
type Kind uint8

const (
	Differential  Kind = iota // dx/dt = expr : unit
	Subexpression             // x = expr : unit
	Parameter                 // x : unit
)

func (k Kind) String() string {
	return [...]string{"differential equation", "subexpression", "parameter"}[k]
}

// Flags are the options in parentheses after the unit.
type Flags struct {
	UnlessRefractory bool // (unless refractory): clamp during refractoriness
	Constant         bool // (constant): never changes during a run
	Shared           bool // (shared): one value for the whole group
	Linked           bool // (linked): a reference to another group's variable
	ConstantOverDt   bool // (constant over dt): subexpression evaluated once per step
	// Synaptic flags (Synapses models only).
	EventDriven bool // (event-driven): advanced analytically at events only
	ClockDriven bool // (clock-driven): integrated every step (the default)
	Summed      bool // (summed): x_post = expr sums expr over a neuron's synapses
}

// Equation is one line (possibly continued) of model text.
type Equation struct {
	Kind  Kind
	Name  string
	Unit  string    // the unit as written: "volt", "1", "volt/second"
	Dim   units.Dim // the dimension of the variable (not of dx/dt)
	RHS   *syntax.Node
	Flags Flags
	// Pos is the position of the name; RHSPos of the right-hand side.
	Pos, RHSPos syntax.Pos
}

// Equations is a parsed model: equations in the order written.
type Equations struct {
	Text string
	List []*Equation
}

// Parse parses model text. It checks the syntax of every line, the unit
// specifications (an unknown unit suggests the nearest name), the flags,
// duplicate names and reserved names (t, dt, xi, xi_*, i, j, N, lastspike,
// not_refractory). Dimensions of right-hand sides are checked later, when
// the names they use are known (NewNeuronModel, NewSynapseModel).
func Parse(text string) (*Equations, error) { return parse(text) }

// Get returns the equation defining name.
func (e *Equations) Get(name string) (*Equation, bool) {
	for _, q := range e.List {
		if q.Name == name {
			return q, true
		}
	}
	return nil, false
}

// Names returns the defined names in order.
func (e *Equations) Names() []string {
	out := make([]string, len(e.List))
	for i, q := range e.List {
		out[i] = q.Name
	}
	return out
}

// OfKind returns the equations of one kind, in order.
func (e *Equations) OfKind(k Kind) []*Equation {
	var out []*Equation
	for _, q := range e.List {
		if q.Kind == k {
			out = append(out, q)
		}
	}
	return out
}

// Combine joins equation sets (Brian2's eqs1 + eqs2); a name defined twice
// is an error.
func Combine(sets ...*Equations) (*Equations, error) { return combine(sets...) }

// Reserved lists the names a model may not define: the reserved ones of
// expr.Builtins.
var Reserved = reserved()

func reserved() []string {
	var out []string
	for _, b := range expr.Builtins {
		if b.Reserved {
			out = append(out, b.Name)
		}
	}
	return out
}
