package integrate

import (
	"fmt"
	"math"

	"gonsim/nsim/expr"
	"gonsim/nsim/units"
)

// Exact integrates linear equations with constant coefficients,
// dX/dt = M·X + c(params), with the exact propagator:
// X_new = e^{M·dt}·X + (∫₀^dt e^{M·s} ds)·c. M must fold to constants; c
// may depend on parameters but not on the states, t or noise. The
// propagator is computed numerically for sys.DT (exactly per variable when
// the equations are uncoupled).
func Exact(sys *System) (*Scheme, error) {
	b := newBuilder(sys, "exact")
	if sys.DT <= 0 {
		return nil, &UnsupportedError{"exact", "", "the time step is unknown", nil}
	}
	n := len(sys.States)
	M := make([][]float64, n)
	c := make([]*expr.Expr, n)
	for i, x := range sys.States {
		rest := sys.RHS[x]
		if rest.Stochastic() {
			return nil, &UnsupportedError{"exact", x, "it cannot integrate stochastic equations", nil}
		}
		M[i] = make([]float64, n)
		for j, y := range sys.States {
			a, r, err := expr.Linear(rest, y)
			if err != nil {
				return nil, &UnsupportedError{"exact", x, "the equations are not linear", err}
			}
			v, ok := a.Const()
			if !ok {
				return nil, &UnsupportedError{"exact", x, fmt.Sprintf("the coefficient of %s is not constant: %s", y, a), nil}
			}
			M[i][j] = v
			rest = r
		}
		if rest.DependsOn("t") {
			return nil, &UnsupportedError{"exact", x, "the equation depends on time t", nil}
		}
		c[i] = rest
	}
	dt := sys.DT
	phi, psi := propagator(M, dt)
	for i, x := range sys.States {
		v := mul(expr.Lit(phi[i][i], units.Dim{}), b.ex("%s", x))
		for j, y := range sys.States {
			if j != i && phi[i][j] != 0 {
				d := sys.Dims[x].Div(sys.Dims[y])
				v = add(v, mul(expr.Lit(phi[i][j], d), b.ex("%s", y)))
			}
		}
		for j, y := range sys.States {
			if psi[i][j] != 0 && !c[j].IsZero() {
				d := sys.Dims[x].Div(sys.Dims[y]).Mul(units.Dim{2: 1})
				v = add(v, mul(expr.Lit(psi[i][j], d), c[j]))
			}
		}
		b.scheme.Final = append(b.scheme.Final, Assign{x, v})
	}
	return b.scheme, nil
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
