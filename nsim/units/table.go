package units

import (
	"math"
	"slices"
	"sort"
	"strings"
)

// Unit is a named unit of Brian2.
type Unit struct {
	Name    string  // Brian2's name: "mvolt", "mV", "umetre2", "ohm"
	Scale   float64 // value in SI units
	Dim     Dim
	Display string // how Brian2 prints it after a number: "mV", "um^2"
	LaTeX   string // LaTeX without $…$: `\mathrm{m}\mathrm{V}`
	rank    int    // position among the display candidates of Dim; -1 = never used for display
}

// Q returns the unit as a quantity (1 mV = 0.001 V).
func (u Unit) Q() Quantity { return Quantity{u.Scale, u.Dim} }

var (
	byName     = map[string]int{} // index into table
	displayBy  = map[Dim][]Unit{} // display candidates, in Brian2's registry order
	baseUnitOf = map[Dim]Unit{}   // the scale-1 display unit of a dimension
)

func init() {
	// Brian2 2.5.1 has no short form uV; the course material uses it, so it
	// is added as an alias of uvolt.
	if i := slices.IndexFunc(table, func(u Unit) bool { return u.Name == "uvolt" }); i >= 0 {
		u := table[i]
		u.Name, u.Display, u.rank = "uV", "uV", -1
		table = append(table, u)
	}
	for i, u := range table {
		byName[u.Name] = i
		if u.rank >= 0 && !u.Dim.IsDimensionless() {
			displayBy[u.Dim] = append(displayBy[u.Dim], u)
		}
	}
	for _, u := range displayExtra {
		if _, ok := displayBy[u.Dim]; !ok || displayBy[u.Dim][0].rank < 0 {
			displayBy[u.Dim] = append(displayBy[u.Dim], Unit{Name: u.Name, Scale: u.Scale, Dim: u.Dim, Display: u.Display, LaTeX: u.LaTeX, rank: 1000 + u.rank})
		}
	}
	for d, us := range displayBy {
		sort.SliceStable(us, func(i, j int) bool { return us[i].rank < us[j].rank })
		for _, u := range us {
			if u.Scale == 1 {
				if _, ok := baseUnitOf[d]; !ok {
					baseUnitOf[d] = u
				}
			}
		}
	}
}

// Lookup returns the unit with Brian2's name (ms, mV, msiemens, umetre2,
// cm, Mohm, kHz, metre3, …) as a quantity.
func Lookup(name string) (Quantity, bool) {
	i, ok := byName[name]
	if !ok {
		return Quantity{}, false
	}
	return table[i].Q(), true
}

// LookupUnit returns the unit record for a Brian2 name.
func LookupUnit(name string) (Unit, bool) {
	i, ok := byName[name]
	if !ok {
		return Unit{}, false
	}
	return table[i], true
}

// Units returns all unit names Brian2 defines, in its order.
func Units() []Unit { return append([]Unit(nil), table...) }

// Suggest returns the unit name closest to name (by edit distance, ties to
// the shorter and more common name), or "" if nothing is reasonably close.
func Suggest(name string) string {
	if len(name) > 24 { // no unit name is that long; skip the search
		return ""
	}
	best, bestD := "", 1<<30
	// Short names are too close to too many units to guess from.
	limit := 2
	switch {
	case len(name) <= 2:
		limit = 0
	case len(name) <= 4:
		limit = 1
	}
	for _, u := range table {
		d := editDistance(strings.ToLower(name), strings.ToLower(u.Name))
		if strings.EqualFold(name, u.Name) {
			d = 0
		}
		if d < bestD || d == bestD && len(u.Name) < len(best) {
			best, bestD = u.Name, d
		}
	}
	if bestD > limit {
		return ""
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// BestUnit returns the unit Brian2 would print q in: among the units of q's
// dimension, the one for which |value/unit| is closest to 10 on a log scale.
// ok is false if no named unit has q's dimension (or q is dimensionless).
func BestUnit(q Quantity) (u Unit, ok bool) {
	cands := displayBy[q.Dim]
	if len(cands) == 0 {
		return Unit{}, false
	}
	x := math.Abs(q.Value)
	if x == 0 || math.IsNaN(x) {
		if b, ok := baseUnitOf[q.Dim]; ok {
			return b, true
		}
		return cands[0], true
	}
	best, bestDev := 0, math.Inf(1)
	for i, c := range cands {
		l := math.Log10(x/c.Scale) - 1
		if dev := l * l; dev < bestDev {
			best, bestDev = i, dev
		}
	}
	return cands[best], true
}
