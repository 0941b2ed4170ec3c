package units

import (
	"fmt"
	"strings"

	"gonum.org/v1/gonum/unit"
)

// Dim is a physical dimension: the integer exponents of the SI base units
// metre, kilogram, second, ampere, kelvin, mole and candela, in that order.
// The zero Dim is dimensionless.
type Dim [7]int8

// Dimensionless is the zero Dim. Dim<Type> variables (DimTime, DimVoltage,
// …) give the dimensions of the typed floats.
var Dimensionless = Dim{}

var (
	baseSymbols = [7]string{"m", "kg", "s", "A", "K", "mol", "cd"}
	baseNames   = [7]string{"metre", "kilogram", "second", "amp", "kelvin", "mole", "candle"}
	gonumDims   = [7]unit.Dimension{unit.LengthDim, unit.MassDim, unit.TimeDim, unit.CurrentDim, unit.TemperatureDim, unit.MoleDim, unit.LuminousIntensityDim}
)

// IsDimensionless reports whether d has all exponents zero.
func (d Dim) IsDimensionless() bool { return d == Dim{} }

// Mul returns the dimension of a product.
func (d Dim) Mul(e Dim) Dim {
	for i := range d {
		d[i] += e[i]
	}
	return d
}

// Div returns the dimension of a quotient.
func (d Dim) Div(e Dim) Dim {
	for i := range d {
		d[i] -= e[i]
	}
	return d
}

// Pow returns d raised to the integer power n.
func (d Dim) Pow(n int) Dim {
	for i := range d {
		d[i] *= int8(n)
	}
	return d
}

// Inv returns the dimension of a reciprocal.
func (d Dim) Inv() Dim { return Dim{}.Div(d) }

// String formats d as Brian2 prints a dimension: "m^2 kg s^-3 A^-1", or "1"
// for dimensionless.
func (d Dim) String() string { return d.product(baseSymbols, "%s^%d", " ") }

// Repr formats d with the long base names, as Brian2's error messages do:
// "metre ** 2 * kilogram * second ** -4 * amp ** -1".
func (d Dim) Repr() string { return d.product(baseNames, "%s ** %d", " * ") }

// LaTeX renders d as a LaTeX product of base units, "m^{2}\,kg\,s^{-3}".
func (d Dim) LaTeX() string { return d.product(baseSymbols, "%s^{%d}", `\,`) }

// product writes d as names[i] raised to its exponents (power is the
// format of a name with an exponent other than 1), joined by sep; "1" when
// d is dimensionless.
func (d Dim) product(names [7]string, power, sep string) string {
	var parts []string
	for i, e := range d {
		switch {
		case e == 1:
			parts = append(parts, names[i])
		case e != 0:
			parts = append(parts, fmt.Sprintf(power, names[i], e))
		}
	}
	if len(parts) == 0 {
		return "1"
	}
	return strings.Join(parts, sep)
}

// Unit returns the display name of d: a named unit of that dimension if
// Brian2 has one ("V", "S", "Hz"), else the product of base units.
func (d Dim) Unit() string {
	if d.IsDimensionless() {
		return "1"
	}
	if u, ok := baseUnitOf[d]; ok {
		return u.Display
	}
	// Rates and densities read better as "V/s" or "S/m^2" than as base units.
	for _, b := range []struct {
		i   int
		sym string
	}{{2, "s"}, {0, "m"}} {
		for k := int8(1); k <= 3; k++ {
			e := d
			e[b.i] += k
			if u, ok := baseUnitOf[e]; ok && !e.IsDimensionless() {
				if k == 1 {
					return u.Display + "/" + b.sym
				}
				return fmt.Sprintf("%s/%s^%d", u.Display, b.sym, k)
			}
		}
	}
	return d.String()
}

// Gonum returns d as gonum/unit Dimensions.
func (d Dim) Gonum() unit.Dimensions {
	m := unit.Dimensions{}
	for i, e := range d {
		if e != 0 {
			m[gonumDims[i]] = int(e)
		}
	}
	return m
}

// FromGonum converts gonum/unit Dimensions to a Dim. gonum's AngleDim is
// dropped (Brian2's radian is dimensionless); other user-defined
// dimensions are an error.
func FromGonum(m unit.Dimensions) (Dim, error) {
	var d Dim
outer:
	for k, e := range m {
		for i, g := range gonumDims {
			if k == g {
				d[i] = int8(e)
				continue outer
			}
		}
		if k == unit.AngleDim {
			continue
		}
		return Dim{}, fmt.Errorf("units: gonum dimension %v has no SI base unit", k)
	}
	return d, nil
}
