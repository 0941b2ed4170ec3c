package expr

import (
	"fmt"

	"gonsim/nsim/units"
)

// Func is a function supplied by the caller rather than built in: a Symbol
// of Kind Function carries it, so a scope can make any name callable in
// model text (nsim's TimedArray is one). The checker checks a call against
// Args and gives it the dimension Result; the compiler binds it to the
// clock of the code it compiles.
type Func struct {
	// Args gives the dimension each argument must have.
	Args []units.Dim
	// Result is the dimension of the value.
	Result units.Dim
	// Bind returns the implementation for code that runs with time step dt
	// (a TimedArray's rounding depends on the clock). The implementation
	// receives SI values; the field matching len(Args) (1, 2 or 3) must be
	// set. Bind is called once for each compiled Kernel or Program that
	// calls the function, and only that one calls the implementation (so
	// never concurrently; it may keep a cache). It runs in inner loops and
	// must not allocate.
	Bind func(dt float64) FuncImpl
	// ConstantOver, if set, reports whether f(t, …) keeps its value over a
	// step of length dt (Brian2's is_locally_constant). The exact method
	// then treats the value at the start of the step as constant.
	ConstantOver func(dt float64) bool
}

// FuncImpl is the implementation of a Func for a given clock.
type FuncImpl struct {
	F1 func(x float64) float64
	F2 func(x, y float64) float64
	F3 func(x, y, z float64) float64
}

// userFunction makes the internal description of a call to a Func.
func userFunction(name string, f *Func) *function {
	return &function{name: name, nargs: len(f.Args), rule: userRule, user: f}
}

// ConstantOverStep reports whether e keeps its value over a time step of
// length dt, as Brian2's is_constant_over_dt decides: e must draw no random
// numbers and use t only as the direct argument of a function that is
// constant over such a step (a TimedArray whose dt is a multiple of it). If
// not, the error points at the culprit; what names e in the message.
func (e *Expr) ConstantOverStep(dt float64, what string) error {
	bad := notConstantOverStep(e.root, dt)
	if bad == nil {
		return nil
	}
	err := &Error{Kind: Unsupported, Text: e.Text}
	if s := bad.src; s != nil {
		err.Pos, err.Culprit = s.Pos, s.Source(e.Text)
	} else {
		err.Culprit = bad.String()
	}
	if bad.random() {
		err.Msg = fmt.Sprintf("%s draws random numbers (%s), so it is not constant over a time step", what, err.Culprit)
	} else {
		err.Msg = fmt.Sprintf("%s uses the time t, which changes within a step (t may only be the argument of a function "+
			"constant over a step, such as a TimedArray whose dt is a multiple of the clock's)", what)
	}
	return err
}

func notConstantOverStep(n *node, dt float64) *node {
	switch {
	case n.op == opScalar && n.sym.Name == "t", n.op == opNoise, n.op == opCall && n.fn.random:
		return n
	case n.op == opCall && n.fn.user != nil && n.fn.user.ConstantOver != nil && n.fn.user.ConstantOver(dt):
		for _, a := range n.args {
			if a.op == opScalar && a.sym.Name == "t" {
				continue
			}
			if bad := notConstantOverStep(a, dt); bad != nil {
				return bad
			}
		}
		return nil
	}
	for _, a := range n.args {
		if bad := notConstantOverStep(a, dt); bad != nil {
			return bad
		}
	}
	return nil
}
