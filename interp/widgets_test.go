package interp

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"gonsim/display/widget"
)

// commOutput is a fakeOutput that also records comm messages, in order
// with the rest (as the frontend sees them on iopub).
type commFake struct {
	fakeOutput
	parent string
	mu     sync.Mutex
	comms  []widget.Message
	events []string // "comm:<method or type>", "stream:<text>", "display"
}

func (c *commFake) Comm(m widget.Message) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.comms = append(c.comms, m)
	ev := m.Type
	if s, ok := m.Data["state"].(map[string]any); ok && m.Type == "comm_msg" {
		if id, ok := s["msg_id"]; ok {
			ev = "msg_id=" + id.(string)
		}
	}
	c.events = append(c.events, ev)
}

func (c *commFake) Stream(name, text string) {
	c.fakeOutput.Stream(name, text)
	c.mu.Lock()
	c.events = append(c.events, name+":"+strings.TrimSpace(text))
	c.mu.Unlock()
}

func (c *commFake) Display(data, md Bundle, id string, update bool) {
	c.fakeOutput.Display(data, md, id, update)
	c.mu.Lock()
	c.events = append(c.events, "display")
	c.mu.Unlock()
}

func (c *commFake) ParentID() string { return c.parent }

// opened is the model id of the first comm_open whose state has key=value.
func (c *commFake) opened(key string, value any) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, m := range c.comms {
		if m.Type == "comm_open" && m.Data["state"].(map[string]any)[key] == value {
			return m.CommID
		}
	}
	return ""
}

func widgetUpdate(id string, state map[string]any) widget.Message {
	return widget.Message{Type: "comm_msg", CommID: id, Data: map[string]any{"method": "update", "state": state, "buffer_paths": []any{}}}
}

// TestWidgetCells runs widgets as notebook cells write them: a slider
// observed by a Go callback, and Interact over the LIF of section 3,
// whose callback re-simulates and plots into its Output area.
func TestWidgetCells(t *testing.T) {
	s := newSession(t)

	cell := &commFake{parent: "cell-1"}
	r := s.Execute(context.Background(), `n := IntSlider("n", 3, 0, 10)
n.Observe(func(c Change) { fmt.Println("n is now", c.New) })
n`, cell)
	if r.Err != nil {
		fatalf(t, s, "%v", r.Err)
	}
	id := cell.opened("description", "n")
	if id == "" || r.Value[widget.ViewMIME] == nil || !strings.Contains(plain(r), `IntSlider(description="n", value=3`) {
		fatalf(t, s, "no slider shown: %v / %v", r.Value, cell.comms)
	}
	msg := &commFake{parent: "comm-1"}
	if !s.Comm(context.Background(), widgetUpdate(id, map[string]any{"value": 7.0}), msg) {
		fatalf(t, s, "update not delivered")
	}
	if got := msg.text("stdout"); got != "n is now 7\n" {
		errorf(t, s, "callback printed %q", got)
	}
	if r, _ := exec(s, "n.Value()"); plain(r) != "7" {
		errorf(t, s, "n.Value() = %s after the update", plain(r))
	}

	cell = &commFake{parent: "cell-2"}
	r = s.Execute(context.Background(), "StartScope()\n"+`box := Interact(func(tau Time, I Current) {
	StartScope()
	G := NeuronGroup(1, "dv/dt = (I/nA - v)/tau : 1", Threshold("v>1"), Reset("v=0"), Method("euler"))
	times := make([]Time, 4)
	for k := range times {
		times[k] = Time(1+k) * 10 * ms
	}
	G_in := SpikeGeneratorGroup(1, make([]int, 4), times)
	S := Synapses(G_in, G, OnPre("v += 0.6"))
	S.Connect(P(1))
	spikes := SpikeMonitor(G)
	Run(50 * ms)
	fmt.Println("tau", tau, "I", I, "spikes:", spikes.T())
	Figure(4, 2)
	Plot([]float64{0, 1}, []float64{0, 1})
}, Between(1*ms, 50*ms, 1*ms).From(15*ms), Between(0*nA, 2*nA, 0.1*nA).From(0*nA))
box`, cell)
	if r.Err != nil {
		fatalf(t, s, "%v", r.Err)
	}
	if !strings.Contains(cell.text("stdout"), "tau 15. ms I 0. A spikes: [30.1] ms") {
		errorf(t, s, "first run printed %q", cell.text("stdout"))
	}
	tau := cell.opened("description", "tau (ms)")
	if tau == "" {
		fatalf(t, s, "no tau slider; comms %v", cell.comms)
	}
	msg = &commFake{parent: "comm-2"}
	start := time.Now()
	s.Comm(context.Background(), widgetUpdate(tau, map[string]any{"value": 30.0}), msg)
	logf(s, "slider to figure in the session: %v", time.Since(start))
	want := []string{"msg_id=comm-2", "stdout:tau 30. ms I 0. A spikes: [20.1 40.1] ms", "display", "msg_id="}
	got := strings.Join(msg.events, " | ")
	if got != strings.Join(want, " | ") {
		errorf(t, s, "callback events:\n got %s\nwant %s", got, strings.Join(want, " | "))
	}
}

