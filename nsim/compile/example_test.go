package compile_test

import (
	"fmt"

	"gonsim/nsim/compile"
	"gonsim/nsim/expr"
	"gonsim/nsim/units"
)

func Example() {
	v := []float64{-0.070, -0.065, -0.050}
	scope := expr.Symbols{
		"v":   {Kind: expr.Array, Dim: units.DimVoltage},
		"tau": expr.ConstantOf("tau", (10 * units.Millisecond).Q()),
	}
	e, err := expr.Check("(-65*mV - v)/tau", scope)
	if err != nil {
		fmt.Println(err)
		return
	}
	k, _ := compile.Expr(e, compile.Env{Bind: func(s expr.Symbol) (compile.Binding, error) {
		return compile.Binding{Data: &v}, nil // the only array is v
	}})
	dvdt := make([]float64, len(v))
	k.Eval(dvdt)
	fmt.Printf("%.3g\n", dvdt)
	// Output:
	// [0.5 0 -1.5]
}

func ExampleBlock() {
	v := []float64{1.2, 0.3, 1.5}
	vt := []float64{1, 1, 1}
	scope := expr.Symbols{"v": {Kind: expr.Array}, "vt": {Kind: expr.Array}, "i": {Kind: expr.Index, ReadOnly: true}}
	b, _ := expr.CheckBlock("v = 0; vt += 0.4*i", scope)
	p, _ := compile.Block(b, compile.Env{Bind: func(s expr.Symbol) (compile.Binding, error) {
		if s.Name == "v" {
			return compile.Binding{Data: &v}, nil
		}
		return compile.Binding{Data: &vt}, nil
	}})
	p.Run([]int32{0, 2}) // the neurons that spiked
	fmt.Println(v, vt)
	// Output: [0 0.3 0] [1 1 1.8]
}
