package widget

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder is a Host that keeps what would go to the frontend.
type recorder struct {
	mu   sync.Mutex
	msgs []Message
}

func (r *recorder) send(m Message) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, m)
}

// updates are the states sent to comm id, in order.
func (r *recorder) updates(id string) []map[string]any {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []map[string]any
	for _, m := range r.msgs {
		if m.CommID == id && m.Type == "comm_msg" {
			out = append(out, m.Data["state"].(map[string]any))
		}
	}
	return out
}

func bind(t *testing.T) *recorder {
	r := &recorder{}
	Bind(&Host{Send: r.send, Parent: "req", Log: &strings.Builder{}})
	t.Cleanup(Unbind)
	return r
}

func upd(id string, state map[string]any) Message {
	return Message{Type: "comm_msg", CommID: id, Data: map[string]any{"method": "update", "state": state}}
}

// TestFrontendValues: what the frontend sends is checked per widget type.
func TestFrontendValues(t *testing.T) {
	r := bind(t)
	i := NewIntSlider("i", 5, 0, 10)
	f := NewUnitSlider("tau", "ms", 1e-3, 10, 1, 50, 1)
	d := NewDropdown("d", []string{"a", "b"}, "b")
	c := NewCheckbox("c", false)
	x := NewText("x", "hi")
	for _, tc := range []struct {
		w     Widget
		state map[string]any
		get   func() any
		want  any
		back  string // the state sent back to the frontend, "" for none
	}{
		{i, map[string]any{"value": 7.0}, func() any { return i.Value() }, 7, ""},
		{i, map[string]any{"value": 12.0}, func() any { return i.Value() }, 10, "map[value:10]"},
		{i, map[string]any{"value": "3"}, func() any { return i.Value() }, 10, "map[value:10]"},
		{f, map[string]any{"value": 20.0}, func() any { return f.SI() }, 0.02, ""},
		{f, map[string]any{"value": -5.0}, func() any { return f.Value() }, 1.0, "map[value:1]"},
		{d, map[string]any{"index": 0.0}, func() any { return d.Value() }, "a", ""},
		{d, map[string]any{"index": 5.0}, func() any { return d.Value() }, "a", "map[index:0]"},
		{c, map[string]any{"value": true}, func() any { return c.Value() }, true, ""},
		{c, map[string]any{"value": 1.0}, func() any { return c.Value() }, true, "map[value:true]"},
		{x, map[string]any{"value": "yo"}, func() any { return x.Value() }, "yo", ""},
	} {
		id := tc.w.Model().ID()
		before := len(r.updates(id))
		Deliver(upd(id, tc.state))
		if got := tc.get(); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s after %v: %v, want %v", tc.w.Model().label, tc.state, got, tc.want)
		}
		back := ""
		if u := r.updates(id); len(u) > before {
			back = fmt.Sprint(u[len(u)-1])
		}
		if back != tc.back {
			t.Errorf("%s after %v: sent back %q, want %q", tc.w.Model().label, tc.state, back, tc.back)
		}
	}
	if Deliver(upd("no-such-widget", map[string]any{"value": 1.0})) {
		t.Error("an update of an unknown widget was accepted")
	}
}

// TestObserveAndClick: callbacks run on changes and clicks; a panicking
// one leaves the widget working.
func TestObserveAndClick(t *testing.T) {
	bind(t)
	s := NewIntSlider("s", 0, 0, 10)
	var seen []string
	s.Observe(func(c Change) {
		if c.New == 3 {
			panic("three")
		}
		seen = append(seen, fmt.Sprintf("%v→%v", c.Old, c.New))
	})
	for _, v := range []float64{1, 3, 4, 4} {
		Deliver(upd(s.Model().ID(), map[string]any{"value": v}))
	}
	s.SetValue(6)
	if got := strings.Join(seen, " "); got != "0→1 3→4 4→6" {
		t.Errorf("observed %s", got)
	}
	b := NewButton("b")
	clicks := 0
	b.OnClick(func() { clicks++ })
	Deliver(Message{Type: "comm_msg", CommID: b.Model().ID(), Data: map[string]any{"method": "custom", "content": map[string]any{"event": "click"}}})
	if clicks != 1 {
		t.Errorf("%d clicks", clicks)
	}
}

// TestCoalescing: Go code setting a value in a tight loop sends a few
// updates, the last with the final value.
func TestCoalescing(t *testing.T) {
	r := bind(t)
	s := NewIntSlider("s", 0, 0, 1<<30)
	start := time.Now()
	for i := 1; i <= 100000; i++ {
		s.SetValue(i)
	}
	took := time.Since(start)
	Unbind()
	u := r.updates(s.Model().ID())
	if len(u) == 0 || u[len(u)-1]["value"] != 100000 {
		t.Fatalf("last update %v", u)
	}
	if max := int(took/CoalesceInterval) + 2; len(u) > max {
		t.Errorf("%d updates in %v (at most %d)", len(u), took, max)
	}
}

// TestOutputCapture: msg_id is set to the request around the captured
// function, then cleared.
func TestOutputCapture(t *testing.T) {
	r := bind(t)
	o := NewOutput()
	o.Capture(false, func() {})
	u := r.updates(o.Model().ID())
	if fmt.Sprint(u) != "[map[msg_id:req] map[msg_id:]]" {
		t.Errorf("msg_id updates %v", u)
	}
}

// TestControlComm: a frontend's control comm gets every model's state.
func TestControlComm(t *testing.T) {
	r := bind(t)
	s := NewIntSlider("ctl", 2, 0, 5)
	if !Deliver(Message{Type: "comm_open", CommID: "ctl", TargetName: ControlTarget}) {
		t.Fatal("control comm refused")
	}
	Deliver(Message{Type: "comm_msg", CommID: "ctl", Data: map[string]any{"method": "request_states"}})
	var states map[string]any
	for _, m := range r.msgs {
		if m.CommID == "ctl" {
			states = m.Data["states"].(map[string]any)
		}
	}
	st, ok := states[s.Model().ID()].(map[string]any)
	if !ok || st["model_module_version"] != ControlsVersion || st["state"].(map[string]any)["value"] != 2 {
		t.Errorf("state of the slider: %v", st)
	}
	if Deliver(Message{Type: "comm_open", CommID: "x", TargetName: "other"}) {
		t.Error("unknown target accepted")
	}
}
