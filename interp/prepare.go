package interp

import (
	"fmt"
	"go/ast"
	"go/token"
)

// Preparing a cell, job by job: cut it into items (splitCell), parse
// each item into pieces with the rewrites of rewrite.go, names.go and
// locals.go, add the unit pass's edits (units.go), merge consecutive
// declarations, and build each chunk's attempts.

// cellRewrites are what prepareCell needs from the session. Nil
// functions know nothing (no integer globals, no shadowed prelude names,
// no unit pass).
type cellRewrites struct {
	isInt, shadowed func(string) bool
	// units returns the unit pass's edits (cell offsets) or its error.
	units func(code string, items []item) ([]edit, error)
}

// piece is one declaration run or top-level statement with its edits.
type piece struct {
	kind               chunkKind
	start, end         int
	edits              []edit
	prefix, suffix     string // the helper around a value or call chunk
	plainPre, plainSuf string // around every attempt
	isCall             bool
	ident              string
	literal            bool
	types, methods     map[string]string
	funcs              []string
}

// prepareCell splits code into chunks and rewrites the forms yaegi
// mishandles. Imports are returned separately: they apply to the whole
// cell and run first.
//
// shadowed reports a notebook variable, not a function, named like a
// prelude function (names.go); nil knows none.
func prepareCell(code string, isInt, shadowed func(string) bool) (*prepared, error) {
	return prepareCellWith(code, cellRewrites{isInt: isInt, shadowed: shadowed})
}

func prepareCellWith(code string, cr cellRewrites) (*prepared, error) {
	items, err := splitCell(code)
	if err != nil {
		return nil, err
	}
	names := scanNames(code, cr.shadowed)
	p := &prepared{}
	counter := 0
	var pieces []piece
	for n, it := range items {
		rw := rewriter{code: code, n: &counter, isInt: cr.isInt, names: names}
		switch it.kind {
		case importChunk:
			specs, err := importSpecs(code, it)
			if err != nil {
				return nil, err
			}
			p.imports = append(p.imports, specs...)
		case declChunk:
			pc, err := declPiece(code, it, rw)
			if err != nil {
				return nil, err
			}
			pieces = append(pieces, pc)
		case stmtChunk:
			ps, err := stmtPieces(code, it, rw, n == len(items)-1)
			if err != nil {
				return nil, err
			}
			for _, pc := range ps {
				if len(pieces) > 0 && pieces[len(pieces)-1].kind == stmtChunk && pc.kind == stmtChunk {
					last := &pieces[len(pieces)-1]
					last.end = pc.end
					last.edits = append(last.edits, pc.edits...)
					continue
				}
				pieces = append(pieces, pc)
			}
		}
	}
	if names.err != nil {
		return nil, names.err
	}
	if cr.units != nil {
		es, err := cr.units(code, items)
		if err != nil {
			return nil, err
		}
		distribute(pieces, es)
	}
	for _, pc := range mergeDecls(pieces) {
		p.chunks = append(p.chunks, pc.chunk(code))
	}
	return p, nil
}

// importSpecs parses an import item.
func importSpecs(code string, it item) ([]*ast.ImportSpec, error) {
	f, err := parseDecls(code, it)
	if err != nil {
		return nil, err
	}
	var specs []*ast.ImportSpec
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok {
			for _, s := range g.Specs {
				specs = append(specs, s.(*ast.ImportSpec))
			}
		}
	}
	return specs, nil
}

// declPiece parses a declaration item, notes its types, methods and
// functions, and rewrites it.
func declPiece(code string, it item, rw rewriter) (piece, error) {
	f, err := parseDecls(code, it)
	if err != nil {
		return piece{}, err
	}
	base := it.start - len(declWrapper)
	rw.base = base
	pc := piece{kind: declChunk, start: it.start, end: it.end, types: map[string]string{}, methods: map[string]string{}}
	src := func(n ast.Node) string {
		a := min(max(base+int(n.Pos())-1, it.start), it.end)
		return code[a:min(max(base+int(n.End())-1, a), it.end)]
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil && len(d.Recv.List) > 0 {
				pc.methods[recvName(d.Recv.List[0].Type)+"."+d.Name.Name] = src(d)
			} else {
				pc.funcs = append(pc.funcs, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					pc.types[s.Name.Name] = src(s)
				case *ast.ValueSpec:
					if d.Tok == token.VAR && len(s.Names) == 2 && len(s.Values) == 1 {
						pc.edits = append(pc.edits, rw.commaOK(s.Values[0])...)
					}
				}
			}
		}
	}
	pc.edits = append(pc.edits, rw.bodyEdits(f)...)
	return pc, nil
}

