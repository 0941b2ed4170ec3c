package units

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/unit"
)

// The expected strings are Brian2 2.5.1's str() and _repr_latex_() of the
// same quantities (printed with /usr/bin/python3 and brian2 on this machine).
var formatTests = []struct {
	q          Quantity
	str, latex string
}{
	{(20 * Millivolt).Q(), "20. mV", `20.0\,\mathrm{m}\mathrm{V}`},
	{(1 * Nanoamp).Q(), "1. nA", `1.0\,\mathrm{n}\mathrm{A}`},
	{(0.5 * Millisecond).Q(), "0.5 ms", `0.5\,\mathrm{m}\mathrm{s}`},
	{(50 * Millisecond).Q(), "50. ms", `50.0\,\mathrm{m}\mathrm{s}`},
	{(-65 * Millivolt).Q(), "-65. mV", `-65.0\,\mathrm{m}\mathrm{V}`},
	{Quantity{0.01, Dim{-4, -1, 4, 2}}, "0.01 m^-4 kg^-1 s^4 A^2", `0.01\,m^{-4}\,kg^{-1}\,s^{4}\,A^{2}`},
	{(20000 * Micrometre2).Q(), "0.02 mm^2", `0.02\,\mathrm{mm^2}`},
	{(2 * Nanosiemens).Q(), "2. nS", `2.0\,\mathrm{n}\mathrm{S}`},
	{(3 * Second).Q(), "3. s", `3.0\,\mathrm{s}`},
	{Voltage(1e-10).Q(), "100. pV", `100.0\,\mathrm{p}\mathrm{V}`},
	{(12345.678 * Millivolt).Q(), "12.345678 V", `12.345678\,\mathrm{V}`},
	{(100 * Hertz).Q(), "100. Hz", `100.0\,\mathrm{Hz}`},
	{Quantity{1, DimVoltage.Div(DimTime)}, "1. V/s", `1.0\,m^{2}\,kg\,s^{-4}\,A^{-1}`},
	{(0.1 * Millisecond).Q(), "100. us", `100.0\,\mathrm{\mu}\mathrm{s}`},
	{(1 * Watt).Q(), "1. W", `1.0\,\mathrm{W}`},
	{(1 * Metre3).Q(), "1. m^3", `1.0\,\mathrm{m^3}`},
	{(1 * Millimolar).Q(), "1. mM", `1.0\,\mathrm{m}\mathrm{M}`},
	{(4 * Megaohm).Q(), "4. Mohm", `4.0\,\mathrm{M}\mathrm{ohm}`},
	{(1e20 * Volt).Q(), "100. EV", `100.0\,\mathrm{E}\mathrm{V}`},
	{(1.23456789 * Millivolt).Q(), "1.23456789 mV", `1.23456789\,\mathrm{m}\mathrm{V}`},
	{(0 * Millivolt).Q(), "0. V", `0.0\,\mathrm{V}`},
	{Voltage(math.NaN()).Q(), "nan V", `nan\,\mathrm{V}`},
	{Voltage(math.Inf(1)).Q(), "inf YV", `inf\,\mathrm{Y}\mathrm{V}`},
	{(1 * Gram).Q(), "1. g", `1.0\,\mathrm{g}`},
	{(123456789 * Millisecond).Q(), "123.456789 ks", `123.456789\,\mathrm{k}\mathrm{s}`},
	{(1 * Centimetre).Q(), "10. mm", `10.0\,\mathrm{m}\mathrm{m}`},
	{Quantity{2, Dim{0, 0, 2}}, "2. s^2", `2.0\,\mathrm{s^2}`},
	{Quantity{Value: 3}, "3.", `3.0`},
}

func TestFormat(t *testing.T) {
	for _, tt := range formatTests {
		if got := tt.q.String(); got != tt.str {
			t.Errorf("String(%v %v) = %q, want %q", tt.q.Value, tt.q.Dim, got, tt.str)
		}
		if got := tt.q.LaTeX(); got != tt.latex {
			t.Errorf("LaTeX(%v %v) = %q, want %q", tt.q.Value, tt.q.Dim, got, tt.latex)
		}
	}
}

