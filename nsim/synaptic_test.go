package nsim

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"gonsim/nsim/expr"
	"gonsim/nsim/units"
)

// TestSynapticFlagErrors feeds bad synaptic models to NewSynapses (and one
// to NewNeuronGroup): each error names the object, the part, the culprit
// and its position.
func TestSynapticFlagErrors(t *testing.T) {
	ns := map[string]any{"tau": 10 * ms}
	tests := []struct {
		name, model string
		neuron      bool     // give the model to a NeuronGroup instead
		want        []string // substrings of the message
	}{
		{name: "nonlinear", model: "w : 1\ndx/dt = -x**2/tau : 1 (event-driven)",
			want: []string{"syn_bad", "model", "2:10", `cannot solve the differential equation of "x" as event-driven`, "not linear", "(clock-driven)"}},
		{name: "time dependent", model: "dx/dt = (sin(t/tau) - x)/tau : 1 (event-driven)",
			want: []string{"syn_bad", "model", "1:9", "depends on time t"}},
		{name: "stochastic", model: "dx/dt = -x/tau + xi/sqrt(tau) : 1 (event-driven)",
			want: []string{"syn_bad", "model", "1:9", "stochastic"}},
		{name: "coupled", model: "dx/dt = -x/tau : 1 (event-driven)\ndy/dt = (x - y)/tau : 1 (event-driven)",
			want: []string{"syn_bad", "model", "2:9", `event-driven variable "x"`, "coupled"}},
		{name: "clock-driven reads event-driven", model: "dx/dt = -x/tau : 1 (event-driven)\ndw/dt = x/tau : 1 (clock-driven)",
			want: []string{"syn_bad", "model", "2:9", `the clock-driven equation of "w" should not depend on the event-driven variable "x"`, `culprit="x"`}},
		{name: "clock-driven reads event-driven through a subexpression", model: "dx/dt = -x/tau : 1 (event-driven)\ny = 2*x : 1\ndw/dt = y/tau : 1",
			want: []string{"syn_bad", "model", "3:1", `"w" should not depend on the event-driven variable "x"`}},
		{name: "event-driven reads clock-driven", model: "dw/dt = -w/tau : 1 (clock-driven)\ndx/dt = (w - x)/tau : 1 (event-driven)",
			want: []string{"syn_bad", "model", "2:10", `the event-driven equation of "x" should not depend on the clock-driven variable "w"`}},
		{name: "summed reads event-driven", model: "dx/dt = -x/tau : 1 (event-driven)\nI_post = x : 1 (summed)",
			want: []string{"syn_bad", "model", "2:10", `the summed variable "I_post" should not depend on the event-driven variable "x"`}},
		{name: "event-driven parameter", model: "w : 1 (event-driven)",
			want: []string{"syn_bad", "model", "1:1", "flag (event-driven) is only allowed on differential equations", `culprit="w"`}},
		{name: "both drives", model: "dx/dt = -x/tau : 1 (event-driven, clock-driven)",
			want: []string{"syn_bad", "model", "1:1", "(event-driven) and (clock-driven) exclude each other"}},
		{name: "summed differential", model: "dI_post/dt = -I_post/tau : 1 (summed)",
			want: []string{"syn_bad", "model", "flag (summed) is only allowed on subexpressions"}},
		{name: "summed shared", model: "I_post = 1 : 1 (summed, shared)",
			want: []string{"syn_bad", "model", "1:1", "(summed) cannot be combined"}},
		{name: "summed without side", model: "w : 1\nI = w : 1 (summed)",
			want: []string{"syn_bad", "model", "2:1", `the summed variable "I" does not end in _pre or _post`}},
		{name: "summed onto a differential equation", model: "w : 1\nv_post = w : 1 (summed)",
			want: []string{"syn_bad", "model", "2:1", `needs a parameter "v" in the postsynaptic group, which defines it as a differential equation`, `culprit="v_post"`}},
		{name: "summed onto nothing", model: "w : 1\nJ_pre = w : 1 (summed)",
			want: []string{"syn_bad", "model", "2:1", `needs a parameter "J" in the presynaptic group, which has no such variable`}},
		{name: "summed unit", model: "w : volt\nI_post = w : volt (summed)",
			want: []string{"syn_bad", "model", "2:1", `has unit V but the postsynaptic parameter "I" has unit 1`}},
		{name: "lastupdate defined", model: "lastupdate : second\ndx/dt = -x/tau : 1 (event-driven)",
			want: []string{"syn_bad", "model", "1:1", `"lastupdate" is defined by Synapses with event-driven variables`}},
		{name: "event-driven in a neuron", neuron: true, model: "dv/dt = -v/tau : 1 (event-driven)",
			want: []string{"nrn_bad", "model", "1:1", "flag (event-driven) of \"v\" is only allowed in the model of Synapses"}},
		{name: "summed in a neuron", neuron: true, model: "I_post = 1 : 1 (summed)",
			want: []string{"nrn_bad", "model", "1:1", "flag (summed)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			StartScope()
			g := must[*NeuronGroup](t)(NewNeuronGroup(2, "dv/dt = -v/tau : 1\nI : 1", Namespace(ns), Method("exact")))
			var err error
			if tc.neuron {
				_, err = NewNeuronGroup(2, tc.model, Namespace(ns), Name("nrn_bad"))
			} else {
				_, err = NewSynapses(g, g, Model(tc.model), OnPre("v += 1"), Namespace(ns), Name("syn_bad"))
			}
			if err == nil {
				t.Fatal("no error")
			}
			var oe *ObjectError
			if !errors.As(err, &oe) {
				t.Fatalf("%T, want *ObjectError: %v", err, err)
			}
			msg := err.Error() + "\n" + describeErr(err)
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error lacks %q:\n%s", w, msg)
				}
			}
			// The network stays usable.
			ok(t, Run(1*ms))
		})
	}
}

