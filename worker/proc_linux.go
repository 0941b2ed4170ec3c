package worker

import (
	"os/exec"
	"syscall"
)

// setProcAttr makes the child die with the kernel: a killed kernel
// (SIGKILL, no chance to close the pipes) must not leave its session
// running. The child stays in the kernel's process group, so a signal to
// the group (jupyter_client's interrupt and kill) reaches both.
func setProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
