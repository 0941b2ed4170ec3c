#include "textflag.h"
#include "appendbits_amd64.h"

// Affine3.Block's AVX2 loop (affine3.go): four neurons per iteration, the
// operations of the Go loop in its order (a sum is added left to right,
// no fused multiply-add), so the results are the same bit for bit. The
// refractory test and the clamp select by the sign bit of
// d = (t − lastspike) − lim, as the Go loop does with Float64bits(d)>>63.

// R(r) is row r of Affine3.rows (32 bytes each) as a memory operand.
#define R(r) (r*32)(R8)

// AFFINE3_ARGS(M) loads the arguments of Block's loops, whose signature
// is affine3Vec's: rows R8, x SI, y DI, z R9, lastspike R10, notRefr
// R11, cand R13, base R12; CX = n rounded down by the group mask M; the
// index DX and the candidate count R14 start at 0.
#define AFFINE3_ARGS(M) \
	MOVQ rows+0(FP), R8 \
	MOVQ x+8(FP), SI \
	MOVQ y+16(FP), DI \
	MOVQ z+24(FP), R9 \
	MOVQ lastspike+32(FP), R10 \
	MOVQ notRefr+40(FP), R11 \
	MOVQ n+48(FP), CX \
	MOVQ cand_base+56(FP), R13 \
	MOVQ base+80(FP), R12 \
	ANDQ M, CX \
	XORQ DX, DX \
	XORQ R14, R14

// func affine3Vec(rows *[20][4]float64, x, y, z, lastspike, notRefr *float64, n int, cand []int32, base int) (done, ncand int)
TEXT ·affine3Vec(SB), NOSPLIT, $0-104
	AFFINE3_ARGS($-4)
	VMOVUPD R(18), Y15 // 1.0
	VXORPD Y14, Y14, Y14 // 0.0
	CMPQ DX, CX
	JGE done

loop:
	VMOVUPD (SI)(DX*8), Y0 // x0
	VSUBPD R(12), Y0, Y1 // dx
	VMOVUPD (DI)(DX*8), Y2
	VSUBPD R(13), Y2, Y2 // dy
	VMOVUPD (R9)(DX*8), Y3
	VSUBPD R(14), Y3, Y3 // dz
	VMOVUPD R(15), Y4
	VSUBPD (R10)(DX*8), Y4, Y4
	VSUBPD R(16), Y4, Y4 // d = (t - lastspike) - lim
	VBLENDVPD Y4, Y14, Y15, Y5 // not_refractory: d's sign set → 0, else 1
	VMOVUPD Y5, (R11)(DX*8)

	VMULPD R(0), Y1, Y6
	VADDPD R(9), Y6, Y6
	VMULPD R(1), Y2, Y7
	VADDPD Y7, Y6, Y6
	VMULPD R(2), Y3, Y7
	VADDPD Y7, Y6, Y6 // xn
	VANDPD R(19), Y4, Y8 // d where clamped, +0 where not
	VBLENDVPD Y8, Y0, Y6, Y6 // refractory and clamped: x0
	VMOVUPD Y6, (SI)(DX*8)

	VMULPD R(3), Y1, Y7
	VADDPD R(10), Y7, Y7
	VMULPD R(4), Y2, Y9
	VADDPD Y9, Y7, Y7
	VMULPD R(5), Y3, Y9
	VADDPD Y9, Y7, Y7
	VMOVUPD Y7, (DI)(DX*8)

	VMULPD R(6), Y1, Y7
	VADDPD R(11), Y7, Y7
	VMULPD R(7), Y2, Y9
	VADDPD Y9, Y7, Y7
	VMULPD R(8), Y3, Y9
	VADDPD Y9, Y7, Y7
	VMOVUPD Y7, (R9)(DX*8)

	VCMPPD $0x1e, R(17), Y6, Y10 // xn > θ (ordered: false for NaN)
	VMOVMSKPD Y10, AX
	TESTQ AX, AX
	JNZ cands

next:
	ADDQ $4, DX
	CMPQ DX, CX
	JLT loop

done:
	VZEROUPPER
	MOVQ CX, done+88(FP)
	MOVQ R14, ncand+96(FP)
	RET

// cands appends base+DX+b for each set bit b of AX, lowest first.
cands:
	APPEND_BITS(AX, DX, R12, R13, R14, BX)
	JMP next

