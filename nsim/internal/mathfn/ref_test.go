package mathfn

import "math"

// blockSize is the length of nsim/compile's blocks, for the benchmarks.
const blockSize = 128

// exprel is (exp(x)-1)/x by package math, the reference of ExprelBlock.
func exprel(x float64) float64 {
	switch {
	case math.Abs(x) < 1e-16:
		return 1
	case x > 717:
		return math.Inf(1)
	}
	return math.Expm1(x) / x
}

// scalar are the one-value forms nsim/expr folds with.
var scalar = map[string]func(float64) float64{"exp": Exp, "expm1": Expm1, "exprel": Exprel}
