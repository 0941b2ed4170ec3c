package nsim

import "testing"

// BenchmarkExactInput is 100 steps of 10,000 neurons dv/dt = (I-v)/tau
// under exact, with the input and tau as constants (the baseline), as
// per-neuron parameters (A8), the same coupled to a second equation (a
// propagator per neuron), from a 1-D TimedArray and from a 2-D one.
func BenchmarkExactInput(b *testing.B) {
	const n = 10000
	vals := make([]float64, 100)
	rows := make([][]float64, 100)
	for k := range vals {
		vals[k] = float64(k%7) * 0.3
		rows[k] = []float64{vals[k], 1 - vals[k], 0.5}
	}
	ta1, err := NewTimedArray(vals, 1*ms)
	if err != nil {
		b.Fatal(err)
	}
	ta2, err := NewTimedArray(rows, 1*ms)
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct{ name, eqs string }{
		{"constants", "dv/dt = (1.5-v)/(10*ms) : 1"},
		{"parameters", "dv/dt = (I-v)/tau : 1\nI : 1\ntau : second"},
		{"timedarray", "dv/dt = (I-v)/(10*ms) : 1\nI = s1(t) : 1"},
		{"coupled", "dv/dt = (w-v)/tau : 1\ndw/dt = (I-w)/tau : 1\nI : 1\ntau : second"},
		{"timedarray2d", "dv/dt = (I-v)/(10*ms) : 1\nI = s2(t, col) : 1\ncol : 1"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			StartScope()
			g, err := NewNeuronGroup(n, c.eqs, Method("exact"), Namespace(map[string]any{"s1": ta1, "s2": ta2}))
			if err != nil {
				b.Fatal(err)
			}
			switch c.name {
			case "parameters", "coupled":
				g.Set("I", 1.5)
				g.Set("tau", 10*ms)
			case "timedarray2d":
				g.Set("col", 2)
			}
			if err := Run(1 * ms); err != nil { // builds and warms up
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				if err := Run(10 * ms); err != nil { // 100 steps
					b.Fatal(err)
				}
			}
		})
	}
}
