// Package raster strokes antialiased lines and markers onto RGBA images fast
// enough for long noisy traces.
//
//	m := raster.NewMask(w, h)
//	m.Segment(x0, y0, x1, y1, width, raster.Round) // any number of shapes
//	m.Composite(img, color.NRGBA{0, 0, 0, 13})      // paint them once, clear m
//
// gonum/plot's image backend fills each stroked path through a general
// rasterizer whose cost grows much faster than linearly with the number of
// segments of one path (stack-findings: ~1 s for a 10k-point noisy line).
// Figures here draw tens of such traces, so lines are rasterized with a
// specialised method instead: every segment adds its exact antialiased
// coverage (distance of the pixel centre to the segment) to a coverage mask
// with max(), and the mask is then composited once with the stroke colour.
// The max() union makes a translucent trace look as one shape, not as the
// sum of its overlapping segments, which is what a path fill gives too.
package raster

import (
	"image"
	"image/color"
	"math"
	mbits "math/bits"
)

// Mask accumulates the coverage of one shape (a polyline, a set of markers)
// before it is composited onto an image. It is reused between shapes.
type Mask struct {
	w, h int
	a    []uint8
	// Dirty chunks of each row (bit k: pixels [k*chunk, (k+1)*chunk)), so
	// that compositing and clearing touch only what was drawn: a trace
	// with a few tall spikes dirties every row, but only a few chunks.
	dirty  []uint64
	chunk  int
	y0, y1 int
	clip   image.Rectangle
	acc    []float32 // Polygon's coverage differences, reused
	// Fully covered blocks of satBlock² pixels (stamp.go), cleared with
	// the mask.
	sat     []bool
	satUsed bool
}

// NewMask returns a mask of the given size in pixels.
func NewMask(w, h int) *Mask {
	m := &Mask{w: w, h: h, a: make([]uint8, w*h), dirty: make([]uint64, h), chunk: max(16, (w+63)/64)}
	m.y0, m.y1 = h, -1
	m.clip = image.Rect(0, 0, w, h)
	return m
}

// SetClip limits all later drawing to r (intersected with the mask).
func (m *Mask) SetClip(r image.Rectangle) {
	m.clip = r.Intersect(image.Rect(0, 0, m.w, m.h))
}

// Cap says how a segment ends.
type Cap int

const (
	// Round ends add a half disc, which also gives round joins.
	Round Cap = iota
	// Butt ends stop exactly at the end points (dashes).
	Butt
)

// Segment adds a straight stroke from (x0,y0) to (x1,y1) of the given width,
// all in pixels, with the same cap at both ends.
func (m *Mask) Segment(x0, y0, x1, y1, width float64, cp Cap) {
	m.SegmentCaps(x0, y0, x1, y1, width, cp, cp)
}

