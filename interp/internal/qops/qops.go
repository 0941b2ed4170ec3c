// Package qops is the arithmetic of quantities whose unit is known only
// when a cell runs (a units.Quantity from Q(...), a monitor or a
// function). interp's unit pass (interp/units.go) rewrites cell
// expressions whose units it knows into plain float64 arithmetic and
// calls these functions for the rest; they check dimensions as Brian2
// does and end the cell with a *units.DimensionError when they do not
// match.
//
// Operands are any: a typed quantity (units.Time, …), a units.Quantity,
// a units.HalfQuantity or a plain number (dimensionless).
package qops

import (
	"fmt"
	"math"

	"gonsim/interp/prelude"
	"gonsim/nsim/units"
)

// hq is an operand with a unit that may have half exponents.
type hq struct {
	v   float64
	d   units.HalfDim
	num bool // a plain number, not a quantity: Brian2 lets its zero have any unit
}

func of(x any) hq {
	switch x := x.(type) {
	case units.HalfQuantity:
		return hq{v: x.Value, d: x.Dim}
	case units.Quantifier:
		q := x.Q()
		return hq{v: q.Value, d: units.Half(q.Dim)}
	}
	q, err := units.Of(x)
	prelude.Fail(err)
	return hq{v: q.Value, num: true}
}

func (h hq) String() string { return units.HalfQuantity{Value: h.v, Dim: h.d}.String() }

// quantity returns h as a Quantity; a unit with half exponents ends the cell.
func (h hq) quantity(op string) units.Quantity {
	d, ok := h.d.Dim()
	if !ok {
		prelude.Fail(fmt.Errorf("the result of %s, %s, has half exponents in its unit, which a Quantity cannot hold", op, h))
	}
	return units.New(h.v, d)
}

func (h hq) half() units.HalfQuantity { return units.HalfQuantity{Value: h.v, Dim: h.d} }

// anyUnit reports Brian2's exception: a dimensionless zero matches any
// unit in sums and comparisons (3*mV + 0).
func (h hq) anyUnit() bool { return h.d.Dimensionless() && h.v == 0 }

func mul(a, b any) hq {
	x, y := of(a), of(b)
	return hq{v: x.v * y.v, d: x.d.Mul(y.d)}
}

func div(a, b any) hq {
	x, y := of(a), of(b)
	return hq{v: x.v / y.v, d: x.d.Div(y.d)}
}

// match checks that x and y have one unit, as Brian2's sums do.
func match(op string, x, y hq) units.HalfDim {
	switch {
	case x.d == y.d:
		return x.d
	case x.anyUnit():
		return y.d
	case y.anyUnit():
		return x.d
	}
	if xd, ok := x.d.Dim(); ok {
		if yd, ok := y.d.Dim(); ok {
			prelude.Fail(&units.DimensionError{Op: op, Left: units.New(x.v, xd), Right: units.New(y.v, yd)})
		}
	}
	prelude.Fail(fmt.Errorf("cannot calculate %s %s %s, units do not match (units are %s and %s)", x, op, y, x.d.Unit(), y.d.Unit()))
	return x.d
}

// Mul returns a*b.
func Mul(a, b any) units.Quantity { return mul(a, b).quantity("a product") }

// Div returns a/b.
func Div(a, b any) units.Quantity { return div(a, b).quantity("a quotient") }

// MulH returns a*b when an operand's unit may have half exponents.
func MulH(a, b any) units.HalfQuantity { return mul(a, b).half() }

// DivH returns a/b when an operand's unit may have half exponents.
func DivH(a, b any) units.HalfQuantity { return div(a, b).half() }

func add(op string, a, b any) hq {
	x, y := of(a), of(b)
	d := match(op, x, y)
	switch op {
	case "-":
		return hq{v: x.v - y.v, d: d}
	case "%":
		return hq{v: ModF(x.v, y.v), d: d}
	}
	return hq{v: x.v + y.v, d: d}
}

// Add returns a+b; the units must match.
func Add(a, b any) units.Quantity { return add("+", a, b).quantity("a sum") }

// Sub returns a-b; the units must match.
func Sub(a, b any) units.Quantity { return add("-", a, b).quantity("a difference") }

// Mod returns a modulo b (Python's, with the sign of b); the units must match.
func Mod(a, b any) units.Quantity { return add("%", a, b).quantity("a modulo") }

// AddH, SubH and ModH are Add, Sub and Mod for half exponents.
func AddH(a, b any) units.HalfQuantity { return add("+", a, b).half() }

// SubH is Sub for units with half exponents.
func SubH(a, b any) units.HalfQuantity { return add("-", a, b).half() }

// ModH is Mod for units with half exponents.
func ModH(a, b any) units.HalfQuantity { return add("%", a, b).half() }

// Cmp compares a and b with op ("<", "<=", ">", ">=", "==", "!="); the
// units must match, except for a plain zero or infinity, as in Brian2.
func Cmp(a any, op string, b any) bool {
	x, y := of(a), of(b)
	if !(x.num && math.IsInf(x.v, 0) || y.num && math.IsInf(y.v, 0)) {
		if x.d != y.d && !x.anyUnit() && !y.anyUnit() {
			xd, _ := x.d.Dim()
			yd, _ := y.d.Dim()
			prelude.Fail(&units.DimensionError{Op: "compare", Left: units.New(x.v, xd), Right: units.New(y.v, yd)})
		}
	}
	switch op {
	case "<":
		return x.v < y.v
	case "<=":
		return x.v <= y.v
	case ">":
		return x.v > y.v
	case ">=":
		return x.v >= y.v
	case "==":
		return x.v == y.v
	}
	return x.v != y.v
}

// ModF is Python's float modulo (the result has the sign of b), which
// Brian2 uses.
func ModF(a, b float64) float64 {
	m := math.Mod(a, b)
	if m != 0 && (m < 0) != (b < 0) {
		m += b
	}
	return m
}
