package expr

import (
	"fmt"
	"sort"
	"strings"

	"gonsim/nsim/units"
)

// Explainer is implemented by a Scope that can say, in the error for an
// identifier that nothing resolves, where it looked and which names it
// knows. Chain explains through its members.
type Explainer interface {
	// Explain says where the scope looked for name, phrased as a
	// negation ("not in the Namespace option"; "" for nothing to say),
	// and lists names the scope could resolve, from which the error
	// suggests the one nearest to name.
	Explain(name string) (where string, known []string)
}

// Explain implements Explainer: a Symbols scope holds model variables.
func (s Symbols) Explain(string) (string, []string) {
	known := make([]string, 0, len(s))
	for k := range s {
		known = append(known, k)
	}
	return "not a model variable", known
}

// Explain implements Explainer for the scopes of the chain that do.
func (c chain) Explain(name string) (string, []string) {
	var wheres, known []string
	for _, s := range c {
		e, ok := s.(Explainer)
		if !ok {
			continue
		}
		w, k := e.Explain(name)
		if w != "" && !contains(wheres, w) {
			wheres = append(wheres, w)
		}
		known = append(known, k...)
	}
	return strings.Join(wheres, ", "), known
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// unresolvedMsg is the message for an identifier that nothing resolves:
// where it was looked up, and the nearest known name or unit.
func unresolvedMsg(name string, scope Scope) string {
	msg := fmt.Sprintf("unknown name %q", name)
	var known []string
	if e, ok := scope.(Explainer); ok {
		where, k := e.Explain(name)
		if where != "" {
			msg += ": " + where
		}
		known = k
	}
	if s := nearest(name, known); s != "" {
		return msg + fmt.Sprintf(" (did you mean %q?)", s)
	}
	if s := units.Suggest(name); s != "" {
		return msg + fmt.Sprintf(" (did you mean the unit %q?)", s)
	}
	return msg
}

// nearest returns the known name closest to name in edit distance, ""
// when none is close. Names are case-sensitive, but a name that differs
// only in case is a likely slip. Short names are too close to too many
// others to guess from ("I" is not "i"), so the distance allowed grows
// with the length. Ties go to the alphabetically first, so that the
// message does not depend on map order.
func nearest(name string, known []string) string {
	limit := 2
	switch n := len([]rune(name)); {
	case n <= 2:
		return ""
	case n <= 4:
		limit = 1
	}
	sorted := append([]string(nil), known...)
	sort.Strings(sorted)
	best, bestD := "", limit+1
	for _, k := range sorted {
		if k == name || strings.HasPrefix(k, "_") {
			continue // internal names (_pre, __helpers) are no suggestion
		}
		d := editDistance(name, k)
		if strings.EqualFold(name, k) {
			d = 1
		}
		if d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// editDistance is the number of rune insertions, deletions,
// substitutions and swaps of neighbours that turn a into b (optimal
// string alignment; a swap is the commonest typo).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	rows := [3][]int{make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		pp, prev, cur := rows[(i+1)%3], rows[(i+2)%3], rows[i%3]
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], pp[j-2]+1)
			}
		}
	}
	return rows[len(ra)%3][len(rb)]
}
