package units

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Constant expressions (Parse) are evaluated with dimensions whose
// exponents may be halves, as Brian2's are: (2/tau)**.5 has unit s^-0.5.
// A Quantity's Dim holds integer exponents (the architecture's contract),
// so such a value can be an intermediate result — (2/tau)**.5 * sqrt(ms)
// is fine — but not the result of Parse; that is an error which says so
// and points to the model equations, where half exponents are allowed.

// HalfDim is a dimension whose exponents may be halves, held doubled:
// white noise xi has unit second**-0.5, and (2/tau)**.5 appears next to
// it. Model expressions (nsim/expr) and constant expressions (Parse) are
// checked with it; only their results must have integer exponents (Dim).
type HalfDim [7]int16

// Half returns d with its exponents doubled.
func Half(d Dim) HalfDim {
	var h HalfDim
	for i, e := range d {
		h[i] = 2 * int16(e)
	}
	return h
}

// Dim returns h as a Dim if its exponents are integers that fit one.
func (h HalfDim) Dim() (Dim, bool) {
	var d Dim
	for i, e := range h {
		if e%2 != 0 || e/2 > math.MaxInt8 || e/2 < math.MinInt8 {
			return Dim{}, false
		}
		d[i] = int8(e / 2)
	}
	return d, true
}

// Dimensionless reports whether every exponent is 0.
func (h HalfDim) Dimensionless() bool { return h == HalfDim{} }

// Mul is the dimension of a product.
func (h HalfDim) Mul(o HalfDim) HalfDim {
	for i := range h {
		h[i] += o[i]
	}
	return h
}

// Div is the dimension of a quotient.
func (h HalfDim) Div(o HalfDim) HalfDim {
	for i := range h {
		h[i] -= o[i]
	}
	return h
}

// Pow raises h to the real power x. ok is false if an exponent of the
// result is not a multiple of one half or does not fit a Dim; bad is then
// the index of the first such base unit (in the order of Dim).
func (h HalfDim) Pow(x float64) (r HalfDim, bad int, ok bool) {
	for i, e := range h {
		f := float64(e) * x
		if f != math.Trunc(f) || math.Abs(f) > 2*math.MaxInt8 {
			return HalfDim{}, i, false
		}
		r[i] = int16(f)
	}
	return r, 0, true
}

// Unit formats the dimension as Dim.Unit does, with exponents such as
// "s^-0.5" when they are halves.
func (h HalfDim) Unit() string {
	if d, ok := h.Dim(); ok {
		return d.Unit()
	}
	var parts []string
	for i, e := range h {
		switch {
		case e == 2:
			parts = append(parts, baseSymbols[i])
		case e != 0:
			parts = append(parts, baseSymbols[i]+"^"+strconv.FormatFloat(float64(e)/2, 'g', -1, 64))
		}
	}
	return strings.Join(parts, " ")
}

// hq is a quantity during the evaluation of a constant expression.
type hq struct {
	v float64
	d HalfDim
}

func toHQ(q Quantity) hq { return hq{q.Value, Half(q.Dim)} }

// quantity converts h to a Quantity if its exponents are integers that
// fit a Dim.
func (h hq) quantity() (Quantity, bool) {
	d, ok := h.d.Dim()
	return Quantity{h.v, d}, ok
}

func (h hq) dimensionless() bool { return h.d.Dimensionless() }

// String prints h as quantities print, or as "value unit" when the unit
// has half exponents.
func (h hq) String() string {
	if q, ok := h.quantity(); ok {
		return q.String()
	}
	return fmt.Sprintf("%.6g %s", h.v, h.d.Unit())
}

func (h hq) mul(o hq) hq { return hq{h.v * o.v, h.d.Mul(o.d)} }

func (h hq) div(o hq) hq { return hq{h.v / o.v, h.d.Div(o.d)} }

// pow raises h to a real power; every exponent of the result must be a
// multiple of one half.
func (h hq) pow(x float64) (hq, error) {
	d, i, ok := h.d.Pow(x)
	if !ok {
		return hq{}, fmt.Errorf("cannot raise %s to the power %v: %s would have the exponent %v, and units have integer or half exponents",
			h, x, baseSymbols[i], float64(h.d[i])/2*x)
	}
	return hq{math.Pow(h.v, x), d}, nil
}
