package nsim

import (
	"slices"
	"testing"

	"gonsim/nsim/units"
)

// TestSynapseLayout runs one spike of each of three sources through
// synapses laid out in different ways (rows in order or not, a uniform
// increment or not, one delay or several) and checks what a user sees,
// the target's v, and that only the arrays the code needs exist.
func TestSynapseLayout(t *testing.T) {
	sorted := []Option{I(0, 0, 1, 2), J(0, 1, 1, 2)}
	tests := []struct {
		name     string
		onPre    string
		conn     []Option
		delay    string // SetExpr("delay", …) after Connect; "" for none
		opts     []Option
		want     []float64
		inc      bool // the code is a uniform increment (used without delays)
		perm     bool // rows not in synapse order
		ij       bool // float copies of i and j made
		steps    bool // per-synapse delays in steps
		step0    int32
		duration units.Time
	}{
		{name: "rows in order", onPre: "v += 1", conn: sorted, want: []float64{1, 2, 1}, inc: true},
		{name: "rows out of order", onPre: "v += 1", conn: []Option{I(2, 0, 1, 0), J(0, 1, 2, 2)}, want: []float64{1, 1, 2}, inc: true, perm: true},
		{name: "subtraction", onPre: "v -= 2", conn: sorted, want: []float64{-2, -4, -2}, inc: true},
		{name: "reads i", onPre: "v += i", conn: sorted, want: []float64{0, 1, 2}, ij: true},
		{name: "reads j", onPre: "v += j", conn: sorted, want: []float64{0, 2, 2}, ij: true},
		{name: "one delay", onPre: "v += 1", conn: sorted, opts: []Option{Delay(1 * ms)}, want: []float64{1, 2, 1}, inc: true, step0: 10, duration: 3 * ms},
		{name: "one delay, not yet arrived", onPre: "v += 1", conn: sorted, opts: []Option{Delay(1 * ms)}, want: []float64{0, 0, 0}, inc: true, step0: 10, duration: 1.5 * ms},
		{name: "delays by source", onPre: "v += 1", conn: sorted, delay: "i*ms", want: []float64{1, 2, 0}, inc: true, steps: true, ij: true, duration: 2.5 * ms},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			StartScope()
			gen := must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(3, []int{0, 1, 2}, []units.Time{1 * ms, 1 * ms, 1 * ms}))
			g := must[*NeuronGroup](t)(NewNeuronGroup(3, "v : 1"))
			s := must[*Synapses](t)(NewSynapses(gen, g, append([]Option{OnPre(tt.onPre)}, tt.opts...)...))
			ok(t, s.Connect(tt.conn...))
			if tt.delay != "" {
				ok(t, s.SetExpr("delay", tt.delay))
			}
			d := tt.duration
			if d == 0 {
				d = 2 * ms
			}
			ok(t, Run(d))
			if got := g.Get("v").Floats(); !slices.Equal(got, tt.want) {
				t.Errorf("v = %v, want %v", got, tt.want)
			}
			pw := s.pathways[0]
			got := [5]bool{pw.inc != nil, pw.rows.perm != nil, s.withIJ, pw.steps != nil, s.withDelay}
			want := [5]bool{tt.inc, tt.perm, tt.ij, tt.steps, tt.delay != ""}
			if got != want || pw.step0 != tt.step0 {
				t.Errorf("(increment, unordered, i/j, steps, delays) = %v, step0 %d; want %v, step0 %d", got, pw.step0, want, tt.step0)
			}
		})
	}
}

// TestSynapseDelayRestore materialises the delays after Store: Restore
// gives every synapse the stored single delay back.
func TestSynapseDelayRestore(t *testing.T) {
	StartScope()
	gen := must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(3, []int{0}, []units.Time{1 * ms}))
	g := must[*NeuronGroup](t)(NewNeuronGroup(3, "v : 1"))
	s := must[*Synapses](t)(NewSynapses(gen, g, OnPre("v += 1"), Delay(2*ms)))
	ok(t, s.Connect(Condition("i != j")))
	ok(t, Store())
	ok(t, s.SetExpr("delay", "j*ms"))
	ok(t, s.Connect(I(0), J(0)))
	if got := s.Get("delay").Floats(); !slices.Equal(got, []float64{1e-3, 2e-3, 0, 2e-3, 0, 1e-3, 2e-3}) {
		t.Errorf("delays before Restore %v", got)
	}
	ok(t, Restore())
	if got := s.Get("delay").Floats(); !slices.Equal(got, []float64{2e-3, 2e-3, 2e-3, 2e-3, 2e-3, 2e-3}) {
		t.Errorf("delays after Restore %v, want 2 ms for each of the 6 stored synapses", got)
	}
}
