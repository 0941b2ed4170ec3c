package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportArgs: gonsim export and gonsim sweep refuse bad input with a
// message naming it.
func TestExportArgs(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.ipynb")
	os.WriteFile(bad, []byte(`{"cells": [{"cell_type": "code", "metadata": {}, "source": ["x := 1\n", "fmt.Println(x)"]},
		{"cell_type": "markdown", "metadata": {}, "source": "text"},
		{"cell_type": "code", "metadata": {}, "source": "y := x +\n  undefinedThing"}]}`), 0o644)
	notJSON := filepath.Join(dir, "not.ipynb")
	os.WriteFile(notJSON, []byte("x := 1"), 0o644)
	tests := []struct {
		args []string
		code int
		errs string
	}{
		{[]string{"export"}, 2, "usage: gonsim export"},
		{[]string{"export", filepath.Join(dir, "missing.ipynb")}, 1, "missing.ipynb: no such file"},
		{[]string{"export", notJSON}, 1, "not.ipynb: not a notebook"},
		{[]string{"export", "-module", "../..", "-o", filepath.Join(dir, "out"), bad}, 1,
			"gonsim export: bad.ipynb: code cell 2, line 2:3: undefined: undefinedThing"},
		{[]string{"export", "-module", dir, bad}, 1, "go list -export in " + dir},
		{[]string{"sweep", sweepNotebook}, 2, "usage: gonsim sweep"},
		{[]string{"sweep", sweepNotebook, "tau"}, 2, `grid "tau": want NAME=V1,V2,...`},
		{[]string{"sweep", sweepNotebook, "tau=1*ms,", "I0=1*nA"}, 2, `grid "tau=1*ms,": an empty value`},
		{[]string{"sweep", sweepNotebook, "tau=1*ms", "tau=2*ms"}, 2, "grid: tau given twice"},
		{[]string{"sweep", "-module", "../..", "-dir", filepath.Join(dir, "s"), sweepNotebook, "taux=1*ms"}, 1,
			"lif_sweep.ipynb has no parameter taux; its parameters cell defines tau, I0"},
	}
	for _, tt := range tests {
		var out, errs bytes.Buffer
		code := run(tt.args, &out, &errs)
		if code != tt.code || !strings.Contains(errs.String(), tt.errs) {
			t.Errorf("run(%q) = %d\nstderr %q\nwant %d, %q", tt.args, code, errs.String(), tt.code, tt.errs)
		}
	}
}
