#include "textflag.h"

// 4-wide AVX2 forms of the loops of fastexp.go (expScalar, expm1Scalar,
// DivExprelBlock's division). Each instruction is the IEEE operation the
// Go loop performs, in the same order, with no fused multiply-add (Go
// does not fuse on GOAMD64=v1), so the results are bit for bit those of
// the Go loops (TestVecMatchesScalar). Each routine processes groups of
// four until fewer than four elements remain or a group holds an
// argument outside ±expLimit (or NaN), and returns how many it did; the
// caller finishes with the Go loop. Constants come from ·vc, one 32-byte
// row per constant (vc* in exp_amd64.go).

#define C(i) ·vc+(i*32)(SB)

// RANGE leaves in AX the lanes of Y0 with |x| ≤ expLimit.
#define RANGE \
	VANDPD C(4), Y0, Y1 \
	VCMPPD $2, C(5), Y1, Y1 \
	VMOVMSKPD Y1, AX

// PAIRS loads the table entries of the four indices in I (XI its low
// half) from ·exp2Pairs (R8), where entry j is the pair hi, lo: HI gets
// the four hi, LO the four lo. Four 16-byte loads and two unpacks cost
// less than two gathers on the AMD CPUs this runs on. A, B (XA, XB) are
// scratch; it uses R10-R13.
#define PAIRS(I, XI, A, XA, B, XB, HI, LO) \
	VPSLLQ $4, I, I \
	VMOVQ XI, R10 \
	VPEXTRQ $1, XI, R11 \
	VEXTRACTI128 $1, I, XI \
	VMOVQ XI, R12 \
	VPEXTRQ $1, XI, R13 \
	VMOVUPD (R8)(R10*1), XA \
	VINSERTF128 $1, (R8)(R12*1), A, A \
	VMOVUPD (R8)(R11*1), XB \
	VINSERTF128 $1, (R8)(R13*1), B, B \
	VUNPCKLPD B, A, HI \
	VUNPCKHPD B, A, LO

// EXPM1 sets Y15 = expm1(Y0) as expm1Scalar does; it uses Y1-Y15.
#define EXPM1 \
	VMULPD C(0), Y0, Y2 \
	VADDPD C(1), Y2, Y2 \
	VPSUBQ C(1), Y2, Y4 \
	VPADDQ C(15), Y4, Y5 \
	VMOVDQU C(16), Y6 \
	VPSUBQ Y5, Y6, Y6 \
	VPOR Y5, Y6, Y6 \
	VPXOR Y7, Y7, Y7 \
	VPCMPGTQ Y6, Y7, Y6 \
	VPAND Y6, Y4, Y4 \
	VPADDQ C(1), Y4, Y3 \
	VSUBPD C(1), Y3, Y3 \
	VMULPD C(2), Y3, Y5 \
	VSUBPD Y5, Y0, Y5 \
	VMULPD C(3), Y3, Y6 \
	VSUBPD Y6, Y5, Y5 \
	VMULPD Y5, Y5, Y6 \
	VMULPD C(7), Y5, Y7 \
	VADDPD C(6), Y7, Y7 \
	VMULPD C(9), Y5, Y8 \
	VADDPD C(8), Y8, Y8 \
	VMULPD C(11), Y5, Y9 \
	VADDPD C(10), Y9, Y9 \
	VMULPD Y9, Y6, Y9 \
	VADDPD Y9, Y8, Y8 \
	VMULPD Y8, Y6, Y8 \
	VADDPD Y8, Y7, Y7 \
	VMULPD Y7, Y6, Y7 \
	VADDPD Y7, Y5, Y7 \
	VPADDQ C(13), Y4, Y8 \
	VMOVDQU C(17), Y9 \
	VPSUBQ Y8, Y9, Y9 \
	VPOR Y8, Y9, Y9 \
	VPXOR Y10, Y10, Y10 \
	VPCMPGTQ Y9, Y10, Y9 \
	VPANDN Y4, Y9, Y10 \
	VPAND C(12), Y4, Y11 \
	VPAND Y9, Y11, Y11 \
	VPOR Y11, Y10, Y10 \
	VPSUBQ Y10, Y4, Y11 \
	VPSRLQ $6, Y11, Y11 \
	VPADDQ C(14), Y11, Y11 \
	VPSLLQ $52, Y11, Y11 \
	VPADDQ C(13), Y10, Y10 \
	PAIRS(Y10, X10, Y1, X1, Y2, X2, Y12, Y14) \
	VMULPD Y12, Y11, Y15 \
	VSUBPD C(18), Y15, Y15 \
	VMULPD Y7, Y12, Y12 \
	VADDPD Y12, Y14, Y12 \
	VMULPD Y12, Y11, Y12 \
	VADDPD Y12, Y15, Y15

