package units

import (
	"math"
	"strconv"
	"strings"
)

// String formats q as Brian2's str() does: the value in the best unit with
// numpy's array printing rules (at most 8 decimals, a trailing "." for whole
// numbers, scientific notation outside [1e-4, 1e8)) and the unit's short
// name: "20. mV", "1. nA", "0.5 ms", "0.02 mm^2". Without a named unit the
// SI value is followed by a named unit's rate ("10. V/s") or else the base
// units: "0.01 m^-4 kg^-1 s^4 A^2".
func (q Quantity) String() string {
	if q.Dim.IsDimensionless() {
		return FormatNumber(q.Value)
	}
	if u, ok := BestUnit(q); ok {
		return FormatNumber(q.Value/u.Scale) + " " + u.Display
	}
	// A rate of a named unit (10. V/s) reads better than the base units
	// Brian2 writes (10. m^2 kg s^-4 A^-1); anything else as Brian2 does.
	if u := q.Dim.Unit(); strings.Count(u, "/") == 1 {
		return FormatNumber(q.Value) + " " + u
	}
	return FormatNumber(q.Value) + " " + q.Dim.String()
}

// LaTeX renders q as Brian2's _repr_latex_ does (without the $…$), with
// the value rounded as String shows it: `20.0\,\mathrm{m}\mathrm{V}`, and
// `60.0\,\mathrm{p}\mathrm{A}` for 60.000000000000014 pA, where Brian2
// would print the float noise that its str hides.
func (q Quantity) LaTeX() string {
	if q.Dim.IsDimensionless() {
		return pyRepr(shown(q.Value))
	}
	if u, ok := BestUnit(q); ok {
		return pyRepr(shown(q.Value/u.Scale)) + `\,` + u.LaTeX
	}
	return pyRepr(shown(q.Value)) + `\,` + q.Dim.LaTeX()
}

// shown is x rounded as FormatNumber prints it (8 decimals, or 8 in the
// mantissa in scientific notation).
func shown(x float64) float64 {
	r, err := strconv.ParseFloat(FormatNumber(x), 64)
	if err != nil { // nan, inf
		return x
	}
	return r
}

// FormatNumber formats x as numpy prints one element of a float64 array
// with the default print options (what Brian2 shows before a unit).
func FormatNumber(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	a := math.Abs(x)
	if a != 0 && (a >= 1e8 || a < 1e-4) {
		s := strconv.FormatFloat(x, 'e', -1, 64)
		mant, exp, _ := strings.Cut(s, "e")
		if i := strings.IndexByte(mant, '.'); i >= 0 && len(mant)-i-1 > 8 {
			s = strconv.FormatFloat(x, 'e', 8, 64)
			mant, exp, _ = strings.Cut(s, "e")
			mant = strings.TrimRight(mant, "0")
		}
		if !strings.Contains(mant, ".") {
			mant += "."
		}
		return mant + "e" + exp
	}
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s)-i-1 > 8 {
		s = strings.TrimRight(strconv.FormatFloat(x, 'f', 8, 64), "0")
	}
	if !strings.Contains(s, ".") {
		s += "."
	}
	return s
}

// pyRepr formats x as Python's repr(float).
func pyRepr(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	a := math.Abs(x)
	if a != 0 && (a >= 1e16 || a < 1e-4) {
		return strconv.FormatFloat(x, 'e', -1, 64)
	}
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}
