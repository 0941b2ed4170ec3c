package mathfn

// ExpEulerBlock sets out[i] = (x[i] + b[i]/a[i])·exp(a[i]·dt) - b[i]/a[i],
// the exponential Euler step of dx/dt = a·x + b as nsim/integrate writes
// it (its _B/_A is b/a here), bit for bit what the six separate
// operations give (a quotient, a sum, two products, exp and a
// difference). With AVX-512 it is one pass, eight elements per
// instruction; exponential Euler models (HH's gates and membrane) spent a
// third of their update in the six passes.
func ExpEulerBlock(out, x, b, a []float64, dt float64) {
	x, b, a = x[:len(out)], b[:len(out)], a[:len(out)]
	if !has512 {
		expEulerPasses(out, x, b, a, dt)
		return
	}
	for i := 0; i < len(out); {
		i += expEulerVec8(out[i:], x[i:], b[i:], a[i:], dt)
		if i == len(out) {
			return
		}
		// The last elements, or a group with a·dt beyond ±expLimit.
		e := min(i+8, len(out))
		var eb, qb [8]float64
		expEulerChunk(out[i:e], x[i:e], b[i:e], a[i:e], dt, eb[:e-i], qb[:e-i])
		i = e
	}
}

// expEulerPasses is ExpEulerBlock as the six passes, over chunks of 128
// elements with their scratch on the stack.
func expEulerPasses(out, x, b, a []float64, dt float64) {
	var e, q [128]float64
	for lo := 0; lo < len(out); lo += len(e) {
		hi := min(lo+len(e), len(out))
		expEulerChunk(out[lo:hi], x[lo:hi], b[lo:hi], a[lo:hi], dt, e[:hi-lo], q[:hi-lo])
	}
}

// expEulerChunk is the six passes over out, with e and q (of its length)
// as scratch.
func expEulerChunk(out, x, b, a []float64, dt float64, e, q []float64) {
	MulVS(e, a, dt)
	ExpBlock(e, e)
	DivVV(q, b, a)
	AddVV(out, x, q)
	MulVV(out, out, e)
	SubVV(out, out, q)
}
