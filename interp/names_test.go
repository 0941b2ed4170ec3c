package interp

import "testing"

// Cells as a Brian2 user writes them: groups named like prelude options,
// variables declared in top-level loops, several results into map
// entries (names.go).
func TestNamesDoNotCollide(t *testing.T) {
	runSteps(t, []step{
		// Brian2 examples name a group P and connect with p=0.1.
		{code: "P := PoissonGroup(10, 50*Hz)\nG := NeuronGroup(5, \"dv/dt = -v/(10*ms) : 1\")\nS := Synapses(P, G, OnPre(\"v += 0.1\"))\nS.Connect(P(1))\nS.N()", value: "50"},
		{code: "S2 := Synapses(P, G, OnPre(\"v += 0.1\"))\nS2.Connect(P(1))\nS2.N()", value: "50"}, // P from an earlier cell
		{code: "I := 2\nS3 := Synapses(P, G)\nS3.Connect(I(0, 1), J(1, 2))\nfmt.Println(S3.N(), I)", stdout: "2 2\n"},
		{code: "func conn(P *nsim.PoissonGroup) int { s := Synapses(P, G); s.Connect(P(1)); return s.N() }\nconn(P)", value: "50"},
		{code: "T := 5\nfmt.Println(T, T() >= 0)", stdout: "5 true\n"},
		// A function of the cell's own named like an option stays the cell's.
		{code: "func Q(x int) int { return 2 * x }\nQ(4)", value: "8"},
		// Variables declared in the body of a top-level loop are the loop's.
		{code: "for k := 0; k < 2; k++ {\n\tP := PoissonGroup(10, 50*Hz)\n\tnet := Network(P)\n\t_ = net\n}\nP.N()", value: "10"},
		{code: "x := 0\nfor _, k := range []int{1, 2} {\n\tx := k * 10\n\t_ = x\n}\nx", value: "0"},
		{code: "zz := 7\nfor _, k := range []int{1} {\n\tzz := \"s\"\n\t_, _ = zz, k\n}\nzz + 1", value: "8"},
		{code: "for _, k := range []int{1, 2} {\n\ty := 1\n\tif true {\n\t\ty := 5\n\t\t_ = y\n\t}\n\tfmt.Println(y, k)\n}", stdout: "1 1\n1 2\n"},
		{code: "i := 100\nfor i := 0; i < 3; i++ {}\nif i := 4; i > 0 {}\ni", value: "100"},
		{code: "tot := 0\nfor k := 0; k < 3; k++ { if v := k * k; v > 0 { tot += v } }\ntot", value: "5"},
		// Several results into map entries.
		{code: "func two() (int, int) { return 1, 2 }\nres := map[string]int{}\nres[\"a\"], res[\"b\"] = two()\nres", value: "map[a:1 b:2]"},
		{code: "func fill() map[string]int { r := map[string]int{}; r[\"a\"], r[\"b\"] = two(); return r }\nfill()", value: "map[a:1 b:2]"},
		{code: "res5 := map[string]int{}\nfor k := 0; k < 1; k++ { res5[\"a\"], res5[\"b\"] = two() }\nres5", value: "map[a:1 b:2]"},
		{code: "res4 := map[string]int{}\nm0 := map[string]int{\"x\": 5}\nvar ok0 bool\nres4[\"a\"], ok0 = m0[\"x\"]\nfmt.Println(res4, ok0)", stdout: "map[a:5] true\n"},
		{code: "var a1 int\nres3 := map[string]int{}\na1, res3[\"b\"] = two()\nfmt.Println(a1, res3)", stdout: "1 map[b:2]\n"},
		{code: "type R struct{ A, B int }\nrr := &R{}\nrr.A, rr.B = two()\n*rr", value: "{1 2}"},
		{code: "if res[\"a\"], res[\"b\"] = two(); true {}", err: "SyntaxError: 1:4: several results assigned to map entries or fields in a statement header"},
	})
}

// A variable named like an option is what model strings read, and the
// option still works next to it.
func TestNamesModelStringsReadTheVariable(t *testing.T) {
	runSteps(t, []step{
		{code: "StartScope()\nI := 2.0\nG := NeuronGroup(2, \"dv/dt = (I - v)/(10*ms) : 1\", Method(\"euler\"))\nS := Synapses(G, G)\nS.Connect(I(0), J(1))\nRun(1*ms)\nfmt.Println(S.N(), G.Get(\"v\").At(0))", stdout: "1 [0.19123585]\n"}, // euler: 2*(1-0.99**10),
	})
}

// A parameter named like an option, in a fresh notebook.
func TestNamesParameterShadows(t *testing.T) {
	runSteps(t, []step{
		{code: "G := NeuronGroup(5, \"dv/dt = -v/(10*ms) : 1\")\nfunc conn(P *nsim.NeuronGroup, p float64) int { s := Synapses(P, P); s.Connect(P(p)); return s.N() }\nconn(G, 1)", value: "25"},
	})
}
