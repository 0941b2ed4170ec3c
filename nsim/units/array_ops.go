package units

import (
	"fmt"

	"gonum.org/v1/gonum/floats"
)

// ArrayDimensionError reports an array operation on operands of
// incompatible dimensions, as Brian2 does: "cannot calculate [1. 2.] mV +
// 3. ms, units do not match (units are V and s)". It unwraps to a
// *DimensionError of the operands' first values, so errors.As finds the
// same type for scalars and arrays.
type ArrayDimensionError struct {
	Op          string // "+", "-", "<", …
	Left, Right string // the operands as they print
	LeftDim     Dim
	RightDim    Dim
	scalar      DimensionError
}

func (e *ArrayDimensionError) Error() string {
	verb := "calculate"
	switch e.Op {
	case "<", "<=", ">", ">=", "==", "!=":
		verb = "perform comparison"
	case "clip":
		return fmt.Sprintf("cannot clip %s to [%s, %s], units do not match (units are %s and %s)",
			e.Left, e.Right, e.Right, e.LeftDim.Unit(), e.RightDim.Unit())
	}
	return fmt.Sprintf("cannot %s %s %s %s, units do not match (units are %s and %s)",
		verb, e.Left, e.Op, e.Right, e.LeftDim.Unit(), e.RightDim.Unit())
}

// Unwrap returns the scalar form of the error.
func (e *ArrayDimensionError) Unwrap() error { return &e.scalar }

// operand is the right-hand side of a binary operation: a scalar (v nil)
// or an array.
type operand struct {
	v      []float64
	s      float64
	dim    Dim
	isZero bool // a plain number 0, which Brian2 lets fit any unit
}

func toOperand(fn string, o any) (operand, error) {
	switch x := o.(type) {
	case Array:
		if x.err != nil {
			return operand{}, x.err
		}
		if len(x.v) == 1 {
			return operand{s: x.v[0], dim: x.dim}, nil
		}
		return operand{v: nonNil(x.v), dim: x.dim}, nil
	case []float64:
		a := Array{v: x}
		return toOperand(fn, a)
	case nil:
		return operand{}, fmt.Errorf("%s: missing operand (nil)", fn)
	}
	q, err := Of(o)
	if err != nil {
		return operand{}, fmt.Errorf("%s: want a number, a quantity or an Array, got %T", fn, o)
	}
	_, isQ := o.(Quantifier)
	return operand{s: q.Value, dim: q.Dim, isZero: !isQ && q.Value == 0}, nil
}

// Add returns a + o element by element (see Array for the operands).
func (a Array) Add(o any) (Array, error) { return a.binary("Add", '+', o, false) }

// Sub returns a - o element by element.
func (a Array) Sub(o any) (Array, error) { return a.binary("Sub", '-', o, false) }

// Mul returns a * o element by element; dimensions multiply.
func (a Array) Mul(o any) (Array, error) { return a.binary("Mul", '*', o, false) }

// Div returns a / o element by element; dimensions divide.
func (a Array) Div(o any) (Array, error) { return a.binary("Div", '/', o, false) }

// RSub returns o - a element by element (Brian2's 1 - a).
func (a Array) RSub(o any) (Array, error) { return a.binary("RSub", '-', o, true) }

// RDiv returns o / a element by element (Brian2's 1/a).
func (a Array) RDiv(o any) (Array, error) { return a.binary("RDiv", '/', o, true) }

// Neg returns -a.
func (a Array) Neg() Array {
	if a.err != nil {
		return a
	}
	out := make([]float64, len(a.v))
	for i, x := range a.v {
		out[i] = -x
	}
	return Array{v: out, dim: a.dim}
}

// binary applies op to a and o; reverse computes o op a.
func (a Array) binary(fn string, op byte, o any, reverse bool) (Array, error) {
	if a.err != nil {
		return a, a.err
	}
	r, err := toOperand(fn, o)
	if err != nil {
		return Array{}, err
	}
	l := operand{v: nonNil(a.v), dim: a.dim}
	if len(a.v) == 1 {
		l = operand{s: a.v[0], dim: a.dim}
	}
	if reverse {
		l, r = r, l
	}
	dim, err := resultDim(op, a, o, l, r, reverse)
	if err != nil {
		return Array{}, err
	}
	n := len(a.v)
	switch {
	case l.v != nil && r.v != nil && len(l.v) != len(r.v):
		return Array{}, fmt.Errorf("%s: operands could not be broadcast together: lengths %d and %d", fn, len(l.v), len(r.v))
	case l.v != nil:
		n = len(l.v)
	case r.v != nil:
		n = len(r.v)
	}
	out := make([]float64, n)
	switch {
	case l.v != nil && r.v != nil:
		vecVec(op, out, l.v, r.v)
	case l.v != nil:
		vecScalar(op, out, l.v, r.s)
	case r.v != nil:
		scalarVec(op, out, l.s, r.v)
	default:
		vecScalar(op, out, []float64{l.s}, r.s)
	}
	return Array{v: out, dim: dim}, nil
}

