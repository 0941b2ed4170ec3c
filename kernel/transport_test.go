package kernel

import (
	"encoding/binary"
	"net"
	"strings"
	"testing"
	"time"
)

func TestFrameReaderScan(t *testing.T) {
	greeting := make([]byte, 64)
	short := func(size byte) []byte { return append([]byte{0x01, size}, make([]byte, size)...) }
	long := func(size uint64) []byte {
		h := []byte{0x02, 0, 0, 0, 0, 0, 0, 0, 0}
		binary.BigEndian.PutUint64(h[1:], size)
		return h
	}
	join := func(parts ...[]byte) []byte {
		var b []byte
		for _, p := range parts {
			b = append(b, p...)
		}
		return b
	}
	tests := []struct {
		name   string
		stream []byte
		ok     bool
	}{
		{"greeting only", greeting, true},
		{"short frames", join(greeting, short(5), short(0), short(255)), true},
		{"long frame at the limit", join(greeting, long(maxFrame), make([]byte, 10)), true},
		{"long frame over the limit", join(greeting, short(3), long(maxFrame+1)), false},
		{"absurd size", join(greeting, long(1<<62)), false},
		{"greeting bytes are not a header", append(make([]byte, 63), 0xff), true},
	}
	for _, tt := range tests {
		// Whole, and one byte at a time: reads split anywhere.
		for _, step := range []int{len(tt.stream), 1, 7} {
			f := &frameReader{skip: 64}
			var err error
			for i := 0; i < len(tt.stream) && err == nil; i += step {
				err = f.scan(tt.stream[i:min(i+step, len(tt.stream))])
			}
			if (err == nil) != tt.ok {
				t.Errorf("%s (step %d): err = %v, want ok=%v", tt.name, step, err, tt.ok)
			}
		}
	}
}

// zmtpDial opens a raw ZMTP 3.0 NULL connection as a DEALER, so a test
// can then write whatever frames it likes.
func zmtpDial(t *testing.T, network, addr string) net.Conn {
	return zmtpDialAs(t, network, addr, "DEALER")
}

func zmtpDialAs(t *testing.T, network, addr, socketType string) net.Conn {
	t.Helper()
	c, err := net.Dial(network, addr)
	if err != nil {
		t.Fatal(err)
	}
	greeting := make([]byte, 64)
	greeting[0], greeting[9], greeting[10] = 0xff, 0x7f, 3
	copy(greeting[12:], "NULL")
	ready := []byte("\x05READY\x0bSocket-Type\x00\x00\x00" + string(rune(len(socketType))) + socketType)
	if _, err := c.Write(append(append(greeting, 0x04, byte(len(ready))), ready...)); err != nil {
		t.Fatal(err)
	}
	// Read the kernel's greeting and READY so the handshake completes.
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 64+2+64)
	if _, err := c.Read(buf); err != nil {
		t.Fatalf("handshake: %v", err)
	}
	return c
}

// A peer announcing an absurd frame size is disconnected; zmq4 would
// otherwise try to allocate it and the kernel would die.
func TestAbsurdFrameSize(t *testing.T) {
	h := startKernel(t, &fake{}, "tcp")
	c := zmtpDial(t, "tcp", h.ci.Endpoint(h.ci.ShellPort)[len("tcp://"):])
	defer c.Close()
	hdr := []byte{0x02, 0, 0, 0, 0, 0, 0, 0, 0}
	binary.BigEndian.PutUint64(hdr[1:], 1<<50)
	c.Write(hdr)
	// Drain the rest of the kernel's handshake; the connection must end.
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	var err error
	for err == nil {
		_, err = c.Read(make([]byte, 256))
	}
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Error("the kernel kept the connection")
	}
	id := h.execute("value alive", nil)
	if rep := content(h.reply(h.shellCh, id)); rep["status"] != "ok" {
		t.Errorf("after the absurd frame: %v", rep)
	}
}

// A subscriber that stops reading is dropped once its unread data stops
// moving, and the other frontends get their output; without that, zmq4's
// PUB goroutine blocks on it and iopub stalls for everyone.
func TestStuckSubscriberIsDropped(t *testing.T) {
	old := writeStall
	writeStall = 400 * time.Millisecond
	defer func() { writeStall = old }()
	h := startKernel(t, &fake{}, "tcp")
	stuck := zmtpDialAs(t, "tcp", h.ci.Endpoint(h.ci.IOPubPort)[len("tcp://"):], "SUB")
	defer stuck.Close()
	stuck.Write([]byte{0x00, 0x01, 0x01}) // subscribe to everything, then never read
	time.Sleep(100 * time.Millisecond)

	id := h.execute("big 32", nil)
	h.reply(h.shellCh, id)
	n := 0
	for _, m := range h.iopubUntilIdle(id) {
		if m.Header.MsgType == "stream" {
			n += len(content(m)["text"].(string))
		}
	}
	if n != 32<<20 {
		t.Errorf("the healthy client got %d bytes of output, want %d", n, 32<<20)
	}
	if !strings.Contains(h.log.String(), "dropping connection") {
		t.Errorf("no log line about the dropped subscriber:\n%s", h.log.String())
	}
}
