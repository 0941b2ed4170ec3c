package compile

import (
	"math"
	"testing"

	"gonsim/nsim/expr"
	"gonsim/nsim/internal/mathfn"
	"gonsim/nsim/syntax"
	"gonsim/nsim/units"
)

var (
	dimV   = units.DimVoltage
	dimS   = units.DimConductance
	dimT   = units.DimTime
	dimA   = units.DimCurrent
	dimF   = units.DimCapacitance
	dimHz  = units.DimFrequency
	dimVps = units.DimVoltage.Div(units.DimTime)
)

// testScope is an HH-like neuron: arrays v, m, n, h, ge, gi, I, x, w and
// the rates ra, rb; flag b; constants of the seed; t, dt scalars; i index
// (as nsim/expr's tests).
func testScope() expr.Symbols {
	c := func(v float64, d units.Dim) expr.Symbol {
		return expr.Symbol{Kind: expr.Constant, Dim: d, Value: v, ReadOnly: true}
	}
	return expr.Symbols{
		"v": {Kind: expr.Array, Dim: dimV}, "m": {Kind: expr.Array}, "n": {Kind: expr.Array}, "h": {Kind: expr.Array},
		"ge": {Kind: expr.Array, Dim: dimS}, "gi": {Kind: expr.Array, Dim: dimS}, "I": {Kind: expr.Array, Dim: dimA},
		"x": {Kind: expr.Array}, "w": {Kind: expr.Array}, "b": {Kind: expr.Array, Bool: true},
		"t": {Kind: expr.Scalar, Dim: dimT, ReadOnly: true}, "dt": {Kind: expr.Scalar, Dim: dimT, ReadOnly: true},
		"i": {Kind: expr.Index, ReadOnly: true}, "N": {Kind: expr.Constant, Value: 10, ReadOnly: true},
		"gl": c(1e-8, dimS), "Cm": c(2e-10, dimF), "El": c(-0.065, dimV), "EK": c(-0.09, dimV), "ENa": c(0.05, dimV),
		"g_na": c(2e-5, dimS), "g_kd": c(6e-6, dimS), "VT": c(-0.063, dimV), "taue": c(0.005, dimT), "taui": c(0.01, dimT),
		"Ee": c(0, dimV), "Ei": c(-0.08, dimV), "tau": c(0.01, dimT), "sigma": c(0.03, units.Dim{}),
		"tref": {Kind: expr.Array, Dim: dimT},
		"ra":   {Kind: expr.Array, Dim: dimHz}, "rb": {Kind: expr.Array, Dim: dimHz}, // _A and _B of exponential Euler
	}
}

func mustCombine(t *testing.T, op syntax.Op, a, b *expr.Expr) *expr.Expr {
	t.Helper()
	e, err := expr.Combine(op, a, b)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// exprel is (exp(x)-1)/x by package math (the hand-written benchmarks).
func exprel(x float64) float64 {
	switch {
	case math.Abs(x) < 1e-16:
		return 1
	case x > 717:
		return math.Inf(1)
	}
	return math.Expm1(x) / x
}

// evalRef computes one operator of the reference tree walk (the checker's
// folding arithmetic).
func evalRef(op opcode, fn *function, a []float64) float64 {
	switch op {
	case opNeg:
		return -a[0]
	case opNot:
		return b2f(a[0] == 0)
	case opCall:
		return fn.call(a)
	}
	x, y := a[0], a[1]
	switch op {
	case opAdd:
		return x + y
	case opSub:
		return x - y
	case opMul:
		return x * y
	case opDiv:
		return x / y
	case opFloorDiv:
		return math.Floor(x / y)
	case opMod:
		return mathfn.Mod(x, y)
	case opPow:
		return math.Pow(x, y)
	case opLt:
		return b2f(x < y)
	case opLe:
		return b2f(x <= y)
	case opGt:
		return b2f(x > y)
	case opGe:
		return b2f(x >= y)
	case opEq:
		return b2f(x == y)
	case opNe:
		return b2f(x != y)
	case opAnd:
		return b2f(x != 0 && y != 0)
	}
	return b2f(x != 0 || y != 0)
}
