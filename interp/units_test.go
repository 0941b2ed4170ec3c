package interp

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// unitSetup defines the variables of the unit table (values as in the
// Brian2 script that made the table: /usr/bin/python3 with brian2).
const unitSetup = `tau := 10*ms
v := 10*mV
R := 2*Mohm
I0 := 3*nA
C := 200*pF
g := 5*nS
El := -70*mV
f := 20*Hz
t := 5*ms
taum := 20*ms
Vt := -50*mV
Vr := -60*mV
gl := 10*nS
Cm := 1*uF
nn := 100
w := 0.5
sigma := 2*mV
Ee := 0*mV
gmax := 0.01
taupre := 20*ms`

// unitCases are expressions of Brian2's tutorials and of issue 10 with
// what Brian2 2.5.1 prints for them (str of a quantity, the float of a
// dimensionless value, DimensionMismatchError), written as Go cells
// (pow for **, math.Pi for pi). Rates of a named unit print as 10. V/s
// where Brian2 writes base units (the rule; see units.String).
var unitCases = []struct {
	code string
	text string  // text/plain of the result
	num  float64 // a dimensionless result (compared to 1e-12)
	err  string  // the error's ename
}{
	{code: `0.02/ms`, text: "20. Hz"},
	{code: `1/tau`, text: "100. Hz"},
	{code: `tau*tau`, text: "100. ms^2"},
	{code: `10*mV/ms`, text: "10. V/s"},
	{code: `sqrt(4*ms)`, text: "0.06324555 s^0.5"},
	{code: `exp(-t/tau)`, num: 0.6065306597126334},
	{code: `5*mV + 3*ms`, err: "DimensionMismatchError"},
	{code: `exp(5*mV)`, err: "DimensionMismatchError"},
	{code: `v/R`, text: "5. nA"},
	{code: `I0*R`, text: "6. mV"},
	{code: `R*I0`, text: "6. mV"},
	{code: `g*(El - v)`, text: "-0.4 nA"},
	{code: `C/g`, text: "40. ms"},
	{code: `C*v`, text: "2. pC"},
	{code: `v/tau`, text: "1. V/s"},
	{code: `I0/C`, text: "15. V/s"},
	{code: `1/(R*C)`, text: "2.5 kHz"},
	{code: `R*C`, text: "0.4 ms"},
	{code: `2*tau`, text: "20. ms"},
	{code: `tau/2`, text: "5. ms"},
	{code: `2/tau`, text: "200. Hz"},
	{code: `tau/ms`, num: 10.0},
	{code: `f*tau`, num: 0.2},
	{code: `f*second`, num: 20.0},
	{code: `nn*f`, text: "2. kHz"},
	{code: `w*gmax*siemens`, text: "5. mS"},
	{code: `(Vt - Vr)/(taum/ms)`, text: "0.5 mV"},
	{code: `(Vt - El)/R`, text: "10. nA"},
	{code: `gl*(El - Vt)/Cm`, text: "-0.0002 V/s"},
	{code: `-v`, text: "-10. mV"},
	{code: `-(1/tau)`, text: "-100. Hz"},
	{code: `abs(El)`, text: "70. mV"},
	{code: `abs(-1/tau)`, text: "100. Hz"},
	{code: `pow(tau, 2)`, text: "100. ms^2"},
	{code: `pow(10*mV, 2)`, text: "100. mV^2"},
	{code: `pow(tau, 0.5)`, text: "0.1 s^0.5"},
	{code: `1/sqrt(4*ms)`, text: "15.8113883 s^-0.5"},
	{code: `sqrt(4*ms)*sqrt(4*ms)`, text: "4. ms"},
	{code: `sqrt(2/tau)`, text: "14.14213562 s^-0.5"},
	{code: `sqrt(tau*tau)`, text: "10. ms"},
	{code: `sigma*sqrt(tau)`, text: "0.0002 m^2 kg s^-2.5 A^-1"},
	{code: `sigma*sqrt(2/tau)*sqrt(tau)`, text: "2.82842712 mV"},
	{code: `exp(-(t/tau))`, num: 0.6065306597126334},
	{code: `1 - exp(-t/tau)`, num: 0.3934693402873666},
	{code: `exp(v/(25*mV))`, num: 1.4918246976412703},
	{code: `math.Log(tau/ms)`, num: 2.302585092994046},
	{code: `sin(2*math.Pi*f*t)`, num: 0.5877852522924731},
	{code: `cos(2*math.Pi*f*t)`, num: 0.8090169943749475},
	{code: `tanh(v/mV)`, num: 0.9999999958776927},
	{code: `tau > 5*ms`, text: "true"},
	{code: `tau < 5*ms`, text: "false"},
	{code: `tau == 10*ms`, text: "true"},
	{code: `tau > 0`, text: "true"},
	{code: `v > 5*ms`, err: "DimensionMismatchError"},
	{code: `tau > 1`, err: "DimensionMismatchError"},
	{code: `tau + 1`, err: "DimensionMismatchError"},
	{code: `tau + 0`, text: "10. ms"},
	{code: `tau + t`, text: "15. ms"},
	{code: `El - v`, text: "-80. mV"},
	{code: `v + 1/tau`, err: "DimensionMismatchError"},
	{code: `1/tau + f`, text: "120. Hz"},
	{code: `1/tau - 5*Hz`, text: "95. Hz"},
	{code: `1/tau > f`, text: "true"},
	{code: `v/ms + 5*mV/ms`, text: "15. V/s"},
	{code: `v/ms + v`, err: "DimensionMismatchError"},
	{code: `tau % (3*ms)`, text: "1. ms"},
	{code: `Ee - El`, text: "70. mV"},
	{code: `taupre/ms`, num: 20.0},
	{code: `pow(v/mV, 2)`, num: 100.0},
	{code: `pow(2, t/ms)`, num: 32.0},
	{code: `pow(2, tau)`, err: "DimensionMismatchError"},
	{code: `exp(tau)`, err: "DimensionMismatchError"},
	{code: `sqrt(v/mV)`, num: 3.1622776601683795},
	{code: `nA*Mohm`, text: "1. mV"},
	{code: `mV/ms`, text: "1. V/s"},
	{code: `nS*mV`, text: "1. pA"},
	{code: `pF*mV/ms`, text: "1. pA"},
	{code: `1*mV*1*ms`, text: "1. uWb"},
	{code: `5*mV/ms/ms`, text: "5000. V/s^2"},
	{code: `3*nA*2*Mohm`, text: "6. mV"},
	{code: `1/(tau*tau)`, text: "0.01 kHz^2"},
	{code: `Cm*v/tau`, text: "1. uA"},
	{code: `v*v/R`, text: "50. pW"},
	{code: `(v - El)/tau`, text: "8. V/s"},
	{code: `(v - El)*(v - El)`, text: "6400. mV^2"},
	{code: `amp*ohm`, text: "1. V"},
	{code: `volt/amp`, text: "1. ohm"},
	{code: `coulomb/second`, text: "1. A"},
	{code: `joule/second`, text: "1. W"},
	{code: `newton*metre`, text: "1. J"},
	{code: `metre*metre`, text: "1. m^2"},
	{code: `metre/second`, text: "1. m/s"},
	{code: `tau*f*f`, text: "4. Hz"},
	{code: `v/(v/mV)`, text: "1. mV"},
	{code: `2*tau + 3*ms`, text: "23. ms"},
	{code: `(2*tau + 3*ms)/ms`, num: 23.0},
	{code: `10*ms + 2*mV`, err: "DimensionMismatchError"},
	{code: `g*R`, num: 0.01},
	{code: `1/g`, text: "200. Mohm"},
	{code: `1/R`, text: "0.5 uS"},
}

