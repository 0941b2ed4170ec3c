package figure

import (
	"context"
	"image"
	"image/color"
	"math"

	"gonsim/display/internal/raster"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// pollEvery is how many segments are stroked between looks at the context
// (about a millisecond of work).
const pollEvery = 4096

// imageSurface draws lines and markers with the raster package and text
// with gonum/plot's image canvas, both onto the same RGBA image.
type imageSurface struct {
	ctx  context.Context
	c    *vgimg.Canvas
	img  *image.RGBA
	mask *raster.Mask
	s    float64 // pixels per point
	H    float64 // height in points
	work int
	// Drawn markers of scatter plots (scatter.go).
	stamps map[stampKey]*raster.Stamp
}

func newImageSurface(ctx context.Context, wIn, hIn, dpi float64) *imageSurface {
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(wIn)*vg.Inch, vg.Length(hIn)*vg.Inch),
		vgimg.UseDPI(int(math.Round(dpi))), vgimg.UseBackgroundColor(color.White))
	img := c.Image().(*image.RGBA)
	b := img.Bounds()
	return &imageSurface{ctx: ctx, c: c, img: img, mask: raster.NewMask(b.Dx(), b.Dy()),
		s: math.Round(dpi) / 72, H: hIn * 72}
}

func (r *imageSurface) clip(c *rect) {
	if c == nil {
		r.mask.SetClip(r.img.Bounds())
		return
	}
	r.mask.SetClip(image.Rect(int(math.Floor(c.x*r.s)), int(math.Floor(c.y*r.s)),
		int(math.Ceil((c.x+c.w)*r.s)), int(math.Ceil((c.y+c.h)*r.s))))
}

func (r *imageSurface) poll(n int) error {
	r.work += n
	if r.work >= pollEvery {
		r.work = 0
		return r.ctx.Err()
	}
	return nil
}

func (r *imageSurface) polyline(p []pt, st stroke) error {
	w := st.width * r.s
	if w <= 0 || st.col.A == 0 {
		return nil
	}
	px := make([]pt, 0, len(p))
	flush := func() error {
		if len(px) == 0 {
			return nil
		}
		if st.dash == nil {
			px = thin(px)
			for i := 1; i < len(px); i++ {
				r.mask.Segment(px[i-1].x, px[i-1].y, px[i].x, px[i].y, w, raster.Round)
				if err := r.poll(1); err != nil {
					return err
				}
			}
			if len(px) == 1 {
				r.mask.Disc(px[0].x, px[0].y, w/2)
			}
		} else {
			dash := make([]float64, len(st.dash))
			for i, d := range st.dash {
				dash[i] = d * r.s
			}
			var err error
			dashes(px, dash, func(d []pt) {
				for i := 1; i < len(d); i++ {
					start, end := raster.Round, raster.Round
					if i == 1 {
						start = raster.Butt
					}
					if i == len(d)-1 {
						end = raster.Butt
					}
					r.mask.SegmentCaps(d[i-1].x, d[i-1].y, d[i].x, d[i].y, w, start, end)
				}
				if err == nil {
					err = r.poll(len(d))
				}
			})
			if err != nil {
				return err
			}
		}
		px = px[:0]
		return nil
	}
	for _, q := range p {
		if !finite(q.x) || !finite(q.y) {
			if err := flush(); err != nil {
				return err
			}
			continue
		}
		px = append(px, pt{q.x * r.s, q.y * r.s})
	}
	if err := flush(); err != nil {
		return err
	}
	r.mask.Composite(r.img, st.col)
	return nil
}

func (r *imageSurface) markers(p []pt, st lineStyle) error {
	ms, mew := st.ms*r.s, st.mew*r.s
	alpha := func(c color.NRGBA) color.NRGBA {
		c.A = uint8(float64(c.A)*st.alpha + 0.5)
		return c
	}
	poly := markerPolygon(st.marker, ms)
	buf := make([]float64, 0, len(poly))
	for pass := 0; pass < 2; pass++ {
		if pass == 0 && st.face == nil {
			continue
		}
		for _, q := range p {
			if !finite(q.x) || !finite(q.y) {
				continue
			}
			drawMarker(r.mask, st.marker, q.x*r.s, q.y*r.s, ms, mew, poly, buf, pass == 0)
			if err := r.poll(1); err != nil {
				return err
			}
		}
		if pass == 0 {
			r.mask.Composite(r.img, alpha(*st.face))
		} else {
			c := st.edge
			if st.marker == "." || st.marker == "," {
				if st.face != nil {
					c = *st.face
				}
			}
			r.mask.Composite(r.img, alpha(c))
		}
	}
	return nil
}

