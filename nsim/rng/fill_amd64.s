#include "textflag.h"

// func fillNormFast(s *Stream, dst []float64, sd float64, zw *[256]float64, zk *[256]uint64) (done int, u uint64)
//
// FillNormScaled's loop while the draws stay on the ziggurat's fast path
// (fill.go): xoshiro256++ with the state in R8–R11, then the layer test;
// it stops at the first draw that misses, returning its index and bits
// with the state advanced past it. The operations are the Go loop's, so
// the numbers are the same.
TEXT ·fillNormFast(SB), NOSPLIT, $0-72
	MOVQ s+0(FP), R14
	MOVQ dst_base+8(FP), DI
	MOVQ dst_len+16(FP), CX
	MOVSD sd+32(FP), X15
	MOVQ zw+40(FP), SI
	MOVQ zk+48(FP), BX
	MOVQ 0(R14), R8
	MOVQ 8(R14), R9
	MOVQ 16(R14), R10
	MOVQ 24(R14), R11
	XORQ DX, DX
	XORQ AX, AX
	CMPQ DX, CX
	JGE out

loop:
	// u = rotl(s0+s3, 23) + s0; the state update.
	MOVQ R8, AX
	ADDQ R11, AX
	ROLQ $23, AX
	ADDQ R8, AX
	MOVQ R9, R12
	SHLQ $17, R12
	XORQ R8, R10
	XORQ R9, R11
	XORQ R10, R9
	XORQ R11, R8
	XORQ R12, R10
	ROLQ $45, R11

	// z = float64(u>>11) * zw[u&255]; on the fast path if u>>11 < zk[u&255].
	MOVBQZX AL, R12
	MOVQ AX, R13
	SHRQ $11, R13
	XORPS X0, X0
	CVTSQ2SD R13, X0
	MULSD (SI)(R12*8), X0
	CMPQ R13, (BX)(R12*8)
	JCC out

	// The sign from bit 8, without a branch; then sd·z.
	MOVQ AX, R13
	ANDQ $256, R13
	SHLQ $55, R13
	MOVQ X0, R12
	XORQ R13, R12
	MOVQ R12, X0
	MULSD X15, X0
	MOVSD X0, (DI)(DX*8)
	INCQ DX
	CMPQ DX, CX
	JLT loop

out:
	MOVQ R8, 0(R14)
	MOVQ R9, 8(R14)
	MOVQ R10, 16(R14)
	MOVQ R11, 24(R14)
	MOVQ DX, done+56(FP)
	MOVQ AX, u+64(FP)
	RET
