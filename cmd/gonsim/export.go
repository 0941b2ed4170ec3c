package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gonsim/interp"
)

const exportUsage = `usage: gonsim export [-o DIR] [-module DIR] NOTEBOOK.ipynb

Writes the notebook as a standalone Go program, DIR/main.go (default DIR:
the notebook's name without .ipynb), that runs the code cells in order
with nsim and display as libraries: what the cells print goes to stdout,
figures to files (see the program's -help). Build it with go build inside
the gonsim module; a DIR outside the module also gets a go.mod that points
to the module (replace gonsim => MODULE).

The variables of a cell tagged "parameters" can then be set with
-p NAME=VALUE; those of a cell tagged "results" are written by -results
FILE (see gonsim sweep).

  -o DIR       where to write main.go
  -module DIR  the gonsim module (default: found from the current
               directory, the notebook's, or this binary's)
`

// runExport is `gonsim export`.
func runExport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gonsim export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, exportUsage) }
	out := fs.String("o", "", "output directory")
	module := fs.String("module", "", "the gonsim module's directory")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, exportUsage)
		return 2
	}
	dir, _, err := exportNotebook(fs.Arg(0), *out, *module, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "gonsim export:", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s\n", filepath.Join(dir, "main.go"))
	return 0
}

// exportNotebook exports nbPath into dir (default: its name) and returns
// the directory and the notebook's parameters. Warnings go to warn.
func exportNotebook(nbPath, dir, module string, warn io.Writer) (string, []string, error) {
	cells, err := readNotebook(nbPath)
	if err != nil {
		return "", nil, err
	}
	if module == "" {
		if module, err = findModule(nbPath); err != nil {
			return "", nil, err
		}
	}
	name := filepath.Base(nbPath)
	x, err := interp.Export(cells, interp.ExportOptions{Notebook: name, Module: module})
	if err != nil {
		return "", nil, err
	}
	for _, w := range x.Warnings {
		fmt.Fprintln(warn, "warning:", w)
	}
	if dir == "" {
		dir = strings.TrimSuffix(name, filepath.Ext(name))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), x.Source, 0o644); err != nil {
		return "", nil, err
	}
	if !inside(module, dir) {
		if err := interp.WriteGoMod(dir, module, strings.TrimSuffix(name, filepath.Ext(name))); err != nil {
			return "", nil, err
		}
	}
	return dir, x.Params, nil
}

// readNotebook reads the code cells of an .ipynb file.
func readNotebook(path string) ([]interp.ExportCell, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var nb struct {
		Cells []struct {
			Type     string          `json:"cell_type"`
			Source   json.RawMessage `json:"source"`
			Metadata struct {
				Tags []string `json:"tags"`
			} `json:"metadata"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(b, &nb); err != nil {
		return nil, fmt.Errorf("%s: not a notebook: %w", path, err)
	}
	var cells []interp.ExportCell
	for i, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		src, err := cellSource(c.Source)
		if err != nil {
			return nil, fmt.Errorf("%s: cell %d: source: %w", path, i, err)
		}
		cells = append(cells, interp.ExportCell{Source: src, Tags: c.Metadata.Tags})
	}
	return cells, nil
}

// cellSource is a cell's source, a string or a list of lines.
func cellSource(raw json.RawMessage) (string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var lines []string
	if err := json.Unmarshal(raw, &lines); err != nil {
		return "", err
	}
	return strings.Join(lines, ""), nil
}

// findModule looks for the gonsim module (a go.mod saying "module
// gonsim") above the current directory, the notebook and this binary.
func findModule(nbPath string) (string, error) {
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if abs, err := filepath.Abs(nbPath); err == nil {
		starts = append(starts, filepath.Dir(abs))
	}
	if exe, err := os.Executable(); err == nil {
		starts = append(starts, filepath.Dir(exe))
	}
	for _, d := range starts {
		for {
			b, err := os.ReadFile(filepath.Join(d, "go.mod"))
			if err == nil && moduleLine(string(b)) == "gonsim" {
				return d, nil
			}
			parent := filepath.Dir(d)
			if parent == d {
				break
			}
			d = parent
		}
	}
	return "", errors.New("cannot find the gonsim module (a go.mod with \"module gonsim\") above the current directory, the notebook or this binary: pass -module DIR")
}

func moduleLine(gomod string) string {
	for _, l := range strings.Split(gomod, "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "module" {
			return f[1]
		}
	}
	return ""
}

// inside reports whether dir is in the module's tree.
func inside(module, dir string) bool {
	m, err1 := filepath.Abs(module)
	d, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(m, d)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
