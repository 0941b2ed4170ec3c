#include "textflag.h"
#include "appendbits_amd64.h"

// The AVX-512 loops of Select: eight comparisons per instruction into a
// mask; a group with hits writes their indices, lowest first. The
// predicates are the ordered ones (false for NaN), as Go's operators.
// SEL(P) is the routine of predicate immediate P; it uses Z0, Z1, K1.
#define SEL(P) \
	MOVQ out_base+0(FP), DI \
	MOVQ x_base+24(FP), SI \
	MOVQ x_len+32(FP), CX \
	VBROADCASTSD y+48(FP), Z1 \
	MOVQ base+56(FP), R8 \
	XORQ DX, DX \
	XORQ BX, BX \
	SUBQ $8, CX \
loop: \
	CMPQ DX, CX \
	JGT done \
	VMOVUPD (SI)(DX*8), Z0 \
	VCMPPD P, Z1, Z0, K1 \
	KMOVW K1, AX \
	TESTQ AX, AX \
	JNE hits \
next: \
	ADDQ $8, DX \
	JMP loop \
hits: \
	APPEND_BITS(AX, DX, R8, DI, BX, R10) \
	JMP next \
done: \
	VZEROUPPER \
	MOVQ BX, ret+64(FP) \
	RET

// func selGt8(out []int32, x []float64, y float64, base int) int
TEXT ·selGt8(SB), NOSPLIT, $0-72
	SEL($0x1e)

// func selGe8(out []int32, x []float64, y float64, base int) int
TEXT ·selGe8(SB), NOSPLIT, $0-72
	SEL($0x1d)

// func selLt8(out []int32, x []float64, y float64, base int) int
TEXT ·selLt8(SB), NOSPLIT, $0-72
	SEL($0x11)

// func selLe8(out []int32, x []float64, y float64, base int) int
TEXT ·selLe8(SB), NOSPLIT, $0-72
	SEL($0x12)