// describeErr lists the positioned errors inside err with their culprits.
func describeErr(err error) string {
	var b strings.Builder
	var oe *ObjectError
	if errors.As(err, &oe) {
		err = oe.Err
	}
	for _, e := range expr.Errors(err) {
		fmt.Fprintf(&b, "%s [culprit=%q]\n", e.Error(), e.Culprit)
	}
	return b.String()
}

// TestSynapsesMonitorAndIndices records chosen synapses of an STDP model
// by (i, j) and checks what a user reads back.
func TestSynapsesMonitorAndIndices(t *testing.T) {
	StartScope()
	pre := spikeGen(t, 3, map[int][]float64{0: {1}, 2: {2}}, "pre")
	post := must[*NeuronGroup](t)(NewNeuronGroup(2, "v : 1"))
	s := must[*Synapses](t)(NewSynapses(pre, post, Model("w : 1\ndapre/dt = -apre/(10*ms) : 1 (event-driven)"),
		OnPre("apre += 1\nw += apre")))
	ok(t, s.Connect())
	tests := []struct {
		i, j int
		want []int
	}{{0, 1, []int{1}}, {2, All, []int{4, 5}}, {All, 0, []int{0, 2, 4}}, {All, All, []int{0, 1, 2, 3, 4, 5}}, {3, 0, []int{}}, {0, 7, []int{}}}
	for _, tc := range tests {
		if got := s.Indices(tc.i, tc.j); !slices.Equal(got, tc.want) {
			t.Errorf("Indices(%d, %d) = %v, want %v", tc.i, tc.j, got, tc.want)
		}
	}
	m := must[*StateMonitor](t)(NewStateMonitor(s, []string{"w", "apre", "lastupdate"}, Record(s.Indices(2, All)...)))
	ok(t, Run(3*ms))
	if got := m.Recorded(); !slices.Equal(got, []int{4, 5}) {
		t.Errorf("Recorded() = %v", got)
	}
	// Synapse 4 (2→0) gets its event at 2 ms (step 20): the stored values
	// change in the sample after it and stay constant (no decay is recorded).
	for _, c := range []struct {
		v          string
		before, at float64
	}{{"w", 0, 1}, {"apre", 0, 1}, {"lastupdate", 0, 2e-3}} {
		tr := m.Of(c.v, 4).Floats()
		if len(tr) != 30 || tr[20] != c.before || tr[21] != c.at || tr[29] != c.at {
			t.Errorf("%s of synapse 4: samples 20, 21, 29 = %v, %v, %v, want %v, %v, %v", c.v, tr[20], tr[21], tr[29], c.before, c.at, c.at)
		}
	}
	if all := m.All("w"); len(all) != 2 || all[1].Floats()[29] != 1 {
		t.Errorf("All(w): %d traces", len(all))
	}
	if e := m.Of("w", 0).Err(); e == nil || !strings.Contains(e.Error(), "does not record synapse 0") {
		t.Errorf("Of(w, 0): %v", e)
	}
	if _, err := NewStateMonitor(s, []string{"w"}, Record(6)); err == nil || !strings.Contains(err.Error(), "synapse 6 is outside 0…5 of synapses") {
		t.Errorf("Record(6): %v", err)
	}
	if _, err := NewStateMonitor(s, []string{"wx"}); err == nil || !strings.Contains(err.Error(), `no synaptic variable "wx"`) {
		t.Errorf("unknown variable: %v", err)
	}
	b := s.MIMEBundle()["text/html"].(string)
	if !strings.Contains(b, "event-driven") || !strings.Contains(b, "apre") {
		t.Errorf("bundle does not mention the event-driven variable: %s", b)
	}
	if mb := m.MIMEBundle()["text/plain"].(string); !strings.Contains(mb, "2 synapse(s)") {
		t.Errorf("monitor bundle: %s", mb)
	}
}