// affine3DecayVec: rows 1 and 2 are y ← M₁₁·y, z ← M₂₂·z, and the
// coefficients the loop uses more than once stay in registers (loading
// them from memory each time made the loop load-bound).
// func affine3DecayVec(rows *[20][4]float64, x, y, z, lastspike, notRefr *float64, n int, cand []int32, base int) (done, ncand int)
TEXT ·affine3DecayVec(SB), NOSPLIT, $0-104
	AFFINE3_ARGS($-4)
	VMOVUPD R(0), Y8 // M₀₀
	VMOVUPD R(1), Y9 // M₀₁
	VMOVUPD R(2), Y10 // M₀₂
	VMOVUPD R(4), Y11 // M₁₁
	VMOVUPD R(8), Y12 // M₂₂
	VMOVUPD R(18), Y13 // 1.0
	VXORPD Y14, Y14, Y14 // 0.0
	VMOVUPD R(12), Y15 // s*₀
	CMPQ DX, CX
	JGE ddone

dloop:
	VMOVUPD (SI)(DX*8), Y0 // x0
	VSUBPD Y15, Y0, Y1 // dx
	VMOVUPD (DI)(DX*8), Y2 // dy = y
	VMOVUPD (R9)(DX*8), Y3 // dz = z
	VMOVUPD R(15), Y4
	VSUBPD (R10)(DX*8), Y4, Y4
	VSUBPD R(16), Y4, Y4 // d = (t - lastspike) - lim
	VBLENDVPD Y4, Y14, Y13, Y5 // not_refractory
	VMOVUPD Y5, (R11)(DX*8)

	VMULPD Y8, Y1, Y6
	VADDPD R(9), Y6, Y6
	VMULPD Y9, Y2, Y7
	VADDPD Y7, Y6, Y6
	VMULPD Y10, Y3, Y7
	VADDPD Y7, Y6, Y6 // xn
	VANDPD R(19), Y4, Y5
	VBLENDVPD Y5, Y0, Y6, Y6
	VMOVUPD Y6, (SI)(DX*8)

	VMULPD Y11, Y2, Y2
	VMOVUPD Y2, (DI)(DX*8)
	VMULPD Y12, Y3, Y3
	VMOVUPD Y3, (R9)(DX*8)

	VCMPPD $0x1e, R(17), Y6, Y7 // xn > θ
	VMOVMSKPD Y7, AX
	TESTQ AX, AX
	JNZ dcands

dnext:
	ADDQ $4, DX
	CMPQ DX, CX
	JLT dloop

ddone:
	VZEROUPPER
	MOVQ CX, done+88(FP)
	MOVQ R14, ncand+96(FP)
	RET

dcands:
	APPEND_BITS(AX, DX, R12, R13, R14, BX)
	JMP dnext

// The decay form's AVX-512 loops (affine3DecayVec8, affine3DecayKnown8)
// share their arithmetic: the coefficients M₀₀, M₀₁, M₀₂, M₁₁, M₂₂ in
// Z8–Z12, s*₀ in Z15, off₀ in Z16 and θ in Z19; per group of eight at
// DX, x0, dx, y, z in Z0–Z3, xn in Z6 (Z7 scratch) and xn > θ in K3.
#define DECAY8_COEFS \
	VBROADCASTSD R(0), Z8 \
	VBROADCASTSD R(1), Z9 \
	VBROADCASTSD R(2), Z10 \
	VBROADCASTSD R(4), Z11 \
	VBROADCASTSD R(8), Z12 \
	VBROADCASTSD R(12), Z15 \
	VBROADCASTSD R(9), Z16 \
	VBROADCASTSD R(17), Z19

#define DECAY8_LOAD \
	VMOVUPD (SI)(DX*8), Z0 \
	VSUBPD Z15, Z0, Z1 \
	VMOVUPD (DI)(DX*8), Z2 \
	VMOVUPD (R9)(DX*8), Z3

// DECAY8_XN: xn = off₀ + M₀₀·dx + M₀₁·y + M₀₂·z, summed left to right.
#define DECAY8_XN \
	VMULPD Z8, Z1, Z6 \
	VADDPD Z16, Z6, Z6 \
	VMULPD Z9, Z2, Z7 \
	VADDPD Z7, Z6, Z6 \
	VMULPD Z10, Z3, Z7 \
	VADDPD Z7, Z6, Z6

