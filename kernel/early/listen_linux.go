package early

import (
	"os"
	"strconv"
	"syscall"
)

// listen binds a listening tcp socket as Go's net package does on Linux
// (non-blocking, close-on-exec, SO_REUSEADDR).
func listen(addr [4]byte, port int) (*os.File, error) {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_NONBLOCK|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, os.NewSyscallError("socket", err)
	}
	if err := syscall.SetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_REUSEADDR, 1); err != nil {
		syscall.Close(fd)
		return nil, os.NewSyscallError("setsockopt", err)
	}
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Port: port, Addr: addr}); err != nil {
		syscall.Close(fd)
		return nil, os.NewSyscallError("bind", err)
	}
	// The kernel caps the backlog at net.core.somaxconn.
	if err := syscall.Listen(fd, 4096); err != nil {
		syscall.Close(fd)
		return nil, os.NewSyscallError("listen", err)
	}
	return os.NewFile(uintptr(fd), "tcp:"+strconv.Itoa(port)), nil
}

// inherited returns the sockets a launcher handed this process by socket
// activation (sd_listen_fds(3): LISTEN_PID is this process, LISTEN_FDS
// descriptors from 3 on) that listen on an IPv4 tcp address, by address,
// and unsets the variables. Every handed descriptor becomes close-on-exec,
// as sd_listen_fds makes them, so the kernel's own children (the worker)
// do not hold the ports; one that is not such a socket is left open and
// otherwise alone.
func inherited() map[endpoint]*os.File {
	pid, n := os.Getenv("LISTEN_PID"), os.Getenv("LISTEN_FDS")
	for _, v := range []string{"LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"} {
		os.Unsetenv(v)
	}
	count, err := strconv.Atoi(n)
	if pid != strconv.Itoa(os.Getpid()) || err != nil || count <= 0 {
		return nil
	}
	given := map[endpoint]*os.File{}
	for fd := listenFDsStart; fd < listenFDsStart+count; fd++ {
		syscall.CloseOnExec(fd)
		if e, ok := listeningOn(fd); ok {
			given[e] = os.NewFile(uintptr(fd), "tcp:"+strconv.Itoa(e.port))
		}
	}
	return given
}

// listenFDsStart is the first descriptor socket activation passes
// (SD_LISTEN_FDS_START).
const listenFDsStart = 3

// listeningOn is the address of fd when it is a listening IPv4 tcp socket.
func listeningOn(fd int) (endpoint, bool) {
	if v, err := syscall.GetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_ACCEPTCONN); err != nil || v != 1 {
		return endpoint{}, false
	}
	if v, err := syscall.GetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_TYPE); err != nil || v != syscall.SOCK_STREAM {
		return endpoint{}, false
	}
	sa, err := syscall.Getsockname(fd)
	if sa, ok := sa.(*syscall.SockaddrInet4); err == nil && ok {
		return endpoint{sa.Addr, sa.Port}, true
	}
	return endpoint{}, false
}
