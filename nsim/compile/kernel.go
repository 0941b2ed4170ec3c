package compile

import (
	"fmt"
	"math"

	"gonsim/nsim/expr"
	"gonsim/nsim/internal/mathfn"
	"gonsim/nsim/syntax"
)

// blockSize is the number of elements a kernel evaluates per pass over its
// tree: large enough to amortise the per-node call, small enough that the
// scratch buffers of a whole expression stay in the L2 cache. With the
// AVX-512 loops a pass of 128 elements took about as long in its call as
// in its arithmetic; COBAHH (4000 HH neurons) ran in 0.66–0.69 s with
// 128, 0.60–0.62 s with 256, 0.53–0.55 s with 512 and 0.57–0.59 s with
// 1024 (2026-12-04, load 0.5–1).
const blockSize = 512

// frame says which elements a pass evaluates: lo, lo+1, … or, if idx is
// set, the elements listed in idx.
type frame struct {
	lo  int
	idx []int32
	gen uint64 // advanced for every pass (memoized nodes, cse.go)
}

// cnode is a compiled node. A uniform node has the same value for every
// element of a pass (constants, t, dt) and is computed once per pass by u;
// otherwise v fills out (or returns a view of an array of the same length).
type cnode struct {
	uni bool
	u   func() float64
	v   func(f *frame, out []float64) []float64
}

// Operand shapes of an arithmetic operator inside a fused loop.
const (
	shapeVV = iota // vector op vector
	shapeUV        // uniform op vector
	shapeVU        // vector op uniform
)

func shapeOf(x, y cnode) int {
	switch {
	case x.uni:
		return shapeUV
	case y.uni:
		return shapeVU
	}
	return shapeVV
}

// fuseKey selects a fused loop (x inner y) outer z: outer operator, inner
// operator, inner shape, whether the inner pair is the left operand,
// whether z is uniform.
type fuseKey struct {
	outer, inner opcode
	shape        int
	left, ouni   bool
}

// fuseTable holds the fused loops, filled by fused_gen.go.
var fuseTable = map[fuseKey]func(x, y, z cnode) cnode{}

func arith(op opcode) bool { return op == opAdd || op == opSub || op == opMul || op == opDiv }

// Tiling: every arithmetic node is computed by a loop that may also cover
// one of its arithmetic children. plan chooses, by dynamic programming over
// the tree, the tiling with the fewest loops. (Loops covering both children
// were tried: they saved no time over this.)
const (
	tileOne   = iota // n alone
	tileLeft         // n with its left child
	tileRight        // n with its right child
)

func (c *compiler) vecArith(n *node) bool {
	return arith(n.op) && len(n.args) == 2 && !c.uniform(n)
}

// cost returns the number of loops n needs under the best tiling and
// records the choice for arithmetic nodes in c.plan.
func (c *compiler) cost(n *node) int {
	if c.uniform(n) {
		return 0
	}
	if !c.vecArith(n) {
		k := 0
		if len(n.args) > 0 || n.op == opCall {
			k = 1
		}
		for _, a := range n.args {
			k += c.cost(a)
		}
		return k
	}
	if v, ok := c.costs[n]; ok {
		return v
	}
	a, b := n.args[0], n.args[1]
	ca, cb := c.cost(a), c.cost(b)
	best, choice := 1+ca+cb, tileOne
	inner := func(m *node) int { return c.cost(m.args[0]) + c.cost(m.args[1]) }
	if c.vecArith(a) && !c.isShared(a) {
		if k := 1 + inner(a) + cb; k < best {
			best, choice = k, tileLeft
		}
	}
	if c.vecArith(b) && !c.isShared(b) {
		if k := 1 + ca + inner(b); k < best {
			best, choice = k, tileRight
		}
	}
	c.costs[n], c.plan[n] = best, choice
	return best
}

// part is an operand of a tiled node: an arithmetic pair x op y computed
// inline by the parent's loop, or a compiled node.
type part struct {
	pair  bool
	op    opcode
	x, y  cnode
	whole cnode
}

