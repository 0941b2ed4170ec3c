package raster

import (
	"image"
	"image/color"
)

// Stamp is a small coverage image drawn once and added at many places:
// one marker of a scatter plot of a million points.
type Stamp struct {
	W, H   int
	a      []uint8
	lo, hi []int // per row, the first and one past the last covered pixel
}

// NewStamp draws a w×h stamp with draw, in the stamp's own pixels.
func NewStamp(w, h int, draw func(m *Mask)) *Stamp {
	m := NewMask(w, h)
	draw(m)
	s := &Stamp{W: w, H: h, a: m.a, lo: make([]int, h), hi: make([]int, h)}
	for y := range h {
		row := s.a[y*w : (y+1)*w]
		lo, hi := w, 0
		for x, v := range row {
			if v != 0 {
				lo, hi = min(lo, x), x+1
			}
		}
		s.lo[y], s.hi[y] = lo, hi
	}
	return s
}

// span clips row y of a stamp placed at (x0, y0) to r: the part of the
// row to visit, in stamp pixels, or ok false.
func (s *Stamp) span(r image.Rectangle, x0, y0, y int) (lo, hi int, ok bool) {
	py := y0 + y
	if py < r.Min.Y || py >= r.Max.Y {
		return 0, 0, false
	}
	lo = max(s.lo[y], r.Min.X-x0)
	hi = min(s.hi[y], r.Max.X-x0)
	return lo, hi, lo < hi
}

// AddStamp adds s with its top left pixel at (x0, y0) to m (max of the
// coverages, within the clip).
func (m *Mask) AddStamp(s *Stamp, x0, y0 int) {
	for y := range s.H {
		lo, hi, ok := s.span(m.clip, x0, y0, y)
		if !ok {
			continue
		}
		py := y0 + y
		src := s.a[y*s.W+lo : y*s.W+hi]
		dst := m.a[py*m.w+x0+lo : py*m.w+x0+hi]
		for i, v := range src {
			if v > dst[i] {
				dst[i] = v
			}
		}
		m.mark(py, x0+lo, x0+hi-1)
	}
}

// Paint composites c (non-premultiplied, its alpha included) through s
// placed at (x0, y0) onto dst, within clip: one marker in its own colour.
func (s *Stamp) Paint(dst *image.RGBA, clip image.Rectangle, x0, y0 int, c color.NRGBA) {
	clip = clip.Intersect(dst.Rect)
	sr, sg, sb, sa := uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A)
	for y := range s.H {
		lo, hi, ok := s.span(clip, x0, y0, y)
		if !ok {
			continue
		}
		py := y0 + y
		src := s.a[y*s.W : (y+1)*s.W]
		pix := dst.Pix[(py-dst.Rect.Min.Y)*dst.Stride:]
		for x := lo; x < hi; x++ {
			a := uint32(src[x]) * sa / 255
			if a == 0 {
				continue
			}
			p := pix[4*(x0+x-dst.Rect.Min.X):][:4:4]
			if a == 255 {
				p[0], p[1], p[2], p[3] = uint8(sr), uint8(sg), uint8(sb), 255
				continue
			}
			na := 255 - a
			p[0] = uint8((sr*a + uint32(p[0])*na + 127) / 255)
			p[1] = uint8((sg*a + uint32(p[1])*na + 127) / 255)
			p[2] = uint8((sb*a + uint32(p[2])*na + 127) / 255)
			p[3] = uint8(a + (uint32(p[3])*na+127)/255)
		}
	}
}

// Clip returns the mask's clip rectangle.
func (m *Mask) Clip() image.Rectangle { return m.clip }
