package figure

import (
	"context"
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
)

// Sizes in points, from matplotlib's rcParams.
const (
	tickLen     = 3.5
	tickPad     = 3.5
	tickWidth   = 0.8
	spineWidth  = 0.8
	labelPad    = 4.0
	titlePad    = 6.0
	tightPad    = 1.08 * fontSize // tight_layout's pad, h_pad and w_pad
	axisMargin  = 0.05            // axes.xmargin, axes.ymargin
	minAxisSize = 4.0
)

type pt struct{ x, y float64 } // points, origin top left, y down

type rect struct{ x, y, w, h float64 }

// surface is what a figure is drawn on: an image or an SVG document.
type surface interface {
	// polyline strokes p, split at non-finite points, clipped to the clip.
	polyline(p []pt, st stroke) error
	// markers draws one marker at each finite point inside the clip.
	markers(p []pt, m lineStyle) error
	clip(r *rect)
	fillRect(r rect, c color.NRGBA)
	// shape fills (closed, fill not nil) and strokes (edge not nil) a
	// polygon of horizontal and vertical edges: a bar, a histogram.
	shape(p []pt, closed bool, fill *color.NRGBA, edge *stroke) error
	text(s string, at pt, size float64, rot float64, ha hAlign, va vAlign)
	// Scatter plots, images and coloured text (scatter.go, mesh.go,
	// annotate.go).
	scatter(p []pt, sc *scatter) error
	mesh(d *meshDraw) error
	colorText(s string, at pt, size, rot float64, ha hAlign, va vAlign, c color.NRGBA)
}

type stroke struct {
	col   color.NRGBA // alpha included
	width float64
	dash  []float64 // on/off lengths in points; nil for solid
}

func (st lineStyle) stroke() stroke {
	c := st.color
	c.A = uint8(float64(c.A)*st.alpha + 0.5)
	s := stroke{col: c, width: st.width}
	// matplotlib's dash patterns, scaled by the line width.
	var pat []float64
	switch st.dash {
	case "--":
		pat = []float64{3.7, 1.6}
	case ":":
		pat = []float64{1, 1.65}
	case "-.":
		pat = []float64{6.4, 1.6, 1, 1.6}
	}
	for _, v := range pat {
		s.dash = append(s.dash, v*math.Max(st.width, 0.1))
	}
	return s
}

// panel is one axes as laid out for drawing.
type panel struct {
	ax             *Axes
	xlo, xhi       float64
	ylo, yhi       float64
	xt, yt         []float64
	xl, yl         []string
	box            rect
	row, col       int
	l, r, t, b     float64 // decoration extents around box
	tickFontAscent float64
	cbox           *rect       // the colorbar's (colorbar.go)
	xminor, yminor []float64   // log axes' minor ticks (scale.go)
	sup            *placedText // the figure's Suptitle, on its first panel
	cbt            []float64
	cbl            []string
}

// layout computes limits, ticks and boxes of the figure's valid axes.
func (f *Fig) layout() []*panel {
	var ps []*panel
	for _, ax := range f.axes {
		if ax.err != nil {
			continue
		}
		p := &panel{ax: ax, row: (ax.index - 1) / ax.ncols, col: (ax.index - 1) % ax.ncols}
		p.xlo, p.xhi = limits(ax, true)
		p.ylo, p.yhi = limits(ax, false)
		ps = append(ps, p)
	}
	W, H := f.w*72, f.h*72
	// Ticks depend on the box size and the boxes on the ticks' labels:
	// matplotlib's tight_layout also iterates.
	for _, p := range ps {
		p.box = f.gridBox(p, W, H, nil)
		p.shape()
	}
	for range 2 {
		for _, p := range ps {
			p.ticks()
			p.decorations()
		}
		if !f.tight {
			break
		}
		m := f.margins(ps)
		for _, p := range ps {
			p.box = f.gridBox(p, W, H, m)
			p.shape()
		}
	}
	return ps
}

type tightMargins struct{ l, r, t, b, wgap, hgap float64 }

