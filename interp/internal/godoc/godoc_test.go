package godoc

import (
	"go/build"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadStdlib(t *testing.T) {
	docs, err := Load(filepath.Join(build.Default.GOROOT, "src", "strings"))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"TrimSpace":           "func TrimSpace(s string) string\n\nTrimSpace returns",
		"Builder.WriteString": "func (b *Builder) WriteString(s string) (int, error)",
		"Builder":             "type Builder struct {",
		"":                    "package strings",
	} {
		if got := docs[name]; !strings.HasPrefix(got, want) {
			t.Errorf("docs[%q] = %q, want prefix %q", name, got, want)
		}
	}
}
