package figure

import (
	"context"
	"image/color"
	"math"
	"slices"

	"gonsim/display/internal/raster"

	"gonum.org/v1/plot/vg"
)

// Drawing, autoscaling and legend entries of bars and histograms.

// drawPatches draws the axes' patches for which keep is true, in order.
func (p *panel) drawPatches(ctx context.Context, s surface, keep func(*patch) bool) error {
	for _, pa := range p.ax.patches {
		if !keep(pa) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		fill, edge := pa.paint()
		for _, poly := range pa.polys {
			pts, ok := p.project(pa, poly)
			if !ok {
				continue // a NaN height (the density of nothing) draws nothing
			}
			if err := s.shape(pts, pa.closed, fill, edge); err != nil {
				return err
			}
		}
	}
	return nil
}

// project converts a polygon to points; ok is false when a vertex is not
// finite.
func (p *panel) project(pa *patch, poly []xy) ([]pt, bool) {
	pts := make([]pt, len(poly))
	for i, v := range poly {
		if !finite(v.x) || !finite(v.y) {
			return nil, false
		}
		pts[i] = p.patchPoint(pa, v)
	}
	return pts, true
}

// paint is the patch's fill and outline with its alpha applied; nil for
// none.
func (pa *patch) paint() (fill *color.NRGBA, edge *stroke) {
	if pa.face != nil {
		c := withAlpha(*pa.face, pa.alpha)
		fill = &c
	}
	if pa.edge != nil && pa.width > 0 {
		edge = &stroke{col: withAlpha(*pa.edge, pa.alpha), width: pa.width}
	}
	return fill, edge
}

func withAlpha(c color.NRGBA, a float64) color.NRGBA {
	c.A = uint8(float64(c.A)*a + 0.5)
	return c
}

// patchRange widens [lo, hi] to the finite coordinates of the axes'
// patches along x or y.
func (ax *Axes) patchRange(x bool, lo, hi float64, sc *scale) (float64, float64) {
	for _, pa := range ax.patches {
		if x && pa.axesX || !x && pa.axesY {
			continue
		}
		for _, poly := range pa.polys {
			for _, v := range poly {
				c := v.y
				if x {
					c = v.x
				}
				if sc.valid(c) && finite(v.x) && finite(v.y) {
					lo, hi = math.Min(lo, c), math.Max(hi, c)
				}
			}
		}
	}
	return lo, hi
}

// stickyMargins adds the margin d to [lo, hi] without crossing a sticky
// edge of the patches of g (matplotlib's autoscale_view): bars standing on
// 0 keep the axis starting at exactly 0.
func stickyMargins(g *shareGroup, x bool, lo, hi, d float64) (float64, float64) {
	var st []float64
	for _, m := range g.members {
		st = append(st, m.meshSticky(x)...)
		for _, pa := range m.patches {
			if x {
				st = append(st, pa.stickyX...)
			} else {
				st = append(st, pa.stickyY...)
			}
		}
	}
	if len(st) == 0 {
		return lo - d, hi + d
	}
	slices.Sort(st)
	tol := 1e-5 * math.Max(math.Max(math.Abs(lo), math.Abs(hi)), hi-lo)
	// The largest sticky value below lo+tol bounds the margin below, the
	// smallest above hi-tol the one above.
	i0, _ := slices.BinarySearch(st, lo+tol)
	i1, _ := slices.BinarySearch(st, hi-tol)
	lo, hi = lo-d, hi+d
	if i0 > 0 {
		lo = math.Max(lo, st[i0-1])
	}
	if i1 < len(st) {
		hi = math.Min(hi, st[i1])
	}
	return lo, hi
}

