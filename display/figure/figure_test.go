package figure

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strings"
	"testing"
	"time"
)

// Bad input gives an error naming the function and the culprit; the cell
// that made the call ends with it.
func TestErrors(t *testing.T) {
	x := []float64{1, 2, 3}
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"length mismatch", func() error { return Plot(x, []float64{1, 2}) }, "Plot: x has 3 values but y has 2"},
		{"row mismatch", func() error { return Plot(x, [][]float64{{1, 2, 3}, {1}}) }, "Plot: x has 3 values but row 1 of y has 1"},
		{"not data", func() error { return Plot(x, "abc") }, "Plot: y: cannot plot a string"},
		{"map data", func() error { return Plot(map[int]int{}, x) }, "Plot: x: cannot plot a map[int]int"},
		{"bad format", func() error { return Plot(x, x, "--q") }, `Plot: format string "--q": unknown character 'q'`},
		{"bad colour", func() error { return Plot(x, x, Color("blurple")) }, `Plot: Color: unknown colour "blurple"`},
		{"bad alpha", func() error { return Plot(x, x, Alpha(2)) }, "Plot: Alpha: alpha 2 is not between 0 and 1"},
		{"bad line style", func() error { return Plot(x, x, LS("~")) }, `Plot: LS: unknown line style "~"`},
		{"bad marker", func() error { return Plot(x, x, Marker("Q")) }, `Plot: Marker: unknown marker "Q"`},
		{"option for another function", func() error { return Plot(x, x, FontSize(12)) }, "Plot: option FontSize does not apply here"},
		{"not an option", func() error { return Plot(x, x, 3) }, "Plot: argument 1 has type int"},
		{"label with format string", func() error { return Xlabel("t", "--") }, `Xlabel: unexpected string "--"`},
		{"unbalanced math", func() error { return Ylabel("$I") }, `Ylabel("$I"): unbalanced $`},
		{"bad font size", func() error { return Title("t", FontSize(-1)) }, "Title: FontSize: font size -1 is not between 0 and 1000 points"},
		{"equal limits", func() error { return Xlim(1, 1) }, "Xlim(1, 1): limits must be finite and different"},
		{"tick labels", func() error { return Xticks([]float64{1, 2}, "a") }, "Xticks: 2 positions but 1 labels"},
		{"axhline NaN", func() error { return Axhline(nan()) }, "Axhline(NaN): position must be finite"},
		{"legend without labels", func() error { Plot(x, x); return Legend() }, "Legend: no line, bar or histogram of these axes has a Label(...)"},
		{"subplot index", func() error { return Subplot(327).Plot(x, x) }, "Subplot: index 7 is out of range 1..6 for a 3×2 grid"},
		{"subplot digits", func() error { return Subplot(32).Err() }, "Subplot(32): a single number needs three digits"},
		{"subplot then pyplot call", func() error { Subplot(3, 2, 9); return Xlabel("t") }, "Subplot: index 9 is out of range"},
		{"figure size", func() error { return Figure(-1, 3).Err() }, "Figure(-1, 3): width and height must be between 0 and 100 inches"},
		{"figure dpi", func() error { Figure(4, 3, 5); return Plot(x, x) }, "Figure: dpi 5 is not between 10 and 1000"},
		{"save extension", func() error { Plot(x, x); return Savefig("out.jpg") }, `Savefig("out.jpg"): unknown extension ".jpg"`},
		{"inline format", func() error { return InlineFormat("gif") }, `InlineFormat("gif"): want "png", "svg" or "text"`},
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

func nan() float64 { var z float64; return z / z }

type monitorValues []float64

func (m monitorValues) Floats() []float64 { return m }

type allNeurons [][]float64

func (a allNeurons) Rows() [][]float64 { return a }

type millivolt float64

// Data plot directly from the forms users have: slices of any numeric
// type, values with Floats (the simulator's monitors), rows of traces.
func TestDataForms(t *testing.T) {
	tests := []struct {
		name   string
		x, y   any
		traces int
	}{
		{"float64", []float64{0, 1, 2}, []float64{1, 2, 3}, 1},
		{"ints", []int{0, 1, 2}, []int32{1, 2, 3}, 1},
		{"typed floats", []float64{0, 1, 2}, []millivolt{-65, -60, -55}, 1},
		{"array", [3]float64{0, 1, 2}, []float64{1, 2, 3}, 1},
		{"Floatser", monitorValues{0, 1, 2}, monitorValues{1, 2, 3}, 1},
		{"rows", []float64{0, 1, 2}, [][]float64{{1, 2, 3}, {3, 2, 1}}, 2},
		{"Rowser", []float64{0, 1, 2}, allNeurons{{1, 2, 3}, {3, 2, 1}, {0, 0, 0}}, 3},
		{"slice of Floatsers", []float64{0, 1, 2}, []monitorValues{{1, 2, 3}, {3, 2, 1}}, 2},
		{"nil x", nil, []float64{5, 6, 7}, 1},
	}
	for _, tt := range tests {
		reset()
		if err := Plot(tt.x, tt.y); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		ax := Gca()
		if len(ax.lines) != tt.traces {
			t.Errorf("%s: %d traces, want %d", tt.name, len(ax.lines), tt.traces)
			continue
		}
		if got := ax.lines[0].x; len(got) != 3 || got[2] != 2 {
			t.Errorf("%s: x = %v, want [0 1 2]", tt.name, got)
		}
	}
	// A figure keeps the data as they were when plotted.
	reset()
	y := []float64{1, 2, 3}
	Plot(nil, y)
	y[0] = 100
	if Gca().lines[0].y[0] != 1 {
		t.Error("Plot keeps a reference to the caller's slice")
	}
	reset()
}

