package integrate

import (
	"fmt"
	"math"

	"gonsim/nsim/expr"
	"gonsim/nsim/units"
)

// Exact integrates linear equations dX/dt = M·X + c whose coefficients
// are constant over a time step (Brian2's exact/linear method): M and c
// may depend on constants, parameters, external names and values a
// function keeps over a step (a TimedArray of t, frozen at the start of
// the step), not on the states, on t otherwise, on noise or on rand().
//
// Where M folds to numbers, the propagator X_new = e^{M·dt}·X +
// (∫₀^dt e^{M·s} ds)·c is computed numerically for sys.DT (exactly per
// variable when the equations are uncoupled). An uncoupled equation
// dx/dt = a·x + c with a per-element coefficient a (a parameter tau in
// -1/tau) becomes x·exp(a·dt) + c·dt·exprel(a·dt), which is Brian2's
// c/a·(e^{a·dt} − 1) + x·e^{a·dt} without its 0/0 at a = 0. Coupled
// equations with such coefficients get a per-element propagator
// (Scheme.Coupled).
func Exact(sys *System) (*Scheme, error) {
	b := newBuilder(sys, "exact")
	if sys.DT <= 0 && !sys.SymbolicDT {
		return nil, &UnsupportedError{"exact", "", "the time step is unknown", nil}
	}
	M, c, err := linearSystem(sys)
	if err != nil {
		return nil, err
	}
	symbolic, coupled, err := uncoupledSymbolic(sys, M)
	if err != nil {
		return nil, err
	}
	if coupled {
		b.coupledScheme(M, c)
		return b.scheme, nil
	}
	var numeric []int // the states whose coefficients are numbers
	for i := range sys.States {
		if !symbolic[i] {
			numeric = append(numeric, i)
		}
	}
	final := make([]*expr.Expr, len(sys.States))
	for i, x := range sys.States {
		if symbolic[i] {
			final[i] = b.uncoupled(x, M[i][i], c[i])
		}
	}
	b.propagate(numeric, M, c, final)
	for i, x := range sys.States {
		b.scheme.Final = append(b.scheme.Final, Assign{x, final[i]})
	}
	return b.scheme, nil
}

// linearSystem writes the right-hand sides as M·X + c and checks that
// every coefficient is constant over a step.
func linearSystem(sys *System) (M [][]*expr.Expr, c []*expr.Expr, err error) {
	n := len(sys.States)
	M = make([][]*expr.Expr, n)
	c = make([]*expr.Expr, n)
	for i, x := range sys.States {
		rest := sys.RHS[x]
		if rest.Stochastic() {
			return nil, nil, &UnsupportedError{"exact", x, "it cannot integrate stochastic equations", nil}
		}
		if err := expr.LinearIn(rest, sys.States); err != nil {
			return nil, nil, &UnsupportedError{"exact", x, "the equations are not linear", err}
		}
		M[i] = make([]*expr.Expr, n)
		for j, y := range sys.States {
			a, r, err := expr.Linear(rest, y)
			if err != nil {
				return nil, nil, &UnsupportedError{"exact", x, "the equations are not linear", err}
			}
			if err := a.ConstantOverStep(sys.DT, "the coefficient of "+y); err != nil {
				return nil, nil, &UnsupportedError{"exact", x, "the coefficients must be constant over a time step", err}
			}
			M[i][j], rest = a, r
		}
		if err := rest.ConstantOverStep(sys.DT, "the term free of state variables"); err != nil {
			return nil, nil, &UnsupportedError{"exact", x, "the coefficients must be constant over a time step", err}
		}
		c[i] = rest
	}
	return M, c, nil
}

// uncoupledSymbolic marks the states whose coefficients are not numbers
// (all of them with sys.SymbolicDT). coupled is true if such a state is
// coupled to another one: the propagator then needs a matrix exponential
// per element (Coupled); with SymbolicDT that is refused.
func uncoupledSymbolic(sys *System, M [][]*expr.Expr) (symbolic []bool, coupled bool, err error) {
	n := len(sys.States)
	symbolic = make([]bool, n)
	for i := range M {
		symbolic[i] = symbolic[i] || sys.SymbolicDT
		for j := range M {
			if _, ok := M[i][j].Const(); !ok {
				symbolic[i], symbolic[j] = true, true
			}
		}
	}
	for i, x := range sys.States {
		for j, y := range sys.States {
			if i != j && (symbolic[i] || symbolic[j]) && !M[i][j].IsZero() {
				if sys.SymbolicDT {
					return nil, false, &UnsupportedError{"exact", x, fmt.Sprintf(
						"the equation depends on %s; exact formulas with a symbolic time step need uncoupled equations", y), nil}
				}
				return symbolic, true, nil
			}
		}
	}
	return symbolic, false, nil
}

