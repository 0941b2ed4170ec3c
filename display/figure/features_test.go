package figure

import (
	"math"
	"testing"
)

func wave(n int, f func(x float64) float64) (xs, ys []float64) {
	xs, ys = make([]float64, n), make([]float64, n)
	for i := range xs {
		xs[i] = 10 * float64(i) / float64(n-1)
		ys[i] = f(xs[i])
	}
	return xs, ys
}

// Golden images of each plot feature, one small figure per feature. The
// images in testdata were looked at when written; regenerate them with
// go test -update and look again.
func TestFeatures(t *testing.T) {
	x, sin := wave(200, math.Sin)
	_, cos := wave(200, math.Cos)
	tests := []struct {
		name string
		draw func(t *testing.T)
	}{
		{"linestyles", func(t *testing.T) {
			must(t, Plot(x, sin, "-", Label("solid")))
			must(t, Plot(x, cos, "--", Label("dashed")))
			_, y := wave(200, func(x float64) float64 { return 0.5 * math.Sin(2*x) })
			must(t, Plot(x, y, ":", LW(3), Label("dotted lw 3")))
			_, y = wave(200, func(x float64) float64 { return -0.5 * math.Cos(2*x) })
			must(t, Plot(x, y, LS("-."), LW(0.75), Label("dash-dot lw 0.75")))
			must(t, Legend())
		}},
		{"markers", func(t *testing.T) {
			for i, m := range []string{"o", ".", ",", "|", "_", "+", "x", "s"} {
				xs := []float64{1, 2, 3, 4, 5}
				ys := []float64{float64(i), float64(i), float64(i), float64(i), float64(i)}
				must(t, Plot(xs, ys, m, MS(10)))
			}
			must(t, Plot([]float64{6, 7, 8}, []float64{3, 4, 5}, "o", Color("r"), MFC("none"), MS(12), MEW(2)))
			must(t, Plot([]float64{6, 7, 8}, []float64{1, 2, 3}, "s-", Color("k"), MFC("y"), MEC("b")))
			Title("o . , | _ + x s, open circles, filled squares")
		}},
		{"format_strings", func(t *testing.T) {
			must(t, Plot(x, sin, "-k"))
			must(t, Plot(x, cos, "--g"))
			must(t, Plot(every(x, 20), every(sin, 20), "ro"))
			must(t, Plot(every(x, 10), every(cos, 10), "|C4", MS(12)))
			must(t, Plot(x, sin, "C1:", LW(2)))
		}},
		{"colour_cycle", func(t *testing.T) {
			for k := 0; k < 10; k++ {
				_, y := wave(50, func(x float64) float64 { return float64(k) + 0.3*math.Sin(x) })
				must(t, Plot(x[:50], y))
			}
			Title("C0 … C9")
		}},
		{"many_traces_alpha", func(t *testing.T) {
			rows := make([][]float64, 25)
			for k := range rows {
				_, rows[k] = wave(200, func(x float64) float64 { return math.Sin(x + 0.05*float64(k)) })
			}
			must(t, Plot(x, rows, "-k", Alpha(0.05)))
			must(t, Plot(x, rows[:3], Alpha(0.5), LW(3)))
		}},
		{"axhline_axvline", func(t *testing.T) {
			must(t, Plot(x, sin))
			must(t, Axhline(0.5, LS("--"), Color("g"), LW(2)))
			must(t, Axvline(3, Color("r")))
			must(t, Axhline(-2, "k:"))
		}},
		{"labels_title_fontsize", func(t *testing.T) {
			must(t, Plot(x, sin))
			must(t, Xlabel("Time (ms)", FontSize(14)))
			must(t, Ylabel("Input current $I$ ($\\mu$A)"))
			must(t, Title("A title, 12 pt", FontSize(12)))
			TightLayout()
		}},
		{"limits", func(t *testing.T) {
			must(t, Plot(x, sin))
			must(t, Xlim(2, 6))
			must(t, Ylim(-0.5, 1.5))
		}},
		{"ticks", func(t *testing.T) {
			ax := Subplot(121)
			must(t, Plot(x, sin))
			must(t, Xticks(nil))
			must(t, Yticks(nil))
			ax.SetFrameOn(false)
			Subplot(122)
			must(t, Plot(x, sin))
			must(t, Xticks([]float64{0, math.Pi, 2 * math.Pi, 3 * math.Pi}, "0", "π", "2π", "3π"))
			must(t, Yticks([]float64{-1, 0, 1}))
			TightLayout()
		}},
		{"legend_locations", func(t *testing.T) {
			for i, loc := range []string{"upper left", "upper right", "lower left", "lower right"} {
				Subplot(2, 2, i+1)
				must(t, Plot(x, sin, Label("sin")))
				must(t, Axhline(0, "k--", Label("zero")))
				must(t, Legend(Loc(loc), FontSize(8)))
				Title(loc)
			}
			TightLayout()
		}},
		{"subplots_sharey", func(t *testing.T) {
			a := Subplot(221)
			must(t, Plot(x, sin))
			Subplot(222, Sharey(a))
			_, big := wave(200, func(x float64) float64 { return 3 * math.Cos(x) })
			must(t, Plot(x, big, Color("C1")))
			Subplot(223)
			must(t, Plot(x, cos, Color("C2")))
			Xlabel("x")
			Subplot(224)
			must(t, Plot(x, sin, "k"))
			Xlabel("x")
			TightLayout()
		}},
		{"default_layout", func(t *testing.T) {
			Subplot(211)
			must(t, Plot(x, sin))
			Ylabel("sin")
			Subplot(212)
			must(t, Plot(x, cos))
			Ylabel("cos")
			Xlabel("x")
		}},
		{"multiline_text", func(t *testing.T) {
			must(t, Plot(x, sin))
			must(t, Title("Membrane potential\nof neuron 0"))
			must(t, Ylabel("v\n(mV)"))
			must(t, Xlabel("Time (ms)"))
			TightLayout()
		}},
		{"gaps_and_frame", func(t *testing.T) {
			y := append([]float64(nil), sin...)
			for i := 80; i < 100; i++ {
				y[i] = math.NaN()
			}
			must(t, Plot(x, y))
			SetFrameOn(false)
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

func every(v []float64, n int) []float64 {
	var out []float64
	for i := 0; i < len(v); i += n {
		out = append(out, v[i])
	}
	return out
}
