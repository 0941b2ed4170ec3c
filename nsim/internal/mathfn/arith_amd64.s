#include "textflag.h"

// 4-wide AVX2 loops of the four arithmetic operators (arith.go), for the
// operand shapes vector op vector (VV), vector op scalar (VS) and scalar
// op vector (SV). Each does the leading len(out)&^3 elements, sixteen per
// iteration in two 8-wide AVX-512 registers where the CPU has them
// (·has512), then eight per iteration while it can, and returns how
// many it did; the IEEE operations are those of the Go loops, so the
// results are the same bit for bit. The shape macros take the operator
// instruction as OP.

// VV: DI out, SI x, BX y, CX count, DX index.
#define LOOPVV(OP) \
	MOVQ out_base+0(FP), DI \
	MOVQ out_len+8(FP), CX \
	MOVQ x_base+24(FP), SI \
	MOVQ y_base+48(FP), BX \
	ANDQ $-4, CX \
	XORQ DX, DX \
	LEAQ -8(CX), AX \
	CMPB ·has512(SB), $0 \
	JEQ vv8 \
	LEAQ -16(CX), R9 \
vv16: \
	CMPQ DX, R9 \
	JGT vv8 \
	VMOVUPD (SI)(DX*8), Z0 \
	VMOVUPD 64(SI)(DX*8), Z1 \
	OP (BX)(DX*8), Z0, Z0 \
	OP 64(BX)(DX*8), Z1, Z1 \
	VMOVUPD Z0, (DI)(DX*8) \
	VMOVUPD Z1, 64(DI)(DX*8) \
	ADDQ $16, DX \
	JMP vv16 \
vv8: \
	CMPQ DX, AX \
	JGT vv4 \
	VMOVUPD (SI)(DX*8), Y0 \
	VMOVUPD 32(SI)(DX*8), Y1 \
	OP (BX)(DX*8), Y0, Y0 \
	OP 32(BX)(DX*8), Y1, Y1 \
	VMOVUPD Y0, (DI)(DX*8) \
	VMOVUPD Y1, 32(DI)(DX*8) \
	ADDQ $8, DX \
	JMP vv8 \
vv4: \
	CMPQ DX, CX \
	JGE vvDone \
	VMOVUPD (SI)(DX*8), Y0 \
	OP (BX)(DX*8), Y0, Y0 \
	VMOVUPD Y0, (DI)(DX*8) \
	ADDQ $4, DX \
vvDone: \
	VZEROUPPER \
	MOVQ CX, ret+72(FP) \
	RET

// VS: x op c, c broadcast in Y15.
#define LOOPVS(OP) \
	MOVQ out_base+0(FP), DI \
	MOVQ out_len+8(FP), CX \
	MOVQ x_base+24(FP), SI \
	VBROADCASTSD c+48(FP), Y15 \
	ANDQ $-4, CX \
	XORQ DX, DX \
	LEAQ -8(CX), AX \
	CMPB ·has512(SB), $0 \
	JEQ vs8 \
	VBROADCASTSD c+48(FP), Z15 \
	LEAQ -16(CX), R9 \
vs16: \
	CMPQ DX, R9 \
	JGT vs8 \
	VMOVUPD (SI)(DX*8), Z0 \
	VMOVUPD 64(SI)(DX*8), Z1 \
	OP Z15, Z0, Z0 \
	OP Z15, Z1, Z1 \
	VMOVUPD Z0, (DI)(DX*8) \
	VMOVUPD Z1, 64(DI)(DX*8) \
	ADDQ $16, DX \
	JMP vs16 \
vs8: \
	CMPQ DX, AX \
	JGT vs4 \
	VMOVUPD (SI)(DX*8), Y0 \
	VMOVUPD 32(SI)(DX*8), Y1 \
	OP Y15, Y0, Y0 \
	OP Y15, Y1, Y1 \
	VMOVUPD Y0, (DI)(DX*8) \
	VMOVUPD Y1, 32(DI)(DX*8) \
	ADDQ $8, DX \
	JMP vs8 \
