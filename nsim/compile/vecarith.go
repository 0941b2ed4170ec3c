package compile

import "gonsim/nsim/internal/mathfn"

// vector says whether arithmetic operators compile to the AVX2 block loops
// of nsim/internal/mathfn. Four elements per instruction beat the fused
// two-operator Go loops (fused_gen.go) even though every operator then
// stores its result: the stores stay in the L1 cache (blocks of
// blockSize), and a vector division costs a quarter of a scalar one.
// Without AVX2 the tiling and the fused loops are used. Tests switch it
// off to cover the fused loops on every machine.
var vector = mathfn.Vector()

// vecBlocks are the block loops of one operator, by operand shape.
type vecBlocks struct {
	vv func(out, x, y []float64)
	vs func(out, x []float64, c float64)
	sv func(out []float64, c float64, y []float64)
}

var vecOps = map[opcode]vecBlocks{
	opAdd: {mathfn.AddVV, mathfn.AddVS, mathfn.AddSV},
	opSub: {mathfn.SubVV, mathfn.SubVS, mathfn.SubSV},
	opMul: {mathfn.MulVV, mathfn.MulVS, mathfn.MulSV},
	opDiv: {mathfn.DivVV, mathfn.DivVS, mathfn.DivSV},
}

// vecArith compiles an arithmetic operator with at least one vector
// operand to its block loop.
func vecArith(op opcode, a, b cnode) cnode {
	ops := vecOps[op]
	switch {
	case !a.uni && !b.uni:
		av, bv, vv := a.v, b.v, ops.vv
		bufA, bufB := make([]float64, blockSize), make([]float64, blockSize)
		return cnode{v: func(f *frame, out []float64) []float64 {
			vv(out, av(f, bufA[:len(out)]), bv(f, bufB[:len(out)]))
			return out
		}}
	case !a.uni:
		av, bu, vs := a.v, b.u, ops.vs
		bufA := make([]float64, blockSize)
		return cnode{v: func(f *frame, out []float64) []float64 {
			vs(out, av(f, bufA[:len(out)]), bu())
			return out
		}}
	}
	au, bv, sv := a.u, b.v, ops.sv
	bufB := make([]float64, blockSize)
	return cnode{v: func(f *frame, out []float64) []float64 {
		sv(out, au(), bv(f, bufB[:len(out)]))
		return out
	}}
}
