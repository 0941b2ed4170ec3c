package worker

import (
	"io"
	"strings"
	"testing"
)

// TestConnFrames: frames of every size, with newlines in their strings,
// arrive whole and in order; the end of the stream is io.EOF.
func TestConnFrames(t *testing.T) {
	pr, pw := io.Pipe()
	c := newConn(pr, pw)
	texts := []string{"", "a\nb", strings.Repeat("x", 64<<10), strings.Repeat("line\n", 100000), "end"}
	go func() {
		for _, s := range texts {
			c.send(&frame{Op: opStream, ID: 7, Text: s})
		}
		pw.Close()
	}()
	for k, want := range texts {
		f, err := c.recv()
		if err != nil {
			t.Fatalf("frame %d: %v", k, err)
		}
		if f.Op != opStream || f.ID != 7 || f.Text != want {
			t.Fatalf("frame %d: op %q id %d, %d bytes of text; want %d", k, f.Op, f.ID, len(f.Text), len(want))
		}
	}
	if _, err := c.recv(); err != io.EOF {
		t.Errorf("after the last frame: %v, want io.EOF", err)
	}
}
