package kernel

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/google/uuid"
)

// This file holds the test harness: a kernel on real zmq4 sockets and a
// minimal Jupyter client, written against the wire format rather than the
// kernel's own encoder where it matters (see wire_test.go).

// logBuffer collects the kernel's log lines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// harness is a running kernel and a connected client.
type harness struct {
	t      testing.TB
	k      *Kernel
	ci     *ConnectionInfo
	log    *logBuffer
	runErr chan error
	*client
}

// startKernel serves ev on ipc sockets in a temporary directory (or tcp
// on free loopback ports) and connects a client that has seen iopub.
func startKernel(t testing.TB, ev Evaluator, transport string) *harness {
	t.Helper()
	return startKernelKey(t, ev, transport, "secret-key", "hmac-sha256")
}

// startKernelKey is startKernel with a given key and signature scheme.
func startKernelKey(t testing.TB, ev Evaluator, transport, key, scheme string) *harness {
	t.Helper()
	ci := &ConnectionInfo{Transport: transport, Key: key, SignatureScheme: scheme}
	switch transport {
	case "ipc":
		ci.IP = filepath.Join(t.TempDir(), "k")
		ci.ShellPort, ci.IOPubPort, ci.StdinPort, ci.ControlPort, ci.HBPort = 1, 2, 3, 4, 5
	case "tcp":
		ci.IP = "127.0.0.1"
		ports := freePorts(t, 5)
		ci.ShellPort, ci.IOPubPort, ci.StdinPort, ci.ControlPort, ci.HBPort = ports[0], ports[1], ports[2], ports[3], ports[4]
	}
	log := &logBuffer{}
	k, err := New(ci, ev, Config{Log: log, StreamInterval: 20 * time.Millisecond})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	h := &harness{t: t, k: k, ci: ci, log: log, runErr: make(chan error, 1)}
	go func() { h.runErr <- k.Run(context.Background()) }()
	h.client = dial(t, ci)
	t.Cleanup(func() {
		h.client.close()
		k.Shutdown()
		select {
		case <-h.runErr:
		case <-time.After(5 * time.Second):
			t.Errorf("kernel did not stop")
		}
	})
	h.waitReady()
	return h
}

func freePorts(t testing.TB, n int) []int {
	var ports []int
	var ls []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

// client is a Jupyter frontend: DEALERs on shell, control and stdin that
// share one identity, a SUB on iopub and a REQ on heartbeat.
type client struct {
	t       testing.TB
	signer  *Signer
	session string
	ctx     context.Context
	cancel  context.CancelFunc

	shell, control, stdin, iopub, hb     zmq4.Socket
	shellCh, controlCh, stdinCh, iopubCh chan *Message
}

func dial(t testing.TB, ci *ConnectionInfo) *client {
	t.Helper()
	c := dialLate(t, ci)
	c.subscribe(ci)
	return c
}

// dialLate connects the client's sockets except iopub, which subscribe
// connects.
func dialLate(t testing.TB, ci *ConnectionInfo) *client {
	t.Helper()
	signer, err := NewSigner(ci.SignatureScheme, []byte(ci.Key))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &client{t: t, signer: signer, session: uuid.NewString(), ctx: ctx, cancel: cancel,
		shellCh: make(chan *Message, 100), controlCh: make(chan *Message, 100),
		stdinCh: make(chan *Message, 100), iopubCh: make(chan *Message, 100000)}
	id := zmq4.WithID(zmq4.SocketIdentity(c.session))
	c.shell = zmq4.NewDealer(ctx, id)
	c.control = zmq4.NewDealer(ctx, id)
	c.stdin = zmq4.NewDealer(ctx, id)
	c.iopub = zmq4.NewSub(ctx)
	c.hb = zmq4.NewReq(ctx)
	for _, s := range []struct {
		sock zmq4.Socket
		port int
	}{{c.shell, ci.ShellPort}, {c.control, ci.ControlPort}, {c.stdin, ci.StdinPort}, {c.hb, ci.HBPort}} {
		if err := s.sock.Dial(ci.Endpoint(s.port)); err != nil {
			t.Fatalf("dial %s: %v", ci.Endpoint(s.port), err)
		}
	}
	for _, p := range []struct {
		sock zmq4.Socket
		ch   chan *Message
	}{{c.shell, c.shellCh}, {c.control, c.controlCh}, {c.stdin, c.stdinCh}} {
		go c.read(p.sock, p.ch)
	}
	return c
}

// subscribe connects the client's iopub SUB and subscribes to everything.
func (c *client) subscribe(ci *ConnectionInfo) {
	c.t.Helper()
	if err := c.iopub.Dial(ci.Endpoint(ci.IOPubPort)); err != nil {
		c.t.Fatalf("dial %s: %v", ci.Endpoint(ci.IOPubPort), err)
	}
	if err := c.iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		c.t.Fatal(err)
	}
	go c.read(c.iopub, c.iopubCh)
}

func (c *client) read(sock zmq4.Socket, ch chan *Message) {
	for {
		raw, err := sock.Recv()
		if err != nil {
			if c.ctx.Err() != nil {
				return
			}
			continue
		}
		m, err := c.signer.Decode(raw.Frames)
		if err != nil {
			c.t.Errorf("client: kernel sent an invalid message: %v", err)
			continue
		}
		ch <- m
	}
}

