package expr

import (
	"fmt"
	"math"

	"gonsim/nsim/syntax"
)

// blockSize is the number of elements a kernel evaluates per pass over its
// tree: large enough to amortise the per-node call, small enough that the
// scratch buffers of a whole expression stay in the L1 cache.
const blockSize = 128

// frame says which elements a pass evaluates: lo, lo+1, … or, if idx is
// set, the elements listed in idx.
type frame struct {
	lo  int
	idx []int32
}

// cnode is a compiled node. A uniform node has the same value for every
// element of a pass (constants, t, dt) and is computed once per pass by u;
// otherwise v fills out (or returns a view of an array of the same length).
type cnode struct {
	uni bool
	u   func() float64
	v   func(f *frame, out []float64) []float64
}

type compiler struct {
	env   Env
	binds map[string]Binding
}

func (c *compiler) binding(sym Symbol) (Binding, error) {
	if b, ok := c.binds[sym.Name]; ok {
		return b, nil
	}
	if c.env.Bind == nil {
		return Binding{}, fmt.Errorf("expr: no Env.Bind to bind %q", sym.Name)
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
			return cnode{}, fmt.Errorf("expr: scalar %q needs a Binding with Ptr", n.sym.Name)
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
			return cnode{}, fmt.Errorf("expr: white noise %q needs Env.Rand and Env.DT", n.sym.Name)
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
			return cnode{}, fmt.Errorf("expr: array %q needs a Binding with Data", n.sym.Name)
		}
		return arrayLeaf(b), nil
	}
	panic("expr: leaf of unknown kind")
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
	if len(n.args) == 0 && n.op != opCall {
		return c.leaf(n)
	}
	args := make([]cnode, len(n.args))
	for i, a := range n.args {
		var err error
		if args[i], err = c.compile(a); err != nil {
			return cnode{}, err
		}
	}
	if n.op == opCall {
		return c.call(n.fn, args), nil
	}
	if len(args) == 1 {
		return unaryOp(n.op, args[0]), nil
	}
	return binaryOp(n.op, args[0], args[1]), nil
}

