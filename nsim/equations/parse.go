package equations

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"gonsim/nsim/expr"
	"gonsim/nsim/syntax"
	"gonsim/nsim/units"
)

// span is a logical equation: text[from:to], possibly several lines.
type span struct{ from, to int }

// continues reports whether a line's code (comment removed) leaves the
// equation open: unbalanced parentheses or a trailing operator.
func continues(code string, depth int) bool {
	s := strings.TrimRight(code, " \t\r")
	if depth > 0 {
		return true
	}
	if s == "" {
		return false
	}
	if strings.HasSuffix(s, "\\") {
		return true
	}
	last := s[len(s)-1]
	if strings.IndexByte("+-*/%(,=<>", last) >= 0 {
		return true
	}
	for _, kw := range []string{" and", " or", " not"} {
		if strings.HasSuffix(s, kw) {
			return true
		}
	}
	return false
}

// codeOf strips a # comment.
func codeOf(line string) string {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		return line[:i]
	}
	return line
}

// logical splits text into logical equations (one per non-blank line, or
// several lines joined by continuation).
func logical(text string) []span {
	var out []span
	off := 0
	cur := span{-1, -1}
	depth := 0
	for off <= len(text) {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		line := text[off:end]
		code := codeOf(line)
		blank := strings.TrimSpace(code) == ""
		if !blank {
			if cur.from < 0 {
				cur.from = off + len(code) - len(strings.TrimLeft(code, " \t"))
			}
			cur.to = off + len(strings.TrimRight(code, " \t\r"))
			depth += strings.Count(code, "(") - strings.Count(code, ")")
			if !continues(code, depth) {
				// A line that starts with an operator continues the previous
				// one when that has no ':' yet (a split before the operator).
				out = append(out, cur)
				cur = span{-1, -1}
				depth = 0
			}
		}
		if end == len(text) {
			break
		}
		off = end + 1
	}
	if cur.from >= 0 {
		out = append(out, cur)
	}
	// Merge "a = b\n  + c : unit" and "a = b\n  : unit" forms: a span
	// without ':' followed by one starting with an operator or ':'.
	var merged []span
	for _, s := range out {
		if n := len(merged); n > 0 {
			prev := merged[n-1]
			if !strings.Contains(text[prev.from:prev.to], ":") && strings.IndexByte("+-*/:", text[s.from]) >= 0 {
				merged[n-1].to = s.to
				continue
			}
		}
		merged = append(merged, s)
	}
	return merged
}

var (
	diffRe  = regexp.MustCompile(`^d([A-Za-z_]\w*)\s*/\s*dt\s*=[^=]`)
	subRe   = regexp.MustCompile(`^([A-Za-z_]\w*)\s*=[^=]`)
	paramRe = regexp.MustCompile(`^([A-Za-z_]\w*)\s*$`)
	flagRe  = regexp.MustCompile(`^\s*[A-Za-z_][\w ]*(,\s*[A-Za-z_][\w ]*)*\s*$`)
)

var knownFlags = []string{"unless refractory", "constant", "shared", "linked", "constant over dt", "event-driven", "clock-driven", "summed"}

// posOf converts a byte offset of text to a position.
func posOf(text string, off int) syntax.Pos {
	line := 1 + strings.Count(text[:off], "\n")
	start := strings.LastIndexByte(text[:off], '\n') + 1
	return syntax.Pos{Line: line, Col: 1 + utf8.RuneCountInString(text[start:off])}
}

func errAt(text string, off int, kind expr.ErrorKind, culprit, format string, args ...any) *expr.Error {
	return &expr.Error{Kind: kind, Pos: posOf(text, off), Culprit: culprit, Text: text, Msg: fmt.Sprintf(format, args...)}
}

// IsReserved reports whether name may not be defined by a model.
func IsReserved(name string) bool { return slices.Contains(Reserved, name) || expr.IsNoise(name) }

func parse(text string) (*Equations, error) {
	eqs, errs := parsePartial(text)
	if len(errs) > 0 {
		return nil, errs
	}
	return eqs, nil
}

// parsePartial returns the equations that parsed and the errors of the
// others, so that a model check can report both kinds at once.
func parsePartial(text string) (*Equations, expr.ErrorList) {
	eqs := &Equations{Text: text}
	var errs expr.ErrorList
	first := map[string]*Equation{}
	for _, sp := range logical(text) {
		eq, es := parseOne(text, sp)
		errs = append(errs, es...)
		if eq == nil {
			continue
		}
		if IsReserved(eq.Name) {
			errs = append(errs, &expr.Error{Kind: expr.BadAssignment, Pos: eq.Pos, Culprit: eq.Name, Text: text,
				Msg: fmt.Sprintf("%q is a reserved name (reserved: %s, xi_*)", eq.Name, strings.Join(Reserved, ", "))})
			continue
		}
		if slices.Contains(expr.Functions(), eq.Name) {
			errs = append(errs, &expr.Error{Kind: expr.BadAssignment, Pos: eq.Pos, Culprit: eq.Name, Text: text,
				Msg: fmt.Sprintf("%q is the name of a function and cannot be a variable", eq.Name)})
			continue
		}
		if prev, dup := first[eq.Name]; dup {
			errs = append(errs, &expr.Error{Kind: expr.BadAssignment, Pos: eq.Pos, Culprit: eq.Name, Text: text,
				Msg: fmt.Sprintf("%q is defined twice (first at line %d)", eq.Name, prev.Pos.Line)})
			continue
		}
		first[eq.Name] = eq
		eqs.List = append(eqs.List, eq)
	}
	return eqs, errs
}

