package nsim

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonsim/nsim/expr"
	"gonsim/nsim/units"
)

// connRefState returns variable col of a long-format state file for
// neurons 0…n-1, neuron by neuron (the order of m.Of(v, i) appended).
func connRefState(tb table, col string, n int) []float64 {
	var out []float64
	for i := 0; i < n; i++ {
		for k, ii := range tb.cols["i"] {
			if int(ii) == i {
				out = append(out, tb.cols[col][k])
			}
		}
	}
	return out
}

func connTrace(m *StateMonitor, v string, n int) []float64 {
	var out []float64
	for i := 0; i < n; i++ {
		out = append(out, m.Of(v, i).Floats()...)
	}
	return out
}

// connCheckSynapses compares the synapse list (i, j exact; w and delay in
// ms to tol) with reference rows.
func connCheckSynapses(t *testing.T, what string, s *Synapses, ref table, rows []int, extra string, tol float64) {
	t.Helper()
	if s.N() != len(rows) {
		t.Fatalf("%s: %d synapses (i %v, j %v), want %d", what, s.N(), s.I(), s.J(), len(rows))
	}
	w, d := s.Get("w").Floats(), s.Get("delay").In(units.Millisecond)
	var x []float64
	if extra != "" {
		x = s.Get(extra).Floats()
	}
	for syn, r := range rows {
		if s.I()[syn] != int(ref.cols["i"][r]) || s.J()[syn] != int(ref.cols["j"][r]) {
			t.Errorf("%s: synapse %d is (%d, %d), want (%g, %g)", what, syn, s.I()[syn], s.J()[syn], ref.cols["i"][r], ref.cols["j"][r])
		}
		if math.Abs(w[syn]-ref.cols["w_1"][r]) > tol || math.Abs(d[syn]-ref.cols["delay_ms"][r]) > tol {
			t.Errorf("%s: synapse %d has w %.17g, delay %.17g ms, want %.17g, %.17g", what, syn, w[syn], d[syn], ref.cols["w_1"][r], ref.cols["delay_ms"][r])
		}
		if x != nil && x[syn] != ref.cols[extra][r] {
			t.Errorf("%s: synapse %d has %s = %g, want %g", what, syn, extra, x[syn], ref.cols[extra][r])
		}
	}
}

// a7Input is A7's SpikeGeneratorGroup: 5 neurons, all spiking at 1 ms.
func a7Input(t *testing.T) *SpikeGeneratorGroup {
	return must[*SpikeGeneratorGroup](t)(NewSpikeGeneratorGroup(5, []int{0, 1, 2, 3, 4}, Times([]float64{1, 1, 1, 1, 1}, ms)))
}

// A7: generator syntax with an if condition, and the same without it
// under SkipIfInvalid, give Brian2's 19 synapses in its order; delays
// 1 ms + i ms given as a string, once through SetExpr (Brian's S.delay =
// '…') and once through NewSynapses' Delay.
func TestA7ConnectGenerator(t *testing.T) {
	ref := readRef(t, "tutorials/a7_connect_generator.csv")
	state := readRef(t, "tutorials/a7_delays_state.csv")
	variants := []struct {
		name    string
		synOpts []Option
		conn    []Option
	}{
		{"generator_if", nil, []Option{JExpr("k for k in range(i-2, i+3) if k >= 0 and k < N_post")}},
		{"skip_if_invalid", []Option{Delay("1*ms + i*ms")}, []Option{JExpr("k for k in range(i-2, i+3)"), SkipIfInvalid()}},
	}
	for variant, tc := range variants {
		t.Run(tc.name, func(t *testing.T) {
			StartScope()
			post := must[*NeuronGroup](t)(NewNeuronGroup(5, "v : 1"))
			s := must[*Synapses](t)(NewSynapses(a7Input(t), post, append([]Option{Model("w : 1"), OnPre("v_post += w")}, tc.synOpts...)...))
			ok(t, s.Connect(tc.conn...))
			ok(t, s.SetExpr("w", "i + 1"))
			if tc.synOpts == nil {
				ok(t, s.SetExpr("delay", "1*ms + i*ms"))
			}
			m := must[*StateMonitor](t)(NewStateMonitor(post, []string{"v"}, RecordAll()))
			ok(t, Run(10*ms))
			var rows []int
			for r, v := range ref.cols["variant"] {
				if int(v) == variant {
					rows = append(rows, r)
				}
			}
			connCheckSynapses(t, tc.name, s, ref, rows, "", 0)
			checkTrace(t, "v", connTrace(m, "v", 5), connRefState(state, "v_1", 5), 0, false)
			if v := post.Get("v").Floats(); !slices.Equal(v, []float64{6, 10, 15, 14, 12}) {
				t.Errorf("final v %v, want [6 10 15 14 12]", v)
			}
		})
	}
}

