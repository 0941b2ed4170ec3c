package units

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"
)

// DimensionlessError reports a function that needs a dimensionless
// argument, as Brian2 does: "exp expects a dimensionless argument but got
// 5. mV (unit is V)".
type DimensionlessError struct {
	Func string // "exp", "log", …
	Arg  string // the argument as it prints
	Dim  Dim
}

func (e *DimensionlessError) Error() string {
	return fmt.Sprintf("%s expects a dimensionless argument but got %s (unit is %s)", e.Func, e.Arg, e.Dim.Unit())
}

// apply maps a dimensionless array through f (a compiled loop).
func (a Array) apply(fn string, f func(float64) float64) (Array, error) {
	if a.err != nil {
		return a, a.err
	}
	if !a.dim.IsDimensionless() {
		return Array{}, &DimensionlessError{fn, a.String(), a.dim}
	}
	return a.mapped(f, a.dim), nil
}

func (a Array) mapped(f func(float64) float64, d Dim) Array {
	out := make([]float64, len(a.v))
	for i, x := range a.v {
		out[i] = f(x)
	}
	return Array{v: out, dim: d}
}

// Exp returns e**a; a must be dimensionless (exp of 5 mV is an error).
func (a Array) Exp() (Array, error) { return a.apply("exp", math.Exp) }

// Log returns the natural logarithm of a dimensionless a.
func (a Array) Log() (Array, error) { return a.apply("log", math.Log) }

// Log10 returns the decimal logarithm of a dimensionless a.
func (a Array) Log10() (Array, error) { return a.apply("log10", math.Log10) }

// Sin returns the sine of a dimensionless a (radians).
func (a Array) Sin() (Array, error) { return a.apply("sin", math.Sin) }

// Cos returns the cosine of a dimensionless a (radians).
func (a Array) Cos() (Array, error) { return a.apply("cos", math.Cos) }

// Tanh returns the hyperbolic tangent of a dimensionless a.
func (a Array) Tanh() (Array, error) { return a.apply("tanh", math.Tanh) }

// Abs returns |a| with a's unit.
func (a Array) Abs() Array {
	if a.err != nil {
		return a
	}
	return a.mapped(math.Abs, a.dim)
}

// Pow returns a**x. The unit's exponents times x must be integers
// (Brian2 allows halves, which a Dim cannot hold: see Sqrt).
func (a Array) Pow(x float64) (Array, error) {
	if a.err != nil {
		return a, a.err
	}
	d, err := powDim(a.dim, x)
	if err != nil {
		return Array{}, fmt.Errorf("cannot raise %s to the power %v: %w", a, x, err)
	}
	switch x {
	case 2:
		return a.mapped(func(v float64) float64 { return v * v }, d), nil
	case 0.5:
		return a.mapped(math.Sqrt, d), nil
	}
	return a.mapped(func(v float64) float64 { return math.Pow(v, x) }, d), nil
}

// Sqrt returns the square root of a; its unit's exponents halve, so they
// must be even (sqrt of an array in ms is an error here, where Brian2 gives
// s^0.5).
func (a Array) Sqrt() (Array, error) { return a.Pow(0.5) }

func powDim(d Dim, x float64) (Dim, error) {
	var r Dim
	for i, e := range d {
		f := float64(e) * x
		if f != math.Trunc(f) || math.Abs(f) > math.MaxInt8 {
			return Dim{}, fmt.Errorf("the unit %s would have a fractional exponent", d.Unit())
		}
		r[i] = int8(f)
	}
	return r, nil
}

// Clip limits the values to [lo, hi] (numpy's np.clip); lo and hi are
// quantities of a's unit (or plain numbers when a is dimensionless).
func (a Array) Clip(lo, hi any) (Array, error) {
	if a.err != nil {
		return a, a.err
	}
	l, err := Of(lo)
	if err != nil {
		return Array{}, fmt.Errorf("Clip: lo: %v", err)
	}
	h, err := Of(hi)
	if err != nil {
		return Array{}, fmt.Errorf("Clip: hi: %v", err)
	}
	for _, q := range []Quantity{l, h} {
		if q.Dim != a.dim {
			return Array{}, &ArrayDimensionError{Op: "clip", Left: a.String(), Right: q.String(), LeftDim: a.dim, RightDim: q.Dim,
				scalar: DimensionError{Op: "clip", Left: a.Index(0), Right: q}}
		}
	}
	out := make([]float64, len(a.v))
	for i, x := range a.v {
		out[i] = math.Min(math.Max(x, l.Value), h.Value)
	}
	return Array{v: out, dim: a.dim}, nil
}

