// Package prelude is what notebook cells see without an import: it is
// dot-imported into every session, so a cell writes Q("1*ufarad*cm**-2")
// rather than prelude.Q(...). Brian2's lowercase unit names (ms, mV, nS,
// umetre2, …) are added by package interp from units.Units(), because Go
// cannot export lowercase names.
//
//	tau := 10 * ms                     // a units.Time (ms comes from interp)
//	Cm := Q("1*ufarad*cm**-2")         // a Quantity; a bad string ends the cell
//	fmt.Println(tau, Cm)
//
// Functions here that can fail on user input panic with a *Failure; the
// interpreter turns that into the cell's error (name and message of the
// wrapped error), not a Go panic trace.
package prelude

import (
	"fmt"

	"gonsim/nsim/units"
)

// Quantity types under their short names, so cells can declare
// `var tau Time = 10 * ms`.
type (
	Quantity      = units.Quantity
	Quantifier    = units.Quantifier
	Dim           = units.Dim
	Time          = units.Time
	Voltage       = units.Voltage
	Current       = units.Current
	Conductance   = units.Conductance
	Capacitance   = units.Capacitance
	Resistance    = units.Resistance
	Frequency     = units.Frequency
	Length        = units.Length
	Area          = units.Area
	Volume        = units.Volume
	Charge        = units.Charge
	Mass          = units.Mass
	Temperature   = units.Temperature
	Amount        = units.Amount
	Concentration = units.Concentration
	Energy        = units.Energy
	Power         = units.Power
	Force         = units.Force
	Pressure      = units.Pressure
)

// Failure carries an error out of a prelude function so that it ends the
// cell with that error.
type Failure struct{ Err error }

func (f *Failure) Error() string { return f.Err.Error() }
func (f *Failure) Unwrap() error { return f.Err }

// Fail ends the running cell with err (nothing happens when err is nil).
func Fail(err error) {
	if err != nil {
		panic(&Failure{err})
	}
}

// names looks up a notebook variable; interp installs it.
var names func(name string) (any, bool)

// SetNames installs the lookup of notebook variables that Q uses.
func SetNames(f func(name string) (any, bool)) { names = f }

// Q evaluates a quantity written in Brian2 syntax, with units checked:
// Q("(1*ufarad*cm**-2) * area") reads area from the notebook's
// variables. A malformed or inconsistent expression ends the cell.
func Q(expr string) Quantity {
	q, err := units.ParseWith(expr, func(name string) (Quantity, bool) {
		if names == nil {
			return Quantity{}, false
		}
		v, ok := names(name)
		if !ok {
			return Quantity{}, false
		}
		q, err := units.Of(v)
		if err != nil {
			return Quantity{}, false
		}
		return q, true
	})
	if err != nil {
		Fail(fmt.Errorf("Q(%q): %w", expr, err))
	}
	return q
}
