package raster

import (
	"image"
	"image/color"
)

// Stamp is a small coverage image drawn once and added at many places:
// one marker of a scatter plot of a million points.
type Stamp struct {
	W, H int
	a    []uint8
	// Per row: the covered pixels are [lo, hi), of which [flo, fhi) are
	// fully covered (copied rather than compared); rows y0..y1-1 are not
	// empty.
	lo, flo, fhi, hi []int
	y0, y1           int
	// [q0, q1) in both directions is fully covered.
	q0, q1 int
}

// full is a run of full coverage to copy from.
var full = func() []uint8 {
	b := make([]uint8, 4096)
	for i := range b {
		b[i] = 255
	}
	return b
}()

// NewStamp draws a w×h stamp with draw, in the stamp's own pixels.
func NewStamp(w, h int, draw func(m *Mask)) *Stamp {
	m := NewMask(w, h)
	draw(m)
	s := &Stamp{W: w, H: h, a: m.a, lo: make([]int, h), flo: make([]int, h), fhi: make([]int, h), hi: make([]int, h)}
	s.y0, s.y1 = h, 0
	for y := range h {
		row := s.a[y*w : (y+1)*w]
		lo, hi := w, 0
		for x, v := range row {
			if v != 0 {
				lo, hi = min(lo, x), x+1
			}
		}
		if hi == 0 {
			lo = 0
		} else {
			s.y0, s.y1 = min(s.y0, y), y+1
		}
		// The longest run of 255 between them.
		flo, fhi := lo, lo
		for x := lo; x < hi; {
			if row[x] != 255 {
				x++
				continue
			}
			e := x
			for e < hi && row[e] == 255 {
				e++
			}
			if e-x > fhi-flo && e-x <= len(full) {
				flo, fhi = x, e
			}
			x = e
		}
		s.lo[y], s.flo[y], s.fhi[y], s.hi[y] = lo, flo, fhi, hi
	}
	// The largest fully covered square about the centre.
	c := min(w, h) / 2
	for r := 1; c-r >= 0 && c+r <= min(w, h); r++ {
		ok := true
		for y := c - r; y < c+r && ok; y++ {
			ok = s.flo[y] <= c-r && s.fhi[y] >= c+r
		}
		if !ok {
			break
		}
		s.q0, s.q1 = c-r, c+r
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
	c := m.clip
	inside := x0 >= c.Min.X && x0+s.W <= c.Max.X
	ya, yb := max(s.y0, c.Min.Y-y0), min(s.y1, c.Max.Y-y0)
	if ya >= yb {
		return
	}
	if inside && m.saturated(x0, y0+ya, x0+s.W, y0+yb) {
		return // adds nothing: every pixel it covers is fully covered
	}
	for y := ya; y < yb; y++ {
		lo, hi := s.lo[y], s.hi[y]
		py := y0 + y
		row := m.a[py*m.w+x0:]
		src := s.a[y*s.W:]
		if !inside {
			lo, hi = max(lo, c.Min.X-x0), min(hi, c.Max.X-x0)
			maxInto(row[lo:hi], src[lo:hi])
			continue
		}
		flo, fhi := s.flo[y], s.fhi[y]
		maxInto(row[lo:flo], src[lo:flo])
		copy(row[flo:fhi], full)
		maxInto(row[fhi:hi], src[fhi:hi])
	}
	xa, xb := x0, x0+s.W-1
	if !inside {
		xa, xb = max(xa, c.Min.X), min(xb, c.Max.X-1)
		if xa > xb {
			return
		}
	}
	m.markRows(y0+ya, y0+yb-1, xa, xb)
	if inside && s.q1 > s.q0 {
		m.saturate(x0+s.q0, max(y0+s.q0, c.Min.Y), x0+s.q1, min(y0+s.q1, c.Max.Y))
	}
}

// satBlock is the side of the blocks whose full coverage is remembered:
// a dense scatter plot fills its middle early, and further markers there
// are skipped.
const satBlock = 4

// saturated says whether all blocks meeting [x0, x1)×[y0, y1) are fully
// covered.
func (m *Mask) saturated(x0, y0, x1, y1 int) bool {
	if m.sat == nil {
		return false
	}
	bw := (m.w + satBlock - 1) / satBlock
	for by := y0 / satBlock; by <= (y1-1)/satBlock; by++ {
		row := m.sat[by*bw:]
		for bx := x0 / satBlock; bx <= (x1-1)/satBlock; bx++ {
			if !row[bx] {
				return false
			}
		}
	}
	return true
}

// saturate records the blocks inside the fully covered [x0, x1)×[y0, y1).
func (m *Mask) saturate(x0, y0, x1, y1 int) {
	bw := (m.w + satBlock - 1) / satBlock
	if m.sat == nil {
		m.sat = make([]bool, bw*((m.h+satBlock-1)/satBlock))
	}
	m.satUsed = true
	for by := (y0 + satBlock - 1) / satBlock; (by+1)*satBlock <= y1; by++ {
		row := m.sat[by*bw:]
		for bx := (x0 + satBlock - 1) / satBlock; (bx+1)*satBlock <= x1; bx++ {
			row[bx] = true
		}
	}
}

func maxInto(dst, src []uint8) {
	src = src[:len(dst)]
	for i, v := range src {
		if v > dst[i] {
			dst[i] = v
		}
	}
}

// markRows marks pixels x0..x1 of rows y0..y1 dirty.
func (m *Mask) markRows(y0, y1, x0, x1 int) {
	k0, k1 := x0/m.chunk, x1/m.chunk
	bits := (^uint64(0) >> (63 - k1 + k0)) << k0
	for y := y0; y <= y1; y++ {
		m.dirty[y] |= bits
	}
	m.y0, m.y1 = min(m.y0, y0), max(m.y1, y1)
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
