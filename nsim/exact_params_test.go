package nsim

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gonsim/nsim/compile"
	"gonsim/nsim/expr"
	"gonsim/nsim/integrate"
	"gonsim/nsim/units"
)

// TestExactParamsRefdata is tutorial 2's exact integration with per-neuron
// parameters (A8): Brian2 integrates dv/dt = (I-v)/tau as
// _v = I - I*exp(-dt/tau) + v*exp(-dt/tau). Without Method, the automatic
// choice must be exact as well, and say so.
func TestExactParamsRefdata(t *testing.T) {
	for _, method := range []string{"exact", ""} {
		t.Run("method="+method, func(t *testing.T) {
			StartScope()
			var logged []string
			SetLogger(func(level, msg string) { logged = append(logged, level+" "+msg) })
			defer SetLogger(nil)
			opts := []Option{Threshold("v>1"), Reset("v = 0")}
			if method != "" {
				opts = append(opts, Method(method))
			}
			g := must[*NeuronGroup](t)(NewNeuronGroup(4, "dv/dt = (I-v)/tau : 1\nI : 1\ntau : second", opts...))
			params := readRef(t, "tutorials/a8_params.csv")
			ok(t, g.SetSlice("I", params.cols["I_1"]))
			ok(t, g.SetSlice("tau", Times(params.cols["tau_ms"], ms)))
			m := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v"}, RecordAll()))
			sp := must[*SpikeMonitor](t)(NewSpikeMonitor(g))
			ok(t, Run(100*ms))
			ref := readRef(t, "tutorials/a8_exact_params_state.csv")
			for i := 0; i < 4; i++ {
				checkTrace(t, "v", m.Of("v", i).Floats(), refColumn(ref, "v_1", i), 1e-12, false)
			}
			checkSpikes(t, "spikes", monitorSteps(sp, 1e-4), spikeSteps(readRef(t, "tutorials/a8_exact_params_spikes.csv"), 0.1))
			for i, want := range []int{0, 9, 7, 4} {
				if got := sp.Count()[i]; got != want {
					t.Errorf("neuron %d: %d spikes, want %d", i, got, want)
				}
			}
			if g.Method() != "exact" {
				t.Errorf("method %q, want exact", g.Method())
			}
			if method == "" && (len(logged) != 1 || !strings.Contains(logged[0], `using method "exact"`)) {
				t.Errorf("logged %q, want the choice of exact", logged)
			}
		})
	}
}

// TestExactSchemes checks the formulas exact builds against Brian2's
// abstract code (generated_code.txt of the reference material) by
// evaluating both for a few per-neuron values.
func TestExactSchemes(t *testing.T) {
	const dt = 1e-4
	scope := expr.Symbols{
		"v":   {Kind: expr.Array},
		"w":   {Kind: expr.Array},
		"I":   {Kind: expr.Array},
		"tau": {Kind: expr.Array, Dim: timeDim},
		"t":   {Kind: expr.Scalar, Dim: timeDim},
		"dt":  {Kind: expr.Scalar, Dim: timeDim},
	}
	tests := []struct {
		name, rhs, brian string
	}{
		{"A8", "(I-v)/tau", "I - I*exp(-dt/tau) + v*exp(-dt/tau)"},
		{"decay to a parameter times 2", "(2*I - v)/tau", "2*I - 2*I*exp(-dt/tau) + v*exp(-dt/tau)"},
		{"constant drive, parameter rate", "-v/tau + 1/(10*ms)", "v*exp(-dt/tau) + tau/(10*ms)*(1 - exp(-dt/tau))"},
	}
	data := map[string][]float64{"v": {0.3, -1, 2}, "w": {1, 2, 3}, "I": {0.5, 1.5, 0}, "tau": {5e-3, 1e-2, 5e-2}}
	bind := func(sym expr.Symbol) (compile.Binding, error) {
		if sym.Name == "dt" {
			d := dt
			return compile.Binding{Ptr: &d}, nil
		}
		if sym.Name == "t" {
			var z float64
			return compile.Binding{Ptr: &z}, nil
		}
		d := data[sym.Name]
		return compile.Binding{Data: &d}, nil
	}
	d := dt
	env := compile.Env{Bind: bind, DT: &d}
	for _, tc := range tests {
		rhs := must[*expr.Expr](t)(expr.Check(tc.rhs, scope))
		sch, err := integrate.Exact(&integrate.System{States: []string{"v", "w"}, Dims: map[string]units.Dim{},
			RHS: map[string]*expr.Expr{"v": rhs, "w": must[*expr.Expr](t)(expr.Check("0/second", scope))}, DT: dt, Scope: scope})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := make([]float64, 3)
		must[*compile.Kernel](t)(compile.Expr(sch.Final[0].Value, env)).Eval(got)
		want := make([]float64, 3)
		must[*compile.Kernel](t)(compile.Expr(must[*expr.Expr](t)(expr.Check(tc.brian, scope)), env)).Eval(want)
		for k := range got {
			if diff := got[k] - want[k]; diff > 1e-15 || diff < -1e-15 {
				t.Errorf("%s: element %d: %.17g, Brian2's formula gives %.17g", tc.name, k, got[k], want[k])
			}
		}
	}
}

