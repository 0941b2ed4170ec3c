// Package equations turns Brian2 model text into typed, dimension-checked
// equation records.
//
//	m, err := equations.NewNeuronModel(equations.NeuronSpec{
//		Model: `
//	dv/dt = (I - v)/tau : volt (unless refractory)
//	I = 2*mV*int(t > 5*ms) : volt
//	`,
//		Threshold: "v > 1*mV", Reset: "v = 0*mV", Refractory: 2 * units.Millisecond,
//	}, user) // user resolves tau
//	// m.RHS["v"] is (0.002*int(t > 0.005) - v)/0.01, checked to be V/s.
//
// Parse knows nothing about time-stepping: it reads the lines
//
//	dx/dt = expr : unit [(flags)]   differential equation
//	x = expr : unit [(flags)]       subexpression
//	x : unit [(flags)]              parameter
//
// with flags unless refractory, constant, shared, linked and constant over
// dt (and, in Synapses only, event-driven, clock-driven and summed), and
// `#` comments. A right-hand side continues on the next line when
// the line ends inside parentheses or with an operator. Errors are collected
// over all lines (expr.ErrorList).
//
// NewNeuronModel and NewSynapseModel check a whole object as Brian2 does at
// run(), but at construction: every equation, threshold, reset, refractory
// condition and synaptic statement for dimensional consistency, all
// unresolved identifiers, and cyclic subexpressions. NewSynapseModel also
// solves (event-driven) equations analytically from lastupdate to t
// (SynapseModel.EventUpdate, prepended to on_pre and on_post), checks that
// event-driven and clock-driven equations and summed variables do not
// depend on each other, and resolves the targets of (summed) variables.
//
// The built-in names a model reads without defining them (t, dt, i, j, N,
// lastspike, not_refractory, lastupdate) come with their dimensions from
// expr.Builtins; its reserved ones are Reserved, which models may not
// define. The models hold checked expressions only: nsim compiles them
// with nsim/compile.
package equations