// drawMarker adds one marker centred on (x, y) to m, all in pixels: its
// face, or its edge (mew wide). poly is markerPolygon's outline for the
// marker at size ms, buf room for it placed.
func drawMarker(m *raster.Mask, marker string, x, y, ms, mew float64, poly, buf []float64, face bool) {
	switch marker {
	case "o":
		if face {
			m.Disc(x, y, ms/2)
		} else {
			m.Ring(x, y, ms/2, mew)
		}
	case ".":
		m.Disc(x, y, ms/4+mew/2)
	case ",":
		m.Disc(x, y, 0.5)
	case "s":
		if face {
			m.Rect(x-ms/2, y-ms/2, x+ms/2, y+ms/2)
		} else {
			for _, e := range [][4]float64{{-1, -1, 1, -1}, {1, -1, 1, 1}, {1, 1, -1, 1}, {-1, 1, -1, -1}} {
				m.Segment(x+e[0]*ms/2, y+e[1]*ms/2, x+e[2]*ms/2, y+e[3]*ms/2, mew, raster.Round)
			}
		}
	case "|":
		m.Segment(x, y-ms/2, x, y+ms/2, mew, raster.Butt)
	case "_":
		m.Segment(x-ms/2, y, x+ms/2, y, mew, raster.Butt)
	case "+":
		m.Segment(x, y-ms/2, x, y+ms/2, mew, raster.Butt)
		m.Segment(x-ms/2, y, x+ms/2, y, mew, raster.Butt)
	case "x":
		d := ms / 2 / math.Sqrt2
		m.Segment(x-d, y-d, x+d, y+d, mew, raster.Butt)
		m.Segment(x-d, y+d, x+d, y-d, mew, raster.Butt)
	default:
		if poly == nil {
			return
		}
		at := buf[:0]
		for i := 0; i < len(poly); i += 2 {
			at = append(at, x+poly[i], y+poly[i+1])
		}
		if face {
			m.Polygon(at)
		} else {
			strokeClosed(m, at, mew)
		}
	}
}

func (r *imageSurface) fillRect(q rect, c color.NRGBA) {
	m := r.mask
	m.SetClip(r.img.Bounds())
	m.Rect(q.x*r.s, q.y*r.s, (q.x+q.w)*r.s, (q.y+q.h)*r.s)
	m.Composite(r.img, c)
}

func (r *imageSurface) text(s string, at pt, size, rot float64, ha hAlign, va vAlign) {
	drawText(r.c, s, vgPoint(at, r.H), size, black, rot, ha, va)
}

// strokeClosed adds the outline of a closed polygon (x0, y0, x1, y1, …)
// w pixels wide, with round joins.
func strokeClosed(m *raster.Mask, p []float64, w float64) {
	n := len(p) / 2
	for i := range n {
		j := (i + 1) % n
		m.Segment(p[2*i], p[2*i+1], p[2*j], p[2*j+1], w, raster.Round)
	}
}

// thin reduces a time series to what can be seen: of the points falling in
// one pixel column it keeps the lowest and the highest, in their order
// (columns with fewer than three points keep them all). A stroke through
// them covers the same pixels as through all points, up to antialiasing:
// within a column the stroke is the vertical span from lowest to highest,
// and the step to the next column crosses from one span to the other as
// the full path does. 10,000 samples across 900 pixels become at most
// 1,800. Data that go back in x are left alone.
func thin(p []pt) []pt {
	if len(p) < 8 {
		return p
	}
	for i := 1; i < len(p); i++ {
		if p[i].x < p[i-1].x {
			return p
		}
	}
	out := make([]pt, 0, min(len(p), 4096))
	i := 0
	for i < len(p) {
		col := math.Floor(p[i].x)
		j := i
		lo, hi := i, i
		for j+1 < len(p) && math.Floor(p[j+1].x) == col {
			j++
			if p[j].y < p[lo].y {
				lo = j
			}
			if p[j].y > p[hi].y {
				hi = j
			}
		}
		switch {
		case j-i < 2:
			out = append(out, p[i:j+1]...)
		case lo < hi:
			out = append(out, p[lo], p[hi])
		default:
			out = append(out, p[hi], p[lo])
		}
		i = j + 1
	}
	return out
}

// dashes walks the polyline p and calls dash with each "on" piece of the
// on/off pattern (lengths in the same unit as p), as a polyline.
func dashes(p []pt, pattern []float64, dash func([]pt)) {
	k, left, on := 0, pattern[0], true
	var cur []pt
	for i := 1; i < len(p); i++ {
		a, b := p[i-1], p[i]
		l := math.Hypot(b.x-a.x, b.y-a.y)
		for l > 0 {
			d := math.Min(l, left)
			t := d / l
			m := pt{a.x + (b.x-a.x)*t, a.y + (b.y-a.y)*t}
			if on {
				if len(cur) == 0 {
					cur = append(cur, a)
				}
				cur = append(cur, m)
			}
			a, l, left = m, l-d, left-d
			if left <= 1e-9 {
				if on && len(cur) > 1 {
					dash(cur)
				}
				cur = cur[:0]
				k = (k + 1) % len(pattern)
				left, on = pattern[k], k%2 == 0
			}
		}
	}
	if on && len(cur) > 1 {
		dash(cur)
	}
}
