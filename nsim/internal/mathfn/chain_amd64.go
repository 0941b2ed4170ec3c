package mathfn

// The routines of chain_amd64.s, indexed as Chain computes k.
var chainVecs = [...]func(out, x []float64, c1, c2 float64) int{
	chainAddAdd,
	chainAddAddR,
	chainAddRAdd,
	chainAddRAddR,
	chainAddSub,
	chainAddSubR,
	chainAddRSub,
	chainAddRSubR,
	chainAddMul,
	chainAddMulR,
	chainAddRMul,
	chainAddRMulR,
	chainAddDiv,
	chainAddDivR,
	chainAddRDiv,
	chainAddRDivR,
	chainSubAdd,
	chainSubAddR,
	chainSubRAdd,
	chainSubRAddR,
	chainSubSub,
	chainSubSubR,
	chainSubRSub,
	chainSubRSubR,
	chainSubMul,
	chainSubMulR,
	chainSubRMul,
	chainSubRMulR,
	chainSubDiv,
	chainSubDivR,
	chainSubRDiv,
	chainSubRDivR,
	chainMulAdd,
	chainMulAddR,
	chainMulRAdd,
	chainMulRAddR,
	chainMulSub,
	chainMulSubR,
	chainMulRSub,
	chainMulRSubR,
	chainMulMul,
	chainMulMulR,
	chainMulRMul,
	chainMulRMulR,
	chainMulDiv,
	chainMulDivR,
	chainMulRDiv,
	chainMulRDivR,
	chainDivAdd,
	chainDivAddR,
	chainDivRAdd,
	chainDivRAddR,
	chainDivSub,
	chainDivSubR,
	chainDivRSub,
	chainDivRSubR,
	chainDivMul,
	chainDivMulR,
	chainDivRMul,
	chainDivRMulR,
	chainDivDiv,
	chainDivDivR,
	chainDivRDiv,
	chainDivRDivR,
}

//go:noescape
func chainAddAdd(out, x []float64, c1, c2 float64) int

//go:noescape
func chainAddAddR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainAddRAdd(out, x []float64, c1, c2 float64) int

//go:noescape
func chainAddRAddR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainAddSub(out, x []float64, c1, c2 float64) int

//go:noescape
func chainAddSubR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainAddRSub(out, x []float64, c1, c2 float64) int

//go:noescape
func chainAddRSubR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainAddMul(out, x []float64, c1, c2 float64) int

//go:noescape
func chainAddMulR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainAddRMul(out, x []float64, c1, c2 float64) int

//go:noescape
func chainAddRMulR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainAddDiv(out, x []float64, c1, c2 float64) int

//go:noescape
func chainAddDivR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainAddRDiv(out, x []float64, c1, c2 float64) int

//go:noescape
func chainAddRDivR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainSubAdd(out, x []float64, c1, c2 float64) int

//go:noescape
func chainSubAddR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainSubRAdd(out, x []float64, c1, c2 float64) int

//go:noescape
func chainSubRAddR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainSubSub(out, x []float64, c1, c2 float64) int

//go:noescape
func chainSubSubR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainSubRSub(out, x []float64, c1, c2 float64) int

//go:noescape
func chainSubRSubR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainSubMul(out, x []float64, c1, c2 float64) int

//go:noescape
func chainSubMulR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainSubRMul(out, x []float64, c1, c2 float64) int

//go:noescape
func chainSubRMulR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainSubDiv(out, x []float64, c1, c2 float64) int

//go:noescape
func chainSubDivR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainSubRDiv(out, x []float64, c1, c2 float64) int

//go:noescape
func chainSubRDivR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainMulAdd(out, x []float64, c1, c2 float64) int

//go:noescape
func chainMulAddR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainMulRAdd(out, x []float64, c1, c2 float64) int

//go:noescape
func chainMulRAddR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainMulSub(out, x []float64, c1, c2 float64) int

//go:noescape
func chainMulSubR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainMulRSub(out, x []float64, c1, c2 float64) int

//go:noescape
func chainMulRSubR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainMulMul(out, x []float64, c1, c2 float64) int

//go:noescape
func chainMulMulR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainMulRMul(out, x []float64, c1, c2 float64) int

//go:noescape
func chainMulRMulR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainMulDiv(out, x []float64, c1, c2 float64) int

//go:noescape
func chainMulDivR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainMulRDiv(out, x []float64, c1, c2 float64) int

//go:noescape
func chainMulRDivR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainDivAdd(out, x []float64, c1, c2 float64) int

//go:noescape
func chainDivAddR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainDivRAdd(out, x []float64, c1, c2 float64) int

//go:noescape
func chainDivRAddR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainDivSub(out, x []float64, c1, c2 float64) int

//go:noescape
func chainDivSubR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainDivRSub(out, x []float64, c1, c2 float64) int

//go:noescape
func chainDivRSubR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainDivMul(out, x []float64, c1, c2 float64) int

//go:noescape
func chainDivMulR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainDivRMul(out, x []float64, c1, c2 float64) int

//go:noescape
func chainDivRMulR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainDivDiv(out, x []float64, c1, c2 float64) int

//go:noescape
func chainDivDivR(out, x []float64, c1, c2 float64) int

//go:noescape
func chainDivRDiv(out, x []float64, c1, c2 float64) int

//go:noescape
func chainDivRDivR(out, x []float64, c1, c2 float64) int
