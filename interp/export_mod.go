package interp

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WriteGoMod makes dir a module of its own that builds against the
// gonsim module in place: its requirements (all indirect here) and
// go.sum are the module's. name is the new module's path.
func WriteGoMod(dir, module, name string) error {
	abs, err := filepath.Abs(module)
	if err != nil {
		return err
	}
	src, err := os.ReadFile(filepath.Join(abs, "go.mod"))
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "module %s\n\n", strings.Map(func(r rune) rune {
		if r == ' ' {
			return '_'
		}
		return r
	}, name))
	inReq := false
	var reqs []string
	for _, l := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "go "):
			fmt.Fprintf(&b, "%s\n\n", t)
		case t == "require (":
			inReq = true
		case inReq && t == ")":
			inReq = false
		case inReq && t != "":
			reqs = append(reqs, strings.TrimSuffix(t, " // indirect"))
		case strings.HasPrefix(t, "require "):
			reqs = append(reqs, strings.TrimSuffix(strings.TrimPrefix(t, "require "), " // indirect"))
		}
	}
	b.WriteString("require gonsim v0.0.0\n\nrequire (\n")
	for _, r := range reqs {
		fmt.Fprintf(&b, "\t%s // indirect\n", r)
	}
	fmt.Fprintf(&b, ")\n\nreplace gonsim => %s\n", abs)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	sum, err := os.ReadFile(filepath.Join(abs, "go.sum"))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644)
}