func TestUnitArithmetic(t *testing.T) {
	s := newSession(t)
	if r, _ := exec(s, unitSetup); r.Err != nil {
		t.Fatal(r.Err.Traceback)
	}
	for _, c := range unitCases {
		r, _ := exec(s, c.code)
		switch {
		case c.err != "":
			if r.Err == nil || r.Err.Name != c.err {
				t.Errorf("%s: got %q (%v), want %s", c.code, plain(r), r.Err, c.err)
			}
		case r.Err != nil:
			t.Errorf("%s: %s", c.code, strings.Join(r.Err.Traceback, "\n"))
		case c.text != "":
			if got := plain(r); got != c.text {
				t.Errorf("%s = %q, want %q", c.code, got, c.text)
			}
		default:
			got, err := strconv.ParseFloat(plain(r), 64)
			if err != nil || math.Abs(got-c.num) > 1e-12*math.Max(1, math.Abs(c.num)) {
				t.Errorf("%s = %q, want %v", c.code, plain(r), c.num)
			}
		}
	}
}

// TestUnitCells: types of results, errors with positions, definitions
// across cells, compound assignments, Quantity values checked when the
// cell runs, and the yaegi workaround for a := x[i].
func TestUnitCells(t *testing.T) {
	runSteps(t, []step{
		{code: unitSetup},
		{code: `fmt.Sprintf("%T %T %T %T %T", v/R, 1/tau, 10*mV/ms, sqrt(4*ms), tau/ms)`, value: "units.Current units.Frequency units.Quantity units.HalfQuantity float64"},
		{code: "import \"math/rand\"\nx := rand.Float64()*50*nA\nfmt.Sprintf(\"%T\", x)", value: "units.Current"},
		{code: "var c Current\nc = v/R\nc", value: "5. nA"},
		{code: "a := 2*ms\nb := 5*mV + 3*ms", err: "DimensionMismatchError: 2:11: cannot calculate 5*mV + 3*ms, units do not match (mV and ms)"},
		{code: "y := exp(v)", err: "DimensionMismatchError: 1:10: exp expects a dimensionless argument but got v (unit is V)"},
		{code: "rate := 1/tau\nrr := rate*tau", value: ""},
		{code: "rate*2", value: "200. Hz"},
		{code: "rr", value: "1"},
		{code: "func inv(x Time) Frequency { return 1/x }\ninv(tau)", value: "100. Hz"},
		{code: "func bad(x Time) Time { return 1/x }", err: "CompileError"},
		{code: "h := 10*mV/ms\nh2 := h*tau\nh2", value: "100. mV"},
		{code: "d := 1*ms\nd += 2*ms\nd *= 2\nd /= 3\nd", value: "2. ms"},
		{code: "d += 2*mV", err: "DimensionMismatchError"},
		{code: "d *= tau", err: "DimensionMismatchError"},
		{code: "d++", err: "DimensionMismatchError"},
		{code: "q := Q(\"2*mV\")\nq += 3*mV\nq = q * 2\n-q", value: "-10. mV"},
		{code: "q + 5*ms", err: "DimensionError: cannot calculate 10. mV + 5. ms, units do not match (units are V and s)"},
		{code: "q > 5*mV", value: "true"},
		{code: "zz := 0.0\nq + zz", value: "10. mV"},
		{code: "Voltage(tau)", err: "DimensionMismatchError"},
		{code: "float64(10*mV/ms)", value: "10"},
		{code: "Time(2)*ms", value: "2. ms"},
		{code: "Voltage(q)", value: "10. mV"},
		{code: "Time(q)", err: "DimensionError"},
		{code: "x2 := tau**2", err: "DimensionMismatchError: 1:10: Go has no ** operator: write pow(tau, 2)"},
		{code: "y := strings.Fields(\"a b\")[0]\ny", value: "a"},
		{code: "fs := strings.Fields(\"a b\")\ny3 := fs[1]\ny3", value: "b"},
		{code: "ts := []Time{tau, 2*tau}\nt0 := ts[1]\nt0/ms", value: "20"},
		{code: "sq := sqrt(4*ms)\nsq*sq", value: "4. ms"},
		{code: "sqrt(q)", err: "Error: the result of sqrt"},
		{code: "for i := 0; i < 2; i++ { fmt.Println(float64(i)*ms/tau) }", stdout: "0\n0.1\n"},
		{code: "n := 3\nn*ms", value: "3. ms"},
		{code: "ff := exp\nff(1)", value: "2.718281828459045"},
		{code: "StartScope()\nG := NeuronGroup(1, \"dv/dt = I0x/(1*ms) : volt\\nI0x : volt\")\nG.Set(\"I0x\", 10*mV/ms)", err: "ObjectError: neurongroup, Set: I0x should be set with a value with units V, but got 10. V/s"},
	})
}

