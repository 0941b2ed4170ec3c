package worker

import "syscall"

// setDataLimit sets RLIMIT_DATA, which counts the private writable
// mappings (Linux 4.7 and later) — the Go heap as it grows, not the
// address space it only reserves (RLIMIT_AS would count that too).
func setDataLimit(limit uint64) error {
	return syscall.Setrlimit(syscall.RLIMIT_DATA, &syscall.Rlimit{Cur: limit, Max: limit})
}
