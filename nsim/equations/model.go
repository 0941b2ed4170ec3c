package equations

import (
	"gonsim/nsim/expr"
	"gonsim/nsim/syntax"
	"gonsim/nsim/units"
)

// Owner says whose variable a model identifier refers to.
type Owner uint8

const (
	Own  Owner = iota // the group (or synapses) itself
	Pre               // the presynaptic group (x_pre in synapses)
	Post              // the postsynaptic group (x_post, or a bare name that is not a synaptic variable)
)

func (o Owner) String() string { return [...]string{"own", "pre", "post"}[o] }

// VarRef is the Ref of every expr.Symbol this package creates for a model
// name: which object's variable it is. The engine's compile.Env.Bind switches
// on it to find the array.
type VarRef struct {
	Owner Owner
	// Name is the variable's name in its owner ("v" for v_post), or one of
	// the built-in names of expr.Builtins (t, dt, N, i, j, lastspike,
	// not_refractory, lastupdate; j's Name is "i" with Owner Post).
	Name    string
	Kind    Kind // Differential or Parameter for variables
	Flags   Flags
	Builtin bool // t, dt, N, i, j, lastspike, not_refractory
}

// RefractoryKind says how refractoriness is given.
type RefractoryKind uint8

const (
	NoRefractory        RefractoryKind = iota
	RefractoryDuration                 // a fixed quantity: Duration
	RefractoryTime                     // a per-neuron time expression: Expr has unit second
	RefractoryCondition                // a boolean expression: Expr, refractory while true
)

// Refractory is a checked refractory specification.
type Refractory struct {
	Kind     RefractoryKind
	Duration units.Time
	Expr     *expr.Expr
}

// NeuronSpec is what a NeuronGroup is built from.
type NeuronSpec struct {
	// Model is the model text (string) or parsed *Equations.
	Model any
	// Threshold is a condition ("" for none).
	Threshold string
	// Reset is a statement block ("" for none).
	Reset string
	// Refractory is nil, a units.Quantifier of dimension time (or a
	// float64 number of seconds is refused: give a time), or a string: a
	// time expression or a condition.
	Refractory any
}

// NeuronModel is a NeuronGroup's checked model.
type NeuronModel struct {
	Eqs *Equations
	// RHS holds, for each differential equation, its right-hand side with
	// subexpressions substituted (what an integrator needs).
	RHS map[string]*expr.Expr
	// Subexpr holds each subexpression, itself expanded, in terms of
	// state variables, parameters and built-ins (for monitors).
	Subexpr map[string]*expr.Expr
	// States are the differential equations' variables, in order.
	States []string
	// Threshold is nil without a threshold; with refractoriness the engine
	// ANDs it with not_refractory (SEMANTICS §3).
	Threshold *expr.Expr
	// Reset is nil without reset; it is checked with subexpressions
	// substituted.
	Reset      *expr.Block
	Refractory Refractory
	// Symbols are the model's own names (variables, subexpressions as
	// Array symbols, built-ins), as the engine should bind them.
	Symbols expr.Symbols
}

// NewNeuronModel parses (if needed) and checks a neuron model against the
// user's scope (namespace, then notebook resolver), collecting all errors.
func NewNeuronModel(spec NeuronSpec, user expr.Scope) (*NeuronModel, error) {
	return newNeuronModel(spec, user)
}

// Scope returns the scope in which the model's strings are checked: own
// symbols, then user, then (inside expr) built-ins and units. The engine
// uses it to check later strings such as `G.v = 'rand()*0.2'`.
func (m *NeuronModel) Scope(user expr.Scope) expr.Scope { return expr.Chain(m.Symbols, user) }

// SynapseSpec is what Synapses are built from.
type SynapseSpec struct {
	Model  any    // model text or *Equations; "" for none
	OnPre  string // statements run per presynaptic spike
	OnPost string // statements run per postsynaptic spike
}

// SynapseModel is the checked model of Synapses.
type SynapseModel struct {
	Eqs     *Equations
	RHS     map[string]*expr.Expr
	Subexpr map[string]*expr.Expr
	States  []string
	// OnPre and OnPost are nil when not given. Their symbols' Refs are
	// VarRefs: Owner Own for synaptic variables, Pre for x_pre, Post for
	// x_post and for bare names that are not synaptic (SEMANTICS §5).
	OnPre, OnPost *expr.Block
	Symbols       expr.Symbols
	// EventDriven lists the (event-driven) variables in model order; they
	// are not in States. OnPre and OnPost then start with their analytic
	// update from lastupdate to t (Brian2's linear solution with dt
	// replaced by t - lastupdate) and end with lastupdate = t.
	EventDriven []string
	// EventUpdate holds those update statements, in order.
	EventUpdate []*expr.Statement
	// LastUpdate says the synapses have the variable lastupdate (second).
	LastUpdate bool
	// Summed are the (summed) variables, in model order.
	Summed []*Summed
	// ConstOverDt are the (constant over dt) subexpressions, in model
	// order; in Eqs they are parameters.
	ConstOverDt []*ConstOverDt
	lastStmt    *expr.Statement // lastupdate = t
}

// Summed is a (summed) variable x_post = expr (or x_pre): every step the
// target group's parameter x becomes the sum of expr over its synapses.
type Summed struct {
	Name   string     // as written: "Igap_post"
	Target string     // the target group's parameter: "Igap"
	Side   Owner      // Pre or Post
	Expr   *expr.Expr // per synapse, subexpressions substituted
	Pos    syntax.Pos // of the name in the model text
}

// NewSynapseModel checks a synapse model whose pre- and postsynaptic groups
// have the given models (nil for a SpikeGeneratorGroup, which only has i).
func NewSynapseModel(spec SynapseSpec, pre, post *NeuronModel, user expr.Scope) (*SynapseModel, error) {
	return newSynapseModel(spec, pre, post, user)
}
