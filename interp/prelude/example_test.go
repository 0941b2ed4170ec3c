package prelude_test

import (
	"errors"
	"fmt"

	"gonsim/interp/prelude"
	"gonsim/nsim/units"
)

func Example() {
	fmt.Println(prelude.Q("(1*ufarad*cm**-2) * 20000*umetre**2"))
	var tau prelude.Time = 10 * units.Millisecond
	fmt.Println(tau)

	// A bad expression ends the cell: the interpreter turns the panic
	// into the cell's error.
	defer func() {
		var f *prelude.Failure
		if errors.As(recover().(error), &f) {
			fmt.Println("cell error:", f.Err)
		}
	}()
	prelude.Q("3*mV + 2*ms")
	// Output:
	// 200. pF
	// 10. ms
	// cell error: Q("3*mV + 2*ms"): 1:1: "3*mV + 2*ms" uses inconsistent units ("3*mV" has unit V; "2*ms" has unit s)
	// 3*mV + 2*ms
	// ^
}
