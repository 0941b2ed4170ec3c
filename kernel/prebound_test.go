package kernel

import (
	"context"
	"net"
	"testing"
	"time"
)

// A kernel given listening sockets (Config.Listeners) serves on them: New
// would fail with "address already in use" if it bound the ports again
// while the test holds them.
func TestPreboundListeners(t *testing.T) {
	ls := map[int]net.Listener{}
	var ports []int
	for range 5 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		ls[port] = l
		ports = append(ports, port)
	}
	ci := &ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: "k", SignatureScheme: "hmac-sha256",
		ShellPort: ports[0], IOPubPort: ports[1], StdinPort: ports[2], ControlPort: ports[3], HBPort: ports[4]}
	k, err := New(ci, &fake{}, Config{Log: &logBuffer{}, Listeners: ls})
	if err != nil {
		t.Fatalf("New with the ports' listeners: %v", err)
	}
	runErr := make(chan error, 1)
	go func() { runErr <- k.Run(context.Background()) }()
	c := dial(t, ci)
	defer func() {
		c.close()
		k.Shutdown()
		select {
		case <-runErr:
		case <-time.After(5 * time.Second):
			t.Errorf("kernel did not stop")
		}
	}()
	c.waitReady()
	id := c.request(c.shell, "kernel_info_request", map[string]any{})
	if r := c.reply(c.shellCh, id); r.Header.MsgType != "kernel_info_reply" {
		t.Errorf("reply %s", r.Header.MsgType)
	}
}

// The ports without a listener in Config.Listeners are bound by New.
func TestPreboundSomePorts(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	p := freePorts(t, 4)
	ci := &ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: "k", SignatureScheme: "hmac-sha256",
		ShellPort: port, IOPubPort: p[0], StdinPort: p[1], ControlPort: p[2], HBPort: p[3]}
	k, err := New(ci, &fake{}, Config{Log: &logBuffer{}, Listeners: map[int]net.Listener{port: l}})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	runErr := make(chan error, 1)
	go func() { runErr <- k.Run(context.Background()) }()
	c := dial(t, ci)
	c.waitReady()
	c.close()
	k.Shutdown()
	<-runErr
}

// AfterKernelInfo runs once, after the first kernel_info_reply is sent:
// the reply has reached the client by then, and later requests do not
// call it again.
func TestAfterKernelInfo(t *testing.T) {
	p := freePorts(t, 5)
	ci := &ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: "k", SignatureScheme: "hmac-sha256",
		ShellPort: p[0], IOPubPort: p[1], StdinPort: p[2], ControlPort: p[3], HBPort: p[4]}
	calls := make(chan struct{}, 10)
	k, err := New(ci, &fake{}, Config{Log: &logBuffer{}, AfterKernelInfo: func() { calls <- struct{}{} }})
	if err != nil {
		t.Fatal(err)
	}
	runErr := make(chan error, 1)
	go func() { runErr <- k.Run(context.Background()) }()
	c := dial(t, ci)
	defer func() {
		c.close()
		k.Shutdown()
		<-runErr
	}()
	select {
	case <-calls:
		t.Fatal("called before any kernel_info")
	case <-time.After(50 * time.Millisecond):
	}
	for range 3 {
		id := c.request(c.shell, "kernel_info_request", map[string]any{})
		c.reply(c.shellCh, id)
	}
	c.request(c.control, "kernel_info_request", map[string]any{})
	time.Sleep(50 * time.Millisecond)
	if n := len(calls); n != 1 {
		t.Errorf("AfterKernelInfo called %d times, want once", n)
	}
}
