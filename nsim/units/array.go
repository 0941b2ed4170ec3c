package units

import (
	"fmt"
	"math"
)

// Array is a one-dimensional array of SI values with one dimension, as a
// Brian2 Quantity array: [0.02, 0.02, 0.1]/ms is ArrayOf(0.02, 0.02,
// 0.1).Per(Millisecond), 20, 20 and 100 Hz. Monitors and groups return
// their values as Arrays (nsim.Values is this type).
//
// An Array is a value: operations return new Arrays and never change their
// operands. Binary operations (Add, Sub, Mul, Div, RSub, RDiv) and
// comparisons take a float64, an int, any Quantifier (Voltage, Quantity, …)
// or an Array of the same length; an Array of length 1 broadcasts like a
// scalar, as in numpy. Sums, differences and comparisons need equal
// dimensions (a plain 0 fits every unit, as in Brian2); a mismatch is an
// *ArrayDimensionError naming both operands and both units.
//
// An Array may carry an error (Err): it then came from a request that could
// not be served (a monitor asked for a variable it does not record, a slice
// out of range). Every operation on it returns that error.
type Array struct {
	name string
	v    []float64 // SI values
	dim  Dim
	err  error
}

// NewArray returns the array of SI values si with dimension d. The array
// uses si; the caller must not change it afterwards.
func NewArray(si []float64, d Dim) Array { return Array{v: si, dim: d} }

// ArrayOf returns a dimensionless array of the values xs (numpy's
// np.array([...])); Times and Per give it a unit.
func ArrayOf(xs ...float64) Array { return Array{v: append([]float64(nil), xs...)} }

// ErrArray returns an empty array that carries err (see Array).
func ErrArray(err error) Array { return Array{err: err} }

// Named returns a with the label name (used in messages and displays); the
// values are shared.
func (a Array) Named(name string) Array { a.name = name; return a }

// Name returns the array's label ("" when it has none).
func (a Array) Name() string { return a.name }

// Err says why an array is empty when it came from a request that could
// not be served (e.g. a monitor asked for a variable it does not record).
func (a Array) Err() error { return a.err }

// Len returns the number of values.
func (a Array) Len() int { return len(a.v) }

// Dim returns the values' physical dimension.
func (a Array) Dim() Dim { return a.dim }

// Floats returns the values in SI base units (for dimensionless values,
// the values themselves). The slice is a copy.
func (a Array) Floats() []float64 { return append([]float64(nil), a.v...) }

// SI returns the SI values without copying them; the caller must not change
// them. Compiled code uses it to avoid a copy of large arrays.
func (a Array) SI() []float64 { return a.v }

// Times returns a·u (Brian2's [1, 2, 3]*ms: ArrayOf(1, 2, 3).Times(ms)).
func (a Array) Times(u Quantifier) Array { return a.scaled(u.Q(), false) }

// Per returns a/u (Brian2's [0.02, 0.1]/ms, 20 and 100 Hz:
// ArrayOf(0.02, 0.1).Per(ms)).
func (a Array) Per(u Quantifier) Array { return a.scaled(u.Q(), true) }

func (a Array) scaled(q Quantity, inverse bool) Array {
	if a.err != nil {
		return a
	}
	f, d := q.Value, a.dim.Mul(q.Dim)
	if inverse {
		f, d = 1/q.Value, a.dim.Div(q.Dim)
	}
	out := make([]float64, len(a.v))
	for i, x := range a.v {
		out[i] = x * f
	}
	return Array{v: out, dim: d}
}

// In returns the values divided by unit u, e.g. In(Millisecond). It
// returns nil when u's dimension differs from the values'; Convert says
// why.
func (a Array) In(u any) []float64 {
	out, err := a.Convert(u)
	if err != nil {
		return nil
	}
	return out
}

