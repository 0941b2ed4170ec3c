package nsim

import (
	"fmt"
	"html"
	"strings"

	"gonsim/nsim/equations"
	"gonsim/nsim/units"
)

// view is what an object shows when a notebook cell ends with it: a title
// (the object's String), its model equations and labelled rows. One view
// gives both renderings, so the text and the HTML never disagree. It
// knows nothing of notebooks; MIMEBundle (show.go) hands its two forms to
// whoever displays them.
type view struct {
	kind, name string // "NeuronGroup", "neurongroup": the HTML heading
	title      string // the object's String(): the first line of the text
	model      []eqLine
	rows       []viewRow
}

// eqLine is one model equation as Brian2 prints it: "dv/dt = (1-v)/tau",
// its unit and its flags.
type eqLine struct{ lhs, rhs, unit, flags string }

// viewRow is one labelled property. Code rows (equations, conditions,
// statements) are set in monospace in the HTML.
type viewRow struct {
	label, value string
	code         bool
}

// row adds a property shown as plain text.
func (v *view) row(label, value string) { v.rows = append(v.rows, viewRow{label, value, false}) }

// code adds a property that is model code (set in monospace).
func (v *view) code(label, value string) {
	v.rows = append(v.rows, viewRow{label, strings.TrimSpace(value), true})
}

// text is the text/plain form: the title, then indented "label: value"
// lines, the model equations one per line as Brian2's str(Equations).
func (v *view) text() string {
	var b strings.Builder
	b.WriteString(v.title)
	if len(v.model) > 0 {
		b.WriteString("\n  model:")
		for _, e := range v.model {
			b.WriteString("\n    " + e.String())
		}
	}
	width := 0
	for _, r := range v.rows {
		width = max(width, len(r.label))
	}
	for _, r := range v.rows {
		pad := strings.Repeat(" ", width-len(r.label))
		// Continuation lines of multi-line code line up under the value.
		val := strings.ReplaceAll(r.value, "\n", "\n"+strings.Repeat(" ", width+4))
		fmt.Fprintf(&b, "\n  %s: %s%s", r.label, pad, val)
	}
	return b.String()
}

// The HTML is plain tables with left-aligned cells: JupyterLab right-aligns
// table cells by default, which breaks equations apart.
const (
	tdLeft = `<td style="text-align:left">`
	thLeft = `<th style="text-align:left;vertical-align:top">`
)

// html is the text/html form: a heading, then a table of the model
// (equation, unit, flags) and of the properties.
func (v *view) html() string {
	var b strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&b, `<div class="gonsim-object"><div><b>%s</b> <code>%s</code>`, esc(v.kind), esc(v.name))
	if s := v.summary(); s != "" {
		b.WriteString(" " + esc(s))
	}
	b.WriteString("</div>\n<table>\n")
	if len(v.model) > 0 {
		b.WriteString("<tr>" + thLeft + "model</th>" + tdLeft + "<table>\n")
		for _, e := range v.model {
			eq := e.lhs
			if e.rhs != "" {
				eq += " = " + e.rhs
			}
			flags := ""
			if e.flags != "" {
				flags = "<i>(" + esc(e.flags) + ")</i>"
			}
			fmt.Fprintf(&b, "<tr>%s<code>%s</code></td>%s<code>: %s</code></td>%s%s</td></tr>\n",
				tdLeft, esc(eq), tdLeft, esc(e.unit), tdLeft, flags)
		}
		b.WriteString("</table></td></tr>\n")
	}
	for _, r := range v.rows {
		val := esc(r.value)
		if r.code {
			val = "<code>" + strings.ReplaceAll(val, "\n", "<br>") + "</code>"
		}
		fmt.Fprintf(&b, "<tr>%s%s</th>%s%s</td></tr>\n", thLeft, esc(r.label), tdLeft, val)
	}
	b.WriteString("</table></div>")
	return b.String()
}

// summary is what the title says after the kind and the name, e.g.
// "with 10 neuron(s)" of "NeuronGroup 'neurongroup' with 10 neuron(s)".
func (v *view) summary() string {
	head := fmt.Sprintf("%s '%s'", v.kind, v.name)
	if rest, ok := strings.CutPrefix(v.title, head); ok {
		return strings.TrimSpace(rest)
	}
	return v.title
}

