package nsim

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"gonsim/nsim/units"
)

// Option configures a constructor or a call such as Connect. Each
// function that takes options accepts only the ones that make sense for
// it and names any other in its error.
type Option struct {
	name string
	set  func(*config) error
}

// config collects the options of one call.
type config struct {
	given map[string]bool

	threshold, reset, method string
	refractory               any
	dt                       float64
	namespace                map[string]any
	name                     string
	order                    int

	model, onPre, onPost string
	delay                any

	p         float64
	condition string
	i, j      []int
	jExpr     string
	copies    int

	// Connect's generator syntax, p expressions, n= and multisynaptic index, string delays (feature conn)
	pExpr       string // P given as an expression of i and j
	skipInvalid bool   // SkipIfInvalid
	nSyn        any    // NSyn: int or string
	multisynIdx string // MultisynapticIndex

	recordAll bool
	record    []int

	period float64

	when slot // run_regularly, network operations (regular.go)
	// Monitored variables and custom events (SpikeMonitor/EventMonitor, NeuronGroup).
	variables []string
	events    map[string]string
}

func applyOptions(fn string, allowed []string, opts []Option) (*config, error) {
	c := &config{given: map[string]bool{}, p: 1, copies: 1}
	for _, o := range opts {
		if o.set == nil {
			return nil, &ArgError{fn, "", "zero Option value"}
		}
		ok := false
		for _, a := range allowed {
			if a == o.name {
				ok = true
				break
			}
		}
		if !ok {
			s := append([]string(nil), allowed...)
			sort.Strings(s)
			return nil, &ArgError{fn, o.name, fmt.Sprintf("option %s does not apply to %s (it takes %s)", o.name, fn, strings.Join(s, ", "))}
		}
		if c.given[o.name] {
			return nil, &ArgError{fn, o.name, "option given twice"}
		}
		if err := o.set(c); err != nil {
			return nil, &ArgError{fn, o.name, err.Error()}
		}
		c.given[o.name] = true
	}
	c.namespace = withCreationLocals(c.namespace) // names in model strings
	return c, nil
}

// Threshold sets a group's spike condition, e.g. "v > -20*mV". It is
// evaluated after the state update of each step.
func Threshold(cond string) Option {
	return Option{"Threshold", func(c *config) error { c.threshold = cond; return nil }}
}

// Reset sets the statements run for each neuron that spiked, e.g.
// "v = 0; vt += 0.4*i". They run in order, each seeing the previous ones'
// writes.
func Reset(code string) Option {
	return Option{"Reset", func(c *config) error { c.reset = code; return nil }}
}

// Refractory sets a group's refractory period: a time (3*ms), or a string
// that is either a time expression ("tref") or a condition ("v > -50*mV",
// refractory while true).
func Refractory(r any) Option {
	return Option{"Refractory", func(c *config) error {
		switch r.(type) {
		case string:
		default:
			if _, err := secondsArg("Refractory", "", r); err != nil {
				return fmt.Errorf("want a time or a string, got %v", r)
			}
		}
		c.refractory = r
		return nil
	}}
}

// Method chooses the integration method by name: "euler",
// "exponential_euler", "exact" (or "linear"), "rk2", "rk4", "heun",
// "milstein". Without it, the method is chosen as Brian2 does (exact,
// then euler, then heun) and reported through the logger.
func Method(name string) Option {
	return Option{"Method", func(c *config) error { c.method = name; return nil }}
}

// Dt gives an object its own time step (e.g. 0.01*ms), used by its
// clock and by the monitors that record it.
func Dt(dt any) Option {
	return Option{"Dt", func(c *config) error {
		s, err := secondsArg("Dt", "", dt)
		if err != nil {
			return err
		}
		if !(s > 0) {
			return fmt.Errorf("dt must be positive, got %s", formatSeconds(s))
		}
		c.dt = s
		return nil
	}}
}

// Namespace gives values for names used in the object's model strings;
// it is searched before the resolver set with SetResolver. Values are
// units.Quantifier, float64, int or bool.
func Namespace(ns map[string]any) Option {
	return Option{"Namespace", func(c *config) error { c.namespace = ns; return nil }}
}

// Name gives the object an explicit name instead of "neurongroup_2" etc.
// Names decide the order of objects within a scheduling slot.
func Name(name string) Option {
	return Option{"Name", func(c *config) error {
		if name == "" {
			return fmt.Errorf("empty name")
		}
		c.name = name
		return nil
	}}
}

// Order sets an object's order within its scheduling slot (default 0;
// lower runs first).
func Order(n int) Option {
	return Option{"Order", func(c *config) error { c.order = n; return nil }}
}

// Model sets a Synapses model, e.g. "w : 1".
func Model(eqs string) Option {
	return Option{"Model", func(c *config) error { c.model = eqs; return nil }}
}

