package nsim

import (
	"fmt"
	"math"
	"reflect"

	"gonsim/nsim/compile"
	"gonsim/nsim/expr"
	"gonsim/nsim/rng"
	"gonsim/nsim/units"
)

// PoissonGroup is a group of independent Poisson spike sources (Brian2's
// PoissonGroup): in every step neuron i spikes with probability
// rates_i·dt, drawn in the thresholds slot.
//
// With constant rates (one frequency or one per neuron) each neuron draws
// the number of steps to its next spike, a geometric variate, instead of
// one uniform per step: that is the same Bernoulli(rates_i·dt) per step
// in distribution, and a step costs in proportion to its spikes, not to
// the number of neurons (poisson_geometric.go). Rates given as an
// expression are drawn step by step.
type PoissonGroup struct {
	groupCore
	rate     float64   // Hz, when one constant rate
	perRate  []float64 // Hz per neuron, when given as a list
	text     string    // rate expression, when given as a string
	ns       map[string]any
	kern     *compile.Kernel
	rates    []float64
	u        []float64
	streams  []*rng.Stream
	idx      []float64
	tNow, dN float64
	geo      geometricSpikes
}

// NewPoissonGroup creates n Poisson sources firing at rates: a frequency
// (e.g. 20*units.Hertz), one frequency per neuron ([]units.Frequency,
// []units.Quantity or Values in Hz; plain numbers are refused, they have
// no unit), or a string expression of t and i with unit Hz (e.g.
// "10*Hz + i*Hz"), evaluated every step. Rates must not be negative.
// Options: Dt, Namespace, Name, Order.
func NewPoissonGroup(n int, rates any, opts ...Option) (*PoissonGroup, error) {
	const fn = "NewPoissonGroup"
	c, err := applyOptions(fn, []string{"Dt", "Namespace", "Name", "Order"}, opts)
	if err != nil {
		return nil, err
	}
	if n < 1 {
		return nil, &ArgError{fn, "N", fmt.Sprintf("need at least one neuron, got %d", n)}
	}
	g := &PoissonGroup{ns: c.namespace, rates: make([]float64, n), u: make([]float64, n), idx: make([]float64, n)}
	g.n, g.dt, g.order, g.owner = n, c.dt, c.order, g
	for i := range g.idx {
		g.idx[i] = float64(i)
	}
	switch r := rates.(type) {
	case string:
		g.text = r
		g.name = peekName("poissongroup", c.name) // for errors; register sets it
		if _, err := g.compile(); err != nil {
			return nil, err
		}
	case Values:
		if err := g.setPerNeuron(fn, r); err != nil {
			return nil, err
		}
	default:
		if reflect.ValueOf(rates).Kind() == reflect.Slice {
			if err := g.setPerNeuron(fn, r); err != nil {
				return nil, err
			}
			break
		}
		q, err := quantityArg(fn, "rates", rates)
		if err != nil {
			return nil, err
		}
		if q.Dim != freqDim {
			return nil, &ArgError{fn, "rates", fmt.Sprintf("want a rate in Hz, got %s (unit %s)", q, dimString(q.Dim))}
		}
		if !(q.Value >= 0) || math.IsInf(q.Value, 1) {
			return nil, &ArgError{fn, "rates", fmt.Sprintf("rates must be finite and not negative, got %s", q)}
		}
		g.rate = q.Value
	}
	g.seed = newSeed()
	if err := register(g, "poissongroup", c.name); err != nil {
		return nil, err
	}
	return g, nil
}

// setPerNeuron takes one rate per neuron, each a frequency.
func (g *PoissonGroup) setPerNeuron(fn string, rates any) error {
	vals, err := sliceValues("rates", freqDim, rates)
	if err != nil {
		return &ArgError{fn, "rates", err.Error()}
	}
	if len(vals) != g.n {
		return &ArgError{fn, "rates", fmt.Sprintf("%d rates for %d neurons", len(vals), g.n)}
	}
	for i, r := range vals {
		if !(r >= 0) || math.IsInf(r, 1) {
			return &ArgError{fn, "rates", fmt.Sprintf("rate %d is %s: rates must be finite and not negative", i, units.Quantity{Value: r, Dim: freqDim})}
		}
	}
	g.perRate = vals
	return nil
}

func (g *PoissonGroup) compile() (*compile.Kernel, error) {
	n := expr.BuiltinSymbol("N", expr.Constant, nil)
	n.Value = float64(g.n)
	sc := expr.Chain(expr.Symbols{
		"t":  expr.BuiltinSymbol("t", expr.Scalar, nil),
		"dt": expr.BuiltinSymbol("dt", expr.Scalar, nil),
		"i":  expr.BuiltinSymbol("i", expr.Array, nil),
		"N":  n,
	}, userScope(g.ns))
	e, err := expr.Check(g.text, sc)
	if err != nil {
		return nil, &ObjectError{g.name, "rates", err}
	}
	if err := e.Expect(freqDim, "the rates"); err != nil {
		return nil, &ObjectError{g.name, "rates", err}
	}
	return compile.Expr(e, compile.Env{Bind: func(s expr.Symbol) (compile.Binding, error) {
		switch s.Name {
		case "t":
			return compile.Binding{Ptr: &g.tNow}, nil
		case "dt":
			return compile.Binding{Ptr: &g.dN}, nil
		}
		return compile.Binding{Data: &g.idx}, nil
	}, DT: &g.dN}) // DT binds functions such as a TimedArray to the clock
}

func (g *PoissonGroup) ref() groupRef { return groupRef{&g.groupCore, 0, g.n} }

func (g *PoissonGroup) reader(name string, lo int) (varReader, units.Dim, error) {
	if name != "rates" {
		return nil, units.Dim{}, fmt.Errorf("%s has only the variable rates", g.name)
	}
	return func(dst []float64, idx []int32) {
		for k, i := range idx {
			switch {
			case g.perRate != nil:
				dst[k] = g.perRate[int(i)+lo]
			case g.kern == nil:
				dst[k] = g.rate
			default:
				dst[k] = g.rates[int(i)+lo]
			}
		}
	}, freqDim, nil
}

func (g *PoissonGroup) prepare(p *runPlan) ([]*op, error) {
	g.dN = g.clockDt()
	g.kern = nil
	if g.text != "" {
		k, err := g.compile()
		if err != nil {
			return nil, err
		}
		g.kern = k
	} else {
		g.geo.prepare(g, calcStep(p.t0, g.dN))
		return []*op{{name: g.name + "_spike_thresholder", when: whenThresholds, order: g.order, dt: g.dN, run: g.geo.emit}}, nil
	}
	for b := len(g.streams); b*blockSize < g.n; b++ {
		g.streams = append(g.streams, rng.New(g.seed, uint64(b)))
	}
	return []*op{{name: g.name + "_spike_thresholder", when: whenThresholds, order: g.order, dt: g.dN, run: g.emit}}, nil
}

func (g *PoissonGroup) emit(k int64, t float64) {
	g.tNow = t
	if g.kern != nil {
		g.kern.Eval(g.rates)
	}
	g.spikes = g.spikes[:0]
	p := g.rate * g.dN
	for b, s := range g.streams {
		lo := b * blockSize
		hi := min(lo+blockSize, g.n)
		u := g.u[lo:hi]
		s.FillFloat64(u)
		for m, x := range u {
			if g.kern != nil {
				p = g.rates[lo+m] * g.dN
			}
			if x < p {
				g.spikes = append(g.spikes, int32(lo+m))
			}
		}
	}
}