// nonNil keeps an empty array an array (a nil v means a scalar operand).
func nonNil(v []float64) []float64 {
	if v == nil {
		return []float64{}
	}
	return v
}

// resultDim checks the dimensions of l op r and returns the result's.
func resultDim(op byte, a Array, o any, l, r operand, reverse bool) (Dim, error) {
	switch op {
	case '*':
		return l.dim.Mul(r.dim), nil
	case '/':
		return l.dim.Div(r.dim), nil
	}
	if l.dim == r.dim || l.isZero || r.isZero {
		if l.isZero {
			return r.dim, nil
		}
		return l.dim, nil
	}
	return Dim{}, mismatch(string(op), a, o, reverse)
}

// mismatch builds the error for a op o (o op a when reverse).
func mismatch(op string, a Array, o any, reverse bool) error {
	rt, rd, rq := describe(o)
	lt, ld, lq := a.String(), a.dim, Quantity{Dim: a.dim}
	if len(a.v) > 0 {
		lq.Value = a.v[0]
	}
	if reverse {
		lt, ld, lq, rt, rd, rq = rt, rd, rq, lt, ld, lq
	}
	return &ArrayDimensionError{Op: op, Left: lt, Right: rt, LeftDim: ld, RightDim: rd,
		scalar: DimensionError{Op: op, Left: lq, Right: rq}}
}

// describe returns how operand o prints, its dimension and its first value.
func describe(o any) (string, Dim, Quantity) {
	if x, ok := o.(Array); ok {
		q := Quantity{Dim: x.dim}
		if len(x.v) > 0 {
			q.Value = x.v[0]
		}
		return x.String(), x.dim, q
	}
	q, _ := Of(o)
	return q.String(), q.Dim, q
}

// vecVec, vecScalar and scalarVec are the compiled loops of the binary
// operations; gonum's floats does the array-array ones.
func vecVec(op byte, out, x, y []float64) {
	switch op {
	case '+':
		floats.AddTo(out, x, y)
	case '-':
		floats.SubTo(out, x, y)
	case '*':
		floats.MulTo(out, x, y)
	case '/':
		floats.DivTo(out, x, y)
	}
}

func vecScalar(op byte, out, x []float64, s float64) {
	out = out[:len(x)]
	switch op {
	case '+':
		for i, v := range x {
			out[i] = v + s
		}
	case '-':
		for i, v := range x {
			out[i] = v - s
		}
	case '*':
		floats.ScaleTo(out, s, x)
	case '/':
		for i, v := range x {
			out[i] = v / s
		}
	}
}

func scalarVec(op byte, out []float64, s float64, y []float64) {
	out = out[:len(y)]
	switch op {
	case '+':
		for i, v := range y {
			out[i] = s + v
		}
	case '-':
		for i, v := range y {
			out[i] = s - v
		}
	case '*':
		floats.ScaleTo(out, s, y)
	case '/':
		for i, v := range y {
			out[i] = s / v
		}
	}
}

// Lt returns the mask a < o (see Array for the operands).
func (a Array) Lt(o any) (Mask, error) { return a.compare("Lt", "<", o) }

// Le returns the mask a <= o.
func (a Array) Le(o any) (Mask, error) { return a.compare("Le", "<=", o) }

// Gt returns the mask a > o.
func (a Array) Gt(o any) (Mask, error) { return a.compare("Gt", ">", o) }

// Ge returns the mask a >= o.
func (a Array) Ge(o any) (Mask, error) { return a.compare("Ge", ">=", o) }

// Eq returns the mask a == o.
func (a Array) Eq(o any) (Mask, error) { return a.compare("Eq", "==", o) }

// Ne returns the mask a != o.
func (a Array) Ne(o any) (Mask, error) { return a.compare("Ne", "!=", o) }

func (a Array) compare(fn, op string, o any) (Mask, error) {
	if a.err != nil {
		return nil, a.err
	}
	r, err := toOperand(fn, o)
	if err != nil {
		return nil, err
	}
	if r.dim != a.dim && !r.isZero {
		return nil, mismatch(op, a, o, false)
	}
	n := len(a.v)
	if r.v != nil {
		if len(a.v) != 1 && len(r.v) != len(a.v) {
			return nil, fmt.Errorf("%s: operands could not be broadcast together: lengths %d and %d", fn, len(a.v), len(r.v))
		}
		n = len(r.v)
	}
	out := make(Mask, n)
	for i := range out {
		x, y := a.v[min(i, len(a.v)-1)], r.s
		if r.v != nil {
			y = r.v[i]
		}
		out[i] = cmp(op, x, y)
	}
	return out, nil
}

func cmp(op string, x, y float64) bool {
	switch op {
	case "<":
		return x < y
	case "<=":
		return x <= y
	case ">":
		return x > y
	case ">=":
		return x >= y
	case "==":
		return x == y
	}
	return x != y
}