// tile compiles an arithmetic node with the loop c.plan chose for it.
func (c *compiler) tile(n *node) (cnode, error) {
	if c.plan == nil {
		c.plan, c.costs = map[*node]int{}, map[*node]int{}
	}
	if _, ok := c.plan[n]; !ok {
		c.cost(n)
	}
	choice := c.plan[n]
	get := func(m *node, inline bool) (part, error) {
		if !inline {
			w, err := c.compile(m)
			return part{whole: w}, err
		}
		x, err := c.compile(m.args[0])
		if err != nil {
			return part{}, err
		}
		y, err := c.compile(m.args[1])
		if err != nil {
			return part{}, err
		}
		if x.uni && y.uni { // arrays bound to one value
			return part{whole: binaryOp(m.op, x, y)}, nil
		}
		return part{pair: true, op: m.op, x: x, y: y}, nil
	}
	a, err := get(n.args[0], choice == tileLeft)
	if err != nil {
		return cnode{}, err
	}
	b, err := get(n.args[1], choice == tileRight)
	if err != nil {
		return cnode{}, err
	}
	switch {
	case a.pair:
		return fuseTable[fuseKey{n.op, a.op, shapeOf(a.x, a.y), true, b.whole.uni}](a.x, a.y, b.whole), nil
	case b.pair:
		return fuseTable[fuseKey{n.op, b.op, shapeOf(b.x, b.y), false, a.whole.uni}](b.x, b.y, a.whole), nil
	}
	return binaryOp(n.op, a.whole, b.whole), nil
}

type compiler struct {
	env    Env
	binds  map[string]Binding
	noFuse bool // compile one loop per operator (tests of the tiling)
	plan   map[*node]int
	costs  map[*node]int
	shared map[*node]string // nodes whose subtree occurs twice or more (cse.go)
	memos  map[string]cnode // their compiled, memoized form, by subtree
	// building is the shared node being compiled (its own compile
	// must not return its memo).
	building *node
	funcs    map[*expr.Func]expr.FuncImpl // callers' functions bound to env.DT (userfunc.go)
	facts    map[*node]*facts             // what each subtree is (facts.go)
	polls    int                          // nodes compiled, for Env.Stop (facts.go)
	keys     map[string]string            // interned subtree keys (facts.go)
}

func (c *compiler) binding(sym expr.Symbol) (Binding, error) {
	if b, ok := c.binds[sym.Name]; ok {
		return b, nil
	}
	if c.env.Bind == nil {
		return Binding{}, fmt.Errorf("compile: no Env.Bind to bind %q", sym.Name)
	}
	b, err := c.env.Bind(sym)
	if err != nil {
		return Binding{}, err
	}
	if c.binds == nil {
		c.binds = map[string]Binding{}
	}
	c.binds[sym.Name] = b
	return b, nil
}

func uniform(f func() float64) cnode { return cnode{uni: true, u: f} }

func (c *compiler) leaf(n *node) (cnode, error) {
	switch n.op {
	case opConst:
		v := n.val
		return uniform(func() float64 { return v }), nil
	case opIndex:
		return cnode{v: func(f *frame, out []float64) []float64 {
			if f.idx != nil {
				for m, k := range f.idx[:len(out)] {
					out[m] = float64(k)
				}
				return out
			}
			for m := range out {
				out[m] = float64(f.lo + m)
			}
			return out
		}}, nil
	case opScalar:
		b, err := c.binding(n.sym)
		if err != nil {
			return cnode{}, err
		}
		if b.Ptr == nil {
			return cnode{}, fmt.Errorf("compile: scalar %q needs a Binding with Ptr", n.sym.Name)
		}
		p := b.Ptr
		return uniform(func() float64 { return *p }), nil
	case opNoise:
		b, err := c.binding(n.sym)
		if err != nil {
			return cnode{}, err
		}
		if b.Data != nil {
			return arrayLeaf(b), nil
		}
		if c.env.Rand == nil || c.env.DT == nil {
			return cnode{}, fmt.Errorf("compile: white noise %q needs Env.Rand and Env.DT", n.sym.Name)
		}
		r, dt := c.env.Rand, c.env.DT
		return cnode{v: func(f *frame, out []float64) []float64 {
			s := 1 / math.Sqrt(*dt)
			for m := range out {
				out[m] = r.NormFloat64() * s
			}
			return out
		}}, nil
	case opArray:
		b, err := c.binding(n.sym)
		if err != nil {
			return cnode{}, err
		}
		if b.Data == nil && b.Ptr != nil {
			p := b.Ptr
			return uniform(func() float64 { return *p }), nil
		}
		if b.Data == nil {
			return cnode{}, fmt.Errorf("compile: array %q needs a Binding with Data", n.sym.Name)
		}
		return arrayLeaf(b), nil
	}
	panic("compile: leaf of unknown kind")
}

