#include "textflag.h"

// Vector forms of the loops of fastexp.go (expScalar, expm1Scalar,
// DivExprelBlock's division), four elements per instruction with AVX2
// and FMA, eight with AVX-512. Each instruction is the IEEE operation the
// Go loop performs, in the same order, each fused multiply-add a
// math.FMA there, so the results are bit for bit those of the Go loops
// (TestVecMatchesScalar). Each routine processes groups until fewer than
// a group's elements remain or a group holds an argument outside
// ±expLimit (or NaN), and returns how many it did; the caller finishes
// with the Go loop. Constants come from ·ec, one 32-byte row per
// constant (ec in exp_amd64.go).

#define C(i) ·ec+(i*32)(SB)

// RANGE leaves in AX the lanes of Y0 with |x| ≤ expLimit.
#define RANGE \
	VANDPD C(4), Y0, Y1 \
	VCMPPD $2, C(5), Y1, Y1 \
	VMOVMSKPD Y1, AX

// REDUCE sets Y1 = t = x·16/ln2 + expShift (its low bits are k), Y2 =
// kf = t - expShift, Y3 = r = x - kf·ln2/16 (expReduce, expRem).
#define REDUCE \
	VMOVUPD C(1), Y1 \
	VFMADD231PD C(0), Y0, Y1 \
	VSUBPD C(1), Y1, Y2 \
	VMOVAPD Y0, Y3 \
	VFMADD231PD C(2), Y2, Y3 \
	VFMADD231PD C(3), Y2, Y3

// LOOKUP loads the table entries of j = k mod 16 (the low bits of Y1)
// from ·exp2Pairs, where entry j is the pair hi, lo: Y12 gets the four
// hi, Y13 the four lo. Four 16-byte loads and two unpacks cost less than
// two gathers on the AMD CPUs this runs on. It uses Y9-Y11, R8, R10-R13.
#define LOOKUP \
	LEAQ ·exp2Pairs(SB), R8 \
	VPAND C(17), Y1, Y9 \
	VPSLLQ $4, Y9, Y9 \
	VMOVQ X9, R10 \
	VPEXTRQ $1, X9, R11 \
	VEXTRACTI128 $1, Y9, X9 \
	VMOVQ X9, R12 \
	VPEXTRQ $1, X9, R13 \
	VMOVUPD (R8)(R10*1), X10 \
	VINSERTF128 $1, (R8)(R12*1), Y10, Y10 \
	VMOVUPD (R8)(R11*1), X11 \
	VINSERTF128 $1, (R8)(R13*1), Y11, Y11 \
	VUNPCKLPD Y11, Y10, Y12 \
	VUNPCKHPD Y11, Y10, Y13

// EXPM1 sets Y12 = expm1(Y0) as expm1Scalar does; it uses Y1-Y13.
#define EXPM1 \
	VMOVUPD C(1), Y1 \
	VFMADD231PD C(0), Y0, Y1 \
	VPSUBQ C(16), Y1, Y2 \
	VMOVDQU C(18), Y3 \
	VPSUBQ Y2, Y3, Y3 \
	VPOR Y2, Y3, Y3 \
	VMOVUPD C(1), Y4 \
	VBLENDVPD Y3, Y1, Y4, Y1 \
	VSUBPD Y4, Y1, Y2 \
	VMOVAPD Y0, Y3 \
	VFMADD231PD C(2), Y2, Y3 \
	VFMADD231PD C(3), Y2, Y3 \
	VMULPD Y3, Y3, Y4 \
	VMOVUPD C(6), Y5 \
	VFMADD231PD C(7), Y3, Y5 \
	VMOVUPD C(8), Y6 \
	VFMADD231PD C(9), Y3, Y6 \
	VMOVUPD C(10), Y7 \
	VFMADD231PD C(11), Y3, Y7 \
	VMOVUPD C(12), Y8 \
	VFMADD231PD C(13), Y3, Y8 \
	VFMADD231PD Y6, Y4, Y5 \
	VFMADD231PD Y8, Y4, Y7 \
	VMULPD Y4, Y4, Y9 \
	VFMADD231PD Y7, Y9, Y5 \
	VFMADD213PD Y3, Y4, Y5 \
	LOOKUP \
	VPSLLQ $48, Y1, Y1 \
	VPAND C(14), Y1, Y1 \
	VPADDQ C(15), Y1, Y1 \
	VFMADD231PD Y5, Y12, Y13 \
	VMULPD Y1, Y12, Y12 \
	VSUBPD C(15), Y12, Y12 \
	VFMADD231PD Y13, Y1, Y12

