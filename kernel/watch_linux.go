package kernel

import (
	"net"
	"syscall"
	"time"
	"unsafe"
)

// watchWrites drops c when its peer stops reading. zmq4 writes with no
// deadline, to subscribers one after the other on the PUB's only sender
// goroutine and to ROUTER peers synchronously, so one frontend that
// stopped reading (a suspended process, a dead tunnel) would stall iopub
// for everyone or the shell loop. Deadlines do not help: zmq4 keeps a
// connection after a timed-out write. So this watches the socket's unsent
// bytes (SIOCOUTQ) and closes the connection when they have not moved for
// stall; zmq4 then forgets it. It ends when c is closed.
func watchWrites(c net.Conn, stall time.Duration) {
	sc, ok := c.(syscall.Conn)
	if !ok {
		return
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return
	}
	tick := time.NewTicker(stall / 4)
	defer tick.Stop()
	var last int32
	var since time.Time
	for range tick.C {
		var unsent int32
		var ioErr syscall.Errno
		if err := raw.Control(func(fd uintptr) {
			// TIOCOUTQ is SIOCOUTQ on Linux: bytes not yet acknowledged
			// (tcp) or not yet read (unix).
			_, _, ioErr = syscall.Syscall(syscall.SYS_IOCTL, fd, syscall.TIOCOUTQ, uintptr(unsafe.Pointer(&unsent)))
		}); err != nil || ioErr != 0 {
			return // closed
		}
		switch {
		case unsent == 0:
			since = time.Time{}
		case unsent != last || since.IsZero():
			since = time.Now()
		case time.Since(since) >= stall:
			logConn("dropping connection from %s: it left %d bytes unread for %v", c.RemoteAddr(), unsent, stall)
			c.Close()
			return
		}
		last = unsent
	}
}
