#include "textflag.h"
#include "appendbits_amd64.h"

// Linear1.Block's AVX2 loop (linear1.go): four neurons per iteration with
// the constants in registers, the Go loop's operations in its order, so
// the results are the same bit for bit.

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
	VMOVUPD (SI)(DX*8), Y0
	VMULPD Y8, Y0, Y0
	VADDPD Y9, Y0, Y0
	VADDPD (DI)(DX*8), Y0, Y0 // a·x + b + w
	VSUBPD (R10)(DX*8), Y10, Y1
	VSUBPD Y11, Y1, Y1 // d = (t - lastspike) - lim
	VBLENDVPD Y1, Y14, Y13, Y2 // not_refractory: d's sign set → 0, else 1
	VMOVUPD Y2, (R11)(DX*8)
	VMOVUPD Y0, (SI)(DX*8)
	VCMPPD $0x1e, Y12, Y0, Y3 // x > θ (ordered: false for NaN)
	VMOVMSKPD Y3, AX
	TESTQ AX, AX
	JNZ cands

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
