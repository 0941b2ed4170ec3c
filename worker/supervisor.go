package worker

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"sync"
	"sync/atomic"
	"time"
)

// Config configures a Supervisor. Command is required.
type Config struct {
	// Command returns a fresh, unstarted command whose process calls
	// Child and Serve. The Supervisor sets its ExtraFiles, stdio and
	// process attributes.
	Command func() *exec.Cmd
	// Log receives the children's stderr (their logs and crash reports);
	// default os.Stderr.
	Log io.Writer
	// InterruptGrace is how long an interrupted cell may take to stop
	// before its child is killed; default 2 s.
	InterruptGrace time.Duration
	// QueryTimeout bounds Complete and Inspect: past it they answer that
	// nothing was found, so a busy or stuck child cannot stall the
	// kernel; default 40 ms.
	QueryTimeout time.Duration
	// StartTimeout bounds the wait of a request for a child to start;
	// default 60 s.
	StartTimeout time.Duration
}

// Supervisor is the kernel process's end: a Session whose requests run
// in a child process it starts, watches and replaces when it dies.
type Supervisor struct {
	cfg    Config
	nextID atomic.Uint64

	mu       sync.Mutex
	cur      *proc // the child serving now (perhaps still starting); nil after a failed start
	closed   bool
	lost     *Error // a child died between cells: the next Execute says so
	restarts int
}

// Start starts the first child and returns at once; requests wait until
// it is ready.
func Start(cfg Config) (*Supervisor, error) {
	if cfg.Command == nil {
		return nil, errors.New("worker: Config.Command is required")
	}
	if cfg.Log == nil {
		cfg.Log = os.Stderr
	}
	if cfg.InterruptGrace <= 0 {
		cfg.InterruptGrace = 2 * time.Second
	}
	if cfg.QueryTimeout <= 0 {
		cfg.QueryTimeout = 40 * time.Millisecond
	}
	if cfg.StartTimeout <= 0 {
		cfg.StartTimeout = time.Minute
	}
	s := &Supervisor{cfg: cfg}
	p, err := s.spawn()
	if err != nil {
		return nil, err
	}
	s.cur = p
	return s, nil
}

// Restarts counts the children that died and were replaced.
func (s *Supervisor) Restarts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.restarts
}

// Pid is the process id of the current child (0 when none runs).
func (s *Supervisor) Pid() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil || s.cur.cmd.Process == nil {
		return 0
	}
	return s.cur.cmd.Process.Pid
}

// Close ends the child: it closes the request pipe, which makes Serve
// return, and kills the child if it has not exited a second later.
func (s *Supervisor) Close() error {
	s.mu.Lock()
	s.closed = true
	p := s.cur
	s.mu.Unlock()
	if p == nil {
		return nil
	}
	p.reqW.Close()
	select {
	case <-p.exited:
	case <-time.After(time.Second):
		p.kill()
		<-p.exited
	}
	return nil
}

// proc is one child process.
type proc struct {
	cmd    *exec.Cmd
	c      *conn
	reqW   *os.File
	at     *os.File      // the page the child stores statement positions in (at_linux.go); nil elsewhere
	ready  chan struct{} // closed when the child said ready
	exited chan struct{} // closed when it has exited and all it wrote was read
	ok     atomic.Bool   // it got ready once

	mu      sync.Mutex
	calls   map[uint64]*call
	dead    bool   // exited (set before exited is closed)
	inCell  bool   // an Execute owns its death
	crash   string // the first line of the runtime's crash report
	waitErr error
	cells   []string // the cells it ran, for crash messages
}

// call is a request waiting for its frames.
type call struct {
	ch   chan *frame
	gone chan struct{}
}

// tracebackLine starts a goroutine's traceback: only a crashing runtime
// prints those to the log.
var tracebackLine = regexp.MustCompile(`^goroutine \d+ \[.*\]:$`)

// crashKill is how long a child that printed a crash report may take to
// exit before it is killed: a runtime writing its report into a full
// pipe never would.
const crashKill = 2 * time.Second

