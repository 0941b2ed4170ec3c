package interp

import (
	"bytes"
	"io"
	"os"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"
)

// flushDelay is how long output may wait to be batched with more
// output: short enough to feel live, long enough that a loop printing
// 10,000 lines sends a handful of messages.
const flushDelay = 8 * time.Millisecond

// flushSize sends a batch early once it is this big.
const flushSize = 256 << 10

// streamer batches stream output for the current cell's Output.
type streamer struct {
	mu      sync.Mutex
	out     Output // nil between cells: output waits in pending
	name    string // stream of buf
	buf     []byte
	timer   *time.Timer
	armed   bool
	pending []struct{ name, text string } // output produced between cells
}

func newStreamer() *streamer {
	s := &streamer{}
	s.timer = time.AfterFunc(time.Hour, s.timeout)
	s.timer.Stop()
	return s
}

func (s *streamer) timeout() {
	s.mu.Lock()
	s.armed = false
	s.flushLocked(false)
	s.mu.Unlock()
}

// write appends p to stream name.
func (s *streamer) write(name string, p []byte) {
	if len(p) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.name != name && len(s.buf) > 0 {
		s.flushLocked(true)
	}
	s.name = name
	s.buf = append(s.buf, p...)
	if len(s.buf) >= flushSize {
		s.flushLocked(false)
	}
	if len(s.buf) > 0 && !s.armed {
		s.armed = true
		s.timer.Reset(flushDelay)
	}
}

// flushLocked sends the batch; unless all, an incomplete UTF-8 sequence
// at the end waits for its remaining bytes.
func (s *streamer) flushLocked(all bool) {
	if len(s.buf) == 0 {
		return
	}
	n := len(s.buf)
	if !all {
		for i := 1; i <= utf8.UTFMax && i <= n; i++ {
			if utf8.RuneStart(s.buf[n-i]) {
				if !utf8.FullRune(s.buf[n-i:]) {
					n -= i
				}
				break
			}
		}
	}
	text := string(s.buf[:n])
	s.buf = append(s.buf[:0], s.buf[n:]...)
	if text == "" {
		return
	}
	if s.out != nil {
		s.out.Stream(s.name, text)
	} else if len(s.pending) < 1000 {
		s.pending = append(s.pending, struct{ name, text string }{s.name, text})
	}
}

// attach directs output to out (nil: hold it for the next cell), first
// delivering what was held.
func (s *streamer) attach(out Output) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flushLocked(true)
	s.out = out
	if out != nil {
		for _, p := range s.pending {
			out.Stream(p.name, p.text)
		}
		s.pending = nil
	}
}

func (s *streamer) flush() {
	s.mu.Lock()
	s.flushLocked(true)
	s.mu.Unlock()
}

// pipe is one captured stream. Its reader drains the pipe under mu
// with non-blocking reads, and so does every write of the interpreter's
// own writer (memWriter) before it adds its text: output written to the
// fd before a fmt.Println in a cell is always delivered before it, and
// fmt.Println itself costs no system call but one empty read.
type pipe struct {
	name string
	r, w *os.File
	rc   syscall.RawConn
	st   *streamer
	mu   sync.Mutex
	buf  []byte
	done chan struct{}
}

func newPipe(name string, st *streamer) (*pipe, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	rc, err := r.SyscallConn()
	if err != nil {
		return nil, err
	}
	p := &pipe{name: name, r: r, w: w, rc: rc, st: st, buf: make([]byte, 64<<10), done: make(chan struct{})}
	go p.read()
	return p, nil
}

// drainFD reads what the pipe holds into the streamer; mu is held. It
// reports whether the write end is closed.
func (p *pipe) drainFD(fd int) (eof bool) {
	for {
		n, err := syscall.Read(fd, p.buf)
		switch {
		case n > 0:
			p.st.write(p.name, p.buf[:n])
		case err == syscall.EINTR:
		case err == syscall.EAGAIN:
			return false
		default: // n == 0: EOF, or a real error
			return true
		}
	}
}

func (p *pipe) read() {
	defer close(p.done)
	for {
		eof := false
		err := p.rc.Read(func(fd uintptr) bool {
			p.mu.Lock()
			eof = p.drainFD(int(fd))
			p.mu.Unlock()
			return eof
		})
		if err != nil || eof {
			return
		}
	}
}

