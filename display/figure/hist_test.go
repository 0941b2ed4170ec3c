package figure

import (
	"encoding/xml"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// Hist returns numpy.histogram's counts and edges, to the bit where numpy
// does not sum weights in another order. The numbers were printed by numpy
// 1.24 (np.histogram(x, **kwargs)).
func TestHistNumpy(t *testing.T) {
	inf := math.Inf(1)
	tenths := make([]float64, 11)
	for i := range tenths {
		tenths[i] = float64(i) / 10
	}
	wave := make([]float64, 1000)
	for i := range wave {
		wave[i] = math.Sin(float64(i)*1.3)*5 + float64(i)*0.001
	}
	hundredths := make([]float64, 31)
	for i := range hundredths {
		hundredths[i] = 0.1 * float64(i)
	}
	tests := []struct {
		name          string
		x             any
		opts          []any
		counts, edges []float64
		tol           float64 // relative; 0: exact
	}{
		{"default 10 bins", []float64{1, 2, 2, 3, 3, 3, 4, 4, 4, 4}, nil,
			[]float64{1, 0, 0, 2, 0, 0, 3, 0, 0, 4},
			[]float64{1.0, 1.3, 1.6, 1.9, 2.2, 2.5, 2.8, 3.1, 3.4, 3.6999999999999997, 4.0}, 0},
		{"ints, 4 bins", []int{1, 2, 2, 3, 3, 3, 4, 4, 4, 4}, []any{Bins(4)},
			[]float64{1, 2, 3, 4}, []float64{1.0, 1.75, 2.5, 3.25, 4.0}, 0},
		// Values on computed edges land where numpy puts them.
		{"values on edges", tenths, []any{Bins(10)},
			[]float64{1, 1, 2, 0, 1, 2, 1, 0, 1, 2},
			[]float64{0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9, 1.0}, 0},
		{"explicit edges, last bin closed", []float64{0, 0.5, 1, 2.5, 4.9, 5, 6, -1}, []any{Bins([]float64{0, 1, 2.5, 5})},
			[]float64{2, 1, 3}, []float64{0, 1, 2.5, 5}, 0},
		{"range drops NaN, infinities and outliers", []float64{1, math.NaN(), 2, inf, -inf, 11, -0.5, 10, 0}, []any{Range(0, 10), Bins(5)},
			[]float64{2, 1, 0, 0, 1}, []float64{0, 2, 4, 6, 8, 10}, 0},
		{"explicit edges drop NaN", []float64{1, math.NaN(), 2}, []any{Bins([]int{0, 1, 2, 3})},
			[]float64{0, 1, 1}, []float64{0, 1, 2, 3}, 0},
		{"density, unequal bins", []float64{0, 0.5, 1, 2.5, 4.9, 5}, []any{Bins([]float64{0, 1, 2.5, 5}), Density(true)},
			[]float64{0.3333333333333333, 0.1111111111111111, 0.19999999999999998}, []float64{0, 1, 2.5, 5}, 0},
		{"weights", []float64{1, 2, 3, 4, 5, 6}, []any{Bins(3), Weights([]float64{0.5, 1, 1.5, 2, 2.5, -3})},
			[]float64{1.5, 3.5, -0.5}, []float64{1.0, 2.666666666666667, 4.333333333333334, 6.0}, 0},
		{"weights and density", []float64{1, 2, 3, 4, 5, 6}, []any{Bins(3), Weights([]float64{0.5, 1, 1.5, 2, 2.5, 3}), Density(true)},
			[]float64{0.0857142857142857, 0.19999999999999996, 0.3142857142857144}, []float64{1.0, 2.666666666666667, 4.333333333333334, 6.0}, 1e-14},
		{"constant data", []float64{3, 3, 3}, []any{Bins(4)},
			[]float64{0, 0, 3, 0}, []float64{2.5, 2.75, 3.0, 3.25, 3.5}, 0},
		{"no data", []float64{}, []any{Bins(4)},
			[]float64{0, 0, 0, 0}, []float64{0, 0.25, 0.5, 0.75, 1}, 0},
		{"repeated edge", []float64{1, 2, 3}, []any{Bins([]float64{0, 1, 1, 3})},
			[]float64{0, 0, 3}, []float64{0, 1, 1, 3}, 0},
		{"1000 values", wave, []any{Bins(7)},
			[]float64{213, 135, 100, 106, 102, 133, 211},
			[]float64{-4.969475153319073, -3.4037521550568854, -1.8380291567946982, -0.27230615853251106, 1.2934168397296766, 2.859139837991864, 4.424862836254051, 5.9905858345162395}, 0},
		{"range inside the data", hundredths, []any{Bins(3), Range(0.3, 2.4)},
			[]float64{7, 7, 7}, []float64{0.3, 1.0, 1.7000000000000002, 2.4}, 0},
		{"Floatser data", monitorValues{1, 2, 2, 3}, []any{Bins(2)},
			[]float64{1, 3}, []float64{1, 2, 3}, 0},
	}
	for _, tt := range tests {
		reset()
		counts, edges, err := Hist(tt.x, tt.opts...)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !sameFloats(counts, tt.counts, tt.tol) || !sameFloats(edges, tt.edges, 0) {
			t.Errorf("%s:\ncounts %v, want %v\nedges %v, want %v", tt.name, counts, tt.counts, edges, tt.edges)
		}
	}
	// numpy gives NaN densities when nothing is counted.
	reset()
	counts, _, err := Hist([]float64{5}, Range(0, 1), Bins(2), Density(true))
	if err != nil || len(counts) != 2 || !math.IsNaN(counts[0]) || !math.IsNaN(counts[1]) {
		t.Errorf("density of nothing: %v, %v; want [NaN NaN]", counts, err)
	}
	reset()
}

func sameFloats(got, want []float64, tol float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] && !(tol > 0 && math.Abs(got[i]-want[i]) <= tol*math.Abs(want[i])) {
			return false
		}
	}
	return true
}