func unaryOp(op opcode, a cnode) cnode {
	if a.uni {
		au := a.u
		return uniform(func() float64 { return evalConst(op, nil, []float64{au()}) })
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
// uniform/vector); the others go through op2.
func binaryOp(op opcode, a, b cnode) cnode {
	if a.uni && b.uni {
		au, bu := a.u, b.u
		return uniform(func() float64 { return evalConst(op, nil, []float64{au(), bu()}) })
	}
	if op == opPow && b.uni {
		return powConst(a, b.u)
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
				for i := range out {
					out[i] = x[i] + y[i]
				}
				return out
			}}
		case opSub:
			return cnode{v: func(f *frame, out []float64) []float64 {
				x, y := av(f, bufA[:len(out)]), bv(f, bufB[:len(out)])
				x, y = x[:len(out)], y[:len(out)]
				for i := range out {
					out[i] = x[i] - y[i]
				}
				return out
			}}
		case opMul:
			return cnode{v: func(f *frame, out []float64) []float64 {
				x, y := av(f, bufA[:len(out)]), bv(f, bufB[:len(out)])
				x, y = x[:len(out)], y[:len(out)]
				for i := range out {
					out[i] = x[i] * y[i]
				}
				return out
			}}
		case opDiv:
			return cnode{v: func(f *frame, out []float64) []float64 {
				x, y := av(f, bufA[:len(out)]), bv(f, bufB[:len(out)])
				x, y = x[:len(out)], y[:len(out)]
				for i := range out {
					out[i] = x[i] / y[i]
				}
				return out
			}}
		}
		f2 := op2(op)
		return cnode{v: func(f *frame, out []float64) []float64 {
			x, y := av(f, bufA[:len(out)]), bv(f, bufB[:len(out)])
			x, y = x[:len(out)], y[:len(out)]
			for i := range out {
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
				for i := range out {
					out[i] = x[i] + c
				}
				return out
			}}
		case opSub:
			return cnode{v: func(f *frame, out []float64) []float64 {
				x, c := av(f, bufA[:len(out)]), bu()
				x = x[:len(out)]
				for i := range out {
					out[i] = x[i] - c
				}
				return out
			}}
		case opMul:
			return cnode{v: func(f *frame, out []float64) []float64 {
				x, c := av(f, bufA[:len(out)]), bu()
				x = x[:len(out)]
				for i := range out {
					out[i] = x[i] * c
				}
				return out
			}}
		case opDiv:
			return cnode{v: func(f *frame, out []float64) []float64 {
				x, c := av(f, bufA[:len(out)]), bu()
				x = x[:len(out)]
				for i := range out {
					out[i] = x[i] / c
				}
				return out
			}}
		}
		f2 := op2(op)
		return cnode{v: func(f *frame, out []float64) []float64 {
			x, c := av(f, bufA[:len(out)]), bu()
			x = x[:len(out)]
			for i := range out {
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
				for i := range out {
					out[i] = c + y[i]
				}
				return out
			}}
		case opSub:
			return cnode{v: func(f *frame, out []float64) []float64 {
				c, y := au(), bv(f, bufB[:len(out)])
				y = y[:len(out)]
				for i := range out {
					out[i] = c - y[i]
				}
				return out
			}}
		case opMul:
			return cnode{v: func(f *frame, out []float64) []float64 {
				c, y := au(), bv(f, bufB[:len(out)])
				y = y[:len(out)]
				for i := range out {
					out[i] = c * y[i]
				}
				return out
			}}
		case opDiv:
			return cnode{v: func(f *frame, out []float64) []float64 {
				c, y := au(), bv(f, bufB[:len(out)])
				y = y[:len(out)]
				for i := range out {
					out[i] = c / y[i]
				}
				return out
			}}
		}
		f2 := op2(op)
		return cnode{v: func(f *frame, out []float64) []float64 {
			c, y := au(), bv(f, bufB[:len(out)])
			y = y[:len(out)]
			for i := range out {
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
		return pyMod
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
	panic(fmt.Sprintf("expr: op2 of opcode %d", op))
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
		vals := make([]float64, len(args))
		return uniform(func() float64 {
			for i, u := range us {
				vals[i] = u()
			}
			return evalConst(opCall, fn, vals)
		})
	}
	bufs := make([][]float64, len(args))
	for i := range bufs {
		bufs[i] = make([]float64, blockSize)
	}
	// get returns argument i for the pass (a uniform one fills its buffer).
	get := func(i int, f *frame, n int) []float64 {
		if args[i].uni {
			b, v := bufs[i][:n], args[i].u()
			for k := range b {
				b[k] = v
			}
			return b
		}
		return args[i].v(f, bufs[i][:n])[:n]
	}
	switch len(args) {
	case 1:
		f1, av := fn.f1, args[0].v
		if fn.name == "exp" { // the most common call: let the compiler see it
			return cnode{v: func(f *frame, out []float64) []float64 {
				x := av(f, bufs[0][:len(out)])
				x = x[:len(out)]
				for i := range out {
					out[i] = math.Exp(x[i])
				}
				return out
			}}
		}
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
	root cnode
	f    frame
	buf  []float64
	one  [1]float64
}

func compile(e *Expr, env Env) (*Kernel, error) {
	if e.root.random() && env.Rand == nil {
		if len(e.Noise()) == 0 || env.Bind == nil {
			return nil, fmt.Errorf("expr: %q draws random numbers: Env.Rand is required", e.String())
		}
	}
	c := &compiler{env: env}
	root, err := c.compile(e.root)
	if err != nil {
		return nil, err
	}
	return &Kernel{prog: &program{root: root, buf: make([]float64, blockSize)}}, nil
}

func (p *program) pass(f *frame, out []float64) {
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
		p.pass(&p.f, dst[off:end])
	}
}

func (p *program) evalIndices(dst []float64, idx []int32) {
	for off := 0; off < len(idx); off += blockSize {
		end := min(off+blockSize, len(idx))
		p.f.idx = idx[off:end]
		p.pass(&p.f, dst[off:end])
	}
	p.f.idx = nil
}

func (p *program) evalAt(i int) float64 {
	p.f.idx, p.f.lo = nil, i
	p.pass(&p.f, p.one[:])
	return p.one[0]
}

func (p *program) sel(n int, out []int32) []int32 {
	p.f.idx = nil
	for off := 0; off < n; off += blockSize {
		end := min(off+blockSize, n)
		p.f.lo = off
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

func compileBlock(b *Block, env Env) (*Program, error) {
	c := &compiler{env: env}
	bp := &blockProgram{step: blockSize}
	gathered := false
	for _, s := range b.Stmts {
		v, err := c.compile(s.Value.root)
		if err != nil {
			return nil, err
		}
		bind, err := c.binding(s.Target)
		if err != nil {
			return nil, err
		}
		cs := cstmt{val: v, op: s.Op, data: bind.Data, index: bind.Index, mask: bind.Mask, buf: make([]float64, blockSize)}
		switch {
		case bind.Data != nil:
		case bind.Ptr != nil:
			cs.ptr = bind.Ptr
		default:
			return nil, fmt.Errorf("expr: target %q needs a Binding with Data or Ptr", s.Target.Name)
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
		bp.pass(ids)
	}
	bp.f.idx = nil
}

func (bp *blockProgram) pass(ids []int32) {
	for si := range bp.stmts {
		s := &bp.stmts[si]
		var vals []float64
		if s.val.uni {
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