// overlaps counts the patches' polygons whose bounding box meets r (in
// points), for the legend's "best" place.
func (p *panel) overlaps(r rect) int {
	n := 0
	for _, pa := range p.ax.patches {
		for _, poly := range pa.polys {
			pts, ok := p.project(pa, poly)
			if !ok || len(pts) == 0 {
				continue
			}
			x0, y0, x1, y1 := pts[0].x, pts[0].y, pts[0].x, pts[0].y
			for _, q := range pts[1:] {
				x0, x1 = math.Min(x0, q.x), math.Max(x1, q.x)
				y0, y1 = math.Min(y0, q.y), math.Max(y1, q.y)
			}
			if x1 >= r.x && x0 <= r.x+r.w && y1 >= r.y && y0 <= r.y+r.h {
				n++
			}
		}
	}
	return n
}

// legendEntry is a line or a patch with a label, in matplotlib's order:
// lines and histograms as created, then bar charts.
type legendEntry struct {
	label string
	ln    *line
	pa    *patch
	sc    *scatter
}

func (ax *Axes) legendEntries() []legendEntry {
	var es []legendEntry
	patchesAt := func(i int) {
		for _, pa := range ax.patches {
			if !pa.container && pa.after == i && pa.label != "" {
				es = append(es, legendEntry{label: pa.label, pa: pa})
			}
		}
	}
	for i, ln := range ax.lines {
		patchesAt(i)
		if ln.first && ln.st.label != "" {
			es = append(es, legendEntry{label: ln.st.label, ln: ln})
		}
	}
	patchesAt(len(ax.lines))
	for _, sc := range ax.scatters {
		if sc.label != "" {
			es = append(es, legendEntry{label: sc.label, sc: sc})
		}
	}
	for _, pa := range ax.patches {
		if pa.container && pa.label != "" {
			es = append(es, legendEntry{label: pa.label, pa: pa})
		}
	}
	return es
}

// legendHandle draws a patch's legend key: a rectangle handle wide and
// 0.7 font sizes high, centred on y, filled and outlined as the patch
// (matplotlib's HandlerPatch, also for a step outline).
func (pa *patch) legendHandle(s surface, x0, y, handle, fs float64) error {
	h := 0.7 * fs
	fill, edge := pa.paint()
	return s.shape([]pt{{x0, y + h/2}, {x0, y - h/2}, {x0 + handle, y - h/2}, {x0 + handle, y + h/2}}, true, fill, edge)
}

// shape on images snaps the polygon to the pixel grid, as matplotlib's Agg
// backend does for paths of horizontal and vertical lines: fills on pixel
// boundaries, so that adjacent bars neither overlap nor leave a seam, and
// outlines of an odd number of pixels on pixel centres, so that they are
// crisp.
func (r *imageSurface) shape(p []pt, closed bool, fill *color.NRGBA, edge *stroke) error {
	if !rectilinear(p) {
		return r.polygon(p, closed, fill, edge)
	}
	if fill != nil && closed && fill.A > 0 {
		fillRectilinear(r.mask, straighten(snap(p, r.s, 0)))
		r.mask.Composite(r.img, *fill)
	}
	if edge != nil && edge.width > 0 && edge.col.A > 0 {
		w := edge.width * r.s
		off := 0.0
		if int(math.Round(w))%2 == 1 {
			off = 0.5
		}
		strokeRectilinear(r.mask, snap(p, r.s, off), closed, w)
		r.mask.Composite(r.img, edge.col)
	}
	return r.poll(len(p))
}

// rectilinear says whether all edges of p are horizontal or vertical.
func rectilinear(p []pt) bool {
	for i, a := range p {
		b := p[(i+1)%len(p)]
		if a.x != b.x && a.y != b.y {
			return false
		}
	}
	return true
}

