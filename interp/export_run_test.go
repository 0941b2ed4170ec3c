package interp

import (
	"errors"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportRun exports testdata/export/run.txt, builds it with go build
// and runs it: its stdout must be what the kernel's session prints for
// the same cells (streams and trailing values), and the figure a file.
func TestExportRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	cells := exportCells(t, "testdata/export/run.txt")
	s := newSession(t)
	var want strings.Builder
	for i, c := range cells {
		r, out := exec(s, c.Source)
		if r.Err != nil {
			t.Fatalf("cell %d in the session: %s: %s", i+1, r.Err.Name, r.Err.Value)
		}
		want.WriteString(out.text("stdout"))
		if r.Value != nil {
			want.WriteString(plain(r) + "\n")
		}
	}
	x, err := Export(cells, ExportOptions{Notebook: "run.ipynb", Module: ".."})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.go"), x.Source, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteGoMod(dir, "..", "run"); err != nil {
		t.Fatal(err)
	}
	build := osexec.Command("go", "build", "-o", "prog", ".")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	run := osexec.Command(filepath.Join(dir, "prog"), "-figures", filepath.Join(dir, "figs"))
	run.Dir = dir
	var stderr strings.Builder
	run.Stderr = &stderr
	got, err := run.Output()
	if err != nil {
		t.Fatalf("the program: %v\n%s", err, stderr.String())
	}
	if string(got) != want.String() {
		t.Errorf("the program printed\n%s\nthe session\n%s", got, want.String())
	}
	if !strings.Contains(want.String(), "spike times (ms): [") || !strings.Contains(want.String(), "I0 3 spikes") {
		t.Errorf("the session printed too little:\n%s", want.String())
	}
	if b, err := os.ReadFile(filepath.Join(dir, "figs", "cell04-1.md")); string(b) != "**v of neuron 0**" {
		t.Errorf("the Markdown display of cell 4: %q, %v", b, err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "figs", "cell04-2.png")); err != nil || fi.Size() < 1000 {
		t.Errorf("figure of cell 4: %v", err)
	}
	// Bad input ends the program with exit status 1 and the error, naming
	// the cell, as it ends the cell in a notebook.
	for _, tt := range []struct{ p, want string }{
		{"N=2.5", "run.ipynb: code cell 1: -p N=2.5: the parameter is an integer\n"},
		{"N=-3", "run.ipynb: code cell 2: "},
		{"M=3", "-p M: no such parameter; the parameters of run.ipynb are N\n"},
	} {
		bad := osexec.Command(filepath.Join(dir, "prog"), "-figures", "", "-p", tt.p)
		out, err := bad.CombinedOutput()
		var ee *osexec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() == 0 || !strings.HasPrefix(string(out), tt.want) {
			t.Errorf("prog -p %s: %v\n%s\nwant a failure starting %q", tt.p, err, out, tt.want)
		}
	}
}
