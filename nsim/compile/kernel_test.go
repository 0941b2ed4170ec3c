package compile

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonsim/nsim/expr"
	"gonsim/nsim/internal/mathfn"
	"gonsim/nsim/syntax"
)

// state is a group of n elements for the kernel tests.
type state struct {
	n      int
	arrays map[string][]float64
	t, dt  float64
}

func newState(n int, seed uint64) *state {
	r := rand.New(rand.NewPCG(seed, 1))
	s := &state{n: n, arrays: map[string][]float64{}, t: 0.0123, dt: 1e-4}
	for name, sym := range testScope() {
		if sym.Kind != expr.Array {
			continue
		}
		a := make([]float64, n)
		for i := range a {
			switch {
			case sym.Bool:
				a[i] = float64(r.IntN(2))
			case sym.Dim == dimV:
				a[i] = -0.08 + 0.1*r.Float64()
			case sym.Dim == dimS:
				a[i] = 1e-9 * r.Float64()
			case sym.Dim == dimA:
				a[i] = 1e-9 * r.NormFloat64()
			case sym.Dim == dimT:
				a[i] = 0.005 * r.Float64()
			case sym.Dim == dimHz:
				a[i] = -1 - 1e4*r.Float64()
			default:
				a[i] = r.Float64()
			}
		}
		s.arrays[name] = a
	}
	return s
}

func (s *state) env(r Rand) Env {
	return Env{Bind: func(sym expr.Symbol) (Binding, error) {
		switch sym.Name {
		case "t":
			return Binding{Ptr: &s.t}, nil
		case "dt":
			return Binding{Ptr: &s.dt}, nil
		}
		if a, ok := s.arrays[sym.Name]; ok {
			return Binding{Data: &a}, nil
		}
		return Binding{}, nil
	}, Rand: r, DT: &s.dt}
}

// ref evaluates a checked tree for element k by walking it: the slow
// reference the compiled kernels must agree with bit for bit.
func (s *state) ref(n *node, k int) float64 {
	switch n.op {
	case opConst:
		return n.val
	case opArray:
		return s.arrays[n.sym.Name][k]
	case opScalar:
		if n.sym.Name == "t" {
			return s.t
		}
		return s.dt
	case opIndex:
		return float64(k)
	}
	vals := make([]float64, len(n.args))
	for i, a := range n.args {
		vals[i] = s.ref(a, k)
	}
	return evalRef(n.op, n.fn, vals)
}

// kernelExprs are the seed's right-hand sides and conditions plus every
// operator and function.
var kernelExprs = []string{
	"(gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-g_na*(m*m*m)*h*(v-ENa)-g_kd*(n*n*n*n)*(v-EK))/Cm",
	"0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms*m",
	"0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h",
	"-ge*(1./taue)",
	"x*int((t>10*ms) and (t<950*ms))",
	"v > -20*mV",
	"not b or (x > 0.5 and w <= 0.3) or x == w or x != 0.25 or x >= w or x < w",
	"i*0.4 + N - x",
	"1 - x", "x - 1", "2*x", "x*2", "2/x", "x/2", "x + 1", "1 + x", "-x", "x**2", "x**3", "x**0.5", "x**-1", "x**1.7", "2**x", "x**w",
	"x // w + x % w + 3 // x + x % 0.3 + 7 % x",
	"sqrt(x) + log(x) + log10(x) + sin(x) + cos(x) + tan(x) + sinh(x) + cosh(x) + tanh(x) + arcsin(x) + arccos(x) + arctan(x)",
	"abs(v) + sign(v)*mV + floor(v/mV)*mV + ceil(v/mV)*mV + clip(v, -70*mV, -50*mV) + clip(El, v, 0*mV)",
	"timestep(t, dt) + timestep(tref, dt)",
	"exprel(x - 0.5) + exprel(0*x)",
	"t/dt + x*dt/t",
	"exp(x)",
	"(m + rb/ra)*exp(ra*dt) - rb/ra", // exponential Euler's step, fused (expeuler.go)
}

