package nsim

import (
	"math"
	"testing"
)

// TestConnectOuterCondition checks Connect with a presynaptic-only
// condition and a constant p (CUBA's Ce.connect('i<ne', p=p)), which is
// tested per row: only rows where the condition holds get synapses, j's
// ascend within a row, and the count is within 5 sigma of p × pairs.
func TestConnectOuterCondition(t *testing.T) {
	for _, tc := range []struct {
		cond   string
		rows   func(i int) bool
		np, nq int
		p      float64
	}{
		{"i<800", func(i int) bool { return i < 800 }, 1000, 1000, 0.05},
		{"i>=800", func(i int) bool { return i >= 800 }, 1000, 1000, 0.05},
		{"i % 2 == 0 and N_post > 10", func(i int) bool { return i%2 == 0 }, 300, 500, 0.2},
	} {
		StartScope()
		Seed(3)
		a, _ := NewNeuronGroup(tc.np, "v : 1")
		b, _ := NewNeuronGroup(tc.nq, "v : 1")
		S, err := NewSynapses(a, b, OnPre("v += 1"))
		if err != nil {
			t.Fatal(err)
		}
		if err := S.Connect(Condition(tc.cond), P(tc.p)); err != nil {
			t.Fatalf("%s: %v", tc.cond, err)
		}
		I, J := S.I(), S.J()
		rows := 0
		for i := 0; i < tc.np; i++ {
			if tc.rows(i) {
				rows++
			}
		}
		for k := range I {
			if !tc.rows(I[k]) || J[k] < 0 || J[k] >= tc.nq {
				t.Fatalf("%s: synapse %d is (%d, %d)", tc.cond, k, I[k], J[k])
			}
			if k > 0 && I[k] == I[k-1] && J[k] <= J[k-1] || k > 0 && I[k] < I[k-1] {
				t.Fatalf("%s: synapses %d, %d out of order", tc.cond, k-1, k)
			}
		}
		mean := tc.p * float64(rows*tc.nq)
		if d := math.Abs(float64(len(I)) - mean); d > 5*math.Sqrt(mean*(1-tc.p)) {
			t.Errorf("%s: %d synapses, expected about %.0f", tc.cond, len(I), mean)
		}
	}
}
