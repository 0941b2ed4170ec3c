package interp

import (
	"fmt"
	gobuild "go/build"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"gonsim/interp/internal/godoc"
)

// stdDocs caches the doc tables of standard packages, read from GOROOT
// sources on first use.
var stdDocs sync.Map // import path → map[string]string

func stdDoc(path string) map[string]string {
	if d, ok := stdDocs.Load(path); ok {
		return d.(map[string]string)
	}
	d, err := godoc.Load(filepath.Join(gobuild.Default.GOROOT, "src", filepath.FromSlash(path)))
	if err != nil {
		d = map[string]string{}
	}
	stdDocs.Store(path, d)
	return d
}

// docOf returns the doc text of name in the package at path.
func docOf(path, name string) (string, bool) {
	if t, ok := projectDocs[path+"."+name]; ok {
		return t, true
	}
	if strings.HasPrefix(path, "gonsim/") {
		return "", false
	}
	t, ok := stdDoc(path)[name]
	return t, ok
}

// identAt returns the (possibly qualified) identifier around off.
func identAt(code string, off int) (qual, word string) {
	end := off
	for end < len(code) {
		r, n := utf8.DecodeRuneInString(code[end:])
		if !isIdentRune(r) {
			break
		}
		end += n
	}
	_, word, qual = identBefore(code, end)
	return qual, word
}

// Inspect describes the symbol at cursor (as a kernel calls it).
func (s *Session) Inspect(code string, cursor int, detail int) (Bundle, bool) {
	<-s.ready
	if q, w, ok := calleeAt(code, byteOffset(code, cursor)); ok { // inspect_call.go
		if text, ok := s.describeCall(q, w); ok {
			return inspectBundle(text), true
		}
	}
	qual, word := identAt(code, byteOffset(code, cursor))
	if word == "" {
		return nil, false
	}
	text, ok := s.describe(qual, word)
	if !ok {
		return nil, false
	}
	return inspectBundle(text), true
}

func (s *Session) describe(qual, word string) (string, bool) {
	names := s.packageNames()
	if qual != "" {
		if p, ok := names[qual]; ok {
			return docOf(p, word)
		}
		// a method or field of a notebook variable
		if v, ok := s.yi.Globals()[qual]; ok && v.IsValid() {
			t := v.Type()
			base := t
			if base.Kind() == 22 { // reflect.Pointer
				base = base.Elem()
			}
			if p := base.PkgPath(); p != "" {
				if txt, ok := docOf(p, base.Name()+"."+word); ok {
					return txt, true
				}
			}
		}
		return "", false
	}
	if t, ok := s.types[word]; ok {
		return "type " + t, true
	}
	if d, ok := s.funcs[word]; ok {
		if t := declText(d.m.cell, word); t != "" {
			return t, true
		}
	}
	if v, ok := s.yi.Globals()[word]; ok && v.IsValid() && v.CanInterface() {
		return fmt.Sprintf("var %s %s = %s", word, v.Type(), truncate(fmt.Sprintf("%v", v.Interface()), 200)), true
	}
	if t, ok := docOf(preludePath, word); ok {
		return t, true
	}
	if v, ok := s.pkgs[preludePath][word]; ok && v.CanInterface() {
		return fmt.Sprintf("var %s %s = %v\n\nBrian2 unit %s.", word, v.Type(), v.Interface(), word), true
	}
	if p, ok := names[word]; ok {
		if t, ok := docOf(p, ""); ok {
			return t, true
		}
	}
	if t, ok := stdDoc("builtin")[word]; ok {
		return t, true
	}
	return "", false
}

// declText finds the declaration of func name in cell source.
func declText(cell, name string) string {
	for _, l := range strings.Split(cell, "\n") {
		if strings.HasPrefix(l, "func "+name+"(") || strings.HasPrefix(l, "func "+name+"[") {
			return strings.TrimSuffix(strings.TrimSpace(l), "{")
		}
	}
	return ""
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// inspectBundle shows a declaration and its doc as plain text and as
// Markdown with the declaration in a Go code block.
func inspectBundle(text string) Bundle {
	decl, doc, _ := strings.Cut(text, "\n\n")
	md := "```go\n" + decl + "\n```\n"
	if doc != "" {
		md += "\n" + doc + "\n"
	}
	return Bundle{"text/plain": text, "text/markdown": md}
}
