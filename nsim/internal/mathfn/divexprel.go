package mathfn

import "math"

// DivExprelBlock sets out[i] = a[i]/exprel(x[i]) = a[i]·x[i]/expm1(x[i])
// (a[i] where x[i] = 0, as exprel(0) = 1, and a[i]/+Inf beyond 717): the
// form of the HH rate functions with one division instead of two.
func DivExprelBlock(out, a, x []float64) {
	a, x = a[:len(out)], x[:len(out)]
	if hasExpVec {
		// The vector loop does the groups within ±expLimit.
		for i := 0; i < len(out); {
			i += divExprelVec(out[i:], a[i:], x[i:])
			if i < len(out) {
				e := min(i+4, len(out))
				divExprelScalar(out[i:e], a[i:e], x[i:e])
				i = e
			}
		}
		return
	}
	divExprelScalar(out, a, x)
}

// divExprelScalar is DivExprelBlock in Go.
func divExprelScalar(out, a, x []float64) {
	a, x = a[:len(out)], x[:len(out)]
	expm1Scalar(out, x)
	for i, v := range x {
		switch {
		case v == 0:
			out[i] = a[i]
		case v > 717: // exprel is +Inf there (ExprelBlock)
			out[i] = a[i] / math.Inf(1)
		default:
			out[i] = a[i] * v / out[i]
		}
	}
}

// DivExprel is DivExprelBlock for one value.
func DivExprel(a, x float64) float64 {
	var out, in, num [1]float64
	in[0], num[0] = x, a
	DivExprelBlock(out[:], num[:], in[:])
	return out[0]
}