// A7b: n=3 synapses per pair numbered by the multisynaptic index, which
// w and delay strings use; the kicks arrive at 2, 4 and 6 ms.
func TestA7bMultisynaptic(t *testing.T) {
	ref := readRef(t, "tutorials/a7_multisynaptic.csv")
	state := readRef(t, "tutorials/a7_multisynaptic_state.csv")
	for _, conn := range [][]Option{{JExpr("i"), NSyn(3)}, {OneToOne(), Copies(3)}, {JExpr("i"), NSyn("3")}} {
		StartScope()
		post := must[*NeuronGroup](t)(NewNeuronGroup(5, "v : 1"))
		s := must[*Synapses](t)(NewSynapses(a7Input(t), post, Model("w : 1"), OnPre("v_post += w"), MultisynapticIndex("syn_k")))
		ok(t, s.Connect(conn...))
		ok(t, s.SetExpr("w", "0.1*(syn_k + 1)"))
		ok(t, s.SetExpr("delay", "(1 + 2*syn_k)*ms"))
		m := must[*StateMonitor](t)(NewStateMonitor(post, []string{"v"}, RecordAll()))
		ok(t, Run(10*ms))
		rows := make([]int, ref.n)
		for r := range rows {
			rows[r] = r
		}
		connCheckSynapses(t, "multisynaptic", s, ref, rows, "syn_k", 0)
		checkTrace(t, "v", connTrace(m, "v", 5), connRefState(state, "v_1", 5), 1e-15, false)
		// The kicks show one step after arrival: at 2.1, 4.1 and 6.1 ms.
		v0 := m.Of("v", 0).Floats()
		for _, c := range []struct {
			step int
			v    float64
		}{{20, 0}, {21, 0.1}, {40, 0.1}, {41, 0.3}, {60, 0.3}, {61, 0.6}, {99, 0.6}} {
			if math.Abs(v0[c.step]-c.v) > 1e-15 {
				t.Errorf("%v: v at step %d = %g, want %g", conn, c.step, v0[c.step], c.v)
			}
		}
	}
}

// The multisynaptic index counts across Connect calls, as Brian2 recounts
// all synapses after each one; a string Delay may use it.
func TestMultisynapticIndexAcrossConnects(t *testing.T) {
	StartScope()
	g := must[*NeuronGroup](t)(NewNeuronGroup(3, "v : 1"))
	s := must[*Synapses](t)(NewSynapses(g, g, MultisynapticIndex("k"), Delay("(1 + k)*ms + j*0.1*ms")))
	ok(t, s.Connect(I(0, 1), J(1, 2)))
	ok(t, s.Connect(I(1, 0, 0), J(2, 1, 1)))
	ok(t, s.Connect(I(2), J(0), NSyn(2)))
	if k := s.Get("k").Floats(); !slices.Equal(k, []float64{0, 0, 1, 1, 2, 0, 1}) {
		t.Errorf("k = %v, want [0 0 1 1 2 0 1]", k)
	}
	want := []float64{1.1, 1.2, 2.2, 2.1, 3.1, 1, 2}
	for syn, d := range s.Get("delay").In(units.Millisecond) {
		if math.Abs(d-want[syn]) > 1e-12 {
			t.Errorf("delay of synapse %d = %g ms, want %g", syn, d, want[syn])
		}
	}
	// Set replaces the string delay for later synapses too.
	ok(t, s.Set("delay", 5*ms))
	ok(t, s.Connect(I(0), J(0)))
	if d := s.Get("delay").In(units.Millisecond); d[7] != 5 {
		t.Errorf("delay after Set: %v", d)
	}
}

