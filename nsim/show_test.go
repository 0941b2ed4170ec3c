package nsim

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonsim/nsim/units"
)

var updateShow = flag.Bool("update-show", false, "rewrite testdata/show/*.golden")

// showNetwork builds one object of every kind a cell can end with, as a
// notebook would, and runs it for 2 ms so that monitors hold samples.
func showNetwork(t *testing.T) map[string]interface{ MIMEBundle() map[string]any } {
	t.Helper()
	StartScope()
	Seed(1)
	ns := map[string]any{"tau": 10 * ms, "El": -70 * units.Millivolt}
	g := must[*NeuronGroup](t)(NewNeuronGroup(4, `dv/dt = (El - v + I*10*Mohm)/tau : volt (unless refractory)
I : amp
x = v/mV : 1`, Threshold("v > -50*mV"), Reset("v = El"), Refractory(2*ms), Method("exact"), Namespace(ns)))
	ok(t, g.Set("v", -70*units.Millivolt))
	ok(t, g.Set("I", 20*units.Nanoamp))
	gen := must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(2, []int{0, 1, 0}, []units.Time{0.5 * ms, 1 * ms, 1.5 * ms}))
	s := must[*Synapses](t)(NewSynapses(gen, g, Model("w : volt\ndapre/dt = -apre/tau : 1 (event-driven)"),
		OnPre("v_post += w\napre += 0.01"), Delay(1*ms), Namespace(ns)))
	ok(t, s.Connect())
	ok(t, s.Set("w", 1*units.Millivolt))
	pg := must[*PoissonGroup](t)(NewPoissonGroup(3, 50*units.Hertz, Name("inputs")))
	pi := must[*PoissonInput](t)(NewPoissonInput(g, "v", 10, 5*units.Hertz, 0.1*units.Millivolt))
	sub := must[*Subgroup](t)(g.Sub(1, 3))
	m := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v", "I"}, Record(0, 2)))
	sm := must[*SpikeMonitor](t)(NewSpikeMonitor(gen))
	em := must[*EventMonitor](t)(NewEventMonitor(g, "spike", Variables("v")))
	r := must[*PopulationRateMonitor](t)(NewPopulationRateMonitor(sub))
	ta := must[*TimedArray](t)(NewTimedArray([]units.Voltage{1, 2, 3}, 1*ms, Name("stimulus")))
	ta2 := must[*TimedArray](t)(NewTimedArray([][]units.Current{{1, 2}, {3, 4}, {5, 6}}, 0.5*ms))
	reg := must[*Regular](t)(g.RunRegularly("v = v + 0.1*mV", Dt(1*ms)))
	op := must[*NetworkOp](t)(NetworkOperation(func(units.Time) {}, Dt(0.5*ms)))
	ok(t, Run(2*ms))
	return map[string]interface{ MIMEBundle() map[string]any }{
		"neurongroup": g, "subgroup": sub, "spikegeneratorgroup": gen, "synapses": s, "poissongroup": pg,
		"poissoninput": pi, "statemonitor": m, "spikemonitor": sm, "eventmonitor": em, "ratemonitor": r,
		"timedarray": ta, "timedarray2d": ta2, "run_regularly": reg, "networkoperation": op, "network": DefaultNetwork(),
		"values": m.Of("v", 0).Slice(0, 5), "quantity": T(),
	}
}

// TestShowGolden: what a cell ending with each kind of object shows, as
// text/plain and text/html, against testdata/show/<kind>.{txt,html}
// (go test -run TestShowGolden -update-show rewrites them).
func TestShowGolden(t *testing.T) {
	for kind, o := range showNetwork(t) {
		b := o.MIMEBundle()
		for mime, ext := range map[string]string{"text/plain": ".txt", "text/html": ".html", "text/latex": ".tex"} {
			got, has := b[mime].(string)
			path := filepath.Join("testdata", "show", kind+ext)
			if *updateShow {
				if has {
					ok(t, os.WriteFile(path, []byte(got+"\n"), 0o644))
				} else {
					os.Remove(path)
				}
				continue
			}
			want, err := os.ReadFile(path)
			switch {
			case err != nil && has:
				t.Errorf("%s: %s %q, but no %s", kind, mime, got, path)
			case err == nil && !has:
				t.Errorf("%s: no %s, want %s", kind, mime, path)
			case has && got+"\n" != string(want):
				t.Errorf("%s %s:\n%s\nwant (%s):\n%s", kind, mime, got, path, want)
			}
		}
		if txt, _ := b["text/plain"].(string); txt == "" {
			t.Errorf("%s: empty text/plain", kind)
		}
	}
}

// TestShowRows: the parts of a view a user reads first, checked apart
// from the golden files: units of the model, what monitors recorded.
func TestShowRows(t *testing.T) {
	objs := showNetwork(t)
	for _, tt := range []struct{ kind, want string }{
		{"neurongroup", "dv/dt = (El - v + I*10*Mohm)/tau : volt (unless refractory)"},
		{"neurongroup", "threshold:  v > -50*mV"},
		{"neurongroup", "clock:      dt = 100. us (default clock), order 0"},
		{"synapses", "dapre/dt = -apre/tau : 1 (event-driven)"},
		{"synapses", "delay:        1. ms"},
		{"statemonitor", "variables: v : V, I : A"},
		{"statemonitor", "samples:   20 (from 0. s to 1.9 ms)"},
		{"spikemonitor", "SpikeMonitor 'spikemonitor' of 'spikegeneratorgroup' with 3 spike(s)"},
		{"spikemonitor", "spikes: 3 (from 0.5 ms to 1.5 ms)"},
		{"network", "Network at t = 2. ms with 10 object(s)"},
		{"network", "SpikeMonitor 'spikemonitor'"},
		{"quantity", "2. ms"},
	} {
		txt := objs[tt.kind].MIMEBundle()["text/plain"].(string)
		if !strings.Contains(txt, tt.want) {
			t.Errorf("%s shows\n%s\nwithout %q", tt.kind, txt, tt.want)
		}
	}
	h := objs["neurongroup"].MIMEBundle()["text/html"].(string)
	for _, w := range []string{"<code>dv/dt = (El - v + I*10*Mohm)/tau</code>", "<code>: volt</code>", "<i>(unless refractory)</i>", "<code>v &gt; -50*mV</code>"} {
		if !strings.Contains(h, w) {
			t.Errorf("NeuronGroup HTML lacks %q:\n%s", w, h)
		}
	}
}

// TestShowNil: a nil object (declared, never assigned) shows "<nil>" as
// fmt prints it, instead of ending the cell with a nil dereference.
func TestShowNil(t *testing.T) {
	for _, o := range []interface{ MIMEBundle() map[string]any }{
		(*NeuronGroup)(nil), (*Subgroup)(nil), (*Synapses)(nil), (*StateMonitor)(nil), (*EventMonitor)(nil),
		(*SpikeMonitor)(nil), (*PopulationRateMonitor)(nil), (*PoissonGroup)(nil), (*SpikeGeneratorGroup)(nil),
		(*PoissonInput)(nil), (*TimedArray)(nil), (*Regular)(nil), (*NetworkOp)(nil), (*Network)(nil),
	} {
		if b := o.MIMEBundle(); b["text/plain"] != "<nil>" || len(b) != 1 {
			t.Errorf("%T(nil) shows %v", o, b)
		}
	}
}