// bundle is the view's MIME bundle.
func (v *view) bundle() map[string]any {
	return map[string]any{"text/plain": v.text(), "text/html": v.html()}
}

// String formats the equation as Brian2's str(SingleEquation):
// "dv/dt = (1-v)/tau : 1 (unless refractory)".
func (e eqLine) String() string {
	s := e.lhs
	if e.rhs != "" {
		s += " = " + e.rhs
	}
	s += " : " + e.unit
	if e.flags != "" {
		s += " (" + e.flags + ")"
	}
	return s
}

// modelLines returns the equations of a model (text or *Equations) as
// written, in order. A model that does not parse (it was checked when the
// object was made, so this does not happen) shows as its text lines.
func modelLines(model any) []eqLine {
	var eqs *equations.Equations
	switch m := model.(type) {
	case *equations.Equations:
		eqs = m
	case string:
		if strings.TrimSpace(m) == "" {
			return nil
		}
		p, err := equations.Parse(m)
		if err != nil {
			var out []eqLine
			for _, l := range strings.Split(strings.TrimSpace(m), "\n") {
				out = append(out, eqLine{lhs: strings.TrimSpace(l)})
			}
			return out
		}
		eqs = p
	default:
		return nil
	}
	out := make([]eqLine, 0, len(eqs.List))
	for _, q := range eqs.List {
		e := eqLine{lhs: q.Name, unit: q.Unit, flags: flagText(q.Flags)}
		if q.Kind == equations.Differential {
			e.lhs = "d" + q.Name + "/dt"
		}
		if q.RHS != nil {
			e.rhs = q.RHS.Source(eqs.Text)
		}
		out = append(out, e)
	}
	return out
}

// flagText lists the flags as written in a model: "unless refractory,
// constant".
func flagText(f equations.Flags) string {
	var out []string
	for _, fl := range []struct {
		on   bool
		name string
	}{
		{f.UnlessRefractory, "unless refractory"}, {f.Constant, "constant"}, {f.Shared, "shared"},
		{f.Linked, "linked"}, {f.ConstantOverDt, "constant over dt"}, {f.EventDriven, "event-driven"},
		{f.ClockDriven, "clock-driven"}, {f.Summed, "summed"},
	} {
		if fl.on {
			out = append(out, fl.name)
		}
	}
	return strings.Join(out, ", ")
}

// showTime formats seconds as Brian2 prints a time: "100. us", "5. ms".
func showTime(t float64) string { return units.Time(t).String() }

// clockText describes an object's clock as Brian2's repr does (dt, and
// whether it is the default clock) with its order in its slot.
func clockText(b *objBase, when string) string {
	s := "dt = " + showTime(b.clockDt())
	if b.dt == 0 {
		s += " (default clock)"
	}
	if when != "" {
		s += ", when " + when
	}
	return s + fmt.Sprintf(", order %d", b.order)
}

// refName names a group or a slice of it: "neurongroup" or
// "neurongroup[0:5]".
func refName(r groupRef) string {
	if r.lo == 0 && r.hi == r.g.n {
		return r.g.name
	}
	return fmt.Sprintf("%s[%d:%d]", r.g.name, r.lo, r.hi)
}

// indexList shows recorded indices: all of them when few, else the first
// and last three with the count, as numpy abbreviates long arrays.
func indexList(idx []int32) string {
	const few = 10
	parts := func(xs []int32) string {
		s := make([]string, len(xs))
		for k, x := range xs {
			s[k] = fmt.Sprint(x)
		}
		return strings.Join(s, ", ")
	}
	if len(idx) <= few {
		return parts(idx)
	}
	return fmt.Sprintf("%s, …, %s (%d)", parts(idx[:3]), parts(idx[len(idx)-3:]), len(idx))
}

// timeSpan says how many samples there are and when the first and last
// were taken: "50 (from 0. s to 4.9 ms)", "3 (at 1.1 ms)".
func timeSpan(t []float64) string {
	if len(t) == 0 {
		return "0"
	}
	return fmt.Sprintf("%d (%s)", len(t), timeRange(t[0], t[len(t)-1]))
}

// timeRange is "from 0. s to 4.9 ms", or "at 1.1 ms" when both are equal.
func timeRange(lo, hi float64) string {
	if lo == hi {
		return "at " + showTime(lo)
	}
	return "from " + showTime(lo) + " to " + showTime(hi)
}
