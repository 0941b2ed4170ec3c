package nsim

import (
	"fmt"
	"html"
	"math"
	"strings"

	"gonsim/nsim/units"
)

var (
	dimless = units.Dim{}
	timeDim = units.Dim{2: 1}
	freqDim = units.Dim{2: -1}
)

// Values is a read-only array of numbers with one physical dimension: a
// monitor's trace, its times, or a group variable. In converts to plain
// numbers in a unit, Floats gives SI values.
type Values struct {
	name string
	v    []float64 // SI
	dim  units.Dim
	err  error
}

// Err says why a Values is empty when it came from a request that could
// not be served (e.g. a monitor asked for a variable it does not record).
func (v Values) Err() error { return v.err }

// Len returns the number of values.
func (v Values) Len() int { return len(v.v) }

// Dim returns the values' physical dimension.
func (v Values) Dim() units.Dim { return v.dim }

// Floats returns the values in SI base units (for dimensionless values,
// the values themselves). The slice is a copy.
func (v Values) Floats() []float64 { return append([]float64(nil), v.v...) }

// In returns the values divided by unit u, e.g. In(units.Millisecond). It
// returns nil when u's dimension differs from the values'; Convert says
// why.
func (v Values) In(u any) []float64 {
	out, err := v.Convert(u)
	if err != nil {
		return nil
	}
	return out
}

// Convert is In with an error for a unit of the wrong dimension.
func (v Values) Convert(u any) ([]float64, error) {
	if v.err != nil {
		return nil, v.err
	}
	q, err := quantityArg("In", "unit", u)
	if err != nil {
		return nil, err
	}
	if q.Dim != v.dim {
		return nil, &ArgError{"In", "unit", fmt.Sprintf("%s has unit %s, cannot be expressed in %s", v.label(), dimString(v.dim), units.Quantity{Value: q.Value, Dim: q.Dim})}
	}
	if q.Value == 0 || math.IsNaN(q.Value) {
		return nil, &ArgError{"In", "unit", "the unit is zero"}
	}
	out := make([]float64, len(v.v))
	for i, x := range v.v {
		out[i] = x / q.Value
	}
	return out, nil
}

// At returns the values at the given positions (e.g. the steps of a
// monitor's trace); out-of-range positions give NaN.
func (v Values) At(idx ...int) Values {
	out := make([]float64, len(idx))
	for k, i := range idx {
		if i < 0 || i >= len(v.v) {
			out[k] = math.NaN()
		} else {
			out[k] = v.v[i]
		}
	}
	return Values{name: v.name, v: out, dim: v.dim}
}

// Index returns one value with its unit (NaN when i is out of range).
func (v Values) Index(i int) units.Quantity {
	if i < 0 || i >= len(v.v) {
		return units.Quantity{Value: math.NaN(), Dim: v.dim}
	}
	return units.Quantity{Value: v.v[i], Dim: v.dim}
}

func (v Values) label() string {
	if v.name == "" {
		return "the values"
	}
	return v.name
}

func dimString(d units.Dim) string {
	if d == (units.Dim{}) {
		return "1"
	}
	return units.Quantity{Value: 1, Dim: d}.String()
}

// String prints a short summary: the name, the count and the first values
// with their unit.
func (v Values) String() string {
	if v.err != nil {
		return "error: " + v.err.Error()
	}
	var b strings.Builder
	if v.name != "" {
		b.WriteString(v.name + ": ")
	}
	b.WriteString("[")
	for i, x := range v.v {
		if i == 6 && len(v.v) > 8 {
			fmt.Fprintf(&b, " … (%d values)", len(v.v))
			break
		}
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(units.Quantity{Value: x, Dim: v.dim}.String())
	}
	b.WriteString("]")
	return b.String()
}

// MIMEBundle shows the values in a notebook.
func (v Values) MIMEBundle() map[string]any {
	return map[string]any{
		"text/plain": v.String(),
		"text/html":  "<code>" + html.EscapeString(v.String()) + "</code>",
	}
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
		if x.dim != timeDim {
			return nil, &ArgError{fn, arg, fmt.Sprintf("want times, got values with unit %s", dimString(x.dim))}
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
