package raster

import "math"

// Polygon adds the inside of a closed polygon (vertices x0, y0, x1, y1, …
// in pixels; non-zero winding) with exact antialiased coverage: each pixel
// gets the fraction of its area the polygon covers (overlapping parts of a
// self-intersecting polygon count once).
//
// Every edge adds, row by row, how much of each pixel lies to its right,
// signed by its direction, to a buffer of per-pixel differences; a running
// sum along each row then gives the covered area. The pixels crossed by an
// edge get the exact area (the integral of the clamped distance to the
// edge), those further right the edge's full height. Pixels left of the
// clip fold into its first column, which leaves the sums to its right
// unchanged, so edges need no clipping in x.
func (m *Mask) Polygon(p []float64) {
	n := len(p) / 2
	if n < 3 {
		return
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := 0; i < n; i++ {
		x, y := p[2*i], p[2*i+1]
		if !(math.Abs(x) < 1<<24 && math.Abs(y) < 1<<24) {
			return // not finite or absurdly far: nothing sensible to fill
		}
		x0, x1 = min(x0, x), max(x1, x)
		y0, y1 = min(y0, y), max(y1, y)
	}
	bx0 := max(floor(x0), m.clip.Min.X)
	bx1 := min(ceil(x1), m.clip.Max.X)
	by0 := max(floor(y0), m.clip.Min.Y)
	by1 := min(ceil(y1), m.clip.Max.Y)
	if bx0 >= bx1 || by0 >= by1 {
		return
	}
	w, h := bx1-bx0, by1-by0
	stride := w + 2
	if need := stride * h; cap(m.acc) < need {
		m.acc = make([]float32, need)
	} else {
		m.acc = m.acc[:need]
	}
	ox, oy := float64(bx0), float64(by0)
	for i := 0; i < n; i++ {
		j := (i + 1) % n
		m.edge(p[2*i]-ox, p[2*i+1]-oy, p[2*j]-ox, p[2*j+1]-oy, w, h, stride)
	}
	for r := 0; r < h; r++ {
		acc := m.acc[r*stride : (r+1)*stride]
		row := m.a[(by0+r)*m.w+bx0 : (by0+r)*m.w+bx1]
		s := float32(0)
		lo, hi := -1, -1
		for x := range row {
			s += acc[x]
			acc[x] = 0
			c := s
			if c < 0 {
				c = -c
			}
			if c > 1 {
				c = 1
			}
			if v := uint8(c*255 + 0.5); v > 0 {
				if v > row[x] {
					row[x] = v
				}
				if lo < 0 {
					lo = x
				}
				hi = x
			}
		}
		acc[w], acc[w+1] = 0, 0
		if lo >= 0 {
			m.mark(by0+r, bx0+lo, bx0+hi)
		}
	}
}

// edge adds one polygon edge, in coordinates relative to the buffer of
// w×h pixels, to m.acc.
func (m *Mask) edge(xa, ya, xb, yb float64, w, h, stride int) {
	if ya == yb {
		return
	}
	dir := float32(1)
	if ya > yb {
		xa, ya, xb, yb = xb, yb, xa, ya
		dir = -1
	}
	slope := (xb - xa) / (yb - ya)
	r0 := max(floor(ya), 0)
	r1 := min(ceil(yb), h)
	for r := r0; r < r1; r++ {
		top := math.Max(float64(r), ya)
		bot := math.Min(float64(r+1), yb)
		if bot <= top {
			continue
		}
		d := dir * float32(bot-top)
		u := xa + (top-ya)*slope
		v := xa + (bot-ya)*slope
		if u > v {
			u, v = v, u
		}
		acc := m.acc[r*stride : (r+1)*stride]
		p0, p1 := floor(u), floor(v)
		if p0 >= w {
			continue
		}
		prev := float32(0)
		if p0 < 0 {
			if p1 < 0 {
				acc[0] += d
				continue
			}
			prev = float32(rightOf(-1, u, v))
			acc[0] += d * prev
			p0 = 0
		}
		for px := p0; px <= min(p1, w-1); px++ {
			a := float32(rightOf(float64(px), u, v))
			acc[px] += d * (a - prev)
			prev = a
		}
		if p1 < w {
			acc[p1+1] += d * (1 - prev)
		}
	}
}

// rightOf is the mean, over the edge's x in [u, v], of the part of the
// pixel [px, px+1] to the right of the edge.
func rightOf(px, u, v float64) float64 {
	if v-u < 1e-6 {
		return clamp01(px + 1 - (u+v)/2)
	}
	return (ramp(px+1-u) - ramp(px+1-v)) / (v - u)
}

// ramp is the integral of clamp(s, 0, 1) from -∞ to s.
func ramp(s float64) float64 {
	switch {
	case s <= 0:
		return 0
	case s < 1:
		return s * s / 2
	}
	return s - 0.5
}
