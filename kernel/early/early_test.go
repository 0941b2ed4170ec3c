package early

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func freePorts(t *testing.T, n int) []int {
	var ports []int
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
		defer l.Close()
	}
	return ports
}

func writeFile(t *testing.T, body string) string {
	path := filepath.Join(t.TempDir(), "kernel.json")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// bind listens on the five ports of a tcp connection file: a client can
// connect to each before anything accepts.
func TestBind(t *testing.T) {
	p := freePorts(t, 5)
	path := writeFile(t, fmt.Sprintf(`{"transport": "tcp", "ip": "127.0.0.1", "shell_port": %d, "iopub_port": %d,
		"stdin_port": %d, "control_port": %d, "hb_port": %d, "key": "k", "signature_scheme": "hmac-sha256"}`, p[0], p[1], p[2], p[3], p[4]))
	files, err := bind(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 5 {
		t.Fatalf("%d sockets, want 5", len(files))
	}
	for _, port := range p {
		l, err := net.FileListener(files[port])
		files[port].Close()
		if err != nil {
			t.Fatalf("port %d: %v", port, err)
		}
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err != nil {
			t.Errorf("port %d refuses: %v", port, err)
		} else {
			c.Close()
		}
		if got := l.Addr().(*net.TCPAddr).Port; got != port {
			t.Errorf("listener on %d, want %d", got, port)
		}
		l.Close()
	}
}

// Whatever bind cannot bind it leaves to the kernel, binding nothing.
func TestBindRefuses(t *testing.T) {
	p := freePorts(t, 5)
	held, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	inUse := held.Addr().(*net.TCPAddr).Port
	conn := func(transport, ip string, hb int) string {
		return writeFile(t, fmt.Sprintf(`{"transport": %q, "ip": %q, "shell_port": %d, "iopub_port": %d,
			"stdin_port": %d, "control_port": %d, "hb_port": %d}`, transport, ip, p[0], p[1], p[2], p[3], hb))
	}
	tests := []struct {
		path, err string
	}{
		{filepath.Join(t.TempDir(), "missing.json"), "no such file"},
		{writeFile(t, "{"), "unexpected end of JSON"},
		{conn("ipc", "/tmp/k", p[4]), "transport is not tcp"},
		{conn("tcp", "localhost", p[4]), "ip is not an IPv4 address"},
		{conn("tcp", "::1", p[4]), "ip is not an IPv4 address"},
		{conn("tcp", "127.0.0.256", p[4]), "ip is not an IPv4 address"},
		{conn("tcp", "127.0.0.1", 0), "a port is missing"},
		{conn("tcp", "127.0.0.1", p[0]), "repeated"},
		{conn("tcp", "127.0.0.1", inUse), "bind: address already in use"},
	}
	for _, tt := range tests {
		files, err := bind(tt.path, nil)
		if err == nil || !strings.Contains(err.Error(), tt.err) || files != nil {
			t.Errorf("bind(%s) = %v, %v; want error %q", filepath.Base(tt.path), files, err, tt.err)
		}
	}
	// Nothing stays bound after a refusal: the ports are free.
	for _, port := range p {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err != nil {
			t.Errorf("port %d left bound: %v", port, err)
			continue
		}
		l.Close()
	}
}

// Take gives init's sockets once, and only for the file init bound.
func TestTake(t *testing.T) {
	p := freePorts(t, 5)
	path := writeFile(t, fmt.Sprintf(`{"transport": "tcp", "ip": "*", "shell_port": %d, "iopub_port": %d,
		"stdin_port": %d, "control_port": %d, "hb_port": %d}`, p[0], p[1], p[2], p[3], p[4]))
	files, err := bind(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	bound.path, bound.files = path, files
	if got := Take("other.json"); got != nil {
		t.Errorf("Take(other) = %v", got)
	}
	if got := Take(path); len(got) != 5 {
		t.Errorf("Take = %v, want the 5 sockets", got)
	}
	if got := Take(path); got != nil {
		t.Errorf("second Take = %v", got)
	}
	for _, f := range files {
		f.Close()
	}
}