func arrayLeaf(b Binding) cnode {
	data, index := b.Data, b.Index
	if index == nil {
		return cnode{v: func(f *frame, out []float64) []float64 {
			d := *data
			if f.idx != nil {
				for m, k := range f.idx[:len(out)] {
					out[m] = d[k]
				}
				return out
			}
			return d[f.lo : f.lo+len(out)]
		}}
	}
	return cnode{v: func(f *frame, out []float64) []float64 {
		d, ix := *data, *index
		if f.idx != nil {
			for m, k := range f.idx[:len(out)] {
				out[m] = d[ix[k]]
			}
			return out
		}
		for m, k := range ix[f.lo : f.lo+len(out)] {
			out[m] = d[k]
		}
		return out
	}}
}

func (c *compiler) compile(n *node) (cnode, error) {
	if err := c.poll(); err != nil {
		return cnode{}, err
	}
	if len(n.args) == 0 && n.op != opCall {
		return c.leaf(n)
	}
	if c.shared != nil && c.building != n {
		if key, ok := c.shared[n]; ok {
			if m, ok := c.memos[key]; ok {
				return m, nil
			}
			prev := c.building
			c.building = n // compile n itself, once
			inner, err := c.compile(n)
			c.building = prev
			if err != nil {
				return cnode{}, err
			}
			m := memoize(inner)
			c.memos[key] = m
			return m, nil
		}
	}
	if vector && !c.noFuse {
		if m, ok, err := c.chain(n); ok {
			return m, err
		}
	}
	if arith(n.op) && !c.noFuse && !vector {
		return c.tile(n)
	}
	args := make([]cnode, len(n.args))
	for i, a := range n.args {
		var err error
		if args[i], err = c.compile(a); err != nil {
			return cnode{}, err
		}
	}
	if n.op == opCall {
		fn, err := c.bound(n.fn)
		if err != nil {
			return cnode{}, err
		}
		return c.call(fn, args), nil
	}
	if len(args) == 1 {
		return unaryOp(n.op, args[0]), nil
	}
	return binaryOp(n.op, args[0], args[1]), nil
}

func unaryOp(op opcode, a cnode) cnode {
	if a.uni {
		au := a.u
		if op == opNeg {
			return uniform(func() float64 { return -au() })
		}
		return uniform(func() float64 { return b2f(au() == 0) })
	}
	buf := make([]float64, blockSize)
	av := a.v
	if op == opNeg {
		return cnode{v: func(f *frame, out []float64) []float64 {
			x := av(f, buf[:len(out)])
			x = x[:len(out)]
			for i := range out {
				out[i] = -x[i]
			}
			return out
		}}
	}
	return cnode{v: func(f *frame, out []float64) []float64 { // not
		x := av(f, buf[:len(out)])
		x = x[:len(out)]
		for i := range out {
			out[i] = b2f(x[i] == 0)
		}
		return out
	}}
}

