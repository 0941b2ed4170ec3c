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

// hdim holds doubled exponents.
type hdim [7]int16

// hq is a quantity during the evaluation of a constant expression.
type hq struct {
	v float64
	d hdim
}

func toHQ(q Quantity) hq {
	var d hdim
	for i, e := range q.Dim {
		d[i] = 2 * int16(e)
	}
	return hq{q.Value, d}
}

// quantity converts h to a Quantity if its exponents are integers that
// fit a Dim.
func (h hq) quantity() (Quantity, bool) {
	var d Dim
	for i, e := range h.d {
		if e%2 != 0 || e/2 > math.MaxInt8 || e/2 < math.MinInt8 {
			return Quantity{}, false
		}
		d[i] = int8(e / 2)
	}
	return Quantity{h.v, d}, true
}

func (h hq) dimensionless() bool { return h.d == hdim{} }

// unit formats the dimension as Dim.Unit does, with exponents such as
// "s^-0.5" when they are halves.
func (d hdim) unit() string {
	if q, ok := (hq{0, d}).quantity(); ok {
		return q.Dim.Unit()
	}
	var parts []string
	for i, e := range d {
		switch {
		case e == 2:
			parts = append(parts, baseSymbols[i])
		case e != 0:
			parts = append(parts, baseSymbols[i]+"^"+strconv.FormatFloat(float64(e)/2, 'g', -1, 64))
		}
	}
	return strings.Join(parts, " ")
}

// String prints h as quantities print, or as "value unit" when the unit
// has half exponents.
func (h hq) String() string {
	if q, ok := h.quantity(); ok {
		return q.String()
	}
	return fmt.Sprintf("%.6g %s", h.v, h.d.unit())
}

func (h hq) mul(o hq) hq {
	for i := range h.d {
		h.d[i] += o.d[i]
	}
	h.v *= o.v
	return h
}

func (h hq) div(o hq) hq {
	for i := range h.d {
		h.d[i] -= o.d[i]
	}
	h.v /= o.v
	return h
}

// pow raises h to a real power; every exponent of the result must be a
// multiple of one half.
func (h hq) pow(x float64) (hq, error) {
	var d hdim
	for i, e := range h.d {
		f := float64(e) * x
		if f != math.Trunc(f) || math.Abs(f) > 2*math.MaxInt8 {
			return hq{}, fmt.Errorf("cannot raise %s to the power %v: %s would have the exponent %v, and units have integer or half exponents",
				h, x, baseSymbols[i], float64(e)/2*x)
		}
		d[i] = int16(f)
	}
	return hq{math.Pow(h.v, x), d}, nil
}
