package kernel

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"
)

// zmq4 performs the ZMTP handshake of every accepted connection on the
// socket's single accept goroutine, with no deadline: one peer that
// connects and stays silent (a port scanner, a stuck client) would keep
// every later frontend from connecting. The kernel therefore listens
// through these transports, which bound the handshake with a read
// deadline, and which refuse absurd frame sizes (see maxFrame). The wire
// is unchanged: ZMTP over tcp or unix sockets, which clients dial as
// tcp:// and ipc://.
const (
	guardedTCP = "gonsim-tcp"
	guardedIPC = "gonsim-ipc"
)

// handshakeTimeout bounds the wait for a peer's handshake (a variable so
// tests can shorten it).
var handshakeTimeout = 5 * time.Second

func init() {
	for name, network := range map[string]string{guardedTCP: "tcp", guardedIPC: "unix"} {
		if err := zmq4.RegisterTransport(name, guardedTransport{network}); err != nil {
			panic("kernel: " + err.Error())
		}
	}
}

// listenEndpoint is the endpoint the kernel binds for a port of ci.
func (ci *ConnectionInfo) listenEndpoint(port int) string {
	ep := ci.Endpoint(port)
	if rest, ok := strings.CutPrefix(ep, "tcp://"); ok {
		return guardedTCP + "://" + rest
	}
	return guardedIPC + "://" + strings.TrimPrefix(ep, "ipc://")
}

type guardedTransport struct{ network string }

func (t guardedTransport) Dial(ctx context.Context, d transport.Dialer, addr string) (net.Conn, error) {
	return d.DialContext(ctx, t.network, addr)
}

func (t guardedTransport) Listen(ctx context.Context, addr string) (net.Listener, error) {
	l := takePrebound(t.network, addr)
	if l == nil {
		var err error
		if l, err = net.Listen(t.network, addr); err != nil {
			return nil, err
		}
	}
	// Read the tunables here, on the goroutine that binds: the accept
	// goroutine must not read package variables tests change.
	return &guardedListener{Listener: l, handshake: handshakeTimeout, stall: writeStall}, nil
}

func (t guardedTransport) Addr(ep string) (string, error) {
	if t.network == "unix" {
		return ep, nil
	}
	host, port, err := net.SplitHostPort(ep)
	if err != nil {
		return "", fmt.Errorf("kernel: tcp endpoint %q: %w", ep, err)
	}
	if host == "*" {
		host = "0.0.0.0"
	}
	return net.JoinHostPort(host, port), nil
}

// guardedListener gives each accepted connection a read deadline for the
// handshake. zmq4 handshakes a connection on its accept goroutine and then
// calls Accept again, so the next Accept is the moment the previous
// handshake is over (done, or failed and closed): it lifts the deadline
// there.
type guardedListener struct {
	net.Listener
	handshake, stall time.Duration

	mu   sync.Mutex
	prev net.Conn
}

func (l *guardedListener) Accept() (net.Conn, error) {
	l.mu.Lock()
	if l.prev != nil {
		l.prev.SetReadDeadline(time.Time{})
		l.prev = nil
	}
	l.mu.Unlock()
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	c.SetReadDeadline(time.Now().Add(l.handshake))
	l.mu.Lock()
	l.prev = c
	l.mu.Unlock()
	go watchWrites(c, l.stall)
	// The wrappers embed the concrete type so that net.Buffers still
	// finds its writev method (promoted), and only reads go through them.
	switch x := c.(type) {
	case *net.TCPConn:
		return &guardedTCPConn{TCPConn: x, in: newFrameReader(x)}, nil
	case *net.UnixConn:
		return &guardedUnixConn{UnixConn: x, in: newFrameReader(x)}, nil
	}
	return c, nil
}

// writeStall is how long a peer may leave data unread before the kernel
// drops its connection (a variable so tests can shorten it). See
// watchWrites.
var writeStall = 10 * time.Second

// connLog holds the func(format string, args ...any) that receives a line
// when a connection is dropped; New installs its kernel's log.
var connLog atomic.Value

func logConn(format string, args ...any) {
	if f, ok := connLog.Load().(func(string, ...any)); ok {
		f(format, args...)
	}
}

type guardedTCPConn struct {
	*net.TCPConn
	in *frameReader
}

func (c *guardedTCPConn) Read(p []byte) (int, error) { return c.in.Read(p) }

type guardedUnixConn struct {
	*net.UnixConn
	in *frameReader
}

func (c *guardedUnixConn) Read(p []byte) (int, error) { return c.in.Read(p) }

// maxFrame is the largest ZMTP frame a peer may announce. zmq4 allocates
// an announced size before reading it, so an absurd size (a corrupt or
// hostile stream) would exhaust memory and kill the kernel.
var maxFrame uint64 = 256 << 20

// errFrameTooLarge ends a connection that announced a frame over maxFrame.
var errFrameTooLarge = errors.New("kernel: peer announced a ZMTP frame over the size limit; connection closed")

// frameReader buffers reads (zmq4 reads each frame header and body
// separately, a system call each) and follows the ZMTP framing of the
// stream: after the 64-byte greeting, each frame is a flags byte, a 1- or
// 8-byte size (flag 0x02) and the body.
type frameReader struct {
	r    *bufio.Reader
	skip uint64 // bytes still to pass before the next frame header
	hdr  []byte // header bytes of the frame being read
	err  error
}

func newFrameReader(r io.Reader) *frameReader {
	return &frameReader{r: bufio.NewReaderSize(r, 32<<10), skip: 64}
}

func (f *frameReader) Read(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	n, err := f.r.Read(p)
	if ferr := f.scan(p[:n]); ferr != nil {
		f.err = ferr
		return 0, ferr
	}
	return n, err
}

// scan advances the framing state over b.
func (f *frameReader) scan(b []byte) error {
	for len(b) > 0 {
		if f.skip > 0 {
			k := min(f.skip, uint64(len(b)))
			f.skip -= k
			b = b[k:]
			continue
		}
		f.hdr = append(f.hdr, b[0])
		b = b[1:]
		need := 2
		if f.hdr[0]&0x02 != 0 {
			need = 9
		}
		if len(f.hdr) < need {
			continue
		}
		var size uint64
		for _, x := range f.hdr[1:] {
			size = size<<8 | uint64(x)
		}
		f.hdr = f.hdr[:0]
		if size > maxFrame {
			return errFrameTooLarge
		}
		f.skip = size
	}
	return nil
}
