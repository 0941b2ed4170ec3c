package expr

import (
	"math"
	"math/big"
)

// Block versions of exp, expm1 and exprel. The HH rate functions make
// exp-family calls the largest cost of a conductance-based network (half
// of COBAHH's time went to math.Exp and math.Expm1, called one element at
// a time through their special-case checks). These loops do the range
// reduction and the polynomial inline, with one well-predicted branch per
// element for the rare arguments outside ±708 (overflow, subnormal
// results, NaN), which go to package math. TestFastExp checks them
// against math.Exp/math.Expm1 to within 2 ulp over a wide range.
//
// The scalar path (passes of one or two elements) and constant folding
// call the same loops on one element, so a result does not depend on how
// many elements a pass has.

const (
	expTableBits = 6
	expTableSize = 1 << expTableBits
	// expShift rounds to an integer when added and subtracted (1.5·2^52).
	expShift = 0x1.8p52
	// expLimit bounds the arguments the fast paths take: beyond it
	// results overflow or become subnormal.
	expLimit = 708
)

var (
	// exp2Hi[j] + exp2Lo[j] = 2^(j/64) to about 106 bits: the low part
	// keeps the table's rounding out of the results.
	exp2Hi, exp2Lo [expTableSize]float64
	// ln2/64 split so that k*ln2HiN is exact for the k of |x| ≤ 708.
	ln2HiN = 6.93147180369123816490e-01 / expTableSize
	ln2LoN = 1.90821492927058770002e-10 / expTableSize
)

func init() {
	// 2^(1/64) by six square roots of 2, then its powers, in 200 bits.
	const prec = 200
	root := new(big.Float).SetPrec(prec).SetInt64(2)
	for range expTableBits {
		root.Sqrt(root)
	}
	pow := new(big.Float).SetPrec(prec).SetInt64(1)
	for j := range exp2Hi {
		hi, _ := pow.Float64()
		lo, _ := new(big.Float).SetPrec(prec).Sub(pow, big.NewFloat(hi)).Float64()
		exp2Hi[j], exp2Lo[j] = hi, lo
		pow.Mul(pow, root)
	}
}

// expBlock sets out[i] = exp(x[i]): x = (64m + j)·ln2/64 + r with
// |r| ≤ ln2/128, exp(x) = 2^m · 2^(j/64) · (1 + p(r)), p a degree-6
// Taylor polynomial (its truncation error is below 1e-19).
func expBlock(out, x []float64) {
	x = x[:len(out)]
	const invLn2N = expTableSize / math.Ln2
	for i, v := range x {
		if !(math.Abs(v) <= expLimit) {
			out[i] = math.Exp(v)
			continue
		}
		t := v*invLn2N + expShift
		kf := t - expShift
		k := int64(math.Float64bits(t)) - int64(math.Float64bits(expShift))
		r := (v - kf*ln2HiN) - kf*ln2LoN
		r2 := r * r
		p := r + r2*((1.0/2+r*(1.0/6))+r2*((1.0/24+r*(1.0/120))+r2*(1.0/720)))
		j := k & (expTableSize - 1)
		s := exp2Hi[j]
		y := s + (exp2Lo[j] + s*p)
		out[i] = y * math.Float64frombits(uint64((k>>expTableBits)+1023)<<52)
	}
}

// expm1Block sets out[i] = exp(x[i]) - 1, accurate near 0. For
// |x| < ln2/2 it sums the Taylor series of e^x - 1 to degree 13
// (truncation below 5e-18 relative) with no reduction; beyond, it uses the
// reduction of expBlock, expm1(x) = (2^m·hi - 1) + 2^m·(lo + hi·p(r)),
// whose first term is exact when it is small (Sterbenz) and dominates the
// second. Both forms share one loop: the small case is k = 0.
func expm1Block(out, x []float64) {
	x = x[:len(out)]
	const (
		invLn2N = expTableSize / math.Ln2
		c3      = 1.0 / 6
		c4      = 1.0 / 24
		c5      = 1.0 / 120
		c6      = 1.0 / 720
		c7      = 1.0 / 5040
		c8      = 1.0 / 40320
		c9      = 1.0 / 362880
		c10     = 1.0 / 3628800
		c11     = 1.0 / 39916800
		c12     = 1.0 / 479001600
		c13     = 1.0 / 6227020800
	)
	for i, v := range x {
		a := math.Abs(v)
		if !(a <= expLimit) {
			out[i] = math.Expm1(v)
			continue
		}
		t := v*invLn2N + expShift
		k := int64(math.Float64bits(t)) - int64(math.Float64bits(expShift))
		// k = 0 when |x| < ln2/2, without a branch (the sign bit of
		// |x| - ln2/2 spread over a mask): HH rate arguments cross that
		// bound unpredictably.
		k &^= int64(math.Float64bits(a-math.Ln2/2)) >> 63
		kf := float64(k)
		r := (v - kf*ln2HiN) - kf*ln2LoN
		// Estrin's scheme: a short dependency chain, so that the
		// independent elements of a block overlap in the pipeline.
		r2 := r * r
		r4 := r2 * r2
		q := (0.5 + r*c3) + r2*(c4+r*c5) + r4*((c6+r*c7)+r2*(c8+r*c9)+r4*((c10+r*c11)+r2*(c12+r*c13)))
		p := r + r2*q
		j := k & (expTableSize - 1)
		s := exp2Hi[j]
		two := math.Float64frombits(uint64((k>>expTableBits)+1023) << 52)
		out[i] = (two*s - 1) + two*(exp2Lo[j]+s*p)
	}
}

// exprelBlock sets out[i] = (exp(x[i]) - 1)/x[i], 1 at 0 (SEMANTICS §6:
// numpy's expm1(x)/x).
func exprelBlock(out, x []float64) {
	x = x[:len(out)]
	expm1Block(out, x)
	for i, v := range x {
		switch {
		case v == 0:
			out[i] = 1
		case v > 717:
			out[i] = math.Inf(1)
		default:
			out[i] /= v
		}
	}
}

// one applies a block function to a single value.
func one(f func(out, x []float64)) func(float64) float64 {
	return func(v float64) float64 {
		in, out := [1]float64{v}, [1]float64{}
		f(out[:], in[:])
		return out[0]
	}
}

var (
	fastExp    = one(expBlock)
	fastExpm1  = one(expm1Block)
	fastExprel = one(exprelBlock)
)
