package interp

import (
	"io"
	"os"
	"sync"
	"unicode/utf8"
)

var errEOF = io.EOF

// stdinReader is what cells read as standard input: each time its
// buffer is empty it asks the frontend for a line through
// Output.Input, which fails at once with io.EOF when the request
// did not allow stdin. It is a RuneScanner so that successive fmt.Scan
// calls do not lose characters.
type stdinReader struct {
	s    *Session
	mu   sync.Mutex
	buf  []byte
	last int // size of the last rune read, for UnreadRune
	prev []byte
}

func (r *stdinReader) fill() error {
	if len(r.buf) > 0 {
		return nil
	}
	out := r.s.output()
	if out == nil {
		return io.EOF
	}
	// What the cell printed (the prompt) shows before the input box.
	r.s.cap.sync()
	line, err := out.Input("", false)
	if err != nil {
		return err
	}
	r.buf = append(r.buf, line...)
	r.buf = append(r.buf, '\n')
	return nil
}

func (r *stdinReader) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.fill(); err != nil {
		return 0, err
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	r.last = 0
	return n, nil
}

func (r *stdinReader) ReadRune() (rune, int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.fill(); err != nil {
		return 0, 0, err
	}
	c, n := utf8.DecodeRune(r.buf)
	r.prev = append(r.prev[:0], r.buf[:n]...)
	r.buf = r.buf[n:]
	r.last = n
	return c, n, nil
}

func (r *stdinReader) UnreadRune() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.last == 0 {
		return io.ErrNoProgress
	}
	r.buf = append(append([]byte(nil), r.prev...), r.buf...)
	r.last = 0
	return nil
}

// reset drops what a cell left unread.
func (r *stdinReader) reset() {
	r.mu.Lock()
	r.buf, r.last = nil, 0
	r.mu.Unlock()
}

// stdinOr returns the notebook's stdin in place of os.Stdin.
func (s *Session) stdinOr(rd io.Reader) io.Reader {
	if f, ok := rd.(*os.File); ok && f == os.Stdin {
		return s.stdin
	}
	return rd
}
