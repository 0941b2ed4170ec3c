package syntax

import (
	"strings"
	"testing"
)

func TestParseExpr(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"-v/(15*ms)", "-v/(15*ms)"},
		{"a + b*c**-2", "a + b*c**-2"},
		{"-x**2", "-x**2"},
		{"(-x)**2", "(-x)**2"},
		{"a - (b - c)", "a - (b - c)"},
		{"a/(b*c)", "a/(b*c)"},
		{"2**3**2", "2**3**2"},
		{"int((t>10*ms) and (t<950*ms))", "int(t > 10*ms and t < 950*ms)"},
		{"not x > 1 or y", "not x > 1 or y"},
		{"clip(v, 0, 1.)", "clip(v, 0, 1.)"},
		{"rand()", "rand()"},
		{".5*exp((10.*mV-v+VT)/(40.*mV))/ms", ".5*exp((10.*mV - v + VT)/(40.*mV))/ms"},
		{"(gl*(El-v)+ge*(Ee-v)-\ng_na*(m*m*m)*h*(v-ENa))/Cm", "(gl*(El - v) + ge*(Ee - v) - g_na*(m*m*m)*h*(v - ENa))/Cm"},
		{"a # comment", "a"},
		{"1e-3 + 2.5E+2", "1e-3 + 2.5E+2"},
	} {
		n, err := ParseExpr(tt.in)
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", tt.in, err)
			continue
		}
		if got := n.String(); got != tt.want {
			t.Errorf("ParseExpr(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
		// Printing and reparsing gives the same tree.
		n2, err := ParseExpr(n.String())
		if err != nil || n2.String() != n.String() {
			t.Errorf("reparse of %q: %v %v", n.String(), n2, err)
		}
	}
}

func TestPositions(t *testing.T) {
	text := "dv/dt = (a +\n  b)/tau : volt"
	n, err := ParseExprRange(text, 8, 21)
	if err != nil {
		t.Fatal(err)
	}
	if n.Pos != (Pos{1, 9}) || n.End != (Pos{2, 9}) || n.Source(text) != "(a +\n  b)/tau" || n.Args[0].Source(text) != "a +\n  b" {
		t.Errorf("pos %v end %v source %q", n.Pos, n.End, n.Source(text))
	}
	b := n.Args[0].Args[1] // b
	if b.Text != "b" || b.Pos != (Pos{2, 3}) {
		t.Errorf("b at %v", b.Pos)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"3 *", "1:4: syntax error: expected a number, a name or \"(\", found end of text\n3 *\n   ^"},
		{"(a + b", "1:7: syntax error: expected \")\", found end of text\n(a + b\n      ^"},
		{"a $ b", "1:3: syntax error: unexpected character '$'\na $ b\n  ^"},
		{"a b", "1:3: syntax error: unexpected \"b\" after a complete expression\na b\n  ^"},
		{"v = 1", "1:3: syntax error: unexpected \"=\" in an expression (a statement is not allowed here)\nv = 1\n  ^"},
		{"1 < x < 2", "1:7: syntax error: chained comparison \"<\": write (a < b) and (b < c)\n1 < x < 2\n      ^"},
		{"", "1:1: syntax error: empty expression"},
		{"f(a,", "1:5: syntax error: expected a number, a name or \"(\", found end of text\nf(a,\n    ^"},
	} {
		_, err := ParseExpr(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseExpr(%q) error:\n%v\nwant:\n%s", tt.in, err, tt.want)
		}
	}
}

func TestParseBlock(t *testing.T) {
	stmts, err := ParseBlock("v = 0; vt += 0.4*i\nw -= 1 # c\n x *= 2 ;y/=3\nz = a +\n b")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range stmts {
		got = append(got, s.String())
	}
	want := "v = 0|vt += 0.4*i|w -= 1|x *= 2|y /= 3|z = a + b"
	if strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", strings.Join(got, "|"), want)
	}
	if stmts[1].TargetPos != (Pos{1, 8}) || stmts[3].Pos != (Pos{3, 2}) {
		t.Errorf("positions %v %v", stmts[1].TargetPos, stmts[3].Pos)
	}
	for _, tt := range []struct{ in, want string }{
		{"v == 0", "1:3: syntax error: expected =, +=, -=, *= or /= after \"v\", found \"==\"\nv == 0\n  ^"},
		{"v += ", "1:6: syntax error: missing expression after \"+=\"\nv += \n     ^"},
		{"3 = v", "1:1: syntax error: expected a variable name at the start of a statement, found \"3\"\n3 = v\n^"},
		{"v = 1 w = 2", "1:7: syntax error: unexpected \"w\" after statement (separate statements by \";\" or a new line)\nv = 1 w = 2\n      ^"},
		{"v **= 2", "1:3: syntax error: operator **= is not supported; use =, +=, -=, *= or /=\nv **= 2\n  ^"},
		{" ; ", "1:1: syntax error: empty statement block\n ; \n^"},
	} {
		_, err := ParseBlock(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseBlock(%q) error:\n%v\nwant:\n%s", tt.in, err, tt.want)
		}
	}
}

func TestNames(t *testing.T) {
	n, _ := ParseExpr("a*exp(b) + a - c(d)")
	if got := strings.Join(Names(n), ","); got != "a,b,d" {
		t.Errorf("Names = %s", got)
	}
}
