package equations_test

import (
	"fmt"

	"gonsim/nsim/equations"
	"gonsim/nsim/expr"
	"gonsim/nsim/units"
)

func Example() {
	user := expr.Symbols{"tau": expr.ConstantOf("tau", (10 * units.Millisecond).Q())}
	m, err := equations.NewNeuronModel(equations.NeuronSpec{
		Model: `
dv/dt = (I - v)/tau : volt (unless refractory)
I = 2*mV*int(t > 5*ms) : volt
`,
		Threshold:  "v > 1*mV",
		Reset:      "v = 0*mV",
		Refractory: 2 * units.Millisecond,
	}, user)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.States, m.RHS["v"], m.Refractory.Duration)

	_, err = equations.NewNeuronModel(equations.NeuronSpec{Model: "dv/dt = -v : volt"}, nil)
	fmt.Println(err)
	// Output:
	// [v] (0.002*int(t > 0.005) - v)/0.01 2. ms
	// 1:9: differential equation defining variable "v": the right-hand side "-v" has unit V, but unit V/s is needed (the unit of dv/dt is the unit of v divided by second)
	// dv/dt = -v : volt
	//         ^
}

func ExampleParse() {
	eqs, _ := equations.Parse(`
dv/dt = (gl*(El-v) -
         gK*(v-EK))/Cm : volt
gK : siemens (constant)
`)
	for _, q := range eqs.List {
		fmt.Println(q.Kind, q.Name, q.Dim.Unit(), q.Flags.Constant)
	}
	// Output:
	// differential equation v V false
	// parameter gK S true
}