func (s *Supervisor) spawn() (*proc, error) {
	cmd := s.cfg.Command()
	reqR, reqW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	repR, repW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	atF, err := newAtFile()
	if err != nil {
		return nil, err
	}
	cmd.ExtraFiles = []*os.File{reqR, repW}
	if atF != nil {
		cmd.ExtraFiles = append(cmd.ExtraFiles, atF) // fd 5 (at_linux.go)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, errW, errW
	setProcAttr(cmd)
	err = cmd.Start()
	reqR.Close()
	repW.Close()
	errW.Close()
	if err != nil {
		reqW.Close()
		repR.Close()
		errR.Close()
		if atF != nil {
			atF.Close()
		}
		return nil, fmt.Errorf("worker: start: %w", err)
	}
	p := &proc{cmd: cmd, c: newConn(repR, reqW), reqW: reqW, at: atF, ready: make(chan struct{}), exited: make(chan struct{}), calls: map[uint64]*call{}}
	framesDone := make(chan struct{})
	stderrDone := make(chan struct{})
	go func() { defer close(framesDone); p.readFrames(); repR.Close() }()
	go func() { defer close(stderrDone); p.readStderr(errR, s.cfg.Log); errR.Close() }()
	go func() {
		err := cmd.Wait()
		for _, done := range []chan struct{}{framesDone, stderrDone} {
			select {
			case <-done:
			case <-time.After(time.Second): // a grandchild holds the pipe
			}
		}
		reqW.Close()
		p.mu.Lock()
		p.dead, p.waitErr = true, err
		p.mu.Unlock()
		// Replace the child before its Execute sees it exit: that Execute
		// still owns it (the death is its cell's), and the next request
		// must find the fresh child, not this one.
		s.died(p)
		if atF != nil {
			// Read by lost() after exited, which Execute awaited.
			time.AfterFunc(time.Second, func() { atF.Close() })
		}
		close(p.exited)
	}()
	return p, nil
}

// readFrames hands the child's frames to the calls they belong to.
func (p *proc) readFrames() {
	for {
		f, err := p.c.recv()
		if err != nil {
			return
		}
		if f.Op == opReady {
			if p.ok.CompareAndSwap(false, true) {
				close(p.ready)
			}
			continue
		}
		p.mu.Lock()
		c := p.calls[f.ID]
		p.mu.Unlock()
		if c == nil {
			continue // the answer to a query that timed out
		}
		select {
		case c.ch <- f:
		case <-c.gone:
		}
	}
}

// readStderr copies the child's stderr to the log, remembers the first
// line of a crash report, and kills a child that does not exit after
// printing one.
func (p *proc) readStderr(r io.Reader, log io.Writer) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	armed := false
	for sc.Scan() {
		line := sc.Text()
		fmt.Fprintln(log, line)
		p.mu.Lock()
		if p.crash == "" && crashLine.MatchString(line) {
			p.crash = line
		}
		crashing := p.crash != "" || tracebackLine.MatchString(line)
		p.mu.Unlock()
		if crashing && !armed {
			armed = true
			time.AfterFunc(crashKill, p.kill)
		}
	}
}

func (p *proc) kill() {
	select {
	case <-p.exited:
	default:
		p.cmd.Process.Kill()
	}
}

// reason says why the child ended (it has).
func (p *proc) reason() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return reason(p.crash, p.waitErr)
}

func (p *proc) open(id uint64) *call {
	c := &call{ch: make(chan *frame, 64), gone: make(chan struct{})}
	p.mu.Lock()
	p.calls[id] = c
	p.mu.Unlock()
	return c
}

func (p *proc) close(id uint64) {
	p.mu.Lock()
	c := p.calls[id]
	delete(p.calls, id)
	p.mu.Unlock()
	if c != nil {
		close(c.gone)
	}
}

// died replaces a child that exited. One that had been ready is replaced
// at once (the next cell should not wait for a start); one that failed to
// start is not, and the next request tries again and reports why.
func (s *Supervisor) died(p *proc) {
	p.mu.Lock()
	owned := p.inCell
	p.mu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != p || s.closed {
		return
	}
	s.cur = nil
	if !p.ok.Load() {
		return
	}
	s.restarts++
	if !owned {
		s.lost = lostError(p.reason(), " (after its cell ended)")
		fmt.Fprintf(s.cfg.Log, "worker: the session died between cells: %s\n", s.lost.Value)
	}
	if np, err := s.spawn(); err == nil {
		s.cur = np
	} else {
		fmt.Fprintf(s.cfg.Log, "worker: %v\n", err)
	}
}