// failedValues stands for the simulator's Values of a failed request.
type failedValues struct{}

func (failedValues) Floats() []float64 { return nil }
func (failedValues) Err() error        { return errors.New("StateMonitor does not record w") }

// Bad input to Hist, Bar and their options is an error naming the
// function, the option and the culprit.
func TestBarErrors(t *testing.T) {
	x := []float64{1, 2, 3}
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"NaN without range", func() error { _, _, err := Hist([]float64{1, math.NaN()}); return err },
			"Hist: x[1] is NaN, so the data's range is not finite; give Range(lo, hi) or Bins(edges)"},
		{"infinity without range", func() error { _, _, err := Hist([]float64{1, math.Inf(1)}); return err },
			"Hist: the data's range [1, +Inf] is not finite"},
		{"zero bins", func() error { _, _, err := Hist(x, Bins(0)); return err }, "Hist: Bins: 0 bins; want between 1 and 10000000"},
		{"float bins", func() error { _, _, err := Hist(x, Bins(2.5)); return err }, "Hist: Bins: 2.5 is not a number of bins"},
		{"one edge", func() error { _, _, err := Hist(x, Bins([]float64{1})); return err }, "Hist: Bins: 1 edges; want at least 2"},
		{"decreasing edges", func() error { _, _, err := Hist(x, Bins([]float64{0, 2, 1})); return err },
			"Hist: Bins: edges must increase: edge 2 (1) is below edge 1 (2)"},
		{"NaN edge", func() error { _, _, err := Hist(x, Bins([]float64{0, math.NaN()})); return err }, "Hist: Bins: edge 1 is NaN"},
		{"bad edges", func() error { _, _, err := Hist(x, Bins("ten")); return err }, "Hist: Bins: edges: cannot plot a string"},
		{"reversed range", func() error { _, _, err := Hist(x, Range(2, 1)); return err }, "Hist: Range: range [2, 1]: the maximum must not be below the minimum"},
		{"infinite range", func() error { _, _, err := Hist(x, Range(0, math.Inf(1))); return err }, "Hist: Range: range [0, +Inf] is not finite"},
		{"weights length", func() error { _, _, err := Hist(x, Weights([]float64{1, 2})); return err }, "Hist: Weights has 2 values but x has 3"},
		{"histtype", func() error { _, _, err := Hist(x, Histtype("barstacked")); return err }, `Hist: Histtype: unknown histogram type "barstacked"`},
		{"rwidth", func() error { _, _, err := Hist(x, RWidth(1.5)); return err }, "Hist: RWidth: relative width 1.5 is not between 0 and 1"},
		{"several data sets", func() error { _, _, err := Hist([][]float64{x, x}); return err }, "Hist: x: one data set at a time"},
		{"not data", func() error { _, _, err := Hist("abc"); return err }, "Hist: x: cannot plot a string"},
		{"values with an error", func() error { _, _, err := Hist(failedValues{}); return err }, "Hist: x: StateMonitor does not record w"},
		{"plotted values with an error", func() error { return Plot(nil, failedValues{}) }, "Plot: y: StateMonitor does not record w"},
		{"option of Bar", func() error { _, _, err := Hist(x, Width(2)); return err }, "Hist: option Width does not apply here"},
		{"bar lengths", func() error { return Bar(x, []float64{1, 2}) }, "Bar: x has 3 values but height has 2"},
		{"bar widths", func() error { return Bar(x, 1, Width([]float64{1, 2})) }, "Bar: x has 3 values but Width has 2"},
		{"bar data", func() error { return Bar(x, "tall") }, "Bar: height: cannot plot a string"},
		{"bar align", func() error { return Bar(x, x, Align("left")) }, `Bar: Align: unknown alignment "left"`},
		{"bar edge colour", func() error { return Bar(x, x, EdgeColor("blurple")) }, `Bar: EdgeColor: unknown colour "blurple"`},
		{"barh option", func() error { return Barh(x, x, Width(1)) }, "Barh: option Width does not apply here"},
		{"bar option of Hist", func() error { return Bar(x, x, Bins(3)) }, "Bar: option Bins does not apply here"},
	}
	for _, tt := range tests {
		reset()
		err := tt.call()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
	reset()
}