// TestSynapticSchedule checks Brian2's order: summed variables before the
// target's update, pre pathways at −1, post pathways at +1.
func TestSynapticSchedule(t *testing.T) {
	StartScope()
	g := must[*NeuronGroup](t)(NewNeuronGroup(2, "dv/dt = (I - v)/(10*ms) : 1\nI : 1", Threshold("v > 1"), Reset("v = 0"), Method("exact"), Name("g")))
	s := must[*Synapses](t)(NewSynapses(g, g, Model("w : 1\nI_post = w*v_pre : 1 (summed)"), OnPre("w += 1"), OnPost("w -= v_pre"), Name("s")))
	ok(t, s.Connect())
	net := must[*Network](t)(NewNetwork(g, s))
	ok(t, net.Run(1*ms))
	sched := strings.Join(net.Schedule(), "\n")
	for _, w := range []string{"groups -1 s_summed_variable_I_post\ngroups 0 g_stateupdater", "synapses -1 s_pre\nsynapses 1 s_post"} {
		if !strings.Contains(sched, w) {
			t.Errorf("schedule lacks %q:\n%s", w, sched)
		}
	}
}

// TestOnPostReadsPre checks _pre references in on_post and the summed
// variable's start-of-step values.
func TestOnPostReadsPre(t *testing.T) {
	StartScope()
	src := must[*NeuronGroup](t)(NewNeuronGroup(3, "x : 1"))
	ok(t, src.SetExpr("x", "10*(i+1)"))
	drive := spikeGen(t, 1, map[int][]float64{0: {1}}, "drive")
	tgt := must[*NeuronGroup](t)(NewNeuronGroup(1, "v : 1\nS : 1", Threshold("v > 1"), Reset("v = 0")))
	d := must[*Synapses](t)(NewSynapses(drive, tgt, OnPre("v_post += 2")))
	ok(t, d.Connect())
	s := must[*Synapses](t)(NewSynapses(src, tgt, Model("w : 1\nS_post = w : 1 (summed)"), OnPost("w += x_pre + i")))
	ok(t, s.Connect())
	m := must[*StateMonitor](t)(NewStateMonitor(tgt, []string{"S"}))
	ok(t, Run(2*ms))
	// The post spike at 1.1 ms (step 11) adds x_pre + i = 10, 21, 32.
	if got := s.Get("w").Floats(); got[0] != 10 || got[1] != 21 || got[2] != 32 {
		t.Errorf("w = %v, want [10 21 32]", got)
	}
	// S is summed in the groups slot of the next step: 63 from step 12 on.
	tr := m.Of("S", 0).Floats()
	if tr[12] != 0 || tr[13] != 63 {
		t.Errorf("S at steps 12, 13 = %v, %v, want 0, 63", tr[12], tr[13])
	}
}

