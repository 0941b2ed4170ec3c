package nsim

import (
	"math"
	"strings"
	"testing"

	"gonsim/nsim/units"
)

// vars is a resolver over a map, listing its names for the empty name as
// the notebook's resolvers do.
func vars(m map[string]any) func(string) (any, bool) {
	return func(name string) (any, bool) {
		if name == "" {
			var names []string
			for k := range m {
				names = append(names, k)
			}
			return names, true
		}
		v, ok := m[name]
		return v, ok
	}
}

// decayed is v after 10 ms of dv/dt = -v/tau from v = 1, the tau the
// model string saw.
func decayed(t *testing.T, g *NeuronGroup) units.Time {
	t.Helper()
	if err := Run(10 * units.Millisecond); err != nil {
		t.Fatal(err)
	}
	v := g.Get("v").Floats()[0]
	return units.Time(-0.01 / math.Log(v))
}

// Names in model strings come from the Namespace option, the innermost
// pushed locals, the locals the object was created with and the global
// resolver, in that order; each source is read at construction and
// again at every run.
func TestPushResolverOrder(t *testing.T) {
	ms := units.Millisecond
	SetResolver(vars(map[string]any{"tau": 30 * ms, "other": 1}))
	defer SetResolver(nil)
	for _, tt := range []struct {
		name      string
		namespace map[string]any
		atCreate  map[string]any // locals pushed while the group is made; nil: none
		atRun     map[string]any // locals pushed while it runs; nil: none
		noGlobal  bool
		want      units.Time
	}{
		{name: "global", want: 30 * ms},
		{name: "local beats global", atCreate: map[string]any{"tau": 5 * ms}, atRun: map[string]any{"tau": 5 * ms}, want: 5 * ms},
		{name: "run-time locals are read at run", atCreate: map[string]any{"tau": 5 * ms}, atRun: map[string]any{"tau": 8 * ms}, want: 8 * ms},
		{name: "namespace beats local", namespace: map[string]any{"tau": 2 * ms}, atRun: map[string]any{"tau": 8 * ms}, want: 2 * ms},
		{name: "creator's locals before globals", atCreate: map[string]any{"tau": 5 * ms}, want: 5 * ms},
		{name: "creator's locals without globals", atCreate: map[string]any{"tau": 5 * ms}, noGlobal: true, want: 5 * ms},
		{name: "run-time locals without the name", atCreate: map[string]any{"tau": 5 * ms}, atRun: map[string]any{"x": 1}, want: 5 * ms},
		{name: "creator without the name", atCreate: map[string]any{"x": 1}, atRun: map[string]any{"y": 1}, want: 30 * ms},
	} {
		t.Run(tt.name, func(t *testing.T) {
			StartScope()
			opts := []Option{Method("exact")}
			if tt.namespace != nil {
				opts = append(opts, Namespace(tt.namespace))
			}
			pop := func() {}
			if tt.atCreate != nil {
				pop = PushResolver(vars(tt.atCreate))
			}
			g, err := NewNeuronGroup(1, "dv/dt = -v/tau : 1", opts...)
			pop()
			if err != nil {
				t.Fatal(err)
			}
			if err := g.Set("v", 1); err != nil {
				t.Fatal(err)
			}
			if tt.noGlobal {
				SetResolver(nil)
				defer SetResolver(vars(map[string]any{"tau": 30 * ms, "other": 1}))
			}
			if tt.atRun != nil {
				defer PushResolver(vars(tt.atRun))()
			}
			if got := decayed(t, g); math.Abs(float64(got-tt.want)) > 1e-12 {
				t.Errorf("tau seen = %v, want %v", got, tt.want)
			}
		})
	}
}

// A sweep over a local loop variable: each run reads the current value.
func TestPushResolverSweep(t *testing.T) {
	ms := units.Millisecond
	StartScope()
	var got []units.Time
	for _, tau := range []units.Time{4 * ms, 12 * ms} {
		pop := PushResolver(vars(map[string]any{"tau": tau}))
		StartScope()
		g, err := NewNeuronGroup(1, "dv/dt = -v/tau : 1", Method("exact"))
		if err != nil {
			t.Fatal(err)
		}
		g.Set("v", 1)
		got = append(got, decayed(t, g))
		pop()
	}
	if math.Abs(float64(got[0]-4*ms)) > 1e-12 || math.Abs(float64(got[1]-12*ms)) > 1e-12 {
		t.Errorf("taus seen %v, want [4 ms 12 ms]", got)
	}
}

// Only the innermost locals count (Brian2 reads its caller's frame, not
// the frames further out); pops may come in any order, and twice.
func TestPushResolverInnermost(t *testing.T) {
	outer := PushResolver(vars(map[string]any{"tau": 5 * units.Millisecond}))
	inner := PushResolver(nil) // a function without locals
	StartScope()
	_, err := NewNeuronGroup(1, "dv/dt = -v/tau : 1")
	if err == nil || !strings.Contains(err.Error(), `unknown name "tau"`) {
		t.Errorf("outer locals seen through inner frame: %v", err)
	}
	outer()
	outer()
	if _, err := NewNeuronGroup(1, "dv/dt = -v/tau : 1"); err == nil {
		t.Error("popped locals still seen")
	}
	inner()
	mu.Lock()
	n := len(locals)
	mu.Unlock()
	if n != 0 {
		t.Errorf("%d resolvers left after popping all", n)
	}
}

// The error for an unknown name says where names were looked up and
// suggests the nearest usable one.
func TestUnknownNameMessage(t *testing.T) {
	ms := units.Millisecond
	for _, tt := range []struct {
		name      string
		eqs       string
		namespace map[string]any
		local     map[string]any
		global    map[string]any
		want      string
	}{
		{"local suggested", "dv/dt = -v/taux : 1", nil, map[string]any{"tau": 5 * ms}, nil,
			`neurongroup, model: 1:12: differential equation defining variable "v": unknown name "taux": not a model variable, not in the Namespace option, not a local or global variable (did you mean "tau"?)`},
		{"global suggested", "dv/dt = -v/tau_mem : 1", nil, nil, map[string]any{"tau_m": 5 * ms},
			`unknown name "tau_mem": not a model variable, not in the Namespace option, not a local or global variable (did you mean "tau_m"?)`},
		{"namespace suggested", "dv/dt = -v/tua : 1", map[string]any{"tau": 5 * ms}, nil, nil,
			`unknown name "tua": not a model variable, not in the Namespace option (did you mean "tau"?)`},
		{"model variable suggested", "dv/dt = -vv/(10*ms) : 1", nil, nil, nil,
			`unknown name "vv": not a model variable, not in the Namespace option`}, // too short to guess
		{"no number no suggestion", "dv/dt = -v/tauu : 1", nil, map[string]any{"taus": []float64{1}}, nil,
			`unknown name "tauu": not a model variable, not in the Namespace option, not a local or global variable`},
		{"local of the wrong type", "dv/dt = -v/tau : 1", nil, map[string]any{"tau": "5 ms"}, map[string]any{"tau": 5 * ms},
			`unknown name "tau": not a model variable, the local variable "tau" is a string, not a number or quantity`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			StartScope()
			if tt.global != nil {
				SetResolver(vars(tt.global))
				defer SetResolver(nil)
			}
			if tt.local != nil {
				defer PushResolver(vars(tt.local))()
			}
			var opts []Option
			if tt.namespace != nil {
				opts = append(opts, Namespace(tt.namespace))
			}
			_, err := NewNeuronGroup(1, tt.eqs, opts...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant it to contain %s", err, tt.want)
			}
		})
	}
}
