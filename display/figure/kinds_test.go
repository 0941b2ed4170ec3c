package figure

import (
	"bytes"
	"encoding/xml"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// Golden images of the plot kinds beyond lines, bars and histograms:
// markers, scatter, error bars, bands, spans, text, images and colormaps.
// The images in testdata were looked at when written (and set beside
// matplotlib's of the same calls); regenerate them with go test -update
// and look again.
func TestKinds(t *testing.T) {
	x, sin := wave(200, math.Sin)
	r := rand.New(rand.NewPCG(1, 2))
	tests := []struct {
		name string
		w, h float64
		draw func(t *testing.T)
	}{
		{"markers_all", 5, 3.5, func(t *testing.T) {
			for i, m := range []string{"o", "s", "^", "v", "<", ">", "D", "d", "p", "h", "8", "*", "+", "x", "."} {
				y := float64(i % 5)
				x0 := float64(i/5) * 4
				must(t, Plot([]float64{x0, x0 + 1}, []float64{y, y}, m, MS(10)))
				must(t, Plot([]float64{x0 + 2}, []float64{y}, m, MS(10), MFC("none"), Color("k")))
			}
			must(t, Title("o s ^ v < > D d p h 8 * + x ., filled and open"))
		}},
		{"scatter_sizes_colours", 5, 3.5, func(t *testing.T) {
			n := 60
			xs, ys, s, c := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
			for i := range xs {
				xs[i], ys[i] = r.Float64()*10, r.Float64()*5
				s[i] = 10 + 190*r.Float64()
				c[i] = xs[i] + ys[i]
			}
			must(t, Scatter(xs, ys, Sizes(s), Colors(c), Cmap("plasma"), Alpha(0.8)))
			must(t, Colorbar(Label("x + y")))
			must(t, Xlabel("x"))
		}},
		{"scatter_markers_legend", 5, 3.5, func(t *testing.T) {
			xs, ys := make([]float64, 300), make([]float64, 300)
			for i := range xs {
				xs[i], ys[i] = r.NormFloat64(), r.NormFloat64()
			}
			must(t, Scatter(xs, ys, Alpha(0.3), Label("alpha 0.3")))
			must(t, Scatter([]float64{-2, -1, 0, 1, 2}, []float64{2, 2, 2, 2, 2}, Marker("^"), Sizes(80), Color("k"), Label("^ k")))
			must(t, Scatter([]float64{-2, -1, 0, 1, 2}, []float64{-2.5, -2.5, -2.5, -2.5, -2.5}, Marker("x"), Sizes(60), Label("x")))
			must(t, Scatter([]float64{-2, 0, 2}, []float64{3, 3, 3}, Marker("s"), Sizes(100), Colors([]string{"r", "g", "b"}), EdgeColor("k"), LW(1)))
			must(t, Legend(Loc("lower right")))
		}},
		{"errorbar", 5, 3.5, func(t *testing.T) {
			xs := []float64{1, 2, 3, 4, 5}
			must(t, Errorbar(xs, []float64{2, 3, 2.5, 4, 3.5}, Yerr([]float64{0.2, 0.4, 0.3, 0.5, 0.2}), Capsize(3), Label("yerr, caps")))
			must(t, Errorbar(xs, []float64{1, 1.5, 1, 2, 1.2}, "o", Yerr([][]float64{{0.1, 0.1, 0.1, 0.1, 0.1}, {0.5, 0.5, 0.5, 0.5, 0.5}}),
				Xerr(0.2), Label("asymmetric, xerr")))
			must(t, Legend(Loc("upper left")))
		}},
		{"fill_between", 5, 3.5, func(t *testing.T) {
			lo, hi := make([]float64, len(x)), make([]float64, len(x))
			for i := range x {
				lo[i], hi[i] = sin[i]-0.3, sin[i]+0.3
			}
			must(t, FillBetween(x, lo, hi, Alpha(0.3), Label("mean ± sd")))
			must(t, Plot(x, sin, Label("mean")))
			_, c := wave(200, func(x float64) float64 { return -1.5 + 0.3*math.Cos(x) })
			must(t, FillBetween(x, c, -2, Color("C2")))
			must(t, Legend())
		}},
		{"spans", 5, 3.5, func(t *testing.T) {
			must(t, Plot(x, sin))
			must(t, Axvspan(2, 4, Alpha(0.3), Color("r")))
			must(t, Axhspan(-0.25, 0.25, Alpha(0.2)))
			must(t, Axvspan(7, 8, Color("0.8")))
		}},
		{"text_annotate", 5, 3.5, func(t *testing.T) {
			must(t, Plot(x, sin))
			must(t, Text(0.5, -0.8, "left baseline"))
			must(t, Text(5, 0, "centre", HA("center"), VA("center"), FontSize(14), Color("C3")))
			must(t, Text(9.5, -0.8, "rotated", HA("right"), Rotation(30)))
			must(t, Annotate("peak", math.Pi/2, 1, XYText(3, 0.5), Arrow("->")))
			must(t, Annotate("trough", 3*math.Pi/2, -1, XYText(6.5, -0.5), Arrow("-|>")))
		}},
		{"imshow_colorbar", 5, 3.5, func(t *testing.T) {
			z := make([][]float64, 20)
			for i := range z {
				z[i] = make([]float64, 30)
				for j := range z[i] {
					z[i][j] = math.Sin(float64(j)/5) * math.Cos(float64(i)/4)
				}
			}
			z[3][4] = math.NaN()
			must(t, Imshow(z))
			must(t, Colorbar(Label("rate (Hz)")))
			must(t, Title("viridis, NaN transparent"))
		}},
		{"imshow_lower_extent", 5, 3.5, func(t *testing.T) {
			z := [][]float64{{0, 1, 2}, {3, 4, 5}}
			must(t, Imshow(z, Origin("lower"), Extent(0, 30, 0, 10), Cmap("hot"), Aspect("auto"), Vmin(-1)))
			must(t, Colorbar())
			must(t, Xlabel("x"))
		}},
		{"pcolormesh", 5, 3.5, func(t *testing.T) {
			xe := []float64{0, 1, 2, 4, 8}
			ye := []float64{-1, 0, 0.5, 1}
			z := [][]float64{{-2, -1, 0, 1}, {1, 2, 0, -1}, {0, 1, -2, 2}}
			must(t, Pcolormesh(xe, ye, z, Cmap("RdBu"), Vmin(-2), Vmax(2)))
			must(t, Colorbar())
			must(t, Plot([]float64{0, 8}, []float64{-1, 1}, "k--"))
		}},
		{"colormaps", 5, 3.5, func(t *testing.T) {
			names := []string{"viridis", "plasma", "inferno", "magma", "cividis", "gray", "hot", "coolwarm", "RdBu"}
			row := make([]float64, 64)
			for j := range row {
				row[j] = float64(j)
			}
			var at []float64
			for i, n := range names {
				y := float64(len(names) - 1 - i)
				must(t, Pcolormesh(nil, []float64{y - 0.4, y + 0.4}, [][]float64{row}, Cmap(n)))
				at = append(at, y)
			}
			must(t, Yticks(at, names...))
			must(t, Xticks(nil))
			TightLayout()
		}},
		{"log_axes", 6, 3, func(t *testing.T) {
			// An f–I curve on log axes, and a power law.
			I := []float64{0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100}
			f := make([]float64, len(I))
			for i, v := range I {
				f[i] = 40 * math.Log1p(v)
			}
			Subplot(121)
			must(t, Plot(I, f, "o-"))
			must(t, Xscale("log"))
			must(t, Xlabel("I (nA)"))
			must(t, Ylabel("rate (Hz)"))
			Subplot(122)
			xs := []float64{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}
			ys := make([]float64, len(xs))
			for i, v := range xs {
				ys[i] = 3 / (v * v)
			}
			must(t, Plot(xs, ys, "s--"))
			must(t, Xscale("log"))
			must(t, Yscale("log"))
			TightLayout()
		}},
		{"symlog", 5, 3.5, func(t *testing.T) {
			xs, ys := make([]float64, 201), make([]float64, 201)
			for i := range xs {
				xs[i] = float64(i-100) / 10
				ys[i] = math.Sinh(xs[i]) * 10
			}
			must(t, Plot(xs, ys))
			must(t, Yscale("symlog"))
		}},
		{"twinx", 5, 3.5, func(t *testing.T) {
			must(t, Plot(x, sin, Color("C0")))
			must(t, Ylabel("v (mV)"))
			must(t, Xlabel("t (ms)"))
			ax2 := Twinx()
			_, big := wave(200, func(x float64) float64 { return 100 * math.Cos(x) })
			must(t, ax2.Plot(x, big, Color("C1")))
			must(t, ax2.Ylabel("I (pA)"))
			TightLayout()
		}},
		{"subplots_suptitle", 6, 4, func(t *testing.T) {
			reset()
			f, axs := Subplots(2, 2, Sharex(true), Figsize(6, 4))
			if f.Err() != nil {
				t.Fatal(f.Err())
			}
			for r := range axs {
				for c, ax := range axs[r] {
					_, y := wave(200, func(v float64) float64 { return float64(r+1) * math.Sin(v*float64(c+1)) })
					must(t, ax.Plot(x, y, Color("C"+string(rune('0'+2*r+c)))))
					must(t, ax.SetTitle("row "+string(rune('0'+r))+", column "+string(rune('0'+c))))
				}
			}
			must(t, axs[1][0].SetXlabel("x"))
			must(t, axs[0][0].SetXlim(0, 5))
			must(t, f.Suptitle("Subplots(2, 2, Sharex(true))"))
			f.TightLayout()
		}},
		{"aspect_equal", 5, 3.5, func(t *testing.T) {
			th := make([]float64, 101)
			cx, cy := make([]float64, 101), make([]float64, 101)
			for i := range th {
				th[i] = 2 * math.Pi * float64(i) / 100
				cx[i], cy[i] = math.Cos(th[i]), math.Sin(th[i])
			}
			must(t, Plot(cx, cy))
			must(t, Gca().SetAspect("equal"))
			must(t, Title("a circle, aspect equal"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reset()
			Figure(tt.w, tt.h)
			tt.draw(t)
			// The SVG of every kind is a well-formed document.
			b, err := Gcf().SVG()
			if err != nil {
				t.Fatal(err)
			}
			if err := xml.NewDecoder(bytes.NewReader(b)).Decode(new(any)); err != nil {
				t.Errorf("SVG: %v", err)
			}
			checkGolden(t, "kind_"+tt.name, Gcf())
		})
	}
}

// Bad input to the new kinds is an error naming the function, the option
// and the culprit.
func TestKindErrors(t *testing.T) {
	x := []float64{1, 2, 3}
	z := [][]float64{{1, 2}, {3, 4}}
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"scatter lengths", func() error { return Scatter(x, []float64{1}) }, "Scatter: x has 3 values but y has 1"},
		{"scatter sizes", func() error { return Scatter(x, x, Sizes([]float64{1, 2})) }, "Scatter: x has 3 values but Sizes has 2"},
		{"negative size", func() error { return Scatter(x, x, Sizes(-1)) }, "Scatter: Sizes: size 0 is -1"},
		{"scatter colours", func() error { return Scatter(x, x, Colors([]float64{1})) }, "Scatter: x has 3 values but Colors has 1"},
		{"colour name", func() error { return Scatter(x, x, Colors([]string{"r", "blurple", "g"})) }, `Scatter: Colors: colour 1: unknown colour "blurple"`},
		{"cmap name", func() error { return Scatter(x, x, Colors(x), Cmap("viridian")) }, `Scatter: Cmap: unknown colormap "viridian" (known: Blues, Greys`},
		{"cmap without values", func() error { return Scatter(x, x, Cmap("hot")) }, "Scatter: Cmap, Vmin and Vmax need Colors given as numbers"},
		{"colors and color", func() error { return Scatter(x, x, Colors(x), Color("r")) }, "Scatter: give Colors or Color, not both"},
		{"errorbar length", func() error { return Errorbar(x, x, Yerr([]float64{1, 2})) }, "Errorbar: x has 3 values but Yerr has 2"},
		{"negative error", func() error { return Errorbar(x, x, Xerr(-1)) }, "Errorbar: Xerr: error 0 is -1; errors must not be negative"},
		{"three error rows", func() error { return Errorbar(x, x, Yerr([][]float64{x, x, x})) }, "Errorbar: Yerr: 3 rows"},
		{"fill length", func() error { return FillBetween(x, x, []float64{1, 2}) }, "FillBetween: x has 3 values but y2 has 2"},
		{"span NaN", func() error { return Axvspan(nanValue(), 1) }, "Axvspan(NaN, 1): limits must be finite"},
		{"imshow one row", func() error { return Imshow(x) }, "Imshow: want rows of values ([][]float64), got one row"},
		{"imshow ragged", func() error { return Imshow([][]float64{{1, 2}, {3}}) }, "Imshow: row 1 has 1 values but row 0 has 2"},
		{"imshow empty", func() error { return Imshow([][]float64{}) }, "Imshow: no values"},
		{"origin", func() error { return Imshow(z, Origin("top")) }, `Imshow: Origin: unknown origin "top"`},
		{"extent", func() error { return Imshow(z, Extent(0, 0, 0, 1)) }, "Imshow: Extent: extent (0, 0, 0, 1) is empty"},
		{"aspect", func() error { return Imshow(z, Aspect(-1)) }, "Imshow: Aspect: aspect -1: want a positive number"},
		{"mesh edges", func() error { return Pcolormesh([]float64{0, 1, 2, 3, 4}, nil, z) }, "Pcolormesh: x has 5 values; want 3 edges or 2 centres"},
		{"mesh order", func() error { return Pcolormesh([]float64{0, 2, 1}, nil, z) }, "Pcolormesh: x must increase or decrease"},
		{"colorbar alone", func() error { Plot(x, x); return Colorbar() }, "Colorbar: nothing colour-mapped to show"},
		{"text NaN", func() error { return Text(nanValue(), 0, "a") }, "Text(NaN, 0): position must be finite"},
		{"text align", func() error { return Text(0, 0, "a", HA("middle")) }, `Text: HA: unknown horizontal alignment "middle"`},
		{"arrow style", func() error { return Annotate("a", 0, 0, Arrow("=>")) }, `Annotate: Arrow: unknown arrow style "=>"`},
		{"text option", func() error { return Text(0, 0, "a", Arrow("->")) }, "Text: option Arrow does not apply here"},
		{"scale name", func() error { return Xscale("ln") }, `Xscale("ln"): unknown scale (want "linear", "log" or "symlog")`},
		{"log threshold", func() error { return Yscale("log", 3) }, `Yscale("log"): a linear threshold is for "symlog" only`},
		{"symlog threshold", func() error { return Yscale("symlog", -1) }, "Yscale: linear threshold -1 must be positive"},
		{"twin of twin", func() error { return Twinx().Twinx().Err() }, "Twinx: these axes are a twin already"},
		{"subplots grid", func() error { f, _ := Subplots(0, 2); return f.Err() }, "Subplots: a 0×2 grid is not possible"},
		{"subplots share axes", func() error { f, _ := Subplots(1, 2, Sharex(Gca())); return f.Err() }, `Subplots: Sharex takes true, "col" or "row" here`},
		{"subplots option", func() error { f, _ := Subplots(1, 2, LW(2)); return f.Err() }, "Subplots: option LW does not apply here"},
		{"share false", func() error { f, _ := Subplots(1, 2, Sharey(false)); return f.Err() }, "Subplots: Sharey: false shares nothing"},
		{"aspect", func() error { return Gca().SetAspect("square") }, `SetAspect: unknown aspect "square"`},
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

// SVG text is drawn as glyph outlines, so that it looks the same without
// the font; the words stay as invisible text, for search and selection.
func TestSVGTextAsOutlines(t *testing.T) {
	reset()
	defer reset()
	Figure(3, 2)
	must(t, Plot([]float64{0, 1}, []float64{0, 1}))
	must(t, Title("Ag"))
	plain, err := Gcf().SVG()
	if err != nil {
		t.Fatal(err)
	}
	must(t, Title(""))
	untitled, err := Gcf().SVG()
	if err != nil {
		t.Fatal(err)
	}
	svg := string(plain)
	texts := strings.Count(svg, "<text")
	if texts == 0 || strings.Count(svg, `fill:none">`) != texts {
		t.Errorf("%d text elements, %d of them invisible; want all", texts, strings.Count(svg, `fill:none">`))
	}
	// "A" and "g" are two more filled outlines (and one more text).
	if d := strings.Count(svg, "<path") - strings.Count(string(untitled), "<path"); d != 2 {
		t.Errorf("the title added %d paths, want its 2 glyphs", d)
	}
}

// InlineFormat("text") shows figures as their description only, for a
// frontend that would open images in an external viewer.
func TestInlineText(t *testing.T) {
	reset()
	defer reset()
	defer InlineFormat("png")
	must(t, InlineFormat("text"))
	f := Figure(6.4, 4.8)
	must(t, Plot([]float64{0, 1}, []float64{0, 1}))
	b := f.MIMEBundle()
	if len(b) != 1 || b["text/plain"] != "<Figure size 640x480 with 1 Axes>" {
		t.Errorf("bundle %v, want the description alone", b)
	}
	if md := f.MIMEMetadata(); len(md) != 0 {
		t.Errorf("metadata %v, want none", md)
	}
}
