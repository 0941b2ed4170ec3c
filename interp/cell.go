package interp

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"sort"
	"strings"
)

// chunkKind says how yaegi must see a piece of a cell: yaegi parses a
// source as a file when it starts with a declaration keyword and as the
// body of func main otherwise, so a cell is cut into runs of one kind.
type chunkKind int

const (
	importChunk chunkKind = iota // import declarations, run first
	declChunk                    // func, type, const, var declarations
	stmtChunk                    // statements
	callChunk                    // one top-level call statement whose error result is checked
	valueChunk                   // the trailing expression, shown as execute_result
)

func (k chunkKind) String() string {
	return [...]string{"import", "decl", "stmt", "call", "value"}[k]
}

// chunk is one piece of a cell ready for yaegi, with the map from its
// text back to the cell.
type chunk struct {
	kind chunkKind
	// attempts are the forms of the chunk to try in order: the first
	// that compiles runs. A value chunk tries expr.MIMEBundle() (the
	// only way to reach a method of an interpreted type), then the
	// generic display helper, then the bare expression (a call with no
	// result). Each text starts with "\n" so that no code is on line 1,
	// where yaegi's wrapper shifts columns.
	attempts []attempt
	// ident is the expression of a value chunk when evaluating it has
	// no effect (names, literals, operators); literal says it has no
	// names either.
	ident   string
	literal bool
	// isCall tells a value chunk whose expression is a call: a nil
	// single result of a call is not shown.
	isCall bool
	// types and methods declared by a decl chunk (name to source
	// text), funcs for tracebacks
	types, methods map[string]string
	funcs          []string
	// start and end are the cell offsets of the chunk's statement, for
	// the traceback of a call or value chunk (a statement chunk marks
	// each of its statements with the at helper instead).
	start, end int
}

// attempt is one form of a chunk with its position map.
type attempt struct {
	src string
	m   *posMap
}

// item is one top-level declaration or statement of a cell.
type item struct {
	kind       chunkKind
	start, end int // byte offsets in the cell
}

// cellError is a syntax error found while preparing a cell, positioned
// in the cell.
type cellError struct {
	Line, Col int
	Msg       string
}

func (e *cellError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// splitCell cuts code into top-level items at brace depth 0.
func splitCell(code string) ([]item, error) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(code))
	var s scanner.Scanner
	var firstErr *cellError
	s.Init(file, []byte(code), func(pos token.Position, msg string) {
		if firstErr == nil {
			firstErr = &cellError{pos.Line, pos.Column, msg}
		}
	}, 0)
	type tok struct {
		pos int
		tok token.Token
		lit string
		end int
	}
	var toks []tok
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		off := file.Offset(pos)
		end := off + len(lit)
		if lit == "" || t == token.SEMICOLON && lit == "\n" {
			end = off + len(t.String())
			if t == token.SEMICOLON && lit == "\n" {
				end = off
			}
		}
		toks = append(toks, tok{off, t, lit, end})
	}
	if firstErr != nil {
		return nil, firstErr
	}
	var items []item
	depth := 0
	begin := -1
	header := false // between if/for/switch and its body, where ';' does not end the statement
	for i, t := range toks {
		if begin < 0 {
			if t.tok == token.SEMICOLON {
				continue
			}
			begin = i
		}
		switch t.tok {
		case token.IF, token.FOR, token.SWITCH:
			if depth == 0 {
				header = true
			}
		case token.LBRACE:
			if depth == 0 {
				header = false
			}
			depth++
		case token.LPAREN, token.LBRACK:
			depth++
		case token.RBRACE, token.RPAREN, token.RBRACK:
			depth--
		}
		last := i == len(toks)-1
		if depth <= 0 && (t.tok == token.SEMICOLON && !header || last) {
			endTok := i
			if t.tok == token.SEMICOLON {
				endTok = i - 1
			}
			if endTok >= begin {
				items = append(items, item{
					kind: classify(toks[begin].tok, begin, func(j int) token.Token {
						if j < len(toks) {
							return toks[j].tok
						}
						return token.EOF
					}),
					start: toks[begin].pos,
					end:   toks[endTok].end,
				})
			}
			begin = -1
			depth = 0
			header = false
		}
	}
	if begin >= 0 { // unbalanced: let the parser say where
		items = append(items, item{kind: stmtChunk, start: toks[begin].pos, end: len(code)})
	}
	return items, nil
}

