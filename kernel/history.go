package kernel

import (
	"regexp"
	"strings"
)

// historySession is the session number history replies carry: the kernel
// keeps only this session's cells, in memory.
const historySession = 1

type historyEntry struct {
	line   int
	input  string
	output any // text/plain of the result, or nil
}

type historyRequest struct {
	Output         bool   `json:"output"`
	Raw            bool   `json:"raw"`
	HistAccessType string `json:"hist_access_type"`
	Session        int    `json:"session"`
	Start          int    `json:"start"`
	Stop           *int   `json:"stop"`
	N              *int   `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

func (k *Kernel) historyRequest(r *request) {
	var c historyRequest
	if !r.decode(&c) {
		return
	}
	r.reply("history_reply", map[string]any{"status": "ok", "history": queryHistory(k.history, c)})
}

// queryHistory implements IPython's tail, range and search over entries.
// range takes lines start ≤ line < stop of the session (0 or 1 = this
// one); search matches an anchored glob (*, ?, [...]) against the input,
// newest last, keeping the last n matches and, with unique, each input once.
func queryHistory(h []historyEntry, c historyRequest) []any {
	var sel []historyEntry
	switch c.HistAccessType {
	case "tail":
		sel = h
		if c.N != nil && *c.N >= 0 && *c.N < len(h) {
			sel = h[len(h)-*c.N:]
		}
	case "range":
		if c.Session != 0 && c.Session != historySession {
			break
		}
		for _, e := range h {
			if e.line >= c.Start && (c.Stop == nil || *c.Stop <= 0 || e.line < *c.Stop) {
				sel = append(sel, e)
			}
		}
	case "search":
		re := globRegexp(c.Pattern)
		seen := map[string]bool{}
		for i := len(h) - 1; i >= 0; i-- {
			e := h[i]
			if !re.MatchString(e.input) || (c.Unique && seen[e.input]) {
				continue
			}
			seen[e.input] = true
			sel = append(sel, e)
			if c.N != nil && *c.N > 0 && len(sel) == *c.N {
				break
			}
		}
		for i, j := 0, len(sel)-1; i < j; i, j = i+1, j-1 {
			sel[i], sel[j] = sel[j], sel[i]
		}
	}
	out := make([]any, 0, len(sel))
	for _, e := range sel {
		var item any = e.input
		if c.Output {
			item = []any{e.input, e.output}
		}
		out = append(out, []any{historySession, e.line, item})
	}
	return out
}

// globRegexp compiles an sqlite GLOB pattern (what IPython's search uses):
// * any run, ? one character, [...] a class ([!...] negated), anchored.
func globRegexp(glob string) *regexp.Regexp {
	if glob == "" {
		glob = "*"
	}
	var b strings.Builder
	b.WriteString(`(?s)\A`)
	rs := []rune(glob)
	for i := 0; i < len(rs); i++ {
		switch c := rs[i]; c {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		case '[':
			j := i + 1
			if j < len(rs) && rs[j] == '!' {
				j++
			}
			if j < len(rs) && rs[j] == ']' {
				j++
			}
			for j < len(rs) && rs[j] != ']' {
				j++
			}
			if j >= len(rs) { // no closing bracket: a literal [
				b.WriteString(`\[`)
				continue
			}
			class := string(rs[i+1 : j])
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i = j
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString(`\z`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return regexp.MustCompile(regexp.QuoteMeta(glob))
	}
	return re
}
