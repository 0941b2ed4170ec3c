// Package mathfn holds the float64 arithmetic of Brian2's model language
// that both the checker (constant folding in nsim/expr) and the compiled
// kernels (nsim/compile) must compute identically: exp, expm1 and exprel
// as fast block loops, a/exprel(x), and Python's modulo; and the AVX2
// block loops of the arithmetic operators the kernels run (arith.go,
// chain.go).
package mathfn