// func expVec4(out, x []float64) int
TEXT ·expVec4(SB), NOSPLIT, $0-56
	MOVQ out_base+0(FP), DI
	MOVQ out_len+8(FP), CX
	MOVQ x_base+24(FP), SI
	XORQ DX, DX
	SUBQ $4, CX
exp4Loop:
	CMPQ DX, CX
	JGT exp4Done
	VMOVUPD (SI)(DX*8), Y0
	RANGE
	CMPQ AX, $15
	JNE exp4Done
	REDUCE
	VMULPD Y3, Y3, Y4
	VMOVUPD C(6), Y5
	VFMADD231PD C(7), Y3, Y5
	VMOVUPD C(8), Y6
	VFMADD231PD C(9), Y3, Y6
	VMOVUPD C(10), Y7
	VFMADD231PD C(11), Y3, Y7
	VFMADD231PD Y6, Y4, Y5
	VMULPD Y4, Y4, Y8
	VFMADD231PD Y7, Y8, Y5
	VFMADD213PD Y3, Y4, Y5
	LOOKUP
	VFMADD231PD Y5, Y12, Y13
	VADDPD Y13, Y12, Y13
	VPSLLQ $48, Y1, Y1
	VPAND C(14), Y1, Y1
	VPADDQ Y1, Y13, Y13
	VMOVUPD Y13, (DI)(DX*8)
	ADDQ $4, DX
	JMP exp4Loop
exp4Done:
	VZEROUPPER
	MOVQ DX, ret+48(FP)
	RET

// func expm1Vec4(out, x []float64) int
TEXT ·expm1Vec4(SB), NOSPLIT, $0-56
	MOVQ out_base+0(FP), DI
	MOVQ out_len+8(FP), CX
	MOVQ x_base+24(FP), SI
	XORQ DX, DX
	SUBQ $4, CX
expm14Loop:
	CMPQ DX, CX
	JGT expm14Done
	VMOVUPD (SI)(DX*8), Y0
	RANGE
	CMPQ AX, $15
	JNE expm14Done
	EXPM1
	VMOVUPD Y12, (DI)(DX*8)
	ADDQ $4, DX
	JMP expm14Loop
expm14Done:
	VZEROUPPER
	MOVQ DX, ret+48(FP)
	RET

// func divExprelVec4(out, a, x []float64) int sets out = a·x/expm1(x),
// a where x = 0.
TEXT ·divExprelVec4(SB), NOSPLIT, $0-80
	MOVQ out_base+0(FP), DI
	MOVQ out_len+8(FP), CX
	MOVQ a_base+24(FP), BX
	MOVQ x_base+48(FP), SI
	XORQ DX, DX
	SUBQ $4, CX
div4Loop:
	CMPQ DX, CX
	JGT div4Done
	VMOVUPD (SI)(DX*8), Y0
	RANGE
	CMPQ AX, $15
	JNE div4Done
	EXPM1
	VMOVUPD (BX)(DX*8), Y1
	VMULPD Y0, Y1, Y2
	VDIVPD Y12, Y2, Y2
	VXORPD Y3, Y3, Y3
	VCMPPD $0, Y3, Y0, Y3
	VBLENDVPD Y3, Y1, Y2, Y2
	VMOVUPD Y2, (DI)(DX*8)
	ADDQ $4, DX
	JMP div4Loop
div4Done:
	VZEROUPPER
	MOVQ DX, ret+72(FP)
	RET

// The AVX-512 loops hold the polynomial's coefficients and the reduction
// constants in Z16-Z27 and the table in Z28-Z31 (hi, lo: eight entries
// each), so that a lookup is one permutation of two registers
// (VPERMI2PD reads the low four bits of t, which are j) instead of
// memory loads.