// binaryOp compiles a binary operator. The four arithmetic operators get
// one tight loop for each shape of operands (vector/vector, vector/uniform,
// uniform/vector); the others go through op2. Loops do two elements per
// iteration, as the fused ones do.
func binaryOp(op opcode, a, b cnode) cnode {
	if a.uni && b.uni {
		au, bu := a.u, b.u
		switch op {
		case opAdd:
			return uniform(func() float64 { return au() + bu() })
		case opSub:
			return uniform(func() float64 { return au() - bu() })
		case opMul:
			return uniform(func() float64 { return au() * bu() })
		case opDiv:
			return uniform(func() float64 { return au() / bu() })
		}
		f2 := op2(op)
		return uniform(func() float64 {
			x := au()
			return f2(x, bu())
		})
	}
	if op == opPow && b.uni {
		return powConst(a, b.u)
	}
	if vector && arith(op) {
		return vecArith(op, a, b)
	}
	bufA, bufB := make([]float64, blockSize), make([]float64, blockSize)
	switch {
	case !a.uni && !b.uni:
		av, bv := a.v, b.v
		switch op {
		case opAdd:
			return cnode{v: func(f *frame, out []float64) []float64 {
				x, y := av(f, bufA[:len(out)]), bv(f, bufB[:len(out)])
				x, y = x[:len(out)], y[:len(out)]
				for i := 1; i < len(out); i += 2 {
					out[i-1] = x[i-1] + y[i-1]
					out[i] = x[i] + y[i]
				}
				if i := len(out) - 1; len(out)%2 == 1 {
					out[i] = x[i] + y[i]
				}
				return out
			}}
		case opSub:
			return cnode{v: func(f *frame, out []float64) []float64 {
				x, y := av(f, bufA[:len(out)]), bv(f, bufB[:len(out)])
				x, y = x[:len(out)], y[:len(out)]
				for i := 1; i < len(out); i += 2 {
					out[i-1] = x[i-1] - y[i-1]
					out[i] = x[i] - y[i]
				}
				if i := len(out) - 1; len(out)%2 == 1 {
					out[i] = x[i] - y[i]
				}
				return out
			}}
		case opMul:
			return cnode{v: func(f *frame, out []float64) []float64 {
				x, y := av(f, bufA[:len(out)]), bv(f, bufB[:len(out)])
				x, y = x[:len(out)], y[:len(out)]
				for i := 1; i < len(out); i += 2 {
					out[i-1] = x[i-1] * y[i-1]
					out[i] = x[i] * y[i]
				}
				if i := len(out) - 1; len(out)%2 == 1 {
					out[i] = x[i] * y[i]
				}
				return out
			}}
		case opDiv:
			return cnode{v: func(f *frame, out []float64) []float64 {
				x, y := av(f, bufA[:len(out)]), bv(f, bufB[:len(out)])
				x, y = x[:len(out)], y[:len(out)]
				for i := 1; i < len(out); i += 2 {
					out[i-1] = x[i-1] / y[i-1]
					out[i] = x[i] / y[i]
				}
				if i := len(out) - 1; len(out)%2 == 1 {
					out[i] = x[i] / y[i]
				}
				return out
			}}
		}
		f2 := op2(op)
		return cnode{v: func(f *frame, out []float64) []float64 {
			x, y := av(f, bufA[:len(out)]), bv(f, bufB[:len(out)])
			x, y = x[:len(out)], y[:len(out)]
			for i := 1; i < len(out); i += 2 {
				out[i-1] = f2(x[i-1], y[i-1])
				out[i] = f2(x[i], y[i])
			}
			if i := len(out) - 1; len(out)%2 == 1 {
				out[i] = f2(x[i], y[i])
			}
			return out
		}}
	case !a.uni: // vector op uniform
		av, bu := a.v, b.u
		switch op {
		case opAdd:
			return cnode{v: func(f *frame, out []float64) []float64 {
				x, c := av(f, bufA[:len(out)]), bu()
				x = x[:len(out)]
				for i := 1; i < len(out); i += 2 {
					out[i-1] = x[i-1] + c
					out[i] = x[i] + c
				}
				if i := len(out) - 1; len(out)%2 == 1 {
					out[i] = x[i] + c
				}
				return out
			}}
		case opSub:
			return cnode{v: func(f *frame, out []float64) []float64 {
				x, c := av(f, bufA[:len(out)]), bu()
				x = x[:len(out)]
				for i := 1; i < len(out); i += 2 {
					out[i-1] = x[i-1] - c
					out[i] = x[i] - c
				}
				if i := len(out) - 1; len(out)%2 == 1 {
					out[i] = x[i] - c
				}
				return out
			}}
		case opMul:
			return cnode{v: func(f *frame, out []float64) []float64 {
				x, c := av(f, bufA[:len(out)]), bu()
				x = x[:len(out)]
				for i := 1; i < len(out); i += 2 {
					out[i-1] = x[i-1] * c
					out[i] = x[i] * c
				}
				if i := len(out) - 1; len(out)%2 == 1 {
					out[i] = x[i] * c
				}
				return out
			}}
		case opDiv:
			return cnode{v: func(f *frame, out []float64) []float64 {
				x, c := av(f, bufA[:len(out)]), bu()
				x = x[:len(out)]
				for i := 1; i < len(out); i += 2 {
					out[i-1] = x[i-1] / c
					out[i] = x[i] / c
				}
				if i := len(out) - 1; len(out)%2 == 1 {
					out[i] = x[i] / c
				}
				return out
			}}
		}
		f2 := op2(op)
		return cnode{v: func(f *frame, out []float64) []float64 {
			x, c := av(f, bufA[:len(out)]), bu()
			x = x[:len(out)]
			for i := 1; i < len(out); i += 2 {
				out[i-1] = f2(x[i-1], c)
				out[i] = f2(x[i], c)
			}
			if i := len(out) - 1; len(out)%2 == 1 {
				out[i] = f2(x[i], c)
			}
			return out
		}}
	default: // uniform op vector
		au, bv := a.u, b.v
		switch op {
		case opAdd:
			return cnode{v: func(f *frame, out []float64) []float64 {
				c, y := au(), bv(f, bufB[:len(out)])
				y = y[:len(out)]
				for i := 1; i < len(out); i += 2 {
					out[i-1] = c + y[i-1]
					out[i] = c + y[i]
				}
				if i := len(out) - 1; len(out)%2 == 1 {
					out[i] = c + y[i]
				}
				return out
			}}
		case opSub:
			return cnode{v: func(f *frame, out []float64) []float64 {
				c, y := au(), bv(f, bufB[:len(out)])
				y = y[:len(out)]
				for i := 1; i < len(out); i += 2 {
					out[i-1] = c - y[i-1]
					out[i] = c - y[i]
				}
				if i := len(out) - 1; len(out)%2 == 1 {
					out[i] = c - y[i]
				}
				return out
			}}
		case opMul:
			return cnode{v: func(f *frame, out []float64) []float64 {
				c, y := au(), bv(f, bufB[:len(out)])
				y = y[:len(out)]
				for i := 1; i < len(out); i += 2 {
					out[i-1] = c * y[i-1]
					out[i] = c * y[i]
				}
				if i := len(out) - 1; len(out)%2 == 1 {
					out[i] = c * y[i]
				}
				return out
			}}
		case opDiv:
			return cnode{v: func(f *frame, out []float64) []float64 {
				c, y := au(), bv(f, bufB[:len(out)])
				y = y[:len(out)]
				for i := 1; i < len(out); i += 2 {
					out[i-1] = c / y[i-1]
					out[i] = c / y[i]
				}
				if i := len(out) - 1; len(out)%2 == 1 {
					out[i] = c / y[i]
				}
				return out
			}}
		}
		f2 := op2(op)
		return cnode{v: func(f *frame, out []float64) []float64 {
			c, y := au(), bv(f, bufB[:len(out)])
			y = y[:len(out)]
			for i := 1; i < len(out); i += 2 {
				out[i-1] = f2(c, y[i-1])
				out[i] = f2(c, y[i])
			}
			if i := len(out) - 1; len(out)%2 == 1 {
				out[i] = f2(c, y[i])
			}
			return out
		}}
	}
}