// A7c: connect(p='exp(-(i-j)**2/10)') over 20×20 neurons and 50 seeds:
// the synapse count, and the count at each |i−j|, within 3 SE of Brian2's
// mean (both implementations' SEs combined).
func TestA7cProbabilityExpression(t *testing.T) {
	stats := readRef(t, "tutorials/a7_p_expr_stats.csv")
	byD := readRef(t, "tutorials/a7_p_expr_by_distance.csv")
	const n, seeds = 20, 50
	var counts []float64
	perD := make([][]float64, n)
	for seed := 1; seed <= seeds; seed++ {
		StartScope()
		Seed(int64(seed))
		g := must[*NeuronGroup](t)(NewNeuronGroup(n, "v : 1"))
		s := must[*Synapses](t)(NewSynapses(g, g))
		ok(t, s.Connect(P("exp(-(i-j)**2/10)")))
		counts = append(counts, float64(s.N()))
		d := make([]float64, n)
		for k, i := range s.I() {
			d[abs(i-s.J()[k])]++
		}
		for k := range d {
			perD[k] = append(perD[k], d[k])
		}
	}
	within3SE(t, "synapse count", counts, stats.cols["n_syn_mean"][0], stats.cols["n_syn_sd"][0], seeds)
	for d := range n {
		within3SE(t, "count at |i-j| = "+strconv.Itoa(d), perD[d], byD.cols["count_mean"][d], byD.cols["count_sd"][d], seeds)
	}
	if perD[0][0] != n {
		t.Errorf("%g self-pairs, want all %d (p = 1)", perD[0][0], n)
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// within3SE checks that the mean of xs is within 3 combined standard
// errors of the reference mean (reference sd over refN runs).
func within3SE(t *testing.T, what string, xs []float64, refMean, refSD float64, refN int) {
	t.Helper()
	mean, sd := meanSD(xs)
	se := math.Sqrt(sd*sd/float64(len(xs)) + refSD*refSD/float64(refN))
	if math.Abs(mean-refMean) > 3*se {
		t.Errorf("%s: mean %.4g ± %.3g (sd %.3g), Brian2 %.4g: more than 3 SE apart", what, mean, se, sd, refMean)
	}
}

// The forms of Brian2's generator syntax, each giving its pairs in order.
func TestConnectGeneratorForms(t *testing.T) {
	tests := []struct {
		name  string
		opts  []Option
		pairs [][2]int
	}{
		{"range(stop)", []Option{JExpr("k for k in range(i+1)")}, [][2]int{{0, 0}, {1, 0}, {1, 1}, {2, 0}, {2, 1}, {2, 2}, {3, 0}, {3, 1}, {3, 2}, {3, 3}}},
		{"range(start, stop)", []Option{JExpr("k for k in range(i, N_post)"), P(1)}, [][2]int{{0, 0}, {0, 1}, {0, 2}, {0, 3}, {0, 4}, {1, 1}, {1, 2}, {1, 3}, {1, 4}, {2, 2}, {2, 3}, {2, 4}, {3, 3}, {3, 4}}},
		{"range with step", []Option{JExpr("k for k in range(i % 2, N_post, 2)")}, [][2]int{{0, 0}, {0, 2}, {0, 4}, {1, 1}, {1, 3}, {2, 0}, {2, 2}, {2, 4}, {3, 1}, {3, 3}}},
		{"negative step", []Option{JExpr("k for k in range(N_post-1, i, -2)")}, [][2]int{{0, 4}, {0, 2}, {1, 4}, {1, 2}, {2, 4}, {3, 4}}},
		{"element of i and k", []Option{JExpr("i+(-1)**k for k in range(2) if i>0 and i<N_pre-1")}, [][2]int{{1, 2}, {1, 0}, {2, 3}, {2, 1}}},
		{"condition on j", []Option{JExpr("k for k in range(N_post) if j != i and j % 2 == 0")}, [][2]int{{0, 2}, {0, 4}, {1, 0}, {1, 2}, {1, 4}, {2, 0}, {2, 4}, {3, 0}, {3, 2}, {3, 4}}},
		{"condition on j filters before the range check", []Option{JExpr("k-1 for k in range(N_post+1) if j >= 0 and j < N_post and j % 2 == i % 2")}, [][2]int{{0, 0}, {0, 2}, {0, 4}, {1, 1}, {1, 3}, {2, 0}, {2, 2}, {2, 4}, {3, 1}, {3, 3}}},
		{"condition on variables", []Option{JExpr("k for k in range(N_post) if x_post > x_pre + 2")}, [][2]int{{0, 3}, {0, 4}, {1, 4}}},
		{"range from a variable", []Option{JExpr("k for k in range(int(x_pre), int(x_pre) + 2)")}, [][2]int{{0, 0}, {0, 1}, {1, 1}, {1, 2}, {2, 2}, {2, 3}, {3, 3}, {3, 4}}},
		{"plain with if", []Option{JExpr("i + 1 if i < 2")}, [][2]int{{0, 1}, {1, 2}}},
		{"sample p=1", []Option{JExpr("k for k in sample(1, N_post, p=1)")}, [][2]int{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {1, 1}, {1, 2}, {1, 3}, {1, 4}, {2, 1}, {2, 2}, {2, 3}, {2, 4}, {3, 1}, {3, 2}, {3, 3}, {3, 4}}},
		{"sample p=0", []Option{JExpr("k for k in sample(N_post, p=0)")}, nil},
		{"sample size=all", []Option{JExpr("k for k in sample(3, N_post, size=2)")}, [][2]int{{0, 3}, {0, 4}, {1, 3}, {1, 4}, {2, 3}, {2, 4}, {3, 3}, {3, 4}}},
		{"out of range skipped", []Option{JExpr("2*i - 1"), SkipIfInvalid()}, [][2]int{{1, 1}, {2, 3}}},
		{"n per pair", []Option{JExpr("i"), NSyn("i % 2 + 1")}, [][2]int{{0, 0}, {1, 1}, {1, 1}, {2, 2}, {3, 3}, {3, 3}}},
		{"n = 0", []Option{OneToOne(), NSyn(0)}, nil},
		{"p of i and j", []Option{P("int(j == (i+1) % N_post)")}, [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 4}}},
		{"condition and p", []Option{Condition("i == j"), P("i < 2")}, [][2]int{{0, 0}, {1, 1}}},
		{"explicit pairs and p", []Option{I(0, 1, 2), J(2, 3, 4), P("i != 1")}, [][2]int{{0, 2}, {2, 4}}},
	}
	for _, tc := range tests {
		StartScope()
		a := must[*NeuronGroup](t)(NewNeuronGroup(4, "x : 1"))
		b := must[*NeuronGroup](t)(NewNeuronGroup(5, "x : 1"))
		ok(t, a.SetExpr("x", "i"))
		ok(t, b.SetExpr("x", "i"))
		s := must[*Synapses](t)(NewSynapses(a, b))
		if err := s.Connect(tc.opts...); err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		var got [][2]int
		for k, i := range s.I() {
			got = append(got, [2]int{i, s.J()[k]})
		}
		if !slices.Equal(got, tc.pairs) {
			t.Errorf("%s: pairs %v, want %v", tc.name, got, tc.pairs)
		}
	}
}

// sample(…, p=…) keeps each candidate with probability p, and
// sample(…, size=n) exactly n distinct candidates in increasing order.
func TestConnectSample(t *testing.T) {
	StartScope()
	Seed(3)
	g := must[*NeuronGroup](t)(NewNeuronGroup(200, "v : 1"))
	s := must[*Synapses](t)(NewSynapses(g, g))
	ok(t, s.Connect(JExpr("k for k in sample(N_post, p=0.1)")))
	if want, sd := 4000.0, math.Sqrt(40000*0.1*0.9); math.Abs(float64(s.N())-want) > 4*sd {
		t.Errorf("sample p=0.1: %d synapses, want about %g", s.N(), want)
	}
	// Brian2's docstring example: p grows with i from 0 to 1.
	s1 := must[*Synapses](t)(NewSynapses(g, g))
	ok(t, s1.Connect(JExpr("k for k in sample(N_post, p=i*1.0/(N_pre-1))")))
	count := make([]int, 200)
	for _, i := range s1.I() {
		count[i]++
	}
	if count[0] != 0 || count[199] != 200 || count[100] < 70 || count[100] > 130 {
		t.Errorf("sample with p = i/(N_pre-1): %d, %d, %d targets for i = 0, 100, 199; want 0, about 100, 200", count[0], count[100], count[199])
	}
	s2 := must[*Synapses](t)(NewSynapses(g, g))
	ok(t, s2.Connect(JExpr("k for k in sample(0, N_post, 3, size=27 + i % 7)")))
	per := make([][]int, 200)
	for k, i := range s2.I() {
		per[i] = append(per[i], s2.J()[k])
	}
	hits := make([]float64, 200)
	for i, js := range per {
		if len(js) != 27+i%7 {
			t.Fatalf("i = %d: %d targets, want %d", i, len(js), 27+i%7)
		}
		for k, j := range js {
			if j%3 != 0 || k > 0 && js[k-1] >= j {
				t.Fatalf("i = %d: targets %v not distinct multiples of 3 in order", i, js)
			}
			hits[j]++
		}
	}
	// Each of the 67 candidates is drawn with probability about 30/67 per
	// i: a sampler biased towards early or late candidates fails.
	want := float64(len(s2.I())) / 67
	sd := math.Sqrt(want * (1 - 30.0/67))
	for _, j := range []int{0, 3, 99, 195, 198} {
		if math.Abs(hits[j]-want) > 4*sd {
			t.Errorf("candidate %d drawn %g times, want %.1f ± %.1f", j, hits[j], want, sd)
		}
	}
}

// Bad input is an error naming the object, the part and the culprit,
// positioned in the string; the synapses stay as they were.
func TestConnectErrors(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		want []string // substrings of the message
		pos  string   // position of the *expr.Error, "" if none
	}{
		{"index out of range", []Option{JExpr("k for k in range(i-2, i+3)")},
			[]string{"syn, Connect j: 1:1: index j=-2 outside allowed range from 0 to 4 for i = 0", "SkipIfInvalid", "\nk for k in range(i-2, i+3)\n^"}, "1:1"},
		{"plain expression out of range", []Option{JExpr("i + 4")}, []string{"index j=5 outside allowed range from 0 to 4 for i = 1"}, "1:1"},
		{"condition on j, index out of range", []Option{JExpr("k+1 for k in range(N_post) if v_post > 0")}, []string{"index j=5 outside", "the condition refers to a postsynaptic variable"}, "1:1"},
		{"malformed generator", []Option{JExpr("k for k in range(i-2, i+3")}, []string{"syn, Connect j: 1:26: syntax error: expected \",\" or \")\" in range(…), found end of text"}, ""},
		{"unknown iterator", []Option{JExpr("k for k in arange(3)")}, []string{"1:12", "range(…) or sample(…)"}, ""},
		{"range argument uses k", []Option{JExpr("k for k in range(k)")}, []string{"1:18", "may depend on i and presynaptic variables only, not on k"}, "1:18"},
		{"range argument with a unit", []Option{JExpr("k for k in range(3*ms)")}, []string{`the range argument "3*ms" has unit s, but unit 1 is needed`}, "1:18"},
		{"range too long", []Option{JExpr("k for k in range(10**12)")}, []string{"range gives 1e+12 indices for i = 0, more than 16777216"}, "1:18"},
		{"range argument uses a post variable", []Option{JExpr("k for k in range(2, v_post)")}, []string{"1:21", "not on v_post"}, "1:21"},
		{"element uses j", []Option{JExpr("j + 1")}, []string{"1:1", "cannot use j"}, "1:1"},
		{"range argument not an integer", []Option{JExpr("k for k in range(i/2)")}, []string{"1:18", "i/2 gives 0.5 for i = 1, not an integer"}, "1:18"},
		{"range step 0", []Option{JExpr("k for k in range(0, 5, i*0)")}, []string{"the step of range is 0"}, "1:24"},
		{"index not an integer", []Option{JExpr("i/2")}, []string{"index j=0.5 for i = 1 is not an integer"}, "1:1"},
		{"iteration variable i", []Option{JExpr("i for i in range(3)")}, []string{"1:7", "cannot be called i"}, "1:7"},
		{"unknown name in condition", []Option{JExpr("k for k in range(N_post) if q > 0")}, []string{"1:29", "q"}, "1:29"},
		{"sample p outside [0, 1]", []Option{JExpr("k for k in sample(N_post, p=i*0.5)")}, []string{"p = 1.5 for i = 3 is outside [0, 1]"}, "1:29"},
		{"sample size too big", []Option{JExpr("k for k in sample(N_post, size=6)")}, []string{"sample size 6 for i = 0 is bigger than the population size 5"}, "1:32"},
		{"sample size negative", []Option{JExpr("k for k in sample(N_post, size=-1)")}, []string{"sample size -1 for i = 0 is negative"}, "1:32"},
		{"generator and P", []Option{JExpr("k for k in range(N_post)"), P(0.5)}, []string{"Connect: P: generator syntax cannot be combined with P"}, ""},
		{"p expression with a unit", []Option{P("exp(-(i-j)**2/10)*mV")}, []string{"syn, Connect p: ", "mV"}, "1:1"},
		{"p expression of time", []Option{P("i*ms")}, []string{"the connection probability p \"i*ms\" has unit s, but unit 1 is needed"}, "1:1"},
		{"p outside [0, 1] at evaluation", []Option{P("(i+j)/4")}, []string{"syn, Connect p: 1:1: the connection probability is 1.25 for i = 1, j = 4, outside [0, 1]", "\n(i+j)/4\n^"}, "1:1"},
		{"p number outside [0, 1]", []Option{P(1.5)}, []string{"Connect: P: probability must be in [0, 1], got 1.5"}, ""},
		{"p with a unit", []Option{P(2 * ms)}, []string{"Connect: P: the probability must be dimensionless"}, ""},
		{"n negative", []Option{OneToOne(), NSyn("i - 2")}, []string{"syn, Connect n: 1:1: the number of synapses is -2 for i = 0, j = 0, not a whole number ≥ 0"}, "1:1"},
		{"n with a unit", []Option{OneToOne(), NSyn("2*ms")}, []string{"Connect n", "ms"}, "1:1"},
		{"n uses the generator's variable", []Option{JExpr("k for k in range(2)"), NSyn("k + 1")}, []string{"syn, Connect n: 1:1: ", `"k"`}, "1:1"},
		{"I with JExpr", []Option{I(0), JExpr("i")}, []string{"I/J cannot be combined with Condition or JExpr"}, ""},
		{"Copies and NSyn", []Option{OneToOne(), Copies(2), NSyn(2)}, []string{"Copies and NSyn"}, ""},
		{"SkipIfInvalid with I/J", []Option{I(0), J(0), SkipIfInvalid()}, []string{"SkipIfInvalid applies to string connections"}, ""},
		{"generator as a condition", []Option{Condition("k for k in range(N_post)")}, []string{`Connect: Condition: generator syntax given as the condition; write JExpr("k for k in range(N_post)") instead`}, ""},
		{"condition not boolean", []Option{Condition("i + j")}, []string{"syn, Connect condition: 1:1: ", "i + j"}, "1:1"},
		{"JExpr and Condition", []Option{JExpr("i"), Condition("i > 0")}, []string{"JExpr cannot be combined with Condition"}, ""},
	}
	for _, tc := range tests {
		StartScope()
		a := must[*NeuronGroup](t)(NewNeuronGroup(4, "v : 1"))
		b := must[*NeuronGroup](t)(NewNeuronGroup(5, "v : 1"))
		s := must[*Synapses](t)(NewSynapses(a, b, Name("syn")))
		ok(t, s.Connect(I(0), J(0)))
		err := s.Connect(tc.opts...)
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not contain %q", tc.name, err, w)
			}
		}
		var ee *expr.Error
		if got := ""; errors.As(err, &ee) {
			got = ee.Pos.String()
			if got != tc.pos {
				t.Errorf("%s: error at %s, want %s", tc.name, got, tc.pos)
			}
		} else if tc.pos != "" {
			t.Errorf("%s: %v has no position, want %s", tc.name, err, tc.pos)
		}
		if s.N() != 1 {
			t.Errorf("%s: %d synapses after the error, want the 1 from before", tc.name, s.N())
		}
		ok(t, s.Connect(OneToOne())) // still usable
	}
}

