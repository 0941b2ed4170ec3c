package interp

import (
	"strings"
	"testing"
)

// decayCell defines v(tau), the v of dv/dt = -v/tau after 10 ms from
// v = 1, printed with 4 decimals: 0.1353 for 5 ms, 0.3679 for 10 ms,
// 0.6065 for 20 ms, 0.9900 for 1 s.
const decayCell = `func vAfter(G *nsim.NeuronGroup) string {
	G.Set("v", 1)
	Run(10*ms)
	return fmt.Sprintf("%.4f", G.Get("v").Floats()[0])
}`

// Model strings see the caller's Go locals, as Brian2's see the calling
// frame's: function parameters, := and var locals, loop variables read
// at each Run, the innermost of shadowed names, a closure's captured
// variables; a group made in a function keeps that function's locals
// for later top-level runs; unknown names say where they were looked up.
func TestLocalsInModelStrings(t *testing.T) {
	for _, tt := range []struct {
		name  string
		cells []string // all but the last must succeed
		want  string   // text/plain of the last cell's value, or a part of its error
	}{
		{"function parameter", []string{
			`func rate(tau Time) string {
	StartScope()
	G := NeuronGroup(1, "dv/dt = -v/tau : 1", Method("exact"))
	return vAfter(G)
}`,
			`rate(5*ms) + " " + rate(10*ms)`,
		}, "0.1353 0.3679"},
		{":= and var locals", []string{
			`func local() string {
	StartScope()
	tau := 20*ms
	var k float64 = 2
	G := NeuronGroup(1, "dv/dt = -k*v/tau : 1", Method("exact"))
	return vAfter(G)
}`,
			`local()`,
		}, "0.3679"},
		{"top-level loop variable, read at each Run", []string{
			`StartScope()
tau := 1*second
G := NeuronGroup(1, "dv/dt = -v/tau : 1", Method("exact"))
var out []string
for _, tau := range []Time{5*ms, 10*ms} {
	G.Set("v", 1)
	Run(10*ms)
	out = append(out, fmt.Sprintf("%.4f", G.Get("v").Floats()[0]))
}
out = append(out, vAfter(G))`,
			`strings.Join(out, " ")`,
		}, "0.1353 0.3679 0.9900"},
		{"a function's Run sees its own locals, not its caller's", []string{
			`StartScope()
tau := 1*second
G := NeuronGroup(1, "dv/dt = -v/tau : 1", Method("exact"))
var out []string
for _, tau := range []Time{5*ms, 10*ms} {
	out = append(out, vAfter(G)) // Run in vAfter: its locals, then globals
}`,
			`strings.Join(out, " ")`,
		}, "0.9900 0.9900"},
		{"loop creating groups, run after the loop", []string{
			`StartScope()
var gs []*nsim.NeuronGroup
for _, tau := range []Time{5*ms, 10*ms} {
	g := NeuronGroup(1, "dv/dt = -v/tau : 1", Method("exact"))
	g.Set("v", 1)
	gs = append(gs, g)
}
Run(10*ms)`,
			`fmt.Sprintf("%.4f %.4f", gs[0].Get("v").Floats()[0], gs[1].Get("v").Floats()[0])`,
		}, "0.1353 0.3679"},
		{"shadowing: inner local beats outer local and global", []string{
			`tau := 1*second
func shadow() string {
	tau := 20*ms
	{
		tau := 5*ms
		StartScope()
		G := NeuronGroup(1, "dv/dt = -v/tau : 1", Method("exact"))
		_ = tau
		return vAfter(G)
	}
}`,
			`shadow()`,
		}, "0.1353"},
		{"a local hides a global only where it is in scope", []string{
			`tau := 20*ms
func scoped() string {
	if true {
		tau := 5*ms
		_ = tau
	}
	StartScope()
	return vAfter(NeuronGroup(1, "dv/dt = -v/tau : 1", Method("exact")))
}`,
			`scoped()`,
		}, "0.6065"},
		{"closure sees the enclosing function's locals", []string{
			`func outer() string {
	tau := 5*ms
	run := func() string {
		StartScope()
		return vAfter(NeuronGroup(1, "dv/dt = -v/tau : 1", Method("exact")))
	}
	return run()
}`,
			`outer()`,
		}, "0.1353"},
		{"top-level closure parameter", []string{
			`run := func(tau Time) string {
	StartScope()
	return vAfter(NeuronGroup(1, "dv/dt = -v/tau : 1", Method("exact")))
}`,
			`run(10*ms)`,
		}, "0.3679"},
		{"callee does not see the caller's locals", []string{
			`func build() *nsim.NeuronGroup { return NeuronGroup(1, "dv/dt = -v/tau : 1") }`,
			`func caller(tau Time) *nsim.NeuronGroup { return build() }`,
			`caller(5*ms)`,
		}, `unknown name "tau"`},
		{"group made in a function, run at top level", []string{
			`func build(tau Time) *nsim.NeuronGroup {
	G := NeuronGroup(1, "dv/dt = -v/tau : 1", Method("exact"))
	return G
}`,
			`StartScope()
H := build(5*ms)`,
			`vAfter(H)`,
		}, "0.1353"},
		{"after the loop, top level sees the global again", []string{
			`tau := 20*ms
StartScope()
G := NeuronGroup(1, "dv/dt = -v/tau : 1", Method("exact"))
for _, tau := range []Time{5*ms} {
	G.Set("v", 1)
	Run(1*ms)
}
G.Set("v", 1)
err := nsim.Run(10*ms)`,
			`fmt.Sprintf("%.4f", G.Get("v").Floats()[0])`,
		}, "0.6065"},
		{"type switch, select and labels", []string{
			`func forms(x any) string {
	var G *nsim.NeuronGroup
	{
		tau := 1*second
		StartScope()
		G = NeuronGroup(1, "dv/dt = -v/tau : 1", Method("exact"))
		G.Set("v", 1)
		_ = tau
	}
	switch tau := x.(type) {
	case Time:
		Run(10*ms)
	}
	ch := make(chan Time, 1)
	ch <- 5*ms
	select {
	case tau := <-ch:
		Run(10*ms)
		_ = tau
	}
loop:
	for _, tau := range []Time{10*ms} {
		Run(10*ms)
		_ = tau
		break loop
	}
	return fmt.Sprintf("%.4f", G.Get("v").Floats()[0])
}`,
			`forms(20*ms)`,
		}, "0.0302"}, // exp(-10/20 - 10/5 - 10/10)
		{"defer, generics, comma-ok if, range over int, recursion", []string{
			`StartScope()
G := NeuronGroup(1, "dv/dt = -v/tau : 1", Namespace(map[string]any{"tau": 10*ms}), Method("exact"))
func d1() { defer Run(1*ms); x := 1; _ = x }
func g1[X any](x X) { Run(1*ms) }
func rec(n int) { if n == 0 { return }; Run(1*ms); rec(n-1) }`,
			`d1()
g1(3)
m := map[string]int{"a": 1}
if v, ok := m["a"]; ok { tau := Time(v)*ms; Run(tau) }
for i := range 2 { Run(Time(i+1)*ms) }
rec(2)`,
			`fmt.Sprintf("%.1f", float64(nsim.T())*1000)`,
		}, "8.0"},
		{"Q reads locals", []string{
			`func double(d Time) Quantity { return Q("2*d") }`,
			`double(3*ms).String()`,
		}, "6. ms"},
		{"unknown name", []string{
			`func typo(tau Time) { NeuronGroup(1, "dv/dt = -v/taux : 1") }`,
			`typo(5*ms)`,
		}, `unknown name "taux": not a model variable, not in the Namespace option, not a local or global variable (did you mean "tau"?)`},
		{"unknown name suggests a global", []string{
			`tau_m := 10*ms`,
			`func typo2() { NeuronGroup(1, "dv/dt = -v/tau_n : 1") }`,
			`typo2()`,
		}, `unknown name "tau_n": not a model variable, not in the Namespace option, not a local or global variable (did you mean "tau_m"?)`},
		{"local that is not a number", []string{
			`func wrong() { tau := "5 ms"; NeuronGroup(1, "dv/dt = -v/tau : 1") }`,
			`wrong()`,
		}, `the local variable "tau" is a string, not a number or quantity`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t)
			for _, c := range append([]string{`import "gonsim/nsim"`, decayCell}, tt.cells...) {
				r, out := exec(s, c)
				last := c == tt.cells[len(tt.cells)-1]
				switch {
				case !last && r.Err != nil:
					t.Fatalf("%s\n%s\n%s", c, strings.Join(r.Err.Traceback, "\n"), out.text("stderr"))
				case last && r.Err != nil:
					if got := r.Err.Value; !strings.Contains(got, tt.want) {
						t.Errorf("error %s\nwant it to contain %s", got, tt.want)
					}
				case last && plain(r) != tt.want:
					t.Errorf("got %q, want %q", plain(r), tt.want)
				}
			}
		})
	}
}

