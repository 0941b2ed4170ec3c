package mathfn

import "math"

// DivExprelBlock sets out[i] = a[i]/exprel(x[i]) = a[i]·x[i]/expm1(x[i])
// (a[i] where x[i] = 0, as exprel(0) = 1, and a[i]/+Inf beyond 717): the
// form of the HH rate functions with one division instead of two.
func DivExprelBlock(out, a, x []float64) {
	a, x = a[:len(out)], x[:len(out)]
	Expm1Block(out, x)
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
