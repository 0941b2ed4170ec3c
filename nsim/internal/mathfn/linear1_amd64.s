#include "textflag.h"
#include "appendbits_amd64.h"

// Linear1.Block's and BlockFree's AVX2 loops (linear1.go): four neurons
// per iteration with the constants in registers, the Go loops' operations
// in their order, so the results are the same bit for bit.

// Y0 = a·x + b + w for the four neurons at DX (x at SI, w at DI; a, b in
// Y8, Y9).
#define LINEAR1_X \
	VMOVUPD (SI)(DX*8), Y0 \
	VMULPD Y8, Y0, Y0 \
	VADDPD Y9, Y0, Y0 \
	VADDPD (DI)(DX*8), Y0, Y0

// Stores Y0 as the new x and jumps to cands when one of them is > θ (Y12;
// ordered: false for NaN), with their lanes in AX.
#define LINEAR1_STORE_TEST \
	VMOVUPD Y0, (SI)(DX*8) \
	VCMPPD $0x1e, Y12, Y0, Y3 \
	VMOVMSKPD Y3, AX \
	TESTQ AX, AX \
	JNZ cands

// func linear1Vec(rows *[6][4]float64, x, w, lastspike, notRefr *float64, n int, cand []int32, base int) (done, ncand int)
TEXT ·linear1Vec(SB), NOSPLIT, $0-96
	MOVQ rows+0(FP), R8
	MOVQ x+8(FP), SI
	MOVQ w+16(FP), DI
	MOVQ lastspike+24(FP), R10
	MOVQ notRefr+32(FP), R11
	MOVQ n+40(FP), CX
	MOVQ cand_base+48(FP), R13
	MOVQ base+72(FP), R12
	ANDQ $-4, CX
	XORQ DX, DX
	XORQ R14, R14
	VMOVUPD 0(R8), Y8 // a
	VMOVUPD 32(R8), Y9 // b
	VMOVUPD 64(R8), Y10 // t
	VMOVUPD 96(R8), Y11 // lim
	VMOVUPD 128(R8), Y12 // θ
	VMOVUPD 160(R8), Y13 // 1.0
	VXORPD Y14, Y14, Y14 // 0.0
	CMPQ DX, CX
	JGE done

loop:
	LINEAR1_X
	VSUBPD (R10)(DX*8), Y10, Y1
	VSUBPD Y11, Y1, Y1 // d = (t - lastspike) - lim
	VBLENDVPD Y1, Y14, Y13, Y2 // not_refractory: d's sign set → 0, else 1
	VMOVUPD Y2, (R11)(DX*8)
	LINEAR1_STORE_TEST

next:
	ADDQ $4, DX
	CMPQ DX, CX
	JLT loop

done:
	VZEROUPPER
	MOVQ CX, done+80(FP)
	MOVQ R14, ncand+88(FP)
	RET

// cands appends base+DX+b for each set bit b of AX, lowest first.
cands:
	APPEND_BITS(AX, DX, R12, R13, R14, BX)
	JMP next

// func linear1FreeVec(rows *[6][4]float64, x, w *float64, n int, cand []int32, base int) (done, ncand int)
TEXT ·linear1FreeVec(SB), NOSPLIT, $0-80
	MOVQ rows+0(FP), R8
	MOVQ x+8(FP), SI
	MOVQ w+16(FP), DI
	MOVQ n+24(FP), CX
	MOVQ cand_base+32(FP), R13
	MOVQ base+56(FP), R12
	ANDQ $-4, CX
	XORQ DX, DX
	XORQ R14, R14
	VMOVUPD 0(R8), Y8 // a
	VMOVUPD 32(R8), Y9 // b
	VMOVUPD 128(R8), Y12 // θ
	CMPQ DX, CX
	JGE done

loop:
	LINEAR1_X
	LINEAR1_STORE_TEST

next:
	ADDQ $4, DX
	CMPQ DX, CX
	JLT loop

done:
	VZEROUPPER
	MOVQ CX, done+64(FP)
	MOVQ R14, ncand+72(FP)
	RET

cands:
	APPEND_BITS(AX, DX, R12, R13, R14, BX)
	JMP next