// TestExactRefusals: exact refuses coefficients that change within a step,
// with an error that points at the term; the automatic choice then falls
// back to euler as Brian2's does.
func TestExactRefusals(t *testing.T) {
	coarse := must[*TimedArray](t)(NewTimedArray([]float64{1, 2}, 0.25*ms)) // not a multiple of 0.1 ms
	fine := must[*TimedArray](t)(NewTimedArray([]float64{1, 2}, 0.05*ms))   // finer than the clock
	ns := map[string]any{"coarse": coarse, "fine": fine, "tau": 5 * ms}
	tests := []struct {
		eqs, want string
	}{
		{"dv/dt = -v*w/tau : 1\ndw/dt = -w/tau : 1", `1:9: "-v*w": the coefficient of v is not constant: it depends on the state variable w`},
		{"dv/dt = (sin(2*pi*t/ms) - v)/tau : 1", `1:19: the term free of state variables uses the time t, which changes within a step`},
		{"dv/dt = (coarse(t) - v)/tau : 1", "uses the time t, which changes within a step"},
		{"dv/dt = (fine(t) - v)/tau : 1", "uses the time t, which changes within a step"},
		{"dv/dt = (coarse(t + 1*ms) - v)/tau : 1", "uses the time t, which changes within a step"},
		{"dv/dt = (rand() - v)/tau : 1", "the term free of state variables draws random numbers (rand())"},
		{"dv/dt = -v/tau2 : 1\ntau2 = tau*(1 + v) : second", "appears in a denominator"},
	}
	for _, tc := range tests {
		StartScope()
		_, err := NewNeuronGroup(1, tc.eqs, Method("exact"), Namespace(ns))
		if err == nil {
			err = Run(0.1 * ms)
		}
		var ue *integrate.UnsupportedError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want an UnsupportedError mentioning %q", tc.eqs, err, tc.want)
		}
		StartScope()
		g, err := NewNeuronGroup(1, tc.eqs, Namespace(ns))
		if err == nil {
			err = Run(0.1 * ms)
		}
		if err != nil || g.Method() != "euler" {
			t.Errorf("%q without a method: %v, method %q, want euler", tc.eqs, err, g.Method())
		}
	}
}

// TestExactConstantOverDt: a subexpression flagged (constant over dt) is
// computed at the start of the step and held, so exact integrates
// dv/dt = (I-v)/tau with I = sin(…t…) as Brian2 does:
// v ← I(t) + (v − I(t))·exp(−dt/tau). Unflagged, exact refuses it.
func TestExactConstantOverDt(t *testing.T) {
	const eqs = "dv/dt = (I-v)/tau : 1\nI = 2*sin(2*pi*t/(20*ms)) : 1"
	for _, method := range []string{"exact", ""} {
		StartScope()
		g := must[*NeuronGroup](t)(NewNeuronGroup(1, eqs+" (constant over dt)", Method(method), Namespace(map[string]any{"tau": 5 * ms})))
		ok(t, Run(10*ms))
		v, dt, e := 0.0, 1e-4, math.Exp(-1e-4/5e-3)
		for k := 0; k < 100; k++ {
			I := 2 * math.Sin(2*math.Pi*float64(k)*dt/20e-3)
			v = I + (v-I)*e
		}
		if got := g.Get("v").Floats()[0]; math.Abs(got-v) > 1e-13 || g.Method() != "exact" {
			t.Errorf("method %q: v = %.17g with %s, want %.17g with exact", method, got, g.Method(), v)
		}
	}
	StartScope()
	_, err := NewNeuronGroup(1, eqs, Method("exact"), Namespace(map[string]any{"tau": 5 * ms}))
	if err == nil {
		err = Run(0.1 * ms)
	}
	if err == nil || !strings.Contains(err.Error(), "uses the time t") {
		t.Errorf("unflagged: %v, want exact refused", err)
	}
}

// TestExactCoupledParameters: coupled equations with per-neuron
// coefficients get a per-neuron propagator. Each neuron must follow the
// same equations written with constant coefficients (the numeric
// propagator), also when a coefficient changes during the run (tau1 from
// a 2-D TimedArray, switching at 10 ms) and where the two time constants
// are equal (a repeated eigenvalue).
func TestExactCoupledParameters(t *testing.T) {
	const eqs = "dv/dt = (w - v)/tau1 : 1\ndw/dt = -w/tau2 + 1/tau1 : 1"
	tau1 := []units.Time{5 * ms, 10 * ms, 7 * ms}
	later := []units.Time{8 * ms, 2 * ms, 7 * ms} // tau1 after 10 ms
	tau2 := []units.Time{20 * ms, 10 * ms, 3 * ms}
	StartScope()
	ta := must[*TimedArray](t)(NewTimedArray([][]units.Time{tau1, later}, 10*ms))
	g := must[*NeuronGroup](t)(NewNeuronGroup(3, eqs+"\ntau1 = ta(t, i) : second\ntau2 : second", Method("exact"),
		Namespace(map[string]any{"ta": ta})))
	ok(t, g.SetSlice("tau2", tau2))
	ok(t, g.Set("v", 0.5))
	ok(t, Run(20*ms))
	got := [][]float64{g.Get("v").Floats(), g.Get("w").Floats()}
	for i := range tau1 {
		StartScope()
		ns := map[string]any{"tau1": tau1[i], "tau2": tau2[i]}
		h := must[*NeuronGroup](t)(NewNeuronGroup(1, eqs, Method("exact"), Namespace(ns)))
		ok(t, h.Set("v", 0.5))
		ok(t, Run(10*ms))
		ns["tau1"] = later[i]
		ok(t, Run(10*ms))
		for x, name := range []string{"v", "w"} {
			if want := h.Get(name).Floats()[0]; math.Abs(got[x][i]-want) > 1e-13 {
				t.Errorf("neuron %d: %s = %.17g, constant coefficients give %.17g", i, name, got[x][i], want)
			}
		}
	}
}
