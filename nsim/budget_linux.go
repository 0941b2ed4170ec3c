package nsim

import "syscall"

// dataLimit is the process's RLIMIT_DATA (the hard memory limit the
// kernel's worker runs under), 0 when there is none (RLIM_INFINITY is
// all ones, past 1<<62).
func dataLimit() int64 {
	var r syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_DATA, &r) != nil || r.Cur > 1<<62 {
		return 0
	}
	return int64(r.Cur)
}
