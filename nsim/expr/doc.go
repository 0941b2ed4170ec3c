// Package expr checks the dimensions of Brian2 expressions and statements
// and compiles them into kernels over flat float64 arrays.
//
//	scope := expr.Symbols{
//		"v":   {Name: "v", Kind: expr.Array, Dim: units.DimVoltage},
//		"tau": {Name: "tau", Kind: expr.Constant, Dim: units.DimTime, Value: 0.01},
//	}
//	e, err := expr.Check("-v/tau", scope)   // e.Dim is volt/second
//	k, err := expr.Compile(e, expr.Env{Bind: func(s expr.Symbol) (expr.Binding, error) {
//		return expr.Binding{Data: &v}, nil
//	}})
//	k.Eval(dvdt) // dvdt[i] = -v[i]/0.01 for every i, no tree walk per element
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
