package units

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/floats"
)

// Arange returns start, start+step, … up to but excluding stop, numpy's
// np.arange(start, stop, step). The three must have one unit (plain
// numbers for a dimensionless array).
func Arange(start, stop, step any) (Array, error) {
	qs, err := sameUnit("Arange", []string{"start", "stop", "step"}, start, stop, step)
	if err != nil {
		return Array{}, err
	}
	s, e, d := qs[0].Value, qs[1].Value, qs[2].Value
	if d == 0 || math.IsNaN(d) || math.IsInf(d, 0) || math.IsNaN(s) || math.IsNaN(e) || math.IsInf(s, 0) || math.IsInf(e, 0) {
		return Array{}, fmt.Errorf("Arange: step: cannot step from %s to %s by %s", qs[0], qs[1], qs[2])
	}
	n := math.Ceil((e - s) / d)
	if n < 0 {
		n = 0
	}
	if n > 1e9 {
		return Array{}, fmt.Errorf("Arange: %v values are too many", n)
	}
	out := make([]float64, int(n))
	for i := range out {
		out[i] = s + float64(i)*d
	}
	return Array{v: out, dim: qs[0].Dim}, nil
}

// Linspace returns n evenly spaced values from start to stop inclusive,
// numpy's np.linspace(start, stop, n).
func Linspace(start, stop any, n int) (Array, error) {
	qs, err := sameUnit("Linspace", []string{"start", "stop"}, start, stop)
	if err != nil {
		return Array{}, err
	}
	if n < 0 {
		return Array{}, fmt.Errorf("Linspace: n: the number of values must not be negative, got %d", n)
	}
	out := make([]float64, n)
	s, e := qs[0].Value, qs[1].Value
	if n == 1 {
		out[0] = s
	} else if n > 1 {
		floats.Span(out, s, e)
		out[n-1] = e // numpy ends on stop exactly
	}
	return Array{v: out, dim: qs[0].Dim}, nil
}

// sameUnit converts the arguments to quantities of one dimension.
func sameUnit(fn string, names []string, xs ...any) ([]Quantity, error) {
	qs := make([]Quantity, len(xs))
	for i, x := range xs {
		q, err := Of(x)
		if err != nil || x == nil {
			return nil, fmt.Errorf("%s: %s: want a number or a quantity, got %T", fn, names[i], x)
		}
		if i > 0 && q.Dim != qs[0].Dim {
			return nil, fmt.Errorf("%s: %s is %s but %s is %s, units do not match (units are %s and %s)",
				fn, names[0], qs[0], names[i], q, qs[0].Dim.Unit(), q.Dim.Unit())
		}
		qs[i] = q
	}
	return qs, nil
}

// Histogram counts the values in bins, numpy's np.histogram: bins is a
// number of equal bins spanning [Min, Max] (widened by ±0.5 of the unit's
// SI value when all values are equal), or the bin edges as an Array of a's
// unit (or a []float64 when a is dimensionless). Each bin holds edges[i] <=
// x < edges[i+1], the last one also its right edge; values outside are not
// counted. counts is dimensionless, edges has a's unit.
func (a Array) Histogram(bins any) (counts, edges Array, err error) {
	if a.err != nil {
		return a, a, a.err
	}
	var e []float64
	switch b := bins.(type) {
	case int:
		if e, err = a.equalBins(b); err != nil {
			return Array{}, Array{}, err
		}
	case Array, []float64:
		o, err := toOperand("Histogram", b)
		if err != nil {
			return Array{}, Array{}, err
		}
		if o.dim != a.dim {
			return Array{}, Array{}, fmt.Errorf("Histogram: bins: the edges have unit %s, the values %s", o.dim.Unit(), a.dim.Unit())
		}
		e = o.v
		if o.v == nil {
			e = []float64{o.s}
		}
		if len(e) < 2 || !sort.Float64sAreSorted(e) {
			return Array{}, Array{}, fmt.Errorf("Histogram: bins: the edges must be at least two and increase monotonically")
		}
	default:
		return Array{}, Array{}, fmt.Errorf("Histogram: bins: want a number of bins or the edges, got %T", bins)
	}
	c := make([]float64, len(e)-1)
	for _, x := range a.v {
		if k := binOf(e, x); k >= 0 {
			c[k]++
		}
	}
	return Array{v: c}, Array{v: e, dim: a.dim}, nil
}

// equalBins returns the edges of n equal bins over a's range.
func (a Array) equalBins(n int) ([]float64, error) {
	if n < 1 {
		return nil, fmt.Errorf("Histogram: bins: want at least one bin, got %d", n)
	}
	lo, hi := 0.0, 1.0
	if len(a.v) > 0 {
		lo, hi = floats.Min(a.v), floats.Max(a.v)
	}
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) || floats.HasNaN(a.v) {
		return nil, fmt.Errorf("Histogram: the range of %s is not finite", a.label())
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	e := make([]float64, n+1)
	floats.Span(e, lo, hi)
	e[n] = hi
	return e, nil
}

// binOf returns the bin of x (-1 outside the edges).
func binOf(e []float64, x float64) int {
	last := len(e) - 1
	if !(x >= e[0] && x <= e[last]) {
		return -1
	}
	if x == e[last] {
		return last - 1
	}
	// First edge greater than x, minus one.
	return sort.SearchFloat64s(e, math.Nextafter(x, math.Inf(1))) - 1
}
