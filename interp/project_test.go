package interp

import (
	"context"
	"strings"
	"testing"
	"time"
)

// A Brian2-style simulation in cells: unit names, model strings that
// read notebook variables, errors of the simulator ending the cell.
func TestSimulationCells(t *testing.T) {
	s := newSession(t)
	cells := []cell{
		{code: "StartScope()\ntau := 10*ms\nv0 := -50*mV\nG := NeuronGroup(1, \"dv/dt = (v0 - v)/tau : volt (unless refractory)\", Threshold(\"v > -55*mV\"), Reset(\"v = -70*mV\"), Refractory(5*ms), Method(\"exact\"))\nG.Set(\"v\", -70*mV)\nM := SpikeMonitor(G)\nRun(100*ms)"},
		{code: "M.NumSpikes() > 0", value: "true"},
		{code: "G.Set(\"nosuchvar\", 1)", err: "Error"},
		{code: "NeuronGroup(1, \"dv/dt = -v/tauu : 1\")", err: "tauu"},
	}
	runCells(t, s, cells)
}

// nsim's INFO and WARNING messages show on the cell's stderr, as
// Brian2's do in a notebook.
func TestSimulationMessages(t *testing.T) {
	s := newSession(t)
	cells := []struct{ code, stderr string }{
		{"StartScope()\nG := NeuronGroup(1, \"dv/dt = -v/(10*ms) : 1\")\nRun(1*ms)",
			"INFO: No numerical integration method specified for group \"neurongroup\", using method \"exact\".\n"},
		{"H := NeuronGroup(1, \"v : 1\", Threshold(\"v > 1\"), Name(\"pacer\"))",
			"WARNING: pacer has a threshold but neither reset nor refractoriness: it will spike in every step while above threshold\n"},
		{"StartScope()\nK := NeuronGroup(1, \"dv/dt = -v/(10*ms) : 1\", Method(\"euler\"))\nRun(1*ms)", ""},
	}
	for _, c := range cells {
		r, out := exec(s, c.code)
		if r.Err != nil {
			t.Fatalf("%q: %s", c.code, r.Err)
		}
		if got := out.text("stderr"); got != c.stderr {
			t.Errorf("%q: stderr %q, want %q", c.code, got, c.stderr)
		}
	}
}

func TestSimulationInterrupt(t *testing.T) {
	s := newSession(t)
	exec(s, "StartScope()\nG := NeuronGroup(10000, \"dv/dt = -v/(10*ms) : 1\")")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	r := s.Execute(ctx, "Run(10000*second)", &fakeOutput{})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("interrupting Run took %v", d)
	}
	if r.Err == nil || r.Err.Name != "KeyboardInterrupt" {
		t.Errorf("got %+v, want KeyboardInterrupt", r.Err)
	}
}

func TestFigures(t *testing.T) {
	s := newSession(t)
	r, out := exec(s, "Figure(4, 3)\nPlot([]float64{0, 1, 2}, []float64{1, 0, 1})\nXlabel(\"t\")")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if len(out.displays) != 1 || out.displays[0]["image/png"] == nil {
		t.Fatalf("figure not shown at the end of the cell: %d displays", len(out.displays))
	}
	r, out = exec(s, "display.Show(HTML(\"<i>x</i>\"))")
	if r.Err != nil || r.Value != nil || len(out.displays) != 1 || out.displays[0]["text/html"] != "<i>x</i>" {
		t.Errorf("display.Show as the last line: value %v, displays %v, %+v", r.Value, out.displays, r.Err)
	}
	for _, code := range []string{"h := display.Show(3 * mV)\nh", "h", "(display.Show(4 * mV))"} {
		r, out = exec(s, code)
		if r.Err != nil || r.Value != nil {
			t.Errorf("%q: a *display.Handle is not an execute_result: value %v, %+v", code, r.Value, r.Err)
		}
		if n := strings.Count(code, "Show"); len(out.displays) != n {
			t.Errorf("%q: %d displays, want %d", code, len(out.displays), n)
		}
	}
	r, out = exec(s, "f := Figure(2, 2)\nPlot([]float64{0, 1}, []float64{1, 0})\nf")
	if r.Err != nil || r.Value["image/png"] == nil || len(out.displays) != 0 {
		t.Errorf("a figure as the last line is the execute_result, once: %d displays, %+v", len(out.displays), r.Err)
	}
	r, out = exec(s, "Show(HTML(\"<b>hi</b>\"))\nShow(3 * mV)")
	if r.Err != nil || len(out.displays) != 2 || out.displays[0]["text/html"] != "<b>hi</b>" || out.displays[1]["text/plain"] != "3. mV" {
		t.Errorf("Show: %+v %v", r.Err, out.displays)
	}
}

// A run shows a live progress bar, updated in place through one
// display id (after a second normally; at once here).
func TestProgressBar(t *testing.T) {
	s := newSession(t)
	s.progressAfter = 0
	r, out := exec(s, "StartScope()\nG := NeuronGroup(10000, \"dv/dt = -v/(10*ms) : 1\")\nRun(10*second)")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if len(out.displays) == 0 {
		t.Fatal("no progress display")
	}
	last := out.displays[len(out.displays)-1]
	if txt, _ := last["text/plain"].(string); !strings.Contains(txt, "10. s") {
		t.Errorf("last progress display %q does not say the simulated time", txt)
	}
}

func TestInspectProject(t *testing.T) {
	s := newSession(t)
	exec(s, "G := NeuronGroup(2, \"dv/dt = -v/(10*ms) : 1\")")
	for code, want := range map[string]string{
		"G.Set":               "func (g *NeuronGroup) Set(name string, x any) error",
		"NeuronGroup":         "func NeuronGroup(n int, eqs string, opts ...Option) *nsim.NeuronGroup",
		"nsim.NewNeuronGroup": "func NewNeuronGroup(n int, eqs string, opts ...Option) (*NeuronGroup, error)",
	} {
		b, ok := s.Inspect(code, len(code), 0)
		if got, _ := b["text/plain"].(string); !ok || !strings.HasPrefix(got, want) {
			t.Errorf("Inspect(%q) = %q, want prefix %q", code, got, want)
		}
	}
}
