package kernel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/google/uuid"
)

// ProtocolVersion is the Jupyter messaging protocol version the kernel speaks.
const ProtocolVersion = "5.3"

// Config describes the kernel to frontends and tunes it. The zero value
// works; New fills in defaults.
type Config struct {
	Implementation        string // kernel_info implementation, default "gonsim"
	ImplementationVersion string // default "dev"
	LanguageVersion       string // language_info.version, default the Go toolchain's
	Banner                string
	HelpLinks             []HelpLink

	// Log receives one line per dropped message or internal problem;
	// default os.Stderr.
	Log io.Writer
	// StreamInterval is how long stream output is held to be coalesced
	// with later writes before it is published; default 50 ms.
	StreamInterval time.Duration
	// StreamMax is the buffered size that forces a stream message out
	// early; default 256 KiB.
	StreamMax int
}

// HelpLink is an entry of kernel_info_reply's help_links (the Help menu).
type HelpLink struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

// Timeouts for the zmq4 sockets. zmq4's default is 5 minutes and a ROUTER
// send waits for a peer to exist, so a reply to a vanished frontend would
// stall the shell loop for that long.
const (
	sendTimeout = 3 * time.Second
	// iopubHWM bounds the PUB queue (zmq4's default 0 is unbounded, see
	// zmq4 issue 151); beyond it messages are dropped as ZeroMQ's PUB does.
	iopubHWM = 10000
	// cellGrace is how long shutdown waits for an interrupted cell.
	cellGrace = time.Second
)

// Kernel serves one Evaluator over the five Jupyter sockets.
type Kernel struct {
	cfg     Config
	ev      Evaluator
	signer  *Signer
	session string
	logMu   sync.Mutex

	ctx    context.Context // lives until shutdown
	cancel context.CancelFunc

	shell, control, stdin, hb zmq4.Socket

	iopubMu sync.Mutex // one sender at a time keeps iopub in order
	iopub   zmq4.Socket
	// held are iopub messages published before the first subscription
	// (iopub_hold.go); subscribed is set once it has arrived. Under iopubMu.
	held       []zmq4.Msg
	subscribed bool

	shellQ      chan *Message
	lastArrival atomic.Int64  // UnixNano of the latest shell message read
	inputCh     chan *Message // input_reply messages from the stdin reader

	cellMu     sync.Mutex
	cancelCell context.CancelFunc // non-nil while a cell runs
	interrupts int                // interrupts of the running cell

	// Owned by the shell goroutine.
	count       int       // execution_count of the next stored cell
	abortBefore time.Time // stop_on_error: abort executes received before this
	history     []historyEntry

	comms comms // open comms (comm.go)

	shutdownOnce sync.Once
	done         chan struct{} // closed when shutdown starts
	wg           sync.WaitGroup
}

