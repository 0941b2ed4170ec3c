package qops_test

import (
	"fmt"

	"gonsim/interp/qops"
	"gonsim/nsim/units"
)

// What a cell's 1 - exp(-t/tau) becomes for an array t.
func ExampleArr() {
	t := units.ArrayOf(0, 5, 10).Times(units.Millisecond)
	tau := 10 * units.Millisecond
	fmt.Println(qops.Arr(1, "-", qops.ArrFunc("exp", qops.Arr(t.Neg(), "/", tau))))
	fmt.Println(qops.Div(1, tau.Q()))
	// Output:
	// [0.         0.39346934 0.63212056]
	// 100. Hz
}
