package interp

import (
	"fmt"
	"path/filepath"
	"testing"
)

// Arrays with units as a statistics cell writes them, each method call
// being what the operator form (a - b, np.mean(a), …) will become. The
// expected values are Brian2's and numpy's (printed as Brian2 prints).
func TestArrayCells(t *testing.T) {
	s := newSession(t)
	csv := filepath.Join(t.TempDir(), "trace.csv")
	cells := []cell{
		// Brian2: G.a = [0.02, 0.02, 0.1]/ms; a
		{code: `a := Array(0.02, 0.02, 0.1).Per(ms)
a`, value: "array([ 20.,  20., 100.]) * hertz"},
		{code: `fmt.Println(a)`, stdout: "[ 20.  20. 100.] Hz\n"},
		{code: `Mean(a)`, value: "46.66666667 Hz"},
		{code: `Std(a, 1)`, value: "46.18802154 Hz"},
		{code: `a.Std(0)`, value: "37.71236166 Hz"},
		{code: `m, _ := a.Gt(50*Hz)
m.Count()`, value: "1"},
		{code: `big, _ := a.Where(m)
big`, value: "array([100.]) * hertz"},
		{code: `isi := Array(1, 2, 2, 3, 5).Times(ms)
counts, edges := Histogram(isi, 2)
counts`, value: "array([3., 2.])"},
		{code: `edges`, value: "array([1., 3., 5.]) * msecond"},
		{code: `Linspace(0*ms, 1*ms, 5)`, value: "array([0.  , 0.25, 0.5 , 0.75, 1.  ]) * msecond"},
		{code: `Arange(0*ms, 1*ms, 0.25*ms).Len()`, value: "4"},
		{code: `Diff(isi)`, value: "array([1., 0., 1., 2.]) * msecond"},
		// Errors name both units, as Brian2's do, and end the cell.
		{code: `b, err := a.Add(3*mV)
Fail(err)`, err: "cannot calculate [ 20.  20. 100.] Hz + 3. mV, units do not match (units are Hz and V)"},
		{code: `_, err := a.Exp()
Fail(err)`, err: "exp expects a dimensionless argument but got [ 20.  20. 100.] Hz (unit is Hz)"},
		{code: `Arange(10*ms)`, err: "Arange: start is 0. but stop is 10. ms, units do not match"},
		// A trace from a monitor: Brian2's 1 - exp(-M.t/tau) against
		// (M.v[0] - v_init) / (v0 - v_init) for an exactly integrated
		// relaxation.
		{code: `StartScope()
tau := 10*ms
v0 := -50*mV
G := NeuronGroup(1, "dv/dt = (v0 - v)/tau : volt", Method("exact"))
G.Set("v", -70*mV)
M := StateMonitor(G, "v", Record(0))
Run(30*ms)`},
		{code: `x, _ := M.T().Div(tau)
e, _ := x.Neg().Exp()
want, _ := e.RSub(1)
dv, _ := M.Of("v", 0).Sub(-70*mV)
got, _ := dv.Div(v0 - -70*mV)
diff, _ := got.Sub(want)
diff.Abs().Max().Value < 1e-9`, value: "true"},
		// numpy on Brian2's arrays: 20*mV*(1-exp(-t/tau)) at t = 29.9 ms.
		{code: `dv.Max()`, value: "18.99425127 mV"},
		{code: `dv.Slice(0, 3)`, value: "array([  0.        , 199.00332502, 396.02653386]) * uvolt"},
		// Columns with units to a file and back (np.savetxt / np.loadtxt).
		{code: fmt.Sprintf(`SaveCSV(%q, []units.Array{M.T(), M.Of("v", 0)}, ms, mV)
cols := LoadCSV(%q, ms, mV)
cols[1].Index(0)`, csv, csv), value: "-70. mV"},
		{code: `cols[0].Len() == M.T().Len()`, value: "true"},
	}
	runCells(t, s, cells)
}
