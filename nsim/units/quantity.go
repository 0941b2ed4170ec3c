package units

import (
	"fmt"
	"math"
)

// Quantity is a float64 value in SI units together with its dimension.
// 20 mV is Quantity{0.02, DimVoltage}.
type Quantity struct {
	Value float64
	Dim   Dim
}

// Quantifier is implemented by every quantity type of this package: the
// typed floats (Time, Voltage, …) and Quantity itself.
type Quantifier interface {
	Q() Quantity
}

// New returns the quantity value·dim (value in SI units).
func New(value float64, dim Dim) Quantity { return Quantity{value, dim} }

// Q returns q itself, so that Quantity is a Quantifier.
func (q Quantity) Q() Quantity { return q }

// Of converts a parameter value given from Go to a Quantity: any
// Quantifier, a float or integer (dimensionless) or a bool (1 or 0).
func Of(x any) (Quantity, error) {
	switch v := x.(type) {
	case Quantifier:
		return v.Q(), nil
	case float64:
		return Quantity{Value: v}, nil
	case float32:
		return Quantity{Value: float64(v)}, nil
	case int:
		return Quantity{Value: float64(v)}, nil
	case int64:
		return Quantity{Value: float64(v)}, nil
	case int32:
		return Quantity{Value: float64(v)}, nil
	case uint:
		return Quantity{Value: float64(v)}, nil
	case bool:
		if v {
			return Quantity{Value: 1}, nil
		}
		return Quantity{}, nil
	}
	return Quantity{}, fmt.Errorf("units: %v (%T) is not a quantity or a number", x, x)
}

// DimensionError reports an operation on quantities of incompatible
// dimensions. It names both operands and both units.
type DimensionError struct {
	Op          string // "+", "-", "compare", "convert", …
	Left, Right Quantity
}

func (e *DimensionError) Error() string {
	switch e.Op {
	case "convert":
		return fmt.Sprintf("cannot express %s in %s, units do not match (units are %s and %s)",
			e.Left, e.Right, e.Left.Dim.Unit(), e.Right.Dim.Unit())
	case "compare":
		return fmt.Sprintf("cannot compare %s with %s, units do not match (units are %s and %s)",
			e.Left, e.Right, e.Left.Dim.Unit(), e.Right.Dim.Unit())
	}
	return fmt.Sprintf("cannot calculate %s %s %s, units do not match (units are %s and %s)",
		e.Left, e.Op, e.Right, e.Left.Dim.Unit(), e.Right.Dim.Unit())
}

// Add returns q+o; the dimensions must agree.
func (q Quantity) Add(o Quantifier) (Quantity, error) {
	r := o.Q()
	if q.Dim != r.Dim {
		return Quantity{}, &DimensionError{"+", q, r}
	}
	return Quantity{q.Value + r.Value, q.Dim}, nil
}

// Sub returns q-o; the dimensions must agree.
func (q Quantity) Sub(o Quantifier) (Quantity, error) {
	r := o.Q()
	if q.Dim != r.Dim {
		return Quantity{}, &DimensionError{"-", q, r}
	}
	return Quantity{q.Value - r.Value, q.Dim}, nil
}

// Mul returns q·o.
func (q Quantity) Mul(o Quantifier) Quantity {
	r := o.Q()
	return Quantity{q.Value * r.Value, q.Dim.Mul(r.Dim)}
}

// Div returns q/o.
func (q Quantity) Div(o Quantifier) Quantity {
	r := o.Q()
	return Quantity{q.Value / r.Value, q.Dim.Div(r.Dim)}
}

// Scale returns f·q.
func (q Quantity) Scale(f float64) Quantity { return Quantity{q.Value * f, q.Dim} }

// Neg returns -q.
func (q Quantity) Neg() Quantity { return Quantity{-q.Value, q.Dim} }

// Pow returns q raised to an integer power.
func (q Quantity) Pow(n int) Quantity {
	return Quantity{math.Pow(q.Value, float64(n)), q.Dim.Pow(n)}
}

// PowF returns q**x for a real exponent. It fails if the result's
// dimension would have non-integer exponents (x = 0.5 needs even exponents).
func (q Quantity) PowF(x float64) (Quantity, error) {
	var d Dim
	for i, e := range q.Dim {
		f := float64(e) * x
		if f != math.Trunc(f) || math.Abs(f) > 127 {
			return Quantity{}, fmt.Errorf("cannot raise %s to the power %v: the unit %s would have a fractional exponent", q, x, q.Dim.Unit())
		}
		d[i] = int8(f)
	}
	return Quantity{math.Pow(q.Value, x), d}, nil
}

// Sqrt returns the square root of q (see PowF).
func (q Quantity) Sqrt() (Quantity, error) { return q.PowF(0.5) }

// In returns q's value in unit u ((20 mV).In(Millivolt) is 20).
func (q Quantity) In(u Quantifier) (float64, error) {
	r := u.Q()
	if q.Dim != r.Dim {
		return 0, &DimensionError{"convert", q, r}
	}
	return q.Value / r.Value, nil
}

// Float returns the value of a dimensionless quantity.
func (q Quantity) Float() (float64, error) {
	if !q.Dim.IsDimensionless() {
		return 0, &DimensionError{"convert", q, Quantity{Value: 1}}
	}
	return q.Value, nil
}

// Cmp compares q and o: -1 if q < o, 0 if equal, +1 if q > o. The
// dimensions must agree.
func (q Quantity) Cmp(o Quantifier) (int, error) {
	r := o.Q()
	if q.Dim != r.Dim {
		return 0, &DimensionError{"compare", q, r}
	}
	switch {
	case q.Value < r.Value:
		return -1, nil
	case q.Value > r.Value:
		return 1, nil
	}
	return 0, nil
}

// IsDimensionless reports whether q has no dimension.
func (q Quantity) IsDimensionless() bool { return q.Dim.IsDimensionless() }

// MIMEBundle returns text/plain (as String) and text/latex (as LaTeX in $…$)
// renderings for notebooks.
func (q Quantity) MIMEBundle() map[string]any {
	return map[string]any{"text/plain": q.String(), "text/latex": "$" + q.LaTeX() + "$"}
}