// New binds the five sockets of ci and returns a kernel ready to Run.
func New(ci *ConnectionInfo, ev Evaluator, cfg Config) (*Kernel, error) {
	if err := ci.check(); err != nil {
		return nil, err
	}
	signer, err := NewSigner(ci.SignatureScheme, []byte(ci.Key))
	if err != nil {
		return nil, err
	}
	if cfg.Implementation == "" {
		cfg.Implementation = "gonsim"
	}
	if cfg.ImplementationVersion == "" {
		cfg.ImplementationVersion = "dev"
	}
	if cfg.LanguageVersion == "" {
		cfg.LanguageVersion = strings.TrimPrefix(runtime.Version(), "go")
	}
	if cfg.Log == nil {
		cfg.Log = os.Stderr
	}
	if cfg.StreamInterval <= 0 {
		cfg.StreamInterval = 50 * time.Millisecond
	}
	if cfg.StreamMax <= 0 {
		cfg.StreamMax = 256 << 10
	}
	ctx, cancel := context.WithCancel(context.Background())
	k := &Kernel{
		cfg: cfg, ev: ev, signer: signer,
		session: uuid.NewString(),
		ctx:     ctx, cancel: cancel,
		shellQ:  make(chan *Message, 1024),
		inputCh: make(chan *Message, 16),
		count:   1,
		done:    make(chan struct{}),
	}
	quiet := zmq4.WithLogger(newLogger(k.logf))
	opts := []zmq4.Option{zmq4.WithTimeout(sendTimeout), quiet}
	k.shell = zmq4.NewRouter(ctx, opts...)
	k.control = zmq4.NewRouter(ctx, opts...)
	k.stdin = zmq4.NewRouter(ctx, opts...)
	// A ROUTER echoing every frame back is what libzmq's QUEUE device does
	// for ipykernel; it serves any number of REQ heartbeat clients.
	k.hb = zmq4.NewRouter(ctx, opts...)
	connLog.Store(k.logf)
	k.iopub = zmq4.NewPub(ctx, opts...)
	if err := k.iopub.SetOption(zmq4.OptionHWM, iopubHWM); err != nil {
		cancel()
		return nil, fmt.Errorf("iopub: %w", err)
	}
	for _, s := range []struct {
		name string
		sock zmq4.Socket
		port int
	}{{"shell", k.shell, ci.ShellPort}, {"control", k.control, ci.ControlPort},
		{"stdin", k.stdin, ci.StdinPort}, {"hb", k.hb, ci.HBPort}, {"iopub", k.iopub, ci.IOPubPort}} {
		if err := s.sock.Listen(ci.listenEndpoint(s.port)); err != nil {
			k.closeSockets()
			cancel()
			// zmq4's message names the internal transport; the cause
			// (e.g. "address already in use") is what the user needs.
			if cause := errors.Unwrap(err); cause != nil {
				err = cause
			}
			return nil, fmt.Errorf("%s socket: cannot listen on %s: %w", s.name, ci.Endpoint(s.port), err)
		}
	}
	return k, nil
}

// Serve runs a kernel for ci until a shutdown_request arrives or ctx is
// cancelled.
func Serve(ctx context.Context, ci *ConnectionInfo, ev Evaluator, cfg Config) error {
	k, err := New(ci, ev, cfg)
	if err != nil {
		return err
	}
	return k.Run(ctx)
}

// Run serves requests until a shutdown_request arrives or ctx is cancelled,
// then closes the sockets. Shell requests are handled one at a time on one
// goroutine; heartbeat, control and stdin each have their own, so they
// answer while a cell runs. A cell still running a second after shutdown
// began is abandoned.
func (k *Kernel) Run(ctx context.Context) error {
	stop := context.AfterFunc(ctx, k.Shutdown)
	defer stop()

	k.publish(nil, "status", map[string]any{"execution_state": "starting"})
	k.wg.Add(5)
	go k.awaitSubscriber()
	go k.heartbeat()
	go k.readLoop("shell", k.shell, func(m *Message) {
		k.lastArrival.Store(m.received.UnixNano())
		select {
		case k.shellQ <- m:
		case <-k.done:
		}
	})
	go k.readLoop("control", k.control, func(m *Message) {
		k.dispatch(&request{k: k, sock: k.control, channel: "control", msg: m})
	})
	go k.readLoop("stdin", k.stdin, func(m *Message) {
		if m.Header.MsgType != "input_reply" {
			k.logf("stdin: dropped message of type %q", m.Header.MsgType)
			return
		}
		select {
		case k.inputCh <- m:
		default:
			k.logf("stdin: dropped input_reply nobody waits for")
		}
	})

	shellDone := make(chan struct{})
	go func() {
		defer close(shellDone)
		for {
			// Once shutdown began, no queued request may start a cell.
			select {
			case <-k.done:
				return
			default:
			}
			select {
			case <-k.done:
				return
			case m := <-k.shellQ:
				k.dispatch(&request{k: k, sock: k.shell, channel: "shell", msg: m})
			}
		}
	}()
	<-k.done
	select {
	case <-shellDone:
	case <-time.After(cellGrace):
		k.logf("shutdown: the running cell did not stop within %v", cellGrace)
	}
	// zmq4's PUB sends from a queue on its own goroutine and Close drops
	// what is still queued; give the last status messages a moment.
	time.Sleep(20 * time.Millisecond)
	k.cancel()
	k.closeSockets()
	k.wg.Wait()
	return nil
}

// Shutdown stops the kernel as a shutdown_request does: the running cell is
// cancelled and Run returns.
func (k *Kernel) Shutdown() {
	k.shutdownOnce.Do(func() {
		k.Interrupt()
		close(k.done)
	})
}

