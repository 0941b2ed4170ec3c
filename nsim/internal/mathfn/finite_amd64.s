#include "textflag.h"

// func finiteVec(x []float64) int
// Eight values per iteration: x−x is +0 for finite x and NaN otherwise;
// VCMPPD's NEQ_UQ (4) is true for NaN.
TEXT ·finiteVec(SB), NOSPLIT, $0-32
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	ANDQ $-8, CX
	XORQ DX, DX
	VXORPD Y15, Y15, Y15

loop:
	CMPQ DX, CX
	JGE done
	VMOVUPD (SI)(DX*8), Y0
	VMOVUPD 32(SI)(DX*8), Y1
	VSUBPD Y0, Y0, Y0
	VSUBPD Y1, Y1, Y1
	VCMPPD $4, Y15, Y0, Y0
	VCMPPD $4, Y15, Y1, Y1
	VORPD Y1, Y0, Y0
	VMOVMSKPD Y0, AX
	TESTQ AX, AX
	JNZ found
	ADDQ $8, DX
	JMP loop

found:
	MOVQ DX, CX

done:
	VZEROUPPER
	MOVQ CX, ret+24(FP)
	RET