// func expVec(out, x []float64) int
TEXT ·expVec(SB), NOSPLIT, $0-56
	MOVQ out_base+0(FP), DI
	MOVQ out_len+8(FP), CX
	MOVQ x_base+24(FP), SI
	LEAQ ·exp2Pairs(SB), R8
	XORQ DX, DX
	SUBQ $4, CX
expLoop:
	CMPQ DX, CX
	JGT expDone
	VMOVUPD (SI)(DX*8), Y0
	RANGE
	CMPQ AX, $15
	JNE expDone
	VMULPD C(0), Y0, Y2
	VADDPD C(1), Y2, Y2
	VSUBPD C(1), Y2, Y3
	VPSUBQ C(1), Y2, Y4
	VMULPD C(2), Y3, Y5
	VSUBPD Y5, Y0, Y5
	VMULPD C(3), Y3, Y6
	VSUBPD Y6, Y5, Y5
	VMULPD Y5, Y5, Y6
	VMULPD C(7), Y5, Y7
	VADDPD C(6), Y7, Y7
	VMULPD C(9), Y5, Y8
	VADDPD C(8), Y8, Y8
	VMULPD C(10), Y6, Y9
	VADDPD Y9, Y8, Y8
	VMULPD Y8, Y6, Y8
	VADDPD Y8, Y7, Y7
	VMULPD Y7, Y6, Y7
	VADDPD Y7, Y5, Y7
	VPAND C(12), Y4, Y8
	VPADDQ C(13), Y8, Y8
	PAIRS(Y8, X8, Y1, X1, Y2, X2, Y10, Y11)
	VMULPD Y7, Y10, Y12
	VADDPD Y12, Y11, Y12
	VADDPD Y12, Y10, Y12
	VPSRLQ $6, Y4, Y13
	VPADDQ C(14), Y13, Y13
	VPSLLQ $52, Y13, Y13
	VMULPD Y13, Y12, Y12
	VMOVUPD Y12, (DI)(DX*8)
	ADDQ $4, DX
	JMP expLoop
expDone:
	VZEROUPPER
	MOVQ DX, ret+48(FP)
	RET

// func expm1Vec(out, x []float64) int
TEXT ·expm1Vec(SB), NOSPLIT, $0-56
	MOVQ out_base+0(FP), DI
	MOVQ out_len+8(FP), CX
	MOVQ x_base+24(FP), SI
	LEAQ ·exp2Pairs(SB), R8
	XORQ DX, DX
	SUBQ $4, CX
expm1Loop:
	CMPQ DX, CX
	JGT expm1Done
	VMOVUPD (SI)(DX*8), Y0
	RANGE
	CMPQ AX, $15
	JNE expm1Done
	EXPM1
	VMOVUPD Y15, (DI)(DX*8)
	ADDQ $4, DX
	JMP expm1Loop
expm1Done:
	VZEROUPPER
	MOVQ DX, ret+48(FP)
	RET

// func divExprelVec(out, a, x []float64) int sets out = a·x/expm1(x), a
// where x = 0.
TEXT ·divExprelVec(SB), NOSPLIT, $0-80
	MOVQ out_base+0(FP), DI
	MOVQ out_len+8(FP), CX
	MOVQ a_base+24(FP), BX
	MOVQ x_base+48(FP), SI
	LEAQ ·exp2Pairs(SB), R8
	XORQ DX, DX
	SUBQ $4, CX
divLoop:
	CMPQ DX, CX
	JGT divDone
	VMOVUPD (SI)(DX*8), Y0
	RANGE
	CMPQ AX, $15
	JNE divDone
	EXPM1
	VMOVUPD (BX)(DX*8), Y1
	VMULPD Y0, Y1, Y2
	VDIVPD Y15, Y2, Y2
	VXORPD Y3, Y3, Y3
	VCMPPD $0, Y3, Y0, Y3
	VBLENDVPD Y3, Y1, Y2, Y2
	VMOVUPD Y2, (DI)(DX*8)
	ADDQ $4, DX
	JMP divLoop
divDone:
	VZEROUPPER
	MOVQ DX, ret+72(FP)
	RET

// func cpuid(leaf, sub uint32) (a, b, c, d uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL leaf+0(FP), AX
	MOVL sub+4(FP), CX
	CPUID
	MOVL AX, a+8(FP)
	MOVL BX, b+12(FP)
	MOVL CX, c+16(FP)
	MOVL DX, d+20(FP)
	RET

// func xgetbv() (lo uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-4
	XORL CX, CX
	XGETBV
	MOVL AX, lo+0(FP)
	RET