func (f *Fig) margins(ps []*panel) *tightMargins {
	m := &tightMargins{}
	var gapL, gapR, gapT, gapB float64
	for _, p := range ps {
		if p.col == 0 {
			m.l = math.Max(m.l, p.l)
		} else {
			gapL = math.Max(gapL, p.l)
		}
		if p.col == p.ax.ncols-1 {
			m.r = math.Max(m.r, p.r)
		} else {
			gapR = math.Max(gapR, p.r)
		}
		if p.row == 0 {
			m.t = math.Max(m.t, p.t)
		} else {
			gapT = math.Max(gapT, p.t)
		}
		if p.row == p.ax.nrows-1 {
			m.b = math.Max(m.b, p.b)
		} else {
			gapB = math.Max(gapB, p.b)
		}
	}
	m.l += tightPad
	m.r += tightPad
	m.t += tightPad
	m.b += tightPad
	m.wgap = gapL + gapR + tightPad
	m.hgap = gapT + gapB + tightPad
	return m
}

// gridBox places p's cell: with matplotlib's default subplot parameters, or
// with tight margins.
func (f *Fig) gridBox(p *panel, W, H float64, m *tightMargins) rect {
	nr, nc := float64(p.ax.nrows), float64(p.ax.ncols)
	var l, r, t, b, cw, ch, wg, hg float64
	if m == nil {
		l, r, t, b = 0.125*W, 0.1*W, 0.12*H, 0.11*H
		cw = (W - l - r) / (nc + 0.2*(nc-1))
		ch = (H - t - b) / (nr + 0.2*(nr-1))
		wg, hg = 0.2*cw, 0.2*ch
	} else {
		l, r, t, b, wg, hg = m.l, m.r, m.t, m.b, m.wgap, m.hgap
		cw = (W - l - r - (nc-1)*wg) / nc
		ch = (H - t - b - (nr-1)*hg) / nr
	}
	cw, ch = math.Max(cw, minAxisSize), math.Max(ch, minAxisSize)
	return rect{x: l + float64(p.col)*(cw+wg), y: t + float64(p.row)*(ch+hg), w: cw, h: ch}
}

// limits returns an axis' view limits: explicit ones, or the data range of
// the axes and those sharing it, with matplotlib's 5% margins.
func limits(ax *Axes, x bool) (lo, hi float64) {
	lim, g, sc := ax.ylim, ax.ygroup, ax.yscale
	if x {
		lim, g, sc = ax.xlim, ax.xgroup, ax.xscale
	}
	if lim != nil {
		return lim[0], lim[1]
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, m := range g.members {
		for _, ln := range m.lines {
			if ln.ref {
				if ln.vertical == x {
					lo, hi = math.Min(lo, ln.at), math.Max(hi, ln.at)
				}
				continue
			}
			vs := ln.y
			if x {
				vs = ln.x
			}
			for _, v := range vs {
				if !sc.valid(v) {
					continue // drawn as a gap, like NaN
				}
				if v < lo {
					lo = v
				}
				if v > hi {
					hi = v
				}
			}
		}
		lo, hi = m.patchRange(x, lo, hi, sc)
		lo, hi = m.scatterRange(x, lo, hi, sc)
		lo, hi = m.meshRange(x, lo, hi, sc)
	}
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		if sc != nil && sc.kind == "log" {
			return 1, 10
		}
		return 0, 1
	}
	if sc != nil {
		return scaledMargins(g, x, sc, lo, hi)
	}
	// matplotlib's nonsingular: widen a constant range.
	if hi-lo <= 1e-12*math.Max(math.Abs(lo), math.Abs(hi)) {
		if lo == 0 && hi == 0 {
			lo, hi = -0.05, 0.05
		} else {
			lo, hi = lo-0.05*math.Abs(lo), hi+0.05*math.Abs(hi)
		}
	}
	lo, hi = stickyMargins(g, x, lo, hi, (hi-lo)*axisMargin)
	if !x && ax.yinvert {
		lo, hi = hi, lo
	}
	return lo, hi
}

func (p *panel) ticks() {
	ax := p.ax
	nb := func(length, per float64) int {
		return max(1, min(9, int(math.Floor(length/(fontSize*per)))))
	}
	p.xt, p.xl, p.xminor = scaledTicks(ax.xscale, ax.xticks, p.xlo, p.xhi, nb(p.box.w, 3))
	p.yt, p.yl, p.yminor = scaledTicks(ax.yscale, ax.yticks, p.ylo, p.yhi, nb(p.box.h, 2))
	p.colorbarTicks()
}