// TestSummedConflict refuses two summed variables writing one parameter,
// from two Synapses or from both sides of one; the message names both.
func TestSummedConflict(t *testing.T) {
	tests := []struct {
		name   string
		models []string
		want   []string
	}{
		{"two synapses", []string{"w : 1\nI_post = w : 1 (summed)", "w : 1\nI_post = 2*w : 1 (summed)"},
			[]string{"summed variable I_post", `the variable "I" of g is also written by the summed variable "I_post" of`}},
		{"both sides onto one group", []string{"w : 1\nI_post = w : 1 (summed)\nI_pre = w : 1 (summed)"},
			[]string{"s0, summed variable I_pre", `the variable "I" of g is also written by the summed variable "I_post" of s0`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			StartScope()
			g := must[*NeuronGroup](t)(NewNeuronGroup(2, "I : 1", Name("g")))
			objs := []Object{g}
			for k, mod := range tc.models {
				s := must[*Synapses](t)(NewSynapses(g, g, Model(mod), Name(fmt.Sprintf("s%d", k))))
				ok(t, s.Connect())
				objs = append(objs, s)
			}
			net := must[*Network](t)(NewNetwork(objs...))
			err := net.Run(1 * ms)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q: %v", w, err)
				}
			}
			if len(objs) > 2 { // without the second writer the same group runs
				ok(t, must[*Network](t)(NewNetwork(objs[:2]...)).Run(1*ms))
			}
		})
	}
}

// TestSummedIntoSubgroup sums into a Subgroup: only its neurons are
// zeroed and written, and synapses connected between runs take part.
func TestSummedIntoSubgroup(t *testing.T) {
	StartScope()
	src := must[*NeuronGroup](t)(NewNeuronGroup(2, "x : 1"))
	ok(t, src.SetExpr("x", "i + 1"))
	g := must[*NeuronGroup](t)(NewNeuronGroup(5, "S : 1"))
	ok(t, g.Set("S", 7))
	sub := must[*Subgroup](t)(g.Sub(2, 4))
	s := must[*Synapses](t)(NewSynapses(src, sub, Model("S_post = x_pre : 1 (summed)")))
	ok(t, s.Connect(I(0, 1, 1), J(0, 0, 1)))
	ok(t, Run(1*ms))
	if got := g.Get("S").Floats(); !slices.Equal(got, []float64{7, 7, 3, 2, 7}) {
		t.Errorf("S = %v, want [7 7 3 2 7]", got)
	}
	ok(t, s.Connect(I(0), J(1)))
	ok(t, Run(1*ms))
	if got := g.Get("S").Floats(); !slices.Equal(got, []float64{7, 7, 3, 3, 7}) {
		t.Errorf("after a second Connect, S = %v, want [7 7 3 3 7]", got)
	}
}