// The inserted helpers leave the positions of compile errors and
// tracebacks at the user's lines.
func TestLocalsKeepPositions(t *testing.T) {
	s := newSession(t)
	for _, tt := range []struct{ code, want string }{
		{"func bad(tau Time) {\n\tG := NeuronGroup(1, \"dv/dt = -v/tau : 1\")\n\tundefinedThing(G)\n}", "CompileError: 3:2: undefined: undefinedThing"},
		// yaegi's trace names a function's first statement, as it does
		// without the helpers
		{"func boom(tau Time) {\n\tStartScope()\n\tNeuronGroup(1, \"dv/dt = -v/tau : 1\")\n\tvar m map[string]int\n\tm[\"a\"] = 1\n}\nboom(1*ms)", "cell line 2:2 in boom: StartScope()\n  cell line 7:"},
		{"for _, tau := range []Time{ms} {\n\tStartScope()\n\tNeuronGroup(1, \"dv/dt = -v/tau : 1\")\n\tundefinedToo()\n}", "CompileError: 4:2: undefined: undefinedToo"},
	} {
		r, _ := exec(s, tt.code)
		if r.Err == nil {
			t.Errorf("%q: no error", tt.code)
			continue
		}
		if tb := r.Err.Name + ": " + r.Err.Value + "\n" + strings.Join(r.Err.Traceback, "\n"); !strings.Contains(tb, tt.want) {
			t.Errorf("%q:\n%s\nwant %q", tt.code, tb, tt.want)
		}
	}
}

