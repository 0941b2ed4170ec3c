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
// against 256-bit values: exp and expm1 within 1 ulp, exprel within 2.
//
// The scalar path (passes of one or two elements) and constant folding
// call the same loops on one element, so a result does not depend on how
// many elements a pass has.

const (
	expTableBits = 4
	expTableSize = 1 << expTableBits
	// expShift rounds to an integer when added and subtracted (1.5·2^52);
	// the low bits of its sum with x·16/ln2 are k itself.
	expShift = 0x1.8p52
	// expLimit bounds the arguments the fast paths take: beyond it
	// results overflow or become subnormal.
	expLimit = 708
	// expExpMask keeps, of k<<48, the bits of k>>4 at the exponent's
	// place: adding it to a float's bits multiplies by 2^(k>>4).
	expExpMask = 0xfff0_0000_0000_0000
)

var (
	// exp2Hi[j] + exp2Lo[j] = 2^(j/16) for j = 0…15, to about 106 bits:
	// the low part keeps the table's rounding out of the results. Sixteen
	// entries fit in two AVX-512 registers each (exp_amd64.s).
	exp2Hi, exp2Lo [expTableSize]float64
	// exp2Pairs holds exp2Hi[j], exp2Lo[j] side by side at 2j, 2j+1: the
	// AVX2 loops load both with one 16-byte load per element.
	exp2Pairs [2 * expTableSize]float64
	// ln2/16 split in two: with fused multiply-adds, x - k·ln2/16 is
	// then exact to far below the result's ulp for the k of |x| ≤ 708.
	ln2HiN = math.Ln2 / expTableSize
	ln2LoN = func() float64 {
		v, _ := new(big.Float).SetPrec(200).Sub(bigLn2N(), big.NewFloat(ln2HiN)).Float64()
		return v
	}()
)

// bigLn2N is ln2/16 in 200 bits.
func bigLn2N() *big.Float {
	v, _, err := big.ParseFloat("0.693147180559945309417232121458176568075500134360255254120680009493393621969694715605863326996418687542", 10, 200, big.ToNearestEven)
	if err != nil {
		panic(err)
	}
	return v.Quo(v, big.NewFloat(expTableSize))
}

func init() {
	// 2^(1/16) by four square roots of 2, then its powers from 2^0 = 1
	// exactly, in 200 bits.
	const prec = 200
	root := new(big.Float).SetPrec(prec).SetInt64(2)
	for range expTableBits {
		root.Sqrt(root)
	}
	up := new(big.Float).SetPrec(prec).SetInt64(1)
	for j := range expTableSize {
		hi, _ := up.Float64()
		lo, _ := new(big.Float).SetPrec(prec).Sub(up, big.NewFloat(hi)).Float64()
		exp2Hi[j], exp2Lo[j] = hi, lo
		exp2Pairs[2*j], exp2Pairs[2*j+1] = hi, lo
		up.Mul(up, root)
	}
}

// ExpBlock sets out[i] = exp(x[i]): x = (16m + j)·ln2/16 + r with
// |r| ≤ ln2/32, exp(x) = 2^m · 2^(j/16) · (1 + p(r)), p a degree-7
// Taylor polynomial (its truncation error is below 2e-18).
func ExpBlock(out, x []float64) { vecThenScalar(out, x, false) }

// Expm1Block sets out[i] = exp(x[i]) - 1, accurate near 0 (expm1Scalar).
func Expm1Block(out, x []float64) { vecThenScalar(out, x, true) }

// vecThenScalar runs the vector loop of exp (or expm1) where the CPU has
// one and the Go loop on what it leaves: the last elements, and the
// groups with an argument outside ±expLimit. The calls are static, not
// through func values, so that the callers' scratch buffers do not
// escape to the heap.
func vecThenScalar(out, x []float64, m1 bool) {
	x = x[:len(out)]
	scalar := func(out, x []float64) {
		if m1 {
			expm1Scalar(out, x)
		} else {
			expScalar(out, x)
		}
	}
	if !hasExpVec {
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

// The loops below are written with math.FMA, each fused multiply-add
// one instruction of the vector loops (exp_amd64.s), so that both give
// the same bits; without FMA hardware math.FMA is exact in software.

// expReduce returns t = x·16/ln2 + expShift (whose low bits are k, the
// nearest integer to x·16/ln2) and kf = k as a float.
func expReduce(x float64) (t, kf float64) {
	t = math.FMA(x, expTableSize/math.Ln2, expShift)
	return t, t - expShift
}

// expRem returns r = x - kf·ln2/16.
func expRem(x, kf float64) float64 {
	return math.FMA(-kf, ln2LoN, math.FMA(-kf, ln2HiN, x))
}

// expScalar is ExpBlock in Go; it returns len(out).
func expScalar(out, x []float64) int {
	x = x[:len(out)]
	for i, v := range x {
		if !(math.Abs(v) <= expLimit) {
			out[i] = math.Exp(v)
			continue
		}
		t, kf := expReduce(v)
		r := expRem(v, kf)
		r2 := r * r
		q := math.FMA(r2*r2, math.FMA(r, 1.0/5040, 1.0/720),
			math.FMA(r2, math.FMA(r, 1.0/120, 1.0/24), math.FMA(r, 1.0/6, 1.0/2)))
		p := math.FMA(r2, q, r)
		k := math.Float64bits(t)
		j := k & (expTableSize - 1)
		s := exp2Hi[j]
		y := s + math.FMA(s, p, exp2Lo[j])
		out[i] = math.Float64frombits(math.Float64bits(y) + k<<48&expExpMask)
	}
	return len(out)
}

// expm1Scalar is Expm1Block in Go; it returns len(out). With the
// reduction of ExpBlock, x = (16m + j)·ln2/16 + r, expm1(x) =
// (2^m·hi - 1) + 2^m·(lo + hi·p(r)), p of degree 9. For k = 16m + j
// within ±16, 2^m·hi lies in [1/2, 2] and 2^m·hi - 1 is exact
// (Sterbenz); k = ±1 becomes 0 (r = x, |r| < 3·ln2/32, the result is p
// itself), so that elsewhere |2^m·hi - 1| is at least four times
// |2^m·hi·p| and only the last roundings remain. Larger |x| give results
// far from 0, where 2^m·hi - 1 dominates.
func expm1Scalar(out, x []float64) int {
	x = x[:len(out)]
	for i, v := range x {
		if !(math.Abs(v) <= expLimit) {
			out[i] = math.Expm1(v)
			continue
		}
		t, _ := expReduce(v)
		// k+1 = bits(t) - bits(expShift) + 1 in 0…2 (unsigned below 3)
		// is k = ±1 or 0: then t becomes expShift, k and kf 0.
		if math.Float64bits(t)-(math.Float64bits(expShift)-1) < 3 {
			t = expShift
		}
		kf := t - expShift
		r := expRem(v, kf)
		r2 := r * r
		q := math.FMA(r2*r2, math.FMA(r2, math.FMA(r, 1.0/362880, 1.0/40320), math.FMA(r, 1.0/5040, 1.0/720)),
			math.FMA(r2, math.FMA(r, 1.0/120, 1.0/24), math.FMA(r, 1.0/6, 1.0/2)))
		p := math.FMA(r2, q, r)
		k := math.Float64bits(t)
		j := k & (expTableSize - 1)
		s := exp2Hi[j]
		two := math.Float64frombits(k<<48&expExpMask + math.Float64bits(1))
		out[i] = math.FMA(two, math.FMA(s, p, exp2Lo[j]), two*s-1)
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
