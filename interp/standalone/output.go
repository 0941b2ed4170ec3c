package standalone

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"

	"gonsim/display"
)

// fileTypes are the rich MIME types written to files, by preference, and
// their file extensions; a display without any of them prints its
// text/plain on stdout.
var fileTypes = []struct{ mime, ext string }{
	{"image/png", ".png"},
	{"image/svg+xml", ".svg"},
	{"text/html", ".html"},
	{"text/markdown", ".md"},
	{"text/latex", ".tex"},
	{"application/json", ".json"},
}

// displayFiles remembers the file of each display id, so that an update
// rewrites it.
var displayFiles = map[string]string{}

func wireDisplay() {
	display.SetPublisher(publish)
}

// publish writes a display: a file for rich data, else its text on
// stdout.
func publish(data, _ map[string]any, id string, update bool) {
	for _, ft := range fileTypes {
		v, ok := data[ft.mime]
		if !ok {
			continue
		}
		if run.figures == "" {
			return
		}
		path := displayFiles[id]
		if !update || path == "" {
			run.files++
			path = filepath.Join(run.figures, fmt.Sprintf("cell%02d-%d%s", run.cell, run.files, ft.ext))
			if id != "" {
				displayFiles[id] = path
			}
		}
		if err := writeData(path, ft.mime, v); err != nil {
			fmt.Fprintf(os.Stderr, "%s: code cell %d: %v\n", run.notebook, run.cell, err)
		}
		return
	}
	fmt.Println(data["text/plain"])
}

func writeData(path, mime string, v any) error {
	var b []byte
	switch x := v.(type) {
	case string:
		b = []byte(x)
		if mime == "image/png" {
			var err error
			if b, err = base64.StdEncoding.DecodeString(x); err != nil {
				return fmt.Errorf("display: decoding PNG: %w", err)
			}
		}
	case []byte:
		b = x
	default:
		b = []byte(fmt.Sprint(x))
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// Show displays v now, as the notebook's Show(v) does: a figure or image
// becomes a file, anything else prints its text.
func Show(v any) {
	if _, ok := v.(*display.Handle); ok {
		return // display.Show(x) as a cell's last line: already shown
	}
	data, md, ok := display.Bundle(v)
	if !ok {
		data = map[string]any{"text/plain": fmt.Sprint(v)}
	}
	publish(data, md, "", false)
}

// Value shows the value of a cell's trailing expression (the notebook's
// execute_result).
func Value(v any) { Show(v) }

// EndCell writes the figures the cell created, as the notebook shows them
// at the end of the cell.
func EndCell() {
	for _, f := range display.TakeFigures() {
		if run.figures == "" {
			continue
		}
		data, md, ok := display.Bundle(f)
		if ok {
			publish(data, md, "", false)
		}
	}
	topLevel()
}
