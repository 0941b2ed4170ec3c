package figure

import (
	"fmt"
	"image/color"
	"math"
)

// annotation is a Text or an Annotate: text at (x, y) in data
// coordinates, and Annotate's arrow to (tx, ty).
type annotation struct {
	s        string
	x, y     float64
	size     float64
	col      color.NRGBA
	ha       hAlign
	va       vAlign
	rot      float64 // radians
	arrow    string  // "" for none
	tx, ty   float64
	pointsAt bool // Annotate: (tx, ty) is the annotated point
}

// Text writes s at (x, y) in data coordinates on the current axes, as
// matplotlib's text: options FontSize, Color, HA ("left", "center",
// "right"), VA ("baseline", "bottom", "center", "top"), Rotation.
func Text(x, y float64, s string, opts ...any) error { return Gca().Text(x, y, s, opts...) }

// Text is the axes' version of the package-level Text.
func (ax *Axes) Text(x, y float64, s string, opts ...any) error {
	if ax.err != nil {
		return ax.err
	}
	a, err := ax.annotation("Text", s, x, y, opts, "FontSize", "Color", "HA", "VA", "Rotation")
	if err != nil {
		return err
	}
	ax.texts = append(ax.texts, a)
	return nil
}

// Annotate writes s at XYText(x, y) (default: on the point) with an arrow
// to the point (x, y) when Arrow is given, as matplotlib's
// annotate(s, xy=(x, y), xytext=..., arrowprops=dict(arrowstyle="->")).
// Options as Text's, and XYText, Arrow.
func Annotate(s string, x, y float64, opts ...any) error { return Gca().Annotate(s, x, y, opts...) }

// Annotate is the axes' version of the package-level Annotate.
func (ax *Axes) Annotate(s string, x, y float64, opts ...any) error {
	if ax.err != nil {
		return ax.err
	}
	a, err := ax.annotation("Annotate", s, x, y, opts, "FontSize", "Color", "HA", "VA", "Rotation", "XYText", "Arrow")
	if err != nil {
		return err
	}
	a.tx, a.ty, a.pointsAt = x, y, true
	ax.texts = append(ax.texts, a)
	return nil
}

func (ax *Axes) annotation(fn, s string, x, y float64, opts []any, allowed ...string) (*annotation, error) {
	if !finite(x) || !finite(y) {
		return nil, fmt.Errorf("%s(%g, %g): position must be finite", fn, x, y)
	}
	if err := checkMath(s); err != nil {
		return nil, fmt.Errorf("%s(%q): %w", fn, s, err)
	}
	p, err := parseArgs(fn, opts, allowed...)
	if err != nil {
		return nil, err
	}
	a := &annotation{s: s, x: x, y: y, size: fontSize, col: black, ha: alignLeft, va: alignBaseline}
	if p.fontsize != nil {
		a.size = *p.fontsize
	}
	if p.color != nil {
		a.col = *p.color
	}
	switch p.kind.ha {
	case "center":
		a.ha = alignCenter
	case "right":
		a.ha = alignRight
	}
	switch p.kind.va {
	case "bottom":
		a.va = alignBottom
	case "center":
		a.va = alignMiddle
	case "top":
		a.va = alignTop
	}
	if r := p.kind.rotation; r != nil {
		a.rot = *r * math.Pi / 180
	}
	if xy := p.kind.xytext; xy != nil {
		a.x, a.y = xy[0], xy[1]
	}
	a.arrow = p.kind.arrow
	return a, nil
}

// Arrow geometry of matplotlib's arrowstyles at a 10-point mutation
// scale: the head's length and half width, and the gap left at each end.
const (
	arrowHeadLen   = 4.0
	arrowHeadHalf  = 2.0
	arrowShrink    = 2.0
	arrowLineWidth = patchLineWidth
)

// drawTexts writes the axes' texts and arrows, not clipped to the axes
// (matplotlib's texts are not).
func (p *panel) drawTexts(s surface) {
	for _, a := range p.ax.texts {
		at := pt{p.xpos(a.x), p.ypos(a.y)}
		if a.arrow != "" && a.pointsAt {
			p.drawArrow(s, a, at)
		}
		s.colorText(a.s, at, a.size, a.rot, a.ha, a.va, a.col)
	}
}

// drawArrow draws the arrow from the text's box to the point, leaving
// arrowShrink points at both ends.
func (p *panel) drawArrow(s surface, a *annotation, at pt) {
	to := pt{p.xpos(a.tx), p.ypos(a.ty)}
	w, asc, desc := textBox(a.s, a.size)
	// The text's box in points, unrotated.
	x0 := at.x - w*float64(a.ha)/2
	var y0 float64
	switch a.va {
	case alignTop:
		y0 = at.y
	case alignMiddle:
		y0 = at.y - (asc+desc)/2
	case alignBottom:
		y0 = at.y - asc - desc
	default:
		y0 = at.y - asc
	}
	box := rect{x0, y0, w, asc + desc}
	c := pt{box.x + box.w/2, box.y + box.h/2}
	dx, dy := to.x-c.x, to.y-c.y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	ux, uy := dx/l, dy/l
	// Leave the box where the line from its centre crosses its edge.
	t := math.Inf(1)
	if ux != 0 {
		t = math.Min(t, box.w/2/math.Abs(ux))
	}
	if uy != 0 {
		t = math.Min(t, box.h/2/math.Abs(uy))
	}
	from := pt{c.x + ux*(t+arrowShrink), c.y + uy*(t+arrowShrink)}
	tip := pt{to.x - ux*arrowShrink, to.y - uy*arrowShrink}
	if (tip.x-from.x)*ux+(tip.y-from.y)*uy <= 0 {
		return // the point is inside the text
	}
	st := stroke{col: black, width: arrowLineWidth}
	back := pt{tip.x - ux*arrowHeadLen, tip.y - uy*arrowHeadLen}
	left := pt{back.x - uy*arrowHeadHalf, back.y + ux*arrowHeadHalf}
	right := pt{back.x + uy*arrowHeadHalf, back.y - ux*arrowHeadHalf}
	switch a.arrow {
	case "->":
		s.polyline([]pt{from, tip}, st)
		s.polyline([]pt{left, tip, right}, st)
	case "-|>":
		s.polyline([]pt{from, back}, st)
		fill := black
		s.shape([]pt{left, tip, right}, true, &fill, &st)
	default:
		s.polyline([]pt{from, tip}, st)
	}
}

func (r *imageSurface) colorText(s string, at pt, size, rot float64, ha hAlign, va vAlign, c color.NRGBA) {
	drawText(r.c, s, vgPoint(at, r.H), size, c, rot, ha, va)
}

func (v *svgSurface) colorText(s string, at pt, size, rot float64, ha hAlign, va vAlign, c color.NRGBA) {
	setText(v.c, s, vgPoint(at, v.H), size, c, rot, ha, va, true)
}
