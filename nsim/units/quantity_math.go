package units

import "math"

// The functions of a dimensionless quantity, with Brian2's rule: exp, log
// and the trigonometric functions of a quantity with a unit are errors
// (exp of 5 mV fails), exp(-t/tau) is a number.

func (q Quantity) apply(fn string, f func(float64) float64) (Quantity, error) {
	if !q.Dim.IsDimensionless() {
		return Quantity{}, &DimensionlessError{fn, q.String(), q.Dim}
	}
	return Quantity{Value: f(q.Value)}, nil
}

// Exp returns e**q of a dimensionless q.
func (q Quantity) Exp() (Quantity, error) { return q.apply("exp", math.Exp) }

// Log returns the natural logarithm of a dimensionless q.
func (q Quantity) Log() (Quantity, error) { return q.apply("log", math.Log) }

// Log10 returns the decimal logarithm of a dimensionless q.
func (q Quantity) Log10() (Quantity, error) { return q.apply("log10", math.Log10) }

// Sin returns the sine of a dimensionless q.
func (q Quantity) Sin() (Quantity, error) { return q.apply("sin", math.Sin) }

// Cos returns the cosine of a dimensionless q.
func (q Quantity) Cos() (Quantity, error) { return q.apply("cos", math.Cos) }

// Tanh returns the hyperbolic tangent of a dimensionless q.
func (q Quantity) Tanh() (Quantity, error) { return q.apply("tanh", math.Tanh) }

// Abs returns |q| with q's unit.
func (q Quantity) Abs() Quantity { return Quantity{Value: math.Abs(q.Value), Dim: q.Dim} }

// Clip limits q to [lo, hi], which must have q's unit.
func (q Quantity) Clip(lo, hi any) (Quantity, error) {
	a, err := NewArray([]float64{q.Value}, q.Dim).Clip(lo, hi)
	if err != nil {
		return Quantity{}, err
	}
	return a.Index(0), nil
}