// DECAY8_STORE stores x (Z6, clamped by the caller), y ← M₁₁·y and
// z ← M₂₂·z, and tests xn > θ (ordered: false for NaN).
#define DECAY8_STORE \
	VMOVUPD Z6, (SI)(DX*8) \
	VMULPD Z11, Z2, Z2 \
	VMOVUPD Z2, (DI)(DX*8) \
	VMULPD Z12, Z3, Z3 \
	VMOVUPD Z3, (R9)(DX*8) \
	VCMPPD $0x1e, Z19, Z6, K3

// affine3DecayVec8 is affine3DecayVec eight neurons per iteration in
// AVX-512 registers. The sign bit of d, tested into a mask (VPTESTMQ),
// selects where the AVX2 loop's VBLENDVPD does.
// func affine3DecayVec8(rows *[20][4]float64, x, y, z, lastspike, notRefr *float64, n int, cand []int32, base int) (done, ncand int)
TEXT ·affine3DecayVec8(SB), NOSPLIT, $0-104
	AFFINE3_ARGS($-8)
	DECAY8_COEFS
	VBROADCASTSD R(18), Z13 // 1.0
	VPXORQ Z14, Z14, Z14 // 0.0
	VBROADCASTSD R(15), Z17 // t
	VBROADCASTSD R(16), Z18 // lim
	MOVQ $0x8000000000000000, AX
	VPBROADCASTQ AX, Z20 // the sign bit
	VBROADCASTSD R(19), Z21
	VPANDQ Z20, Z21, Z21 // the sign bit where clamped, else 0
	CMPQ DX, CX
	JGE d8done

d8loop:
	DECAY8_LOAD
	VSUBPD (R10)(DX*8), Z17, Z4
	VSUBPD Z18, Z4, Z4 // d = (t - lastspike) - lim
	VPTESTMQ Z20, Z4, K1 // d's sign set: refractory
	VBLENDMPD Z14, Z13, K1, Z5 // not_refractory
	VPCMPQ $4, (R11)(DX*8), Z5, K4 // stored only where its bits change:
	VMOVUPD Z5, K4, (R11)(DX*8) // the lines stay clean, memory traffic drops

	DECAY8_XN
	VPTESTMQ Z21, Z4, K2 // refractory and clamped
	VMOVAPD Z0, K2, Z6 // x0 there
	DECAY8_STORE
	KMOVW K3, AX
	TESTQ AX, AX
	JNZ d8cands

d8next:
	ADDQ $8, DX
	CMPQ DX, CX
	JLT d8loop

d8done:
	VZEROUPPER
	MOVQ CX, done+88(FP)
	MOVQ R14, ncand+96(FP)
	RET

d8cands:
	APPEND_BITS(AX, DX, R12, R13, R14, BX)
	JMP d8next

// affine3DecayKnown8 is affine3DecayVec8 for a step whose refractory
// neurons are known (Affine3.BlockKnown): a byte of known per group of
// eight, bit b set where lane b is refractory at this step. It reads
// neither lastspike nor not_refractory, and clamps the lanes of the set.
// func affine3DecayKnown8(rows *[20][4]float64, x, y, z *float64, n int, known *uint64, cand []int32, base int) (done, ncand int)
TEXT ·affine3DecayKnown8(SB), NOSPLIT, $0-96
	MOVQ rows+0(FP), R8
	MOVQ x+8(FP), SI
	MOVQ y+16(FP), DI
	MOVQ z+24(FP), R9
	MOVQ n+32(FP), CX
	MOVQ known+40(FP), BX
	MOVQ cand_base+48(FP), R13
	MOVQ base+72(FP), R12
	ANDQ $-8, CX
	XORQ DX, DX
	XORQ R14, R14
	DECAY8_COEFS
	MOVQ R(19), AX
	ANDQ $0xff, AX
	KMOVW AX, K5 // the lanes clamped while refractory: all or none
	CMPQ DX, CX
	JGE k8done

k8loop:
	MOVBLZX (BX), AX
	KMOVW AX, K1 // the group's refractory lanes
	DECAY8_LOAD
	DECAY8_XN
	KANDW K5, K1, K2 // refractory and clamped
	VMOVAPD Z0, K2, Z6 // x0 there
	DECAY8_STORE
	KMOVW K3, AX
	TESTQ AX, AX
	JNZ k8cands

k8next:
	INCQ BX
	ADDQ $8, DX
	CMPQ DX, CX
	JLT k8loop

k8done:
	VZEROUPPER
	MOVQ CX, done+80(FP)
	MOVQ R14, ncand+88(FP)
	RET

k8cands:
	APPEND_BITS(AX, DX, R12, R13, R14, R15)
	JMP k8next
