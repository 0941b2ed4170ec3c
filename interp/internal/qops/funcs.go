package qops

import (
	"fmt"
	"math"

	"gonsim/interp/prelude"
	"gonsim/nsim/units"
)

// The functions cells call by Brian2's names (exp, sqrt, abs, …). interp
// rewrites calls whose argument's unit it knows into math calls on
// float64; these run for the rest and check the unit when the cell runs.

// Funcs are the dimensionless functions of one argument by Brian2 name.
var Funcs = map[string]func(float64) float64{
	"exp": math.Exp, "log": math.Log, "log10": math.Log10, "expm1": math.Expm1, "log1p": math.Log1p,
	"sin": math.Sin, "cos": math.Cos, "tan": math.Tan, "sinh": math.Sinh, "cosh": math.Cosh,
	"tanh": math.Tanh, "arcsin": math.Asin, "arccos": math.Acos, "arctan": math.Atan,
}

// Dimensionless applies the function fn (a key of Funcs) to x, which
// must be dimensionless: exp(5*mV) ends the cell, as in Brian2.
func Dimensionless(fn string, x any) float64 {
	h := of(x)
	if !h.d.Dimensionless() {
		prelude.Fail(fmt.Errorf("%s expects a dimensionless argument but got %s (unit is %s)", fn, h, h.d.Unit()))
	}
	return Funcs[fn](h.v)
}

func sqrt(x any) hq {
	h := of(x)
	d, bad, ok := h.d.Pow(0.5)
	if !ok {
		prelude.Fail(fmt.Errorf("cannot take sqrt of %s: the unit's exponent of %s would be a quarter", h, []string{"m", "kg", "s", "A", "K", "mol", "cd"}[bad]))
	}
	return hq{v: math.Sqrt(h.v), d: d}
}

// Sqrt returns the square root of x; a unit with odd exponents (sqrt of
// ms) ends the cell, since a Quantity cannot hold s^0.5 (SqrtH can).
func Sqrt(x any) units.Quantity { return sqrt(x).quantity("sqrt") }

// SqrtH returns the square root of x, whose unit may get half exponents.
func SqrtH(x any) units.HalfQuantity { return sqrt(x).half() }

func pow(x any, y float64) hq {
	h := of(x)
	d, bad, ok := h.d.Pow(y)
	if !ok {
		prelude.Fail(fmt.Errorf("cannot raise %s to the power %v: the unit's exponent of %s would not be a multiple of one half", h, y, []string{"m", "kg", "s", "A", "K", "mol", "cd"}[bad]))
	}
	return hq{v: math.Pow(h.v, y), d: d}
}

// Pow returns x**y (Brian2's x**y, numpy's power) for a dimensionless y.
func Pow(x any, y any) units.Quantity {
	return pow(x, exponent(y)).quantity("pow")
}

// PowH is Pow when the result's unit may have half exponents.
func PowH(x any, y any) units.HalfQuantity { return pow(x, exponent(y)).half() }

func exponent(y any) float64 {
	e := of(y)
	if !e.d.Dimensionless() {
		prelude.Fail(fmt.Errorf("cannot calculate x ** %s, the exponent has to be dimensionless (unit is %s)", e, e.d.Unit()))
	}
	return e.v
}

// Abs returns |x| with x's unit.
func Abs(x any) units.Quantity {
	h := of(x)
	return hq{v: math.Abs(h.v), d: h.d}.quantity("abs")
}

// AbsH is Abs for units with half exponents.
func AbsH(x any) units.HalfQuantity {
	h := of(x)
	return hq{v: math.Abs(h.v), d: h.d}.half()
}

// Value returns the SI value of x after checking that its unit is the
// unit of like (for x += y with x typed): it ends the cell otherwise.
func Value(x, like any) float64 {
	h, l := of(x), of(like)
	match("+=", l, h)
	return h.v
}
