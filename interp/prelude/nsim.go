package prelude

import (
	"fmt"

	"gonsim/nsim"
	"gonsim/nsim/units"
)

// Simulator types under their Brian2 names' Go spelling.
type (
	Option     = nsim.Option
	Group      = nsim.Group
	Object     = nsim.Object
	Recordable = nsim.Recordable
)

// All is the wildcard of S.Indices(i, j): S.Indices(0, All) is Brian2's
// S.indices[0, :].
const All = nsim.All

// NeuronGroup creates n neurons with the model eqs (nsim.NewNeuronGroup);
// an invalid model ends the cell with its error.
func NeuronGroup(n int, eqs string, opts ...Option) *nsim.NeuronGroup {
	g, err := nsim.NewNeuronGroup(n, eqs, opts...)
	Fail(err)
	return g
}

// Synapses connects src to tgt (nsim.NewSynapses); an error ends the cell.
func Synapses(src, tgt Group, opts ...Option) *nsim.Synapses {
	s, err := nsim.NewSynapses(src, tgt, opts...)
	Fail(err)
	return s
}

// SpikeGeneratorGroup fires neuron indices[k] at times[k]
// (nsim.NewSpikeGeneratorGroup); an error ends the cell.
func SpikeGeneratorGroup(n int, indices []int, times any, opts ...Option) *nsim.SpikeGeneratorGroup {
	g, err := nsim.NewSpikeGeneratorGroup(n, indices, times, opts...)
	Fail(err)
	return g
}

// PoissonGroup creates n Poisson sources firing at rates (a frequency,
// one frequency per neuron, or a string expression of t and i in Hz); an
// error ends the cell.
func PoissonGroup(n int, rates any, opts ...Option) *nsim.PoissonGroup {
	g, err := nsim.NewPoissonGroup(n, rates, opts...)
	Fail(err)
	return g
}

// PoissonInput adds the input of n Poisson sources at rate, each spike
// adding weight (a quantity or an expression), to variable targetVar of
// target (nsim.NewPoissonInput); an error ends the cell.
func PoissonInput(target Group, targetVar string, n int, rate, weight any, opts ...Option) *nsim.PoissonInput {
	in, err := nsim.NewPoissonInput(target, targetVar, n, rate, weight, opts...)
	Fail(err)
	return in
}

// TimedArray is Brian2's TimedArray(values, dt) (nsim.NewTimedArray): a
// function of time that model strings call by its variable's name,
// stimulus(t), or stimulus(t, i) for values indexed [time][neuron]. An
// error ends the cell.
func TimedArray(values any, dt any, opts ...Option) *nsim.TimedArray {
	ta, err := nsim.NewTimedArray(values, dt, opts...)
	Fail(err)
	return ta
}

// SpikeMonitor records the spikes of g (nsim.NewSpikeMonitor).
func SpikeMonitor(g Group, opts ...Option) *nsim.SpikeMonitor {
	m, err := nsim.NewSpikeMonitor(g, opts...)
	Fail(err)
	return m
}

// EventMonitor records the custom event (or "spike") of g
// (nsim.NewEventMonitor), as Brian2's EventMonitor(G, 'custom').
func EventMonitor(g Group, event string, opts ...Option) *nsim.EventMonitor {
	m, err := nsim.NewEventMonitor(g, event, opts...)
	Fail(err)
	return m
}

// StateMonitor records variables of g (a group or synapses): vars is one
// name ("v") or a []string, as in Brian2's StateMonitor(G, 'v', record=True).
func StateMonitor(g Recordable, vars any, opts ...Option) *nsim.StateMonitor {
	var names []string
	switch v := vars.(type) {
	case string:
		names = []string{v}
	case []string:
		names = v
	default:
		Fail(fmt.Errorf("StateMonitor: variables must be a string or []string, not %T", vars))
	}
	m, err := nsim.NewStateMonitor(g, names, opts...)
	Fail(err)
	return m
}

// PopulationRateMonitor records the population rate of g.
func PopulationRateMonitor(g Group, opts ...Option) *nsim.PopulationRateMonitor {
	m, err := nsim.NewPopulationRateMonitor(g, opts...)
	Fail(err)
	return m
}

// Network makes a network of its own from objs (most notebooks use the
// default network through Run).
func Network(objs ...Object) *nsim.Network {
	n, err := nsim.NewNetwork(objs...)
	Fail(err)
	return n
}

// Run simulates the default network for d (a time quantity or seconds);
// an error, including an interrupt, ends the cell.
func Run(d any) { Fail(nsim.Run(d)) }

// StartScope forgets the objects created so far (Brian2's start_scope()).
func StartScope() { nsim.StartScope() }

