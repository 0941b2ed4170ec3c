package worker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"syscall"
)

// Files of the child: the Supervisor passes its ends of the two pipes as
// the child's first extra files.
const (
	childRequestFD = 3 // Supervisor → child
	childReplyFD   = 4 // child → Supervisor
)

// Server is the child's end of the protocol: it runs the Supervisor's
// requests on a Session, one at a time, while interrupts and input
// replies are handled as they come.
type Server struct {
	c       *conn
	running atomic.Uint64 // ID of the execute running now, 0 between cells
	cells   atomic.Uint64 // executes started (memory.go)
	busy    atomic.Int64  // requests being answered (memory.go)
	at      *atSlot       // where At stores positions; nil: it sends frames (at_linux.go)

	mu      sync.Mutex
	cancels map[uint64]context.CancelFunc // running executes and evaluations
	inputs  map[uint64]chan *frame        // input requests waiting for a reply
	seq     uint64
}

// NewServer speaks the protocol on r (requests) and w (the rest).
func NewServer(r io.Reader, w io.Writer) *Server {
	return &Server{c: newConn(r, w), cancels: map[uint64]context.CancelFunc{}, inputs: map[uint64]chan *frame{}}
}

// Child prepares a process started by a Supervisor: it opens the protocol
// pipes and leaves SIGINT to the kernel process, which turns it into an
// interrupt request. File descriptor 2 must stay the process's stderr
// (the Supervisor reads it): the runtime writes the first line of a crash
// report ("fatal error: stack overflow") only there, not even to
// debug.SetCrashOutput's file.
func Child() (*Server, error) {
	// Non-blocking, the pipes are read and written through the runtime's
	// poller, as the Supervisor's ends are: a read parked in the poller
	// resumes without a thread handing its processor back and forth.
	syscall.SetNonblock(childRequestFD, true)
	syscall.SetNonblock(childReplyFD, true)
	r := os.NewFile(childRequestFD, "worker-requests")
	w := os.NewFile(childReplyFD, "worker-replies")
	if r == nil || w == nil {
		return nil, errors.New("worker: not started by a Supervisor (no protocol pipes)")
	}
	// A cell's subprocesses must not hold the pipes open.
	syscall.CloseOnExec(childRequestFD)
	syscall.CloseOnExec(childReplyFD)
	signal.Ignore(os.Interrupt)
	debug.SetMaxStack(maxStack)
	if err := applyMemoryLimit(memoryLimit()); err != nil {
		fmt.Fprintf(os.Stderr, "gonsim worker: memory limit: %v\n", err)
	}
	srv := NewServer(r, w)
	srv.at = mapAtSlot()
	go srv.keepMemory()
	return srv, nil
}

// maxStack is the child's stack limit: a runaway recursion dies of a
// stack overflow after growing a quarter of Go's default 1 GB, in a
// quarter of the time and memory; interpreted code nests deep, so not less.
const maxStack = 256 << 20

// At tells the Supervisor that the running cell's top-level statement at
// byte offset off starts, so that a crash can name its line. Sessions
// call it from their statement hook.
func (s *Server) At(off int) {
	if id := s.running.Load(); id != 0 {
		if s.at != nil {
			s.at.store(id, off)
			return
		}
		s.c.send(&frame{Op: opAt, ID: id, Cursor: off})
	}
}

// Serve announces that the session is ready, then answers requests until
// the Supervisor closes its end (it returns nil then).
func (s *Server) Serve(sess Session) error {
	calls := make(chan *frame, 16)
	defer close(calls)
	go s.runCalls(sess, calls)
	if err := s.c.send(&frame{Op: opReady}); err != nil {
		return err
	}
	for {
		f, err := s.c.recv()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("worker: read request: %w", err)
		}
		switch f.Op {
		case opInterrupt:
			s.mu.Lock()
			if cancel := s.cancels[f.ID]; cancel != nil {
				cancel()
			}
			s.mu.Unlock()
		case opInputReply:
			s.mu.Lock()
			ch := s.inputs[f.Seq]
			delete(s.inputs, f.Seq)
			s.mu.Unlock()
			if ch != nil {
				ch <- f
			}
		default:
			calls <- f
		}
	}
}

