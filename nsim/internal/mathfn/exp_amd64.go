package mathfn

import "math"

// The AVX2 loops of exp_amd64.s. They compute what the Go loops compute,
// bit for bit, four elements per instruction: the HH rate functions of a
// conductance-based network spend most of their time in exp and expm1.

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

// vc holds the constants of the AVX2 loops, each repeated four times (one
// YMM register); the assembly names them by row.
var vc = func() (t [19][4]uint64) {
	f := math.Float64bits
	rows := [...]uint64{
		0:  f(expTableSize / math.Ln2),
		1:  f(expShift),
		2:  f(ln2HiN),
		3:  f(ln2LoN),
		4:  1<<63 - 1, // |x|
		5:  f(expLimit),
		6:  f(1.0 / 2),
		7:  f(1.0 / 6),
		8:  f(1.0 / 24),
		9:  f(1.0 / 120),
		10: f(1.0 / 720),
		11: f(1.0 / 5040),
		12: expTableSize - 1,
		13: expTableSize / 2,
		14: 1023,
		15: 1,
		16: 2,
		17: expTableSize,
		18: f(1),
	}
	for i, v := range rows {
		t[i] = [4]uint64{v, v, v, v}
	}
	return t
}()

// Implemented in exp_amd64.s; each returns how many leading elements it
// computed (a multiple of 4). They keep no pointer to their arguments
// (noescape: the kernels' scratch buffers stay on the stack).
//
//go:noescape
func expVec(out, x []float64) int

//go:noescape
func expm1Vec(out, x []float64) int

//go:noescape
func divExprelVec(out, a, x []float64) int
func cpuid(leaf, sub uint32) (a, b, c, d uint32)
func xgetbv() (lo uint32)