// Convert is In with an error for a unit of the wrong dimension.
func (a Array) Convert(u any) ([]float64, error) {
	if a.err != nil {
		return nil, a.err
	}
	q, err := Of(u)
	if err != nil || u == nil {
		return nil, fmt.Errorf("In: unit: want a quantity or a number, got %T", u)
	}
	if q.Dim != a.dim {
		return nil, fmt.Errorf("In: unit: %s has unit %s, cannot be expressed in %s", a.label(), unitName(a.dim), q)
	}
	if q.Value == 0 || math.IsNaN(q.Value) {
		return nil, fmt.Errorf("In: unit: the unit is zero")
	}
	out := make([]float64, len(a.v))
	for i, x := range a.v {
		out[i] = x / q.Value
	}
	return out, nil
}

// unitName is Dim.Unit, which already says "1" for dimensionless.
func unitName(d Dim) string { return d.Unit() }

func (a Array) label() string {
	if a.name == "" {
		return "the values"
	}
	return a.name
}

// At returns the values at the given positions (e.g. the steps of a
// monitor's trace, Brian2's M.v[0][steps]); out-of-range positions give
// NaN.
func (a Array) At(idx ...int) Array {
	if a.err != nil {
		return a
	}
	out := make([]float64, len(idx))
	for k, i := range idx {
		if i < 0 || i >= len(a.v) {
			out[k] = math.NaN()
		} else {
			out[k] = a.v[i]
		}
	}
	return Array{name: a.name, v: out, dim: a.dim}
}

// Index returns one value with its unit, Brian2's a[i] (NaN when i is out
// of range).
func (a Array) Index(i int) Quantity {
	if i < 0 || i >= len(a.v) {
		return Quantity{Value: math.NaN(), Dim: a.dim}
	}
	return Quantity{Value: a.v[i], Dim: a.dim}
}

// Slice returns a[i:j] as Go slices it (it shares the values). Indices out
// of range give an array that carries the error.
func (a Array) Slice(i, j int) Array {
	if a.err != nil {
		return a
	}
	if i < 0 || j < i || j > len(a.v) {
		return Array{err: fmt.Errorf("Slice(%d, %d): %s has %d values", i, j, a.label(), len(a.v))}
	}
	return Array{name: a.name, v: a.v[i:j:j], dim: a.dim}
}

// Where returns the values where m is true (numpy's a[mask]).
func (a Array) Where(m Mask) (Array, error) {
	if a.err != nil {
		return a, a.err
	}
	if len(m) != len(a.v) {
		return Array{}, fmt.Errorf("Where: the mask has %d values, %s has %d", len(m), a.label(), len(a.v))
	}
	out := make([]float64, 0, m.Count())
	for i, ok := range m {
		if ok {
			out = append(out, a.v[i])
		}
	}
	return Array{name: a.name, v: out, dim: a.dim}, nil
}

// Mask is the result of comparing arrays, numpy's boolean arrays; Where
// selects with it.
type Mask []bool

// Count returns the number of true values (numpy's np.sum(mask)).
func (m Mask) Count() int {
	n := 0
	for _, b := range m {
		if b {
			n++
		}
	}
	return n
}

// Not returns the negation of m (numpy's ~m).
func (m Mask) Not() Mask {
	out := make(Mask, len(m))
	for i, b := range m {
		out[i] = !b
	}
	return out
}

// And returns m & o; the lengths must agree.
func (m Mask) And(o Mask) (Mask, error) { return m.combine("And", o, true) }

// Or returns m | o; the lengths must agree.
func (m Mask) Or(o Mask) (Mask, error) { return m.combine("Or", o, false) }

func (m Mask) combine(fn string, o Mask, and bool) (Mask, error) {
	if len(m) != len(o) {
		return nil, fmt.Errorf("%s: masks of %d and %d values", fn, len(m), len(o))
	}
	out := make(Mask, len(m))
	for i := range m {
		if and {
			out[i] = m[i] && o[i]
		} else {
			out[i] = m[i] || o[i]
		}
	}
	return out, nil
}