// runCalls runs session requests in their order of arrival.
func (s *Server) runCalls(sess Session, calls <-chan *frame) {
	for f := range calls {
		s.busy.Add(1)
		r := &frame{Op: opResult, ID: f.ID}
		switch f.Op {
		case opExecute:
			s.execute(sess, f, r)
		case opComm:
			s.comm(sess, f, r)
		case opEvaluate:
			ctx := s.cancellable(f.ID)
			data, err := sess.Evaluate(ctx, f.Code)
			s.done(f.ID)
			r.Data = data
			if err != nil {
				r.Err = asError(err)
			}
		case opComplete:
			c := sess.Complete(f.Code, f.Cursor)
			r.Matches, r.Cursor, r.End = c.Matches, c.CursorStart, c.CursorEnd
		case opInspect:
			r.Data, r.Found = sess.Inspect(f.Code, f.Cursor, f.Detail)
		case opIsComplete:
			r.Status, r.Indent = sess.IsComplete(f.Code)
		default:
			r.Err = &Error{Name: "WorkerError", Value: "unknown request " + f.Op}
		}
		s.c.send(r)
		s.busy.Add(-1)
	}
}

func (s *Server) execute(sess Session, f, r *frame) {
	ctx := s.cancellable(f.ID)
	s.cells.Add(1)
	s.running.Store(f.ID)
	res := sess.Execute(ctx, f.Code, &childOutput{s: s, id: f.ID, ctx: ctx, stdin: f.Stdin, parent: f.Parent})
	s.running.Store(0)
	s.done(f.ID)
	r.Data, r.Meta, r.Err = res.Value, res.Metadata, res.Err
}

func (s *Server) cancellable(id uint64) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	s.mu.Lock()
	s.cancels[id] = cancel
	s.mu.Unlock()
	return ctx
}

func (s *Server) done(id uint64) {
	s.mu.Lock()
	if cancel := s.cancels[id]; cancel != nil {
		cancel()
	}
	delete(s.cancels, id)
	s.mu.Unlock()
}

func asError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Name: "Error", Value: err.Error(), Traceback: []string{err.Error()}}
}

// childOutput sends a cell's output to the Supervisor.
type childOutput struct {
	s      *Server
	id     uint64
	ctx    context.Context
	stdin  bool
	parent string // msg_id of the kernel's request
}

func (o *childOutput) Stream(name, text string) {
	o.s.c.send(&frame{Op: opStream, ID: o.id, Name: name, Text: text})
}

func (o *childOutput) Display(data, metadata Bundle, id string, update bool) {
	o.s.c.send(&frame{Op: opDisplay, ID: o.id, Data: data, Meta: metadata, DisplayID: id, Update: update})
}

func (o *childOutput) Clear(wait bool) { o.s.c.send(&frame{Op: opClear, ID: o.id, Wait: wait}) }

func (o *childOutput) Input(prompt string, password bool) (string, error) {
	if !o.stdin {
		return "", io.EOF
	}
	ch := make(chan *frame, 1)
	o.s.mu.Lock()
	o.s.seq++
	seq := o.s.seq
	o.s.inputs[seq] = ch
	o.s.mu.Unlock()
	if err := o.s.c.send(&frame{Op: opInput, ID: o.id, Seq: seq, Text: prompt, Password: password}); err != nil {
		return "", err
	}
	select {
	case r := <-ch:
		switch r.Failed {
		case "":
			return r.Text, nil
		case inputEOF:
			return "", io.EOF
		case inputInterrupted:
			return "", context.Canceled
		default:
			return "", errors.New(r.Failed)
		}
	case <-o.ctx.Done():
		o.s.mu.Lock()
		delete(o.s.inputs, seq)
		o.s.mu.Unlock()
		return "", o.ctx.Err()
	}
}
