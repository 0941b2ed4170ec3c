package compile

import (
	"fmt"
	"math"
)

// sfn evaluates one element of a pass: element f.lo+m, or f.idx[m].
// A kernel evaluates passes of one or two elements (a single neuron, the
// one neuron that spiked) with these per-element closures instead of the
// block loops, whose per-node setup would dominate.
type sfn func(f *frame, m int) float64

// scalarMax is the largest pass evaluated element by element.
const scalarMax = 2

func (c *compiler) scalar(n *node) (sfn, error) {
	if err := c.poll(); err != nil {
		return nil, err
	}
	switch n.op {
	case opConst:
		v := n.val
		return func(*frame, int) float64 { return v }, nil
	case opIndex:
		return func(f *frame, m int) float64 {
			if f.idx != nil {
				return float64(f.idx[m])
			}
			return float64(f.lo + m)
		}, nil
	case opScalar, opArray, opNoise:
		b, err := c.binding(n.sym)
		if err != nil {
			return nil, err
		}
		switch {
		case b.Data != nil:
			data, index := b.Data, b.Index
			return func(f *frame, m int) float64 {
				k := f.lo + m
				if f.idx != nil {
					k = int(f.idx[m])
				}
				if index != nil {
					k = int((*index)[k])
				}
				return (*data)[k]
			}, nil
		case b.Ptr != nil:
			p := b.Ptr
			return func(*frame, int) float64 { return *p }, nil
		case n.op == opNoise:
			if c.env.Rand == nil || c.env.DT == nil {
				return nil, fmt.Errorf("compile: white noise %q needs Env.Rand and Env.DT", n.sym.Name)
			}
			r, dt := c.env.Rand, c.env.DT
			return func(*frame, int) float64 { return r.NormFloat64() / math.Sqrt(*dt) }, nil
		}
		return nil, fmt.Errorf("compile: %s %q needs a Binding with Data or Ptr", n.sym.Kind, n.sym.Name)
	case opCall:
		return c.scalarCall(n)
	}
	args := make([]sfn, len(n.args))
	for i, a := range n.args {
		var err error
		if args[i], err = c.scalar(a); err != nil {
			return nil, err
		}
	}
	if len(args) == 1 {
		x := args[0]
		if n.op == opNeg {
			return func(f *frame, m int) float64 { return -x(f, m) }, nil
		}
		return func(f *frame, m int) float64 { return b2f(x(f, m) == 0) }, nil
	}
	// A constant operand is captured rather than called: it halves the
	// calls of typical model expressions.
	if k := n.args[1]; k.op == opConst {
		x, c := args[0], k.val
		switch n.op {
		case opAdd:
			return func(f *frame, m int) float64 { return x(f, m) + c }, nil
		case opSub:
			return func(f *frame, m int) float64 { return x(f, m) - c }, nil
		case opMul:
			return func(f *frame, m int) float64 { return x(f, m) * c }, nil
		case opDiv:
			return func(f *frame, m int) float64 { return x(f, m) / c }, nil
		}
	}
	if k := n.args[0]; k.op == opConst {
		c, y := k.val, args[1]
		switch n.op {
		case opAdd:
			return func(f *frame, m int) float64 { return c + y(f, m) }, nil
		case opSub:
			return func(f *frame, m int) float64 { return c - y(f, m) }, nil
		case opMul:
			return func(f *frame, m int) float64 { return c * y(f, m) }, nil
		case opDiv:
			return func(f *frame, m int) float64 { return c / y(f, m) }, nil
		}
	}
	x, y := args[0], args[1]
	switch n.op {
	case opAdd:
		return func(f *frame, m int) float64 { return x(f, m) + y(f, m) }, nil
	case opSub:
		return func(f *frame, m int) float64 { return x(f, m) - y(f, m) }, nil
	case opMul:
		return func(f *frame, m int) float64 { return x(f, m) * y(f, m) }, nil
	case opDiv:
		return func(f *frame, m int) float64 { return x(f, m) / y(f, m) }, nil
	}
	g := op2(n.op)
	return func(f *frame, m int) float64 {
		a := x(f, m)
		return g(a, y(f, m))
	}, nil
}

func (c *compiler) scalarCall(n *node) (sfn, error) {
	fn, err := c.bound(n.fn)
	if err != nil {
		return nil, err
	}
	if fn.random {
		r := c.env.Rand
		if fn.normal {
			return func(*frame, int) float64 { return r.NormFloat64() }, nil
		}
		return func(*frame, int) float64 { return r.Float64() }, nil
	}
	args := make([]sfn, len(n.args))
	for i, a := range n.args {
		var err error
		if args[i], err = c.scalar(a); err != nil {
			return nil, err
		}
	}
	switch len(args) {
	case 1:
		x, f1 := args[0], fn.f1
		return func(f *frame, m int) float64 { return f1(x(f, m)) }, nil
	case 2:
		x, y, f2 := args[0], args[1], fn.f2
		return func(f *frame, m int) float64 {
			a := x(f, m)
			return f2(a, y(f, m))
		}, nil
	}
	if len(args) == 4 {
		x, y, z, w, f4 := args[0], args[1], args[2], args[3], fn.f4
		return func(f *frame, m int) float64 {
			a := x(f, m)
			b := y(f, m)
			c := z(f, m)
			return f4(a, b, c, w(f, m))
		}, nil
	}
	x, y, z, f3 := args[0], args[1], args[2], fn.f3
	return func(f *frame, m int) float64 {
		a := x(f, m)
		b := y(f, m)
		return f3(a, b, z(f, m))
	}, nil
}
