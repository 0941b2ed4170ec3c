package interp

import (
	"strings"
	"testing"
)

// Brian2's plotting helpers and the new plot kinds as notebook cells
// write them: a raster, a state trace, a rate, a connectivity, an f–I
// curve on log axes with a scatter, an image with a colorbar. The axis
// labels are read from the figure's SVG.
func TestFigureCells(t *testing.T) {
	s := newSession(t)
	r, out := exec(s, `StartScope()
G := NeuronGroup(20, "dv/dt = (1.2 - v) / (10*ms) : 1", Threshold("v > 1"), Reset("v = 0"), Method("exact"))
G.SetExpr("v", "rand()")
S := Synapses(G, G, Model("w : 1"), OnPre("v_post += 0.01"))
S.Connect(Condition("i != j"), P(0.2))
spikes := SpikeMonitor(G)
M := StateMonitor(G, "v", Record(0, 1))
R := PopulationRateMonitor(G)
Run(50*ms)
Figure(8, 6)
Subplot(221)
PlotRaster(spikes)
Subplot(222)
PlotState(M, "v")
Subplot(223)
PlotRate(R)
Subplot(224)
PlotSynapses(S)
TightLayout()
b, _ := Gcf().SVG()
svg := string(b)
for _, l := range []string{"time (ms)", "neuron index", ">v<", "rate (Hz)", "source neuron index", "target neuron index"} {
	fmt.Println(l, strings.Contains(svg, l))
}`)
	if r.Err != nil {
		t.Fatalf("cell failed: %s: %s", r.Err.Name, r.Err.Value)
	}
	if got := out.text("stdout"); strings.Contains(got, "false") {
		t.Errorf("labels missing from the figure:\n%s", got)
	}
	if len(out.displays) != 1 || out.displays[0]["image/png"] == nil {
		t.Fatalf("%d displays, want the figure", len(out.displays))
	}

	r, out = exec(s, `I := []float64{0.1, 0.3, 1, 3, 10}
f := []float64{2, 8, 20, 45, 90}
Scatter(I, f, Colors(f), Cmap("plasma"), Sizes(40))
Colorbar(Label("rate (Hz)"))
Xscale("log")
Errorbar(I, f, Yerr(5), LS("none"), Color("k"), Capsize(2))
FillBetween(I, f, 0, Alpha(0.2))
Annotate("threshold", 0.3, 8, XYText(1, 60), Arrow("->"))
fig, axs := Subplots(1, 2, Sharey(true))
axs[0][0].Imshow([][]float64{{1, 2}, {3, 4}})
axs[0][1].Plot([]float64{0, 1}, []float64{0, 1})
fig.Suptitle("two")
fmt.Println(fig)`)
	if r.Err != nil {
		t.Fatalf("cell failed: %s: %s", r.Err.Name, r.Err.Value)
	}
	if got := out.text("stdout"); got != "<Figure size 640x480 with 2 Axes>\n" || len(out.displays) != 2 {
		t.Errorf("stdout %q, %d displays; want two figures", got, len(out.displays))
	}

	for _, c := range []struct{ code, err string }{
		{`PlotState(M, "u")`, `ArgError: PlotState: StateMonitor.Of: name: statemonitor does not record "u"`},
		{`Imshow([]float64{1, 2})`, "Error: Imshow: want rows of values"},
		{`Scatter([]float64{1}, []float64{1}, Cmap("nope"), Colors([]float64{1}))`, `Error: Scatter: Cmap: unknown colormap "nope"`},
		{`Colorbar()`, "Error: Colorbar: nothing colour-mapped to show"},
		{`Yscale("ln")`, `Error: Yscale("ln"): unknown scale`},
	} {
		r, _ := exec(s, c.code)
		if r.Err == nil || !strings.HasPrefix(r.Err.Name+": "+r.Err.Value, c.err) {
			t.Errorf("%s: error %+v, want %q", c.code, r.Err, c.err)
		}
	}
}
