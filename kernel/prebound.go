package kernel

import (
	"net"
	"strconv"
	"sync"
)

// A frontend that connects before the kernel's ports listen is refused
// and retries only after libzmq's reconnect interval (100 ms plus up to
// 100 ms of jitter). A kernel binary can therefore bind its tcp ports in
// its first instructions, before the packages it links are initialised
// (cmd/gonsim does, in gonsim/kernel/early), and hand the listeners to New
// through Config.Listeners; New serves on them instead of binding again.

// prebound holds the listeners New is about to hand to zmq4, by tcp
// port, until the transport's Listen takes them.
var prebound = struct {
	sync.Mutex
	byPort map[string]net.Listener
}{byPort: map[string]net.Listener{}}

func offerPrebound(port int, l net.Listener) {
	prebound.Lock()
	defer prebound.Unlock()
	prebound.byPort[strconv.Itoa(port)] = l
}

// takePrebound returns (and forgets) the listener offered for addr's
// port, nil when there is none.
func takePrebound(network, addr string) net.Listener {
	if network != "tcp" {
		return nil
	}
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil
	}
	prebound.Lock()
	defer prebound.Unlock()
	l := prebound.byPort[port]
	delete(prebound.byPort, port)
	return l
}

// dropPrebound closes the offered listeners nobody took (New failed).
func dropPrebound() {
	prebound.Lock()
	defer prebound.Unlock()
	for p, l := range prebound.byPort {
		l.Close()
		delete(prebound.byPort, p)
	}
}