func TestKernelMatchesReference(t *testing.T) {
	for _, n := range []int{1, 7, 256, 300, 1000} {
		s := newState(n, uint64(n))
		for _, src := range kernelExprs {
			e, err := expr.Check(src, testScope())
			if err != nil {
				t.Fatalf("Check(%q): %v", src, err)
			}
			k, err := Expr(e, s.env(nil))
			if err != nil {
				t.Fatalf("Expr(%q): %v", src, err)
			}
			out := make([]float64, n)
			k.Eval(out)
			for i := range out {
				if want := s.ref(compiledTree(lower(e.Root())), i); !same(out[i], want) {
					t.Fatalf("n=%d %q element %d = %v, reference %v", n, src, i, out[i], want)
				}
			}
			// A sub-range, a list of indices, one element.
			if n > 5 {
				sub := make([]float64, 3)
				k.EvalRange(sub, 2)
				idx := []int32{int32(n - 1), 0, 3, 3}
				got := make([]float64, len(idx))
				k.EvalIndices(got, idx)
				for m := range sub {
					if !same(sub[m], out[2+m]) {
						t.Fatalf("%q EvalRange[%d] = %v, want %v", src, m, sub[m], out[2+m])
					}
				}
				for m, j := range idx {
					if !same(got[m], out[j]) {
						t.Fatalf("%q EvalIndices[%d] = %v, want %v", src, m, got[m], out[j])
					}
				}
				if v := k.EvalAt(4); !same(v, out[4]) {
					t.Fatalf("%q EvalAt(4) = %v, want %v", src, v, out[4])
				}
			}
			if e.Bool {
				var want []int32
				for i, v := range out {
					if v != 0 {
						want = append(want, int32(i))
					}
				}
				got := k.Select(n, nil)
				if len(got) != len(want) {
					t.Fatalf("%q Select: %d elements, want %d", src, len(got), len(want))
				}
				for m := range got {
					if got[m] != want[m] {
						t.Fatalf("%q Select[%d] = %d, want %d", src, m, got[m], want[m])
					}
				}
				// SelectRange over pieces (of 1, 2 and more elements,
				// crossing passes) gives the same indices in order.
				var pieces []int32
				for lo, w := 0, 1; lo < n; lo, w = lo+w, w*3 {
					pieces = k.SelectRange(lo, min(lo+w, n), pieces)
				}
				if fmt.Sprint(pieces) != fmt.Sprint(want) && !(len(pieces) == 0 && len(want) == 0) {
					t.Fatalf("%q SelectRange in pieces = %v, want %v", src, pieces, want)
				}
			}
		}
	}
}