// numpy's printing of one float64 array element (np.array2string([x])).
func TestFormatNumber(t *testing.T) {
	for _, tt := range []struct {
		x    float64
		want string
	}{
		{20, "20."}, {0.5, "0.5"}, {1.234567891234, "1.23456789"}, {123456789, "1.23456789e+08"},
		{1e8, "1.e+08"}, {99999999, "99999999."}, {99999999.5, "99999999.5"}, {0.0001, "0.0001"},
		{9e-05, "9.e-05"}, {0, "0."}, {math.Copysign(0, -1), "-0."}, {math.Inf(-1), "-inf"},
		{299.99999999999994, "300."}, {1e16, "1.e+16"}, {0.1 + 0.2, "0.3"}, {1.0 / 3, "0.33333333"},
		{2.0 / 3 * 1000, "666.66666667"}, {5e-324, "5.e-324"}, {0.000123456789, "0.00012346"},
		{1.5e-05, "1.5e-05"}, {123.456789123, "123.45678912"}, {999.999999999, "1000."}, {2.5e10, "2.5e+10"},
	} {
		if got := FormatNumber(tt.x); got != tt.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tt.x, got, tt.want)
		}
	}
}

func TestTypedFloats(t *testing.T) {
	var d Time = 50 * Millisecond
	if d.Q() != (Quantity{0.05, DimTime}) {
		t.Errorf("50*Millisecond = %v", d.Q())
	}
	if got := (-65 * Millivolt).String(); got != "-65. mV" {
		t.Errorf("(-65*Millivolt).String() = %q", got)
	}
	b := (20 * Millivolt).MIMEBundle()
	if b["text/plain"] != "20. mV" || b["text/latex"] != `$20.0\,\mathrm{m}\mathrm{V}$` {
		t.Errorf("MIMEBundle = %v", b)
	}
	var _ Quantifier = Capacitance(1)
	var _ Quantifier = Quantity{}
}

func TestLookup(t *testing.T) {
	for _, tt := range []struct {
		name  string
		value float64
		dim   Dim
	}{
		{"ms", 1e-3, DimTime}, {"us", 1e-6, DimTime}, {"mV", 1e-3, DimVoltage}, {"uV", 1e-6, DimVoltage},
		{"nA", 1e-9, DimCurrent}, {"pA", 1e-12, DimCurrent}, {"nS", 1e-9, DimConductance}, {"uS", 1e-6, DimConductance},
		{"msiemens", 1e-3, DimConductance}, {"pF", 1e-12, DimCapacitance}, {"ufarad", 1e-6, DimCapacitance},
		{"Mohm", 1e6, DimResistance}, {"kHz", 1e3, DimFrequency}, {"Hz", 1, DimFrequency}, {"cm", 1e-2, DimLength},
		{"um", 1e-6, DimLength}, {"umetre", 1e-6, DimLength}, {"mm", 1e-3, DimLength}, {"umetre2", 1e-12, DimArea},
		{"metre3", 1, DimVolume}, {"cm2", 1e-4, DimArea}, {"mmolar", 1, DimConcentration}, {"litre", 1e-3, DimVolume},
		{"siemens", 1, DimConductance}, {"amp", 1, DimCurrent}, {"volt", 1, DimVoltage}, {"second", 1, DimTime},
		{"kilogram", 1, DimMass}, {"gram", 1e-3, DimMass}, {"joule", 1, DimEnergy}, {"newton", 1, DimForce},
		{"pascal", 1, DimPressure}, {"coulomb", 1, DimCharge}, {"kelvin", 1, DimTemperature}, {"mole", 1, DimAmount},
		{"Yvolt", 1e24, DimVoltage}, {"yvolt", 1e-24, DimVoltage}, {"dametre", 10, DimLength},
	} {
		q, ok := Lookup(tt.name)
		if !ok || q.Dim != tt.dim || math.Abs(q.Value-tt.value) > 1e-12*tt.value {
			t.Errorf("Lookup(%q) = %v, %v; want %v %v", tt.name, q, ok, tt.value, tt.dim)
		}
	}
	if _, ok := Lookup("mvolts"); ok {
		t.Error(`Lookup("mvolts") succeeded`)
	}
	// Every SI prefix of volt exists.
	for _, p := range []string{"y", "z", "a", "f", "p", "n", "u", "m", "c", "d", "da", "h", "k", "M", "G", "T", "P", "E", "Z", "Y"} {
		if _, ok := Lookup(p + "volt"); !ok {
			t.Errorf("no unit %svolt", p)
		}
	}
	if n := len(Units()); n < 2000 {
		t.Errorf("only %d unit names", n)
	}
}