// Seed makes the random numbers of later objects reproducible.
func Seed(n int64) { nsim.Seed(n) }

// SetDt sets the default time step (Brian2's defaultclock.dt = dt).
func SetDt(dt any) { Fail(nsim.SetDefaultDt(dt)) }

// SetMemoryBudget sets how much memory the groups and synapses of a scope
// may hold, as bytes or a size such as "2 GiB" (nsim.SetMemoryBudget; the
// kernelspec's GONSIM_MEMORY_BUDGET sets the default).
func SetMemoryBudget(size any) {
	switch x := size.(type) {
	case int:
		nsim.SetMemoryBudget(int64(x))
	case string:
		b, err := nsim.ParseBytes(x)
		Fail(err)
		nsim.SetMemoryBudget(b)
	default:
		Fail(fmt.Errorf("SetMemoryBudget: want bytes (an int) or a size such as \"2 GiB\", got %T", size))
	}
}

// T is the simulated time of the default network (Brian2's
// defaultclock.t): a Time, which shows as "5. ms".
func T() units.Time { return nsim.T() }

// Store saves the state of the default network under name (default
// "default"; Brian2's store()); an error ends the cell.
func Store(name ...string) { Fail(nsim.Store(name...)) }

// Restore goes back to the state stored under name; random numbers stay
// independent between runs (Brian2's restore()). An unknown name ends the
// cell.
func Restore(name ...string) { Fail(nsim.Restore(name...)) }

// RestoreRandom is Restore that also rewinds the random numbers (Brian2's
// restore(restore_random_state=True)).
func RestoreRandom(name ...string) { Fail(nsim.RestoreRandom(name...)) }

// RunRegularly runs statements on every neuron of g every Dt (Brian2's
// G.run_regularly(code, dt=…)); a bad statement ends the cell.
func RunRegularly(g *nsim.NeuronGroup, code string, opts ...Option) *nsim.Regular {
	r, err := g.RunRegularly(code, opts...)
	Fail(err)
	return r
}

// NetworkOperation calls f(t) every Dt during runs of the default network
// (Brian2's @network_operation(dt=…)); a panic in f ends the run and the
// cell with an error naming the operation.
func NetworkOperation(f func(t units.Time), opts ...Option) *nsim.NetworkOp {
	o, err := nsim.NetworkOperation(f, opts...)
	Fail(err)
	return o
}

// Collect lists the objects of the default network (Brian2's collect()).
func Collect() []Object { return nsim.Collect() }

// Times multiplies numbers by a time unit: Times([]float64{10, 20}, ms).
func Times(values []float64, unit units.Time) []units.Time { return nsim.Times(values, unit) }

// Options of the constructors (see package nsim).

func Threshold(cond string) Option       { return nsim.Threshold(cond) }
func Reset(code string) Option           { return nsim.Reset(code) }
func Refractory(r any) Option            { return nsim.Refractory(r) }
func Method(name string) Option          { return nsim.Method(name) }
func Namespace(ns map[string]any) Option { return nsim.Namespace(ns) }
func Model(eqs string) Option            { return nsim.Model(eqs) }
func OnPre(code string) Option           { return nsim.OnPre(code) }
func OnPost(code string) Option          { return nsim.OnPost(code) }
func Delay(d any) Option                 { return nsim.Delay(d) }
func Condition(cond string) Option       { return nsim.Condition(cond) }
func P(p any) Option                     { return nsim.P(p) }
func I(idx ...int) Option                { return nsim.I(idx...) }
func J(idx ...int) Option                { return nsim.J(idx...) }
func JExpr(expr string) Option           { return nsim.JExpr(expr) }
func OneToOne() Option                   { return nsim.OneToOne() }
func Record(idx ...int) Option           { return nsim.Record(idx...) }
func RecordAll() Option                  { return nsim.RecordAll() }
func Dt(dt any) Option                   { return nsim.Dt(dt) }
func Name(name string) Option            { return nsim.Name(name) }
func Order(n int) Option                 { return nsim.Order(n) }
func Copies(n int) Option                { return nsim.Copies(n) }
func Period(p any) Option                { return nsim.Period(p) }
func When(slot string) Option            { return nsim.When(slot) }

// Options for custom events and the variables monitors record at events.

func Events(ev map[string]string) Option { return nsim.Events(ev) }
func Variables(names ...string) Option   { return nsim.Variables(names...) }

// Options of Connect's string forms and of NewSynapses (Brian2's
// skip_if_invalid, n and multisynaptic_index).

func SkipIfInvalid() Option                 { return nsim.SkipIfInvalid() }
func NSyn(n any) Option                     { return nsim.NSyn(n) }
func MultisynapticIndex(name string) Option { return nsim.MultisynapticIndex(name) }
