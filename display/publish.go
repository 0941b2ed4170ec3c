package display

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/google/uuid"

	"gonsim/display/figure"
)

// Publisher sends a bundle to the notebook. A non-empty id makes the
// display updatable; update true replaces the earlier display with that id
// (update_display_data).
type Publisher func(data, metadata map[string]any, id string, update bool)

var pub struct {
	sync.Mutex
	publish Publisher
	clear   func(wait bool)
	out     io.Writer
	ctx     context.Context
}

// SetPublisher installs where Show, Update and progress bars send their
// bundles; interp installs one per kernel. With none (nil), the text/plain
// representation is printed on standard output, so that programs and
// examples outside a notebook still show something.
func SetPublisher(p Publisher) {
	pub.Lock()
	pub.publish = p
	pub.Unlock()
}

// SetClearer installs what Clear calls (the kernel's clear_output).
func SetClearer(clear func(wait bool)) {
	pub.Lock()
	pub.clear = clear
	pub.Unlock()
}

// SetContext installs the context that figure rendering polls (interp sets
// the cell's context before each cell), so that an interrupt stops a long
// render. nil means context.Background().
func SetContext(ctx context.Context) {
	pub.Lock()
	pub.ctx = ctx
	pub.Unlock()
	figure.SetContext(ctx)
}

// TakeFigures returns the figures created since the last call and not yet
// shown, oldest first, and closes them: interp shows them at the end of a
// cell, as matplotlib's inline backend does. Their MIMEBundle renders under
// the context installed by SetContext, so they must be rendered while the
// cell's context is still live (a cancelled one gives a text/plain "not
// drawn" bundle, which is right for an interrupted cell).
func TakeFigures() []*figure.Fig { return figure.TakeFigures() }

func publish(data, metadata map[string]any, id string, update bool) {
	pub.Lock()
	p, out := pub.publish, pub.out
	pub.Unlock()
	if p != nil {
		p(data, metadata, id, update)
		return
	}
	if out == nil {
		out = os.Stdout
	}
	fmt.Fprintln(out, data["text/plain"])
}

// Handle is a display that can be replaced in place.
type Handle struct{ id string }

// ID returns the display_id.
func (h *Handle) ID() string { return h.id }

// Show displays x now (a display_data message) and returns a handle to
// update it. x may be a rich value (with a MIMEBundle method: display
// values, figures, the simulator's values), an image.Image, or anything
// else, shown as text with fmt. A figure shown this way is no longer shown
// again at the end of the cell.
func Show(x any) *Handle {
	h := &Handle{id: uuid.NewString()}
	data, md := bundleOf(x)
	publish(data, md, h.id, false)
	return h
}

// Update replaces the display with x.
func (h *Handle) Update(x any) {
	data, md := bundleOf(x)
	publish(data, md, h.id, true)
}

// Clear clears the cell's output, at once or, with wait, when the next
// output arrives (which avoids flicker in animations).
func Clear(wait bool) {
	pub.Lock()
	c := pub.clear
	pub.Unlock()
	if c != nil {
		c(wait)
	}
}

func bundleOf(x any) (data, md map[string]any) {
	data, md, ok := Bundle(x)
	if !ok {
		data = map[string]any{"text/plain": fmt.Sprint(x)}
	}
	return data, md
}