func TestSuggest(t *testing.T) {
	for in, want := range map[string]string{"mvolts": "mvolt", "msecnd": "msecond", "mv": "mV", "siemen": "siemens", "zzzzzz": ""} {
		if got := Suggest(in); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestArithmetic(t *testing.T) {
	a := (1 * Millivolt).Q()
	if _, err := a.Add(1 * Nanoamp); err == nil || err.Error() != "cannot calculate 1. mV + 1. nA, units do not match (units are V and A)" {
		t.Errorf("mV + nA: %v", err)
	}
	var de *DimensionError
	_, err := a.Sub(Quantity{Value: 1})
	if !errors.As(err, &de) || de.Right.Dim != (Dim{}) {
		t.Errorf("mV - 1: %v", err)
	}
	s, err := a.Add(2 * Millivolt)
	if err != nil || math.Abs(s.Value-3e-3) > 1e-18 || s.Dim != DimVoltage {
		t.Errorf("1 mV + 2 mV = %v, %v", s, err)
	}
	if got := (20000 * Micrometre2).Q().Mul(Quantity{0.01, Dim{-4, -1, 4, 2}}); got.Dim != DimCapacitance || got.String() != "200. pF" {
		t.Errorf("area*Cm = %v", got)
	}
	if v, err := (20 * Millivolt).Q().In(Millivolt); err != nil || math.Abs(v-20) > 1e-12 {
		t.Errorf("In = %v, %v", v, err)
	}
	if _, err := (20 * Millivolt).Q().In(Millisecond); err == nil {
		t.Error("20 mV in ms succeeded")
	}
	if q, err := (Quantity{4, Dim{0, 0, -2}}).Sqrt(); err != nil || q != (Quantity{2, Dim{0, 0, -1}}) {
		t.Errorf("sqrt(4 s^-2) = %v, %v", q, err)
	}
	if _, err := (1 * Second).Q().Sqrt(); err == nil {
		t.Error("sqrt(1 s) succeeded")
	}
	if c, err := (1 * Millivolt).Q().Cmp(2 * Millivolt); err != nil || c != -1 {
		t.Errorf("Cmp = %v %v", c, err)
	}
}

func TestOf(t *testing.T) {
	for _, tt := range []struct {
		in   any
		want Quantity
	}{{3, Quantity{Value: 3}}, {2.5, Quantity{Value: 2.5}}, {10 * Millisecond, Quantity{0.01, DimTime}}, {true, Quantity{Value: 1}}} {
		if got, err := Of(tt.in); err != nil || got != tt.want {
			t.Errorf("Of(%v) = %v, %v", tt.in, got, err)
		}
	}
	if _, err := Of("x"); err == nil {
		t.Error(`Of("x") succeeded`)
	}
}

func TestGonum(t *testing.T) {
	d := DimVoltage.Div(DimTime)
	g := d.Gonum()
	if g[unit.LengthDim] != 2 || g[unit.TimeDim] != -4 || g[unit.CurrentDim] != -1 {
		t.Errorf("Gonum() = %v", g)
	}
	back, err := FromGonum(g)
	if err != nil || back != d {
		t.Errorf("FromGonum = %v, %v", back, err)
	}
	// gonum's own volt agrees with ours.
	if back, _ := FromGonum(unit.Volt.Unit().Dimensions()); back != DimVoltage {
		t.Errorf("gonum volt = %v", back)
	}
}

func TestDimStrings(t *testing.T) {
	d := DimVoltage.Div(DimTime)
	if d.Repr() != "metre ** 2 * kilogram * second ** -4 * amp ** -1" || d.String() != "m^2 kg s^-4 A^-1" || d.Unit() != "V/s" {
		t.Errorf("Repr %q String %q Unit %q", d.Repr(), d.String(), d.Unit())
	}
	if u := DimConductance.Div(DimArea).Unit(); u != "S/m^2" {
		t.Errorf("S/m^2 unit = %q", u)
	}
	if Dimensionless.Unit() != "1" || DimVoltage.Unit() != "V" {
		t.Error("base unit names")
	}
}

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Quantity
	}{
		{"1*ufarad*cm**-2", Quantity{0.01, Dim{-4, -1, 4, 2}}},
		{"(5e-5*siemens*cm**-2) * 20000*umetre**2", Quantity{1e-8, DimConductance}},
		{"-65*mV", Quantity{-0.065, DimVoltage}},
		{"sqrt(4*Hz**2)", Quantity{2, DimFrequency}},
		{"2*exp(0)", Quantity{Value: 2}},
		// Half exponents in between, as Brian2 allows; whole at the end.
		{"(2/(10*ms))**.5 * sqrt(10*ms)", Quantity{Value: math.Sqrt(2)}},
		{"((2/(10*ms))**.5)**2", Quantity{200, DimFrequency}},
		{"(4*mV**2)**.5", Quantity{0.002, DimVoltage}},
		{"mV**1.5 / mV**0.5", Quantity{1e-3, DimVoltage}},
	} {
		got, err := Parse(tt.in)
		if err != nil || got.Dim != tt.want.Dim || math.Abs(got.Value-tt.want.Value) > 1e-12*math.Abs(tt.want.Value) {
			t.Errorf("Parse(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	area := (20000 * Micrometre2).Q()
	got, err := ParseWith("(1*ufarad*cm**-2) * area", func(n string) (Quantity, bool) { return area, n == "area" })
	if err != nil || got.String() != "200. pF" {
		t.Errorf("ParseWith area = %v, %v", got, err)
	}
	// The notebook's Q("sigma*(2/tau)**.5 * sqrt(tau)") with tau = 10 ms.
	tau := (10 * Millisecond).Q()
	got, err = ParseWith("0.03*(2/tau)**.5 * sqrt(tau)", func(n string) (Quantity, bool) { return tau, n == "tau" })
	if err != nil || !got.Dim.IsDimensionless() || math.Abs(got.Value-0.03*math.Sqrt(2)) > 1e-15 {
		t.Errorf("ParseWith half exponents = %v, %v", got, err)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"1*mV + 2*nA", "1:1: \"1*mV + 2*nA\" uses inconsistent units (\"1*mV\" has unit V; \"2*nA\" has unit A)\n1*mV + 2*nA\n^"},
		{"1*ufarad*cmm**-2 + foo", "1:10: unknown name \"cmm\" (did you mean \"cm\"?)\n1*ufarad*cmm**-2 + foo\n         ^\n1:20: unknown name \"foo\"\n1*ufarad*cmm**-2 + foo\n                   ^"},
		{"2*mV**ms", "1:7: the exponent \"ms\" must be dimensionless, but has unit s\n2*mV**ms\n      ^"},
		{"exp(mV)", "1:5: the argument of exp must be dimensionless, but \"mV\" has unit V\nexp(mV)\n    ^"},
		{"3 *", "1:4: syntax error: expected a number, a name or \"(\", found end of text\n3 *\n   ^"},
		{"mV**0.5", "1:1: the result, 0.0316228 m kg^0.5 s^-1.5 A^-0.5, has half exponents, which a Quantity cannot hold (its Dim has integer exponents): multiply it by factors that make the unit whole, or write the expression in the model equations, where half exponents are allowed (e.g. \"sigma*(2/tau)**.5*xi\")\nmV**0.5\n^"},
		{"2 * (2/ms)**.5", "1:1: the result, 89.4427 s^-0.5, has half exponents, which a Quantity cannot hold (its Dim has integer exponents): multiply it by factors that make the unit whole, or write the expression in the model equations, where half exponents are allowed (e.g. \"sigma*(2/tau)**.5*xi\")\n2 * (2/ms)**.5\n^"},
		{"1 + (2/ms)**.25", "1:5: cannot raise 2. kHz to the power 0.25: s would have the exponent -0.25, and units have integer or half exponents\n1 + (2/ms)**.25\n    ^"},
		{"(2/ms)**.5 + 1", "1:1: \"(2/ms)**.5 + 1\" uses inconsistent units (\"(2/ms)**.5\" has unit s^-0.5; \"1\" has unit 1)\n(2/ms)**.5 + 1\n^"},
	} {
		_, err := Parse(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q) error:\n%v\nwant:\n%s", tt.in, err, tt.want)
		}
	}
	_, err := Parse("foo")
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Culprit != "foo" || pe.Pos.Col != 1 {
		t.Errorf("ParseError = %#v", pe)
	}
	if !strings.Contains(err.Error(), "foo") {
		t.Error(err)
	}
}