// The locals installed before each model-reading call are the variables
// in scope there, innermost block first, as Go scopes them: parameters, earlier
// definitions of enclosing blocks, if/for/switch/range/select
// definitions, not later ones nor a statement's own; globals are left
// to nsim's resolver.
func TestLocalsInScope(t *testing.T) {
	for _, tt := range []struct {
		code string
		want []string // the names of each Locals call, in order
	}{
		{"Run(ms)", nil}, // top level: globals only
		{"x := 1\nfor _, tau := range taus { y := 2; Run(ms) }\nRun(ms)", []string{"y tau"}},
		{"func f(a, b Time) (r float64) { c := 1; G := NeuronGroup(1, m); d := 2; Run(ms); _ = d }", []string{"a b r c", "a b r c G d"}},
		{"func f() { if x := 1; x > 0 { y := 2; Run(ms) } else { Run(ms) }; Run(ms) }", []string{"y x", "x", ""}},
		{"func f() { tau := 1; { tau := 2; Run(ms) }; Run(ms) }", []string{"tau", "tau"}},
		{"func f() { for i := 0; i < 3; i++ { Run(ms) } }", []string{"i"}},
		{"func f(x any) { switch v := x.(type) { case int: Run(ms); _ = v } }", []string{"v x"}},
		{"func f() { switch k := 2; k { case 1: j := 3; Run(ms) } }", []string{"j k"}},
		{"func f(ch chan int) { select { case v := <-ch: Run(ms) } }", []string{"v ch"}},
		{"func f() { var a, b = 1, 2; const c = 3; type T int; Run(ms) }", []string{"a b c"}},
		{"func f(tau Time) { g := func(k int) { Run(ms) }; g(1) }", []string{"k tau"}},
		{"func (p *P) f() { G.Set(\"v\", 1); S.Connect(); nsim.NewNeuronGroup(1, m); Q(\"tau\") }", []string{"p", "p", "p", "p"}},
		{"func f(tau Time) { fmt.Println(tau); x := math.Sqrt(2); _ = x }", nil}, // no model-reading call
	} {
		p, err := prepareCell(tt.code, nil, nil)
		if err != nil {
			t.Fatalf("%q: %v", tt.code, err)
		}
		var got []string
		for _, c := range p.chunks {
			src := c.attempts[len(c.attempts)-1].src
			for _, part := range strings.Split(src, localsHelper+"(")[1:] {
				names := ""
				if strings.HasPrefix(part, "[]string{") {
					names = strings.ReplaceAll(strings.ReplaceAll(part[len("[]string{"):strings.Index(part, "}")], `"`, ""), ",", "")
				}
				got = append(got, names)
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("%q: locals %q, want %q", tt.code, got, tt.want)
		}
	}
}
