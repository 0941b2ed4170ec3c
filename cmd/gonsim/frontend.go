package main

import (
	"bytes"
	"os"
	"strconv"

	"gonsim/display/figure"
)

// figuresEnv chooses how the cells' figures show by default ("png",
// "svg" or "text", as figure.InlineFormat takes). The kernel sets it to
// "text" for the worker when jupyter console launched it: the console
// shows no images, and its default image handler would open every
// figure's PNG in an external viewer. A cell can still choose with
// InlineFormat; a user can set the variable in the kernelspec's env.
const figuresEnv = "GONSIM_FIGURES"

// defaultFigures sets figuresEnv for the worker when it is unset and the
// process that launched the kernel (JPY_PARENT_PID, else the parent) is
// jupyter console.
func defaultFigures() {
	if os.Getenv(figuresEnv) != "" {
		return
	}
	pid, err := strconv.Atoi(os.Getenv("JPY_PARENT_PID"))
	if err != nil {
		pid = os.Getppid()
	}
	cmdline, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	if err == nil && isConsole(cmdline) {
		os.Setenv(figuresEnv, "text")
	}
}

// isConsole reports whether a /proc cmdline (NUL-separated arguments) is
// jupyter console's: "jupyter-console …", "python3 /usr/bin/jupyter-console
// …" or "python3 -m jupyter_console …".
func isConsole(cmdline []byte) bool {
	for _, arg := range bytes.Split(cmdline, []byte{0}) {
		base := arg[bytes.LastIndexByte(arg, '/')+1:]
		if string(base) == "jupyter-console" || string(base) == "jupyter_console" {
			return true
		}
	}
	return false
}

// applyFigures is the worker's side: it installs figuresEnv's format.
func applyFigures() {
	if f := os.Getenv(figuresEnv); f != "" {
		if err := figure.InlineFormat(f); err != nil {
			os.Stderr.WriteString("gonsim worker: " + figuresEnv + ": " + err.Error() + "\n")
		}
	}
}
