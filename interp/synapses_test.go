package interp

import (
	"strings"
	"testing"
)

// An STDP model as a notebook writes it: event-driven traces, a
// StateMonitor on the synapses chosen by (i, j), the stored values read
// back, and a bad model ending the cell with a positioned error.
func TestSTDPCells(t *testing.T) {
	s := newSession(t)
	cells := []struct{ code, value, err string }{
		{code: `StartScope()
taupre, taupost := 20*ms, 20*ms
Apre, Apost, wmax := 0.002, -0.0021, 0.01
pre := SpikeGeneratorGroup(2, []int{0, 1}, Times([]float64{5, 15}, ms))
post := NeuronGroup(1, "v : 1", Threshold("v > 1"), Reset("v = 0"))
drive := SpikeGeneratorGroup(1, []int{0}, Times([]float64{10}, ms))
D := Synapses(drive, post, OnPre("v_post += 2"))
D.Connect()
S := Synapses(pre, post, Model(` + "`" + `w : 1
dapre/dt = -apre/taupre : 1 (event-driven)
dapost/dt = -apost/taupost : 1 (event-driven)` + "`" + `),
	OnPre("v_post += w\napre += Apre\nw = clip(w + apost, 0, wmax)"),
	OnPost("apost += Apost\nw = clip(w + apre, 0, wmax)"))
S.Connect()
S.Set("w", 0.005)
M := StateMonitor(S, []string{"w", "apre", "lastupdate"}, Record(S.Indices(0, All)...))
Run(20*ms)`},
		// Potentiation: pre 0 at 5 ms, post at 10.1 ms: w += Apre*exp(-5.1/20).
		{code: `fmt.Sprintf("%.6f", S.Get("w").Floats()[0])`, value: "0.006550"},
		// Depression: post at 10.1 ms, pre 1 at 15 ms.
		{code: `fmt.Sprintf("%.6f", S.Get("w").Floats()[1])`, value: "0.003356"},
		{code: `M.Recorded()`, value: "[0]"},
		{code: `M.Of("lastupdate", 0).In(ms)[199]`, value: "10.100000000000001"},
		{code: `Synapses(pre, post, Model("dx/dt = -x**2/taupre : 1 (event-driven)"))`, err: "1:10"},
	}
	for _, c := range cells {
		r, _ := exec(s, c.code)
		if c.err == "" && r.Err != nil {
			t.Errorf("%q: %s\n%s", c.code, r.Err, strings.Join(r.Err.Traceback, "\n"))
			continue
		}
		if c.err != "" && (r.Err == nil || !strings.Contains(r.Err.Name+": "+r.Err.Value, c.err) || !strings.Contains(r.Err.Value, "event-driven")) {
			t.Errorf("%q: error %+v, want one mentioning %q", c.code, r.Err, c.err)
		}
		if c.value != "" && plain(r) != c.value {
			t.Errorf("%q: value %q, want %q", c.code, plain(r), c.value)
		}
	}
}
