package worker

import (
	"context"
	"fmt"
	"time"
)

// CommMessage is a comm message (comm_open, comm_msg, comm_close) between
// the kernel and the session, in either direction; see the kernel's
// CommMessage, which has the same shape.
type CommMessage struct {
	Type       string         `json:"type"`
	CommID     string         `json:"comm_id"`
	TargetName string         `json:"target_name,omitempty"`
	Data       map[string]any `json:"data,omitempty"`
	Metadata   map[string]any `json:"metadata,omitempty"`
	Buffers    [][]byte       `json:"buffers,omitempty"`
	Parent     string         `json:"parent,omitempty"` // msg_id of the request it belongs to
}

// CommSession is a Session with comm targets (widgets). Comm runs in
// the child's request order, like Execute, so handlers see the cells'
// state; for a comm_open it reports whether the target exists.
type CommSession interface {
	Comm(ctx context.Context, m CommMessage, out Output) (ok bool)
}

// CommOutput is an Output that also carries comm messages to the
// frontends and names the request it belongs to. The Supervisor passes
// a CommOutput's ParentID to the child, whose Output is a CommOutput.
type CommOutput interface {
	Output
	Comm(m CommMessage)
	ParentID() string
}

func parentOf(out Output) string {
	if c, ok := out.(CommOutput); ok {
		return c.ParentID()
	}
	return ""
}

// Comm delivers a frontend's comm message to the session in the child.
// An interrupt (ctx) stops a handler as it stops a cell; a child that
// dies meanwhile is reported on out's stderr (the widget's Output area
// shows it) and replaced.
func (s *Supervisor) Comm(ctx context.Context, m CommMessage, out Output) bool {
	p, e := s.acquire(ctx, true)
	if e != nil {
		out.Stream("stderr", e.Value+"\n")
		return false
	}
	defer p.release()
	id := s.nextID.Add(1)
	c := p.open(id)
	defer p.close(id)
	x := &execution{s: s, p: p, out: out, at: -1}
	if err := p.c.send(&frame{Op: opComm, ID: id, Comm: &m}); err != nil {
		return false
	}
	cancelled := ctx.Done()
	var grace <-chan time.Time
	for {
		select {
		case f := <-c.ch:
			if f.Op == opResult {
				return f.Found
			}
			x.handle(f)
		case <-cancelled:
			cancelled = nil
			p.c.send(&frame{Op: opInterrupt, ID: id})
			grace = time.After(s.cfg.InterruptGrace)
		case <-grace:
			p.kill()
			<-p.exited
			msg := fmt.Sprintf("the widget callback did not stop within %v of the interrupt; the Go session was restarted, re-run your cells", s.cfg.InterruptGrace)
			out.Stream("stderr", msg+"\n")
			return true
		case <-p.exited:
			out.Stream("stderr", "the Go session died in a widget callback: "+p.reason()+"; re-run your cells\n")
			return true
		}
	}
}

// comm runs a comm request of the Supervisor on the session.
func (s *Server) comm(sess Session, f, r *frame) {
	cs, ok := sess.(CommSession)
	if !ok || f.Comm == nil {
		return
	}
	ctx := s.cancellable(f.ID)
	s.running.Store(f.ID)
	r.Found = cs.Comm(ctx, *f.Comm, &childOutput{s: s, id: f.ID, ctx: ctx, parent: f.Comm.Parent})
	s.running.Store(0)
	s.done(f.ID)
}

// Comm implements CommOutput: the message goes to the Supervisor.
func (o *childOutput) Comm(m CommMessage) {
	o.s.c.send(&frame{Op: opCommOut, ID: o.id, Comm: &m})
}

// ParentID implements CommOutput.
func (o *childOutput) ParentID() string { return o.parent }
