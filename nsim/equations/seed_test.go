package equations

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonsim/nsim/expr"
	"gonsim/nsim/units"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from golden file; got:\n%s", path, got)
	}
}

// seedParams are the Python variables of the seed notebook, evaluated
// with units.Parse exactly as written there.
var seedParams = map[string]string{
	"area": "20000*umetre**2", "Cm": "(1*ufarad*cm**-2) * area", "gl": "(5e-5*siemens*cm**-2) * area",
	"El": "-65*mV", "EK": "-90*mV", "ENa": "50*mV", "g_na": "(100*msiemens*cm**-2) * area",
	"g_kd": "(30*msiemens*cm**-2) * area", "VT": "-63*mV", "taue": "5*ms", "taui": "10*ms",
	"Ee": "0*mV", "Ei": "-80*mV", "we": "2*nS", "wi": "67*nS", "tau": "10*ms", "sigma": ".03",
	"tau_input": "3*ms",
}

func seedScope(t testing.TB) expr.Scope {
	vals := map[string]units.Quantity{}
	var eval func(name string) (units.Quantity, bool)
	eval = func(name string) (units.Quantity, bool) {
		if q, ok := vals[name]; ok {
			return q, true
		}
		src, ok := seedParams[name]
		if !ok {
			return units.Quantity{}, false
		}
		q, err := units.ParseWith(src, eval)
		if err != nil {
			t.Fatalf("%s = %s: %v", name, src, err)
		}
		vals[name] = q
		return q, true
	}
	return expr.ScopeFunc(func(name string) (expr.Symbol, bool) {
		q, ok := eval(name)
		if !ok {
			return expr.Symbol{}, false
		}
		return expr.ConstantOf(name, q), true
	})
}

// The model strings of the seed notebook, as written there (line breaks
// included).
const (
	s1HH = `
dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-
g_na*(m*m*m)*h*(v-ENa)-
g_kd*(n*n*n*n)*(v-EK))/Cm : volt
dm/dt = alpha_m*(1-m)-beta_m*m : 1
dn/dt = alpha_n*(1-n)-beta_n*n : 1
dh/dt = alpha_h*(1-h)-beta_h*h : 1
dge/dt = -ge*(1./taue) : siemens
dgi/dt = -gi*(1./taui) : siemens
alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
`
	s1Input   = `dv/dt=int(t<150*ms)*t/(50*ms)**2:1`
	s2IF      = "\ndv/dt = 0/second : 1\n"
	s3LIF     = "\ndv/dt = -v/(15*ms) : 1\n"
	s4Neurons = `
dx/dt = (.65*I - x) / tau + sigma * (2 / tau)**.5 * xi : 1
I = I_shared*int((t>10*ms) and (t<950*ms)) : 1
I_shared : 1 (linked)
`
	s4ConstInput = `x = 1.5 : 1`
	s4NoisyInput = `dx/dt = (1.5-x) / tau_input + (2 /tau_input)**.5 * xi : 1`
	s4NonLeaky   = `
dx/dt = (.15*I) / tau + sigma * (2 / tau)**.5 * xi : 1
I = I_shared*int((t>10*ms) and (t<950*ms)) : 1
I_shared : 1 (linked)
`
	s5LIFSyn = `
dv/dt = (4*I-v)/(15*ms) : 1
dI/dt = -I/(5*ms) : 1
`
	s6Adaptive = `
dv/dt = -v/(15*ms) : 1
dvt/dt = (1-vt)/(50*ms) : 1
`
	s7HH = `
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I = 0.7*nA * 8 : amp
`
)

