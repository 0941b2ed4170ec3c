package expr

import "gonsim/nsim/units"

// BuiltinName is a name that model strings use without defining it:
// Brian2's implicit variables. The objects that have one decide how it is
// read (the Kind of its Symbol) and where its values live.
type BuiltinName struct {
	Name string
	// Dim is its dimension; xi's has a half exponent.
	Dim units.HalfDim
	// Bool is set for names holding conditions (0 or 1).
	Bool bool
	// Reserved names may not be defined by a model.
	Reserved bool
	// In says which objects have the name.
	In Holder
	// Meaning is what it stands for.
	Meaning string
}

// Holder says which objects have a built-in name.
type Holder uint8

const (
	EveryObject  Holder = iota // the clock's t and dt
	EveryGroup                 // i and N of groups and synapses
	SynapsesOnly               // j
	Equations                  // white noise in differential equations
	Refractory                 // neuron groups with a refractory period
	EventDriven                // synapses with event-driven variables
)

// Builtins is the one table of built-in names; reserved ones come first,
// in the order error messages list them.
var Builtins = []BuiltinName{
	{Name: "t", Dim: units.Half(units.DimTime), Reserved: true, In: EveryObject,
		Meaning: "the current time of the object's clock"},
	{Name: "dt", Dim: units.Half(units.DimTime), Reserved: true, In: EveryObject,
		Meaning: "the time step of the object's clock"},
	{Name: "xi", Dim: dimNoise, Reserved: true, In: Equations,
		Meaning: "white noise (also xi_1, xi_foo, …), one draw per element and step"},
	{Name: "i", Reserved: true, In: EveryGroup,
		Meaning: "the element's index; in synapses the presynaptic neuron's index"},
	{Name: "j", Reserved: true, In: SynapsesOnly,
		Meaning: "the postsynaptic neuron's index"},
	{Name: "N", Reserved: true, In: EveryGroup,
		Meaning: "the number of elements (neurons, synapses)"},
	{Name: "lastspike", Dim: units.Half(units.DimTime), Reserved: true, In: Refractory,
		Meaning: "the time of the neuron's last spike"},
	{Name: "not_refractory", Bool: true, Reserved: true, In: Refractory,
		Meaning: "false while the neuron is refractory"},
	{Name: "lastupdate", Dim: units.Half(units.DimTime), In: EventDriven,
		Meaning: "the time of the synapse's last pre- or postsynaptic event"},
}

// Builtin returns the entry of Builtins for name.
func Builtin(name string) (BuiltinName, bool) {
	for _, b := range Builtins {
		if b.Name == name {
			return b, true
		}
	}
	return BuiltinName{}, false
}

// Symbol returns a read-only symbol of kind k for the built-in name, with
// its dimension; ref is the caller's Ref. It panics for a name that is not
// in Builtins or has a half-exponent dimension (xi, which the checker
// resolves itself): that is a bug in the caller.
func (b BuiltinName) Symbol(k SymbolKind, ref any) Symbol {
	d, ok := b.Dim.Dim()
	if !ok || b.Name == "" {
		panic("expr: no symbol for built-in name " + b.Name)
	}
	return Symbol{Name: b.Name, Kind: k, Dim: d, Bool: b.Bool, ReadOnly: true, Ref: ref}
}

// BuiltinSymbol is Builtin(name).Symbol(k, ref).
func BuiltinSymbol(name string, k SymbolKind, ref any) Symbol {
	b, _ := Builtin(name)
	return b.Symbol(k, ref)
}
