package integrate

import (
	"fmt"
	"math"

	"gonsim/nsim/expr"
	"gonsim/nsim/units"
)

// Coupled is the exact step of coupled linear equations whose coefficients
// vary per element (dv/dt = (w - v)/tau with a parameter tau, coupled to
// w): a Scheme has it when its symbolic propagator would need a matrix
// exponential per element, as Brian2's sympy solution has.
//
// The scheme's Stages compute the coefficients of dX/dt = M·X + c into the
// temporaries Coef names (M row-major, then c; "" where a coefficient is
// zero), and its Final assignments leave every state unchanged. The engine
// then calls Step for every element, which overwrites the new values with
// e^{M·dt}·X + (∫₀^dt e^{M·s} ds)·c. Step keeps each element's propagator
// and recomputes it only when the element's coefficients changed, so
// constant parameters cost one matrix-vector product a step.
type Coupled struct {
	// Coef names the temporaries of the n·(n+1) coefficients.
	Coef []string
	n    int
	dt   float64
	// per element: the coefficients the map was computed for (NaN before
	// the first step), then the n×(n+1) affine map.
	cache []float64
}

// CoupledScratch is the working memory of one goroutine calling Step.
type CoupledScratch struct{ a, e, term, tmp []float64 }

// Size is the number of coupled states.
func (c *Coupled) Size() int { return c.n }

// Reserve sizes the per-element cache for elements 0…n-1; the engine calls
// it before the first Step and when the number of elements changes.
func (c *Coupled) Reserve(elements int) {
	per := 2 * c.n * (c.n + 1)
	if len(c.cache) == elements*per {
		return
	}
	c.cache = make([]float64, elements*per)
	for k := range c.cache {
		c.cache[k] = math.NaN()
	}
}

// NewScratch returns working memory for Step.
func (c *Coupled) NewScratch() *CoupledScratch {
	m := (c.n + 1) * (c.n + 1)
	return &CoupledScratch{make([]float64, m), make([]float64, m), make([]float64, m), make([]float64, m)}
}

// Step writes the new states of element k to out from its coefficients
// coef (as Coef orders them) and start-of-step states x. Calls for
// different elements may run concurrently, each with its own scratch.
func (c *Coupled) Step(k int, coef, x, out []float64, s *CoupledScratch) {
	n, w := c.n, c.n*(c.n+1)
	seen := c.cache[k*2*w : k*2*w+w]
	m := c.cache[k*2*w+w : (k+1)*2*w]
	for j := range coef {
		if coef[j] != seen[j] { // NaN never equals: the first step computes
			copy(seen, coef)
			c.affineMap(coef, m, s)
			break
		}
	}
	for i := 0; i < n; i++ {
		row := m[i*(n+1) : (i+1)*(n+1)]
		v := row[n]
		for j := 0; j < n; j++ {
			v += row[j] * x[j]
		}
		out[i] = v
	}
}

// affineMap writes the first n rows of exp([[M, c], [0, 0]]·dt) to m:
// [e^{M·dt} | (∫₀^dt e^{M·s} ds)·c].
func (c *Coupled) affineMap(coef, m []float64, s *CoupledScratch) {
	n, d := c.n, c.n+1
	clear(s.a)
	for i := 0; i < n; i++ {
		for j := 0; j <= n; j++ {
			s.a[i*d+j] = coef[i*d+j] * c.dt
		}
	}
	expmFlat(s.a, s.e, s.term, s.tmp, d)
	copy(m, s.e[:n*d])
}

// expmFlat is expm on flat d×d matrices with caller-provided memory: e
// receives exp(a); a is scaled in place.
func expmFlat(a, e, term, tmp []float64, d int) {
	norm := 0.0
	for i := 0; i < d; i++ {
		r := 0.0
		for j := 0; j < d; j++ {
			r += math.Abs(a[i*d+j])
		}
		norm = math.Max(norm, r)
	}
	sq := 0
	for norm > 0.5 {
		norm /= 2
		sq++
	}
	scale := math.Ldexp(1, -sq)
	for i := range a {
		a[i] *= scale
	}
	clear(e)
	clear(term)
	for i := 0; i < d; i++ {
		e[i*d+i], term[i*d+i] = 1, 1
	}
	for k := 1; k <= 20; k++ {
		matmulFlat(tmp, term, a, d)
		for i := range term {
			term[i] = tmp[i] / float64(k)
			e[i] += term[i]
		}
	}
	for ; sq > 0; sq-- {
		matmulFlat(tmp, e, e, d)
		copy(e, tmp)
	}
}

func matmulFlat(out, a, b []float64, d int) {
	clear(out)
	for i := 0; i < d; i++ {
		for k := 0; k < d; k++ {
			if x := a[i*d+k]; x != 0 {
				for j := 0; j < d; j++ {
					out[i*d+j] += x * b[k*d+j]
				}
			}
		}
	}
}

// coupledScheme builds the per-element step for the whole system.
func (b *builder) coupledScheme(M [][]*expr.Expr, c []*expr.Expr) {
	sys := b.sys
	n := len(sys.States)
	cp := &Coupled{n: n, dt: sys.DT}
	var stage []Assign
	coef := func(e *expr.Expr, dim units.Dim, name string) {
		if e.IsZero() {
			cp.Coef = append(cp.Coef, "")
			return
		}
		b.temp(name, dim)
		stage = append(stage, Assign{name, e})
		cp.Coef = append(cp.Coef, name)
	}
	for i, x := range sys.States {
		for j, y := range sys.States {
			coef(M[i][j], sys.Dims[x].Div(sys.Dims[y]).Div(units.Dim{2: 1}), fmt.Sprintf("_M_%s_%s", x, y))
		}
		coef(c[i], sys.Dims[x].Div(units.Dim{2: 1}), "_c_"+x)
	}
	b.scheme.Stages = [][]Assign{stage}
	for _, x := range sys.States {
		b.scheme.Final = append(b.scheme.Final, Assign{x, b.ex("%s", x)})
	}
	b.scheme.Coupled = cp
}