// SegmentCaps is Segment with a cap for each end: a dash drawn as several
// segments has butt ends and round joins.
func (m *Mask) SegmentCaps(x0, y0, x1, y1, width float64, start, end Cap) {
	const far = 1 << 20 // pixels; data far outside the view are cut here
	if math.Abs(x0) > far || math.Abs(y0) > far || math.Abs(x1) > far || math.Abs(y1) > far {
		var ok bool
		if x0, y0, x1, y1, ok = cut(x0, y0, x1, y1, far/2); !ok {
			return
		}
	}
	hw := width / 2
	dx, dy := x1-x0, y1-y0
	l2 := dx*dx + dy*dy
	if l2 < 1e-12 {
		if start == Round || end == Round {
			m.Disc(x0, y0, hw)
		}
		return
	}
	l := math.Sqrt(l2)
	ux, uy := dx/l, dy/l
	lim := hw + 0.5 // coverage is lim - distance, clamped
	ylo, yhi := min(y0, y1), max(y0, y1)
	xlo, xhi := min(x0, x1), max(x0, x1)
	// Pixels whose centre (p+0.5) is within lim of the segment's box.
	ry0 := max(ceil((ylo - lim - 0.5)), m.clip.Min.Y)
	ry1 := min(floor((yhi + lim - 0.5)), m.clip.Max.Y-1)
	// Half extent in x of the band |q| < lim around the line at one row.
	steep := math.Abs(dy) > 1e-9
	bandHalf, slope := 0.0, 0.0
	if steep {
		bandHalf = lim * l / math.Abs(dy)
		slope = dx / dy
	}
	for py := ry0; py <= ry1; py++ {
		cy := float64(py) + 0.5
		lo, hi := xlo-lim, xhi+lim
		if steep {
			xc := x0 + (cy-y0)*slope
			lo = max(lo, xc-bandHalf)
			hi = min(hi, xc+bandHalf)
		}
		px0 := max(ceil((lo - 0.5)), m.clip.Min.X)
		px1 := min(floor((hi - 0.5)), m.clip.Max.X-1)
		if px0 > px1 {
			continue
		}
		row := m.a[py*m.w : (py+1)*m.w]
		touched := false
		// Along a row the distance along the segment (s) and the signed
		// distance across it (q) change by constants: no products or
		// square roots for the pixels inside the segment's body.
		vx, vy := float64(px0)+0.5-x0, cy-y0
		s := vx*ux + vy*uy
		q := vx*uy - vy*ux
		for px := px0; px <= px1; px, s, q = px+1, s+ux, q+uy {
			d := q
			if d < 0 {
				d = -d
			}
			if d >= lim {
				continue
			}
			var cov float64
			if s >= 0.5 && s <= l-0.5 {
				cov = lim - d
			} else {
				along := 1.0
				if s < 0.5 {
					if start == Butt {
						along = s + 0.5
					} else if s < 0 {
						d = math.Sqrt(s*s + q*q)
					}
				}
				if s > l-0.5 {
					if end == Butt {
						along = math.Min(along, l-s+0.5)
					} else if s > l {
						e := s - l
						d = math.Sqrt(e*e + q*q)
					}
				}
				if along <= 0 {
					continue
				}
				cov = clamp01(lim-d) * math.Min(along, 1)
			}
			if cov >= 1 {
				row[px] = 255
				touched = true
			} else if cov > 0 {
				if c := uint8(cov*255 + 0.5); c > row[px] {
					row[px] = c
				}
				touched = true
			}
		}
		if touched {
			m.mark(py, px0, px1)
		}
	}
}

// Rect adds an axis-aligned filled rectangle with antialiased edges.
func (m *Mask) Rect(x0, y0, x1, y1 float64) {
	ry0 := max(int(math.Floor(y0)), m.clip.Min.Y)
	ry1 := min(int(math.Ceil(y1)), m.clip.Max.Y) - 1
	px0 := max(int(math.Floor(x0)), m.clip.Min.X)
	px1 := min(int(math.Ceil(x1)), m.clip.Max.X) - 1
	if px0 > px1 {
		return
	}
	span := func(p int, a, b float64) float64 {
		return clamp01(math.Min(float64(p)+1, b) - math.Max(float64(p), a))
	}
	for py := ry0; py <= ry1; py++ {
		cy := span(py, y0, y1)
		row := m.a[py*m.w : (py+1)*m.w]
		for px := px0; px <= px1; px++ {
			if c := uint8(cy*span(px, x0, x1)*255 + 0.5); c > row[px] {
				row[px] = c
			}
		}
		m.mark(py, px0, px1)
	}
}

// Disc adds a filled disc of radius r.
func (m *Mask) Disc(cx, cy, r float64) { m.ring(cx, cy, r, -1) }

// Ring adds a circle of radius r stroked with the given width.
func (m *Mask) Ring(cx, cy, r, width float64) { m.ring(cx, cy, r, width) }

