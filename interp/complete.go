package interp

import (
	"go/scanner"
	"go/token"
	"path"
	"reflect"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

var keywords = []string{
	"break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
	"for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
	"return", "select", "struct", "switch", "type", "var",
}

var predeclared = []string{
	"any", "append", "bool", "byte", "cap", "close", "comparable", "complex", "complex128",
	"complex64", "copy", "delete", "error", "false", "float32", "float64", "imag", "int",
	"int16", "int32", "int64", "int8", "iota", "len", "make", "max", "min", "new", "nil",
	"panic", "print", "println", "real", "recover", "rune", "string", "true", "uint",
	"uint16", "uint32", "uint64", "uint8", "uintptr",
}

// byteOffset converts a rune offset in s to a byte offset.
func byteOffset(s string, runes int) int {
	off := 0
	for i := 0; i < runes && off < len(s); i++ {
		_, n := utf8.DecodeRuneInString(s[off:])
		off += n
	}
	return off
}

func isIdentRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// identBefore returns the identifier ending at off and, when it is
// preceded by "X.", the qualifier X.
func identBefore(code string, off int) (start int, word, qual string) {
	start = off
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(code[:start])
		if !isIdentRune(r) {
			break
		}
		start -= n
	}
	word = code[start:off]
	if start > 0 && code[start-1] == '.' {
		q := start - 1
		qs := q
		for qs > 0 {
			r, n := utf8.DecodeLastRuneInString(code[:qs])
			if !isIdentRune(r) {
				break
			}
			qs -= n
		}
		qual = code[qs:q]
	}
	return start, word, qual
}

// Complete lists completions at cursor (as a kernel calls it).
func (s *Session) Complete(code string, cursor int) Completion {
	<-s.ready
	off := byteOffset(code, cursor)
	start, word, qual := identBefore(code, off)
	var cands []string
	site := callAt(code, off) // inspect_call.go
	if site.inString {
		if qual != "" {
			return Completion{CursorStart: cursor, CursorEnd: cursor}
		}
		cands = s.modelCandidates(code, site)
	} else if qual != "" {
		cands = s.members(qual)
	} else {
		cands = append(cands, keywords...)
		cands = append(cands, predeclared...)
		cands = append(cands, s.topNames()...)
		cands = append(cands, namesIn(code, start)...)
	}
	seen := map[string]bool{}
	var matches []string
	for _, c := range cands {
		if strings.HasPrefix(c, word) && !seen[c] && !strings.HasPrefix(c, "__") {
			seen[c] = true
			matches = append(matches, c)
		}
	}
	sort.Strings(matches)
	if site.fn != "" && !site.inString && qual == "" {
		matches = s.rankCall(site, code, start, matches)
	}
	runeStart := utf8.RuneCountInString(code[:start])
	return Completion{Matches: matches, CursorStart: runeStart, CursorEnd: cursor}
}

// packageNames maps the names cells use for packages to import paths:
// every loaded package under its ImportUsed name, and the cells' own
// imports.
func (s *Session) packageNames() map[string]string {
	names := map[string]string{}
	count := map[string]int{}
	for p := range s.pkgs {
		count[path.Base(p)]++
	}
	for p := range s.pkgs {
		if p == helperPath || strings.HasSuffix(p, "/prelude") {
			continue
		}
		b := path.Base(p)
		if count[b] > 1 {
			b = strings.NewReplacer("/", "_", ".", "_", "-", "_").Replace(p)
		}
		names[b] = p
	}
	for n, p := range s.imported {
		if !strings.HasPrefix(n, ".") {
			names[n] = p
		}
	}
	return names
}

// members lists what follows "qual.": a package's exported names, or
// the fields and methods of a notebook variable.
func (s *Session) members(qual string) []string {
	if p, ok := s.packageNames()[qual]; ok {
		var out []string
		for n := range s.pkgs[p] {
			if token.IsExported(n) {
				out = append(out, n)
			}
		}
		return out
	}
	v, ok := s.yi.Globals()[qual]
	if !ok || !v.IsValid() {
		return nil
	}
	var out []string
	t := v.Type()
	for _, tt := range []reflect.Type{t, reflect.PointerTo(t)} {
		for i := 0; i < tt.NumMethod(); i++ {
			out = append(out, tt.Method(i).Name)
		}
	}
	st := t
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() == reflect.Struct {
		for i := 0; i < st.NumField(); i++ {
			if f := st.Field(i); f.IsExported() {
				out = append(out, f.Name)
			}
		}
	}
	return out
}

// topNames lists names a cell can use bare: packages, notebook
// globals, cell declarations and the prelude.
func (s *Session) topNames() []string {
	var out []string
	for n := range s.packageNames() {
		out = append(out, n)
	}
	for n := range s.yi.Globals() {
		out = append(out, n)
	}
	for n := range s.funcs {
		out = append(out, n)
	}
	for n := range s.types {
		out = append(out, n)
	}
	for n := range s.pkgs[preludePath] {
		out = append(out, n)
	}
	return out
}

// namesIn lists identifiers that appear in code (names being declared in
// the cell not yet run).
func namesIn(code string, skip int) []string {
	var sc scanner.Scanner
	fs := token.NewFileSet()
	sc.Init(fs.AddFile("", -1, len(code)), []byte(code), nil, 0)
	var out []string
	for {
		pos, tok, lit := sc.Scan()
		if tok == token.EOF {
			return out
		}
		if tok == token.IDENT && int(pos)-1 != skip {
			out = append(out, lit)
		}
	}
}

// IsComplete says whether code can run (as a kernel calls it).
func (s *Session) IsComplete(code string) (status, indent string) { return IsComplete(code) }

// IsComplete says whether code can run: "complete", "incomplete" (more
// lines could complete it; indent is for the next one) or "invalid" (no
// line can: a bracket closes what was not opened). It needs no session,
// so a kernel can answer it while its session is busy or restarting.
func IsComplete(code string) (status, indent string) {
	if strings.TrimSpace(code) == "" {
		return "complete", ""
	}
	var sc scanner.Scanner
	fs := token.NewFileSet()
	unterminated := false
	sc.Init(fs.AddFile("", -1, len(code)), []byte(code), func(pos token.Position, msg string) {
		if strings.Contains(msg, "not terminated") {
			unterminated = true
		}
	}, scanner.ScanComments)
	var open []token.Token // brackets not closed yet
	var last token.Token
	for {
		_, tok, lit := sc.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LBRACE, token.LPAREN, token.LBRACK:
			open = append(open, tok)
		case token.RBRACE, token.RPAREN, token.RBRACK:
			if len(open) == 0 || closer[open[len(open)-1]] != tok {
				return "invalid", "" // `x := )(`: no later line can open it
			}
			open = open[:len(open)-1]
		}
		if tok != token.SEMICOLON || lit != "\n" {
			if tok != token.COMMENT {
				last = tok
			}
		}
	}
	if unterminated {
		return "incomplete", ""
	}
	if len(open) > 0 {
		return "incomplete", strings.Repeat("    ", len(open))
	}
	switch {
	case last.IsOperator() && last != token.RPAREN && last != token.RBRACE && last != token.RBRACK &&
		last != token.INC && last != token.DEC && last != token.SEMICOLON:
		return "incomplete", "    "
	}
	if _, err := prepareCell(code, nil, nil); err != nil {
		return "invalid", ""
	}
	return "complete", ""
}

var closer = map[token.Token]token.Token{token.LBRACE: token.RBRACE, token.LPAREN: token.RPAREN, token.LBRACK: token.RBRACK}