// powConst compiles x**c with a uniform exponent; small integer and half
// exponents avoid math.Pow, which is much slower.
func powConst(a cnode, cu func() float64) cnode {
	buf := make([]float64, blockSize)
	av := a.v
	return cnode{v: func(f *frame, out []float64) []float64 {
		x := av(f, buf[:len(out)])
		x = x[:len(out)]
		switch c := cu(); c {
		case 1:
			copy(out, x)
		case 2:
			for i := range out {
				out[i] = x[i] * x[i]
			}
		case 3:
			for i := range out {
				out[i] = x[i] * x[i] * x[i]
			}
		case 0.5:
			for i := range out {
				out[i] = math.Sqrt(x[i])
			}
		case -1:
			for i := range out {
				out[i] = 1 / x[i]
			}
		default:
			for i := range out {
				out[i] = math.Pow(x[i], c)
			}
		}
		return out
	}}
}

func op2(op opcode) func(a, b float64) float64 {
	switch op {
	case opFloorDiv:
		return func(a, b float64) float64 { return math.Floor(a / b) }
	case opMod:
		return mathfn.Mod
	case opPow:
		return math.Pow
	case opLt:
		return func(a, b float64) float64 { return b2f(a < b) }
	case opLe:
		return func(a, b float64) float64 { return b2f(a <= b) }
	case opGt:
		return func(a, b float64) float64 { return b2f(a > b) }
	case opGe:
		return func(a, b float64) float64 { return b2f(a >= b) }
	case opEq:
		return func(a, b float64) float64 { return b2f(a == b) }
	case opNe:
		return func(a, b float64) float64 { return b2f(a != b) }
	case opAnd:
		return func(a, b float64) float64 { return b2f(a != 0 && b != 0) }
	case opOr:
		return func(a, b float64) float64 { return b2f(a != 0 || b != 0) }
	}
	panic(fmt.Sprintf("compile: op2 of opcode %d", op))
}

