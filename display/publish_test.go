package display

import (
	"encoding/base64"
	"image/png"
	"strings"
	"testing"
	"time"

	"gonsim/display/figure"
)

type message struct {
	data, md map[string]any
	id       string
	update   bool
}

// record installs a publisher that keeps what is published.
func record(t *testing.T) *[]message {
	var got []message
	SetPublisher(func(data, md map[string]any, id string, update bool) {
		got = append(got, message{data, md, id, update})
	})
	t.Cleanup(func() { SetPublisher(nil); SetClearer(nil) })
	return &got
}

func TestShowAndUpdate(t *testing.T) {
	got := record(t)
	h := Show(Markdown("first"))
	h.Update(HTML("<i>second</i>"))
	Show(3.5)
	if len(*got) != 3 {
		t.Fatalf("published %d messages, want 3", len(*got))
	}
	m0, m1, m2 := (*got)[0], (*got)[1], (*got)[2]
	if m0.id == "" || m0.id != h.ID() || m0.update {
		t.Errorf("Show published id %q update %v; want the handle's id %q, update false", m0.id, m0.update, h.ID())
	}
	if m1.id != m0.id || !m1.update || m1.data["text/html"] != "<i>second</i>" {
		t.Errorf("Update published %+v; want an update of %q", m1, m0.id)
	}
	if m2.id == m0.id || m2.data["text/plain"] != "3.5" {
		t.Errorf("Show(3.5) published %+v; want a new display with text/plain 3.5", m2)
	}
}

func TestClear(t *testing.T) {
	var waits []bool
	SetClearer(func(wait bool) { waits = append(waits, wait) })
	t.Cleanup(func() { SetClearer(nil) })
	Clear(true)
	Clear(false)
	if len(waits) != 2 || !waits[0] || waits[1] {
		t.Errorf("clearer got %v, want [true false]", waits)
	}
}

// A figure made in a cell is returned by TakeFigures at its end; one shown
// explicitly is published at once (a sharp PNG with its display size in
// the metadata) and not returned again.
func TestFiguresInCell(t *testing.T) {
	got := record(t)
	TakeFigures()
	figure.Figure(4, 3)
	figure.Plot([]float64{0, 1, 2}, []float64{1, 0, 1})
	shown := figure.Gcf()
	Show(shown)
	figure.Figure(2, 2)
	figure.Plot(nil, []float64{3, 1, 2})
	left := figure.Gcf()

	if len(*got) != 1 {
		t.Fatalf("Show published %d messages, want 1", len(*got))
	}
	m := (*got)[0]
	raw, err := base64.StdEncoding.DecodeString(m.data["image/png"].(string))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	size := m.md["image/png"].(map[string]any)
	if w := size["width"].(int); cfg.Width != 2*w || cfg.Height != 2*size["height"].(int) {
		t.Errorf("PNG is %d×%d pixels for a display of %v×%v; want twice the display size", cfg.Width, cfg.Height, w, size["height"])
	}
	if m.data["text/plain"] != "<Figure size 400x300 with 1 Axes>" {
		t.Errorf("text/plain = %q", m.data["text/plain"])
	}
	figs := TakeFigures()
	if len(figs) != 1 || figs[0] != left {
		t.Errorf("TakeFigures() = %v, want only the figure not shown", figs)
	}
	if again := TakeFigures(); len(again) != 0 {
		t.Errorf("second TakeFigures() = %v, want none", again)
	}
}

func TestProgressBar(t *testing.T) {
	got := record(t)
	b := NewProgressBar()
	for ms := 0; ms <= 2000; ms += 10 {
		b.Report(Progress{Fraction: float64(ms) / 4000, Elapsed: time.Duration(ms) * time.Millisecond})
	}
	b.Done(Progress{Fraction: 1, Elapsed: 4 * time.Second})
	msgs := *got
	// Shown at 1 s, then every 100 ms until 2 s (10 updates), then Done.
	if len(msgs) != 12 {
		t.Fatalf("published %d messages, want 12", len(msgs))
	}
	if msgs[0].update || !msgs[1].update || msgs[0].id != msgs[11].id {
		t.Errorf("want one display then updates of the same id")
	}
	if p := msgs[0].data["text/plain"].(string); !strings.Contains(p, " 25%") || !strings.Contains(p, "1. s elapsed, ~3. s left") {
		t.Errorf("first bar %q, want 25%% and times", p)
	}
	if h := msgs[11].data["text/html"].(string); !strings.Contains(h, `<progress value="1.0000"`) {
		t.Errorf("final html %q, want a full bar", h)
	}

	*got = nil
	short := NewProgressBar()
	short.Report(Progress{Fraction: 0.5, Elapsed: 300 * time.Millisecond})
	short.Done(Progress{Fraction: 1, Elapsed: 600 * time.Millisecond})
	if len(*got) != 0 || short.Shown() {
		t.Errorf("a run shorter than a second published %d messages, want none", len(*got))
	}
}

func TestProgressText(t *testing.T) {
	tests := []struct {
		p    Progress
		want string
	}{
		{Progress{Fraction: 0}, "[..............................]   0%  0. s elapsed"},
		{Progress{Fraction: 0.5, Elapsed: 1500 * time.Millisecond, Text: "x"}, "[###############...............]  50%  1.5 s elapsed, ~1.5 s left  x"},
		{Progress{Fraction: 2, Elapsed: 12 * time.Second}, "[##############################] 100%  12. s elapsed"},
		{Progress{Fraction: 0.1, Elapsed: 123456 * time.Microsecond}, "[###...........................]  10%  123. ms elapsed, ~1.1 s left"},
		{Progress{Fraction: 0.01, Elapsed: 90 * time.Second}, "[..............................]   1%  90. s elapsed, ~8910. s left"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.p, got, tt.want)
		}
	}
	if h := (Progress{Text: "<b>"}).MIMEBundle()["text/html"].(string); strings.Contains(h, "<b>") {
		t.Errorf("HTML does not escape the text: %s", h)
	}
}

// A cell ending with a figure value shows it once, not again at its end.
func TestBundleOfFigureClosesIt(t *testing.T) {
	TakeFigures()
	figure.Plot(nil, []float64{1, 2, 3})
	data, md, ok := Bundle(figure.Gcf())
	if !ok || data["image/png"] == nil || md["image/png"] == nil {
		t.Fatalf("Bundle(figure) = %v, %v, %v", ok, md, data["text/plain"])
	}
	if figs := TakeFigures(); len(figs) != 0 {
		t.Errorf("TakeFigures() after Bundle = %d figures, want 0", len(figs))
	}
}
