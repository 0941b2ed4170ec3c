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
//     Namespace, Name, Order, Events): equations are Brian2 model text
//     (`dv/dt = … : unit [(unless refractory)]`, subexpressions
//     `x = … : unit`, parameters `x : unit`, linked `x : unit (linked)`).
//     Refractory is a time or a string (a time expression or a condition).
//     State: Set(name, value), SetAt(name, i, value), SetSlice(name,
//     values), SetExpr(name, "rand()*0.2"), Get(name) Values,
//     LinkVar(name, source, variable) (Brian2's linked_var), Sub(lo, hi).
//     Events(map[string]string{"custom": "v > 0.5"}) adds custom events,
//     tested after the thresholds; RunOnEvent(event, code) runs code on
//     them after the resets.
//   - NewSpikeGeneratorGroup(n, indices, times, Period),
//     NewPoissonGroup(n, rates) (one rate, one per neuron, or an
//     expression), NewPoissonInput(target, var, n, rate, weight) (adds
//     weight × Binomial(n, rate·dt) to var of every neuron each step).
//   - NewTimedArray(values, dt, Name): Brian2's TimedArray, a function of t
//     (or of t and i for 2-D values [time][neuron]) that model strings call
//     by the name it has in the Namespace option or the resolver:
//     `I = stimulus(t) : 1`.
//   - NewSynapses(src, tgt, Model, OnPre, OnPost, Delay, Method, Namespace,
//     MultisynapticIndex): the model may hold parameters ("w : 1"),
//     differential equations (integrated every step, like a group's, or
//     flagged (event-driven): advanced analytically from lastupdate to t
//     at each event, before on_pre/on_post), (summed) variables
//     ("Igap_post = w*(v_pre - v_post) : 1 (summed)", written into the
//     group's parameter before its update) and (constant over dt)
//     subexpressions (set once per step, before the start slot);
//     Indices(i, j) with the wildcard All selects synapses;
//     Delay is a time or a string evaluated per new synapse ("1*ms + i*ms").
//     Connect() with no option connects all pairs, or P(p) (a number or an
//     expression of i and j), Condition("i!=j"), I(…)+J(…), OneToOne(),
//     JExpr("i+1") or Brian2's generator syntax
//     JExpr("k for k in range(i-2, i+3) if k >= 0 and k < N_post") (also
//     sample(N_post, p=0.1)) with SkipIfInvalid(), Copies(n) or NSyn(n|"expr");
//     Set/SetExpr/Get of synaptic variables and "delay".
//   - NewStateMonitor(g, vars, RecordAll() or Record(i…)): T(), Of(var, i),
//     All(var); g is any Recordable (a group or Synapses, whose stored
//     synaptic values it records); NewSpikeMonitor(g, Variables, Record): T(), I(), Count(),
//     Train(i), Trains(), Values(var), Of(var, i), All(var);
//     NewEventMonitor(g, event, Variables, Record): the same for an event;
//     NewPopulationRateMonitor(g): T(), Rate(), SmoothRate("flat", width).
//   - G.RunRegularly(code, Dt, When, Order, Name) (Brian2's
//     run_regularly), NetworkOperation(func(t units.Time), Dt, When, Order,
//     Name) (Brian2's network_operation): operations on their own clocks,
//     in the start slot by default.
//
// Every object has Name(), Dt() (Brian2's G.dt; DefaultClockDt() is
// defaultclock.dt, which SetDefaultDt changes) and a String() summary such
// as "NeuronGroup 'neurongroup' with 1 neuron(s)". MIMEBundle() adds what a
// notebook shows when a cell ends with the object, as text and HTML: the
// model with units, threshold/reset, method, clock, and for monitors what
// is recorded and how many samples or spikes (show.go). T() and
// (*Network).T() are the time reached, a units.Time ("5. ms").
//
// Values carries a dimension: In(unit) gives plain numbers in that unit,
// Floats() SI values, At(steps…) a selection (monitor.v[0][steps] in Brian2).
// Values is units.Array, so it also computes as Brian2's arrays do:
// Sub(-70*mV), Div(tau), Exp(), Gt(x) and Where(mask), Mean(), Std(ddof),
// Histogram(bins), all with units checked.
//
// # Running
//
// Objects created since the last StartScope form the default network that
// Run(d) simulates; runs continue where the previous one stopped. Go
// programs can build their own with NewNetwork(objs…) and (*Network).Run or
// RunContext; (*Network).Add, Remove, Objects, and Collect() list what is
// simulated. Store(name) and Restore(name) save and restore the whole
// state (Brian2's store/restore; t, variables, monitors, spike queues,
// generator positions); RestoreRandom also rewinds the random streams
// (restore_random_state=True). Random streams otherwise continue across
// runs. A run follows SEMANTICS.md of the reference material: slots
// start, groups, thresholds, after_thresholds, synapses, resets,
// after_resets, end; objects in a slot by
// order then name; t = k·dt. Seed(n) makes random numbers reproducible.
// SetContext installs the context runs poll (an interrupt stops a run after
// the current step, within milliseconds, with monitors consistent),
// SetReporter a progress callback, SetResolver the lookup of global names
// used in model strings (after the Namespace option), PushResolver that of
// the caller's local names (before the global ones; an object keeps its
// creator's, asked after the caller's), SetMemoryLimit the largest
// recording a run may allocate, SetMemoryBudget what the groups,
// synapses, TimedArrays and recordings (state and rate monitors claim at
// Run for the run's duration, spike and event monitors as they grow) of a
// scope may hold (half the machine's memory, or
// GONSIM_MEMORY_BUDGET; past it they are refused with a *BudgetError
// before allocating), SetLogger where informational messages go
// (such as the integration method chosen when none was given).
//
// Model text nests at most syntax.MaxNesting (200) deep; preparing a run
// takes time linear in the size of its models and stops on an interrupt
// too.
//
// A run stops with a *NaNError when a state variable of a group or of
// synapses that was finite becomes NaN or infinite (scanned every 32 steps
// and at the end), naming the variable, the neuron or synapse and the
// window of time.
//
// Integration methods are registered by name in nsim/integrate: euler,
// exponential_euler, exact (linear, with coefficients constant over a
// step: parameters, TimedArray values, (constant over dt) subexpressions),
// rk2, rk4, heun, milstein. Without Method, the first of exact, euler,
// heun that applies is used, as in Brian2.
//
// Errors are values: *ObjectError (which object and part, wrapping the
// positioned errors of nsim/expr and nsim/equations), *ArgError,
// *MemoryError, *InterruptedError, *StepError (a run stopped after a step
// in which a model failed, e.g. a 2-D TimedArray read out of range). No user input makes nsim panic.
package nsim
