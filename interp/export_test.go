package interp

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateExport = flag.Bool("update-export", false, "rewrite testdata/export/*.golden")

// exportCells reads a test notebook: cells separated by "\n----\n", a
// first line "#tags a b" gives the cell's tags.
func exportCells(t *testing.T, path string) []ExportCell {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cells []ExportCell
	for _, src := range strings.Split(string(b), "\n----\n") {
		c := ExportCell{Source: src}
		if rest, ok := strings.CutPrefix(src, "#tags "); ok {
			line, body, _ := strings.Cut(rest, "\n")
			c.Tags, c.Source = strings.Fields(line), body
		}
		cells = append(cells, c)
	}
	return cells
}

// TestExportGolden exports each testdata/export/*.txt notebook and
// compares main.go (and the warnings) with its .golden file.
func TestExportGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/export/*.txt")
	if len(files) == 0 {
		t.Fatal("no testdata/export/*.txt")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			x, err := Export(exportCells(t, f), ExportOptions{Notebook: name + ".ipynb", Module: ".."})
			if err != nil {
				t.Fatal(err)
			}
			got := string(x.Source)
			for _, w := range x.Warnings {
				got += "// warning: " + w + "\n"
			}
			golden := strings.TrimSuffix(f, ".txt") + ".golden"
			if *updateExport {
				os.WriteFile(golden, []byte(got), 0o644)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("export of %s differs from %s (go test -run TestExportGolden -update-export rewrites it):\n%s", f, golden, got)
			}
		})
	}
}

// TestExportErrors: a notebook that does not compile is refused with the
// cell and the line in the cell.
func TestExportErrors(t *testing.T) {
	tests := []struct {
		cells []string
		want  string
	}{
		{[]string{"x := 1", "fmt.Println(x)\ny := undefinedName + 1"},
			"e.ipynb: code cell 2, line 2:6: undefined: undefinedName"},
		{[]string{"x := 1 + \"a\""},
			`e.ipynb: code cell 1, line 1:6: invalid operation: 1 + "a" (mismatched types untyped int and untyped string)`},
		{[]string{"tau := 10 * ms", "G := NeuronGroup(1, \"dv/dt = -v/tau : 1\", Threshold(3))"},
			"e.ipynb: code cell 2, line 1:53: cannot use 3 (untyped int constant) as string value in argument to Threshold"},
		{[]string{"fmt.Println(1)", "for i := 0; i < 3; i++ {\n\tx := (i\n}"},
			"e.ipynb: code cell 2, line 2:9: expected ')', found newline"},
		{[]string{"n := 3", "func first[T any](xs []T) T { return xs[n] }"},
			"e.ipynb: code cell 2, line 1:41: undefined: n (types, methods and generic functions are package-level in the program and cannot use the notebook's variables: pass them as arguments)"},
		{[]string{"func f() int {\n\treturn \"s\"\n}"},
			`e.ipynb: code cell 1, line 2:9: cannot use "s" (untyped string constant) as int value in return statement`},
	}
	for _, tt := range tests {
		var cells []ExportCell
		for _, c := range tt.cells {
			cells = append(cells, ExportCell{Source: c})
		}
		_, err := Export(cells, ExportOptions{Notebook: "e.ipynb", Module: ".."})
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Export(%q) = %v\nwant an error starting %q", tt.cells, err, tt.want)
			continue
		}
		if _, ok := err.(*ExportError); !ok {
			t.Errorf("Export(%q): error %T, want *ExportError", tt.cells, err)
		}
	}
}
