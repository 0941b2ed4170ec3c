package units

import (
	"html"
	"math"
	"strconv"
	"strings"
)

// numpy's default print options, which Brian2 uses for arrays.
const (
	npThreshold = 1000 // longer arrays are summarised …
	npEdgeItems = 3    // … to this many values at each end
	npLineWidth = 75
	npPrecision = 8
)

// String formats a as Brian2's str() does: numpy's str of the values in
// the best unit, then the unit: "[ 20.  20. 100.] Hz". Arrays longer than
// 1000 values show their first and last three, as numpy does.
func (a Array) String() string {
	if a.err != nil {
		return "error: " + a.err.Error()
	}
	lead, trail, unit, _ := a.display()
	s := npArray(lead, trail, " ", "", 0)
	if unit != "" {
		s += " " + unit
	}
	return s
}

// Repr formats a as Brian2's repr() does: "array([ 20.,  20., 100.]) *
// hertz".
func (a Array) Repr() string {
	if a.err != nil {
		return "error: " + a.err.Error()
	}
	lead, trail, _, name := a.display()
	var s string
	if len(lead) == 0 {
		s = "array([], dtype=float64)"
	} else {
		s = "array(" + npArray(lead, trail, ", ", "array(", 1) + ")"
	}
	if name != "" {
		s += " * " + name
	}
	return s
}

// MIMEBundle shows the array in a notebook: text/plain is its repr, as
// Jupyter shows a Brian2 array; the HTML adds the array's name.
func (a Array) MIMEBundle() map[string]any {
	h := html.EscapeString(a.Repr())
	if a.name != "" {
		h = html.EscapeString(a.name) + ": " + h
	}
	return map[string]any{
		"text/plain": a.Repr(),
		"text/html":  "<pre>" + h + "</pre>",
	}
}

// display returns the values numpy shows (all, or the first and last
// three of a long array) in the best unit, with the unit's short and long
// names ("" for dimensionless arrays).
func (a Array) display() (lead, trail []float64, short, long string) {
	lead, trail = shownParts(a.v)
	if a.dim.IsDimensionless() {
		return lead, trail, "", ""
	}
	u, ok := bestArrayUnit(a.v, a.dim)
	if !ok {
		return lead, trail, a.dim.String(), a.dim.Repr()
	}
	scale := func(v []float64) []float64 {
		if v == nil {
			return nil
		}
		out := make([]float64, len(v))
		for i, x := range v {
			out[i] = x / u.Scale
		}
		return out
	}
	return scale(lead), scale(trail), u.Display, longName(u)
}

// bestArrayUnit chooses the unit as Brian2 does for arrays: the one whose
// ratios to the shown values are closest to 10, summing (log10(r)-1)² over
// the values and ignoring zeros.
func bestArrayUnit(v []float64, d Dim) (Unit, bool) {
	cands := displayBy[d]
	if len(cands) == 0 {
		return Unit{}, false
	}
	lead, trail := shownParts(v)
	best, bestDev, seen := 0, math.Inf(1), false
	for i, c := range cands {
		dev := 0.0
		for _, part := range [][]float64{lead, trail} {
			for _, x := range part {
				r := math.Abs(x) / c.Scale
				if r == 0 || math.IsNaN(r) {
					continue
				}
				seen = true
				l := math.Log10(r) - 1
				dev += l * l
			}
		}
		if dev < bestDev {
			best, bestDev = i, dev
		}
	}
	if !seen {
		if b, ok := baseUnitOf[d]; ok {
			return b, true
		}
	}
	return cands[best], true
}

// longName returns the name Brian2's repr uses for u: the longest of the
// display names with u's scale and dimension ("hertz" for Hz, "mvolt"
// for mV; aliases such as "ampere" and "becquerel" are not display names).
func longName(u Unit) string {
	name := u.Name
	for _, t := range table {
		if t.rank >= 0 && t.Dim == u.Dim && t.Scale == u.Scale && len(t.Name) > len(name) {
			name = t.Name
		}
	}
	return name
}

// shownParts returns the values numpy prints: all of them, or the first
// and last npEdgeItems of a long array.
func shownParts(v []float64) (lead, trail []float64) {
	if len(v) > npThreshold {
		return v[:npEdgeItems], v[len(v)-npEdgeItems:]
	}
	return v, nil
}

// npArray formats values as numpy's array2string for a 1-D float array:
// one common format for all values, sep between them, "..." between lead
// and trail when trail is not nil, lines wrapped at 75 characters with
// continuation lines indented under the first value (prefix is what
// precedes the "[", suffix the length of what follows the "]").
func npArray(lead, trail []float64, sep, prefix string, suffix int) string {
	if len(lead) == 0 {
		return "[]"
	}
	f := newNPFormat(append(append([]float64(nil), lead...), trail...))
	words := make([]string, 0, len(lead)+len(trail)+1)
	for _, x := range lead {
		words = append(words, f.format(x))
	}
	if trail != nil {
		words = append(words, "...")
		for _, x := range trail {
			words = append(words, f.format(x))
		}
	}
	indent := " " + strings.Repeat(" ", len(prefix))
	width := npLineWidth - suffix - max(len(strings.TrimRight(sep, " ")), 1)
	var s strings.Builder
	line := indent
	for i, w := range words {
		if len(line)+len(w) > width && len(line) > len(indent) {
			s.WriteString(strings.TrimRight(line, " ") + "\n")
			line = indent
		}
		line += w
		if i < len(words)-1 {
			line += sep
		}
	}
	s.WriteString(line)
	return "[" + s.String()[len(indent):] + "]"
}