// Interrupt cancels the running cell, if any, as an interrupt_request does.
// It is safe to call from any goroutine (main calls it on SIGINT).
func (k *Kernel) Interrupt() {
	k.cellMu.Lock()
	defer k.cellMu.Unlock()
	if k.cancelCell != nil {
		k.interrupts++
		k.cancelCell()
	}
}

func (k *Kernel) closeSockets() {
	for _, s := range []zmq4.Socket{k.shell, k.control, k.stdin, k.hb, k.iopub} {
		if s != nil {
			s.Close()
		}
	}
}

// readLoop receives, verifies and decodes messages of one socket and hands
// each valid one to handle. Invalid messages are logged and dropped.
func (k *Kernel) readLoop(name string, sock zmq4.Socket, handle func(*Message)) {
	defer k.wg.Done()
	for {
		raw, err := sock.Recv()
		if err != nil {
			if k.ctx.Err() != nil {
				return
			}
			k.logf("%s: receive: %v", name, err)
			time.Sleep(10 * time.Millisecond) // don't spin on a persistent error
			continue
		}
		m, err := k.signer.Decode(raw.Frames)
		if err != nil {
			k.logf("%s: dropped message: %v", name, err)
			continue
		}
		m.received = time.Now()
		handle(m)
	}
}

// heartbeat echoes every message back to its sender, untouched.
func (k *Kernel) heartbeat() {
	defer k.wg.Done()
	for {
		msg, err := k.hb.Recv()
		if err != nil {
			if k.ctx.Err() != nil {
				return
			}
			continue
		}
		if len(msg.Frames) == 0 {
			continue
		}
		if err := k.hb.SendMulti(zmq4.NewMsgFrom(msg.Frames...)); err != nil && k.ctx.Err() == nil {
			k.logf("hb: echo: %v", err)
		}
	}
}

func (k *Kernel) logf(format string, args ...any) {
	k.logMu.Lock()
	defer k.logMu.Unlock()
	fmt.Fprintf(k.cfg.Log, "gonsim kernel: "+format+"\n", args...)
}

// header returns a fresh header of type msgType in this kernel's session.
func (k *Kernel) header(msgType string) Header {
	return Header{
		MsgID:    uuid.NewString(),
		Session:  k.session,
		Username: "gonsim",
		Date:     time.Now().UTC().Format("2006-01-02T15:04:05.000000Z07:00"),
		MsgType:  msgType,
		Version:  ProtocolVersion,
	}
}

// publish sends one iopub message with the given parent header (nil for
// none). All iopub traffic goes through here, under one mutex.
func (k *Kernel) publish(parent json.RawMessage, msgType string, content any) {
	k.publishWith(parent, msgType, content, nil, nil)
}

// publishWith is publish with metadata and binary buffers (comm messages).
func (k *Kernel) publishWith(parent json.RawMessage, msgType string, content any, metadata map[string]any, buffers [][]byte) {
	body, err := marshalClean(content)
	if err != nil {
		k.logf("iopub: cannot encode %s: %v", msgType, err)
		return
	}
	m := &Message{
		Identities: [][]byte{[]byte("kernel." + k.session[:8] + "." + msgType)},
		Header:     k.header(msgType),
		Parent:     parent,
		Metadata:   metadata,
		Content:    body,
		Buffers:    buffers,
	}
	frames, err := k.signer.Encode(m)
	if err != nil {
		k.logf("iopub: %v", err)
		return
	}
	k.iopubMu.Lock()
	defer k.iopubMu.Unlock()
	if err := k.holdOrSend(zmq4.NewMsgFrom(frames...)); err != nil && k.ctx.Err() == nil {
		k.logf("iopub: send %s: %v", msgType, err)
	}
}

// send sends a message on a ROUTER socket to the given identities.
func (k *Kernel) send(sock zmq4.Socket, ids [][]byte, parent json.RawMessage, h Header, content any) error {
	body, err := marshalClean(content)
	if err != nil {
		return fmt.Errorf("cannot encode %s: %w", h.MsgType, err)
	}
	frames, err := k.signer.Encode(&Message{Identities: ids, Header: h, Parent: parent, Content: body})
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return errors.New("no routing identity")
	}
	return sock.SendMulti(zmq4.NewMsgFrom(frames...))
}