// A string delay must be a time; the error names both units.
func TestDelayStringErrors(t *testing.T) {
	StartScope()
	g := must[*NeuronGroup](t)(NewNeuronGroup(2, "v : 1"))
	for _, tc := range []struct{ delay, want, pos string }{
		{"1*mV + i*mV", "synapses, delay: 1:1: the delay \"1*mV + i*mV\" has unit V, but unit s is needed", "1:1"},
		{"i", "has unit 1, but unit s is needed", "1:1"},
		{"1*ms + x", "x", "1:8"},
		{"1*ms +", "syntax error", "1:7"},
	} {
		_, err := NewSynapses(g, g, Delay(tc.delay))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Delay(%q): error %v, want one containing %q", tc.delay, err, tc.want)
			continue
		}
		var ee *expr.Error
		if !errors.As(err, &ee) || ee.Pos.String() != tc.pos {
			t.Errorf("Delay(%q): %v, want a position %s", tc.delay, err, tc.pos)
		}
	}
	for _, tc := range []struct{ name, want string }{
		{"2k", `NewSynapses: MultisynapticIndex: "2k" is not a valid variable name`},
		{"delay", `"delay" is the synapses' delay`},
		{"N", `synapses, model: 2:1: model: "N" is a reserved name`},
		{"w", `synapses, model: 2:1: model: "w" is defined twice`},
	} {
		if _, err := NewSynapses(g, g, Model("w : 1"), MultisynapticIndex(tc.name)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("MultisynapticIndex(%q): %v, want %q", tc.name, err, tc.want)
		}
	}
}