// parseOne parses one logical equation text[sp.from:sp.to].
func parseOne(text string, sp span) (*Equation, expr.ErrorList) {
	s := text[sp.from:sp.to]
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		return nil, expr.ErrorList{errAt(text, sp.to, expr.SyntaxError, s,
			"syntax error: missing \": unit\" (expected \"dx/dt = expression : unit\", \"x = expression : unit\" or \"x : unit\")")}
	}
	left := s[:colon]
	eq := &Equation{Pos: posOf(text, sp.from)}
	var errs expr.ErrorList
	var rhsFrom int
	switch {
	case diffRe.MatchString(left + " "):
		m := diffRe.FindStringSubmatchIndex(left + " ")
		eq.Kind, eq.Name = Differential, left[m[2]:m[3]]
		eq.Pos = posOf(text, sp.from+m[2]-1)
		rhsFrom = sp.from + strings.IndexByte(left, '=') + 1
	case subRe.MatchString(left + " "):
		m := subRe.FindStringSubmatchIndex(left + " ")
		eq.Kind, eq.Name = Subexpression, left[m[2]:m[3]]
		rhsFrom = sp.from + strings.IndexByte(left, '=') + 1
	case paramRe.MatchString(left):
		eq.Kind, eq.Name = Parameter, strings.TrimSpace(left)
	default:
		return nil, expr.ErrorList{errAt(text, sp.from, expr.SyntaxError, strings.TrimSpace(left),
			"syntax error: expected \"dx/dt = expression\", \"x = expression\" or a parameter name before \":\", found %q", strings.TrimSpace(left))}
	}
	if eq.Kind != Parameter {
		rhsTo := sp.from + colon
		if strings.TrimSpace(text[rhsFrom:rhsTo]) == "" {
			errs = append(errs, errAt(text, rhsTo, expr.SyntaxError, "", "syntax error: missing expression after \"=\""))
		} else {
			n, err := syntax.ParseExprRange(text, rhsFrom, rhsTo)
			if err != nil {
				errs = append(errs, expr.Errors(err)...)
			} else {
				eq.RHS, eq.RHSPos = n, n.Pos
			}
		}
	}
	// Unit and flags.
	uFrom, uTo := sp.from+colon+1, sp.to
	right := text[uFrom:uTo]
	if t := strings.TrimRight(right, " \t"); strings.HasSuffix(t, ")") {
		open := matchingOpen(t)
		before := strings.TrimRight(t[:max(open, 0)], " \t")
		if open > 0 && before != "" && !strings.ContainsAny(before[len(before)-1:], "*/(") {
			inner := t[open+1 : len(t)-1]
			flagOff := uFrom + open + 1
			errs = append(errs, parseFlags(text, inner, flagOff, &eq.Flags)...)
			uTo = uFrom + len(before)
		}
	}
	unitText := strings.TrimSpace(text[uFrom:uTo])
	eq.Unit = unitText
	if unitText == "" {
		errs = append(errs, errAt(text, uTo, expr.SyntaxError, "", "syntax error: missing unit after \":\" (use 1 for dimensionless)"))
	} else {
		lead := uFrom + len(text[uFrom:uTo]) - len(strings.TrimLeft(text[uFrom:uTo], " \t"))
		d, err := parseUnit(text, lead, lead+len(unitText))
		if err != nil {
			errs = append(errs, err...)
		}
		eq.Dim = d
	}
	if eq.Flags.Linked && eq.Kind != Parameter {
		errs = append(errs, &expr.Error{Kind: expr.Unsupported, Pos: eq.Pos, Culprit: eq.Name, Text: text,
			Msg: fmt.Sprintf("flag (linked) is only allowed on parameters, not on the %s of %q", eq.Kind, eq.Name)})
	}
	if eq.Flags.UnlessRefractory && eq.Kind != Differential {
		errs = append(errs, &expr.Error{Kind: expr.Unsupported, Pos: eq.Pos, Culprit: eq.Name, Text: text,
			Msg: fmt.Sprintf("flag (unless refractory) is only allowed on differential equations, not on the %s of %q", eq.Kind, eq.Name)})
	}
	if eq.Flags.ConstantOverDt && eq.Kind != Subexpression {
		errs = append(errs, &expr.Error{Kind: expr.Unsupported, Pos: eq.Pos, Culprit: eq.Name, Text: text,
			Msg: fmt.Sprintf("flag (constant over dt) is only allowed on subexpressions, not on the %s of %q", eq.Kind, eq.Name)})
	}
	errs = append(errs, checkSynapticFlags(text, eq)...)
	if len(errs) > 0 {
		return nil, errs
	}
	return eq, nil
}