func same(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

func TestKernelGather(t *testing.T) {
	// A synapse reading v_post through its post index, with repeats.
	vpost := []float64{1, 2, 3}
	post := []int32{2, 0, 2, 1, 2}
	w := []float64{10, 20, 30, 40, 50}
	scope := expr.Symbols{"v_post": {Kind: expr.Array}, "w": {Kind: expr.Array}}
	e, _ := expr.Check("w + v_post", scope)
	k, err := Expr(e, Env{Bind: func(s expr.Symbol) (Binding, error) {
		if s.Name == "w" {
			return Binding{Data: &w}, nil
		}
		return Binding{Data: &vpost, Index: &post}, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]float64, 5)
	k.Eval(out)
	want := []float64{13, 21, 33, 42, 53}
	for i := range out {
		if out[i] != want[i] {
			t.Fatalf("gathered %v, want %v", out, want)
		}
	}
	got := make([]float64, 2)
	k.EvalIndices(got, []int32{4, 1})
	if got[0] != 53 || got[1] != 21 {
		t.Errorf("EvalIndices gathered %v", got)
	}
	// Growing the arrays after compiling (synapses connected later) is seen.
	w = append(w, 60)
	post = append(post, 0)
	out = make([]float64, 6)
	k.Eval(out)
	if out[5] != 61 {
		t.Errorf("after growth: %v", out)
	}
}

func TestKernelErrors(t *testing.T) {
	e, _ := expr.Check("x + rand()", testScope())
	if _, err := Expr(e, Env{Bind: newState(1, 1).env(nil).Bind}); err == nil {
		t.Error("rand() without Env.Rand compiled")
	}
	e, _ = expr.Check("x * t", testScope())
	if _, err := Expr(e, Env{Bind: func(expr.Symbol) (Binding, error) { return Binding{}, nil }}); err == nil {
		t.Error("unbound array compiled")
	}
	if _, err := Expr(e, Env{}); err == nil {
		t.Error("no Bind compiled")
	}
}

func TestNoise(t *testing.T) {
	s := newState(20000, 3)
	e, _ := expr.Check("sigma*(2/tau)**.5*xi", testScope())
	k, err := Expr(e, s.env(rand.New(rand.NewPCG(5, 6))))
	if err != nil {
		t.Fatal(err)
	}
	out := make([]float64, s.n)
	k.Eval(out)
	// dt*value ~ N(0, dt*g²) with g = sigma*sqrt(2/tau): Euler–Maruyama.
	g := 0.03 * math.Sqrt(2/0.01)
	var sum, sq float64
	for _, v := range out {
		x := v * s.dt
		sum += x
		sq += x * x
	}
	mean, variance := sum/float64(s.n), sq/float64(s.n)
	want := s.dt * g * g
	if math.Abs(mean) > 4*math.Sqrt(want/float64(s.n)) || math.Abs(variance/want-1) > 0.05 {
		t.Errorf("noise mean %g variance %g, want 0 and %g", mean, variance, want)
	}
	// rand() is uniform in [0, 1).
	e, _ = expr.Check("rand()", testScope())
	k, _ = Expr(e, s.env(rand.New(rand.NewPCG(1, 1))))
	k.Eval(out)
	for _, v := range out {
		if v < 0 || v >= 1 {
			t.Fatalf("rand() = %v", v)
		}
	}
	// A noise name bound to an array uses those values (one draw shared
	// by two equations).
	shared := []float64{1, 2}
	e, _ = expr.Check("xi_1*second**.5", testScope())
	k, _ = Expr(e, Env{Bind: func(expr.Symbol) (Binding, error) { return Binding{Data: &shared}, nil }})
	o := make([]float64, 2)
	k.Eval(o)
	if o[0] != 1 || o[1] != 2 {
		t.Errorf("bound xi_1 = %v", o)
	}
}

func TestBlock(t *testing.T) {
	scope := testScope()
	scope["vt"] = expr.Symbol{Kind: expr.Array}
	b, err := expr.CheckBlock("v = El; vt += 0.4*i\nx *= 2; w /= 2; m -= x", scope)
	if err != nil {
		t.Fatal(err)
	}
	s := newState(4, 9)
	s.arrays["vt"] = []float64{1, 1, 1, 1}
	x0 := append([]float64(nil), s.arrays["x"]...)
	w0 := append([]float64(nil), s.arrays["w"]...)
	m0 := append([]float64(nil), s.arrays["m"]...)
	p, err := Block(b, s.env(nil))
	if err != nil {
		t.Fatal(err)
	}
	p.Run([]int32{1, 3})
	for i := 0; i < 4; i++ {
		hit := i == 1 || i == 3
		wantVt, wantX, wantW, wantM := 1.0, x0[i], w0[i], m0[i]
		if hit {
			wantVt, wantX, wantW = 1+0.4*float64(i), 2*x0[i], w0[i]/2
			wantM = m0[i] - wantX // later statements see earlier writes
		}
		if s.arrays["vt"][i] != wantVt || s.arrays["x"][i] != wantX || s.arrays["w"][i] != wantW || s.arrays["m"][i] != wantM {
			t.Errorf("element %d: vt %v x %v w %v m %v", i, s.arrays["vt"][i], s.arrays["x"][i], s.arrays["w"][i], s.arrays["m"][i])
		}
		if hit && s.arrays["v"][i] != -0.065 {
			t.Errorf("v[%d] = %v", i, s.arrays["v"][i])
		}
	}
	p.RunAll(4)
	if s.arrays["vt"][0] != 1 || s.arrays["vt"][2] != 1.8 {
		t.Errorf("RunAll vt = %v", s.arrays["vt"])
	}
}

func TestBlockAccumulates(t *testing.T) {
	// on_pre "v_post += w" for synapses 0..4 onto neurons post[k]; several
	// synapses hit neuron 2, and neuron 1 is refractory (masked).
	vpost := []float64{0, 0, 0}
	notRef := []float64{1, 0, 1}
	post := []int32{2, 0, 2, 1, 2}
	w := []float64{1, 2, 4, 8, 16}
	scope := expr.Symbols{"v_post": {Kind: expr.Array}, "w": {Kind: expr.Array}, "c": {Kind: expr.Array}}
	b, err := expr.CheckBlock("v_post += w", scope)
	if err != nil {
		t.Fatal(err)
	}
	env := Env{Bind: func(s expr.Symbol) (Binding, error) {
		if s.Name == "w" {
			return Binding{Data: &w}, nil
		}
		return Binding{Data: &vpost, Index: &post, Mask: &notRef}, nil
	}}
	p, err := Block(b, env)
	if err != nil {
		t.Fatal(err)
	}
	p.Run([]int32{0, 1, 2, 3, 4})
	if vpost[0] != 2 || vpost[1] != 0 || vpost[2] != 21 {
		t.Errorf("v_post = %v, want [2 0 21]", vpost)
	}
	// Two statements through an index run element by element: the second
	// synapse onto neuron 2 sees the first one's write.
	c := make([]float64, 5)
	b2, _ := expr.CheckBlock("v_post += w; c = v_post", scope)
	env2 := Env{Bind: func(s expr.Symbol) (Binding, error) {
		switch s.Name {
		case "w":
			return Binding{Data: &w}, nil
		case "c":
			return Binding{Data: &c}, nil
		}
		return Binding{Data: &vpost, Index: &post}, nil
	}}
	vpost = []float64{0, 0, 0}
	p2, _ := Block(b2, env2)
	p2.Run([]int32{0, 2, 4})
	if c[0] != 1 || c[2] != 5 || c[4] != 21 {
		t.Errorf("sequential c = %v, want [1 _ 5 _ 21]", c)
	}
}

func TestLinear(t *testing.T) {
	scope := testScope()
	s := newState(50, 11)
	for _, tt := range []struct {
		src, x string
		ok     bool
	}{
		{"(gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-g_na*(m*m*m)*h*(v-ENa)-g_kd*(n*n*n*n)*(v-EK))/Cm", "v", true},
		{"0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms*m", "m", true},
		{"0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h", "h", true},
		{"-ge*(1./taue)", "ge", true},
		{"(4*x-w)/(15*ms)", "w", true},
		{"(4*x-w)/(15*ms)", "x", true},
		{"-(w - x)/tau + 1/tau", "w", true},
		{"x/tau", "w", true},
		{"0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms*(1-m)", "v", false},
		{"x*x/tau", "x", false},
		{"1/(x*tau)", "x", false},
		{"x**2/tau", "x", false},
		{"int(x > 0)/tau", "x", false},
	} {
		e, err := expr.Check(tt.src, scope)
		if err != nil {
			t.Fatal(err)
		}
		A, B, err := expr.Linear(e, tt.x)
		if !tt.ok {
			var le *expr.Error
			if err == nil || !asError(err, &le) || le.Kind != expr.Nonlinear {
				t.Errorf("Linear(%q, %s) = %v, %v; want a expr.Nonlinear error", tt.src, tt.x, A, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Linear(%q, %s): %v", tt.src, tt.x, err)
			continue
		}
		if A.DependsOn(tt.x) || B.DependsOn(tt.x) {
			t.Errorf("Linear(%q, %s): A=%v B=%v depend on %s", tt.src, tt.x, A, B, tt.x)
		}
		if B.Dim != e.Dim || e.DependsOn(tt.x) && A.Dim.Mul(scope[tt.x].Dim) != e.Dim {
			t.Errorf("Linear(%q): dims A %v B %v", tt.src, A.Dim, B.Dim)
		}
		for k := 0; k < s.n; k++ {
			f, a, b := s.ref(lower(e.Root()), k), s.ref(lower(A.Root()), k), s.ref(lower(B.Root()), k)
			xv := s.arrays[tt.x][k]
			if got := a*xv + b; math.Abs(got-f) > 1e-9*(math.Abs(f)+math.Abs(a*xv)+math.Abs(b)) {
				t.Fatalf("Linear(%q, %s) element %d: A*x+B = %v, f = %v", tt.src, tt.x, k, got, f)
			}
		}
	}
	// HH gating variable: A = -(alpha+beta), B = alpha.
	e, _ := expr.Check("0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h", scope)
	A, B, _ := expr.Linear(e, "h")
	alpha, _ := expr.Check("0.128*exp((17.*mV-v+VT)/(18.*mV))/ms", scope)
	for k := 0; k < 5; k++ {
		if b, a := s.ref(lower(B.Root()), k), s.ref(lower(alpha.Root()), k); math.Abs(b-a) > 1e-12*math.Abs(a) {
			t.Errorf("B = %v, alpha = %v", b, a)
		}
		if s.ref(lower(A.Root()), k) >= 0 {
			t.Error("A of a gating variable is not negative")
		}
	}
	// Absent parts are the constant 0.
	e, _ = expr.Check("-ge/taue", scope)
	_, B, _ = expr.Linear(e, "ge")
	if !B.IsZero() {
		t.Errorf("B of -ge/taue = %v", B)
	}
	e, _ = expr.Check("x/tau", scope)
	A, _, _ = expr.Linear(e, "w")
	if !A.IsZero() {
		t.Errorf("A of x/tau in w = %v", A)
	}
	if _, _, err := expr.Linear(e, "w"); err != nil {
		t.Error(err)
	}
	_ = syntax.Add
}

func asError(err error, target **expr.Error) bool {
	l := expr.Errors(err)
	if len(l) == 0 {
		return false
	}
	*target = l[0]
	return true
}

// TestFusedKernels covers every generated fused loop: (a op1 b) op2 c and
// c op2 (a op1 b) with each operand a vector (x, w, m) or a uniform (t, dt),
// against the reference tree walk; then the same expressions with the
// AVX2 block loops where the CPU has them (vecarith.go).
func TestFusedKernels(t *testing.T) {
	defer func(v bool) { vector = v }(vector)
	for _, vector = range []bool{false, mathfn.Vector()} {
		testFused(t)
	}
}

func testFused(t *testing.T) {
	s := newState(301, 5) // odd: the two-element loops have a tail
	ops := []string{"+", "-", "*", "/"}
	pairs := [][2]string{{"x", "w"}, {"(t/dt)", "w"}, {"x", "(t/dt)"}}
	count := 0
	for _, o2 := range ops {
		for _, o1 := range ops {
			for _, p := range pairs {
				for _, c := range []string{"m", "(dt/t)"} {
					inner := "(" + p[0] + o1 + p[1] + ")"
					for _, src := range []string{inner + o2 + c, c + o2 + inner} {
						e, err := expr.Check(src, testScope())
						if err != nil {
							t.Fatal(err)
						}
						k, err := Expr(e, s.env(nil))
						if err != nil {
							t.Fatal(err)
						}
						out := make([]float64, s.n)
						k.Eval(out)
						for i := range out {
							if want := s.ref(compiledTree(lower(e.Root())), i); !same(out[i], want) {
								t.Fatalf("%s element %d = %v, reference %v", src, i, out[i], want)
							}
						}
						count++
					}
				}
			}
		}
	}
	if len(fuseTable) != 192 || count != 192 {
		t.Errorf("%d fused loops, %d expressions tested", len(fuseTable), count)
	}
}

// Uniform parts (t, dt) are computed once per pass without allocating.
func TestUniformNoAlloc(t *testing.T) {
	s := newState(300, 8)
	e, _ := expr.Check("x*int((t > 10*ms) and not (t >= 950*ms)) + exp(-t/ms) - t/dt", testScope())
	k, err := Expr(e, s.env(nil))
	if err != nil {
		t.Fatal(err)
	}
	out := make([]float64, s.n)
	if n := testing.AllocsPerRun(20, func() { k.Eval(out) }); n != 0 {
		t.Errorf("%v allocations per Eval", n)
	}
	for i := range out {
		if want := s.ref(compiledTree(lower(e.Root())), i); !same(out[i], want) {
			t.Fatalf("element %d = %v, reference %v", i, out[i], want)
		}
	}
}

func TestStepNoAlloc(t *testing.T) {
	s := newState(500, 9)
	thr, _ := expr.Check("v > -20*mV", testScope())
	k, _ := Expr(thr, s.env(nil))
	b, _ := expr.CheckBlock("v = El; x += 0.4*i", testScope())
	p, _ := Block(b, s.env(nil))
	spikes := make([]int32, 0, s.n)
	idx := []int32{1, 5, 9, 400}
	if n := testing.AllocsPerRun(20, func() {
		spikes = k.Select(s.n, spikes[:0])
		p.Run(idx)
		p.Run(idx[:1])
	}); n != 0 {
		t.Errorf("%v allocations per step", n)
	}
}