// classify tells a declaration from a statement by its first tokens; a
// func literal called at top level is a statement.
func classify(first token.Token, i int, at func(int) token.Token) chunkKind {
	switch first {
	case token.IMPORT:
		return importChunk
	case token.TYPE, token.CONST, token.VAR:
		return declChunk
	case token.FUNC:
		switch at(i + 1) {
		case token.IDENT:
			return declChunk
		case token.LPAREN: // receiver or literal parameters
			depth := 0
			for j := i + 1; ; j++ {
				switch at(j) {
				case token.LPAREN:
					depth++
				case token.RPAREN:
					depth--
					if depth == 0 {
						if at(j+1) == token.IDENT && at(j+2) == token.LPAREN {
							return declChunk
						}
						return stmtChunk
					}
				case token.EOF:
					return stmtChunk
				}
			}
		}
	}
	return stmtChunk
}

// edit replaces cell bytes [start,end) by text. rank orders insertions
// at one point: -1 opens a wrapper (goes first), +1 closes it, +2 closes
// the outermost wrapper (last).
type edit struct {
	start, end int
	text       string
	rank       int
}

// segment is a run of chunk text that comes from cell offset orig (an
// inserted text maps every byte to its insertion point).
type segment struct {
	at       int // offset in the chunk text
	orig     int // offset in the cell
	inserted bool
}

// posMap maps chunk text positions back to cell line:column.
type posMap struct {
	cell  string
	text  string // chunk text as evaluated (with the leading newline)
	segs  []segment
	lines []int // offsets of line starts in text
}

func newPosMap(cell, text string, segs []segment) *posMap {
	m := &posMap{cell: cell, text: text, segs: segs, lines: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			m.lines = append(m.lines, i+1)
		}
	}
	return m
}

// cellOffset maps a 1-based line:column of the chunk text to a cell offset.
func (m *posMap) cellOffset(line, col int) int {
	if line < 1 {
		line = 1
	}
	if line > len(m.lines) {
		line = len(m.lines)
	}
	off := m.lines[line-1] + col - 1
	if off > len(m.text) {
		off = len(m.text)
	}
	i := sort.Search(len(m.segs), func(i int) bool { return m.segs[i].at > off }) - 1
	if i < 0 {
		return 0
	}
	sg := m.segs[i]
	if sg.inserted {
		return sg.orig
	}
	o := sg.orig + off - sg.at
	if o > len(m.cell) {
		o = len(m.cell)
	}
	return o
}

// cellPos maps chunk line:column to cell line:column (1-based, columns
// in bytes as Go reports them).
func (m *posMap) cellPos(line, col int) (int, int) {
	return lineCol(m.cell, m.cellOffset(line, col))
}

func lineCol(s string, off int) (int, int) {
	line := 1 + strings.Count(s[:off], "\n")
	return line, off - strings.LastIndex(s[:off], "\n")
}

// build applies edits (sorted, non-overlapping, inside [start,end)) to
// cell[start:end] and returns the chunk text with its map.
func build(cell string, start, end int, edits []edit, prefix, suffix string) (string, []segment) {
	var b strings.Builder
	var segs []segment
	b.WriteString("\n")
	segs = append(segs, segment{at: 0, orig: start, inserted: true})
	if prefix != "" {
		segs = append(segs, segment{at: b.Len(), orig: start, inserted: true})
		b.WriteString(prefix)
	}
	pos := start
	for _, e := range edits {
		if e.start > pos {
			segs = append(segs, segment{at: b.Len(), orig: pos})
			b.WriteString(cell[pos:e.start])
		}
		segs = append(segs, segment{at: b.Len(), orig: e.start, inserted: true})
		b.WriteString(e.text)
		pos = e.end
	}
	if end > pos {
		segs = append(segs, segment{at: b.Len(), orig: pos})
		b.WriteString(cell[pos:end])
	}
	if suffix != "" {
		segs = append(segs, segment{at: b.Len(), orig: end, inserted: true})
		b.WriteString(suffix)
	}
	return b.String(), segs
}

