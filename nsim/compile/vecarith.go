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

var opBytes = map[opcode]byte{opAdd: '+', opSub: '-', opMul: '*', opDiv: '/'}

// chain compiles n as one mathfn.Chain loop if it is (x op1 c1) op2 c2 or
// a mirror form: x a vector, c1 and c2 uniform, the inner node not shared
// (a shared one must keep its own memoized buffer, cse.go). ok is false
// if n has another shape; nothing was compiled then.
func (c *compiler) chain(n *node) (m cnode, ok bool, err error) {
	if !arith(n.op) || len(n.args) != 2 {
		return cnode{}, false, nil
	}
	outerRev := c.uniform(n.args[0])
	in, zn := n.args[0], n.args[1]
	if outerRev {
		in, zn = n.args[1], n.args[0]
	}
	if !c.uniform(zn) || c.uniform(in) || !arith(in.op) || len(in.args) != 2 || c.isShared(in) {
		return cnode{}, false, nil
	}
	innerRev := c.uniform(in.args[0])
	xn, cn := in.args[0], in.args[1]
	if innerRev {
		xn, cn = in.args[1], in.args[0]
	}
	if !c.uniform(cn) {
		return cnode{}, false, nil
	}
	// Uniform parts have no side effects (random draws are not uniform):
	// the order in which they compile and run does not matter.
	parts := make([]cnode, 3)
	for k, p := range []*node{xn, cn, zn} {
		if parts[k], err = c.compile(p); err != nil {
			return cnode{}, true, err
		}
	}
	x, c1, c2 := parts[0], parts[1], parts[2]
	fn := mathfn.Chain(opBytes[in.op], opBytes[n.op], innerRev, outerRev)
	if x.uni || !c1.uni || fn == nil { // an array bound to one value
		inner := binaryOp(in.op, x, c1)
		if innerRev {
			inner = binaryOp(in.op, c1, x)
		}
		if outerRev {
			return binaryOp(n.op, c2, inner), true, nil
		}
		return binaryOp(n.op, inner, c2), true, nil
	}
	xv, u1, u2 := x.v, c1.u, c2.u
	buf := make([]float64, blockSize)
	return cnode{v: func(f *frame, out []float64) []float64 {
		fn(out, xv(f, buf[:len(out)]), u1(), u2())
		return out
	}}, true, nil
}