func axisTicks(spec *tickSpec, lo, hi float64, nbins int) ([]float64, []string) {
	a, b := math.Min(lo, hi), math.Max(lo, hi)
	if spec != nil {
		var at []float64
		var ls []string
		auto := tickLabels(spec.at)
		for i, v := range spec.at {
			if v < a-1e-9*(b-a) || v > b+1e-9*(b-a) {
				continue
			}
			at = append(at, v)
			if len(spec.labels) > 0 {
				ls = append(ls, spec.labels[i])
			} else {
				ls = append(ls, auto[i])
			}
		}
		return at, ls
	}
	t := autoTicks(a, b, nbins)
	return t, tickLabels(t)
}

func (p *panel) xpos(v float64) float64 {
	if s := p.ax.xscale; s != nil {
		t0, t1 := s.fwd(p.xlo), s.fwd(p.xhi)
		return p.box.x + (s.fwd(v)-t0)/(t1-t0)*p.box.w
	}
	return p.box.x + (v-p.xlo)/(p.xhi-p.xlo)*p.box.w
}

func (p *panel) ypos(v float64) float64 {
	if s := p.ax.yscale; s != nil {
		t0, t1 := s.fwd(p.ylo), s.fwd(p.yhi)
		return p.box.y + p.box.h - (s.fwd(v)-t0)/(t1-t0)*p.box.h
	}
	return p.box.y + p.box.h - (v-p.ylo)/(p.yhi-p.ylo)*p.box.h
}

// decorations measures what sticks out of the box: tick labels, axis
// labels and the title, as tight_layout does.
func (p *panel) decorations() {
	ax := p.ax
	_, asc, desc := textBox("0", fontSize)
	th := asc + desc
	p.l, p.r, p.t, p.b = 0, 0, 0, 0
	if ax.twin != nil {
		p.twinDecorations()
		return
	}
	if len(p.xt) > 0 {
		p.b = tickLen + tickPad + th
		for i, v := range p.xt {
			w, _, _ := textBox(p.xl[i], fontSize)
			q := p.xpos(v) - p.box.x
			p.l = math.Max(p.l, w/2-q)
			p.r = math.Max(p.r, q+w/2-p.box.w)
		}
	}
	if len(p.yt) > 0 {
		p.l = math.Max(p.l, tickLen+tickPad+p.yTickLabels(th))
	}
	if ax.xlabel.s != "" {
		_, a, d := textBox(ax.xlabel.s, ax.xlabel.size)
		p.b += labelPad + a + d
	}
	if ax.ylabel.s != "" {
		_, a, d := textBox(ax.ylabel.s, ax.ylabel.size)
		p.l += labelPad + a + d
	}
	if ax.title.s != "" {
		_, a, d := textBox(ax.title.s, ax.title.size)
		p.t = math.Max(p.t, titlePad+a+d)
	}
	p.r = math.Max(p.r, p.colorbarExtent())
}

// yTickLabels returns the widest y tick label and makes room above and
// below the axes for the labels at its ends (th: a label's height).
func (p *panel) yTickLabels(th float64) (maxw float64) {
	for i, v := range p.yt {
		w, _, _ := textBox(p.yl[i], fontSize)
		maxw = math.Max(maxw, w)
		q := p.ypos(v) - p.box.y
		p.t = math.Max(p.t, th/2-q)
		p.b = math.Max(p.b, q+th/2-p.box.h)
	}
	return maxw
}

var black = color.NRGBA{0, 0, 0, 255}

// cropPad is matplotlib's pad_inches: the inline backend saves figures
// with bbox_inches="tight", cropped to their content plus this margin, so
// labels outside the figure (no TightLayout) still show, as in the seed's
// images.
const cropPad = 0.1 * 72

