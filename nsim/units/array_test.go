package units

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Expected values computed with numpy 1.x on the SI values
// (/usr/bin/python3, numpy's own functions of the same names).
var numpyWant = map[string][]float64{
	"a+b":               {0.0015, 0.003, 0.007, 0.0015, 0.00625},
	"a-(-70mV)":         {0.07100000000000001, 0.07200000000000001, 0.07300000000000001, 0.0695, 0.07725000000000001},
	"a*2":               {0.002, 0.004, 0.006, -0.001, 0.0145},
	"a/ms":              {1.0, 2.0, 3.0, -0.5, 7.25},
	"a*b":               {5e-07, 2e-06, 1.2e-05, -1e-06, -7.250000000000001e-06},
	"a/b":               {2.0, 2.0, 0.75, -0.25, -7.25},
	"1-c":               {0.9, 0.5, -1.0, 0.0, -2.0},
	"1/c":               {10.0, 2.0, 0.5, 1.0, 0.3333333333333333},
	"a+0":               {0.001, 0.002, 0.003, -0.0005, 0.00725},
	"-a":                {-0.001, -0.002, -0.003, 0.0005, -0.00725},
	"c[0]+c":            {0.2, 0.6, 2.1, 1.1, 3.1},
	"exp(c)":            {1.1051709180756477, 1.6487212707001282, 7.38905609893065, 2.718281828459045, 20.085536923187668},
	"log(c)":            {-2.3025850929940455, -0.6931471805599453, 0.6931471805599453, 0.0, 1.0986122886681098},
	"sin(c)":            {0.09983341664682815, 0.479425538604203, 0.9092974268256817, 0.8414709848078965, 0.1411200080598672},
	"cos(c)":            {0.9950041652780258, 0.8775825618903728, -0.4161468365471424, 0.5403023058681398, -0.9899924966004454},
	"log10(c)":          {-1.0, -0.3010299956639812, 0.3010299956639812, 0.0, 0.47712125471966244},
	"tanh(c)":           {0.09966799462495582, 0.46211715726000974, 0.9640275800758169, 0.7615941559557649, 0.9950547536867305},
	"sqrt(a*a)":         {0.001, 0.002, 0.003, 0.0005, 0.00725},
	"abs(a)":            {0.001, 0.002, 0.003, 0.0005, 0.00725},
	"clip(a,1mV,2.5mV)": {0.001, 0.002, 0.0025, 0.001, 0.0025},
	"a**2":              {1e-06, 4e-06, 9e-06, 2.5e-07, 5.2562500000000004e-05},
	"c**1.5":            {0.0316227766016838, 0.3535533905932738, 2.8284271247461903, 1.0, 5.196152422706632},
	"mean":              {0.00255},
	"std":               {0.002619160170741759},
	"std1":              {0.0029283100928692643},
	"var1":              {8.575e-06},
	"sum":               {0.012750000000000001},
	"min":               {-0.0005},
	"max":               {0.00725},
	"median":            {0.002},
	"p25":               {0.001},
	"p90":               {0.005550000000000001},
	"diff":              {0.001, 0.001, -0.0035, 0.00775},
	"cumsum":            {0.001, 0.003, 0.006, 0.0055, 0.012750000000000001},
	"hist5 counts":      {4.0, 1.0, 2.0, 1.0, 3.0},
	"hist5 edges":       {0.0, 0.0006000000000000001, 0.0012000000000000001, 0.0018000000000000002, 0.0024000000000000002, 0.003},
	"histedges counts":  {5.0, 2.0, 3.0},
	"histsame counts":   {0.0, 2.0, 0.0},
	"histsame edges":    {-0.498, -0.16466666666666668, 0.16866666666666663, 0.502},
	"arange":            {0.0, 0.0001, 0.0002, 0.00030000000000000003, 0.0004, 0.0005, 0.0006000000000000001, 0.0007, 0.0008, 0.0009000000000000001},
	"arange3":           {1.0, 1.3, 1.6, 1.9000000000000001},
	"linspace":          {0.0, 0.00025, 0.0005, 0.00075, 0.001},
	"linspace7":         {-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0},
	"a<2mV":             {1.0, 0.0, 0.0, 1.0, 0.0},
	"a>=b":              {1.0, 1.0, 0.0, 0.0, 1.0},
	"a[a>b]":            {0.001, 0.002, 0.00725},
}