func (c *client) close() {
	c.cancel()
	for _, s := range []zmq4.Socket{c.shell, c.control, c.stdin, c.iopub, c.hb} {
		s.Close()
	}
}

// message builds a signed request; its header is returned for matching.
func (c *client) message(msgType string, content any) ([][]byte, Header) {
	h := Header{MsgID: uuid.NewString(), Session: c.session, Username: "test",
		Date: time.Now().UTC().Format(time.RFC3339Nano), MsgType: msgType, Version: "5.3"}
	body, err := json.Marshal(content)
	if err != nil {
		c.t.Fatal(err)
	}
	frames, err := c.signer.Encode(&Message{Header: h, Content: body})
	if err != nil {
		c.t.Fatal(err)
	}
	return frames, h
}

func (c *client) sendFrames(sock zmq4.Socket, frames [][]byte) {
	if err := sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		c.t.Fatalf("send: %v", err)
	}
}

// request sends a request on sock and returns its msg_id.
func (c *client) request(sock zmq4.Socket, msgType string, content any) string {
	frames, h := c.message(msgType, content)
	c.sendFrames(sock, frames)
	return h.MsgID
}

func (c *client) execute(code string, extra map[string]any) string {
	content := map[string]any{"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": true, "stop_on_error": true}
	for k, v := range extra {
		content[k] = v
	}
	return c.request(c.shell, "execute_request", content)
}

func recv(t testing.TB, ch chan *Message, what string, timeout time.Duration) *Message {
	t.Helper()
	select {
	case m := <-ch:
		return m
	case <-time.After(timeout):
		t.Fatalf("no %s message within %v", what, timeout)
		return nil
	}
}

// reply waits for the shell (or control) reply to msgID.
func (c *client) reply(ch chan *Message, msgID string) *Message {
	c.t.Helper()
	for {
		m := recv(c.t, ch, "reply", 5*time.Second)
		if parentID(m) == msgID {
			return m
		}
	}
}

// waitReady does what jupyter_client's wait_for_ready does: kernel_info
// until iopub delivers, which proves the subscription reached the kernel.
func (c *client) waitReady() {
	c.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		id := c.request(c.shell, "kernel_info_request", map[string]any{})
		c.reply(c.shellCh, id)
		select {
		case <-c.iopubCh:
			time.Sleep(20 * time.Millisecond)
			c.drainIOPub()
			return
		case <-time.After(200 * time.Millisecond):
		}
	}
	c.t.Fatal("iopub never delivered")
}

func (c *client) drainIOPub() {
	for {
		select {
		case <-c.iopubCh:
		default:
			return
		}
	}
}

// iopubUntilIdle collects the iopub messages of msgID up to its idle.
func (c *client) iopubUntilIdle(msgID string) []*Message {
	c.t.Helper()
	var got []*Message
	for {
		m := recv(c.t, c.iopubCh, "iopub", 5*time.Second)
		if parentID(m) != msgID {
			continue
		}
		got = append(got, m)
		if m.Header.MsgType == "status" && content(m)["execution_state"] == "idle" {
			return got
		}
	}
}

func parentID(m *Message) string {
	var p struct {
		MsgID string `json:"msg_id"`
	}
	json.Unmarshal(m.Parent, &p)
	return p.MsgID
}

func content(m *Message) map[string]any {
	var c map[string]any
	if err := json.Unmarshal(m.Content, &c); err != nil {
		panic(err)
	}
	return c
}

// summary renders iopub messages as "type[:detail]" for order assertions.
func summary(ms []*Message) string {
	var parts []string
	for _, m := range ms {
		s := m.Header.MsgType
		c := content(m)
		switch s {
		case "status":
			s += ":" + fmt.Sprint(c["execution_state"])
		case "stream":
			s += ":" + fmt.Sprint(c["name"])
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// replyTo builds a signed message whose parent is m (an input_reply).
func (c *client) replyTo(m *Message, msgType string, content any) [][]byte {
	h := Header{MsgID: uuid.NewString(), Session: c.session, Username: "test",
		Date: time.Now().UTC().Format(time.RFC3339Nano), MsgType: msgType, Version: "5.3"}
	body, _ := json.Marshal(content)
	frames, err := c.signer.Encode(&Message{Header: h, Parent: m.RawHeader, Content: body})
	if err != nil {
		c.t.Fatal(err)
	}
	return frames
}

func zmqMsg(s string) zmq4.Msg { return zmq4.NewMsgString(s) }

func cloneFrames(f [][]byte) [][]byte {
	out := make([][]byte, len(f))
	for i := range f {
		out[i] = append([]byte(nil), f[i]...)
	}
	return out
}

// resign replaces signed part i (0 header … 3 content) of an unrouted
// message and signs it again, to make well-signed garbage.
func resign(c *client, frames [][]byte, i int, part []byte) [][]byte {
	frames = cloneFrames(frames)
	frames[2+i] = part
	frames[1] = c.signer.Sign([4][]byte{frames[2], frames[3], frames[4], frames[5]})
	return frames
}

func sprint(v any) string { return fmt.Sprint(v) }
