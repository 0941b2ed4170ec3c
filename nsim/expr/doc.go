// Package expr checks Brian2 expressions and statements: it resolves their
// names, infers and checks their dimensions, folds constants and reports
// positioned errors. Package nsim/compile turns what it checked into
// kernels over flat arrays.
//
//	scope := expr.Symbols{
//		"v":   {Kind: expr.Array, Dim: units.DimVoltage},
//		"tau": expr.ConstantOf("tau", (10 * units.Millisecond).Q()),
//	}
//	e, err := expr.Check("(-65*mV - v)/tau", scope) // e.Dim is V/s; tau and mV folded
//	fmt.Println(e)                                  // (-0.065 - v)/0.01
//
// (Example in example_test.go.) A checked Expr keeps its folded tree, whose
// nodes remember where in the text they came from; back ends read it
// through Root, a read-only Node view. Statement blocks (reset, on_pre)
// are checked into Blocks the same way.
//
// Linear splits a right-hand side into A*x + B for exponential_euler and
// exact integration; Substitute, Combine and Apply build new expressions
// from checked ones.
//
// Identifiers resolve in this order: the caller's Scope (model variables,
// user parameters, t, dt, i, N), the built-in names (xi and xi_* white
// noise of unit second**-0.5, pi, e, inf, True, False) and finally Brian2's
// unit names (ms, mV, …). Constants and units are folded when checking.
// An identifier none of them resolves is an error that says where it was
// looked up and suggests the nearest known name, as far as the scopes
// implement Explainer.
//
// Errors are *Error values with a position, the culprit text and, for
// dimension mismatches, the expected and actual units; checking collects
// them in an ErrorList rather than stopping at the first.
//
// API changes after the first commit (2026-11-25) are listed here:
//   - none (additions only: Lit, Combine, Apply, IsNoise, NoiseRef,
//     Kernel.SelectRange, Explainer, Root and Node).
//   - the message of an unresolved name reads `unknown name "x": …`
//     (was `unresolved identifier "x"`).
//   - 2026-12-03: compiling moved to nsim/compile (expr.Compile is
//     compile.Expr, expr.CompileBlock is compile.Block; Env, Binding,
//     Rand, Kernel and Program moved with them).
package expr
