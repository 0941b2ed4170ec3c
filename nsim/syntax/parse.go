package syntax

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error is a syntax error at a position of the parsed text.
type Error struct {
	Pos  Pos
	Msg  string
	Text string // the whole text Pos refers to (used to print the caret line)
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: syntax error: %s%s", e.Pos, e.Msg, Caret(e.Text, e.Pos))
}

// Caret returns "\n<line>\n<spaces>^" for position p of text, or "" if p is
// not inside text.
func Caret(text string, p Pos) string {
	lines := strings.Split(text, "\n")
	if p.Line < 1 || p.Line > len(lines) {
		return ""
	}
	line := strings.TrimRight(lines[p.Line-1], "\r")
	if strings.TrimSpace(line) == "" {
		return ""
	}
	col := p.Col
	if col < 1 {
		col = 1
	}
	if n := utf8.RuneCountInString(line) + 1; col > n {
		col = n
	}
	line, col = caretWindow(line, col)
	// Tabs are kept in the caret line so that it lines up in any tab width.
	var pad strings.Builder
	i := 1
	for _, r := range line {
		if i >= col {
			break
		}
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
		i++
	}
	return "\n" + line + "\n" + pad.String() + "^"
}

// caretWidth is the longest line a caret is shown under; a longer one
// (a generated model, a million parentheses) is cut to the part around
// the column, marked with "…", so that the message stays readable.
const caretWidth = 100

func caretWindow(line string, col int) (string, int) {
	r := []rune(line)
	if len(r) <= caretWidth {
		return line, col
	}
	start := max(0, col-1-caretWidth/2)
	end := min(len(r), start+caretWidth)
	start = max(0, end-caretWidth)
	out := string(r[start:end])
	col -= start
	if start > 0 {
		out, col = "…"+out, col+1
	}
	if end < len(r) {
		out += "…"
	}
	return out, col
}

type tokKind uint8

const (
	tEOF tokKind = iota
	tNum
	tName
	tOp // operators and punctuation; text in tok.text
	tNewline
)

type token struct {
	kind   tokKind
	text   string
	pos    Pos
	off    int
	endOff int
	endPos Pos
}

// lexer scans text[off:end] and reports positions relative to all of text.
type lexer struct {
	text   string
	off    int
	end    int
	line   int
	col    int
	toks   []token
	err    *Error
	depth  int // parenthesis depth: newlines inside parentheses are spaces
	stmtNL bool
}

