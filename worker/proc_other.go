//go:build !linux

package worker

import "os/exec"

// setProcAttr has nothing to add where there is no parent-death signal:
// the child ends when its request pipe closes.
func setProcAttr(cmd *exec.Cmd) {}