func (m *Mask) ring(cx, cy, r, width float64) {
	outer := r
	if width > 0 {
		outer = r + width/2
	}
	ry0 := max(int(math.Floor(cy-outer-1)), m.clip.Min.Y)
	ry1 := min(int(math.Ceil(cy+outer+1)), m.clip.Max.Y-1)
	px0 := max(int(math.Floor(cx-outer-1)), m.clip.Min.X)
	px1 := min(int(math.Ceil(cx+outer+1)), m.clip.Max.X-1)
	if px0 > px1 {
		return
	}
	for py := ry0; py <= ry1; py++ {
		row := m.a[py*m.w : (py+1)*m.w]
		for px := px0; px <= px1; px++ {
			d := math.Hypot(float64(px)+0.5-cx, float64(py)+0.5-cy)
			var cov float64
			if width > 0 {
				cov = clamp01(width/2 + 0.5 - math.Abs(d-r))
			} else {
				cov = clamp01(r + 0.5 - d)
			}
			if c := uint8(cov*255 + 0.5); c > row[px] {
				row[px] = c
			}
		}
		m.mark(py, px0, px1)
	}
}

func (m *Mask) mark(y, x0, x1 int) {
	k0, k1 := x0/m.chunk, x1/m.chunk
	m.dirty[y] |= (^uint64(0) >> (63 - k1 + k0)) << k0
	if y < m.y0 {
		m.y0 = y
	}
	if y > m.y1 {
		m.y1 = y
	}
}

// Composite paints c (non-premultiplied, its alpha included) through the
// mask onto dst, which must have the mask's size, and clears the mask.
func (m *Mask) Composite(dst *image.RGBA, c color.NRGBA) {
	sr, sg, sb, sa := uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A)
	for y := m.y0; y <= m.y1; y++ {
		bits := m.dirty[y]
		m.dirty[y] = 0
		row := m.a[y*m.w : (y+1)*m.w]
		pix := dst.Pix[y*dst.Stride:]
		for bits != 0 {
			k := mbits.TrailingZeros64(bits)
			bits &= bits - 1
			x1 := min((k+1)*m.chunk, m.w)
			for x := k * m.chunk; x < x1; x++ {
				cov := uint32(row[x])
				if cov == 0 {
					continue
				}
				row[x] = 0
				a := cov * sa / 255 // 0..255
				if a == 0 {
					continue
				}
				na := 255 - a
				p := pix[4*x : 4*x+4 : 4*x+4]
				p[0] = uint8((sr*a + uint32(p[0])*na + 127) / 255)
				p[1] = uint8((sg*a + uint32(p[1])*na + 127) / 255)
				p[2] = uint8((sb*a + uint32(p[2])*na + 127) / 255)
				p[3] = uint8(a + (uint32(p[3])*na+127)/255)
			}
		}
	}
	m.y0, m.y1 = m.h, -1
	if m.satUsed {
		clear(m.sat)
		m.satUsed = false
	}
}

// cut clips a segment to the square |x|, |y| <= lim (Liang–Barsky); the
// cut ends are far outside any image, so their caps never show.
func cut(x0, y0, x1, y1, lim float64) (float64, float64, float64, float64, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := x1-x0, y1-y0
	for _, e := range [4][2]float64{{-dx, x0 + lim}, {dx, lim - x0}, {-dy, y0 + lim}, {dy, lim - y0}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, 0, 0, false
			}
			continue
		}
		if t := q / p; p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		if t0 > t1 {
			return 0, 0, 0, 0, false
		}
	}
	return x0 + t0*dx, y0 + t0*dy, x0 + t1*dx, y0 + t1*dy, true
}

// floor and ceil to int without math.Floor's function call (it is not an
// intrinsic on the baseline amd64 target), for coordinates well inside the
// int range.
func floor(x float64) int {
	i := int(x)
	if float64(i) > x {
		i--
	}
	return i
}

func ceil(x float64) int {
	i := int(x)
	if float64(i) < x {
		i++
	}
	return i
}

func clamp01(v float64) float64 {
	if v <= 0 {
		return 0
	}
	if v >= 1 {
		return 1
	}
	return v
}