// sync delivers everything written to the pipe so far.
func (p *pipe) sync() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rc.Control(func(fd uintptr) { p.drainFD(int(fd)) })
}

// memWriter is the interpreter's Options.Stdout/Stderr: fmt.Print* of
// cells go straight to the streamer, after what the fd holds.
type memWriter struct{ p *pipe }

func (m memWriter) Write(b []byte) (int, error) {
	m.p.mu.Lock()
	defer m.p.mu.Unlock()
	m.p.rc.Control(func(fd uintptr) { m.p.drainFD(int(fd)) })
	m.p.st.write(m.p.name, b)
	return len(b), nil
}

// capture redirects the process's stdout and stderr, both the os
// variables and file descriptors 1 and 2, so that compiled code and
// direct writes reach the notebook too. Stdin becomes a pipe at EOF.
type capture struct {
	st                   *streamer
	out, err             *pipe
	log                  *os.File // the original stderr, for kernel logs
	savedOut, savedErr   int      // duplicates of fds 1 and 2, restored by close
	savedIn              int
	oldStdout, oldStderr *os.File
	oldStdin             *os.File
	stdinR               *os.File
}

var captureMu sync.Mutex
var captured bool

// startCapture captures stdout and stderr; with keepFD2, file descriptor 2
// stays the process's stderr (os.Stderr is still captured).
func startCapture(keepFD2 bool) (*capture, error) {
	captureMu.Lock()
	defer captureMu.Unlock()
	if captured {
		return nil, errAlreadyCaptured
	}
	c := &capture{st: newStreamer(), oldStdout: os.Stdout, oldStderr: os.Stderr, oldStdin: os.Stdin}
	var err error
	if c.out, err = newPipe("stdout", c.st); err != nil {
		return nil, err
	}
	if c.err, err = newPipe("stderr", c.st); err != nil {
		return nil, err
	}
	if c.savedOut, err = syscall.Dup(1); err != nil {
		return nil, err
	}
	if c.savedErr, err = syscall.Dup(2); err != nil {
		return nil, err
	}
	if c.savedIn, err = syscall.Dup(0); err != nil {
		return nil, err
	}
	logFd, err := syscall.Dup(2)
	if err != nil {
		return nil, err
	}
	syscall.CloseOnExec(logFd)
	c.log = os.NewFile(uintptr(logFd), "kernel-log")
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	w.Close() // reads of stdin end at once; Scan and bufio go through Input instead
	c.stdinR = r
	if err := syscall.Dup3(int(c.out.w.Fd()), 1, 0); err != nil {
		return nil, err
	}
	if !keepFD2 {
		if err := syscall.Dup3(int(c.err.w.Fd()), 2, 0); err != nil {
			return nil, err
		}
	}
	if err := syscall.Dup3(int(r.Fd()), 0, 0); err != nil {
		return nil, err
	}
	os.Stdout, os.Stderr, os.Stdin = c.out.w, c.err.w, r
	captured = true
	return c, nil
}

// sync waits until everything written so far is delivered.
func (c *capture) sync() {
	c.out.sync()
	c.err.sync()
	c.st.flush()
}

func (c *capture) close() {
	captureMu.Lock()
	defer captureMu.Unlock()
	c.sync()
	syscall.Dup3(c.savedOut, 1, 0)
	syscall.Dup3(c.savedErr, 2, 0)
	syscall.Dup3(c.savedIn, 0, 0)
	syscall.Close(c.savedOut)
	syscall.Close(c.savedErr)
	syscall.Close(c.savedIn)
	os.Stdout, os.Stderr, os.Stdin = c.oldStdout, c.oldStderr, c.oldStdin
	c.out.w.Close()
	c.err.w.Close()
	<-c.out.done
	<-c.err.done
	c.out.r.Close()
	c.err.r.Close()
	c.stdinR.Close()
	captured = false
}

// lineWriter is an io.Writer into the stderr pipe that sets aside yaegi's
// "L:C: panic: fn(...)" trace lines for the traceback.
type lineWriter struct {
	mu    sync.Mutex
	w     io.Writer
	trace func(line string) bool
}

func (l *lineWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if panicLine.Match(p) && l.trace(string(bytes.TrimRight(p, "\n"))) {
		return len(p), nil
	}
	return l.w.Write(p)
}