// Bars and histograms autoscale as matplotlib 3.6 does (the limits it
// printed for the same calls): 5% margins, except that a bar's base is a
// sticky edge the margin does not cross.
func TestBarLimits(t *testing.T) {
	four := []float64{1, 2, 2, 3, 3, 3, 4, 4, 4, 4}
	tests := []struct {
		name   string
		draw   func() error
		xl, yl [2]float64
	}{
		{"hist", func() error { _, _, err := Hist(four, Bins(4)); return err }, [2]float64{0.85, 4.15}, [2]float64{0, 4.2}},
		{"hist step density", func() error { _, _, err := Hist(four, Bins(4), Histtype("step"), Density(true)); return err },
			[2]float64{0.85, 4.15}, [2]float64{0, 0.5599999999999999}},
		{"hist rwidth", func() error { _, _, err := Hist(four, Bins(4), RWidth(0.5)); return err }, [2]float64{1.05625, 3.94375}, [2]float64{0, 4.2}},
		{"negative bar", func() error { return Bar([]float64{1, 2, 3}, []float64{3, -1, 2}) }, [2]float64{0.46, 3.54}, [2]float64{-1.2, 3.2}},
		{"bottom", func() error { return Bar([]float64{1, 2, 3}, []float64{3, 1, 2}, Bottom(1)) }, [2]float64{0.46, 3.54}, [2]float64{1, 4.15}},
		{"bottoms", func() error { return Bar([]float64{1, 2, 3}, []float64{1, 2, 3}, Bottom([]float64{1, 2, 0})) }, [2]float64{0.46, 3.54}, [2]float64{0, 4.2}},
		{"all negative", func() error { return Bar([]int{1, 2}, []int{-1, -2}) }, [2]float64{0.51, 2.49}, [2]float64{-2.1, 0}},
		{"barh", func() error { return Barh([]float64{1, 2}, []float64{3, 4}) }, [2]float64{0, 4.2}, [2]float64{0.51, 2.49}},
		{"bar and line", func() error {
			Bar([]float64{1, 2}, []float64{1, 2})
			return Plot([]float64{0, 3}, []float64{-1, 1})
		}, [2]float64{-0.15, 3.15}, [2]float64{-1.15, 2.15}},
		{"categories", func() error { return Bar([]string{"a", "b", "c"}, []float64{1, 2, 3}) }, [2]float64{-0.54, 2.54}, [2]float64{0, 3.15}},
		{"edge aligned", func() error { return Bar([]float64{1, 2}, []float64{1, 2}, Width(0.5), Align("edge")) }, [2]float64{0.925, 2.575}, [2]float64{0, 2.1}},
	}
	for _, tt := range tests {
		reset()
		if err := tt.draw(); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		ax := Gca()
		x0, x1 := limits(ax, true)
		y0, y1 := limits(ax, false)
		got := [4]float64{x0, x1, y0, y1}
		want := [4]float64{tt.xl[0], tt.xl[1], tt.yl[0], tt.yl[1]}
		for i := range got {
			if math.Abs(got[i]-want[i]) > 1e-12 {
				t.Errorf("%s: limits x %g..%g y %g..%g, want x %g..%g y %g..%g", tt.name, x0, x1, y0, y1, want[0], want[1], want[2], want[3])
				break
			}
		}
	}
	reset()
}