// OnPre sets the statements run for each synapse of a presynaptic spike,
// e.g. "ge += we" (a bare name is the synapse's variable if it has one,
// otherwise the postsynaptic neuron's).
func OnPre(code string) Option {
	return Option{"OnPre", func(c *config) error { c.onPre = code; return nil }}
}

// OnPost sets the statements run for each synapse of a postsynaptic spike.
func OnPost(code string) Option {
	return Option{"OnPost", func(c *config) error { c.onPost = code; return nil }}
}

// Delay sets the delay of the synapses of a Synapses object: a time, or a
// string expression of time evaluated for every synapse when Connect
// creates it (Delay("1*ms + i*ms"); i, j, synaptic and pre-/postsynaptic
// variables are available). Set later with SetExpr("delay", "j*2*ms") or
// Set("delay", ...).
func Delay(d any) Option {
	return Option{"Delay", func(c *config) error {
		if s, ok := d.(string); ok {
			if strings.TrimSpace(s) == "" {
				return fmt.Errorf("empty delay expression")
			}
			c.delay = s
			return nil
		}
		s, err := secondsArg("Delay", "", d)
		if err != nil {
			return err
		}
		if !(s >= 0) || math.IsInf(s, 1) {
			return fmt.Errorf("the delay must be a finite, non-negative time")
		}
		c.delay = d
		return nil
	}}
}

// P sets Connect's connection probability: a number in [0, 1] (P(0.1)),
// or a string expression of i, j and pre-/postsynaptic variables
// evaluated for every candidate pair (P("exp(-(i-j)**2/10)")), which must
// be dimensionless and give values within [0, 1].
func P(p any) Option {
	return Option{"P", func(c *config) error {
		if s, ok := p.(string); ok {
			if strings.TrimSpace(s) == "" {
				return fmt.Errorf("empty probability expression")
			}
			c.pExpr = s
			return nil
		}
		q, err := quantityArg("P", "", p)
		if err != nil {
			return fmt.Errorf("want a probability (a number or a string expression), got %v (%T)", p, p)
		}
		if q.Dim != (units.Dim{}) {
			return fmt.Errorf("the probability must be dimensionless, got %s", q)
		}
		if !(q.Value >= 0 && q.Value <= 1) {
			return fmt.Errorf("probability must be in [0, 1], got %g", q.Value)
		}
		c.p = q.Value
		return nil
	}}
}

// Condition restricts the pairs of Connect to those where the condition
// holds, e.g. "i != j" or "abs(i-j) < 3"; it may use pre- and postsynaptic
// variables (v_pre, x_post).
func Condition(cond string) Option {
	return Option{"Condition", func(c *config) error { c.condition = cond; return nil }}
}

// I lists the presynaptic indices of Connect's explicit pairs (with J).
func I(idx ...int) Option {
	return Option{"I", func(c *config) error { c.i = append([]int(nil), idx...); return nil }}
}

// J lists the postsynaptic indices of Connect's explicit pairs (with I).
func J(idx ...int) Option {
	return Option{"J", func(c *config) error { c.j = append([]int(nil), idx...); return nil }}
}

// JExpr gives the postsynaptic indices of each presynaptic neuron i, as
// Brian2's connect(j='…') does: an expression of i ("i" one-to-one, "i+1",
// "i+1 if i < N_pre-1") or generator syntax
// ("k for k in range(i-2, i+3) if k >= 0 and k < N_post",
// "k for k in sample(N_post, p=0.1)"), see Connect.
func JExpr(expr string) Option {
	return Option{"JExpr", func(c *config) error { c.jExpr = expr; return nil }}
}

// OneToOne connects neuron i to neuron i (JExpr("i")).
func OneToOne() Option {
	return Option{"JExpr", func(c *config) error { c.jExpr = "i"; return nil }}
}

// Copies makes Connect create n synapses for each connected pair.
func Copies(n int) Option {
	return Option{"Copies", func(c *config) error {
		if n < 1 {
			return fmt.Errorf("want at least 1 copy, got %d", n)
		}
		c.copies = n
		return nil
	}}
}

// RecordAll makes a StateMonitor record every neuron (the default).
func RecordAll() Option {
	return Option{"Record", func(c *config) error { c.recordAll = true; return nil }}
}

// Record makes a StateMonitor record only the given neurons.
func Record(idx ...int) Option {
	return Option{"Record", func(c *config) error {
		c.record = append([]int(nil), idx...)
		if len(idx) == 0 {
			c.record = []int{}
		}
		return nil
	}}
}

// Period makes a SpikeGeneratorGroup repeat its spike pattern.
func Period(p any) Option {
	return Option{"Period", func(c *config) error {
		s, err := secondsArg("Period", "", p)
		if err != nil {
			return err
		}
		if !(s >= 0) || math.IsInf(s, 1) {
			return fmt.Errorf("the period must be a finite, non-negative time")
		}
		c.period = s
		return nil
	}}
}
