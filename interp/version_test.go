package interp

import (
	"os"
	"strings"
	"testing"
)

// The version constants say what the package doc and go.mod say.
func TestLanguageVersion(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	if want := "Cells are Go " + LanguageVersion + " as " + Interpreter + " interprets it"; !strings.Contains(strings.Join(strings.Fields(strings.ReplaceAll(string(doc), "//", "")), " "), want) {
		t.Errorf("doc.go does not say %q", want)
	}
	mod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	if want := "github.com/traefik/" + Interpreter; !strings.Contains(string(mod), want) {
		t.Errorf("go.mod does not require %q: update Interpreter and LanguageVersion", want)
	}
}