func (c *compiler) call(fn *function, args []cnode) cnode {
	if fn.random {
		r, normal := c.env.Rand, fn.normal
		return cnode{v: func(f *frame, out []float64) []float64 {
			if normal {
				for i := range out {
					out[i] = r.NormFloat64()
				}
			} else {
				for i := range out {
					out[i] = r.Float64()
				}
			}
			return out
		}}
	}
	allUni := true
	for _, a := range args {
		allUni = allUni && a.uni
	}
	if allUni {
		us := make([]func() float64, len(args))
		for i, a := range args {
			us[i] = a.u
		}
		vals := make([]float64, len(args)) // reused: a kernel is not concurrent
		return uniform(func() float64 {
			for i, u := range us {
				vals[i] = u()
			}
			return fn.call(vals)
		})
	}
	bufs := make([][]float64, len(args))
	for i := range bufs {
		bufs[i] = make([]float64, blockSize)
	}
	// get returns argument i for the pass. A uniform one fills its buffer,
	// again only when its value changed (a constant, such as the 1.28 of
	// _div_exprel(1.28, x), is filled once): the functions only read it.
	filled, last := make([]int, len(args)), make([]uint64, len(args))
	get := func(i int, f *frame, n int) []float64 {
		if args[i].uni {
			b, v := bufs[i][:n], args[i].u()
			if filled[i] < n || math.Float64bits(v) != last[i] {
				for k := range b {
					b[k] = v
				}
				filled[i], last[i] = n, math.Float64bits(v)
			}
			return b
		}
		return args[i].v(f, bufs[i][:n])[:n]
	}
	switch {
	case fn.b1 != nil:
		return cnode{v: func(f *frame, out []float64) []float64 {
			fn.b1(out, get(0, f, len(out)))
			return out
		}}
	case fn.b2 != nil:
		return cnode{v: func(f *frame, out []float64) []float64 {
			fn.b2(out, get(0, f, len(out)), get(1, f, len(out)))
			return out
		}}
	case fn.b4 != nil:
		w := args[3].u
		return cnode{v: func(f *frame, out []float64) []float64 {
			n := len(out)
			fn.b4(out, get(0, f, n), get(1, f, n), get(2, f, n), w())
			return out
		}}
	}
	switch len(args) {
	case 1:
		f1, av := fn.f1, args[0].v
		return cnode{v: func(f *frame, out []float64) []float64 {
			x := av(f, bufs[0][:len(out)])
			x = x[:len(out)]
			for i := range out {
				out[i] = f1(x[i])
			}
			return out
		}}
	case 2:
		f2 := fn.f2
		return cnode{v: func(f *frame, out []float64) []float64 {
			x, y := get(0, f, len(out)), get(1, f, len(out))
			for i := range out {
				out[i] = f2(x[i], y[i])
			}
			return out
		}}
	}
	f3 := fn.f3
	return cnode{v: func(f *frame, out []float64) []float64 {
		x, y, z := get(0, f, len(out)), get(1, f, len(out)), get(2, f, len(out))
		for i := range out {
			out[i] = f3(x[i], y[i], z[i])
		}
		return out
	}}
}

