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

// PoissonGroup creates n Poisson sources firing at rates (a frequency
// or a string expression of t and i in Hz); an error ends the cell.
func PoissonGroup(n int, rates any, opts ...Option) *nsim.PoissonGroup {
	g, err := nsim.NewPoissonGroup(n, rates, opts...)
	Fail(err)
	return g
}

// SpikeMonitor records the spikes of g (nsim.NewSpikeMonitor).
func SpikeMonitor(g Group, opts ...Option) *nsim.SpikeMonitor {
	m, err := nsim.NewSpikeMonitor(g, opts...)
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

// T is the simulated time of the default network, in seconds.
func T() float64 { return nsim.T() }

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
func P(p float64) Option                 { return nsim.P(p) }
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
