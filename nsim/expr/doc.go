// Package expr checks the dimensions of Brian2 expressions and statements
// and compiles them into kernels over flat float64 arrays.
//
//	scope := expr.Symbols{
//		"v":   {Kind: expr.Array, Dim: units.DimVoltage},
//		"tau": expr.ConstantOf("tau", (10 * units.Millisecond).Q()),
//	}
//	e, err := expr.Check("(-65*mV - v)/tau", scope) // e.Dim is V/s; tau and mV folded
//	k, err := expr.Compile(e, expr.Env{Bind: func(s expr.Symbol) (expr.Binding, error) {
//		return expr.Binding{Data: &v}, nil
//	}})
//	k.Eval(dvdt) // dvdt[i] = (-0.065 - v[i])/0.01, in tight loops over blocks
//
// (Example in example_test.go.) A Kernel evaluates its tree once per block
// of up to 128 elements, each node in a tight loop over float64 slices:
// array leaves are slices (gathered through an index slice for synapses'
// _pre/_post), t and dt are read through pointers, constants are folded.
// Statement blocks (reset, on_pre) compile to Programs run for a list of
// element indices, sequentially per element as Brian2 defines them.
//
// Linear splits a right-hand side into A*x + B for exponential_euler and
// exact integration; Substitute, Combine and Apply build new expressions
// from checked ones.
//
// Identifiers resolve in this order: the caller's Scope (model variables,
// user parameters, t, dt, i, N), the built-in names (xi and xi_* white
// noise of unit second**-0.5, pi, e, inf, True, False) and finally Brian2's
// unit names (ms, mV, …). Constants and units are folded when checking.
//
// Errors are *Error values with a position, the culprit text and, for
// dimension mismatches, the expected and actual units; checking collects
// them in an ErrorList rather than stopping at the first.
//
// API changes after the first commit (2026-11-25) are listed here:
//   - none yet.
package expr