// No generator text makes Connect panic: it creates synapses or returns
// an error and creates none.
func FuzzConnectJExpr(f *testing.F) {
	for _, s := range []string{"k for k in range(i-2, i+3) if k >= 0 and k < N_post", "k for k in sample(N_post, p=0.5)",
		"k for k in sample(i, N_post, size=2)", "i+(-1)**k for k in range(2) if i>0", "k for k in range(N_post, 0, -1) if v_post > v_pre",
		"i % N_post", "k//2 for k in range(0, 2*N_post, 3)", "k for k in range(int(v_pre))"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, skip bool) {
		StartScope()
		a := must[*NeuronGroup](t)(NewNeuronGroup(4, "v : 1"))
		b := must[*NeuronGroup](t)(NewNeuronGroup(5, "v : 1"))
		ok(t, a.SetExpr("v", "i"))
		s := must[*Synapses](t)(NewSynapses(a, b))
		opts := []Option{JExpr(text)}
		if skip {
			opts = append(opts, SkipIfInvalid())
		}
		if err := s.Connect(opts...); err != nil && s.N() != 0 {
			t.Fatalf("%q: error %v with %d synapses", text, err, s.N())
		}
		for k, j := range s.J() {
			if j < 0 || j >= 5 || s.I()[k] < 0 || s.I()[k] >= 4 {
				t.Fatalf("%q: synapse %d is (%d, %d)", text, k, s.I()[k], j)
			}
		}
	})
}
