package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The kernel binary passes export and sweep on to the worker binary with
// their arguments and exit code, and says where it looked for a missing
// worker and how to build it, before it binds any port.
func TestWorkerBinary(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "fake-worker")
	os.WriteFile(fake, []byte("#!/bin/sh\necho \"args: $*\"\necho oops >&2\nexit 3\n"), 0o755)
	notExec := filepath.Join(dir, "plain")
	os.WriteFile(notExec, []byte("x"), 0o644)
	cf := filepath.Join(dir, "kernel.json")
	os.WriteFile(cf, []byte(`{"transport":"tcp","ip":"127.0.0.1","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"key":"k","signature_scheme":"hmac-sha256"}`), 0o600)
	missing := filepath.Join(dir, "gonsim-worker")
	tests := []struct {
		worker    string
		args      []string
		code      int
		out, errs string
	}{
		{fake, []string{"export", "-o", "d", "n.ipynb"}, 3, "args: export -o d n.ipynb\n", "oops\n"},
		{fake, []string{"sweep", "n.ipynb", "tau=1*ms"}, 3, "args: sweep n.ipynb tau=1*ms\n", "oops\n"},
		{missing, []string{"export", "n.ipynb"}, 1, "",
			"gonsim export: the worker binary " + missing + ": no such file or directory (build it beside the kernel: go build -o bin/ ./cmd/gonsim ./cmd/gonsim-worker, or set GONSIM_WORKER)\n"},
		{missing, []string{cf}, 1, "", "gonsim: the worker binary " + missing + ": no such file or directory"},
		{notExec, []string{cf}, 1, "", "gonsim: the worker binary " + notExec + ": not an executable file"},
		{dir, []string{"sweep"}, 1, "", "gonsim sweep: the worker binary " + dir + ": not an executable file"},
	}
	for _, tt := range tests {
		t.Setenv(workerEnv, tt.worker)
		var out, errs bytes.Buffer
		code := run(tt.args, &out, &errs)
		if code != tt.code || out.String() != tt.out || !strings.HasPrefix(errs.String(), tt.errs) {
			t.Errorf("%s: run(%q) = %d\nstdout %q\nstderr %q\nwant %d, %q, %q…", tt.worker, tt.args, code, out.String(), errs.String(), tt.code, tt.out, tt.errs)
		}
	}
}

// By default the worker is gonsim-worker beside the kernel's executable.
func TestWorkerBesideKernel(t *testing.T) {
	t.Setenv(workerEnv, "")
	exe, _ := os.Executable()
	_, err := workerPath()
	want := "the worker binary " + filepath.Join(filepath.Dir(exe), "gonsim-worker") + ":"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("workerPath() error %v, want %q…", err, want)
	}
}
