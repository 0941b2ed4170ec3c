package mathfn

import (
	"math"
	"slices"
)

// Affine3 is one time step of a fused affine update of three state
// variables x, y, z with a fixed refractory period, as nsim does for
// Brian2's CUBA (v, ge, gi): per neuron, with d = s − s*,
//
//	not_refractory = (t − lastspike) − lim ≥ +0 (its sign bit clear)
//	x ← off₀ + M₀₀·d₀ + M₀₁·d₁ + M₀₂·d₂ (x kept while refractory if clamped)
//	y, z likewise from rows 1 and 2
//
// and the neuron is a threshold candidate when the new x > θ. When rows 1
// and 2 are pure decays (only M₁₁, M₂₂ non-zero, no constant: CUBA's
// synaptic currents) they are y ← M₁₁·y and z ← M₂₂·z, and d₁, d₂ are y
// and z: the form Brian2's exact integration writes, and a loop that
// keeps its coefficients in registers. The AVX2
// loop (affine3_amd64.s) does four neurons per instruction (the decay
// form eight with AVX-512), the Go loop the rest or everything without
// AVX2; they give the same results bit for
// bit (the same IEEE operations in the same order, no fused multiply-add).
type Affine3 struct {
	// rows holds each coefficient four times (one YMM register), in the
	// order the assembly names them: M (row-major) 0–8, off 9–11, s*
	// 12–14, t 15, lim 16, θ 17, 1.0 18, the clamp mask 19.
	rows  [20][4]float64
	decay bool // rows 1 and 2 are y ← M₁₁·y, z ← M₂₂·z
}

// Set stores a step's coefficients: m and off (s* or c where I − M is
// singular), the fixed point fp (0 where singular), the time t, the
// refractory limit lim, the threshold θ and whether x is clamped while
// refractory.
func (a *Affine3) Set(m [3][3]float64, off, fp [3]float64, t, lim, theta float64, clamp bool) {
	set := func(r int, v float64) { a.rows[r] = [4]float64{v, v, v, v} }
	for i := range 3 {
		for j := range 3 {
			set(3*i+j, m[i][j])
		}
		set(9+i, off[i])
		set(12+i, fp[i])
	}
	a.decay = true
	for _, i := range []int{1, 2} {
		for j := range 3 {
			if j != i && m[i][j] != 0 {
				a.decay = false
			}
		}
		if off[i] != 0 || fp[i] != 0 {
			a.decay = false
		}
	}
	set(15, t)
	set(16, lim)
	set(17, theta)
	set(18, 1)
	set(19, 0)
	if clamp {
		set(19, math.Float64frombits(1<<64-1))
	}
}

// Block updates the neurons of x, y, z, lastspike and notRefr (all of
// len(x)) and appends base+k to cand for each neuron k that crosses θ, in
// ascending order.
func (a *Affine3) Block(x, y, z, lastspike, notRefr []float64, cand []int32, base int32) []int32 {
	n := len(x)
	y, z, lastspike, notRefr = y[:n], z[:n], lastspike[:n], notRefr[:n]
	k := 0
	if hasVec && n >= 4 {
		cand = slices.Grow(cand, n)
		var nc int
		if a.decay && has512 && n >= 8 {
			k, nc = affine3DecayVec8(&a.rows, &x[0], &y[0], &z[0], &lastspike[0], &notRefr[0], n, cand[len(cand):cap(cand)], int(base))
			cand = cand[:len(cand)+nc]
		}
		// The AVX2 loop: all groups of four, or the last one after the
		// AVX-512 loop.
		if n-k >= 4 {
			loop := affine3Vec
			if a.decay {
				loop = affine3DecayVec
			}
			var d int
			d, nc = loop(&a.rows, &x[k], &y[k], &z[k], &lastspike[k], &notRefr[k], n-k, cand[len(cand):cap(cand)], int(base)+k)
			k += d
			cand = cand[:len(cand)+nc]
		}
	}
	return a.goLoop(x, y, z, lastspike, notRefr, nil, k, cand, base)
}

// KnowsRefractory reports whether BlockKnown has a vector loop for this
// step's coefficients (the decay form, where the CPU has AVX-512); Block
// is faster otherwise.
func (a *Affine3) KnowsRefractory() bool { return a.decay && hasVec && has512 }

// BlockKnown is Block for a step whose refractory neurons the caller
// knows: bit k of known (known[k/64] >> (k%64) & 1) is set where neuron
// k is refractory at this step, and not_refractory already holds this
// step's values. It reads neither lastspike nor not_refractory: the
// update streams 24 bytes a neuron instead of 40, and 64,000 neurons'
// states come close to fitting a megabyte of L2.
func (a *Affine3) BlockKnown(x, y, z []float64, known []uint64, cand []int32, base int32) []int32 {
	n := len(x)
	y, z, known = y[:n], z[:n], known[:(n+63)/64]
	k := 0
	if a.KnowsRefractory() && n >= 8 {
		cand = slices.Grow(cand, n)
		var nc int
		k, nc = affine3DecayKnown8(&a.rows, &x[0], &y[0], &z[0], n, &known[0], cand[len(cand):cap(cand)], int(base))
		cand = cand[:len(cand)+nc]
	}
	return a.goLoop(x, y, z, nil, nil, known, k, cand, base)
}

// goLoop is Block's loop from neuron k on, or BlockKnown's with known
// (lastspike and notRefr are then unused).
func (a *Affine3) goLoop(x, y, z, lastspike, notRefr []float64, known []uint64, k int, cand []int32, base int32) []int32 {
	r := &a.rows
	m00, m01, m02, c0 := r[0][0], r[1][0], r[2][0], r[9][0]
	m10, m11, m12, c1 := r[3][0], r[4][0], r[5][0], r[10][0]
	m20, m21, m22, c2 := r[6][0], r[7][0], r[8][0], r[11][0]
	p0, p1, p2 := r[12][0], r[13][0], r[14][0]
	t, lim, theta, clamp, decay := r[15][0], r[16][0], r[17][0], r[19][0] != 0, a.decay
	for ; k < len(x); k++ {
		x0 := x[k]
		dx, dy, dz := x0-p0, y[k]-p1, z[k]-p2
		var f float64
		if known != nil {
			f = float64(1 - known[k/64]>>(k%64)&1)
		} else {
			f = float64(1 - int64(math.Float64bits((t-lastspike[k])-lim)>>63))
			notRefr[k] = f
		}
		if decay {
			dy, dz = y[k], z[k]
		}
		xn := c0 + m00*dx + m01*dy + m02*dz
		if clamp && f == 0 {
			xn = x0
		}
		x[k] = xn
		if decay {
			y[k], z[k] = m11*dy, m22*dz
		} else {
			y[k] = c1 + m10*dx + m11*dy + m12*dz
			z[k] = c2 + m20*dx + m21*dy + m22*dz
		}
		if xn > theta {
			cand = append(cand, base+int32(k))
		}
	}
	return cand
}
