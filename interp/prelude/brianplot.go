package prelude

import (
	"errors"
	"fmt"
	"math"

	"gonsim/display/figure"
	"gonsim/nsim"
	"gonsim/nsim/units"
)

// Brian2's plotting helpers (brian2tools' brian_plot and plot_*): one
// call draws a monitor or a connectivity on the current axes, labelled
// as brian2tools labels them, with time in ms. Options go to the
// underlying Plot, Scatter or Imshow.

// plotTime is brian2tools' default time unit.
const plotTimeUnit = units.Millisecond

// PlotRaster draws a spike monitor's spikes as dots, time against neuron
// index (brian2tools' plot_raster: black '.' markers).
func PlotRaster(m *nsim.SpikeMonitor, opts ...any) {
	if m == nil {
		Fail(errors.New("PlotRaster: nil spike monitor"))
	}
	t := scaled(m.T().Floats(), float64(plotTimeUnit))
	idx := m.I()
	i := make([]float64, len(idx))
	for k, v := range idx {
		i[k] = float64(v)
	}
	Fail(figure.Plot(t, i, append([]any{".", figure.Color("k")}, opts...)...))
	Fail(figure.Xlabel("time (ms)"))
	Fail(figure.Ylabel("neuron index"))
}

// PlotState draws a state monitor's variable for every recorded neuron
// against time, in the variable's best unit (brian2tools' plot_state).
func PlotState(m *nsim.StateMonitor, variable string, opts ...any) {
	if m == nil {
		Fail(errors.New("PlotState: nil state monitor"))
	}
	vs := m.All(variable)
	if len(vs) == 0 {
		Fail(fmt.Errorf("PlotState: %s records no neuron", m))
	}
	for _, v := range vs {
		if v.Err() != nil {
			Fail(fmt.Errorf("PlotState: %w", v.Err()))
		}
	}
	u, label := bestUnit(vs)
	rows := make([][]float64, len(vs))
	for k, v := range vs {
		rows[k] = scaled(v.Floats(), u)
	}
	Fail(figure.Plot(scaled(m.T().Floats(), float64(plotTimeUnit)), rows, opts...))
	Fail(figure.Xlabel("time (ms)"))
	Fail(figure.Ylabel(variable + label))
}

// PlotRate draws a population rate monitor's rate in Hz against time
// (brian2tools' plot_rate).
func PlotRate(m *nsim.PopulationRateMonitor, opts ...any) {
	if m == nil {
		Fail(errors.New("PlotRate: nil population rate monitor"))
	}
	Fail(figure.Plot(scaled(m.T().Floats(), float64(plotTimeUnit)), m.Rate().Floats(), opts...))
	Fail(figure.Xlabel("time (ms)"))
	Fail(figure.Ylabel("rate (Hz)"))
}

// synapseMatrixFrom is where PlotSynapses switches from a scatter of the
// synapses to a matrix of their counts, as brian2tools switches plot
// types for many synapses.
const synapseMatrixFrom = 1000

// PlotSynapses draws a connectivity: a dot per synapse, source index
// against target index, or, from 1000 synapses on, the matrix of synapse
// counts per pair (brian2tools' plot_synapses).
func PlotSynapses(s *nsim.Synapses, opts ...any) {
	if s == nil {
		Fail(errors.New("PlotSynapses: nil synapses"))
	}
	is, js := s.I(), s.J()
	if len(is) < synapseMatrixFrom {
		x, y := make([]float64, len(is)), make([]float64, len(js))
		for k := range is {
			x[k], y[k] = float64(is[k]), float64(js[k])
		}
		Fail(figure.Scatter(x, y, append([]any{figure.Color("k"), figure.Sizes(12)}, opts...)...))
	} else {
		ni, nj := 0, 0
		for k := range is {
			ni, nj = max(ni, is[k]+1), max(nj, js[k]+1)
		}
		z := make([][]float64, nj)
		for r := range z {
			z[r] = make([]float64, ni)
		}
		for k := range is {
			z[js[k]][is[k]]++
		}
		Fail(figure.Imshow(z, append([]any{figure.Origin("lower"), figure.Cmap("gray_r"), figure.Aspect("auto"), figure.Vmin(0)}, opts...)...))
	}
	Fail(figure.Xlabel("source neuron index"))
	Fail(figure.Ylabel("target neuron index"))
}

func scaled(v []float64, u float64) []float64 {
	for i := range v {
		v[i] /= u
	}
	return v
}

// bestUnit is the unit Brian2 prints the largest of the values in (1 and
// no label for dimensionless ones) and its axis-label suffix " (mV)".
func bestUnit(vs []nsim.Values) (float64, string) {
	big := 0.0
	for _, v := range vs {
		for _, x := range v.Floats() {
			if !math.IsNaN(x) && !math.IsInf(x, 0) {
				big = math.Max(big, math.Abs(x))
			}
		}
	}
	u, ok := units.BestUnit(units.Quantity{Value: big, Dim: vs[0].Dim()})
	if !ok {
		return 1, ""
	}
	return u.Scale, " (" + u.Display + ")"
}