// uncoupled is the exact step of dx/dt = a·x + c for a coefficient a that
// varies per element.
func (b *builder) uncoupled(x string, a, c *expr.Expr) *expr.Expr {
	if a.IsZero() { // dx/dt = c; Linear gives a 0 without x's dimension
		return add(b.ex("%s", x), mul(c, b.ex("dt")))
	}
	adt := mul(a, b.ex("dt"))
	v := mul(b.ex("%s", x), must(expr.Apply("exp", adt)))
	if c.IsZero() {
		return v
	}
	return add(v, mul(mul(c, b.ex("dt")), must(expr.Apply("exprel", adt))))
}

// propagate sets final[i] for the states idx, whose coefficients among
// themselves are numbers (and which no other state couples to).
func (b *builder) propagate(idx []int, M [][]*expr.Expr, c []*expr.Expr, final []*expr.Expr) {
	if len(idx) == 0 {
		return
	}
	sys := b.sys
	m := make([][]float64, len(idx))
	for p, i := range idx {
		m[p] = make([]float64, len(idx))
		for q, j := range idx {
			m[p][q], _ = M[i][j].Const()
		}
	}
	phi, psi := propagator(m, sys.DT)
	for p, i := range idx {
		x := sys.States[i]
		v := mul(expr.Lit(phi[p][p], units.Dim{}), b.ex("%s", x))
		for q, j := range idx {
			if q != p && phi[p][q] != 0 {
				y := sys.States[j]
				v = add(v, mul(expr.Lit(phi[p][q], sys.Dims[x].Div(sys.Dims[y])), b.ex("%s", y)))
			}
		}
		for q, j := range idx {
			if psi[p][q] != 0 && !c[j].IsZero() {
				d := sys.Dims[x].Div(sys.Dims[sys.States[j]]).Mul(units.Dim{2: 1})
				v = add(v, mul(expr.Lit(psi[p][q], d), c[j]))
			}
		}
		final[i] = v
	}
}

// propagator returns e^{M·dt} and ∫₀^dt e^{M·s} ds.
func propagator(M [][]float64, dt float64) (phi, psi [][]float64) {
	n := len(M)
	phi, psi = zeros(n, n), zeros(n, n)
	diagonal := true
	for i := range M {
		for j := range M {
			if i != j && M[i][j] != 0 {
				diagonal = false
			}
		}
	}
	if diagonal {
		for i := range M {
			a := M[i][i]
			phi[i][i] = math.Exp(a * dt)
			if a == 0 {
				psi[i][i] = dt
			} else {
				psi[i][i] = math.Expm1(a*dt) / a
			}
		}
		return phi, psi
	}
	// exp([[M, I], [0, 0]]·dt) = [[e^{M dt}, ∫e^{Ms}ds], [0, I]].
	A := zeros(2*n, 2*n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			A[i][j] = M[i][j] * dt
		}
		A[i][n+i] = dt
	}
	E := expmBalanced(A)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			phi[i][j] = E[i][j]
			psi[i][j] = E[i][n+j]
		}
	}
	return phi, psi
}

func zeros(r, c int) [][]float64 {
	m := make([][]float64, r)
	for i := range m {
		m[i] = make([]float64, c)
	}
	return m
}

func matmul(a, b [][]float64) [][]float64 {
	n := len(a)
	out := zeros(n, n)
	for i := 0; i < n; i++ {
		for k := 0; k < n; k++ {
			if a[i][k] == 0 {
				continue
			}
			for j := 0; j < n; j++ {
				out[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return out
}

// expm is the matrix exponential by scaling and squaring with a Taylor
// series (the systems here are small and well scaled).
func expm(A [][]float64) [][]float64 {
	n := len(A)
	norm := 0.0
	for i := range A {
		s := 0.0
		for j := range A {
			s += math.Abs(A[i][j])
		}
		norm = math.Max(norm, s)
	}
	sq := 0
	for norm > 0.5 {
		norm /= 2
		sq++
	}
	scale := math.Ldexp(1, -sq)
	X := zeros(n, n)
	for i := range A {
		for j := range A {
			X[i][j] = A[i][j] * scale
		}
	}
	E, term := zeros(n, n), zeros(n, n)
	for i := 0; i < n; i++ {
		E[i][i], term[i][i] = 1, 1
	}
	for k := 1; k <= 20; k++ {
		term = matmul(term, X)
		for i := range term {
			for j := range term {
				term[i][j] /= float64(k)
				E[i][j] += term[i][j]
			}
		}
	}
	for ; sq > 0; sq-- {
		E = matmul(E, E)
	}
	return E
}
