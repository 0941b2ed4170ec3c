// Package mathfn holds the float64 arithmetic of Brian2's model language
// that both the checker (constant folding in nsim/expr) and the compiled
// kernels (nsim/compile) must compute identically: exp, expm1 and exprel
// as fast block loops, a/exprel(x), and Python's modulo; and the vector
// loops the kernels run (AVX2, and AVX-512 where the CPU has it): the
// arithmetic operators (arith.go, chain.go), exponential Euler's step
// (expeuler.go), the fused affine updates (affine3.go, linear1.go), the
// threshold scan (select.go) and the NaN scan (finite.go).
package mathfn
