package nsim

import (
	"fmt"

	"gonsim/nsim/units"
)

var (
	dimless = units.Dim{}
	timeDim = units.Dim{2: 1}
	freqDim = units.Dim{2: -1}
)

// Values is a monitor's trace, its times, or a group variable: an array
// of numbers with one physical dimension (units.Array, with its arithmetic,
// math functions, reductions and printing). In converts to plain numbers in
// a unit, Floats gives SI values, Err says why a request gave no values.
type Values = units.Array

// newValues labels SI values v of dimension d as name; the Values own v.
func newValues(name string, v []float64, d units.Dim) Values {
	return units.NewArray(v, d).Named(name)
}

// failedValues is the empty Values of a request that could not be served.
func failedValues(err error) Values { return units.ErrArray(err) }

func dimString(d units.Dim) string {
	if d == (units.Dim{}) {
		return "1"
	}
	return units.Quantity{Value: 1, Dim: d}.String()
}

// quantityArg converts a user-given value to a quantity: any
// units.Quantifier, or a float64/int (dimensionless).
func quantityArg(fn, arg string, x any) (units.Quantity, error) {
	switch x := x.(type) {
	case units.Quantifier:
		return x.Q(), nil
	case float64:
		return units.Quantity{Value: x}, nil
	case float32:
		return units.Quantity{Value: float64(x)}, nil
	case int:
		return units.Quantity{Value: float64(x)}, nil
	case int64:
		return units.Quantity{Value: float64(x)}, nil
	case nil:
		return units.Quantity{}, &ArgError{fn, arg, "missing value (nil)"}
	}
	return units.Quantity{}, &ArgError{fn, arg, fmt.Sprintf("want a quantity or a number, got %T", x)}
}

// secondsArg converts a time quantity to seconds.
func secondsArg(fn, arg string, x any) (float64, error) {
	q, err := quantityArg(fn, arg, x)
	if err != nil {
		return 0, err
	}
	if q.Dim != timeDim {
		return 0, &ArgError{fn, arg, fmt.Sprintf("want a time (e.g. 10*ms), got %s (unit %s)", q, dimString(q.Dim))}
	}
	return q.Value, nil
}

// timesArg converts a list of times: []units.Time, []units.Quantity,
// Values of time, or []any of quantities.
func timesArg(fn, arg string, x any) ([]float64, error) {
	switch x := x.(type) {
	case []units.Time:
		out := make([]float64, len(x))
		for i, t := range x {
			out[i] = float64(t)
		}
		return out, nil
	case []units.Quantity:
		out := make([]float64, len(x))
		for i, q := range x {
			if q.Dim != timeDim {
				return nil, &ArgError{fn, arg, fmt.Sprintf("element %d is %s, not a time", i, q)}
			}
			out[i] = q.Value
		}
		return out, nil
	case Values:
		if x.Dim() != timeDim {
			return nil, &ArgError{fn, arg, fmt.Sprintf("want times, got values with unit %s", dimString(x.Dim()))}
		}
		return x.Floats(), nil
	case []any:
		out := make([]float64, len(x))
		for i, e := range x {
			s, err := secondsArg(fn, fmt.Sprintf("%s[%d]", arg, i), e)
			if err != nil {
				return nil, err
			}
			out[i] = s
		}
		return out, nil
	case []float64:
		return nil, &ArgError{fn, arg, "times need a unit: use []units.Time (e.g. multiply by ms) or nsim.Times(values, unit)"}
	}
	return nil, &ArgError{fn, arg, fmt.Sprintf("want a list of times, got %T", x)}
}

// Times multiplies plain numbers by a time unit: Times([]float64{10, 20}, ms)
// is 10 ms and 20 ms.
func Times(values []float64, unit units.Time) []units.Time {
	out := make([]units.Time, len(values))
	for i, v := range values {
		out[i] = units.Time(v) * unit
	}
	return out
}
