package mathfn

//go:generate go run ./internal/genchain

// Chains of two operators with scalar operands, the commonest pair in
// model formulas ((13*mV - v + VT)/(4*mV) is ((c - v) + c')·c'' after
// folding, 0.128*exp(…)/ms is (c·e)·c'): one pass over the block instead
// of two (chain_amd64.s). The result is float64(x op1 c1) op2 c2 element
// by element, bit for bit what two separate loops give.

// ChainFunc computes out[i] from x[i] and two scalars.
type ChainFunc func(out, x []float64, c1, c2 float64)

// Chain returns the loop of the chain op1 then op2 (each one of + - * /):
// inner is x op1 c1, or c1 op1 x if innerRev; the outer operation is
// inner op2 c2, or c2 op2 inner if outerRev. It returns nil without AVX2
// (two Go loops are as fast there) or for another operator.
func Chain(op1, op2 byte, innerRev, outerRev bool) ChainFunc {
	if !hasVec {
		return nil
	}
	i1, i2 := opIndex(op1), opIndex(op2)
	if i1 < 0 || i2 < 0 {
		return nil
	}
	k := ((i1*4+i2)*2+b2i(innerRev))*2 + b2i(outerRev)
	vec := chainVecs[k]
	return func(out, x []float64, c1, c2 float64) {
		x = x[:len(out)]
		for i := vec(out, x, c1, c2); i < len(out); i++ {
			a := x[i]
			if innerRev {
				a = arith1(op1, c1, a)
			} else {
				a = arith1(op1, a, c1)
			}
			if outerRev {
				out[i] = arith1(op2, c2, a)
			} else {
				out[i] = arith1(op2, a, c2)
			}
		}
	}
}

func opIndex(op byte) int {
	switch op {
	case '+':
		return 0
	case '-':
		return 1
	case '*':
		return 2
	case '/':
		return 3
	}
	return -1
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// arith1 is one operation of the Go tail of a chain.
func arith1(op byte, a, b float64) float64 {
	switch op {
	case '+':
		return a + b
	case '-':
		return a - b
	case '*':
		return a * b
	}
	return a / b
}
