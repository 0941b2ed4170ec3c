package units

import "math"

// HalfQuantity is a value whose unit has half exponents, which a Quantity
// cannot hold: Brian2's sqrt(4*ms) is 0.06324555 s^0.5. Notebook cells
// get one from sqrt of a unit with odd exponents; multiplied by another
// half unit it becomes a Quantity again (Integer).
type HalfQuantity struct {
	Value float64 // in SI units
	Dim   HalfDim
}

// Integer returns h as a Quantity when its exponents are integers.
func (h HalfQuantity) Integer() (Quantity, bool) {
	d, ok := h.Dim.Dim()
	return Quantity{h.Value, d}, ok
}

// String formats h as Brian2 prints it: "0.06324555 s^0.5", or as a
// Quantity prints when its exponents are integers.
func (h HalfQuantity) String() string {
	if q, ok := h.Integer(); ok {
		return q.String()
	}
	return FormatNumber(h.Value) + " " + h.Dim.Unit()
}

// MIMEBundle returns the text/plain rendering for notebooks.
func (h HalfQuantity) MIMEBundle() map[string]any {
	if q, ok := h.Integer(); ok {
		return q.MIMEBundle()
	}
	return map[string]any{"text/plain": h.String()}
}

// Neg returns -h.
func (h HalfQuantity) Neg() HalfQuantity { return HalfQuantity{-h.Value, h.Dim} }

// Abs returns |h|.
func (h HalfQuantity) Abs() HalfQuantity { return HalfQuantity{math.Abs(h.Value), h.Dim} }
