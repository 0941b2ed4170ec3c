package interp

import (
	"testing"
)

// Brian2's connect forms as notebook cells write them: generator syntax
// with skip_if_invalid, p as a float, an int literal and an expression,
// n= with a multisynaptic index, and a string delay; an index out of
// range ends the cell with Brian's message.
func TestConnectCells(t *testing.T) {
	s := newSession(t)
	cells := []cell{
		{code: "StartScope()\ninp := SpikeGeneratorGroup(5, []int{0, 1, 2, 3, 4}, Times([]float64{1, 1, 1, 1, 1}, ms))\n" +
			"post := NeuronGroup(5, \"v : 1\")\n" +
			"S := Synapses(inp, post, Model(\"w : 1\"), OnPre(\"v_post += w\"), Delay(\"1*ms + i*ms\"))\n" +
			"S.Connect(JExpr(\"k for k in range(i-2, i+3)\"), SkipIfInvalid())\nS.SetExpr(\"w\", \"i + 1\")\nRun(10*ms)"},
		{code: "S.N()", value: "19"},
		{code: "post.Get(\"v\").Floats()", value: "[6 10 15 14 12]"},
		{code: "S.Get(\"delay\").In(ms)[18]", value: "5"},
		{code: "S2 := Synapses(inp, post, MultisynapticIndex(\"syn_k\"))\nS2.Connect(JExpr(\"i\"), NSyn(3))\nS2.Get(\"syn_k\").Floats()[:6]", value: "[0 1 2 0 1 2]"},
		{code: "p := 0.5\nS3 := Synapses(post, post)\nS3.Connect(P(p), Condition(\"i != j\"))\nS4 := Synapses(post, post)\nS4.Connect(P(1))\nS4.N()", value: "25"},
		{code: "S5 := Synapses(post, post)\nS5.Connect(P(\"exp(-(i-j)**2/10)\"))\nS5.N() >= 5", value: "true"},
		{code: "S6 := Synapses(inp, post, Name(\"s_bad\"))\nS6.Connect(JExpr(\"k for k in range(i-2, i+3)\"))",
			err: "s_bad, Connect j: 1:1: index j=-2 outside allowed range from 0 to 4 for i = 0"},
		{code: "S6.N()", value: "0"},
	}
	runCells(t, s, cells)
}
