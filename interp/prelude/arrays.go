package prelude

import (
	"fmt"

	"gonsim/nsim/units"
)

// Arrays with units, numpy's and Brian2's array functions in notebook
// form. An Array's own methods (Add, Sub, Mul, Div, Lt, Where, Exp, Mean,
// Std, …) do the arithmetic; see units.Array.

// Mask is a boolean array from comparing arrays (numpy's a > b).
type Mask = units.Mask

// Array is numpy's np.array([...]): a dimensionless array of the values.
// Brian2's [0.02, 0.02, 0.1]/ms is Array(0.02, 0.02, 0.1).Per(ms) (20, 20
// and 100 Hz), [1, 2, 3]*mV is Array(1, 2, 3).Times(mV).
func Array(xs ...float64) units.Array { return units.ArrayOf(xs...) }

// Arange is numpy's np.arange: Arange(stop), Arange(start, stop) or
// Arange(start, stop, step), all of one unit (Arange(0*ms, 10*ms, 0.1*ms));
// start defaults to 0 and step to 1, plain numbers, so a quantity needs
// all three as in Brian2. Bad arguments end the cell.
func Arange(args ...any) units.Array {
	var start, stop, step any = 0, nil, 1
	switch len(args) {
	case 1:
		stop = args[0]
	case 2:
		start, stop = args[0], args[1]
	case 3:
		start, stop, step = args[0], args[1], args[2]
	default:
		Fail(fmt.Errorf("Arange: want stop, start and stop, or start, stop and step; got %d arguments", len(args)))
	}
	a, err := units.Arange(start, stop, step)
	Fail(err)
	return a
}

// Linspace is numpy's np.linspace(start, stop, n); an error ends the cell.
func Linspace(start, stop any, n int) units.Array {
	a, err := units.Linspace(start, stop, n)
	Fail(err)
	return a
}

// LoadCSV reads the columns of a CSV or whitespace-separated file, column
// k in unit colUnits[k] (np.loadtxt(path, delimiter=",", unpack=True)):
// t, v := cols[0], cols[1] after cols := LoadCSV("trace.csv", ms, mV). An
// error ends the cell.
func LoadCSV(path string, colUnits ...any) []units.Array {
	cols, err := units.LoadCSV(path, colUnits...)
	Fail(err)
	return cols
}

// SaveCSV writes arrays as the columns of a CSV file, column k in unit
// colUnits[k] (np.savetxt); an error ends the cell.
func SaveCSV(path string, cols []units.Array, colUnits ...any) {
	Fail(units.SaveCSV(path, cols, colUnits...))
}

// Histogram is numpy's np.histogram(x, bins): bins is a number of equal
// bins or the edges (an Array of x's unit). counts is dimensionless, edges
// has x's unit. An error ends the cell.
func Histogram(x units.Array, bins any) (counts, edges units.Array) {
	c, e, err := x.Histogram(bins)
	Fail(err)
	return c, e
}

// Mean is np.mean(x).
func Mean(x units.Array) Quantity { return x.Mean() }

// Std is np.std(x, ddof=ddof); without ddof it is 0, as numpy's default.
func Std(x units.Array, ddof ...int) Quantity {
	d := 0
	if len(ddof) > 0 {
		d = ddof[0]
	}
	return x.Std(d)
}

// Median is np.median(x).
func Median(x units.Array) Quantity { return x.Median() }

// Sum is np.sum(x).
func Sum(x units.Array) Quantity { return x.Sum() }

// Diff is np.diff(x).
func Diff(x units.Array) units.Array { return x.Diff() }

// Cumsum is np.cumsum(x).
func Cumsum(x units.Array) units.Array { return x.Cumsum() }
