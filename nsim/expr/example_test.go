package expr_test

import (
	"fmt"

	"gonsim/nsim/expr"
	"gonsim/nsim/units"
)

func Example() {
	scope := expr.Symbols{
		"v":   {Kind: expr.Array, Dim: units.DimVoltage},
		"tau": expr.ConstantOf("tau", (10 * units.Millisecond).Q()),
	}
	e, err := expr.Check("(-65*mV - v)/tau", scope)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e, "has unit", e.Dim.Unit())

	_, err = expr.Check("v + 1", scope)
	fmt.Println(err)
	// Output:
	// (-0.065 - v)/0.01 has unit V/s
	// 1:1: expression "v + 1" uses inconsistent units ("v" has unit V; "1" has unit 1)
	// v + 1
	// ^
}

func ExampleLinear() {
	scope := expr.Symbols{
		"x": {Kind: expr.Array},
		"I": {Kind: expr.Array},
	}
	e, _ := expr.Check("(I - x)/(10*ms)", scope)
	A, B, _ := expr.Linear(e, "x")
	fmt.Println("A =", A, " B =", B)
	_, _, err := expr.Linear(e, "I")
	fmt.Println(err == nil)
	q, _ := expr.Check("x*x/(10*ms)", scope)
	_, _, err = expr.Linear(q, "x")
	fmt.Println(err)
	// Output:
	// A = -100  B = I/0.01
	// true
	// 1:1: "x*x/(10*ms)" is not linear in x: it multiplies two terms that depend on x
	// x*x/(10*ms)
	// ^
}
