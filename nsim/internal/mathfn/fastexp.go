package mathfn

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
	// exp2Hi[j+32] + exp2Lo[j+32] = 2^(j/64) for j = -32…63, to about 106
	// bits: the low part keeps the table's rounding out of the results.
	// exp uses j = 0…63; expm1 also -32…-1, so that its small arguments
	// keep m = 0.
	exp2Hi, exp2Lo [expTableSize + expTableSize/2]float64
	// exp2Pairs holds exp2Hi[j], exp2Lo[j] side by side at 2j, 2j+1: the
	// AVX2 loops load both with one 16-byte load per element.
	exp2Pairs [2 * len(exp2Hi)]float64
	// ln2/64 split so that k*ln2HiN is exact for the k of |x| ≤ 708.
	ln2HiN = 6.93147180369123816490e-01 / expTableSize
	ln2LoN = 1.90821492927058770002e-10 / expTableSize
)

func init() {
	// 2^(1/64) by six square roots of 2, then its powers up and down
	// from 2^0 = 1 exactly, in 200 bits.
	const prec = 200
	root := new(big.Float).SetPrec(prec).SetInt64(2)
	for range expTableBits {
		root.Sqrt(root)
	}
	set := func(j int, v *big.Float) {
		hi, _ := v.Float64()
		lo, _ := new(big.Float).SetPrec(prec).Sub(v, big.NewFloat(hi)).Float64()
		exp2Hi[j+expTableSize/2], exp2Lo[j+expTableSize/2] = hi, lo
	}
	up := new(big.Float).SetPrec(prec).SetInt64(1)
	down := new(big.Float).SetPrec(prec).SetInt64(1)
	for j := 0; j < expTableSize; j++ {
		set(j, up)
		up.Mul(up, root)
		if j > 0 && j <= expTableSize/2 {
			down.Quo(down, root)
			set(-j, down)
		}
	}
	for j := range exp2Hi {
		exp2Pairs[2*j], exp2Pairs[2*j+1] = exp2Hi[j], exp2Lo[j]
	}
}

// ExpBlock sets out[i] = exp(x[i]): x = (64m + j)·ln2/64 + r with
// |r| ≤ ln2/128, exp(x) = 2^m · 2^(j/64) · (1 + p(r)), p a degree-6
// Taylor polynomial (its truncation error is below 1e-19).
func ExpBlock(out, x []float64) { vecThenScalar(out, x, false) }

// Expm1Block sets out[i] = exp(x[i]) - 1, accurate near 0 (expm1Scalar).
func Expm1Block(out, x []float64) { vecThenScalar(out, x, true) }

// vecThenScalar runs the AVX2 loop of exp (or expm1) where the CPU has
// one and the Go loop on what it leaves: the last elements, and the
// groups of four with an argument outside ±expLimit. The calls are
// static, not through func values, so that the callers' scratch buffers
// do not escape to the heap.
func vecThenScalar(out, x []float64, m1 bool) {
	x = x[:len(out)]
	scalar := func(out, x []float64) {
		if m1 {
			expm1Scalar(out, x)
		} else {
			expScalar(out, x)
		}
	}
	if !hasVec {
		scalar(out, x)
		return
	}
	for i := 0; i < len(out); {
		if m1 {
			i += expm1Vec(out[i:], x[i:])
		} else {
			i += expVec(out[i:], x[i:])
		}
		if i < len(out) {
			e := min(i+4, len(out))
			scalar(out[i:e], x[i:e])
			i = e
		}
	}
}

// expScalar is ExpBlock in Go; it returns len(out).
func expScalar(out, x []float64) int {
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
		j := k&(expTableSize-1) + expTableSize/2
		s := exp2Hi[j]
		y := s + (exp2Lo[j] + s*p)
		out[i] = y * math.Float64frombits(uint64((k>>expTableBits)+1023)<<52)
	}
	return len(out)
}

// expm1Scalar is Expm1Block in Go; it returns len(out). With the
// reduction of ExpBlock, x = (64m + j)·ln2/64 + r, expm1(x) =
// (2^m·hi - 1) + 2^m·(lo + hi·p(r)), p of degree 7. For |x| ≤ ln2/2 it
// takes m = 0 and j = -32…32, so that hi - 1 is exact (Sterbenz), and
// j = 0 for |x| < 3·ln2/128 (the result is then p itself); elsewhere
// hi - 1 is at least four times hi·p, so only the last roundings remain.
// Larger |x| give results far from 0, where 2^m·hi - 1 dominates.
func expm1Scalar(out, x []float64) int {
	x = x[:len(out)]
	const invLn2N = expTableSize / math.Ln2
	for i, v := range x {
		if !(math.Abs(v) <= expLimit) {
			out[i] = math.Expm1(v)
			continue
		}
		t := v*invLn2N + expShift
		k := int64(math.Float64bits(t)) - int64(math.Float64bits(expShift))
		// k = ±1 becomes 0 (r = x, |r| < 3·ln2/128): there hi - 1 and
		// hi·p would nearly cancel. The sign of b|(2-b) says whether
		// b = k+1 is outside 0…2; no branch.
		b := k + 1
		k &= (b | (2 - b)) >> 63
		kf := float64(k)
		r := (v - kf*ln2HiN) - kf*ln2LoN
		r2 := r * r
		p := r + r2*((1.0/2+r*(1.0/6))+r2*((1.0/24+r*(1.0/120))+r2*(1.0/720+r*(1.0/5040))))
		// j = k if -32 ≤ k ≤ 32, else k mod 64, again without a branch.
		a := k + expTableSize/2
		far := (a | (expTableSize - a)) >> 63
		j := k&^far | k&(expTableSize-1)&far
		m := (k - j) >> expTableBits
		j += expTableSize / 2
		s := exp2Hi[j]
		two := math.Float64frombits(uint64(m+1023) << 52)
		out[i] = (two*s - 1) + two*(exp2Lo[j]+s*p)
	}
	return len(out)
}

// ExprelBlock sets out[i] = (exp(x[i]) - 1)/x[i], 1 at 0 (SEMANTICS §6:
// numpy's expm1(x)/x).
func ExprelBlock(out, x []float64) {
	x = x[:len(out)]
	Expm1Block(out, x)
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
	Exp    = one(ExpBlock)
	Expm1  = one(Expm1Block)
	Exprel = one(ExprelBlock)
)