var (
	mV    = Millivolt
	ms    = Millisecond
	volt  = Volt
	aArr  = ArrayOf(1, 2, 3, -0.5, 7.25).Times(mV)
	bArr  = ArrayOf(0.5, 1, 4, 2, -1).Times(mV)
	cArr  = ArrayOf(0.1, 0.5, 2, 1, 3)
	hData = ArrayOf(0.1, 0.4, 0.4, 0.9, 1.3, 2.2, 2.5, 2.5, 3.0, 0.0, 1.7).Times(mV)
)

func arr(a Array, err error) (Array, error) { return a, err }
func one(q Quantity) (Array, error)         { return NewArray([]float64{q.Value}, q.Dim), nil }
func ok(a Array) (Array, error)             { return a, nil }
func mask(m Mask, err error) (Array, error) {
	v := make([]float64, len(m))
	for i, b := range m {
		if b {
			v[i] = 1
		}
	}
	return NewArray(v, Dim{}), err
}
func first(c, e Array, err error) (Array, error)  { return c, err }
func second(c, e Array, err error) (Array, error) { return e, err }

var (
	dimV    = Volt.Q().Dim
	dimV2   = dimV.Pow(2)
	dimVps  = dimV.Div(Second.Q().Dim)
	dimless = Dim{}
)

func TestArrayAgainstNumpy(t *testing.T) {
	tests := []struct {
		name string
		got  func() (Array, error)
		dim  Dim
	}{
		{"a+b", func() (Array, error) { return aArr.Add(bArr) }, dimV},
		{"a-(-70mV)", func() (Array, error) { return aArr.Sub(-70 * mV) }, dimV},
		{"a*2", func() (Array, error) { return aArr.Mul(2) }, dimV},
		{"a/ms", func() (Array, error) { return aArr.Div(ms) }, dimVps},
		{"a*b", func() (Array, error) { return aArr.Mul(bArr) }, dimV2},
		{"a/b", func() (Array, error) { return aArr.Div(bArr) }, dimless},
		{"1-c", func() (Array, error) { return cArr.RSub(1) }, dimless},
		{"1/c", func() (Array, error) { return cArr.RDiv(1.0) }, dimless},
		{"a+0", func() (Array, error) { return aArr.Add(0) }, dimV},
		{"-a", func() (Array, error) { return ok(aArr.Neg()) }, dimV},
		{"c[0]+c", func() (Array, error) { return cArr.Slice(0, 1).Add(cArr) }, dimless},
		{"exp(c)", cArr.Exp, dimless},
		{"log(c)", cArr.Log, dimless},
		{"sin(c)", cArr.Sin, dimless},
		{"cos(c)", cArr.Cos, dimless},
		{"log10(c)", cArr.Log10, dimless},
		{"tanh(c)", cArr.Tanh, dimless},
		{"sqrt(a*a)", func() (Array, error) { a2, _ := aArr.Mul(aArr); return a2.Sqrt() }, dimV},
		{"abs(a)", func() (Array, error) { return ok(aArr.Abs()) }, dimV},
		{"clip(a,1mV,2.5mV)", func() (Array, error) { return aArr.Clip(1*mV, 2.5*mV) }, dimV},
		{"a**2", func() (Array, error) { return aArr.Pow(2) }, dimV2},
		{"c**1.5", func() (Array, error) { return cArr.Pow(1.5) }, dimless},
		{"mean", func() (Array, error) { return one(aArr.Mean()) }, dimV},
		{"std", func() (Array, error) { return one(aArr.Std(0)) }, dimV},
		{"std1", func() (Array, error) { return one(aArr.Std(1)) }, dimV},
		{"var1", func() (Array, error) { return one(aArr.Var(1)) }, dimV2},
		{"sum", func() (Array, error) { return one(aArr.Sum()) }, dimV},
		{"min", func() (Array, error) { return one(aArr.Min()) }, dimV},
		{"max", func() (Array, error) { return one(aArr.Max()) }, dimV},
		{"median", func() (Array, error) { return one(aArr.Median()) }, dimV},
		{"p25", func() (Array, error) { return one(aArr.Percentile(25)) }, dimV},
		{"p90", func() (Array, error) { return one(aArr.Percentile(90)) }, dimV},
		{"diff", func() (Array, error) { return ok(aArr.Diff()) }, dimV},
		{"cumsum", func() (Array, error) { return ok(aArr.Cumsum()) }, dimV},
		{"hist5 counts", func() (Array, error) { return first(hData.Histogram(5)) }, dimless},
		{"hist5 edges", func() (Array, error) { return second(hData.Histogram(5)) }, dimV},
		{"histedges counts", func() (Array, error) { return first(hData.Histogram(ArrayOf(0, 1, 2, 2.5).Times(mV))) }, dimless},
		{"histsame counts", func() (Array, error) { return first(ArrayOf(2e-3, 2e-3).Histogram(3)) }, dimless},
		{"histsame edges", func() (Array, error) { return second(ArrayOf(2e-3, 2e-3).Histogram(3)) }, dimless},
		{"arange", func() (Array, error) { return Arange(0*ms, 1*ms, 0.1*ms) }, Second.Q().Dim},
		{"arange3", func() (Array, error) { return Arange(1, 2, 0.3) }, dimless},
		{"linspace", func() (Array, error) { return Linspace(0*ms, 1*ms, 5) }, Second.Q().Dim},
		{"linspace7", func() (Array, error) { return Linspace(-1, 2.0, 7) }, dimless},
		{"a<2mV", func() (Array, error) { return mask(aArr.Lt(2 * mV)) }, dimless},
		{"a>=b", func() (Array, error) { return mask(aArr.Ge(bArr)) }, dimless},
		{"a[a>b]", func() (Array, error) { m, _ := aArr.Gt(bArr); return aArr.Where(m) }, dimV},
	}
	for _, tt := range tests {
		got, err := tt.got()
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		want := numpyWant[tt.name]
		if got.Dim() != tt.dim {
			t.Errorf("%s: unit %s, want %s", tt.name, got.Dim().Unit(), tt.dim.Unit())
		}
		if !close(got.Floats(), want, 1e-14) {
			t.Errorf("%s = %v, want %v (numpy)", tt.name, got.Floats(), want)
		}
	}
}

