package interp

import (
	"context"
	"fmt"
	"reflect"

	"gonsim/display/widget"
)

// CommOutput is an Output that also carries widget comm messages to the
// frontends and names the kernel request it belongs to (the msg_id an
// Output widget captures). A kernel whose Output is one gets widgets;
// with a plain Output widgets show their text/plain fallback only.
type CommOutput interface {
	Output
	Comm(m widget.Message)
	ParentID() string
}

// bindWidgets lends the widgets the request's output (begin calls it).
func (s *Session) bindWidgets(ctx context.Context, out Output) {
	co, ok := out.(CommOutput)
	if !ok {
		return
	}
	widget.Bind(&widget.Host{
		Send:    co.Comm,
		Parent:  co.ParentID(),
		Context: ctx,
		Log:     s.cap.log,
		Flush: func() {
			// Printed text and the figures a callback made must reach
			// the Output area before it stops capturing.
			s.cap.sync()
			s.showFigures(out)
		},
	})
}

// Comm handles a frontend's comm message (as a kernel calls it): the
// widget callbacks it triggers run in the notebook's interpreter, like a
// cell, and are stopped by an interrupt. For a comm_open it reports
// whether the target exists.
func (s *Session) Comm(ctx context.Context, m widget.Message, out Output) bool {
	<-s.ready
	if s.readyErr != nil {
		return false
	}
	s.begin(ctx, out)
	defer s.end()
	s.mu.Lock()
	s.comm, s.commOK = &m, false
	s.mu.Unlock()
	// Inside an evaluation, so that the interpreter's interrupt (and
	// its run id, which the callbacks' frames check) applies.
	err, stopped := s.eval(ctx, "__gonsim.Deliver()")
	s.cap.sync()
	switch {
	case stopped:
		fmt.Fprintln(s.cap.log, "interp: a widget callback was interrupted")
	case err != nil:
		out.Stream("stderr", fmt.Sprintf("widget callback failed: %v\n", err))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.comm = nil
	return s.commOK
}

// deliver is __gonsim.Deliver: it hands the pending comm message to the
// widgets.
func (s *Session) deliver() {
	s.mu.Lock()
	m := s.comm
	s.mu.Unlock()
	if m == nil {
		return
	}
	ok := widget.Deliver(*m)
	s.mu.Lock()
	s.commOK = ok
	s.mu.Unlock()
}

// widgetSymbols are the session helpers of widgets.
func (s *Session) widgetSymbols() map[string]reflect.Value {
	return map[string]reflect.Value{"Deliver": reflect.ValueOf(s.deliver)}
}