// TestWidgetCallbackFailures: a panicking callback is reported in its
// Output area and the widget keeps working; a looping one is stopped by
// an interrupt, and the session stays usable.
func TestWidgetCallbackFailures(t *testing.T) {
	s := newSession(t)
	cell := &commFake{parent: "cell"}
	r := s.Execute(context.Background(), `k := IntSlider("k", 0, 0, 10)
out := Output()
k.Observe(func(c Change) {
	out.Capture(true, func() {
		if k.Value() == 1 {
			var m map[string]int
			m["x"] = 1
		}
		for k.Value() == 2 {
		}
		fmt.Println("k =", k.Value())
	})
})
VBox(k, out)`, cell)
	if r.Err != nil {
		fatalf(t, s, "%v", r.Err)
	}
	id := cell.opened("description", "k")
	msg := &commFake{parent: "p1"}
	s.Comm(context.Background(), widgetUpdate(id, map[string]any{"value": 1.0}), msg)
	if e := strings.Join(msg.events, " | "); !strings.HasPrefix(e, "msg_id=p1 | stderr:panic in Capture callback of IntSliderModel") && !strings.Contains(e, "panic") || !strings.HasSuffix(e, "msg_id=") {
		errorf(t, s, "panic not reported inside the Output area: %s", e)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	msg = &commFake{parent: "p2"}
	start := time.Now()
	s.Comm(ctx, widgetUpdate(id, map[string]any{"value": 2.0}), msg)
	if d := time.Since(start); d > 3*time.Second {
		errorf(t, s, "loop stopped after %v", d)
	}
	if e := strings.Join(msg.events, " | "); !strings.Contains(e, "KeyboardInterrupt") || !strings.HasSuffix(e, "msg_id=") {
		errorf(t, s, "interrupt not reported inside the Output area: %s", e)
	}
	if r, _ := exec(s, "1+1"); plain(r) != "2" {
		errorf(t, s, "session unusable after the interrupt: %v", r.Err)
	}
	msg = &commFake{parent: "p3"}
	s.Comm(context.Background(), widgetUpdate(id, map[string]any{"value": 3.0}), msg)
	logf(s, "after the interrupt: %v", msg.events)
}

// The session owns stdout while it lives, where the test's messages
// would go: they go to its log (the original stderr) as well.
func errorf(t *testing.T, s *Session, format string, args ...any) {
	t.Helper()
	fmt.Fprintf(s.Log(), format+"\n", args...)
	t.Errorf(format, args...)
}

func fatalf(t *testing.T, s *Session, format string, args ...any) {
	t.Helper()
	errorf(t, s, format, args...)
	t.FailNow()
}

func logf(s *Session, format string, args ...any) { fmt.Fprintf(s.Log(), format+"\n", args...) }

// BenchmarkSliderToFigure is notebook 10's slider move in the session:
// the comm message's update, the LIF of section 3 rebuilt and run for
// 50 ms, and its figure rendered into the Output area.
func BenchmarkSliderToFigure(b *testing.B) {
	s, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	cell := &commFake{parent: "cell"}
	code := `Interact(func(tau Time) {
	StartScope()
	G := NeuronGroup(1, "dv/dt = -v/tau : 1", Threshold("v>1"), Reset("v=0"), Method("euler"))
	times := make([]Time, 5)
	for k := range times {
		times[k] = Time(1+k) * 10 * ms
	}
	S := Synapses(SpikeGeneratorGroup(1, make([]int, 5), times), G, OnPre("v += 0.6"))
	S.Connect(P(1))
	M := StateMonitor(G, "v", RecordAll())
	Run(50 * ms)
	Figure(8, 3)
	Plot(M.T().In(ms), M.Of("v", 0))
}, Between(1*ms, 50*ms, 1*ms).From(15*ms))`
	if r := s.Execute(context.Background(), code, cell); r.Err != nil {
		b.Fatal(r.Err)
	}
	id := cell.opened("description", "tau (ms)")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out := &commFake{parent: "p"}
		s.Comm(context.Background(), widgetUpdate(id, map[string]any{"value": float64(10 + i%40)}), out)
		if len(out.displays) != 1 {
			b.Fatalf("no figure: %v", out.events)
		}
	}
}
