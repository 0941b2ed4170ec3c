package main

import (
	"bytes"
	"strings"
	"testing"
)

// gonsim-worker without the kernel's pipes says so; unknown arguments get
// the usage.
func TestRunArgs(t *testing.T) {
	tests := []struct {
		args      []string
		code      int
		out, errs string
	}{
		{[]string{"--help"}, 0, "usage: gonsim-worker", ""},
		{[]string{"frob"}, 2, "", "usage: gonsim-worker"},
	}
	for _, tt := range tests {
		var out, errs bytes.Buffer
		code := run(tt.args, &out, &errs)
		if code != tt.code || !strings.Contains(out.String(), tt.out) || !strings.Contains(errs.String(), tt.errs) {
			t.Errorf("run(%q) = %d\nstdout %q\nstderr %q\nwant %d, %q, %q", tt.args, code, out.String(), errs.String(), tt.code, tt.out, tt.errs)
		}
	}
}
