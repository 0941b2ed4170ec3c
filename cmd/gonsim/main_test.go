package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"gonsim/interp"
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

// watchParent acts only for a kernel whose launcher's pid it was given;
// while that parent lives it does nothing (the e2e test
// test_exits_when_frontend_dies kills a real parent).
func TestWatchParent(t *testing.T) {
	for _, parent := range []string{"", "x", "1", "999999999", strconv.Itoa(os.Getppid())} {
		called := make(chan struct{}, 1)
		done := make(chan struct{})
		go func() {
			watchParent(parent, 10*time.Millisecond, func() { called <- struct{}{} })
			close(done)
		}()
		ours := parent == strconv.Itoa(os.Getppid())
		// A watch of a pid that is not our parent returns at once; how soon
		// its goroutine runs depends on the machine's load, so it gets a
		// generous 10 s. Our real parent must keep it watching: 100 ms
		// without a return is the check.
		wait := 10 * time.Second
		if ours {
			wait = 100 * time.Millisecond
		}
		select {
		case <-called:
			t.Errorf("watchParent(%q) shut down with the parent alive", parent)
		case <-done:
			if ours {
				t.Errorf("watchParent(%q) returned with the parent alive", parent)
			}
		case <-time.After(wait):
			if !ours {
				t.Errorf("watchParent(%q) watches a pid that is not our parent", parent)
			}
		}
	}
}

// language_info.version is the Go of the cells, not of the toolchain.
func TestLanguageVersion(t *testing.T) {
	if v := languageVersion; v != interp.LanguageVersion || "go"+v == runtime.Version() {
		t.Errorf("languageVersion = %q, want interp.LanguageVersion %q", v, interp.LanguageVersion)
	}
}
