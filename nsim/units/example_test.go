package units_test

import (
	"fmt"

	"gonsim/nsim/units"
)

func Example() {
	tau := 10 * units.Millisecond // a units.Time
	Cm, _ := units.Parse("1*ufarad*cm**-2")
	area := 20000 * units.Micrometre2
	fmt.Println(tau, Cm, Cm.Mul(area))

	_, err := (1 * units.Millivolt).Q().Add(1 * units.Nanoamp)
	fmt.Println(err)
	// Output:
	// 10. ms 0.01 m^-4 kg^-1 s^4 A^2 200. pF
	// cannot calculate 1. mV + 1. nA, units do not match (units are V and A)
}

func ExampleLookup() {
	ms, _ := units.Lookup("ms")
	um2, _ := units.Lookup("umetre2")
	fmt.Println(ms, um2, units.Suggest("mvolts"))
	// Output: 1. ms 1. um^2 mvolt
}
