package units_test

import (
	"fmt"

	"gonsim/nsim/units"
)

func ExampleArray() {
	a := units.ArrayOf(0.02, 0.02, 0.1).Per(units.Millisecond) // Brian2's [0.02, 0.02, 0.1]/ms
	fmt.Println(a)
	fmt.Println(a.Repr())
	_, err := a.Sub(3 * units.Millivolt)
	fmt.Println(err)
	m, _ := a.Gt(50 * units.Hertz)
	fast, _ := a.Where(m)
	fmt.Println(fast, a.Mean(), a.Std(1))
	counts, edges, _ := units.ArrayOf(1, 2, 2, 3, 5).Times(units.Millisecond).Histogram(2)
	fmt.Println(counts, edges)
	// Output:
	// [ 20.  20. 100.] Hz
	// array([ 20.,  20., 100.]) * hertz
	// cannot calculate [ 20.  20. 100.] Hz - 3. mV, units do not match (units are Hz and V)
	// [100.] Hz 46.66666667 Hz 46.18802154 Hz
	// [3. 2.] [1. 3. 5.] ms
}