vs4: \
	CMPQ DX, CX \
	JGE vsDone \
	VMOVUPD (SI)(DX*8), Y0 \
	OP Y15, Y0, Y0 \
	VMOVUPD Y0, (DI)(DX*8) \
	ADDQ $4, DX \
vsDone: \
	VZEROUPPER \
	MOVQ CX, ret+56(FP) \
	RET

// SV: c op y, c broadcast in Y15.
#define LOOPSV(OP) \
	MOVQ out_base+0(FP), DI \
	MOVQ out_len+8(FP), CX \
	VBROADCASTSD c+24(FP), Y15 \
	MOVQ y_base+32(FP), BX \
	ANDQ $-4, CX \
	XORQ DX, DX \
	LEAQ -8(CX), AX \
	CMPB ·has512(SB), $0 \
	JEQ sv8 \
	VBROADCASTSD c+24(FP), Z15 \
	LEAQ -16(CX), R9 \
sv16: \
	CMPQ DX, R9 \
	JGT sv8 \
	OP (BX)(DX*8), Z15, Z0 \
	OP 64(BX)(DX*8), Z15, Z1 \
	VMOVUPD Z0, (DI)(DX*8) \
	VMOVUPD Z1, 64(DI)(DX*8) \
	ADDQ $16, DX \
	JMP sv16 \
sv8: \
	CMPQ DX, AX \
	JGT sv4 \
	OP (BX)(DX*8), Y15, Y0 \
	OP 32(BX)(DX*8), Y15, Y1 \
	VMOVUPD Y0, (DI)(DX*8) \
	VMOVUPD Y1, 32(DI)(DX*8) \
	ADDQ $8, DX \
	JMP sv8 \
sv4: \
	CMPQ DX, CX \
	JGE svDone \
	OP (BX)(DX*8), Y15, Y0 \
	VMOVUPD Y0, (DI)(DX*8) \
	ADDQ $4, DX \
svDone: \
	VZEROUPPER \
	MOVQ CX, ret+56(FP) \
	RET

// func addVV(out, x, y []float64) int
TEXT ·addVV(SB), NOSPLIT, $0-80
	LOOPVV(VADDPD)

// func addVS(out, x []float64, c float64) int
TEXT ·addVS(SB), NOSPLIT, $0-64
	LOOPVS(VADDPD)

// func addSV(out []float64, c float64, y []float64) int
TEXT ·addSV(SB), NOSPLIT, $0-64
	LOOPSV(VADDPD)

// func subVV(out, x, y []float64) int
TEXT ·subVV(SB), NOSPLIT, $0-80
	LOOPVV(VSUBPD)

// func subVS(out, x []float64, c float64) int
TEXT ·subVS(SB), NOSPLIT, $0-64
	LOOPVS(VSUBPD)

// func subSV(out []float64, c float64, y []float64) int
TEXT ·subSV(SB), NOSPLIT, $0-64
	LOOPSV(VSUBPD)

// func mulVV(out, x, y []float64) int
TEXT ·mulVV(SB), NOSPLIT, $0-80
	LOOPVV(VMULPD)

// func mulVS(out, x []float64, c float64) int
TEXT ·mulVS(SB), NOSPLIT, $0-64
	LOOPVS(VMULPD)

// func mulSV(out []float64, c float64, y []float64) int
TEXT ·mulSV(SB), NOSPLIT, $0-64
	LOOPSV(VMULPD)

// func divVV(out, x, y []float64) int
TEXT ·divVV(SB), NOSPLIT, $0-80
	LOOPVV(VDIVPD)

// func divVS(out, x []float64, c float64) int
TEXT ·divVS(SB), NOSPLIT, $0-64
	LOOPVS(VDIVPD)

// func divSV(out []float64, c float64, y []float64) int
TEXT ·divSV(SB), NOSPLIT, $0-64
	LOOPSV(VDIVPD)
