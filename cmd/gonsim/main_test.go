package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunArgs(t *testing.T) {
	dir := t.TempDir()
	badScheme := filepath.Join(dir, "bad.json")
	os.WriteFile(badScheme, []byte(`{"transport":"tcp","ip":"127.0.0.1","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"key":"k","signature_scheme":"hmac-whirlpool"}`), 0o600)
	tests := []struct {
		args      []string
		code      int
		out, errs string
	}{
		{[]string{"--version"}, 0, "gonsim 0.1.0-dev (go", ""},
		{[]string{"--help"}, 0, "usage: gonsim [--version] [--help] CONNECTION_FILE", ""},
		{[]string{"-h"}, 0, "SIGINT interrupts the running cell", ""},
		{nil, 2, "", "want exactly one argument, the connection file"},
		{[]string{"--frob"}, 2, "", "see --help"},
		{[]string{filepath.Join(dir, "missing.json")}, 1, "", "missing.json"},
		{[]string{badScheme}, 1, "", `unknown signature_scheme "hmac-whirlpool"`},
	}
	for _, tt := range tests {
		var out, errs bytes.Buffer
		code := run(tt.args, &out, &errs)
		if code != tt.code || !strings.Contains(out.String(), tt.out) || !strings.Contains(errs.String(), tt.errs) {
			t.Errorf("run(%q) = %d\nstdout %q\nstderr %q\nwant %d, %q, %q", tt.args, code, out.String(), errs.String(), tt.code, tt.out, tt.errs)
		}
	}
}