func posAt(text string, off int) Pos {
	line, col := 1, 1
	for _, r := range text[:off] {
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return Pos{line, col}
}

func (lx *lexer) fail(p Pos, format string, args ...any) {
	if lx.err == nil {
		lx.err = &Error{Pos: p, Msg: fmt.Sprintf(format, args...), Text: lx.text}
	}
}

func (lx *lexer) advance(n int) {
	for _, r := range lx.text[lx.off : lx.off+n] {
		if r == '\n' {
			lx.line++
			lx.col = 1
		} else {
			lx.col++
		}
	}
	lx.off += n
}

var ops3 = []string{"**=", "//="}
var ops2 = []string{"**", "//", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%="}

const ops1 = "+-*/%()<>=,;"

func (lx *lexer) run() {
	p := posAt(lx.text, lx.off)
	lx.line, lx.col = p.Line, p.Col
	for lx.off < lx.end && lx.err == nil {
		c := lx.text[lx.off]
		start := Pos{lx.line, lx.col}
		startOff := lx.off
		emit := func(k tokKind, n int) {
			lx.advance(n)
			lx.toks = append(lx.toks, token{k, lx.text[startOff:lx.off], start, startOff, lx.off, Pos{lx.line, lx.col}})
		}
		switch {
		case c == '\n':
			if lx.depth > 0 || !lx.stmtNL {
				lx.advance(1)
			} else {
				emit(tNewline, 1)
			}
		case c == ' ' || c == '\t' || c == '\r':
			lx.advance(1)
		case c == '\\' && lx.off+1 < lx.end && lx.text[lx.off+1] == '\n':
			lx.advance(2) // explicit line continuation
		case c == '#':
			n := strings.IndexByte(lx.text[lx.off:lx.end], '\n')
			if n < 0 {
				n = lx.end - lx.off
			}
			lx.advance(n)
		case c >= '0' && c <= '9' || c == '.' && lx.off+1 < lx.end && isDigit(lx.text[lx.off+1]):
			emit(tNum, lx.number())
		case c == '_' || c < utf8.RuneSelf && unicode.IsLetter(rune(c)):
			n := 1
			for lx.off+n < lx.end && isIdent(lx.text[lx.off+n]) {
				n++
			}
			emit(tName, n)
		default:
			s := lx.text[lx.off:lx.end]
			k := 0
			for _, o := range ops3 {
				if strings.HasPrefix(s, o) {
					k = 3
				}
			}
			if k == 0 {
				for _, o := range ops2 {
					if strings.HasPrefix(s, o) {
						k = 2
					}
				}
			}
			if k == 0 && strings.IndexByte(ops1, c) >= 0 {
				k = 1
				if c == '(' {
					// Stop here rather than lex the rest of a text that
					// the parser will refuse anyway (see MaxNesting).
					if lx.depth++; lx.depth > MaxNesting {
						lx.fail(start, nestingMsg, MaxNesting)
						return
					}
				} else if c == ')' && lx.depth > 0 {
					lx.depth--
				}
			}
			if k == 0 {
				r, _ := utf8.DecodeRuneInString(s)
				lx.fail(start, "unexpected character %q", r)
				return
			}
			emit(tOp, k)
		}
	}
	p = Pos{lx.line, lx.col}
	lx.toks = append(lx.toks, token{kind: tEOF, pos: p, endPos: p, off: lx.off, endOff: lx.off})
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isIdent(c byte) bool {
	return c == '_' || isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// number returns the length of the numeric literal at lx.off.
func (lx *lexer) number() int {
	s := lx.text[lx.off:lx.end]
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			i = j
		}
	}
	return i
}

type parser struct {
	text  string
	toks  []token
	i     int
	err   *Error
	depth int // nesting of the expression being parsed (MaxNesting)
}

// MaxNesting is how deep parentheses, calls and unary operators may nest
// in one expression (Python's parser allows 200 parentheses). The parser
// and every later pass recurse once per level: without a bound, text
// nested a million deep overflows the stack, which kills the process.
const MaxNesting = 200

const nestingMsg = "expression nested more than %d deep (parentheses, calls or signs); split it into subexpressions"

// nest enters one level of nesting at t; past MaxNesting it fails and
// reports false. The caller leaves the level with p.depth--.
func (p *parser) nest(t token) bool {
	p.depth++
	if p.depth > MaxNesting {
		p.fail(t, nestingMsg, MaxNesting)
		return false
	}
	return true
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token {
	t := p.toks[p.i]
	if p.i < len(p.toks)-1 {
		p.i++
	}
	return t
}

func (p *parser) isOp(s string) bool {
	t := p.peek()
	return t.kind == tOp && t.text == s
}

func (p *parser) isKeyword(s string) bool {
	t := p.peek()
	return t.kind == tName && t.text == s
}

func describe(t token) string {
	switch t.kind {
	case tEOF:
		return "end of text"
	case tNewline:
		return "end of line"
	}
	return fmt.Sprintf("%q", t.text)
}

func (p *parser) fail(t token, format string, args ...any) {
	if p.err == nil {
		p.err = &Error{Pos: t.pos, Msg: fmt.Sprintf(format, args...), Text: p.text}
	}
}

func (p *parser) mk(k Kind, op Op, start token, args ...*Node) *Node {
	for _, a := range args {
		if a == nil { // an operand failed to parse; p.err is set
			return nil
		}
	}
	last := p.toks[p.i-1]
	if p.i == len(p.toks)-1 && p.toks[p.i].kind == tEOF && last.off > p.toks[p.i].off {
		last = p.toks[p.i]
	}
	n := &Node{Kind: k, Op: op, Args: args, Pos: start.pos, Off: start.off, End: last.endPos, EndOff: last.endOff}
	if len(args) > 0 {
		if a := args[0].outerSpan(); a.off < n.Off {
			n.Pos, n.Off = a.pos, a.off
		}
		if a := args[len(args)-1].outerSpan(); a.endOff > n.EndOff {
			n.End, n.EndOff = a.end, a.endOff
		}
	}
	return n
}

func (p *parser) expr() *Node {
	if p.err != nil {
		return nil
	}
	return p.or()
}

func (p *parser) or() *Node {
	l := p.and()
	for p.err == nil && p.isKeyword("or") {
		t := p.next()
		r := p.and()
		l = p.mk(Binary, Or, t, l, r)
	}
	return l
}

func (p *parser) and() *Node {
	l := p.not()
	for p.err == nil && p.isKeyword("and") {
		t := p.next()
		r := p.not()
		l = p.mk(Binary, And, t, l, r)
	}
	return l
}

func (p *parser) not() *Node {
	if p.isKeyword("not") {
		t := p.next()
		defer func() { p.depth-- }()
		if !p.nest(t) {
			return nil
		}
		x := p.not()
		return p.mk(Unary, Not, t, x)
	}
	return p.compare()
}

var cmpOps = map[string]Op{"<": Lt, "<=": Le, ">": Gt, ">=": Ge, "==": Eq, "!=": Ne}

func (p *parser) compare() *Node {
	l := p.sum()
	if p.err != nil {
		return l
	}
	if t := p.peek(); t.kind == tOp {
		if op, ok := cmpOps[t.text]; ok {
			p.next()
			r := p.sum()
			l = p.mk(Binary, op, t, l, r)
			if t2 := p.peek(); t2.kind == tOp && cmpOps[t2.text] != OpNone && p.err == nil {
				p.fail(t2, "chained comparison %s: write (a %s b) and (b %s c)", describe(t2), t.text, t2.text)
			}
		}
	}
	return l
}

func (p *parser) sum() *Node {
	l := p.term()
	for p.err == nil {
		t := p.peek()
		if t.kind != tOp || (t.text != "+" && t.text != "-") {
			break
		}
		p.next()
		r := p.term()
		op := Add
		if t.text == "-" {
			op = Sub
		}
		l = p.mk(Binary, op, t, l, r)
	}
	return l
}

var mulOps = map[string]Op{"*": Mul, "/": Div, "//": FloorDiv, "%": Mod}

func (p *parser) term() *Node {
	l := p.unary()
	for p.err == nil {
		t := p.peek()
		op, ok := mulOps[t.text]
		if t.kind != tOp || !ok {
			break
		}
		p.next()
		r := p.unary()
		l = p.mk(Binary, op, t, l, r)
	}
	return l
}

func (p *parser) unary() *Node {
	if t := p.peek(); t.kind == tOp && (t.text == "-" || t.text == "+") {
		p.next()
		defer func() { p.depth-- }()
		if !p.nest(t) {
			return nil
		}
		x := p.unary()
		op := Neg
		if t.text == "+" {
			op = Plus
		}
		return p.mk(Unary, op, t, x)
	}
	return p.power()
}

func (p *parser) power() *Node {
	b := p.atom()
	if p.err == nil && p.isOp("**") {
		t := p.next()
		e := p.unary()
		return p.mk(Binary, Pow, t, b, e)
	}
	return b
}

var keywords = map[string]bool{"and": true, "or": true, "not": true}

func (p *parser) atom() *Node {
	t := p.next()
	switch {
	case t.kind == tNum:
		v, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			p.fail(t, "bad number %q", t.text)
			return nil
		}
		return &Node{Kind: Num, Value: v, Text: t.text, Pos: t.pos, End: t.endPos, Off: t.off, EndOff: t.endOff}
	case t.kind == tName && !keywords[t.text]:
		if p.isOp("(") {
			defer func() { p.depth-- }()
			if !p.nest(t) {
				return nil
			}
			p.next()
			var args []*Node
			if !p.isOp(")") {
				for p.err == nil {
					args = append(args, p.expr())
					if !p.isOp(",") {
						break
					}
					p.next()
				}
			}
			if p.err == nil && !p.isOp(")") {
				p.fail(p.peek(), "expected \",\" or \")\" in call of %s, found %s", t.text, describe(p.peek()))
				return nil
			}
			p.next()
			n := p.mk(Call, OpNone, t, args...)
			if n != nil {
				n.Text = t.text
			}
			return n
		}
		return &Node{Kind: Name, Text: t.text, Pos: t.pos, End: t.endPos, Off: t.off, EndOff: t.endOff}
	case t.kind == tOp && t.text == "(":
		defer func() { p.depth-- }()
		if !p.nest(t) {
			return nil
		}
		x := p.expr()
		if p.err == nil && !p.isOp(")") {
			p.fail(p.peek(), "expected \")\", found %s", describe(p.peek()))
			return nil
		}
		closing := p.next()
		if x != nil {
			x.outer = &span{t.pos, closing.endPos, t.off, closing.endOff}
		}
		return x
	}
	p.fail(t, "expected a number, a name or \"(\", found %s", describe(t))
	return nil
}

// ParseExpr parses a whole text as one expression.
func ParseExpr(text string) (*Node, error) { return ParseExprRange(text, 0, len(text)) }

// ParseExprRange parses text[from:to] as one expression; positions and
// offsets in the result and in errors refer to all of text, so that a
// caller parsing part of a larger model gets model positions.
func ParseExprRange(text string, from, to int) (*Node, error) {
	lx := &lexer{text: text, off: from, end: to}
	lx.run()
	if lx.err != nil {
		return nil, lx.err
	}
	p := &parser{text: text, toks: lx.toks}
	if p.peek().kind == tEOF {
		p.fail(p.peek(), "empty expression")
		return nil, p.err
	}
	n := p.expr()
	if p.err == nil && p.peek().kind != tEOF {
		t := p.peek()
		if t.kind == tOp && (t.text == "=" || strings.HasSuffix(t.text, "=") && len(t.text) == 2 && t.text != "==" && t.text != "<=" && t.text != ">=" && t.text != "!=") {
			p.fail(t, "unexpected %s in an expression (a statement is not allowed here)", describe(t))
		} else {
			p.fail(t, "unexpected %s after a complete expression", describe(t))
		}
	}
	if p.err != nil {
		return nil, p.err
	}
	return n, nil
}

var assignOps = map[string]AssignOp{"=": Assign, "+=": AddAssign, "-=": SubAssign, "*=": MulAssign, "/=": DivAssign}

// ParseBlock parses a block of statements separated by newlines or
// semicolons.
func ParseBlock(text string) ([]*Stmt, error) { return ParseBlockRange(text, 0, len(text)) }

// ParseBlockRange parses text[from:to] as a statement block, with positions
// relative to all of text.
func ParseBlockRange(text string, from, to int) ([]*Stmt, error) {
	lx := &lexer{text: text, off: from, end: to, stmtNL: true}
	lx.run()
	if lx.err != nil {
		return nil, lx.err
	}
	// A newline directly after a binary operator continues the statement.
	toks := lx.toks[:0:0]
	for i, t := range lx.toks {
		if t.kind == tNewline && i > 0 {
			prev := lx.toks[i-1]
			if prev.kind == tOp && strings.Contains("+-*/%<>=", prev.text[len(prev.text)-1:]) && prev.text != ")" ||
				prev.kind == tName && keywords[prev.text] {
				continue
			}
		}
		toks = append(toks, t)
	}
	p := &parser{text: text, toks: toks}
	var out []*Stmt
	for p.err == nil {
		for p.peek().kind == tNewline || p.isOp(";") {
			p.next()
		}
		if p.peek().kind == tEOF {
			break
		}
		t := p.next()
		if t.kind != tName || keywords[t.text] {
			p.fail(t, "expected a variable name at the start of a statement, found %s", describe(t))
			break
		}
		opTok := p.next()
		op, ok := assignOps[opTok.text]
		if opTok.kind != tOp || !ok {
			if opTok.text == "**=" || opTok.text == "//=" || opTok.text == "%=" {
				p.fail(opTok, "operator %s is not supported; use =, +=, -=, *= or /=", opTok.text)
			} else {
				p.fail(opTok, "expected =, +=, -=, *= or /= after %q, found %s", t.text, describe(opTok))
			}
			break
		}
		if k := p.peek().kind; k == tEOF || k == tNewline || p.isOp(";") {
			p.fail(p.peek(), "missing expression after %q", opTok.text)
			break
		}
		v := p.expr()
		if p.err != nil {
			break
		}
		if k := p.peek(); k.kind != tEOF && k.kind != tNewline && !(k.kind == tOp && k.text == ";") {
			p.fail(k, "unexpected %s after statement (separate statements by \";\" or a new line)", describe(k))
			break
		}
		out = append(out, &Stmt{Target: t.text, TargetPos: t.pos, Op: op, Value: v,
			Pos: t.pos, Off: t.off, End: v.End, EndOff: v.EndOff})
	}
	if p.err != nil {
		return nil, p.err
	}
	if len(out) == 0 {
		return nil, &Error{Pos: posAt(text, from), Msg: "empty statement block", Text: text}
	}
	return out, nil
}