// Colours follow matplotlib's two cycles: Hist takes the lines' next
// colour, Bar the bars' own cycle; categories become ticks.
func TestBarCyclesAndCategories(t *testing.T) {
	reset()
	defer reset()
	must(t, Plot([]float64{0, 1}, []float64{0, 1}))
	_, _, err := Hist([]float64{1, 2})
	must(t, err)
	must(t, Bar([]float64{1}, []float64{1}))
	must(t, Bar([]string{"b", "a"}, []float64{1, 2}))
	must(t, Bar([]string{"c", "a"}, []float64{1, 2}, Color("k")))
	ax := Gca()
	c0, _ := parseColor("C0")
	c1, _ := parseColor("C1")
	k, _ := parseColor("k")
	for i, want := range []any{c1, c0, c1, k} {
		if got := *ax.patches[i].face; got != want {
			t.Errorf("patch %d: face %v, want %v", i, got, want)
		}
	}
	if got := ax.xticks.labels; strings.Join(got, " ") != "b a c" || ax.xticks.at[2] != 2 {
		t.Errorf("category ticks %v at %v, want b a c at 0 1 2", got, ax.xticks.at)
	}
	if got := ax.patches[3].polys[0][0].x; got != 2-0.4 {
		t.Errorf(`category "c" bar starts at %g, want 1.6`, got)
	}
}

// The legend lists lines and histograms in order, then bar charts (as
// matplotlib's containers), and a Legend of bars alone is valid.
func TestBarLegendOrder(t *testing.T) {
	reset()
	defer reset()
	must(t, Bar([]float64{1}, []float64{1}, Label("bar")))
	must(t, Plot([]float64{0, 1}, []float64{0, 1}, Label("line")))
	_, _, err := Hist([]float64{1, 2}, Histtype("step"), Label("hist"))
	must(t, err)
	must(t, Legend())
	var got []string
	for _, e := range Gca().legendEntries() {
		got = append(got, e.label)
	}
	if strings.Join(got, ",") != "line,hist,bar" {
		t.Errorf("legend order %v, want line, hist, bar", got)
	}
}

// Golden images of bar charts and histograms, looked at next to
// matplotlib's rendering of the same calls when written.
func TestBarFeatures(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	normal := make([]float64, 1000)
	for i := range normal {
		normal[i] = r.NormFloat64()
	}
	tests := []struct {
		name string
		draw func(t *testing.T)
	}{
		{"hist_bar", func(t *testing.T) {
			_, _, err := Hist(normal, Bins(20))
			must(t, err)
			Xlabel("w")
			Ylabel("count")
		}},
		{"hist_step", func(t *testing.T) {
			_, _, err := Hist(normal, Bins(20), Histtype("step"), Label("step"))
			must(t, err)
			_, _, err = Hist(normal[:300], Bins(20), Histtype("step"), LW(2), Color("k"), Label("step lw 2"))
			must(t, err)
			must(t, Legend())
		}},
		{"hist_stepfilled", func(t *testing.T) {
			_, _, err := Hist(normal, Bins(30), Histtype("stepfilled"), Alpha(0.5), Label("all"))
			must(t, err)
			_, _, err = Hist(normal[:500], Bins(30), Histtype("stepfilled"), Alpha(0.5), EdgeColor("k"), Label("half, edged"))
			must(t, err)
			must(t, Legend(Loc("upper left")))
		}},
		{"hist_density", func(t *testing.T) {
			_, _, err := Hist(normal, Bins([]float64{-4, -2, -1, -0.5, 0, 0.5, 1, 2, 4}), Density(true), RWidth(0.8), EdgeColor("k"))
			must(t, err)
			x, y := wave(200, func(x float64) float64 { return 0 })
			for i := range x {
				x[i] = x[i]*0.8 - 4
				y[i] = math.Exp(-x[i]*x[i]/2) / math.Sqrt(2*math.Pi)
			}
			must(t, Plot(x, y, "k--"))
			Title("density")
		}},
		{"bar_chart", func(t *testing.T) {
			Subplot(121)
			must(t, Bar([]string{"AMPA", "NMDA", "GABA"}, []float64{3, 1.5, -2}))
			must(t, Bar([]string{"AMPA", "NMDA", "GABA"}, []float64{1, 1, 1}, Bottom([]float64{3, 1.5, 0}), Width(0.4), EdgeColor("k"), Color("C3")))
			Axhline(0, "k", LW(0.8))
			Subplot(122)
			must(t, Barh([]float64{1, 2, 3, 4}, []float64{4, 3, 2, 1}, Height(0.5), Color("0.6"), Align("edge")))
			TightLayout()
		}},
		{"bar_legend", func(t *testing.T) {
			must(t, Bar([]float64{1, 2, 3}, []float64{3, 2, 4}, Label("before")))
			must(t, Bar([]float64{1.4, 2.4, 3.4}, []float64{2, 3, 1}, Width(0.4), Alpha(0.7), Label("after")))
			must(t, Plot([]float64{0.5, 3.5}, []float64{2.5, 2.5}, "k:", Label("mean")))
			must(t, Legend())
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reset()
			Figure(5, 3.5)
			tt.draw(t)
			checkGolden(t, "feature_"+tt.name, Gcf())
		})
	}
}