func close(got, want []float64, rel float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > rel*math.Max(math.Abs(want[i]), 1e-300) {
			return false
		}
	}
	return true
}

// Errors name the operation and both units, as Brian2's do.
func TestArrayErrors(t *testing.T) {
	tests := []struct {
		name string
		err  func() error
		want string
	}{
		{"add units", func() error { _, err := aArr.Add(3 * ms); return err },
			"cannot calculate [ 1.    2.    3.   -0.5   7.25] mV + 3. ms, units do not match (units are V and s)"},
		{"rsub units", func() error { _, err := aArr.RSub(1); return err },
			"cannot calculate 1. - [ 1.    2.    3.   -0.5   7.25] mV, units do not match (units are 1 and V)"},
		{"compare units", func() error { _, err := aArr.Gt(1); return err },
			"cannot perform comparison [ 1.    2.    3.   -0.5   7.25] mV > 1., units do not match (units are V and 1)"},
		{"exp of mV", func() error { _, err := aArr.Exp(); return err },
			"exp expects a dimensionless argument but got [ 1.    2.    3.   -0.5   7.25] mV (unit is V)"},
		{"log of a quantity", func() error { _, err := (5 * mV).Q().Log(); return err },
			"log expects a dimensionless argument but got 5. mV (unit is V)"},
		{"sqrt of ms", func() error { _, err := ArrayOf(4).Times(ms).Sqrt(); return err },
			"cannot raise [4.] ms to the power 0.5: the unit s would have a fractional exponent"},
		{"lengths", func() error { _, err := aArr.Add(ArrayOf(1, 2).Times(mV)); return err },
			"Add: operands could not be broadcast together: lengths 5 and 2"},
		{"operand type", func() error { _, err := aArr.Mul("x"); return err },
			"Mul: want a number, a quantity or an Array, got string"},
		{"clip units", func() error { _, err := aArr.Clip(0, 1*ms); return err },
			"cannot clip [ 1.    2.    3.   -0.5   7.25] mV to [0., 0.], units do not match (units are V and 1)"},
		{"where length", func() error { _, err := aArr.Where(Mask{true}); return err },
			"Where: the mask has 1 values, the values has 5"},
		{"slice range", func() error { return aArr.Slice(2, 9).Err() }, "Slice(2, 9): the values has 5 values"},
		{"slice error propagates", func() error { _, err := aArr.Slice(2, 9).Mul(2); return err }, "Slice(2, 9)"},
		{"arange units", func() error { _, err := Arange(0, 1*ms, 0.1*ms); return err },
			"Arange: start is 0. but stop is 1. ms, units do not match (units are 1 and s)"},
		{"arange step", func() error { _, err := Arange(0, 1, 0); return err }, "Arange: step: cannot step from 0. to 1. by 0."},
		{"hist edges units", func() error { _, _, err := hData.Histogram(ArrayOf(0, 1)); return err },
			"Histogram: bins: the edges have unit 1, the values V"},
		{"hist nan", func() error { _, _, err := ArrayOf(1, math.NaN()).Histogram(2); return err }, "Histogram: the range of the values is not finite"},
		{"mask lengths", func() error { _, err := Mask{true}.And(Mask{true, false}); return err }, "And: masks of 1 and 2 values"},
	}
	for _, tt := range tests {
		err := tt.err()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	_, err := aArr.Sub(3 * ms)
	var de *DimensionError
	if !errors.As(err, &de) || de.Right.Dim != Second.Q().Dim {
		t.Errorf("Sub error %v does not unwrap to a *DimensionError of s", err)
	}
}

// Printing as Brian2 prints arrays (str and repr from Brian2 2.5 with
// numpy's default print options).
func TestArrayFormat(t *testing.T) {
	arange := func(n int) Array { a, _ := Arange(0, n, 1); return a }
	tests := []struct {
		a         Array
		str, repr string
	}{
		{ArrayOf(0.02, 0.02, 0.1).Per(ms), "[ 20.  20. 100.] Hz", "array([ 20.,  20., 100.]) * hertz"},
		{ArrayOf(1, 2, 3).Times(mV), "[1. 2. 3.] mV", "array([1., 2., 3.]) * mvolt"},
		{ArrayOf(0.5, 1.25, -3), "[ 0.5   1.25 -3.  ]", "array([ 0.5 ,  1.25, -3.  ])"},
		{ArrayOf(1e-5, 1, 3).Times(volt), "[1.e-02 1.e+03 3.e+03] mV", "array([1.e-02, 1.e+03, 3.e+03]) * mvolt"},
		{ArrayOf(-65, -70.123456789, 0).Times(mV), "[-65.         -70.12345679   0.        ] mV", "array([-65.        , -70.12345679,   0.        ]) * mvolt"},
		{ArrayOf(0, 0).Times(Nanoampere), "[0. 0.] A", "array([0., 0.]) * amp"},
		{ArrayOf(1e9, 2), "[1.e+09 2.e+00]", "array([1.e+09, 2.e+00])"},
		{ArrayOf(3, 4).Times(Microfarad).Per(Centimetre2), "[0.03 0.04] m^-4 kg^-1 s^4 A^2", "array([0.03, 0.04]) * metre ** -4 * kilogram ** -1 * second ** 4 * amp ** 2"},
		{ArrayOf().Times(mV), "[] V", "array([], dtype=float64) * volt"},
		{ArrayOf(7).Times(ms), "[7.] ms", "array([7.]) * msecond"},
		{ArrayOf(math.NaN(), 1, 2).Times(ms), "[nan  1.  2.] ms", "array([nan,  1.,  2.]) * msecond"},
		{arange(20).Times(mV), "[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n 18. 19.] mV", "array([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12.,\n       13., 14., 15., 16., 17., 18., 19.]) * mvolt"},
		{arange(2000).Times(mV), "[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03] mV", "array([0.000e+00, 1.000e+00, 2.000e+00, ..., 1.997e+03, 1.998e+03,\n       1.999e+03]) * mvolt"},
		{arange(1001).Times(0.1 * ms), "[  0.    0.1   0.2 ...  99.8  99.9 100. ] ms", "array([  0. ,   0.1,   0.2, ...,  99.8,  99.9, 100. ]) * msecond"},
	}
	for _, tt := range tests {
		if got := tt.a.String(); got != tt.str {
			t.Errorf("String() = %q, want %q", got, tt.str)
		}
		if got := tt.a.Repr(); got != tt.repr {
			t.Errorf("Repr() = %q, want %q", got, tt.repr)
		}
	}
	if got := tt0().MIMEBundle()["text/plain"]; got != "array([ 20.,  20., 100.]) * hertz" {
		t.Errorf("MIMEBundle text/plain = %q", got)
	}
}

func tt0() Array { return ArrayOf(0.02, 0.02, 0.1).Per(ms).Named("a") }

// Quantity gets the functions with the same rule as arrays.
func TestQuantityMath(t *testing.T) {
	q, err := (-5 * ms).Q().Div(10 * ms).Exp()
	if err != nil || math.Abs(q.Value-math.Exp(-0.5)) > 1e-15 || !q.IsDimensionless() {
		t.Errorf("exp(-t/tau) = %v, %v", q, err)
	}
	if got := (-3 * mV).Q().Abs(); got.String() != "3. mV" {
		t.Errorf("abs(-3 mV) = %v", got)
	}
	if c, err := (7 * mV).Q().Clip(-70*mV, 5*mV); err != nil || c.String() != "5. mV" {
		t.Errorf("clip(7 mV) = %v, %v", c, err)
	}
	if _, err := (5 * mV).Q().Sin(); err == nil || err.Error() != "sin expects a dimensionless argument but got 5. mV (unit is V)" {
		t.Errorf("sin(5 mV): %v", err)
	}
}

// Columns written with units read back with units.
func TestCSVRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trace.csv")
	tm := ArrayOf(0, 0.1, 0.2).Times(ms).Named("t")
	v := ArrayOf(-70, -69.5, -65.25).Times(mV).Named("v")
	if err := SaveCSV(path, []Array{tm, v}, ms, mV); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	wantFile := "# t (ms), v (mV)\n" +
		"0.000000000000000000e+00,-7.000000000000000000e+01\n" +
		"1.000000000000000056e-01,-6.950000000000000000e+01\n" +
		"2.000000000000000111e-01,-6.525000000000000000e+01\n"
	if string(b) != wantFile {
		t.Errorf("file:\n%s\nwant (numpy savetxt's %%.18e):\n%s", b, wantFile)
	}
	cols, err := LoadCSV(path, ms, mV)
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) != 2 || cols[1].String() != "[-70.   -69.5  -65.25] mV" || cols[0].String() != "[  0. 100. 200.] us" {
		t.Errorf("LoadCSV = %v", cols)
	}
	named, err := ReadCSV(strings.NewReader("t,rate\n1 ,2\n3, 4\n"), Second, Hertz)
	if err != nil || named[1].Name() != "rate" || named[1].String() != "[2. 4.] Hz" {
		t.Errorf("ReadCSV with header = %v, %v", named, err)
	}
	bad := []struct{ in, want string }{
		{"1,2\n3\n", "line 2 has 1 values, the first row has 2"},
		{"1,2\n3,x\n", `line 2, column 2: "x" is not a number`},
		{"1 2\n", "1 units for 2 columns"},
	}
	for _, tt := range bad {
		if _, err := ReadCSV(strings.NewReader(tt.in), ms); err == nil || err.Error() != tt.want {
			t.Errorf("ReadCSV(%q): %v, want %q", tt.in, err, tt.want)
		}
	}
	if err := SaveCSV(path, []Array{v}, ms); err == nil || !strings.Contains(err.Error(), "v has unit V, cannot be expressed in 1. ms") {
		t.Errorf("SaveCSV of volts in ms: %v", err)
	}
}
