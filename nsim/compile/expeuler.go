package compile

import "gonsim/nsim/internal/mathfn"

// Exponential Euler writes each state's step as (x + _B/_A)*exp(_A*dt) -
// _B/_A (nsim/integrate), six passes over the block of which _B/_A is
// shared. With x, _B and _A arrays and dt uniform, the step compiles to
// one call of _exp_euler(x, _B, _A, dt), one pass of mathfn.ExpEulerBlock
// with the same operations in the same order, so the same bits.
var expEuler = &function{name: "_exp_euler", nargs: 4, f4: func(x, b, a, dt float64) float64 {
	e := mathfn.Exp(a * dt)
	q := b / a
	return (x+q)*e - q
}, b4: mathfn.ExpEulerBlock}

// fuseExpEuler turns (x + b/a)*exp(a*dt) - b/a into _exp_euler(x, b, a, dt).
func fuseExpEuler(m *node) *node {
	if m.op != opSub || len(m.args) != 2 || m.args[0].op != opMul {
		return m
	}
	q := m.args[1]
	if q.op != opDiv || !isArrayLeaf(q.args[0]) || !isArrayLeaf(q.args[1]) {
		return m
	}
	b, a := q.args[0], q.args[1]
	sum, e := m.args[0].args[0], m.args[0].args[1]
	if sum.op != opAdd {
		sum, e = e, sum
	}
	if sum.op != opAdd || !isArrayLeaf(sum.args[0]) || !sameDiv(sum.args[1], b, a) {
		return m
	}
	if e.op != opCall || e.fn.name != "exp" || e.fn.user != nil || e.args[0].op != opMul {
		return m
	}
	adt := e.args[0].args
	if !sameLeaf(adt[0], a) || (adt[1].op != opScalar && adt[1].op != opConst) {
		return m
	}
	return &node{op: opCall, fn: expEuler, args: []*node{sum.args[0], b, a, adt[1]}}
}

func isArrayLeaf(n *node) bool { return n.op == opArray }

func sameLeaf(x, y *node) bool { return x.op == opArray && y.op == opArray && x.sym.Name == y.sym.Name }

// sameDiv says whether n is b/a.
func sameDiv(n, b, a *node) bool {
	return n.op == opDiv && sameLeaf(n.args[0], b) && sameLeaf(n.args[1], a)
}