// program is a compiled expression with its root and one pass buffer.
type program struct {
	root   cnode
	scalar sfn      // the same expression, element by element
	cmp    *cmpNode // set if the root is a comparison (for Select)
	f      frame
	buf    []float64
	one    [1]float64
}

// cmpNode lets Select test a condition and collect indices in one loop.
type cmpNode struct {
	op   opcode
	l, r cnode
}

func compileExpr(e *expr.Expr, env Env) (*Kernel, error) {
	tree := compiledTree(lower(e.Root()))
	if tree.random() && env.Rand == nil {
		if len(e.Noise()) == 0 || env.Bind == nil {
			return nil, fmt.Errorf("compile: %q draws random numbers: Env.Rand is required", e.String())
		}
	}
	c := &compiler{env: env}
	if env.Stop != nil { // between the passes that do not poll
		if err := env.Stop(); err != nil {
			return nil, err
		}
	}
	c.findShared(tree)
	if env.Stop != nil {
		if err := env.Stop(); err != nil {
			return nil, err
		}
	}
	root, err := c.compile(tree)
	if err != nil {
		return nil, err
	}
	p := &program{root: root, buf: make([]float64, blockSize)}
	if p.scalar, err = c.scalar(tree); err != nil {
		return nil, err
	}
	if n := tree; n.op >= opLt && n.op <= opNe {
		l, err := c.compile(n.args[0])
		if err != nil {
			return nil, err
		}
		r, err := c.compile(n.args[1])
		if err != nil {
			return nil, err
		}
		if !l.uni && r.uni {
			p.cmp = &cmpNode{n.op, l, r}
		}
	}
	return &Kernel{prog: p}, nil
}

func (p *program) pass(f *frame, out []float64) {
	if len(out) <= scalarMax {
		for m := range out {
			out[m] = p.scalar(f, m)
		}
		return
	}
	if p.root.uni {
		v := p.root.u()
		for i := range out {
			out[i] = v
		}
		return
	}
	r := p.root.v(f, out)
	if &r[0] != &out[0] {
		copy(out, r)
	}
}

func (p *program) evalRange(dst []float64, lo int) {
	p.f.idx = nil
	for off := 0; off < len(dst); off += blockSize {
		end := min(off+blockSize, len(dst))
		p.f.lo = lo + off
		p.f.gen++
		p.pass(&p.f, dst[off:end])
	}
}

func (p *program) evalIndices(dst []float64, idx []int32) {
	for off := 0; off < len(idx); off += blockSize {
		end := min(off+blockSize, len(idx))
		p.f.idx = idx[off:end]
		p.f.gen++
		p.pass(&p.f, dst[off:end])
	}
	p.f.idx = nil
}

func (p *program) evalAt(i int) float64 {
	p.f.idx, p.f.lo = nil, i
	p.f.gen++
	p.pass(&p.f, p.one[:])
	return p.one[0]
}

func (p *program) sel(lo, n int, out []int32) []int32 {
	p.f.idx = nil
	if c := p.cmp; c != nil && n-lo > scalarMax {
		return c.sel(&p.f, lo, n, p.buf, out)
	}
	for off := lo; off < n; off += blockSize {
		end := min(off+blockSize, n)
		p.f.lo = off
		p.f.gen++
		b := p.buf[:end-off]
		p.pass(&p.f, b)
		for m, v := range b {
			if v != 0 {
				out = append(out, int32(off+m))
			}
		}
	}
	return out
}

// Statements.

type cstmt struct {
	val   cnode
	sval  sfn
	op    syntax.AssignOp
	data  *[]float64
	index *[]int32
	mask  *[]float64
	ptr   *float64
	buf   []float64
}

type blockProgram struct {
	stmts []cstmt
	step  int // elements per pass: blockSize, or 1 when statements interact
	f     frame
	ids   []int32
}

