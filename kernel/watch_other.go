//go:build !linux

package kernel

import (
	"net"
	"time"
)

// watchWrites is Linux-only (it needs SIOCOUTQ); elsewhere a frontend
// that stops reading can stall zmq4's writers, as without the kernel.
func watchWrites(c net.Conn, stall time.Duration) {}