// seedGroups are the NeuronGroups of the seed's seven sections, with their
// thresholds, resets and refractory periods, and the on_pre of the
// Synapses that target them (the source is a SpikeGeneratorGroup or
// another group).
var seedGroups = []struct {
	name       string
	spec       NeuronSpec
	states     []string
	onPre      string
	pre        string // model of the presynaptic NeuronGroup, "" for a SpikeGeneratorGroup
	expLinear  bool   // exponential_euler: every equation conditionally linear
	stochastic bool
}{
	{"s1 HH", NeuronSpec{Model: s1HH, Threshold: "v>-20*mV", Refractory: 3 * units.Millisecond}, []string{"v", "m", "n", "h", "ge", "gi"}, "ge += we", s1Input, true, false},
	{"s1 input", NeuronSpec{Model: s1Input, Threshold: "v>1", Reset: "v=0"}, []string{"v"}, "", "", false, false},
	{"s2 IF", NeuronSpec{Model: s2IF, Threshold: "v>1", Reset: "v=0"}, []string{"v"}, "v += 0.3", "", true, false},
	{"s3 LIF", NeuronSpec{Model: s3LIF, Threshold: "v>1", Reset: "v=0"}, []string{"v"}, "v += 0.6", "", true, false},
	{"s4 input", NeuronSpec{Model: s4ConstInput}, nil, "", "", true, false},
	{"s4 noisy input", NeuronSpec{Model: s4NoisyInput}, []string{"x"}, "", "", false, true},
	{"s4 neurons", NeuronSpec{Model: s4Neurons, Threshold: "x > 1", Reset: "x = 0", Refractory: 5 * units.Millisecond}, []string{"x"}, "", "", false, true},
	{"s4 non-leaky", NeuronSpec{Model: s4NonLeaky, Threshold: "x > 1", Reset: "x = 0", Refractory: 5 * units.Millisecond}, []string{"x"}, "", "", false, true},
	{"s5 LIF syn", NeuronSpec{Model: s5LIFSyn, Threshold: "v>1", Reset: "v=0"}, []string{"v", "I"}, "I += 0.6", "", true, false},
	{"s6 adaptive", NeuronSpec{Model: s6Adaptive, Threshold: "v>vt", Reset: "v=0; vt+=0.4*i"}, []string{"v", "vt"}, "v += 0.3", "", true, false},
	{"s7 HH", NeuronSpec{Model: s7HH}, []string{"v", "m", "n", "h"}, "", "", true, false},
}

func TestSeedModels(t *testing.T) {
	scope := seedScope(t)
	var summary strings.Builder
	for _, g := range seedGroups {
		m, err := NewNeuronModel(g.spec, scope)
		if err != nil {
			t.Errorf("%s: %v", g.name, err)
			continue
		}
		if strings.Join(m.States, ",") != strings.Join(g.states, ",") {
			t.Errorf("%s: states %v, want %v", g.name, m.States, g.states)
		}
		summary.WriteString("== " + g.name + "\n")
		for _, s := range m.States {
			rhs := m.RHS[s]
			q, _ := m.Eqs.Get(s)
			if rhs.Dim != q.Dim.Div(units.DimTime) {
				t.Errorf("%s: d%s/dt has unit %v", g.name, s, rhs.Dim)
			}
			if rhs.Stochastic() != g.stochastic {
				t.Errorf("%s: d%s/dt stochastic = %v", g.name, s, rhs.Stochastic())
			}
			for _, name := range rhs.Names() {
				if q, ok := m.Eqs.Get(name); ok && q.Kind == Subexpression {
					t.Errorf("%s: subexpression %s not substituted in d%s/dt", g.name, name, s)
				}
			}
			_, _, err := expr.Linear(rhs, s)
			if g.expLinear && err != nil {
				t.Errorf("%s: d%s/dt not conditionally linear: %v", g.name, s, err)
			}
			summary.WriteString("d" + s + "/dt = " + rhs.String() + "\n")
		}
		if g.spec.Threshold != "" && (m.Threshold == nil || !m.Threshold.Bool) {
			t.Errorf("%s: threshold %v", g.name, m.Threshold)
		}
		if g.spec.Reset != "" && (m.Reset == nil || len(m.Reset.Stmts) != strings.Count(g.spec.Reset, ";")+1) {
			t.Errorf("%s: reset %v", g.name, m.Reset)
		}
		if g.spec.Refractory != nil && (m.Refractory.Kind != RefractoryDuration || m.Refractory.Duration != g.spec.Refractory.(units.Time)) {
			t.Errorf("%s: refractory %+v", g.name, m.Refractory)
		}
		if g.onPre == "" {
			continue
		}
		var pre *NeuronModel
		if g.pre != "" {
			if pre, err = NewNeuronModel(NeuronSpec{Model: g.pre}, scope); err != nil {
				t.Fatal(err)
			}
		}
		sm, err := NewSynapseModel(SynapseSpec{OnPre: g.onPre}, pre, m, scope)
		if err != nil {
			t.Errorf("%s on_pre %q: %v", g.name, g.onPre, err)
			continue
		}
		st := sm.OnPre.Stmts[0]
		if ref, ok := st.Target.Ref.(VarRef); !ok || ref.Owner != Post {
			t.Errorf("%s: on_pre target %+v is not postsynaptic", g.name, st.Target)
		}
	}
	golden(t, "seed_rhs.golden", summary.String())
}