// acquire waits for a ready child and marks it as running a cell (whose
// Execute then reports its death). forCell false leaves that to died.
func (s *Supervisor) acquire(ctx context.Context, forCell bool) (*proc, *Error) {
	timeout := time.NewTimer(s.cfg.StartTimeout)
	defer timeout.Stop()
	for {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return nil, &Error{Name: "WorkerError", Value: "the Go session is shut down"}
		}
		if s.cur == nil {
			p, err := s.spawn()
			if err != nil {
				s.mu.Unlock()
				return nil, &Error{Name: "WorkerError", Value: err.Error(), Traceback: []string{err.Error()}}
			}
			s.cur = p
		}
		p := s.cur
		s.mu.Unlock()
		select {
		case <-p.ready:
			p.mu.Lock()
			dead := p.dead
			if !dead && forCell {
				p.inCell = true
			}
			p.mu.Unlock()
			if !dead {
				return p, nil
			}
		case <-p.exited:
			if !p.ok.Load() {
				msg := "the Go session could not start: " + p.reason()
				return nil, &Error{Name: "WorkerError", Value: msg, Traceback: []string{msg}}
			}
		case <-ctx.Done():
			return nil, interrupted("the cell was interrupted while the Go session started")
		case <-timeout.C:
			msg := fmt.Sprintf("the Go session did not start within %v", s.cfg.StartTimeout)
			return nil, &Error{Name: "WorkerError", Value: msg, Traceback: []string{msg}}
		}
	}
}

func (p *proc) release() {
	p.mu.Lock()
	p.inCell = false
	p.mu.Unlock()
}

func interrupted(msg string) *Error {
	return &Error{Name: "KeyboardInterrupt", Value: "interrupted", Traceback: []string{"KeyboardInterrupt: " + msg}}
}

// Execute runs a cell in the child. When the child dies meanwhile, or
// does not stop within InterruptGrace of ctx's cancellation (it is then
// killed), the result is an error that says why and where, and a fresh
// child is already starting.
func (s *Supervisor) Execute(ctx context.Context, code string, out Output) Result {
	s.mu.Lock()
	lost := s.lost
	s.lost = nil
	s.mu.Unlock()
	if lost != nil {
		return Result{Err: lost}
	}
	p, e := s.acquire(ctx, true)
	if e != nil {
		return Result{Err: e}
	}
	defer p.release()
	id := s.nextID.Add(1)
	c := p.open(id)
	defer p.close(id)
	x := &execution{s: s, p: p, out: out, at: -1, id: id}
	if err := p.c.send(&frame{Op: opExecute, ID: id, Code: code, Stdin: true, Parent: parentOf(out)}); err != nil {
		// The child is going; its exit says why.
		select {
		case <-p.exited:
		case <-time.After(time.Second):
			p.kill()
			<-p.exited
		}
		return x.lost(code, p.reason(), c)
	}
	cancelled := ctx.Done()
	var grace <-chan time.Time
	for {
		select {
		case f := <-c.ch:
			if r, done := x.handle(f); done {
				p.remember(code)
				return r
			}
		case <-cancelled:
			cancelled = nil
			p.c.send(&frame{Op: opInterrupt, ID: id})
			grace = time.After(s.cfg.InterruptGrace)
		case <-grace:
			p.kill()
			<-p.exited
			return x.lost(code, fmt.Sprintf("the cell did not stop within %v of the interrupt", s.cfg.InterruptGrace), c)
		case <-p.exited:
			return x.lost(code, p.reason(), c)
		}
	}
}

// execution is the state of one Execute.
type execution struct {
	s   *Supervisor
	p   *proc
	out Output
	at  int // byte offset of the running top-level statement; -1 unknown
	id  uint64
}

// handle shows one frame of the child; for the result it reports done.
func (x *execution) handle(f *frame) (Result, bool) {
	switch f.Op {
	case opStream:
		x.out.Stream(f.Name, f.Text)
	case opDisplay:
		x.out.Display(f.Data, f.Meta, f.DisplayID, f.Update)
	case opClear:
		x.out.Clear(f.Wait)
	case opAt:
		x.at = f.Cursor
	case opInput:
		go x.answer(f)
	case opCommOut:
		if co, ok := x.out.(CommOutput); ok && f.Comm != nil {
			co.Comm(*f.Comm)
		}
	case opResult:
		return Result{Value: f.Data, Metadata: f.Meta, Err: f.Err}, true
	}
	return Result{}, false
}

