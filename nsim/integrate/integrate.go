// Package integrate turns differential equations into update formulas:
// the integration methods (euler, exponential_euler, exact, rk2, rk4,
// heun, milstein), registered by name as Brian2's state updaters are.
//
// A method maps a System (the right-hand sides dx/dt = f, checked by
// nsim/expr) to a Scheme: stages of temporaries computed for every element,
// then the new value of every variable, all from start-of-step values.
//
//	s, err := integrate.Lookup("euler")
//	scheme, err := s(&integrate.System{States: []string{"v"}, RHS: rhs, Scope: scope})
//	// scheme.Final[0] is v + dt*f(v), ready for compile.Expr
//
// Stochastic right-hand sides use white noise names (xi, xi_1, …); the
// engine binds each to an array of N(0,1)/sqrt(dt) draws made once per step,
// so that dt*xi is the Wiener increment dW (Euler–Maruyama scaling).
package integrate

import (
	"fmt"
	"sort"
	"strings"

	"gonsim/nsim/expr"
	"gonsim/nsim/syntax"
	"gonsim/nsim/units"
)

// Temp is the expr.Symbol Ref of a temporary array a scheme needs (the
// engine allocates one float64 per element for each).
type Temp struct{ Name string }

// System is a set of differential equations to integrate.
type System struct {
	// States are the integrated variables in equation order.
	States []string
	// Dims gives each state's dimension.
	Dims map[string]units.Dim
	// RHS gives dx/dt for each state, subexpressions substituted.
	RHS map[string]*expr.Expr
	// Raw optionally gives dx/dt with subexpressions left as names, and
	// Subexpr each subexpression expanded. With them, the single-point
	// methods (euler, exponential_euler) compute a subexpression used
	// more than once into an array first instead of repeating it (the HH
	// rate functions appear in both A and B).
	Raw, Subexpr map[string]*expr.Expr
	// DT is the time step in seconds (the exact method needs its value).
	DT float64
	// SymbolicDT asks exact for formulas in terms of the symbol dt of
	// Scope, for every equation, so that the caller may substitute another
	// step length (t - lastupdate for event-driven synaptic variables).
	// Coupled equations are then refused.
	SymbolicDT bool
	// Scope resolves the states, t and dt when the method builds formulas.
	Scope expr.Scope
}

// Assign is one computed array: Target = Value for every element.
type Assign struct {
	Target string
	Value  *expr.Expr
}

// Scheme is the update a method produced.
type Scheme struct {
	Method string
	// Stages are computed in order; within a stage, all assignments read
	// only values of earlier stages and start-of-step values.
	Stages [][]Assign
	// Final holds the new value of every state (Target is the state).
	Final []Assign
	// Temps gives the dimension of each temporary of Stages.
	Temps map[string]units.Dim
	// Pre lists the subexpressions to compute into arrays before Stages,
	// named by the subexpression; their symbols keep the model's Ref.
	Pre []Assign
	// Coupled, if set, overwrites the new values of all states after
	// Final, element by element (exact for coupled equations with
	// per-element coefficients).
	Coupled *Coupled
}

// Method builds a scheme or says why it cannot integrate the system.
type Method func(sys *System) (*Scheme, error)

// UnsupportedError says that a method cannot integrate a system.
type UnsupportedError struct {
	Method string
	Var    string // the equation that defeats it, if one does
	Reason string
	Err    error // the underlying expr error, if any
}

func (e *UnsupportedError) Error() string {
	s := fmt.Sprintf("method %q cannot integrate these equations", e.Method)
	if e.Var != "" {
		s += fmt.Sprintf(" (equation of %s)", e.Var)
	}
	s += ": " + e.Reason
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *UnsupportedError) Unwrap() error { return e.Err }

var registry = map[string]Method{}

// Register adds a method under a lower-case name.
func Register(name string, m Method) { registry[strings.ToLower(name)] = m }

