// APPEND_BITS(M, I, B, OUT, N, T) stores the int32 B+I+b at OUT[N] and
// increments N, for each set bit b of M, lowest first: the indices of a
// group's lanes that passed a comparison (M from VMOVMSKPD or KMOVW, I
// the group's first element, B the caller's base). M ends 0; T is
// scratch. It defines the label appendBits, so a routine uses it once.
#define APPEND_BITS(M, I, B, OUT, N, T) \
appendBits: \
	BSFQ M, T \
	ADDQ I, T \
	ADDQ B, T \
	MOVL T, (OUT)(N*4) \
	INCQ N \
	LEAQ -1(M), T \
	ANDQ T, M \
	JNZ appendBits
