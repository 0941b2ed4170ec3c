package mathfn

import "math"

// The vector loops of exp_amd64.s. They compute what the Go loops
// compute, bit for bit, four (AVX2) or eight (AVX-512) elements per
// instruction: the HH rate functions of a conductance-based network
// spend most of their time in exp and expm1.

// hasVec says whether the CPU and the OS support AVX2 (YMM registers
// saved by the OS).
var hasVec = func() bool {
	max, _, _, _ := cpuid(0, 0)
	if max < 7 {
		return false
	}
	_, _, c, _ := cpuid(1, 0)
	const osxsave, avx = 1 << 27, 1 << 28
	if c&osxsave == 0 || c&avx == 0 || xgetbv()&6 != 6 {
		return false
	}
	_, b, _, _ := cpuid(7, 0)
	const avx2 = 1 << 5
	return b&avx2 != 0
}()

// hasExpVec says whether the exp loops have a vector form here: they
// need fused multiply-add besides AVX2 (to give the Go loops' bits), and
// take eight elements per instruction where the CPU and the OS support
// AVX-512 (ZMM and mask registers saved).
var hasExpVec, has512 = func() (bool, bool) {
	if !hasVec {
		return false, false
	}
	_, _, c, _ := cpuid(1, 0)
	const fma = 1 << 12
	_, b, _, _ := cpuid(7, 0)
	const avx512f = 1 << 16
	return c&fma != 0, c&fma != 0 && b&avx512f != 0 && xgetbv()&0xe6 == 0xe6
}()

// ec holds the constants of the exp loops, each repeated four times (one
// YMM register; the AVX-512 loops broadcast the first); the assembly
// names them by row.
var ec = func() (t [20][4]uint64) {
	f := math.Float64bits
	rows := [...]uint64{
		0:  f(expTableSize / math.Ln2),
		1:  f(expShift),
		2:  f(-ln2HiN),
		3:  f(-ln2LoN),
		4:  1<<63 - 1, // |x|
		5:  f(expLimit),
		6:  f(1.0 / 2),
		7:  f(1.0 / 6),
		8:  f(1.0 / 24),
		9:  f(1.0 / 120),
		10: f(1.0 / 720),
		11: f(1.0 / 5040),
		12: f(1.0 / 40320),
		13: f(1.0 / 362880),
		14: expExpMask,
		15: f(1),
		16: f(expShift) - 1, // k+1 = bits(t) - this
		17: expTableSize - 1,
		18: 2,
		19: 3,
	}
	for i, v := range rows {
		t[i] = [4]uint64{v, v, v, v}
	}
	return t
}()

// expVec, expm1Vec and divExprelVec run the loops of exp_amd64.s, eight
// or four elements at a time; each returns how many leading elements it
// computed; after the eight-wide loop, the four-wide one takes a last
// group of four.
func expVec(out, x []float64) int {
	n := 0
	if has512 {
		n = expVec8(out, x)
	}
	return n + expVec4(out[n:], x[n:])
}

func expm1Vec(out, x []float64) int {
	n := 0
	if has512 {
		n = expm1Vec8(out, x)
	}
	return n + expm1Vec4(out[n:], x[n:])
}

func divExprelVec(out, a, x []float64) int {
	n := 0
	if has512 {
		n = divExprelVec8(out, a, x)
	}
	return n + divExprelVec4(out[n:], a[n:], x[n:])
}

// Implemented in exp_amd64.s. They keep no pointer to their arguments
// (noescape: the kernels' scratch buffers stay on the stack).
//
//go:noescape
func expVec4(out, x []float64) int

//go:noescape
func expm1Vec4(out, x []float64) int

//go:noescape
func divExprelVec4(out, a, x []float64) int

//go:noescape
func expVec8(out, x []float64) int

//go:noescape
func expm1Vec8(out, x []float64) int

//go:noescape
func divExprelVec8(out, a, x []float64) int

func cpuid(leaf, sub uint32) (a, b, c, d uint32)
func xgetbv() (lo uint32)

// expEulerVec8 is ExpEulerBlock's AVX-512 loop over groups of eight with
// a·dt within ±expLimit; it returns how many elements it did.
//
//go:noescape
func expEulerVec8(out, x, b, a []float64, dt float64) int
