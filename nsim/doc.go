// Package nsim simulates spiking neural networks defined by equations with
// physical units, with Brian2's semantics and numbers.
//
// A leaky integrate-and-fire neuron driven by input spikes (seed section 3)
// reads as it does in Brian2:
//
//	nsim.StartScope()
//	in, _ := nsim.NewSpikeGeneratorGroup(1, []int{0, 0, 0}, []units.Time{10 * ms, 20 * ms, 30 * ms})
//	out, err := nsim.NewNeuronGroup(1, "dv/dt = -v/(15*ms) : 1",
//		nsim.Threshold("v>1"), nsim.Reset("v=0"), nsim.Method("euler"))
//	s, err := nsim.NewSynapses(in, out, nsim.OnPre("v += 0.6"))
//	err = s.Connect(nsim.P(1))
//	m, err := nsim.NewStateMonitor(out, []string{"v"}, nsim.RecordAll())
//	sp, err := nsim.NewSpikeMonitor(out)
//	err = nsim.Run(50 * ms)
//	m.T().In(units.Millisecond) // []float64: 0, 0.1, …, 49.9
//	m.Of("v", 0).Floats()       // v of neuron 0 at those times
//	sp.T(), sp.I(), sp.Count()  // spike times (Values), neuron indices, counts
//
// # Objects
//
// Constructors return (value, error); options configure them:
//
//   - NewNeuronGroup(n, eqs, Threshold, Reset, Refractory, Method, Dt,
//     Namespace, Name, Order): equations are Brian2 model text
//     (`dv/dt = … : unit [(unless refractory)]`, subexpressions
//     `x = … : unit`, parameters `x : unit`, linked `x : unit (linked)`).
//     Refractory is a time or a string (a time expression or a condition).
//     State: Set(name, value), SetAt(name, i, value), SetSlice(name,
//     values), SetExpr(name, "rand()*0.2"), Get(name) Values,
//     LinkVar(name, source, variable) (Brian2's linked_var), Sub(lo, hi).
//   - NewSpikeGeneratorGroup(n, indices, times, Period),
//     NewPoissonGroup(n, rates).
//   - NewSynapses(src, tgt, Model, OnPre, OnPost, Delay, Method, Namespace):
//     the model may hold parameters ("w : 1"), differential equations
//     (integrated every step, like a group's, or flagged (event-driven):
//     advanced analytically from lastupdate to t at each event, before
//     on_pre/on_post) and (summed) variables ("Igap_post = w*(v_pre -
//     v_post) : 1 (summed)", written into the group's parameter before
//     its update), and (constant over dt) subexpressions (set once per
//     step, before the start slot); Indices(i, j) with the wildcard All;
//     Connect() with no option connects all pairs, or P(p), Condition("i!=j"),
//     I(…)+J(…), OneToOne(), JExpr("i+1"), Copies(n); Set/SetExpr/Get of
//     synaptic variables and "delay".
//   - NewStateMonitor(g, vars, RecordAll() or Record(i…)): T(), Of(var, i),
//     All(var); g is any Recordable (a group or Synapses, whose stored
//     synaptic values it records); NewSpikeMonitor(g): T(), I(), Count(), Train(i), Trains();
//     NewPopulationRateMonitor(g): T(), Rate(), SmoothRate("flat", width).
//
// Every object has Name(), Dt() (Brian2's G.dt; DefaultClockDt() is
// defaultclock.dt, which SetDefaultDt changes) and a String() summary such
// as "NeuronGroup 'neurongroup' with 1 neuron(s)".
//
// Values carries a dimension: In(unit) gives plain numbers in that unit,
// Floats() SI values, At(steps…) a selection (monitor.v[0][steps] in Brian2).
//
// # Running
//
// Objects created since the last StartScope form the default network that
// Run(d) simulates; runs continue where the previous one stopped. Go
// programs can build their own with NewNetwork(objs…) and (*Network).Run or
// RunContext. A run follows SEMANTICS.md of the reference material: slots
// start, groups, thresholds, synapses, resets, end; objects in a slot by
// order then name; t = k·dt. Seed(n) makes random numbers reproducible.
// SetContext installs the context runs poll (an interrupt stops a run after
// the current step, within milliseconds, with monitors consistent),
// SetReporter a progress callback, SetResolver the lookup of names used in
// model strings (after the Namespace option), SetMemoryLimit the largest
// recording a run may allocate, SetLogger where informational messages go
// (such as the integration method chosen when none was given).
//
// Integration methods are registered by name in nsim/integrate: euler,
// exponential_euler, exact (linear), rk2, rk4, heun, milstein.
//
// Errors are values: *ObjectError (which object and part, wrapping the
// positioned errors of nsim/expr and nsim/equations), *ArgError,
// *MemoryError, *InterruptedError. No user input makes nsim panic.
package nsim
