// Package early binds the tcp ports of a Jupyter connection file as the
// first thing a kernel process does. A frontend started at the same
// moment as the kernel connects within a few milliseconds; a port that
// does not listen yet refuses it, and libzmq retries only after its
// reconnect interval (100 ms plus up to 100 ms of jitter). Go runs a
// package's init as soon as the packages it imports are initialised, and
// this one imports few: it binds before zmq4, net, crypto and the rest of
// a kernel binary are initialised, and before main.
//
// Sooner still, a launcher can bind the ports before the kernel binary
// even starts and hand them over by socket activation (LISTEN_PID and
// LISTEN_FDS, the protocol of systemd's sd_listen_fds): cmd/gonsim-launch
// does, for the installed kernelspec. init takes such a socket only when
// it listens on the connection file's address and one of its ports, binds
// the ports that have none, and unsets the variables, so that no process
// the kernel starts mistakes the sockets for its own.
//
// A binary opts in by importing the package. Its init acts only when the
// process was started as Jupyter starts a kernel, with exactly one
// argument, the connection file, whose transport is tcp on an IPv4
// address; then the kernel takes the listeners with Take and hands them
// to kernel.New (kernel.Config.Listeners). Anything else (ipc, a host
// name, a port in use, a malformed file) binds nothing here, and the
// kernel binds and reports errors as usual.
package early

import (
	"encoding/json"
	"maps"
	"os"
	"strings"
	"sync"
)

var bound struct {
	sync.Mutex
	path  string
	files map[int]*os.File
	given int // how many of files came from a launcher (for the tests)
}

func init() {
	given := inherited() // first, and always: see the package doc
	if len(os.Args) != 2 || strings.HasPrefix(os.Args[1], "-") {
		closeAll(given)
		return
	}
	files, err := bind(os.Args[1], given)
	if err != nil {
		return
	}
	bound.path, bound.files = os.Args[1], files
	for e, f := range given {
		if files[e.port] == f {
			bound.given++
		}
	}
}

// Take returns the listening sockets that init bound for the connection
// file at path, by port, once; nil when it bound none for that file. The
// caller owns them (net.FileListener makes listeners of them).
func Take(path string) map[int]*os.File {
	bound.Lock()
	defer bound.Unlock()
	if path != bound.path {
		return nil
	}
	files := bound.files
	bound.path, bound.files = "", nil
	return files
}

// connection is what bind reads of a connection file.
type connection struct {
	Transport   string `json:"transport"`
	IP          string `json:"ip"`
	ShellPort   int    `json:"shell_port"`
	ControlPort int    `json:"control_port"`
	StdinPort   int    `json:"stdin_port"`
	HBPort      int    `json:"hb_port"`
	IOPubPort   int    `json:"iopub_port"`
}

// bind listens on the five tcp ports of the connection file at path, the
// shell port first, and returns the sockets by port. A socket in given
// that listens on the file's address and a port of it serves that port;
// bind binds the others. It binds nothing and returns an error unless it
// can serve them all. bind owns the sockets in given: those it does not
// return it closes.
func bind(path string, given map[endpoint]*os.File) (map[int]*os.File, error) {
	unused := maps.Clone(given)
	files, err := listenAll(path, unused)
	closeAll(unused)
	if err != nil {
		closeAll(files)
		return nil, err
	}
	return files, nil
}

// listenAll is bind, taking the given sockets it uses out of given and
// leaving the sockets it returns with an error for bind to close.
func listenAll(path string, given map[endpoint]*os.File) (map[int]*os.File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var c connection
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, err
	}
	if c.Transport != "tcp" {
		return nil, errNotTCP
	}
	addr, ok := parseIPv4(c.IP)
	if !ok {
		return nil, errNotIPv4
	}
	files := map[int]*os.File{}
	for _, port := range []int{c.ShellPort, c.IOPubPort, c.ControlPort, c.StdinPort, c.HBPort} {
		if port <= 0 || port > 65535 || files[port] != nil {
			return files, errBadPort
		}
		if f := given[endpoint{addr, port}]; f != nil {
			delete(given, endpoint{addr, port})
			files[port] = f
			continue
		}
		f, err := listen(addr, port)
		if err != nil {
			return files, err
		}
		files[port] = f
	}
	return files, nil
}

// endpoint is a listening socket's IPv4 address and port.
type endpoint struct {
	addr [4]byte
	port int
}

func closeAll[K comparable](files map[K]*os.File) {
	for _, f := range files {
		f.Close()
	}
}

type earlyError string

func (e earlyError) Error() string { return "early: " + string(e) }

const (
	errNotTCP  = earlyError("transport is not tcp")
	errNotIPv4 = earlyError("ip is not an IPv4 address")
	errBadPort = earlyError("a port is missing, out of range or repeated")
	errNoBind  = earlyError("binding early is not supported on this system")
)

// parseIPv4 reads a dotted IPv4 address ("*" is 0.0.0.0, as ZeroMQ
// reads it).
func parseIPv4(s string) ([4]byte, bool) {
	var a [4]byte
	if s == "*" {
		return a, true
	}
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return a, false
	}
	for i, p := range parts {
		if p == "" || len(p) > 3 {
			return a, false
		}
		n := 0
		for _, r := range p {
			if r < '0' || r > '9' {
				return a, false
			}
			n = n*10 + int(r-'0')
		}
		if n > 255 {
			return a, false
		}
		a[i] = byte(n)
	}
	return a, true
}