// FuzzUnitPass feeds cell text with quantity arithmetic to the
// preparation with the unit pass: it must return chunks or an error,
// never panic.
func FuzzUnitPass(f *testing.F) {
	for _, c := range unitCases {
		f.Add(c.code)
	}
	f.Add(unitSetup + "\nx := 1/tau\nfunc r(a Time) Frequency { return 1/a }\nx += r(tau)\n-x")
	f.Add("q := Q(\"1*mV\")\nq *= 2\nq %= 3\nsqrt(pow(q, 2))")
	env := newUnitEnv(projectSymbolsWithStdlib())
	f.Fuzz(func(t *testing.T, code string) {
		_, _ = prepareCellWith(code, cellRewrites{units: func(code string, items []item) ([]edit, error) {
			es, a, err := env.unitEdits(code, items, nil)
			if a != nil {
				env.record(a)
			}
			return es, err
		}})
	})
}

// BenchmarkPrepareUnitCell prepares a typical cell of a tutorial (with
// the unit pass's go/types check) after a notebook of declarations.
func BenchmarkPrepareUnitCell(b *testing.B) {
	env := newUnitEnv(projectSymbolsWithStdlib())
	pass := func(code string, items []item) ([]edit, error) {
		es, a, err := env.unitEdits(code, items, nil)
		if a != nil {
			env.record(a)
		}
		return es, err
	}
	if _, err := prepareCellWith(unitSetup, cellRewrites{units: pass}); err != nil {
		b.Fatal(err)
	}
	cell := `eqs := ` + "`" + `dv/dt = (El - v + R*I0)/taum : volt` + "`" + `
G := NeuronGroup(10, eqs, Threshold("v > Vt"), Reset("v = Vr"), Method("exact"))
M := StateMonitor(G, "v", Record(0))
Run(100*ms)
rate := 1/tau
isi := (Vt - El)/R
fmt.Println(rate, isi, exp(-t/tau), sqrt(4*ms), 10*mV/ms)`
	for _, c := range []struct {
		name string
		cr   cellRewrites
	}{{"with-units", cellRewrites{units: pass}}, {"without", cellRewrites{}}} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := prepareCellWith(cell, c.cr); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