// The SVG output has the bars as filled paths of their colour, clipped to
// the axes, and the step outline as a stroked path.
func TestBarSVG(t *testing.T) {
	reset()
	defer reset()
	f := Figure(4, 3)
	must(t, Bar([]float64{1, 2, 3}, []float64{3, 2, 4}, Color("#123456"), EdgeColor("#654321"), Label("b")))
	_, _, err := Hist([]float64{1, 2, 2, 3, 3, 3}, Bins(3), Histtype("step"), Color("#abcdef"))
	must(t, err)
	must(t, Ylim(0, 3.5)) // the third bar is cut at the top
	must(t, Legend())
	b, err := f.SVG()
	must(t, err)
	fills, edges, steps := 0, 0, 0
	dec := xml.NewDecoder(strings.NewReader(string(b)))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok || el.Name.Local != "path" {
			continue
		}
		var d, style string
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "d":
				d = a.Value
			case "style":
				style = strings.ToLower(a.Value)
			}
		}
		switch {
		case strings.Contains(style, "fill:#123456"):
			fills++
			if strings.Count(d, "L") != 3 || !strings.HasSuffix(d, "Z") {
				t.Errorf("bar path %q is not a closed rectangle", d)
			}
		case strings.Contains(style, "stroke:#654321"):
			edges++
		case strings.Contains(style, "stroke:#abcdef"):
			steps++
			if n := strings.Count(d, "L"); n != 7 {
				t.Errorf("step outline %q has %d lines, want 7", d, n)
			}
		}
	}
	// Three bars and the legend's key, each filled and outlined.
	if fills != 4 || edges != 4 || steps != 1 {
		t.Errorf("SVG has %d bar fills, %d bar outlines, %d step outlines; want 4, 4, 1", fills, edges, steps)
	}
}

// BenchmarkHist counts 1e6 values into 100 bins and draws nothing
// (numpy 1.24's histogram takes about 23 ms of CPU for this on the same
// machine; this about 6 ms).
func BenchmarkHist(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	x := make([]float64, 1_000_000)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	reset()
	defer reset()
	cpu := cpuTime()
	for b.Loop() {
		Figure(4, 3)
		if _, _, err := Hist(x, Bins(100)); err != nil {
			b.Fatal(err)
		}
		TakeFigures()
	}
	reportCPU(b, cpu)
}

// A filled step outline covers exactly the pixels of the touching bars of
// the same histogram, also with many more bins than pixel columns (where
// the outline is simplified before filling).
func TestStepfilledFillsTheBars(t *testing.T) {
	for _, n := range []int{7, 5000} {
		x := make([]float64, n)
		w := make([]float64, n)
		for i := range x {
			x[i] = float64(i) + 0.5
			w[i] = float64(i%997) + 3*math.Sin(float64(i))
		}
		draw := func(histtype string) []uint8 {
			reset()
			Figure(4, 3)
			_, _, err := Hist(x, Bins(n), Weights(w), Histtype(histtype))
			must(t, err)
			img, err := Gcf().Image()
			must(t, err)
			return img.Pix
		}
		bars, filled := draw("bar"), draw("stepfilled")
		diff, blue := 0, 0
		for i := range bars {
			if bars[i] != filled[i] {
				diff++
			}
			if i%4 == 0 && bars[i] == 0x1f && bars[i+1] == 0x77 && bars[i+2] == 0xb4 {
				blue++
			}
		}
		// The bars fill about a third of the 800×600-pixel image.
		if blue < 100000 {
			t.Errorf("%d bins: %d pixels of the bars' colour; want the bars filled", n, blue)
		}
		if diff != 0 {
			t.Errorf("%d bins: the stepfilled histogram differs from the bars in %d bytes", n, diff)
		}
	}
	reset()
}