// SETUP512 loads those registers.
#define SETUP512 \
	VBROADCASTSD C(0), Z16 \
	VBROADCASTSD C(1), Z17 \
	VBROADCASTSD C(2), Z18 \
	VBROADCASTSD C(3), Z19 \
	VBROADCASTSD C(6), Z20 \
	VBROADCASTSD C(7), Z21 \
	VBROADCASTSD C(8), Z22 \
	VBROADCASTSD C(9), Z23 \
	VBROADCASTSD C(10), Z24 \
	VBROADCASTSD C(11), Z25 \
	VBROADCASTSD C(12), Z26 \
	VBROADCASTSD C(13), Z27 \
	VMOVUPD ·exp2Hi+0(SB), Z28 \
	VMOVUPD ·exp2Hi+64(SB), Z29 \
	VMOVUPD ·exp2Lo+0(SB), Z30 \
	VMOVUPD ·exp2Lo+64(SB), Z31

// RANGE512 leaves in AX the lanes of Z0 with |x| ≤ expLimit.
#define RANGE512 \
	VPANDQ.BCST C(4), Z0, Z1 \
	VCMPPD.BCST $2, C(5), Z1, K1 \
	KMOVW K1, AX

// TPOLY512 sets Z1 = t, Z2 = kf, Z3 = r from Z0 (REDUCE), Z4 = r², and
// the inner sums of both polynomials: Z5 = r/6 + 1/2 + r²(r/120 + 1/24),
// Z7 = r/5040 + 1/720.
#define TPOLY512 \
	VSUBPD Z17, Z1, Z2 \
	VMOVAPD Z0, Z3 \
	VFMADD231PD Z18, Z2, Z3 \
	VFMADD231PD Z19, Z2, Z3 \
	VMULPD Z3, Z3, Z4 \
	VMOVAPD Z20, Z5 \
	VFMADD231PD Z21, Z3, Z5 \
	VMOVAPD Z22, Z6 \
	VFMADD231PD Z23, Z3, Z6 \
	VMOVAPD Z24, Z7 \
	VFMADD231PD Z25, Z3, Z7 \
	VFMADD231PD Z6, Z4, Z5

// TABLE512 sets Z9 = hi, Z10 = lo of j (the low bits of Z1).
#define TABLE512 \
	VMOVAPD Z1, Z9 \
	VPERMI2PD Z29, Z28, Z9 \
	VMOVAPD Z1, Z10 \
	VPERMI2PD Z31, Z30, Z10

// EXP512 sets Z10 = exp(Z0) as expScalar does; it uses Z1-Z10.
#define EXP512 \
	VMOVAPD Z17, Z1 \
	VFMADD231PD Z16, Z0, Z1 \
	TPOLY512 \
	VMULPD Z4, Z4, Z8 \
	VFMADD231PD Z7, Z8, Z5 \
	VFMADD213PD Z3, Z4, Z5 \
	TABLE512 \
	VFMADD231PD Z5, Z9, Z10 \
	VADDPD Z10, Z9, Z10 \
	VPSLLQ $48, Z1, Z1 \
	VPANDQ.BCST C(14), Z1, Z1 \
	VPADDQ Z1, Z10, Z10

// EXPM1512 sets Z9 = expm1(Z0) as expm1Scalar does; it uses Z1-Z10.
#define EXPM1512 \
	VMOVAPD Z17, Z1 \
	VFMADD231PD Z16, Z0, Z1 \
	VPSUBQ.BCST C(16), Z1, Z2 \
	VPCMPUQ.BCST $1, C(19), Z2, K2 \
	VMOVAPD Z17, K2, Z1 \
	TPOLY512 \
	VMOVAPD Z26, Z8 \
	VFMADD231PD Z27, Z3, Z8 \
	VFMADD231PD Z8, Z4, Z7 \
	VMULPD Z4, Z4, Z8 \
	VFMADD231PD Z7, Z8, Z5 \
	VFMADD213PD Z3, Z4, Z5 \
	TABLE512 \
	VPSLLQ $48, Z1, Z1 \
	VPANDQ.BCST C(14), Z1, Z1 \
	VPADDQ.BCST C(15), Z1, Z1 \
	VFMADD231PD Z5, Z9, Z10 \
	VMULPD Z1, Z9, Z9 \
	VSUBPD.BCST C(15), Z9, Z9 \
	VFMADD231PD Z10, Z1, Z9

