package figure

import (
	"errors"
	"image/color"
	"strings"
	"sync"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/vg"
)

// Text is set in Liberation Sans, a metric-compatible Arial clone compiled
// into gonum/plot: a sans-serif close to matplotlib's DejaVu Sans that needs
// no fonts on the machine.
var fonts = sync.OnceValue(func() *font.Cache { return font.NewCache(liberation.Collection()) })

func face(size float64, italic bool) font.Face {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Length(size)}
	if italic {
		f.Style = xfont.StyleItalic
	}
	return fonts().Lookup(f, f.Size)
}

// run is a piece of a label set in one face: "$...$" is math, set in
// italics as matplotlib's mathtext does for variables.
type run struct {
	s      string
	italic bool
	sup    bool // math's ^{...}: upright, smaller and raised, as an exponent
}

// Exponents are set at 70% size, raised by 40% of the font size.
const (
	supScale = 0.7
	supRise  = 0.4
)

// runSize is the font size of a run in text of the given size.
func (r run) size(size float64) float64 {
	if r.sup {
		return size * supScale
	}
	return size
}

var greek = strings.NewReplacer(
	`\alpha`, "α", `\beta`, "β", `\gamma`, "γ", `\delta`, "δ", `\Delta`, "Δ",
	`\epsilon`, "ε", `\eta`, "η", `\theta`, "θ", `\lambda`, "λ", `\mu`, "μ",
	`\nu`, "ν", `\pi`, "π", `\rho`, "ρ", `\sigma`, "σ", `\tau`, "τ",
	`\phi`, "φ", `\omega`, "ω", `\Omega`, "Ω", `\infty`, "∞", `\cdot`, "·",
	`\times`, "×", `\pm`, "±", `\,`, " ", `\ `, " ")

func checkMath(s string) error {
	if strings.Count(strings.ReplaceAll(s, `\$`, ""), "$")%2 != 0 {
		return errors.New("unbalanced $ (math must be between two $)")
	}
	return nil
}

func runs(s string) []run {
	var out []run
	math := false
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			t := b.String()
			if math {
				t = greek.Replace(t)
				t = strings.NewReplacer("{", "", "}", "", "-", "−").Replace(t)
			}
			out = append(out, run{s: t, italic: math})
			b.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == '$':
			b.WriteByte('$')
			i++
		case s[i] == '$':
			flush()
			math = !math
		case math && s[i] == '^' && i+1 < len(s):
			flush()
			j, e := i+2, i+2
			if s[i+1] == '{' {
				for e < len(s) && s[e] != '}' {
					e++
				}
				j = min(e+1, len(s))
				b.WriteString(s[i+2 : e])
			} else {
				b.WriteByte(s[i+1])
			}
			t := strings.NewReplacer("-", "−").Replace(greek.Replace(b.String()))
			out = append(out, run{s: t, sup: true})
			b.Reset()
			i = j - 1
		default:
			b.WriteByte(s[i])
		}
	}
	flush()
	return out
}

// lineSpacing is matplotlib's: lines of a label are 1.2 font sizes apart.
const lineSpacing = 1.2

// textBox measures a label, one line or several: the widest line's width,
// the ascent above the last line's baseline and the descent below it.
func textBox(s string, size float64) (w, asc, desc float64) {
	f0 := face(size, false)
	e := f0.Extents()
	lines := strings.Split(s, "\n")
	for _, l := range lines {
		w = max(w, textWidth(l, size))
	}
	return w, float64(e.Ascent) + float64(len(lines)-1)*lineSpacing*size, float64(e.Descent)
}

func textWidth(s string, size float64) (w float64) {
	for _, r := range runs(s) {
		f := face(r.size(size), r.italic)
		w += float64(f.Width(r.s))
	}
	return w
}

type hAlign int

const (
	alignLeft hAlign = iota
	alignCenter
	alignRight
)

type vAlign int

const (
	alignBaseline vAlign = iota
	alignTop
	alignMiddle
	alignBottom
)

// drawText sets s on c with its anchor at pt (vg coordinates, y up), aligned
// in the text's own frame, rotated by rot radians around the anchor. Lines
// of a multi-line label are each aligned as the block is.
func drawText(c vg.Canvas, s string, pt vg.Point, size float64, col color.Color, rot float64, ha hAlign, va vAlign) {
	setText(c, s, pt, size, col, rot, ha, va, false)
}

// hiddenText marks the transparent copy of outlined text: vgsvg's text
// has no opacity, so SVGContext replaces the fill of text in this colour
// by none.
var hiddenText = color.NRGBA{1, 2, 3, 255}

const hiddenFill, noFill = `fill:#010203">`, `fill:none">`

// setText is drawText, with the glyphs as outlines when paths is true.
func setText(c vg.Canvas, s string, pt vg.Point, size float64, col color.Color, rot float64, ha hAlign, va vAlign, paths bool) {
	_, asc, desc := textBox(s, size)
	var oy float64 // baseline of the last line
	switch va {
	case alignTop:
		oy = -asc
	case alignMiddle:
		oy = -(asc - desc) / 2
	case alignBottom:
		oy = desc
	}
	c.Push()
	c.Translate(pt)
	if rot != 0 {
		c.Rotate(rot)
	}
	c.SetColor(col)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		var x float64
		switch ha {
		case alignCenter:
			x = -textWidth(l, size) / 2
		case alignRight:
			x = -textWidth(l, size)
		}
		y := oy + float64(len(lines)-1-i)*lineSpacing*size
		for _, r := range runs(l) {
			f := face(r.size(size), r.italic)
			ry := y
			if r.sup {
				ry += supRise * size
			}
			if paths {
				// The outlines show; a transparent copy as text keeps
				// the words searchable and selectable.
				fillGlyphs(c, f, vg.Point{X: vg.Length(x), Y: vg.Length(ry)}, r.s)
				c.SetColor(hiddenText)
				c.FillString(f, vg.Point{X: vg.Length(x), Y: vg.Length(ry)}, r.s)
				c.SetColor(col)
			} else {
				c.FillString(f, vg.Point{X: vg.Length(x), Y: vg.Length(ry)}, r.s)
			}
			x += float64(f.Width(r.s))
		}
	}
	c.Pop()
}