// frame lays the figure out and crops it to its content: it returns the
// panels, moved so that the content starts at cropPad, and the size of the
// image in points.
func (f *Fig) frame() (ps []*panel, W, H float64) {
	ps = f.layout()
	if len(ps) == 0 {
		return ps, f.w * 72, f.h * 72
	}
	x0, y0 := math.Inf(1), math.Inf(1)
	x1, y1 := math.Inf(-1), math.Inf(-1)
	for _, p := range ps {
		b := p.box
		x0, y0 = math.Min(x0, b.x-p.l), math.Min(y0, b.y-p.t)
		x1, y1 = math.Max(x1, b.x+b.w+p.r), math.Max(y1, b.y+b.h+p.b)
	}
	var sup *placedText
	if t := f.suptitle; t.s != "" {
		// Above everything, centred on the figure (matplotlib's
		// suptitle at x=0.5).
		w, a, d := textBox(t.s, t.size)
		cx := f.w * 72 / 2
		y0 -= a + d + titlePad
		x0, x1 = math.Min(x0, cx-w/2), math.Max(x1, cx+w/2)
		sup = &placedText{t: t, at: pt{cx, y0}}
	}
	if sup != nil {
		sup.at.x += cropPad - x0
		sup.at.y += cropPad - y0
		ps[0].sup = sup
	}
	for _, p := range ps {
		p.box.x += cropPad - x0
		p.box.y += cropPad - y0
		if c := p.cbox; c != nil {
			c.x += cropPad - x0
			c.y += cropPad - y0
		}
	}
	return ps, x1 - x0 + 2*cropPad, y1 - y0 + 2*cropPad
}

