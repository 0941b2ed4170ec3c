package kernel

import (
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"
)

// zmq4 performs the ZMTP handshake of every accepted connection on the
// socket's single accept goroutine, with no deadline: one peer that
// connects and stays silent (a port scanner, a stuck client) would keep
// every later frontend from connecting. The kernel therefore listens
// through these transports, which bound the handshake with a read
// deadline. The wire is unchanged: ZMTP over tcp or unix sockets, which
// clients dial as tcp:// and ipc://.
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
	l, err := net.Listen(t.network, addr)
	if err != nil {
		return nil, err
	}
	return &guardedListener{Listener: l}, nil
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
// there. The connection itself is returned unwrapped, because zmq4 sends
// with net.Buffers, which is one writev only on the net package's own
// connection types.
type guardedListener struct {
	net.Listener
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
	c.SetReadDeadline(time.Now().Add(handshakeTimeout))
	l.mu.Lock()
	l.prev = c
	l.mu.Unlock()
	return c, nil
}