func init() {
	Register("euler", Euler)
	Register("exponential_euler", ExponentialEuler)
	Register("exact", Exact)
	Register("linear", Exact)
	Register("rk2", RK2)
	Register("rk4", RK4)
	Register("heun", Heun)
	Register("milstein", Milstein)
}

// Names returns the registered method names, sorted.
func Names() []string {
	out := make([]string, 0, len(registry))
	for n := range registry {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Lookup returns the method registered under name; an unknown name is an
// error listing the known ones.
func Lookup(name string) (Method, error) {
	if m, ok := registry[strings.ToLower(name)]; ok {
		return m, nil
	}
	return nil, fmt.Errorf("unknown integration method %q (known: %s)", name, strings.Join(Names(), ", "))
}

// Auto picks a method as Brian2 does: exact, then euler, then heun; it
// returns the scheme of the first that can integrate the system.
func Auto(sys *System) (*Scheme, error) {
	var errs []string
	for _, name := range []string{"exact", "euler", "heun"} {
		s, err := registry[name](sys)
		if err == nil {
			return s, nil
		}
		errs = append(errs, err.Error())
	}
	return nil, fmt.Errorf("no method can integrate these equations:\n  %s", strings.Join(errs, "\n  "))
}

// builder assembles formulas in the system's scope plus temporaries.
type builder struct {
	sys    *System
	method string
	temps  expr.Symbols
	scheme *Scheme
}

func newBuilder(sys *System, method string) *builder {
	return &builder{sys: sys, method: method, temps: expr.Symbols{},
		scheme: &Scheme{Method: method, Temps: map[string]units.Dim{}}}
}

func (b *builder) temp(name string, dim units.Dim) {
	b.temps[name] = expr.Symbol{Name: name, Kind: expr.Array, Dim: dim, Ref: Temp{name}}
	b.scheme.Temps[name] = dim
}

// ex checks a helper formula such as "x + _k_x/2".
func (b *builder) ex(format string, args ...any) *expr.Expr {
	text := fmt.Sprintf(format, args...)
	e, err := expr.Check(text, expr.Chain(b.temps, b.sys.Scope))
	if err != nil {
		// The formulas are built from names the system defines; failure is
		// a bug in the method, not the user's model.
		panic(fmt.Sprintf("integrate: %s: cannot build %q: %v", b.method, text, err))
	}
	return e
}

func must(e *expr.Expr, err error) *expr.Expr {
	if err != nil {
		panic(fmt.Sprintf("integrate: building a formula: %v", err))
	}
	return e
}

func add(a, c *expr.Expr) *expr.Expr { return must(expr.Combine(syntax.Add, a, c)) }
func sub(a, c *expr.Expr) *expr.Expr { return must(expr.Combine(syntax.Sub, a, c)) }
func mul(a, c *expr.Expr) *expr.Expr { return must(expr.Combine(syntax.Mul, a, c)) }
func div(a, c *expr.Expr) *expr.Expr { return must(expr.Combine(syntax.Div, a, c)) }
func num(v float64) *expr.Expr       { return expr.Lit(v, units.Dim{}) }

// at returns f with every state x replaced by repl[x] and t by tRepl.
func (b *builder) at(f *expr.Expr, repl map[string]*expr.Expr, tRepl *expr.Expr) *expr.Expr {
	m := map[string]*expr.Expr{}
	for k, v := range repl {
		m[k] = v
	}
	if tRepl != nil {
		m["t"] = tRepl
	}
	return must(expr.Substitute(f, m))
}

// split writes f as det + Σ g[n]·n over the noise names n of f.
func split(method, x string, f *expr.Expr) (det *expr.Expr, g map[string]*expr.Expr, noise []string, err error) {
	g = map[string]*expr.Expr{}
	det = f
	noise = f.Noise()
	for _, n := range noise {
		a, rest, err := expr.Linear(det, n)
		if err != nil {
			return nil, nil, nil, &UnsupportedError{method, x, "the noise term is not linear in " + n, err}
		}
		g[n], det = a, rest
	}
	return det, g, noise, nil
}

func (b *builder) stochastic() bool {
	for _, x := range b.sys.States {
		if b.sys.RHS[x].Stochastic() {
			return true
		}
	}
	return false
}

// Euler is forward Euler, and Euler–Maruyama for additive noise:
// x_new = x + dt*f(x,t) + g*dW.
func Euler(sys *System) (*Scheme, error) {
	b := newBuilder(sys, "euler")
	for _, x := range sys.States {
		f := sys.RHS[x]
		if f.Stochastic() {
			// Multiplicative noise shows as a noisy coefficient of a
			// state: f = A·y + B with A stochastic.
			for _, y := range sys.States {
				if A, _, err := expr.Linear(f, y); err == nil && A.Stochastic() {
					return nil, &UnsupportedError{"euler", x, fmt.Sprintf("the noise is multiplicative (its factor depends on %s); use heun or milstein", y), nil}
				}
			}
		}
		b.scheme.Final = append(b.scheme.Final, Assign{x, add(b.ex("%s", x), mul(b.ex("dt"), b.raw(x, false)))})
	}
	b.shareSubexpressions()
	return b.scheme, nil
}

// ExponentialEuler integrates each conditionally linear equation
// dx/dt = A·x + B exactly over a step, A and B frozen at their
// start-of-step values (SEMANTICS §4).
func ExponentialEuler(sys *System) (*Scheme, error) {
	b := newBuilder(sys, "exponential_euler")
	for _, x := range sys.States {
		f := sys.RHS[x]
		if f.Stochastic() {
			return nil, &UnsupportedError{"exponential_euler", x, "it cannot integrate stochastic equations", nil}
		}
		if _, _, err := expr.Linear(f, x); err != nil {
			return nil, &UnsupportedError{"exponential_euler", x, "can only solve conditionally linear systems", err}
		}
		A, B, err := expr.Linear(b.raw(x, true), x)
		if err != nil {
			A, B, _ = expr.Linear(f, x)
		}
		X := b.ex("%s", x)
		var nx *expr.Expr
		_, aConst := A.Const()
		switch {
		case A.IsZero():
			nx = add(X, mul(b.ex("dt"), B))
		case B.IsZero():
			nx = mul(X, must(expr.Apply("exp", mul(A, b.ex("dt")))))
		case aConst:
			BA := div(B, A)
			nx = sub(mul(add(X, BA), must(expr.Apply("exp", mul(A, b.ex("dt"))))), BA)
		default:
			// A and B once per element into temporaries, then the update.
			ta, tb := "_A_"+x, "_B_"+x
			b.temp(ta, A.Dim)
			b.temp(tb, B.Dim)
			if len(b.scheme.Stages) == 0 {
				b.scheme.Stages = [][]Assign{nil}
			}
			b.scheme.Stages[0] = append(b.scheme.Stages[0], Assign{ta, A}, Assign{tb, B})
			Ae, Be := b.ex("%s", ta), b.ex("%s", tb)
			BA := div(Be, Ae)
			nx = sub(mul(add(X, BA), must(expr.Apply("exp", mul(Ae, b.ex("dt"))))), BA)
		}
		b.scheme.Final = append(b.scheme.Final, Assign{x, nx})
	}
	b.shareSubexpressions()
	return b.scheme, nil
}

// raw returns the right-hand side of x with subexpressions as names where
// the system provides that form. With forLinear, the subexpressions that
// depend on x are expanded, so that the linearity in x is visible.
func (b *builder) raw(x string, forLinear bool) *expr.Expr {
	r := b.sys.Raw[x]
	if r == nil {
		return b.sys.RHS[x]
	}
	if !forLinear {
		return r
	}
	subs := map[string]*expr.Expr{}
	for _, n := range r.Names() {
		if se, ok := b.sys.Subexpr[n]; ok && (se.DependsOn(x) || se.Stochastic()) {
			subs[n] = se
		}
	}
	if len(subs) == 0 {
		return r
	}
	e, err := expr.Substitute(r, subs)
	if err != nil {
		return b.sys.RHS[x]
	}
	return e
}

// shareSubexpressions decides, for every subexpression the scheme still
// names, whether to compute it once into an array (used twice or more) or
// to expand it where it is used.
func (b *builder) shareSubexpressions() {
	if len(b.sys.Subexpr) == 0 {
		return
	}
	var all []*Assign
	for si := range b.scheme.Stages {
		for ai := range b.scheme.Stages[si] {
			all = append(all, &b.scheme.Stages[si][ai])
		}
	}
	for ai := range b.scheme.Final {
		all = append(all, &b.scheme.Final[ai])
	}
	count := map[string]int{}
	for _, a := range all {
		for _, n := range a.Value.Names() {
			if _, ok := b.sys.Subexpr[n]; ok {
				count[n]++
			}
		}
	}
	expand := map[string]*expr.Expr{}
	var shared []string
	for n, c := range count {
		if c >= 2 {
			shared = append(shared, n)
		} else {
			expand[n] = b.sys.Subexpr[n]
		}
	}
	sort.Strings(shared)
	for _, a := range all {
		if len(expand) > 0 {
			if e, err := expr.Substitute(a.Value, expand); err == nil {
				a.Value = e
			}
		}
	}
	for _, n := range shared {
		b.scheme.Pre = append(b.scheme.Pre, Assign{n, b.sys.Subexpr[n]})
	}
}

// RK2 is the midpoint method: k = dt*f(x,t); x_new = x + dt*f(x+k/2, t+dt/2).
func RK2(sys *System) (*Scheme, error) {
	b := newBuilder(sys, "rk2")
	if b.stochastic() {
		return nil, &UnsupportedError{"rk2", "", "it cannot integrate stochastic equations", nil}
	}
	var stage []Assign
	repl := map[string]*expr.Expr{}
	for _, x := range sys.States {
		k := "_k_" + x
		b.temp(k, sys.Dims[x])
		stage = append(stage, Assign{k, mul(b.ex("dt"), sys.RHS[x])})
		repl[x] = b.ex("%s + %s/2", x, k)
	}
	b.scheme.Stages = [][]Assign{stage}
	for _, x := range sys.States {
		f := b.at(sys.RHS[x], repl, b.ex("t + dt/2"))
		b.scheme.Final = append(b.scheme.Final, Assign{x, add(b.ex("%s", x), mul(b.ex("dt"), f))})
	}
	return b.scheme, nil
}

// RK4 is the classical fourth-order Runge–Kutta method.
func RK4(sys *System) (*Scheme, error) {
	b := newBuilder(sys, "rk4")
	if b.stochastic() {
		return nil, &UnsupportedError{"rk4", "", "it cannot integrate stochastic equations", nil}
	}
	type step struct {
		frac  string // "x + k/2" style offset of the previous k
		tRepl string
	}
	steps := []step{{"", ""}, {"/2", "t + dt/2"}, {"/2", "t + dt/2"}, {"", "t + dt"}}
	for s, st := range steps {
		var stage []Assign
		repl := map[string]*expr.Expr{}
		if s > 0 {
			for _, x := range sys.States {
				repl[x] = b.ex("%s + _k%d_%s%s", x, s, x, st.frac)
			}
		}
		for _, x := range sys.States {
			k := fmt.Sprintf("_k%d_%s", s+1, x)
			b.temp(k, sys.Dims[x])
			f := sys.RHS[x]
			if s > 0 {
				f = b.at(f, repl, b.ex("%s", st.tRepl))
			}
			stage = append(stage, Assign{k, mul(b.ex("dt"), f)})
		}
		b.scheme.Stages = append(b.scheme.Stages, stage)
	}
	for _, x := range sys.States {
		b.scheme.Final = append(b.scheme.Final, Assign{x, b.ex("%s + (_k1_%s + 2*_k2_%s + 2*_k3_%s + _k4_%s)/6", x, x, x, x, x)})
	}
	return b.scheme, nil
}

// Heun is Brian2's stochastic Heun method (Stratonovich, multiplicative
// noise): x_s = x + g(x,t)·dW; x_new = x + dt·f(x,t) + ½·dW·(g(x,t) + g(x_s,t+dt)).
// For deterministic equations it is forward Euler.
func Heun(sys *System) (*Scheme, error) {
	b := newBuilder(sys, "heun")
	type parts struct {
		det   *expr.Expr
		g     map[string]*expr.Expr
		noise []string
	}
	ps := map[string]parts{}
	var stage []Assign
	repl := map[string]*expr.Expr{}
	for _, x := range sys.States {
		det, g, noise, err := split("heun", x, sys.RHS[x])
		if err != nil {
			return nil, err
		}
		ps[x] = parts{det, g, noise}
		sup := "_xs_" + x
		b.temp(sup, sys.Dims[x])
		v := b.ex("%s", x)
		for _, n := range noise {
			v = add(v, mul(g[n], b.ex("dt*%s", n)))
		}
		stage = append(stage, Assign{sup, v})
		repl[x] = b.ex("%s", sup)
	}
	if b.stochastic() {
		b.scheme.Stages = [][]Assign{stage}
	} else {
		b.scheme.Temps = map[string]units.Dim{}
	}
	for _, x := range sys.States {
		p := ps[x]
		v := add(b.ex("%s", x), mul(b.ex("dt"), p.det))
		for _, n := range p.noise {
			gs := b.at(p.g[n], repl, b.ex("t + dt"))
			v = add(v, mul(mul(num(0.5), b.ex("dt*%s", n)), add(p.g[n], gs)))
		}
		b.scheme.Final = append(b.scheme.Final, Assign{x, v})
	}
	return b.scheme, nil
}

// Milstein is Brian2's derivative-free Milstein method for diagonal noise:
// x_s = x + dt·f + √dt·g; x_new = x + dt·f + g·dW + (g(x_s) − g)·dW²/(2√dt).
func Milstein(sys *System) (*Scheme, error) {
	b := newBuilder(sys, "milstein")
	seen := map[string]string{}
	type parts struct {
		det, g *expr.Expr
		n      string
	}
	ps := map[string]parts{}
	var stage []Assign
	repl := map[string]*expr.Expr{}
	for _, x := range sys.States {
		det, g, noise, err := split("milstein", x, sys.RHS[x])
		if err != nil {
			return nil, err
		}
		if len(noise) > 1 {
			return nil, &UnsupportedError{"milstein", x, "the noise is not diagonal (several noise variables in one equation)", nil}
		}
		p := parts{det: det}
		if len(noise) == 1 {
			n := noise[0]
			if other, ok := seen[n]; ok {
				return nil, &UnsupportedError{"milstein", x, fmt.Sprintf("the noise is not diagonal (%s also drives %s)", n, other), nil}
			}
			seen[n] = x
			p.g, p.n = g[n], n
		}
		ps[x] = p
		sup := "_xs_" + x
		b.temp(sup, sys.Dims[x])
		v := add(b.ex("%s", x), mul(b.ex("dt"), det))
		if p.g != nil {
			v = add(v, mul(b.ex("sqrt(dt)"), p.g))
		}
		stage = append(stage, Assign{sup, v})
		repl[x] = b.ex("%s", sup)
	}
	b.scheme.Stages = [][]Assign{stage}
	for _, x := range sys.States {
		p := ps[x]
		v := add(b.ex("%s", x), mul(b.ex("dt"), p.det))
		if p.g != nil {
			dW := b.ex("dt*%s", p.n)
			gs := b.at(p.g, repl, nil)
			v = add(v, mul(p.g, dW))
			k := mul(div(sub(gs, p.g), b.ex("2*sqrt(dt)")), mul(dW, dW))
			v = add(v, k)
		}
		b.scheme.Final = append(b.scheme.Final, Assign{x, v})
	}
	return b.scheme, nil
}
