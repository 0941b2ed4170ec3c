package compile

import (
	"fmt"

	"gonsim/nsim/expr"
)

// bound returns fn with its implementation for the compiler's clock; built-in
// functions are returned as they are.
func (c *compiler) bound(fn *function) (*function, error) {
	if fn.user == nil {
		return fn, nil
	}
	impl, ok := c.funcs[fn.user]
	if !ok {
		if c.env.DT == nil || fn.user.Bind == nil {
			return nil, fmt.Errorf("%s(...) needs a clock (Env.DT) and cannot be used here", fn.name)
		}
		impl = fn.user.Bind(*c.env.DT)
		if c.funcs == nil {
			c.funcs = map[*expr.Func]expr.FuncImpl{}
		}
		c.funcs[fn.user] = impl
	}
	b := *fn
	b.f1, b.f2, b.f3 = impl.F1, impl.F2, impl.F3
	if b.nargs < 1 || (b.nargs == 1 && b.f1 == nil) || (b.nargs == 2 && b.f2 == nil) || (b.nargs == 3 && b.f3 == nil) || b.nargs > 3 {
		return nil, fmt.Errorf("compile: function %q has no implementation for %d arguments", fn.name, b.nargs)
	}
	return &b, nil
}
