package equations

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"gonsim/nsim/expr"
	"gonsim/nsim/units"
)

// badModels covers every class of construction error. Their messages are
// in testdata/model_errors.golden (go test -update rewrites it).
var badModels = []struct {
	name string
	spec NeuronSpec
}{
	{"rhs unit volt instead of volt/second", NeuronSpec{Model: "dv/dt = -v : volt"}},
	{"inconsistent sum", NeuronSpec{Model: "dv/dt = (1 - v)/(10*ms) : volt"}},
	{"dimensionless tau", NeuronSpec{Model: "dv/dt = -v/tau : volt"}},
	{"all unresolved listed", NeuronSpec{Model: "dv/dt = (El - v + R*I)/taum : volt\ndw/dt = a*(v - El) - w : amp"}},
	{"parse error with caret", NeuronSpec{Model: "dv/dt = (1 - v/(10*ms) : 1\ndw/dt = -w/ms ** : 1"}},
	{"missing unit", NeuronSpec{Model: "dv/dt = -v/(10*ms)"}},
	{"unknown unit suggests", NeuronSpec{Model: "dv/dt = -v/(10*ms) : mvolts\ng : siemen\nI : amps/metre**2"}},
	{"duplicate", NeuronSpec{Model: "dv/dt = -v/(10*ms) : 1\nv = 2 : 1"}},
	{"reserved names", NeuronSpec{Model: "t : second\ndxi/dt = 1/ms : 1\nlastspike : second\nN : 1\nnot_refractory : 1\nxi_1 : 1\nexp : 1"}},
	{"cyclic subexpressions", NeuronSpec{Model: "dv/dt = (a - v)/(10*ms) : 1\na = b + 1 : 1\nb = 2*c : 1\nc = a : 1\nd = d : 1"}},
	{"bad flags", NeuronSpec{Model: "dv/dt = -v/(10*ms) : 1 (unles refractory)\nI = 2 : 1 (linked)\nw : 1 (unless refractory, shred)"}},
	{"bad line", NeuronSpec{Model: "dv/dt + 1 = -v : 1\nv == 3 : 1"}},
	{"threshold units", NeuronSpec{Model: "dv/dt = -v/(10*ms) : volt", Threshold: "v > 1"}},
	{"threshold not a condition", NeuronSpec{Model: "dv/dt = -v/(10*ms) : volt", Threshold: "v - 10*mV"}},
	{"reset units and unknown target", NeuronSpec{Model: "dv/dt = -v/(10*ms) : volt", Reset: "v += 1\nw = 0"}},
	{"reset parse error", NeuronSpec{Model: "dv/dt = -v/(10*ms) : volt", Reset: "v = (0*mV"}},
	{"refractory number", NeuronSpec{Model: "dv/dt = -v/(10*ms) : volt", Refractory: 3.0}},
	{"refractory wrong unit", NeuronSpec{Model: "dv/dt = -v/(10*ms) : volt", Refractory: 3 * units.Millivolt}},
	{"refractory string wrong unit", NeuronSpec{Model: "dv/dt = -v/(10*ms) : volt", Refractory: "3*mV"}},
	{"errors everywhere are collected", NeuronSpec{Model: "dv/dt = -v : volt\nq : foo", Threshold: "v > 1", Reset: "v = 1", Refractory: "2*mV"}},
	{"exprel of a voltage", NeuronSpec{Model: "dm/dt = 0.32/exprel((13*mV-v)/4)/ms : 1\nv : volt"}},
	{"subexpression unit", NeuronSpec{Model: "dv/dt = I/(1*nF) : volt\nI = 3*nA*v : amp"}},
}

func TestModelErrors(t *testing.T) {
	var b strings.Builder
	for _, tt := range badModels {
		_, err := NewNeuronModel(tt.spec, expr.Symbols{"tau": {Kind: expr.Constant, Value: 10}})
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		fmt.Fprintf(&b, "=== %s\n", tt.name)
		for _, e := range expr.Errors(err) {
			fmt.Fprintf(&b, "%s\n  [%s culprit=%q want=%q got=%q]\n", e.Error(), e.Kind, e.Culprit, e.Want, e.Got)
		}
	}
	golden(t, "model_errors.golden", b.String())
}

// The example of the issue: dv/dt = -v : volt names both units and the place.
func TestRHSUnitError(t *testing.T) {
	_, err := NewNeuronModel(NeuronSpec{Model: "dv/dt = -v : volt"}, nil)
	var e *expr.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not an *expr.Error", err)
	}
	if e.Kind != expr.UnitMismatch || e.Want != "V/s" || e.Got != "V" || e.Pos.Line != 1 || e.Pos.Col != 9 || e.Culprit != "-v" {
		t.Errorf("%+v", e)
	}
	if !strings.Contains(err.Error(), `differential equation defining variable "v": the right-hand side "-v" has unit V, but unit V/s is needed`) {
		t.Error(err)
	}
	// Unresolved identifiers are all listed, each once.
	_, err = NewNeuronModel(NeuronSpec{Model: "dv/dt = (El - v + R*I)/taum : volt\ndw/dt = a*(v - El)/taum : amp"}, nil)
	var names []string
	for _, e := range expr.Errors(err) {
		if e.Kind == expr.UnresolvedName {
			names = append(names, e.Culprit)
		}
	}
	if strings.Join(names, ",") != "El,R,I,taum,a,El,taum" {
		t.Errorf("unresolved: %v", names)
	}
}

