package widget

import (
	"fmt"
	"os"
	"strings"
	"sync"

	"gonsim/display"
)

// Output is an area that shows what Go code prints and displays while
// it captures: the frontend's output model takes every output whose
// parent is the request it was told of (its msg_id state), as
// ipywidgets' `with out:` does.
type Output struct {
	m  *Model
	mu sync.Mutex // one capture at a time
}

// NewOutput makes an empty Output area.
func NewOutput() *Output {
	w := &Output{}
	layout := newAux(BaseModule, BaseVersion, "LayoutModel", "LayoutView", nil)
	s := modelState(OutputModule, OutputVersion, "OutputModel", "OutputView")
	s["_dom_classes"] = []any{}
	s["layout"] = layout.Ref()
	s["msg_id"] = ""
	s["outputs"] = []any{}
	w.m = newModel(w, s)
	w.m.label = "Output"
	w.m.open()
	return w
}

// Model implements Widget.
func (w *Output) Model() *Model { return w.m }

// MIMEBundle shows the area.
func (w *Output) MIMEBundle() map[string]any { return w.m.viewBundle() }

// Capture runs f with its printed text, displays and figures going to
// the area; with clear, what the area showed is replaced (when the first
// new output arrives, so it does not flicker). A panic in f is reported
// in the area.
func (w *Output) Capture(clear bool, f func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	h := current()
	if h == nil {
		guard(w.m, "Capture", f)
		return
	}
	flushOutput()
	w.setMsgID(h.Parent)
	defer func() {
		if h.Context != nil && h.Context.Err() != nil {
			fmt.Fprintln(os.Stderr, "KeyboardInterrupt: the callback was interrupted")
		}
		flushOutput()
		w.setMsgID("")
	}()
	if clear {
		display.Clear(true)
	}
	guard(w.m, "Capture", f)
}

// Clear empties the area.
func (w *Output) Clear() { w.Capture(false, func() { display.Clear(false) }) }

// setMsgID tells the frontend at once (not coalesced): the outputs that
// follow must find it set.
func (w *Output) setMsgID(id string) {
	w.m.mu.Lock()
	w.m.state["msg_id"] = id
	delete(w.m.pending, "msg_id")
	w.m.mu.Unlock()
	w.m.sendState(map[string]any{"msg_id": id})
}

// Control is a widget with a value that Interactive re-runs its function
// on.
type Control interface {
	Widget
	Observe(f func(Change))
}

// Interactive lays out controls above an Output area and calls f in that
// area now and after every change of a control's value, as ipywidgets'
// interactive does: f reads the controls' values itself.
func Interactive(f func(), controls ...Control) *Box {
	out := NewOutput()
	children := make([]Widget, 0, len(controls)+1)
	for _, c := range controls {
		if c == nil {
			continue
		}
		children = append(children, c)
		c.Observe(func(Change) { out.Capture(true, f) })
	}
	children = append(children, out)
	box := NewVBox(children...)
	box.m.label = "interactive"
	box.m.plain = func() string {
		parts := make([]string, 0, len(controls))
		for _, c := range controls {
			if c != nil && c.Model().plain != nil {
				parts = append(parts, c.Model().plain())
			}
		}
		return "interactive(" + strings.Join(parts, ", ") + ")"
	}
	out.Capture(true, f)
	return box
}