func TestSeedDetails(t *testing.T) {
	scope := seedScope(t)
	m, err := NewNeuronModel(NeuronSpec{Model: s4Neurons, Threshold: "x > 1", Reset: "x = 0", Refractory: 5 * units.Millisecond}, scope)
	if err != nil {
		t.Fatal(err)
	}
	q, _ := m.Eqs.Get("I_shared")
	if q.Kind != Parameter || !q.Flags.Linked || !m.Symbols["I_shared"].ReadOnly {
		t.Errorf("I_shared: %+v", q)
	}
	if q, _ := m.Eqs.Get("I"); q.Kind != Subexpression || m.Subexpr["I"] == nil || !m.Subexpr["I"].DependsOn("t") {
		t.Errorf("I: %+v %v", q, m.Subexpr["I"])
	}
	if s := m.Symbols["not_refractory"]; !s.Bool || s.Kind != expr.Array {
		t.Errorf("not_refractory: %+v", s)
	}
	if _, ok := m.Symbols["lastspike"]; !ok {
		t.Error("no lastspike with refractory")
	}
	// The noise term splits off linearly in xi (Euler–Maruyama needs f and g).
	g, f, err := expr.Linear(m.RHS["x"], "xi")
	if err != nil || g.DependsOn("x") || !f.DependsOn("x") {
		t.Errorf("xi split: g=%v f=%v err=%v", g, f, err)
	}
	// Brian's HH: gating equations are A*x + B with A = -(alpha+beta).
	hh, err := NewNeuronModel(NeuronSpec{Model: s1HH}, scope)
	if err != nil {
		t.Fatal(err)
	}
	if hh.Subexpr["alpha_m"].Dim != units.DimFrequency || len(hh.Subexpr) != 6 {
		t.Errorf("alpha_m: %v", hh.Subexpr["alpha_m"])
	}
	// Combination of equation sets, as Brian's eqs1 + eqs2.
	a, _ := Parse("dv/dt = -v/tau : volt")
	b, _ := Parse("tau : second (constant)")
	c, err := Combine(a, b)
	if err != nil || strings.Join(c.Names(), ",") != "v,tau" {
		t.Fatalf("Combine: %v %v", c, err)
	}
	if _, err := Combine(a, a); err == nil || !strings.Contains(err.Error(), `"v" is defined twice`) {
		t.Errorf("Combine duplicate: %v", err)
	}
	cm, err := NewNeuronModel(NeuronSpec{Model: c, Reset: "v = 0*mV"}, nil)
	if err != nil || cm.RHS["v"].Dim != units.DimVoltage.Div(units.DimTime) {
		t.Errorf("combined model: %v", err)
	}
	if _, err := NewNeuronModel(NeuronSpec{Model: c, Reset: "tau = 1*ms"}, nil); err == nil {
		t.Error("reset writes a (constant) parameter")
	}
}

func TestRefractoryForms(t *testing.T) {
	scope := expr.Symbols{"tref": {Kind: expr.Constant, Dim: units.DimTime, Value: 0.002}}
	model := "dv/dt = -v/(10*ms) : volt (unless refractory)\nref : second"
	for _, tt := range []struct {
		r    any
		kind RefractoryKind
	}{
		{2 * units.Millisecond, RefractoryDuration},
		{units.Quantity{Value: 0.002, Dim: units.DimTime}, RefractoryDuration},
		{"tref", RefractoryDuration},
		{"ref", RefractoryTime},
		{"v > -50*mV", RefractoryCondition},
		{nil, NoRefractory},
	} {
		m, err := NewNeuronModel(NeuronSpec{Model: model, Refractory: tt.r}, scope)
		if err != nil || m.Refractory.Kind != tt.kind {
			t.Errorf("refractory %v: %+v %v", tt.r, m, err)
		}
	}
	q, _ := Parse(model)
	if e, _ := q.Get("v"); !e.Flags.UnlessRefractory {
		t.Error("unless refractory flag lost")
	}
}