// draw renders the laid-out panels on s, polling ctx between lines.
func draw(ctx context.Context, s surface, ps []*panel, W, H float64) error {
	for _, p := range ps {
		if t := p.sup; t != nil {
			s.text(t.t.s, t.at, t.t.size, 0, alignCenter, alignTop)
		}
		if err := p.draw(ctx, s); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func (p *panel) draw(ctx context.Context, s surface) error {
	ax, b := p.ax, p.box
	s.clip(&b)
	// matplotlib's zorder: images under bars, bars and scatters under
	// lines, step outlines among them, text above.
	if err := p.drawMeshes(ctx, s); err != nil {
		return err
	}
	if err := p.drawPatches(ctx, s, func(pa *patch) bool { return pa.zorder == 1 }); err != nil {
		return err
	}
	if err := p.drawScatters(ctx, s); err != nil {
		return err
	}
	for i, ln := range ax.lines {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := p.drawPatches(ctx, s, func(pa *patch) bool { return pa.zorder == 2 && pa.after == i }); err != nil {
			return err
		}
		if ln.ref {
			var seg []pt
			if ln.vertical {
				x := p.xpos(ln.at)
				seg = []pt{{x, b.y + b.h}, {x, b.y}}
			} else {
				y := p.ypos(ln.at)
				seg = []pt{{b.x, y}, {b.x + b.w, y}}
			}
			if ln.st.dash != "" {
				if err := s.polyline(seg, ln.st.stroke()); err != nil {
					return err
				}
			}
			continue
		}
		pts := make([]pt, len(ln.x))
		for i := range ln.x {
			pts[i] = pt{p.xpos(ln.x[i]), p.ypos(ln.y[i])}
		}
		if ln.st.dash != "" && ln.st.width > 0 {
			if err := s.polyline(pts, ln.st.stroke()); err != nil {
				return err
			}
		}
		if ln.st.marker != "" {
			if err := s.markers(pts, ln.st); err != nil {
				return err
			}
		}
	}
	if err := p.drawPatches(ctx, s, func(pa *patch) bool { return pa.zorder == 2 && pa.after == len(ax.lines) }); err != nil {
		return err
	}
	s.clip(nil)
	p.drawTexts(s)
	frame := stroke{col: black, width: spineWidth}
	if !ax.frameOff {
		s.polyline([]pt{{b.x, b.y}, {b.x + b.w, b.y}, {b.x + b.w, b.y + b.h}, {b.x, b.y + b.h}, {b.x, b.y}}, frame)
	}
	tick := stroke{col: black, width: tickWidth}
	p.drawMinorTicks(s)
	if ax.twin != nil {
		p.drawTwinAxis(s)
		return p.finish(ctx, s)
	}
	for i, v := range p.xt {
		x := p.xpos(v)
		s.polyline([]pt{{x, b.y + b.h}, {x, b.y + b.h + tickLen}}, tick)
		s.text(p.xl[i], pt{x, b.y + b.h + tickLen + tickPad}, fontSize, 0, alignCenter, alignTop)
	}
	for i, v := range p.yt {
		y := p.ypos(v)
		s.polyline([]pt{{b.x, y}, {b.x - tickLen, y}}, tick)
		s.text(p.yl[i], pt{b.x - tickLen - tickPad, y}, fontSize, 0, alignRight, alignMiddle)
	}
	_, asc, desc := textBox("0", fontSize)
	if t := ax.xlabel; t.s != "" {
		y := b.y + b.h + labelPad
		if len(p.xt) > 0 {
			y += tickLen + tickPad + asc + desc
		}
		s.text(t.s, pt{b.x + b.w/2, y}, t.size, 0, alignCenter, alignTop)
	}
	if t := ax.ylabel; t.s != "" {
		x := b.x - labelPad
		if len(p.yt) > 0 {
			maxw := 0.0
			for _, l := range p.yl {
				w, _, _ := textBox(l, fontSize)
				maxw = math.Max(maxw, w)
			}
			x -= tickLen + tickPad + maxw
		}
		s.text(t.s, pt{x, b.y + b.h/2}, t.size, math.Pi/2, alignCenter, alignBottom)
	}
	if t := ax.title; t.s != "" {
		s.text(t.s, pt{b.x + b.w/2, b.y - titlePad}, t.size, 0, alignCenter, alignBottom)
	}
	return p.finish(ctx, s)
}

// finish draws what lies over the axes: the legend and the colorbar.
func (p *panel) finish(ctx context.Context, s surface) error {
	if p.ax.legend != nil {
		p.drawLegend(s)
	}
	if err := p.drawColorbar(ctx, s); err != nil {
		return err
	}
	return ctx.Err()
}

// drawLegend sets the labelled lines in a box in a corner of the axes
// ("best": the corner covering the fewest data points).
func (p *panel) drawLegend(s surface) {
	l := p.ax.legend
	fs := l.fontsize
	es := p.ax.legendEntries()
	maxw := 0.0
	for _, e := range es {
		w, _, _ := textBox(e.label, fs)
		maxw = math.Max(maxw, w)
	}
	_, asc, desc := textBox("0", fs)
	th := asc + desc
	border, handle, hpad, spacing, axpad := 0.4*fs, 2*fs, 0.8*fs, 0.5*fs, 0.5*fs
	w := 2*border + handle + hpad + maxw
	h := 2*border + float64(len(es))*th + float64(len(es)-1)*spacing
	b := p.box
	corners := map[string]rect{
		"upper right": {b.x + b.w - axpad - w, b.y + axpad, w, h},
		"upper left":  {b.x + axpad, b.y + axpad, w, h},
		"lower left":  {b.x + axpad, b.y + b.h - axpad - h, w, h},
		"lower right": {b.x + b.w - axpad - w, b.y + b.h - axpad - h, w, h},
	}
	r, ok := corners[l.loc]
	if !ok { // best
		best := -1
		for _, name := range []string{"upper right", "upper left", "lower left", "lower right"} {
			c := corners[name]
			n := p.overlaps(c)
			for _, ln := range p.ax.lines {
				if ln.ref {
					continue
				}
				step := max(1, len(ln.x)/2000)
				for i := 0; i < len(ln.x); i += step {
					x, y := p.xpos(ln.x[i]), p.ypos(ln.y[i])
					if x >= c.x && x <= c.x+c.w && y >= c.y && y <= c.y+c.h {
						n++
					}
				}
			}
			if best < 0 || n < best {
				best, r = n, c
			}
		}
	}
	s.fillRect(r, color.NRGBA{255, 255, 255, 204})
	s.polyline([]pt{{r.x, r.y}, {r.x + r.w, r.y}, {r.x + r.w, r.y + r.h}, {r.x, r.y + r.h}, {r.x, r.y}},
		stroke{col: color.NRGBA{204, 204, 204, 255}, width: 1})
	y := r.y + border + th/2
	for _, e := range es {
		x0 := r.x + border
		switch {
		case e.pa != nil:
			e.pa.legendHandle(s, x0, y, handle, fs)
		case e.sc != nil:
			e.sc.legendHandle(s, pt{x0 + handle/2, y})
		case e.ln.st.dash != "":
			s.polyline([]pt{{x0, y}, {x0 + handle, y}}, e.ln.st.stroke())
		}
		if e.ln != nil && e.ln.st.marker != "" {
			s.markers([]pt{{x0 + handle/2, y}}, e.ln.st)
		}
		s.text(e.label, pt{x0 + handle + hpad, y}, fs, 0, alignLeft, alignMiddle)
		y += th + spacing
	}
}

// vgPoint converts to gonum/plot's coordinates (y up) on a canvas of
// height H points.
func vgPoint(p pt, H float64) vg.Point {
	return vg.Point{X: vg.Length(p.x), Y: vg.Length(H - p.y)}
}