// checkSynapticFlags checks where the synaptic flags may appear (Brian2:
// event-driven and clock-driven on differential equations, not both;
// summed on subexpressions, alone). Whether the model belongs to Synapses
// is checked by the model builders.
func checkSynapticFlags(text string, eq *Equation) expr.ErrorList {
	var errs expr.ErrorList
	bad := func(format string, args ...any) {
		errs = append(errs, &expr.Error{Kind: expr.Unsupported, Pos: eq.Pos, Culprit: eq.Name, Text: text, Msg: fmt.Sprintf(format, args...)})
	}
	f := eq.Flags
	for _, fl := range []struct {
		on   bool
		name string
		kind Kind
	}{{f.EventDriven, "event-driven", Differential}, {f.ClockDriven, "clock-driven", Differential}, {f.Summed, "summed", Subexpression}} {
		if fl.on && eq.Kind != fl.kind {
			bad("flag (%s) is only allowed on %ss, not on the %s of %q", fl.name, fl.kind, eq.Kind, eq.Name)
		}
	}
	if f.EventDriven && f.ClockDriven {
		bad("flags (event-driven) and (clock-driven) exclude each other (variable %q)", eq.Name)
	}
	if f.Summed && (f.Shared || f.ConstantOverDt) {
		bad("flag (summed) cannot be combined with other flags (variable %q)", eq.Name)
	}
	return errs
}

// matchingOpen returns the index of the "(" matching the final ")" of s.
func matchingOpen(s string) int {
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func parseFlags(text, inner string, off int, f *Flags) expr.ErrorList {
	var errs expr.ErrorList
	pos := 0
	for _, part := range strings.Split(inner, ",") {
		name := strings.Join(strings.Fields(part), " ")
		at := off + pos + len(part) - len(strings.TrimLeft(part, " \t"))
		pos += len(part) + 1
		switch name {
		case "unless refractory":
			f.UnlessRefractory = true
		case "constant":
			f.Constant = true
		case "shared":
			f.Shared = true
		case "linked":
			f.Linked = true
		case "constant over dt":
			f.ConstantOverDt = true
		case "event-driven":
			f.EventDriven = true
		case "clock-driven":
			f.ClockDriven = true
		case "summed":
			f.Summed = true
		default:
			errs = append(errs, errAt(text, at, expr.SyntaxError, name, "unknown flag %q (known flags: %s)", name, strings.Join(knownFlags, ", ")))
		}
	}
	return errs
}

// parseUnit evaluates a unit specification: a product of unit names and
// powers ("volt", "1", "siemens/metre**2", "Hz"). Only its dimension counts.
func parseUnit(text string, from, to int) (units.Dim, expr.ErrorList) {
	n, err := syntax.ParseExprRange(text, from, to)
	if err != nil {
		return units.Dim{}, expr.Errors(err)
	}
	var errs expr.ErrorList
	syntax.Walk(n, func(m *syntax.Node) bool {
		switch {
		case m.Kind == syntax.Name:
			if _, ok := units.Lookup(m.Text); !ok {
				msg := fmt.Sprintf("unknown unit %q", m.Text)
				if s := units.Suggest(m.Text); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				errs = append(errs, &expr.Error{Kind: expr.UnresolvedName, Pos: m.Pos, Culprit: m.Text, Text: text, Msg: msg})
			}
		case m.Kind == syntax.Binary && (m.Op == syntax.Add || m.Op == syntax.Sub || m.Op.IsComparison() || m.Op.IsLogical()),
			m.Kind == syntax.Call, m.Kind == syntax.Unary && m.Op == syntax.Not:
			errs = append(errs, &expr.Error{Kind: expr.SyntaxError, Pos: m.Pos, Culprit: m.Source(text), Text: text,
				Msg: fmt.Sprintf("a unit is a product of unit names and powers, such as volt/second or metre**2; %q is not", m.Source(text))})
			return false
		}
		return true
	})
	if len(errs) > 0 {
		return units.Dim{}, errs
	}
	q, err := units.Eval(text, n, nil)
	if err != nil {
		return units.Dim{}, expr.ErrorList{{Kind: expr.UnitMismatch, Pos: n.Pos, Culprit: n.Source(text), Text: text, Msg: err.Error()}}
	}
	return q.Dim, nil
}

func combine(sets ...*Equations) (*Equations, error) {
	var b strings.Builder
	for i, s := range sets {
		if s == nil {
			continue
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s.Text)
	}
	// Reparsing the joined text gives positions in the combined text and
	// the duplicate check for free.
	return parse(b.String())
}
