package mathfn

import (
	"math"
	"slices"
)

// Linear1 is one time step of the fused update of one state variable x
// with additive noise and a fixed refractory period, as nsim does for the
// noisy LIF neuron: per neuron, with w the step's noise already scaled,
//
//	x ← a·x + b + w
//	not_refractory = (t − lastspike) − lim ≥ +0 (its sign bit clear)
//
// and the neuron is a threshold candidate when the new x > θ. The AVX2
// loop (linear1_amd64.s) does four neurons per instruction, the Go loop
// the rest or everything without AVX2; they give the same results bit for
// bit.
type Linear1 struct {
	// rows holds each constant four times, in the order the assembly
	// names them: a, b, t, lim, θ, 1.0.
	rows [6][4]float64
}

// Set stores a step's coefficients, time, refractory limit and threshold.
func (l *Linear1) Set(a, b, t, lim, theta float64) {
	for r, v := range [...]float64{a, b, t, lim, theta, 1} {
		l.rows[r] = [4]float64{v, v, v, v}
	}
}

// Block updates the neurons of x, lastspike and notRefr with the noise w
// (all of len(x)) and appends base+k to cand for each neuron k that
// crosses θ, in ascending order.
func (l *Linear1) Block(x, w, lastspike, notRefr []float64, cand []int32, base int32) []int32 {
	n := len(x)
	w, lastspike, notRefr = w[:n], lastspike[:n], notRefr[:n]
	k := 0
	if hasVec && n >= 4 {
		cand = slices.Grow(cand, n)
		var nc int
		k, nc = linear1Vec(&l.rows, &x[0], &w[0], &lastspike[0], &notRefr[0], n, cand[len(cand):cap(cand)], int(base))
		cand = cand[:len(cand)+nc]
	}
	return l.goLoop(x, w, lastspike, notRefr, k, cand, base)
}

// BlockFree is Block for neurons whose refractoriness is kept elsewhere
// (nsim's set of refractory neurons): it updates x with the noise w and
// appends the candidates, reading and writing nothing else.
func (l *Linear1) BlockFree(x, w []float64, cand []int32, base int32) []int32 {
	n := len(x)
	w = w[:n]
	k := 0
	if hasVec && n >= 4 {
		cand = slices.Grow(cand, n)
		var nc int
		k, nc = linear1FreeVec(&l.rows, &x[0], &w[0], n, cand[len(cand):cap(cand)], int(base))
		cand = cand[:len(cand)+nc]
	}
	a, b, theta := l.rows[0][0], l.rows[1][0], l.rows[4][0]
	for ; k < n; k++ {
		xn := a*x[k] + b + w[k]
		x[k] = xn
		if xn > theta {
			cand = append(cand, base+int32(k))
		}
	}
	return cand
}

// goLoop is Block's loop from neuron k on.
func (l *Linear1) goLoop(x, w, lastspike, notRefr []float64, k int, cand []int32, base int32) []int32 {
	r := &l.rows
	a, b, t, lim, theta := r[0][0], r[1][0], r[2][0], r[3][0], r[4][0]
	for ; k < len(x); k++ {
		xn := a*x[k] + b + w[k]
		// Branch-free: a branch on the period's end mispredicts for the
		// many neurons in their refractory period.
		notRefr[k] = float64(1 - int64(math.Float64bits((t-lastspike[k])-lim)>>63))
		x[k] = xn
		if xn > theta {
			cand = append(cand, base+int32(k))
		}
	}
	return cand
}