// func expVec8(out, x []float64) int
TEXT ·expVec8(SB), NOSPLIT, $0-56
	MOVQ out_base+0(FP), DI
	MOVQ out_len+8(FP), CX
	MOVQ x_base+24(FP), SI
	XORQ DX, DX
	SUBQ $8, CX
	SETUP512
exp8Loop:
	CMPQ DX, CX
	JGT exp8Done
	VMOVUPD (SI)(DX*8), Z0
	RANGE512
	CMPQ AX, $0xff
	JNE exp8Done
	EXP512
	VMOVUPD Z10, (DI)(DX*8)
	ADDQ $8, DX
	JMP exp8Loop
exp8Done:
	VZEROUPPER
	MOVQ DX, ret+48(FP)
	RET

// func expm1Vec8(out, x []float64) int
TEXT ·expm1Vec8(SB), NOSPLIT, $0-56
	MOVQ out_base+0(FP), DI
	MOVQ out_len+8(FP), CX
	MOVQ x_base+24(FP), SI
	XORQ DX, DX
	SUBQ $8, CX
	SETUP512
expm18Loop:
	CMPQ DX, CX
	JGT expm18Done
	VMOVUPD (SI)(DX*8), Z0
	RANGE512
	CMPQ AX, $0xff
	JNE expm18Done
	EXPM1512
	VMOVUPD Z9, (DI)(DX*8)
	ADDQ $8, DX
	JMP expm18Loop
expm18Done:
	VZEROUPPER
	MOVQ DX, ret+48(FP)
	RET

// func divExprelVec8(out, a, x []float64) int
TEXT ·divExprelVec8(SB), NOSPLIT, $0-80
	MOVQ out_base+0(FP), DI
	MOVQ out_len+8(FP), CX
	MOVQ a_base+24(FP), BX
	MOVQ x_base+48(FP), SI
	XORQ DX, DX
	SUBQ $8, CX
	SETUP512
div8Loop:
	CMPQ DX, CX
	JGT div8Done
	VMOVUPD (SI)(DX*8), Z0
	RANGE512
	CMPQ AX, $0xff
	JNE div8Done
	EXPM1512
	VMOVUPD (BX)(DX*8), Z11
	VMULPD Z0, Z11, Z2
	VDIVPD Z9, Z2, Z2
	VPXORQ Z3, Z3, Z3
	VCMPPD $0, Z3, Z0, K3
	VMOVAPD Z11, K3, Z2
	VMOVUPD Z2, (DI)(DX*8)
	ADDQ $8, DX
	JMP div8Loop
div8Done:
	VZEROUPPER
	MOVQ DX, ret+72(FP)
	RET

// func expEulerVec8(out, x, b, a []float64, dt float64) int: out =
// (x + b/a)·exp(a·dt) - b/a, the exp of exp8Loop on a·dt.
TEXT ·expEulerVec8(SB), NOSPLIT, $0-112
	MOVQ out_base+0(FP), DI
	MOVQ out_len+8(FP), CX
	MOVQ x_base+24(FP), SI
	MOVQ b_base+48(FP), BX
	MOVQ a_base+72(FP), R9
	VBROADCASTSD dt+96(FP), Z11
	XORQ DX, DX
	SUBQ $8, CX
	SETUP512
ee8Loop:
	CMPQ DX, CX
	JGT ee8Done
	VMOVUPD (R9)(DX*8), Z12
	VMULPD Z11, Z12, Z0
	RANGE512
	CMPQ AX, $0xff
	JNE ee8Done
	EXP512
	VMOVUPD (BX)(DX*8), Z13
	VDIVPD Z12, Z13, Z13
	VMOVUPD (SI)(DX*8), Z14
	VADDPD Z13, Z14, Z14
	VMULPD Z10, Z14, Z14
	VSUBPD Z13, Z14, Z14
	VMOVUPD Z14, (DI)(DX*8)
	ADDQ $8, DX
	JMP ee8Loop
ee8Done:
	VZEROUPPER
	MOVQ DX, ret+104(FP)
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