func compileBlock(b *expr.Block, env Env) (*Program, error) {
	c := &compiler{env: env}
	bp := &blockProgram{step: blockSize}
	gathered := false
	for _, s := range b.Stmts {
		tree := compiledTree(lower(s.Value.Root()))
		v, err := c.compile(tree)
		if err != nil {
			return nil, err
		}
		sv, err := c.scalar(tree)
		if err != nil {
			return nil, err
		}
		bind, err := c.binding(s.Target)
		if err != nil {
			return nil, err
		}
		cs := cstmt{val: v, sval: sv, op: s.Op, data: bind.Data, index: bind.Index, mask: bind.Mask, buf: make([]float64, blockSize)}
		switch {
		case bind.Data != nil:
		case bind.Ptr != nil:
			cs.ptr = bind.Ptr
		default:
			return nil, fmt.Errorf("compile: target %q needs a Binding with Data or Ptr", s.Target.Name)
		}
		gathered = gathered || bind.Index != nil || bind.Ptr != nil
		bp.stmts = append(bp.stmts, cs)
	}
	// When a target is written through an index (v_post) or is shared,
	// element k's later statements may read what element k' wrote earlier:
	// run one element at a time, as Brian2's sequential semantics demand.
	if gathered && len(bp.stmts) > 1 {
		bp.step = 1
	}
	return &Program{p: bp}, nil
}

func (bp *blockProgram) run(idx []int32) {
	for off := 0; off < len(idx); off += bp.step {
		end := min(off+bp.step, len(idx))
		bp.f.idx = idx[off:end]
		bp.f.gen++
		bp.pass(bp.f.idx)
	}
	bp.f.idx = nil
}

func (bp *blockProgram) runAll(n int) {
	if cap(bp.ids) < blockSize {
		bp.ids = make([]int32, blockSize)
	}
	for off := 0; off < n; off += bp.step {
		end := min(off+bp.step, n)
		ids := bp.ids[:end-off]
		for m := range ids {
			ids[m] = int32(off + m)
		}
		bp.f.idx = ids
		bp.f.gen++
		bp.pass(ids)
	}
	bp.f.idx = nil
}

func (bp *blockProgram) pass(ids []int32) {
	for si := range bp.stmts {
		s := &bp.stmts[si]
		var vals []float64
		if len(ids) <= scalarMax {
			vals = s.buf[:len(ids)]
			for m := range vals {
				vals[m] = s.sval(&bp.f, m)
			}
		} else if s.val.uni {
			vals = s.buf[:len(ids)]
			v := s.val.u()
			for m := range vals {
				vals[m] = v
			}
		} else {
			vals = s.val.v(&bp.f, s.buf[:len(ids)])
		}
		if s.ptr != nil {
			for _, v := range vals {
				*s.ptr = apply1(s.op, *s.ptr, v)
			}
			continue
		}
		d := *s.data
		var ix []int32
		if s.index != nil {
			ix = *s.index
		}
		var mask []float64
		if s.mask != nil {
			mask = *s.mask
		}
		for m, k := range ids {
			t := int(k)
			if ix != nil {
				t = int(ix[t])
			}
			if mask != nil && mask[t] == 0 {
				continue
			}
			d[t] = apply1(s.op, d[t], vals[m])
		}
	}
}

func apply1(op syntax.AssignOp, old, v float64) float64 {
	switch op {
	case syntax.AddAssign:
		return old + v
	case syntax.SubAssign:
		return old - v
	case syntax.MulAssign:
		return old * v
	case syntax.DivAssign:
		return old / v
	}
	return v
}

// sel appends the elements of lo…n-1 where l op r holds (r uniform).
func (c *cmpNode) sel(f *frame, lo, n int, buf []float64, out []int32) []int32 {
	for off := lo; off < n; off += blockSize {
		end := min(off+blockSize, n)
		f.lo = off
		f.gen++
		x := c.l.v(f, buf[:end-off])
		y := c.r.u()
		switch c.op {
		case opGt:
			out = mathfn.Select(mathfn.Gt, out, x, y, off)
		case opGe:
			out = mathfn.Select(mathfn.Ge, out, x, y, off)
		case opLt:
			out = mathfn.Select(mathfn.Lt, out, x, y, off)
		case opLe:
			out = mathfn.Select(mathfn.Le, out, x, y, off)
		case opEq:
			for m, v := range x {
				if v == y {
					out = append(out, int32(off+m))
				}
			}
		default:
			for m, v := range x {
				if v != y {
					out = append(out, int32(off+m))
				}
			}
		}
	}
	return out
}
