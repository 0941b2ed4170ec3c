package syntax

import (
	"strings"
	"testing"
)

// gen prints a parsed generator compactly: element | var iter(args) kw | cond.
func gen(g *Generator) string {
	var b strings.Builder
	b.WriteString(g.Element.String())
	if g.Var != "" {
		b.WriteString(" | " + g.Var + " " + g.Iter + "(")
		for k, a := range g.Args {
			if k > 0 {
				b.WriteString(", ")
			}
			b.WriteString(a.String())
		}
		b.WriteString(")")
		if g.Keyword.Name != "" {
			b.WriteString(" " + g.Keyword.Name + "=" + g.Keyword.Value.String())
		}
	}
	if g.Cond != nil {
		b.WriteString(" | " + g.Cond.String())
	}
	return b.String()
}

func TestParseGenerator(t *testing.T) {
	for _, tt := range []struct{ in, want, start, stop, step string }{
		{"k for k in range(i-2, i+3) if k >= 0 and k < N_post", "k | k range(i - 2, i + 3) | k >= 0 and k < N_post", "i - 2", "i + 3", ""},
		{"k for k in range(N_post)", "k | k range(N_post)", "", "N_post", ""},
		{"k for k in range(0, N_post, 2)", "k | k range(0, N_post, 2)", "0", "N_post", "2"},
		{"i+(-1)**k for k in range(2) if i>0 and i<N_pre-1", "i + (-1)**k | k range(2) | i > 0 and i < N_pre - 1", "", "2", ""},
		{"k for k in sample(N_post, p=0.1)", "k | k sample(N_post) p=0.1", "", "N_post", ""},
		{"k for k in sample(i, N_post, size=i//2)", "k | k sample(i, N_post) size=i//2", "i", "N_post", ""},
		{"i", "i", "", "", ""},
		{"i+1 if i < N_pre-1", "i + 1 | i < N_pre - 1", "", "", ""},
		{"k\nfor k in range(3)", "k | k range(3)", "", "3", ""},
	} {
		g, err := ParseGenerator(tt.in)
		if err != nil {
			t.Errorf("ParseGenerator(%q): %v", tt.in, err)
			continue
		}
		if got := gen(g); got != tt.want {
			t.Errorf("ParseGenerator(%q) = %q, want %q", tt.in, got, tt.want)
		}
		for _, b := range []struct {
			n    *Node
			want string
		}{{g.Start(), tt.start}, {g.Stop(), tt.stop}, {g.Step(), tt.step}} {
			if got := nodeText(b.n); got != b.want {
				t.Errorf("ParseGenerator(%q): bound %q, want %q", tt.in, got, b.want)
			}
		}
	}
}

func nodeText(n *Node) string {
	if n == nil {
		return ""
	}
	return n.String()
}

// Malformed generators are positioned errors with a caret.
func TestParseGeneratorErrors(t *testing.T) {
	for _, tt := range []struct{ in, pos, msg string }{
		{"for k in range(3)", "1:1", "expected the expression of the index before \"for\""},
		{"k for in range(3)", "1:7", "expected the name of the iteration variable after \"for\", found \"in\""},
		{"k for k range(3)", "1:9", "expected \"in\" after \"for k\", found \"range\""},
		{"k for k in arange(3)", "1:12", "expected range(…) or sample(…) after \"in\", found \"arange\""},
		{"k for k in range(1, 2, 3, 4)", "1:12", "range takes 1 to 3 positional arguments"},
		{"k for k in range()", "1:12", "range takes 1 to 3 positional arguments"},
		{"k for k in range(N_post, step=2)", "1:26", "range takes no keyword arguments (step=)"},
		{"k for k in sample(N_post)", "1:25", "sample needs one keyword argument"},
		{"k for k in sample(N_post, q=0.1)", "1:27", "not q="},
		{"k for k in sample(N_post, p=0.1, size=2)", "1:34", "not both p= and size="},
		{"k for k in sample(p=0.1, N_post)", "1:26", "positional argument after the keyword argument p="},
		{"k for k in range(i-2, i+3", "1:26", "expected \",\" or \")\" in range(…), found end of text"},
		{"k for k in range(3) if", "1:23", "expected a number, a name or \"(\", found end of text"},
		{"k for k in range(3) if k > 1 k", "1:30", "unexpected \"k\" after the generator"},
		{"k for k in range(3) for m in range(2)", "1:21", "unexpected \"for\" after the generator"},
		{"i + 1 j", "1:7", "expected \"for\", \"if\" or the end of the generator"},
		{"k for k in range(in)", "1:18", "\"in\" cannot be used as a name here"},
		{"", "1:1", "expected the expression of the index before end of text"},
	} {
		_, err := ParseGenerator(tt.in)
		se, ok := err.(*Error)
		if !ok {
			t.Errorf("ParseGenerator(%q): error %v, want a *syntax.Error", tt.in, err)
			continue
		}
		if se.Pos.String() != tt.pos || !strings.Contains(se.Msg, tt.msg) {
			t.Errorf("ParseGenerator(%q): %s: %s, want %s: …%s…", tt.in, se.Pos, se.Msg, tt.pos, tt.msg)
		}
		if tt.in != "" && !strings.Contains(err.Error(), "\n"+tt.in+"\n") {
			t.Errorf("ParseGenerator(%q): no caret line in %q", tt.in, err)
		}
	}
}

// No text makes ParseGenerator panic; what parses prints back to a text
// that parses the same way.
func FuzzParseGenerator(f *testing.F) {
	for _, s := range []string{"k for k in range(i-2, i+3) if k >= 0 and k < N_post", "k for k in sample(N_post, p=0.1)",
		"i+1 if i < 2", "k for k in sample(1, 9, 2, size=i//2)", "k for k in range(", "for", "k for k in range(p=1)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		g, err := ParseGenerator(text)
		if err != nil {
			return
		}
		if g.Element == nil || g.Var != "" && (len(g.Args) < 1 || len(g.Args) > 3) {
			t.Fatalf("%q: incomplete generator %+v", text, g)
		}
		g2, err := ParseGenerator(genText(g))
		if err != nil || gen(g2) != gen(g) {
			t.Fatalf("%q printed as %q: %v %v", text, genText(g), err, g2)
		}
	})
}

// genText prints a generator back in Brian2 syntax.
func genText(g *Generator) string {
	s := g.Element.String()
	if g.Var != "" {
		s += " for " + g.Var + " in " + g.Iter + "("
		for k, a := range g.Args {
			if k > 0 {
				s += ", "
			}
			s += a.String()
		}
		if g.Keyword.Name != "" {
			s += ", " + g.Keyword.Name + "=" + g.Keyword.Value.String()
		}
		s += ")"
	}
	if g.Cond != nil {
		s += " if " + g.Cond.String()
	}
	return s
}