// polygon fills and outlines any polygon (a FillBetween band, an arrow
// head) with exact antialiasing.
func (r *imageSurface) polygon(p []pt, closed bool, fill *color.NRGBA, edge *stroke) error {
	flat := make([]float64, 0, 2*len(p))
	for _, q := range p {
		flat = append(flat, q.x*r.s, q.y*r.s)
	}
	if fill != nil && closed && fill.A > 0 {
		r.mask.Polygon(flat)
		r.mask.Composite(r.img, *fill)
	}
	if edge != nil && edge.width > 0 && edge.col.A > 0 {
		w := edge.width * r.s
		n := len(p)
		if !closed {
			n--
		}
		for i := range n {
			j := (i + 1) % len(p)
			r.mask.Segment(flat[2*i], flat[2*i+1], flat[2*j], flat[2*j+1], w, raster.Round)
		}
		r.mask.Composite(r.img, edge.col)
	}
	return r.poll(len(p))
}

// snap converts points to pixels (s per point), rounded to whole pixels
// plus off.
func snap(p []pt, s, off float64) []pt {
	out := make([]pt, len(p))
	for i, q := range p {
		out[i] = pt{math.Floor(q.x*s+0.5) + off, math.Floor(q.y*s+0.5) + off}
	}
	return out
}

// straighten drops the vertices between collinear horizontal or vertical
// edges, which leaves the inside of the polygon as it is (a spike out and
// back encloses nothing): a histogram of many more bins than pixels then
// has about one vertical edge per pixel column.
func straighten(p []pt) []pt {
	out := make([]pt, 0, len(p))
	for _, q := range p {
		n := len(out)
		switch {
		case n > 0 && out[n-1] == q:
		case n > 1 && (out[n-2].x == out[n-1].x && out[n-1].x == q.x || out[n-2].y == out[n-1].y && out[n-1].y == q.y):
			out[n-1] = q
		default:
			out = append(out, q)
		}
	}
	return out
}

// fillRectilinear adds the inside (even-odd) of a closed polygon of
// horizontal and vertical edges to m: band by band between the distinct y
// of the vertices, the spans between the vertical edges crossing it.
func fillRectilinear(m *raster.Mask, p []pt) {
	type vedge struct{ x, y0, y1 float64 }
	var es []vedge
	ys := make([]float64, 0, len(p))
	for i, a := range p {
		b := p[(i+1)%len(p)]
		ys = append(ys, a.y)
		if a.x == b.x && a.y != b.y {
			es = append(es, vedge{a.x, math.Min(a.y, b.y), math.Max(a.y, b.y)})
		}
	}
	slices.Sort(ys)
	ys = slices.Compact(ys)
	var xs []float64
	for k := 0; k+1 < len(ys); k++ {
		y0, y1 := ys[k], ys[k+1]
		xs = xs[:0]
		for _, e := range es {
			if e.y0 <= y0 && e.y1 >= y1 {
				xs = append(xs, e.x)
			}
		}
		slices.Sort(xs)
		for j := 0; j+1 < len(xs); j += 2 {
			m.Rect(xs[j], y0, xs[j+1], y1)
		}
	}
}