// Autoscaling ignores non-finite values and widens constant data as
// matplotlib does.
func TestLimits(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		y      []float64
		lo, hi float64
	}{
		{[]float64{0, 10}, -0.5, 10.5},
		{[]float64{0, nan(), 10, inf, -inf}, -0.5, 10.5},
		{[]float64{0, 0}, -0.055, 0.055},
		{[]float64{2, 2}, 1.89, 2.11},
		{[]float64{nan(), nan()}, 0, 1},
	}
	for _, tt := range tests {
		reset()
		Plot(nil, tt.y)
		lo, hi := limits(Gca(), false)
		if math.Abs(lo-tt.lo) > 1e-9 || math.Abs(hi-tt.hi) > 1e-9 {
			t.Errorf("limits of %v = %g, %g; want %g, %g", tt.y, lo, hi, tt.lo, tt.hi)
		}
	}
	reset()
}

func TestCurrentFigureState(t *testing.T) {
	reset()
	if figs := TakeFigures(); len(figs) != 0 {
		t.Fatalf("TakeFigures after reset = %d figures", len(figs))
	}
	Plot(nil, []float64{1, 2}) // creates a default figure
	f1 := Gcf()
	if f1.String() != "<Figure size 640x480 with 1 Axes>" {
		t.Errorf("default figure %s", f1)
	}
	f2 := Figure(10, 6)
	Subplot(321)
	Subplot(3, 2, 2)
	again := Subplot(321)
	if len(f2.axes) != 2 || Gca() != again || again != f2.axes[0] {
		t.Errorf("Subplot(321) twice should select the same axes; figure has %d axes", len(f2.axes))
	}
	if s := Subplot(3, 2, 2).String(); s != "<Axes 322>" {
		t.Errorf("Axes.String() = %q", s)
	}
	f1.Close()
	if figs := TakeFigures(); len(figs) != 1 || figs[0] != f2 {
		t.Errorf("TakeFigures() = %v, want [f2]", figs)
	}
	if figs := TakeFigures(); len(figs) != 0 {
		t.Errorf("TakeFigures() twice returned %d figures", len(figs))
	}
}

// An interrupted cell stops rendering promptly: the context is polled while
// lines are stroked.
func TestRenderCancellation(t *testing.T) {
	reset()
	defer reset()
	f := reliableTiming(t, true)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.ImageContext(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("render with a cancelled context: err = %v, want context.Canceled", err)
	}
	// The interrupted render is compared with a whole one measured just
	// before, so that both see the same machine load.
	start := time.Now()
	if _, err := f.ImageContext(context.Background()); err != nil {
		t.Fatal(err)
	}
	whole := time.Since(start)
	ctx, cancel = context.WithTimeout(context.Background(), whole/20)
	defer cancel()
	start = time.Now()
	_, err := f.ImageContext(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("render past its deadline: err = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > whole/2 {
		t.Errorf("render returned %v after a %v deadline; a whole render takes %v", d, whole/20, whole)
	}
	SetContext(ctx)
	defer SetContext(nil)
	b := f.MIMEBundle()
	if _, ok := b["image/png"]; ok || !strings.Contains(b["text/plain"].(string), "not drawn: context deadline exceeded") {
		t.Errorf("bundle of an interrupted render = %v", b)
	}
}

func TestSVG(t *testing.T) {
	reset()
	defer reset()
	f := Figure(4, 3)
	Plot([]float64{0, 1, 2, 3}, []float64{0, 5, -5, 1}, Label("v"))
	Plot([]float64{1, 2}, []float64{0, 0}, "o", MFC("none"))
	Ylim(-1, 1)
	Xlabel("Time (ms)")
	Legend()
	if err := InlineFormat("svg"); err != nil {
		t.Fatal(err)
	}
	defer InlineFormat("png")
	b := f.MIMEBundle()
	svg, ok := b["image/svg+xml"].(string)
	if !ok {
		t.Fatalf("bundle has no SVG: %v", b)
	}
	if _, ok := b["image/png"]; ok {
		t.Error("SVG bundle also has a PNG")
	}
	dec := xml.NewDecoder(strings.NewReader(svg))
	texts := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		if c, ok := tok.(xml.CharData); ok {
			texts += string(c)
		}
	}
	for _, want := range []string{"Time (ms)", "−1.0", "v"} {
		if !strings.Contains(texts, want) {
			t.Errorf("SVG text lacks %q", want)
		}
	}
	if !strings.Contains(svg, "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;") {
		t.Error("SVG text has no sans-serif fallback")
	}
	if len(f.MIMEMetadata()) != 0 {
		t.Errorf("SVG figures need no size metadata, got %v", f.MIMEMetadata())
	}
}

// The golden comparison must see a real change and ignore none.
func TestGoldenComparisonDetectsChanges(t *testing.T) {
	draw := func(ylo float64) *Fig {
		reset()
		f := Figure(4, 3)
		Plot([]float64{0, 1, 2}, []float64{0, 1, 0})
		Ylim(ylo, 1.5)
		return f
	}
	a, err := draw(-0.5).Image()
	must(t, err)
	b, err := draw(-0.5).Image()
	must(t, err)
	c, err := draw(-0.6).Image()
	must(t, err)
	if d := diff(a, b); d != "" {
		t.Errorf("identical figures differ: %s", d)
	}
	if d := diff(a, c); d == "" {
		t.Error("figures with other limits compare equal")
	}
	reset()
}