// stmtPieces parses a statement item into one piece per statement; the
// trailing expression statement of the cell (last) becomes a value
// piece, a top-level call a call piece.
func stmtPieces(code string, it item, rw rewriter, last bool) ([]piece, error) {
	body, err := parseStmts(code, it)
	if err != nil {
		return nil, err
	}
	base := it.start - len(stmtWrapper)
	rw.base = base
	var ps []piece
	for i, st := range body.List {
		// (clamped: the parser gives some nodes, such as the
		// empty statement of a trailing label, an end past the text)
		s0 := min(max(base+int(st.Pos())-1, it.start), it.end)
		s1 := min(max(base+int(st.End())-1, s0), it.end)
		pc := piece{kind: stmtChunk, start: s0, end: s1}
		if es, ok := st.(*ast.ExprStmt); ok {
			classifyExprStmt(&pc, code, es, last && i == len(body.List)-1)
		}
		pc.edits = rw.stmtEdits(st)
		if pc.kind == stmtChunk {
			// Which top-level statement runs: yaegi's panic trace
			// gives the position of the chunk's first node, not of
			// the failing one.
			pc.edits = append(pc.edits, edit{start: s0, end: s0, text: fmt.Sprintf("%s(%d, %d); ", atHelper, s0, s1), rank: -2})
		}
		if es, ok := st.(*ast.ExprStmt); ok {
			if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok && isFuncLit(call.Fun) {
				// yaegi re-runs a bare top-level func literal call on
				// every later Eval; inside a block it does not.
				if pc.kind == stmtChunk {
					pc.edits = append(pc.edits,
						edit{start: s0, end: s0, text: "{ ", rank: -1},
						edit{start: s1, end: s1, text: " }", rank: 1})
				} else {
					pc.plainPre, pc.plainSuf = "{ ", " }"
				}
			}
		}
		ps = append(ps, pc)
	}
	return ps, nil
}

// classifyExprStmt makes an expression statement a value piece (the
// cell's trailing expression) or a call piece (its error is checked).
func classifyExprStmt(pc *piece, code string, es *ast.ExprStmt, trailing bool) {
	call, isCall := ast.Unparen(es.X).(*ast.CallExpr)
	switch {
	case isCall && isVoidBuiltin(call.Fun):
		// no result to show or check
	case trailing:
		pc.kind = valueChunk
		pc.isCall = isCall
		if pure(es.X) {
			pc.ident = code[pc.start:pc.end]
			pc.literal = literalOnly(es.X)
		}
		if isCall {
			pc.prefix, pc.suffix = callHelper+"(", ")"
		} else {
			pc.prefix, pc.suffix = valueHelper+"(", ")"
		}
	case isCall && !isFuncLit(call.Fun):
		pc.kind = callChunk
		pc.prefix, pc.suffix = checkHelper+"(", ")"
	}
}

// distribute gives each edit to the piece whose text holds it.
func distribute(pieces []piece, es []edit) {
	for _, e := range es {
		for i := range pieces {
			if pieces[i].start <= e.start && e.end <= pieces[i].end {
				pieces[i].edits = append(pieces[i].edits, e)
				pieces[i].ident = "" // showCompiled would evaluate the text as written
				break
			}
		}
	}
}

// mergeDecls merges consecutive declaration pieces.
func mergeDecls(pieces []piece) []piece {
	var merged []piece
	for _, pc := range pieces {
		if len(merged) > 0 && pc.kind == declChunk && merged[len(merged)-1].kind == declChunk {
			last := &merged[len(merged)-1]
			last.end = pc.end
			last.edits = append(last.edits, pc.edits...)
			for k, v := range pc.types {
				last.types[k] = v
			}
			for k, v := range pc.methods {
				last.methods[k] = v
			}
			last.funcs = append(last.funcs, pc.funcs...)
			continue
		}
		merged = append(merged, pc)
	}
	return merged
}

// chunk builds the piece's attempts: the forms of a value chunk in
// order, then the plain text.
func (pc piece) chunk(code string) chunk {
	edits := sortEdits(pc.edits)
	c := chunk{kind: pc.kind, isCall: pc.isCall, ident: pc.ident, literal: pc.literal, types: pc.types, methods: pc.methods, funcs: pc.funcs, start: pc.start, end: pc.end}
	add := func(prefix, suffix string) {
		text, segs := build(code, pc.start, pc.end, edits, pc.plainPre+prefix, suffix+pc.plainSuf)
		c.attempts = append(c.attempts, attempt{text, newPosMap(code, text, segs)})
	}
	if pc.kind == valueChunk {
		add(richPrefix, richSuffix)
		// An interpreted type's String reaches the helper unreliably
		// (yaegi loses a composite literal of a type with methods
		// passed to an any parameter); call it directly.
		add(stringPrefix, stringSuffix)
	}
	if pc.prefix != "" {
		add(pc.prefix, pc.suffix)
	}
	add("", "")
	return c
}
