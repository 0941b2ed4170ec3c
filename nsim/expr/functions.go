package expr

import (
	"math"
	"sort"

	"gonsim/nsim/internal/mathfn"
)

// dimRule says how a function treats dimensions.
type dimRule uint8

const (
	dimless      dimRule = iota // dimensionless arguments, dimensionless result
	sameDim                     // all arguments of one dimension, result the same (abs, clip, floor)
	signRule                    // any dimension, dimensionless result
	sqrtRule                    // half the exponents
	intRule                     // a condition or a dimensionless number → dimensionless
	timestepRule                // (time, time) → dimensionless
	userRule                    // the dimensions of a caller's Func
)

type function struct {
	name   string
	nargs  int
	rule   dimRule
	random bool // rand, randn: evaluated per element, never folded
	normal bool // randn (else rand)
	f1     func(float64) float64
	f2     func(a, b float64) float64
	f3     func(a, b, c float64) float64
	// user is set for a caller's function (userfunc.go); f1…f3 are then
	// set only on the copy bound to a clock, and calls are never folded.
	user *Func
}

// exprel is (exp(x)-1)/x, stable near 0 (SEMANTICS §6).
func exprel(x float64) float64 {
	switch {
	case math.Abs(x) < 1e-16:
		return 1
	case x > 717:
		return math.Inf(1)
	}
	return math.Expm1(x) / x
}

func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	case x == 0:
		return 0
	}
	return math.NaN()
}

func clip(x, lo, hi float64) float64 { return math.Min(math.Max(x, lo), hi) }

// timestep converts a time to an integer step as Brian2 does:
// int64((t + 1e-3*dt)/dt).
func timestep(t, dt float64) float64 { return float64(int64((t + 1e-3*dt) / dt)) }

var functions = map[string]*function{}

func init() {
	one := map[string]func(float64) float64{
		"exp": mathfn.Exp, "log": math.Log, "log10": math.Log10,
		"sin": math.Sin, "cos": math.Cos, "tan": math.Tan,
		"sinh": math.Sinh, "cosh": math.Cosh, "tanh": math.Tanh,
		"arcsin": math.Asin, "arccos": math.Acos, "arctan": math.Atan,
		"exprel": mathfn.Exprel,
	}
	for name, f := range one {
		functions[name] = &function{name: name, nargs: 1, rule: dimless, f1: f}
	}
	functions["sqrt"] = &function{name: "sqrt", nargs: 1, rule: sqrtRule, f1: math.Sqrt}
	functions["abs"] = &function{name: "abs", nargs: 1, rule: sameDim, f1: math.Abs}
	functions["floor"] = &function{name: "floor", nargs: 1, rule: sameDim, f1: math.Floor}
	functions["ceil"] = &function{name: "ceil", nargs: 1, rule: sameDim, f1: math.Ceil}
	functions["sign"] = &function{name: "sign", nargs: 1, rule: signRule, f1: sign}
	functions["int"] = &function{name: "int", nargs: 1, rule: intRule, f1: math.Trunc}
	functions["clip"] = &function{name: "clip", nargs: 3, rule: sameDim, f3: clip}
	functions["timestep"] = &function{name: "timestep", nargs: 2, rule: timestepRule, f2: timestep}
	functions["rand"] = &function{name: "rand", nargs: 0, rule: dimless, random: true}
	functions["randn"] = &function{name: "randn", nargs: 0, rule: dimless, random: true, normal: true}
}

func functionNames() []string {
	out := make([]string, 0, len(functions))
	for n := range functions {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