// npFormat is numpy's FloatingFormat in its default "maxprec" mode.
type npFormat struct {
	exp               bool
	padLeft, padRight int
	prec, expSize     int
}

func newNPFormat(v []float64) npFormat {
	var f npFormat
	var finite []float64
	minNZ, maxNZ := math.Inf(1), 0.0
	negInf := false
	for _, x := range v {
		switch {
		case math.IsNaN(x):
		case math.IsInf(x, 0):
			negInf = negInf || x < 0
		default:
			finite = append(finite, x)
			if a := math.Abs(x); a != 0 {
				minNZ, maxNZ = math.Min(minNZ, a), math.Max(maxNZ, a)
			}
		}
	}
	f.exp = maxNZ != 0 && (maxNZ >= 1e8 || minNZ < 1e-4 || maxNZ/minNZ > 1000)
	for _, x := range finite {
		if f.exp {
			mant, e, _ := strings.Cut(uniqueSci(x), "e")
			ip, fp, _ := strings.Cut(mant, ".")
			f.padLeft, f.prec, f.expSize = max(f.padLeft, len(ip)), max(f.prec, len(fp)), max(f.expSize, len(e)-1)
		} else {
			ip, fp, _ := strings.Cut(uniquePos(x), ".")
			f.padLeft, f.padRight = max(f.padLeft, len(ip)), max(f.padRight, len(fp))
		}
	}
	if f.exp {
		f.padRight = f.expSize + 2 + f.prec
	}
	if len(finite) != len(v) {
		inf := 3
		if negInf {
			inf = 4
		}
		f.padLeft = max(f.padLeft, 3-(f.padRight+1), inf-(f.padRight+1))
	}
	return f
}

// format formats one value with the common padding.
func (f npFormat) format(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		s := FormatNumber(x)
		return strings.Repeat(" ", max(0, f.padLeft+f.padRight+1-len(s))) + s
	}
	if f.exp {
		mant, e, _ := strings.Cut(uniqueSci(x), "e")
		ip, fp, _ := strings.Cut(mant, ".")
		fp += strings.Repeat("0", f.prec-len(fp))
		digits := e[1:]
		digits = strings.Repeat("0", max(0, f.expSize-len(digits))) + digits
		return pad(ip, f.padLeft) + "." + fp + "e" + e[:1] + digits
	}
	ip, fp, _ := strings.Cut(uniquePos(x), ".")
	return pad(ip, f.padLeft) + "." + fp + strings.Repeat(" ", f.padRight-len(fp))
}

func pad(s string, n int) string { return strings.Repeat(" ", max(0, n-len(s))) + s }

// uniquePos is the shortest positional form of x that reads back as x,
// rounded to at most 8 decimals, with a "." always ("20.", "0.5").
func uniquePos(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s)-i-1 > npPrecision {
		s = strings.TrimRight(strconv.FormatFloat(x, 'f', npPrecision, 64), "0")
	}
	if !strings.Contains(s, ".") {
		s += "."
	}
	return s
}

// uniqueSci is the shortest scientific form of x, at most 8 decimals in
// the mantissa: "1.e-05", "1.5e+03".
func uniqueSci(x float64) string {
	s := strconv.FormatFloat(x, 'e', -1, 64)
	mant, e, _ := strings.Cut(s, "e")
	if i := strings.IndexByte(mant, '.'); i >= 0 && len(mant)-i-1 > npPrecision {
		s = strconv.FormatFloat(x, 'e', npPrecision, 64)
		mant, e, _ = strings.Cut(s, "e")
		mant = strings.TrimRight(mant, "0")
	}
	if !strings.Contains(mant, ".") {
		mant += "."
	}
	return mant + "e" + e
}

// String formats m as numpy's str of a boolean array: "[ True False]".
func (m Mask) String() string { return "[" + m.join(" ") + "]" }

// Repr formats m as numpy's repr: "array([ True, False])".
func (m Mask) Repr() string {
	if len(m) == 0 {
		return "array([], dtype=bool)"
	}
	return "array([" + m.join(", ") + "])"
}

// MIMEBundle shows m in a notebook as Jupyter shows a numpy mask.
func (m Mask) MIMEBundle() map[string]any {
	return map[string]any{"text/plain": m.Repr()}
}

// join writes the values as numpy does, each padded to the width of
// "False".
func (m Mask) join(sep string) string {
	parts := make([]string, len(m))
	for i, b := range m {
		parts[i] = map[bool]string{true: " True", false: "False"}[b]
	}
	return strings.Join(parts, sep)
}
