package interp

import (
	"context"
	"io"
	"strings"
	"sync"
	"testing"
)

// fakeOutput records what a cell shows, as the kernel would receive it.
type fakeOutput struct {
	mu       sync.Mutex
	streams  []stream
	displays []Bundle
	inputs   []string // lines to answer Input with; nil: stdin not allowed
	prompts  []string
	allow    bool
}

type stream struct{ name, text string }

func (f *fakeOutput) Stream(name, text string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.streams = append(f.streams, stream{name, text})
}

func (f *fakeOutput) Display(data, metadata Bundle, id string, update bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.displays = append(f.displays, data)
}

func (f *fakeOutput) Clear(wait bool) {}

func (f *fakeOutput) Input(prompt string, password bool) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.prompts = append(f.prompts, prompt)
	if !f.allow || len(f.inputs) == 0 {
		return "", io.EOF
	}
	l := f.inputs[0]
	f.inputs = f.inputs[1:]
	return l, nil
}

// text is everything streamed to name.
func (f *fakeOutput) text(name string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var b strings.Builder
	for _, s := range f.streams {
		if s.name == name {
			b.WriteString(s.text)
		}
	}
	return b.String()
}

// newSession starts a Session for one test and closes it at the end.
func newSession(t testing.TB) *Session {
	t.Helper()
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// exec runs a cell with a fresh fake output.
func exec(s *Session, code string) (Result, *fakeOutput) {
	out := &fakeOutput{}
	return s.Execute(context.Background(), code, out), out
}

func plain(r Result) string {
	if r.Value == nil {
		return "<no value>"
	}
	s, _ := r.Value["text/plain"].(string)
	return s
}