// Reductions return NaN (with a's unit) for an empty array or one that
// carries an error, as numpy's mean of an empty array is nan.

func (a Array) q(x float64) Quantity { return Quantity{Value: x, Dim: a.dim} }

func (a Array) empty() bool { return a.err != nil || len(a.v) == 0 }

// Sum returns the sum of the values (0 for an empty array, as numpy).
func (a Array) Sum() Quantity { return a.q(floats.Sum(a.v)) }

// Mean returns the arithmetic mean.
func (a Array) Mean() Quantity {
	if a.empty() {
		return a.q(math.NaN())
	}
	return a.q(stat.Mean(a.v, nil))
}

// Std returns the standard deviation with ddof delta degrees of freedom,
// numpy's np.std(a, ddof=ddof): the divisor is n - ddof (0 gives the
// population, 1 the sample deviation).
func (a Array) Std(ddof int) Quantity { return a.q(math.Sqrt(a.Var(ddof).Value)) }

// Var returns the variance with ddof degrees of freedom (see Std); its unit
// is a's squared.
func (a Array) Var(ddof int) Quantity {
	n := len(a.v)
	if a.empty() || n-ddof <= 0 {
		return Quantity{Value: math.NaN(), Dim: a.dim.Pow(2)}
	}
	if n == 1 {
		return Quantity{Value: 0, Dim: a.dim.Pow(2)}
	}
	// gonum's variance divides by n-1; rescale to n-ddof.
	_, v := stat.MeanVariance(a.v, nil)
	return Quantity{Value: v * float64(n-1) / float64(n-ddof), Dim: a.dim.Pow(2)}
}

// Min returns the smallest value (NaN if any value is NaN, as numpy).
func (a Array) Min() Quantity {
	if a.empty() || floats.HasNaN(a.v) {
		return a.q(math.NaN())
	}
	return a.q(floats.Min(a.v))
}

// Max returns the largest value (NaN if any value is NaN, as numpy).
func (a Array) Max() Quantity {
	if a.empty() || floats.HasNaN(a.v) {
		return a.q(math.NaN())
	}
	return a.q(floats.Max(a.v))
}

// ArgMin returns the position of the smallest value (-1 when empty).
func (a Array) ArgMin() int {
	if a.empty() {
		return -1
	}
	return floats.MinIdx(a.v)
}

// ArgMax returns the position of the largest value (-1 when empty).
func (a Array) ArgMax() int {
	if a.empty() {
		return -1
	}
	return floats.MaxIdx(a.v)
}

// Median returns the median (numpy's np.median).
func (a Array) Median() Quantity { return a.Percentile(50) }

// Percentile returns the p-th percentile, 0 <= p <= 100, interpolated
// linearly between the sorted values as numpy's np.percentile does.
func (a Array) Percentile(p float64) Quantity {
	if a.empty() || !(p >= 0 && p <= 100) || floats.HasNaN(a.v) {
		return a.q(math.NaN())
	}
	s := append([]float64(nil), a.v...)
	sort.Float64s(s)
	pos := p / 100 * float64(len(s)-1)
	k := int(math.Floor(pos))
	if k >= len(s)-1 {
		return a.q(s[len(s)-1])
	}
	f := pos - float64(k)
	return a.q(s[k] + f*(s[k+1]-s[k]))
}

// Diff returns the differences of successive values, numpy's np.diff
// (one value fewer).
func (a Array) Diff() Array {
	if a.err != nil {
		return a
	}
	if len(a.v) < 2 {
		return Array{v: []float64{}, dim: a.dim}
	}
	out := make([]float64, len(a.v)-1)
	floats.SubTo(out, a.v[1:], a.v[:len(a.v)-1])
	return Array{v: out, dim: a.dim}
}

// Cumsum returns the running sums, numpy's np.cumsum.
func (a Array) Cumsum() Array {
	if a.err != nil {
		return a
	}
	out := make([]float64, len(a.v))
	if len(a.v) > 0 {
		floats.CumSum(out, a.v)
	}
	return Array{v: out, dim: a.dim}
}
