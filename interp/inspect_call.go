package interp

import (
	"go/scanner"
	"go/token"
	"reflect"
	"sort"
	"strings"
	"unicode"
)

// Inspect and completion inside a call: Shift-Tab anywhere between a
// call's parentheses (after `NeuronGroup(`, after a comma, inside a
// nested option call) describes the innermost function called there,
// with the options it accepts for an `...Option` parameter
// (projectOptions, generated from nsim's code); completion there ranks
// those options and the cell's variables first, and inside a string
// literal of a model (equations, threshold, reset, on_pre, …) it offers
// the model's variables, units and functions instead of Go names.

// callSite is where a cursor is: the innermost call around it and
// whether it is inside a string literal.
type callSite struct {
	qual, fn string // callee: fn or qual.fn; "" outside calls
	inString bool   // the cursor is inside a string literal
	outer    int    // offset of the outermost open call's name (-1: none)
}

// callAt scans code up to off.
func callAt(code string, off int) callSite {
	type frame struct {
		qual, fn string
		at       int
	}
	var stack []frame
	var sc scanner.Scanner
	fs := token.NewFileSet()
	file := fs.AddFile("", -1, off)
	sc.Init(file, []byte(code[:off]), func(token.Position, string) {}, 0)
	var prev [3]struct {
		tok token.Token
		lit string
		pos int
	}
	site := callSite{outer: -1}
	for {
		pos, tok, lit := sc.Scan()
		if tok == token.EOF {
			break
		}
		p := file.Offset(pos)
		if tok == token.SEMICOLON && lit == "\n" {
			continue // inserted after a string at the cursor
		}
		site.inString = false
		switch tok {
		case token.STRING:
			// unterminated (the cursor is in it) or ending at the cursor
			// without its closing quote
			end := p + len(lit)
			if end >= off && (len(lit) < 2 || lit[len(lit)-1] != lit[0]) {
				site.inString = true
			}
		case token.LPAREN, token.LBRACK, token.LBRACE:
			f := frame{at: -1}
			if tok == token.LPAREN && prev[0].tok == token.IDENT {
				f.fn, f.at = prev[0].lit, prev[0].pos
				if prev[1].tok == token.PERIOD && prev[2].tok == token.IDENT {
					f.qual, f.at = prev[2].lit, prev[2].pos
				}
			}
			stack = append(stack, f)
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
		prev[2], prev[1] = prev[1], prev[0]
		prev[0].tok, prev[0].lit, prev[0].pos = tok, lit, p
	}
	if n := len(stack); n > 0 {
		site.qual, site.fn = stack[n-1].qual, stack[n-1].fn
		for _, f := range stack {
			if f.fn != "" {
				site.outer = f.at
				break
			}
		}
	}
	return site
}

// calleeAt gives the function to describe at off: the identifier there
// when it is itself called (`Threshold|(`), else the innermost call
// around off.
func calleeAt(code string, off int) (qual, word string, ok bool) {
	qual, word = identAt(code, off)
	if word != "" {
		end := off
		for end < len(code) && isIdentRune(rune(code[end])) {
			end++
		}
		if rest := strings.TrimLeft(code[end:], " \t"); strings.HasPrefix(rest, "(") {
			return qual, word, true
		}
	}
	site := callAt(code, off)
	if site.fn == "" {
		return "", "", false
	}
	return site.qual, site.fn, true
}

// describeCall describes the function qual.fn with the options it
// accepts. A call of a prelude function that a variable shadows is the
// prelude's (names.go).
func (s *Session) describeCall(qual, fn string) (string, bool) {
	var text string
	var ok bool
	if qual == "" && s.shadowsPrelude(fn) {
		text, ok = docOf(preludePath, fn)
	} else {
		text, ok = s.describe(qual, fn)
	}
	if !ok {
		return "", false
	}
	if opts := s.optionsOf(qual, fn); len(opts) > 0 {
		text += "\n\nOptions it accepts:\n" + optionLines(opts)
	}
	return text, true
}

// optionsOf lists the option constructors the function accepts.
func (s *Session) optionsOf(qual, fn string) []string {
	if qual == "" {
		return projectOptions[preludePath+"."+fn]
	}
	if p, ok := s.packageNames()[qual]; ok {
		return projectOptions[p+"."+fn]
	}
	v, ok := s.yi.Globals()[qual]
	if !ok || !v.IsValid() {
		return nil
	}
	t := v.Type()
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return projectOptions[t.PkgPath()+"."+t.Name()+"."+fn]
}

// optionLines shows each option as its call and the first sentence of
// its doc.
func optionLines(opts []string) string {
	var b strings.Builder
	for _, o := range opts {
		sig := o + "(…)"
		if d, ok := docOf(preludePath, o); ok {
			decl, _, _ := strings.Cut(d, "\n")
			sig = strings.TrimSuffix(strings.TrimPrefix(decl, "func "), " Option")
		}
		line := "  " + sig
		if d, ok := docOf("gonsim/nsim", o); ok {
			if _, doc, ok := strings.Cut(d, "\n\n"); ok {
				line += " — " + firstSentence(doc)
			}
		}
		b.WriteString(line + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func firstSentence(doc string) string {
	doc = strings.Join(strings.Fields(doc), " ")
	if i := strings.Index(doc, ". "); i >= 0 {
		return doc[:i+1]
	}
	return doc
}

// modelNames are the names a model string may use besides its own
// variables: Brian2's built-in variables and functions.
var modelNames = []string{"t", "dt", "i", "j", "N", "xi", "lastspike", "not_refractory",
	"exp", "log", "log10", "sqrt", "abs", "sin", "cos", "tan", "sinh", "cosh", "tanh",
	"arcsin", "arccos", "arctan", "floor", "ceil", "clip", "sign", "rand", "randn", "int"}

// modelCandidates are completions inside a model string: the variables
// that the strings of the call being written declare or use, the
// notebook's quantities, units and Brian2's names.
func (s *Session) modelCandidates(code string, site callSite) []string {
	var out []string
	from := 0
	if site.outer >= 0 {
		from = site.outer
	}
	var sc scanner.Scanner
	fs := token.NewFileSet()
	sc.Init(fs.AddFile("", -1, len(code)-from), []byte(code[from:]), func(token.Position, string) {}, 0)
	for {
		_, tok, lit := sc.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.STRING {
			out = append(out, modelIdents(lit)...)
		}
	}
	for name := range s.pkgs[preludePath] {
		if r := []rune(name); len(r) > 0 && unicode.IsLower(r[0]) {
			out = append(out, name) // Brian2's unit names
		}
	}
	return append(out, modelNames...)
}

// modelIdents lists the identifiers of a model string, with v for each
// dv/dt.
func modelIdents(lit string) []string {
	var out []string
	f := func(r rune) bool { return !isIdentRune(r) }
	for _, w := range strings.FieldsFunc(lit, f) {
		if r := []rune(w); unicode.IsLetter(r[0]) || r[0] == '_' {
			if len(w) > 1 && w[0] == 'd' && strings.Contains(lit, w+"/dt") {
				out = append(out, w[1:])
			}
			out = append(out, w)
		}
	}
	return out
}

// rankInCall orders completions inside a call: the function's options,
// then the cell's variables, then the rest, each alphabetically.
func rankInCall(matches []string, first ...map[string]bool) []string {
	rank := func(m string) int {
		for i, set := range first {
			if set[m] {
				return i
			}
		}
		return len(first)
	}
	sort.SliceStable(matches, func(a, b int) bool {
		ra, rb := rank(matches[a]), rank(matches[b])
		if ra != rb {
			return ra < rb
		}
		return matches[a] < matches[b]
	})
	return matches
}

// rankCall puts the options of the call's function first, then the
// notebook's and the cell's variables.
func (s *Session) rankCall(site callSite, code string, start int, matches []string) []string {
	opts := map[string]bool{}
	for _, o := range s.optionsOf(site.qual, site.fn) {
		opts[o] = true
	}
	vars := map[string]bool{}
	for n := range s.yi.Globals() {
		vars[n] = true
	}
	for _, n := range namesIn(code, start) {
		vars[n] = true
	}
	return rankInCall(matches, opts, vars)
}
