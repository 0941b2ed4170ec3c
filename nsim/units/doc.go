// Package units provides SI quantities with dimensions and Brian2's unit
// names.
//
//	tau := 10 * units.Millisecond             // a units.Time
//	Cm, _ := units.Parse("1*ufarad*cm**-2")   // 0.01 F/m², a units.Quantity
//	fmt.Println(tau, Cm.Mul(20000*units.Micrometre2)) // 10. ms 200. pF
//
// A Quantity is a float64 in SI units with a Dim (exponents of m, kg, s, A,
// K, mol, cd; convertible to gonum/unit Dimensions). Typed floats (Time,
// Voltage, Current, Conductance, Capacitance, Resistance, Frequency, Length,
// Area, Volume, Charge, Mass, Temperature, Amount, Concentration, Energy,
// Power, Force, Pressure) make Go code read like Brian2: 50*Millisecond is a
// Time. Every quantity type is a Quantifier.
//
// Lookup knows all of Brian2's unit names (every SI prefix of every unit,
// the short forms ms, mV, nS, … and the powers umetre2, cm3, …); Parse
// evaluates Brian2 syntax such as "(1*ufarad*cm**-2) * 20000*umetre**2".
// Inside Parse, exponents may be halves as in Brian2 ("(2/tau)**.5 *
// sqrt(tau)" is fine); a result whose unit keeps a half exponent is an
// error, since a Dim holds integer exponents: such factors belong in the
// model equations, where nsim/expr allows them. Both check such
// intermediate dimensions with HalfDim, whose exponents are held doubled.
// Quantities print as Brian2 prints them (String: "20. mV") and render as
// LaTeX in notebooks (MIMEBundle). Quantity's Exp, Log, Sin, Cos, … need a
// dimensionless value, as Brian2's functions do.
//
// An Array is a one-dimensional array of quantities of one unit, a Brian2
// Quantity array (nsim's monitor values are Arrays):
//
//	a := ArrayOf(0.02, 0.02, 0.1).Per(Millisecond) // [ 20.  20. 100.] Hz
//	d, err := a.Sub(3 * Millivolt)                  // err: units do not match (units are Hz and V)
//	m, _ := a.Gt(50 * Hertz)                        // a Mask
//	fast, _ := a.Where(m)                           // [100.] Hz
//	fmt.Println(a.Mean(), a.Std(1))                 // 46.66666667 Hz 46.18802154 Hz
//
// Element-wise arithmetic (Add, Sub, Mul, Div, RSub, RDiv, Pow, Neg) and
// comparisons take numbers, quantities or Arrays; math functions (Exp,
// Log, Sqrt, Abs, Clip, …), reductions (Sum, Mean, Std, Var, Min, Max,
// Median, Percentile), Diff, Cumsum, Histogram, Arange, Linspace and CSV
// columns (LoadCSV, SaveCSV) follow numpy's definitions; loops run in
// compiled Go (gonum's floats and stat where they apply). Arrays print as
// Brian2 prints them, with numpy's formatting (String is str, Repr is
// repr).
//
//go:generate go run ./internal/gen
package units