// strokeRectilinear adds the outline of p, w pixels wide, to m: segments
// are lengthened by half the width where they join, which makes the
// square corners of matplotlib's mitred patch outlines, and open ends are
// butt (a step outline stops at the baseline).
func strokeRectilinear(m *raster.Mask, p []pt, closed bool, w float64) {
	n := len(p) - 1
	if closed {
		n = len(p)
	}
	first, last := -1, -1
	for i := range n {
		if a, b := p[i], p[(i+1)%len(p)]; a != b {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	for i := range n {
		a, b := p[i], p[(i+1)%len(p)]
		l := math.Hypot(b.x-a.x, b.y-a.y)
		if l == 0 {
			continue
		}
		ux, uy := (b.x-a.x)/l, (b.y-a.y)/l
		ea, eb := w/2, w/2
		if !closed && i == first {
			ea = 0
		}
		if !closed && i == last {
			eb = 0
		}
		m.SegmentCaps(a.x-ux*ea, a.y-uy*ea, b.x+ux*eb, b.y+uy*eb, w, raster.Butt, raster.Butt)
	}
}

// shape on SVG fills the polygon clipped to the axes as one path and
// strokes its edges (SVG's default mitred joins and butt caps are
// matplotlib's for patches).
func (v *svgSurface) shape(p []pt, closed bool, fill *color.NRGBA, edge *stroke) error {
	if fill != nil && closed && fill.A > 0 {
		q := p
		if v.clp != nil {
			q = clipPolygon(p, *v.clp)
		}
		if len(q) >= 3 {
			var path vg.Path
			for i, c := range q {
				if i == 0 {
					path.Move(vgPoint(c, v.H))
				} else {
					path.Line(vgPoint(c, v.H))
				}
			}
			path.Close()
			v.c.SetColor(*fill)
			v.c.Fill(path)
		}
	}
	if edge != nil && edge.width > 0 && edge.col.A > 0 {
		v.c.SetLineWidth(vg.Length(edge.width))
		v.c.SetLineDash(nil, 0)
		v.c.SetColor(edge.col)
		if path := v.outline(p, closed); len(path) > 0 {
			v.c.Stroke(path)
		}
	}
	v.work += len(p)
	if v.work >= pollEvery {
		v.work = 0
		return v.ctx.Err()
	}
	return nil
}

// outline is the path of p's edges: closed when nothing is clipped away,
// else the visible pieces.
func (v *svgSurface) outline(p []pt, closed bool) vg.Path {
	inside := true
	if c := v.clp; c != nil {
		for _, q := range p {
			inside = inside && q.x >= c.x && q.x <= c.x+c.w && q.y >= c.y && q.y <= c.y+c.h
		}
	}
	var path vg.Path
	if inside {
		for i, q := range p {
			if i == 0 {
				path.Move(vgPoint(q, v.H))
			} else {
				path.Line(vgPoint(q, v.H))
			}
		}
		if closed {
			path.Close()
		}
		return path
	}
	ring := p
	if closed {
		ring = append(append([]pt(nil), p...), p[0])
	}
	var end pt
	for i := 1; i < len(ring); i++ {
		a, b, ok := clipSegment(ring[i-1], ring[i], *v.clp)
		if !ok {
			continue
		}
		if len(path) == 0 || a != end {
			path.Move(vgPoint(a, v.H))
		}
		path.Line(vgPoint(b, v.H))
		end = b
	}
	return path
}

// clipPolygon clips a polygon to r (Sutherland–Hodgman); a polygon of
// horizontal and vertical edges stays one.
func clipPolygon(p []pt, r rect) []pt {
	sides := []struct {
		in  func(pt) bool
		cut func(a, b pt) pt
	}{
		{func(q pt) bool { return q.x >= r.x }, func(a, b pt) pt { return atX(a, b, r.x) }},
		{func(q pt) bool { return q.x <= r.x+r.w }, func(a, b pt) pt { return atX(a, b, r.x+r.w) }},
		{func(q pt) bool { return q.y >= r.y }, func(a, b pt) pt { return atY(a, b, r.y) }},
		{func(q pt) bool { return q.y <= r.y+r.h }, func(a, b pt) pt { return atY(a, b, r.y+r.h) }},
	}
	out := p
	for _, s := range sides {
		in := out
		out = nil
		for i, b := range in {
			a := in[(i+len(in)-1)%len(in)]
			switch {
			case s.in(b) && !s.in(a):
				out = append(out, s.cut(a, b), b)
			case s.in(b):
				out = append(out, b)
			case s.in(a):
				out = append(out, s.cut(a, b))
			}
		}
		if len(out) == 0 {
			return nil
		}
	}
	return out
}

func atX(a, b pt, x float64) pt {
	return pt{x, a.y + (b.y-a.y)*(x-a.x)/(b.x-a.x)}
}

func atY(a, b pt, y float64) pt {
	return pt{a.x + (b.x-a.x)*(y-a.y)/(b.y-a.y), y}
}