// TestEventDrivenSolutions checks the analytic updates of event-driven
// equations of the three forms: decay with a per-synapse time constant,
// relaxation to a parameter, and A = 0 (pure drift).
func TestEventDrivenSolutions(t *testing.T) {
	tests := []struct {
		name, model, onPre string
		want               func(tau float64) float64 // value after events at 1 and 3 ms
	}{
		{"per-synapse decay", "tau : second\ndx/dt = -x/tau : 1 (event-driven)", "x += 1",
			func(tau float64) float64 { return math.Exp(-2e-3/tau) + 1 }},
		{"relax to a parameter", "tau : second\nx0 : 1\ndx/dt = (x0 - x)/tau : 1 (event-driven)", "x += 1",
			// x0 = 5: x relaxes from 0 for 1 ms (lastupdate starts at 0),
			// gets +1, relaxes for 2 ms and gets +1.
			func(tau float64) float64 {
				x := 5*(1-math.Exp(-1e-3/tau)) + 1
				return 5 + (x-5)*math.Exp(-2e-3/tau) + 1
			}},
		{"drift", "tau : second\ndx/dt = 1/tau : 1 (event-driven)", "x += 0",
			func(tau float64) float64 { return 3e-3 / tau }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			StartScope()
			pre := spikeGen(t, 1, map[int][]float64{0: {1, 3}}, "pre")
			post := must[*NeuronGroup](t)(NewNeuronGroup(2, "v : 1"))
			s := must[*Synapses](t)(NewSynapses(pre, post, Model(tc.model), OnPre(tc.onPre)))
			ok(t, s.Connect())
			ok(t, s.SetSlice("tau", []units.Time{5 * ms, 20 * ms}))
			if strings.Contains(tc.model, "x0") {
				ok(t, s.Set("x0", 5))
			}
			ok(t, Run(5*ms))
			got := s.Get("x").Floats()
			for k, tau := range []float64{5e-3, 20e-3} {
				if w := tc.want(tau); math.Abs(got[k]-w) > 1e-14*math.Max(1, math.Abs(w)) {
					t.Errorf("synapse %d: x = %.17g, want %.17g", k, got[k], w)
				}
			}
			if lu := s.Get("lastupdate").Floats(); math.Abs(lu[0]-3e-3) > 1e-15 {
				t.Errorf("lastupdate = %v, want 3 ms", lu)
			}
		})
	}
}

// TestConstantOverDt: a (constant over dt) synaptic subexpression is
// evaluated once per step before the start slot, so a monitor sees this
// step's value and two statements reading rand() through it see one draw.
func TestConstantOverDt(t *testing.T) {
	StartScope()
	pre := spikeGen(t, 1, map[int][]float64{0: {0.5, 1.2}}, "pre")
	post := must[*NeuronGroup](t)(NewNeuronGroup(3, "v : 1"))
	s := must[*Synapses](t)(NewSynapses(pre, post,
		Model("x : 1\ny : 1\nr = rand() : 1 (constant over dt)\nc = t/ms : 1 (constant over dt)"), OnPre("x += r\ny += r")))
	ok(t, s.Connect())
	m := must[*StateMonitor](t)(NewStateMonitor(s, []string{"c", "r"}, RecordAll()))
	ok(t, Run(2*ms))
	x, y := s.Get("x").Floats(), s.Get("y").Floats()
	for k := range x {
		if x[k] != y[k] || x[k] == 0 || x[k] >= 2 {
			t.Errorf("synapse %d: x = %v, y = %v, want the same sum of two draws", k, x[k], y[k])
		}
		r := m.Of("r", k).Floats()
		if want := r[5] + r[12]; math.Abs(x[k]-want) > 1e-15 {
			t.Errorf("synapse %d: x = %v, want r at steps 5 and 12 = %v", k, x[k], want)
		}
	}
	if c := m.Of("c", 0).Floats(); math.Abs(c[7]-0.7) > 1e-12 {
		t.Errorf("c at step 7 = %v, want 0.7 (this step's t)", c[7])
	}
	if _, err := NewSynapses(pre, post, Model("x : 1\nr = rand() : 1 (constant over dt)"), OnPre("r = 1")); err == nil || !strings.Contains(err.Error(), `cannot assign to "r": it is read-only`) {
		t.Errorf("writing a (constant over dt) subexpression: %v", err)
	}
}