// lost delivers what the dead child still sent and reports its death,
// unless its result came after all.
func (x *execution) lost(code, why string, c *call) Result {
	for {
		select {
		case f := <-c.ch:
			if r, done := x.handle(f); done {
				return r // finished, then died: died reports it at the next cell
			}
			continue
		default:
		}
		break
	}
	x.p.mu.Lock()
	earlier := x.p.cells
	x.p.mu.Unlock()
	if off, ok := readAt(x.p.at, x.id); ok {
		x.at = off
	}
	err := lostError(why, where(why, code, x.at, earlier))
	fmt.Fprintf(x.s.cfg.Log, "worker: %s\n", err.Value)
	return Result{Err: err}
}

// answer relays an input request to the kernel and its reply back.
func (x *execution) answer(f *frame) {
	text, err := x.out.Input(f.Text, f.Password)
	r := &frame{Op: opInputReply, Seq: f.Seq, Text: text}
	switch {
	case err == nil:
	case errors.Is(err, io.EOF):
		r.Failed = inputEOF
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		r.Failed = inputInterrupted
	default:
		r.Failed = err.Error()
	}
	x.p.c.send(r)
}

// remember keeps a cell the child ran, for crash messages.
func (p *proc) remember(code string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cells = append(p.cells, code)
	if len(p.cells) > 200 {
		p.cells = p.cells[1:]
	}
}

// query sends a request that needs no cell and waits at most timeout
// for its result; nil when there is no ready child or no answer in time.
func (s *Supervisor) query(f *frame, timeout time.Duration) *frame {
	s.mu.Lock()
	p := s.cur
	s.mu.Unlock()
	if p == nil || !p.ok.Load() {
		return nil
	}
	f.ID = s.nextID.Add(1)
	c := p.open(f.ID)
	defer p.close(f.ID)
	if p.c.send(f) != nil {
		return nil
	}
	t := time.NewTimer(timeout)
	defer t.Stop()
	for {
		select {
		case r := <-c.ch:
			if r.Op == opResult {
				return r
			}
		case <-t.C:
			return nil
		case <-p.exited:
			return nil
		}
	}
}

// Complete asks the child, within QueryTimeout.
func (s *Supervisor) Complete(code string, cursor int) Completion {
	r := s.query(&frame{Op: opComplete, Code: code, Cursor: cursor}, s.cfg.QueryTimeout)
	if r == nil {
		return Completion{CursorStart: cursor, CursorEnd: cursor}
	}
	return Completion{Matches: r.Matches, CursorStart: r.Cursor, CursorEnd: r.End}
}

// Inspect asks the child, within QueryTimeout.
func (s *Supervisor) Inspect(code string, cursor int, detail int) (Bundle, bool) {
	r := s.query(&frame{Op: opInspect, Code: code, Cursor: cursor, Detail: detail}, s.cfg.QueryTimeout)
	if r == nil {
		return nil, false
	}
	return r.Data, r.Found
}

// IsComplete asks the child, within QueryTimeout ("unknown" past it).
// A kernel that can decide without the session's state should.
func (s *Supervisor) IsComplete(code string) (string, string) {
	r := s.query(&frame{Op: opIsComplete, Code: code}, s.cfg.QueryTimeout)
	if r == nil {
		return "unknown", ""
	}
	return r.Status, r.Indent
}

// evaluateTimeout bounds a user expression: it runs user code, but no
// interrupt reaches it.
const evaluateTimeout = 10 * time.Second

// Evaluate computes a user expression in the child.
func (s *Supervisor) Evaluate(ctx context.Context, expr string) (Bundle, error) {
	p, e := s.acquire(ctx, false)
	if e != nil {
		return nil, e
	}
	id := s.nextID.Add(1)
	c := p.open(id)
	defer p.close(id)
	if err := p.c.send(&frame{Op: opEvaluate, ID: id, Code: expr}); err != nil {
		return nil, &Error{Name: "WorkerError", Value: err.Error()}
	}
	t := time.NewTimer(evaluateTimeout)
	defer t.Stop()
	for {
		select {
		case r := <-c.ch:
			if r.Op != opResult {
				continue
			}
			if r.Err != nil {
				return nil, r.Err
			}
			return r.Data, nil
		case <-t.C:
			p.c.send(&frame{Op: opInterrupt, ID: id})
			return nil, &Error{Name: "TimeoutError", Value: fmt.Sprintf("no value within %v", evaluateTimeout)}
		case <-ctx.Done():
			p.c.send(&frame{Op: opInterrupt, ID: id})
			return nil, interrupted("interrupted")
		case <-p.exited:
			why := p.reason()
			return nil, lostError(why, "")
		}
	}
}

var _ Session = (*Supervisor)(nil)
