package nsim_test

import (
	"fmt"

	"gonsim/nsim"
	"gonsim/nsim/units"
)

// Seed section 3: a leaky integrate-and-fire neuron kicked by three input
// spikes fires at the third; the first kick shows one step after it.
func Example() {
	ms := units.Millisecond
	nsim.StartScope()
	in, err := nsim.NewSpikeGeneratorGroup(1, []int{0, 0, 0}, []units.Time{10 * ms, 20 * ms, 30 * ms})
	if err != nil {
		fmt.Println(err)
		return
	}
	out, err := nsim.NewNeuronGroup(1, "dv/dt = -v/(15*ms) : 1",
		nsim.Threshold("v>1"), nsim.Reset("v=0"), nsim.Method("euler"))
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := nsim.NewSynapses(in, out, nsim.OnPre("v += 0.6"))
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := s.Connect(nsim.P(1)); err != nil {
		fmt.Println(err)
		return
	}
	m, _ := nsim.NewStateMonitor(out, []string{"v"}, nsim.RecordAll())
	sp, _ := nsim.NewSpikeMonitor(out)
	if err := nsim.Run(50 * ms); err != nil {
		fmt.Println(err)
		return
	}
	t := m.T().In(ms)
	v := m.Of("v", 0).Floats()
	fmt.Printf("%d samples, v(%.1f ms) = %.4f, v(%.1f ms) = %.4f\n", len(t), t[101], v[101], t[201], v[201])
	fmt.Println("spikes at", sp.T().In(ms), "ms of neurons", sp.I())
	// Output:
	// 500 samples, v(10.1 ms) = 0.6000, v(20.1 ms) = 0.9074
	// spikes at [30.1] ms of neurons [0]
}

// Errors name the object, the part and the culprit with both units.
func ExampleNeuronGroup_Set() {
	nsim.StartScope()
	g, _ := nsim.NewNeuronGroup(1, "dv/dt = -v/(10*ms) : volt")
	fmt.Println(g.Set("v", 3))
	fmt.Println(g.Set("v", -70*units.Millivolt), g.Get("v").In(units.Millivolt))
	// Output:
	// neurongroup, Set: v should be set with a value with units V, but got 3. (unit is 1)
	// <nil> [-70]
}