// prepared is a cell cut into chunks.
type prepared struct {
	imports []*ast.ImportSpec
	chunks  []chunk
}

// Names of the helpers that the rewrites call; they are declared in the
// session at start (see helpers.go).
const (
	valueHelper  = "__gonsimValue"
	callHelper   = "__gonsimCall"
	checkHelper  = "__gonsimCheck"
	goHelper     = "__gonsimGoPanic"
	printHelper  = "__gonsimPrintln"
	clearHelper  = "__gonsim.Clear"
	atHelper     = "__gonsim.At"
	stringPrefix = "__gonsim.Result(map[string]any{\"text/plain\": ("
	stringSuffix = ").String()})"
	richPrefix   = "__gonsim.Result(("
	richSuffix   = ").MIMEBundle())"
)

const (
	declWrapper = "package main\n"
	stmtWrapper = "package main\nfunc _() {\n"
)

func parseDecls(code string, it item) (*ast.File, error) {
	src := declWrapper + code[it.start:it.end]
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, remapParseError(code, it.start, len(declWrapper), src, err)
	}
	return f, nil
}

func parseStmts(code string, it item) (*ast.BlockStmt, error) {
	src := stmtWrapper + code[it.start:it.end] + "\n}"
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.SkipObjectResolution)
	if err != nil {
		return nil, remapParseError(code, it.start, len(stmtWrapper), src, err)
	}
	return f.Decls[0].(*ast.FuncDecl).Body, nil
}

func remapParseError(code string, start, wrap int, src string, err error) error {
	if l, ok := err.(scanner.ErrorList); ok && len(l) > 0 {
		e := l[0]
		off := e.Pos.Offset - wrap + start
		if off < start {
			off = start
		}
		if off > len(code) {
			off = len(code)
		}
		line, col := lineCol(code, off)
		return &cellError{line, col, e.Msg}
	}
	return err
}

func recvName(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return "?"
		}
	}
}

// pure reports an expression whose evaluation has no effect: names,
// qualified names, literals and operators on them.
func pure(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident, *ast.BasicLit:
		return true
	case *ast.SelectorExpr:
		_, ok := e.X.(*ast.Ident)
		return ok
	case *ast.ParenExpr:
		return pure(e.X)
	case *ast.UnaryExpr:
		return e.Op != token.ARROW && e.Op != token.AND && pure(e.X)
	case *ast.BinaryExpr:
		return pure(e.X) && pure(e.Y)
	}
	return false
}

// literalOnly reports a pure expression without names.
func literalOnly(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return true
	case *ast.ParenExpr:
		return literalOnly(e.X)
	case *ast.UnaryExpr:
		return literalOnly(e.X)
	case *ast.BinaryExpr:
		return literalOnly(e.X) && literalOnly(e.Y)
	}
	return false
}

// isVoidBuiltin reports a builtin without results (panic(...) cannot
// even be compiled inside a wrapper by yaegi).
func isVoidBuiltin(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	switch id.Name {
	case "panic", "print", "println", "close", "delete", "clear":
		return true
	}
	return false
}

func isFuncLit(e ast.Expr) bool {
	_, ok := ast.Unparen(e).(*ast.FuncLit)
	return ok
}

// sortEdits orders edits by position and drops any that overlaps an
// earlier one (the rewrites are designed not to overlap).
func sortEdits(es []edit) []edit {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.start != b.start {
			return a.start < b.start
		}
		az, bz := a.start == a.end, b.start == b.end
		if az != bz {
			return az && a.rank <= 0 // insertions before a replacement at the same point
		}
		return a.rank < b.rank
	})
	var out []edit
	pos := 0
	for _, e := range es {
		if e.start < pos {
			continue
		}
		out = append(out, e)
		pos = e.end
	}
	return out
}
