package syntax

import "fmt"

// Generator is Brian2's generator syntax for the indices a connect call
// creates (Synapses.connect(j='…')):
//
//	element for var in range(args) [if cond]
//	element for var in sample(args, p=… | size=…) [if cond]
//	element [if cond]
//
// The plain form (no "for") stands for "element for _ in range(1)" as
// Brian2 rewrites it: one candidate per outer index.
type Generator struct {
	Element *Node
	// Var is the iteration variable ("" in the plain form).
	Var    string
	VarPos Pos
	// Iter is "range" or "sample" ("" in the plain form).
	Iter    string
	IterPos Pos
	// Args are Iter's positional arguments: stop; start, stop; or
	// start, stop, step (1 to 3 of them).
	Args []*Node
	// Keyword is sample's p= or size= argument (Name "" for range).
	Keyword Keyword
	// Cond is the if condition, nil without one.
	Cond *Node
}

// Keyword is a keyword argument name=value of a call.
type Keyword struct {
	Name  string
	Pos   Pos
	Value *Node
}

// Start, Stop and Step return the iterator's bounds as written, nil for
// the defaults (start 0, step 1).
func (g *Generator) Start() *Node {
	if len(g.Args) >= 2 {
		return g.Args[0]
	}
	return nil
}

// Stop returns the iterator's stop argument.
func (g *Generator) Stop() *Node {
	switch len(g.Args) {
	case 1:
		return g.Args[0]
	case 2, 3:
		return g.Args[1]
	}
	return nil
}

// Step returns the iterator's step argument, nil for the default 1.
func (g *Generator) Step() *Node {
	if len(g.Args) == 3 {
		return g.Args[2]
	}
	return nil
}

// genKeywords are the words of the generator frame; none of them can be a
// name inside its expressions.
var genKeywords = map[string]bool{"for": true, "in": true, "if": true}

// ParseGenerator parses Brian2's generator syntax (see Generator).
// Errors are positioned in text.
func ParseGenerator(text string) (*Generator, error) {
	lx := &lexer{text: text, off: 0, end: len(text)}
	lx.run()
	if lx.err != nil {
		return nil, lx.err
	}
	p := &parser{text: text, toks: lx.toks}
	g := p.generator()
	if p.err != nil {
		return nil, p.err
	}
	return g, nil
}

func (p *parser) generator() *Generator {
	if t := p.peek(); t.kind == tEOF || t.kind == tName && genKeywords[t.text] {
		p.fail(t, "expected the expression of the index before %s (as in \"k for k in range(i-2, i+3)\")", describe(t))
		return nil
	}
	g := &Generator{Element: p.genExpr()}
	if p.err == nil && p.isKeyword("for") {
		p.next()
		p.iteration(g)
	}
	if p.err == nil && p.isKeyword("if") {
		p.next()
		g.Cond = p.genExpr()
	}
	if t := p.peek(); p.err == nil && t.kind != tEOF {
		if g.Var == "" && g.Cond == nil {
			p.fail(t, "unexpected %s: expected \"for\", \"if\" or the end of the generator", describe(t))
		} else {
			p.fail(t, "unexpected %s after the generator", describe(t))
		}
	}
	return g
}

// genExpr parses an expression that must not use the frame's keywords as
// names (which would otherwise parse as variables).
func (p *parser) genExpr() *Node {
	n := p.expr()
	if p.err != nil || n == nil {
		return nil
	}
	Walk(n, func(m *Node) bool {
		if m.Kind == Name && genKeywords[m.Text] && p.err == nil {
			p.err = &Error{Pos: m.Pos, Msg: fmt.Sprintf("%q cannot be used as a name here", m.Text), Text: p.text}
		}
		return true
	})
	return n
}

// iteration parses "var in range(...)" or "var in sample(...)".
func (p *parser) iteration(g *Generator) {
	v := p.next()
	if v.kind != tName || keywords[v.text] || genKeywords[v.text] {
		p.fail(v, "expected the name of the iteration variable after \"for\", found %s", describe(v))
		return
	}
	g.Var, g.VarPos = v.text, v.pos
	if !p.isKeyword("in") {
		p.fail(p.peek(), "expected \"in\" after \"for %s\", found %s", v.text, describe(p.peek()))
		return
	}
	p.next()
	f := p.next()
	if f.kind != tName || f.text != "range" && f.text != "sample" {
		p.fail(f, "expected range(…) or sample(…) after \"in\", found %s (the iterator must be one of range, sample)", describe(f))
		return
	}
	g.Iter, g.IterPos = f.text, f.pos
	if !p.isOp("(") {
		p.fail(p.peek(), "expected \"(\" after %s, found %s", f.text, describe(p.peek()))
		return
	}
	p.next()
	p.iterArgs(g, f)
}

// iterArgs parses the arguments of range or sample up to ")" and checks
// their number as Brian2 does: 1 to 3 positional ones, no keyword for
// range, exactly one of p= or size= for sample.
func (p *parser) iterArgs(g *Generator, f token) {
	for p.err == nil && !p.isOp(")") {
		t := p.peek()
		if nx := p.toks[min(p.i+1, len(p.toks)-1)]; t.kind == tName && nx.kind == tOp && nx.text == "=" {
			p.next()
			p.next()
			p.keyword(g, f, t)
		} else if g.Keyword.Name != "" {
			p.fail(t, "positional argument after the keyword argument %s=", g.Keyword.Name)
		} else {
			g.Args = append(g.Args, p.genExpr())
		}
		if p.err == nil && !p.isOp(")") {
			if !p.isOp(",") {
				p.fail(p.peek(), "expected \",\" or \")\" in %s(…), found %s", f.text, describe(p.peek()))
				return
			}
			p.next()
		}
	}
	if p.err != nil {
		return
	}
	closing := p.next()
	if len(g.Args) == 0 || len(g.Args) > 3 {
		p.fail(f, "%s takes 1 to 3 positional arguments (stop; start, stop; or start, stop, step), not %d", f.text, len(g.Args))
	} else if f.text == "sample" && g.Keyword.Name == "" {
		p.fail(closing, "sample needs one keyword argument, p= (a probability) or size= (a number of indices)")
	}
}

func (p *parser) keyword(g *Generator, f token, name token) {
	switch {
	case f.text == "range":
		p.fail(name, "range takes no keyword arguments (%s=)", name.text)
	case name.text != "p" && name.text != "size":
		p.fail(name, "sample takes the keyword argument p= or size=, not %s=", name.text)
	case g.Keyword.Name != "":
		p.fail(name, "sample takes one keyword argument, p= or size=, not both %s= and %s=", g.Keyword.Name, name.text)
	default:
		g.Keyword = Keyword{Name: name.text, Pos: name.pos, Value: p.genExpr()}
	}
}