var badSynapses = []struct {
	name string
	spec SynapseSpec
}{
	{"on_pre units", SynapseSpec{OnPre: "v += 1"}},
	{"on_pre unknown name", SynapseSpec{OnPre: "ge += w; v_post += x_pre*mV"}},
	{"on_pre writes a presynaptic constant", SynapseSpec{Model: "w : siemens", OnPre: "tau_pre = 1*ms; ge_post += w"}},
	{"synapse model error", SynapseSpec{Model: "dw/dt = -w : 1", OnPre: "ge += w*nS"}},
	{"on_post parse error", SynapseSpec{Model: "w : 1", OnPost: "w = = 2"}},
}

func TestSynapseModels(t *testing.T) {
	post, err := NewNeuronModel(NeuronSpec{Model: "dv/dt = (ge*(-v))/(1*nF) : volt (unless refractory)\ndge/dt = -ge/(5*ms) : siemens", Refractory: 2 * units.Millisecond}, nil)
	if err != nil {
		t.Fatal(err)
	}
	pre, err := NewNeuronModel(NeuronSpec{Model: "dx/dt = -x/tau : 1\ntau : second (constant)"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Bare ge is the postsynaptic ge; w is synaptic; x_pre, v_post, i, j.
	s, err := NewSynapseModel(SynapseSpec{Model: "w : siemens\ndu/dt = -u/(10*ms) : 1 (unless refractory)", OnPre: "ge += w\nv_post += x_pre*mV*(i+j)\nu += 1", OnPost: "w -= 0.1*nS*u"}, pre, post, nil)
	if err != nil {
		t.Fatal(err)
	}
	refs := map[string]Owner{}
	for _, st := range s.OnPre.Stmts {
		refs[st.Target.Name] = st.Target.Ref.(VarRef).Owner
	}
	if refs["ge"] != Post || refs["v_post"] != Post || refs["u"] != Own {
		t.Errorf("targets: %v", refs)
	}
	if r := s.OnPre.Stmts[1].Target.Ref.(VarRef); r.Name != "v" || !r.Flags.UnlessRefractory {
		t.Errorf("v_post ref %+v", r)
	}
	if sym, _ := s.OnPre.Stmts[1].Value.Symbol("x_pre"); sym.Ref.(VarRef).Owner != Pre || sym.Ref.(VarRef).Name != "x" {
		t.Errorf("x_pre %+v", sym)
	}
	if sym, _ := s.OnPre.Stmts[1].Value.Symbol("j"); sym.Ref.(VarRef).Owner != Post || sym.Ref.(VarRef).Name != "i" {
		t.Errorf("j %+v", sym)
	}
	if len(s.States) != 1 || s.OnPost == nil {
		t.Errorf("states %v on_post %v", s.States, s.OnPost)
	}
	// A synapse variable with the same name as a postsynaptic one wins.
	s2, err := NewSynapseModel(SynapseSpec{Model: "ge : siemens", OnPre: "ge_post += ge"}, nil, post, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sym, _ := s2.OnPre.Stmts[0].Value.Symbol("ge"); sym.Ref.(VarRef).Owner != Own {
		t.Errorf("bare ge in a synapse with ge: %+v", sym)
	}

	var b strings.Builder
	for _, tt := range badSynapses {
		_, err := NewSynapseModel(tt.spec, pre, post, nil)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		fmt.Fprintf(&b, "=== %s\n", tt.name)
		for _, e := range expr.Errors(err) {
			fmt.Fprintf(&b, "%s\n  [%s culprit=%q want=%q got=%q]\n", e.Error(), e.Kind, e.Culprit, e.Want, e.Got)
		}
	}
	golden(t, "synapse_errors.golden", b.String())
}

func TestParseForms(t *testing.T) {
	eqs, err := Parse(`
# a comment line
dv/dt = (-v +
         I)/tau : volt   # trailing comment
I = I0*(1 + sin(2*pi*f*t))
    : volt (constant over dt)
I0 : volt (constant, shared)
tau : second
f : Hz
g_dens : siemens/metre**2
k : metre**-2
r : 1
`)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name string
		kind Kind
		dim  units.Dim
		line int
	}{
		{"v", Differential, units.DimVoltage, 3}, {"I", Subexpression, units.DimVoltage, 5},
		{"I0", Parameter, units.DimVoltage, 7}, {"tau", Parameter, units.DimTime, 8}, {"f", Parameter, units.DimFrequency, 9},
		{"g_dens", Parameter, units.DimConductance.Div(units.DimArea), 10}, {"k", Parameter, units.Dim{-2}, 11}, {"r", Parameter, units.Dim{}, 12},
	}
	if len(eqs.List) != len(want) {
		t.Fatalf("%d equations: %v", len(eqs.List), eqs.Names())
	}
	for i, w := range want {
		q := eqs.List[i]
		if q.Name != w.name || q.Kind != w.kind || q.Dim != w.dim || q.Pos.Line != w.line {
			t.Errorf("equation %d = %s %v %v line %d, want %+v", i, q.Name, q.Kind, q.Dim, q.Pos.Line, w)
		}
	}
	if f := eqs.List[2].Flags; !f.Constant || !f.Shared {
		t.Errorf("I0 flags %+v", f)
	}
	if f := eqs.List[1].Flags; !f.ConstantOverDt {
		t.Errorf("I flags %+v", f)
	}
	if eqs.List[0].RHS.String() != "(-v + I)/tau" || eqs.List[0].RHSPos.Line != 3 {
		t.Errorf("v rhs %s at %v", eqs.List[0].RHS, eqs.List[0].RHSPos)
	}
	if len(eqs.OfKind(Parameter)) != 6 {
		t.Error("OfKind")
	}
}
