package figure

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonsim/display/internal/raster"
)

// scatter is what one Scatter call draws: a marker at each point, each
// with its own size and colour (matplotlib's PathCollection).
type scatter struct {
	x, y   []float64
	sizes  []float64     // marker areas in pt², one or one per point
	colors []color.NRGBA // faces, one or one per point (nil with values)
	values []float64     // colour-mapped by nrm
	nrm    norm
	marker string
	alpha  float64
	lw     float64
	edge   *color.NRGBA // nil: the face's colour
	label  string
}

// mappable is a colour-mapped artist, what Colorbar shows.
type mappable struct {
	ax  *Axes
	nrm norm
}

// scatterLineWidth is matplotlib's: scatter's edges take lines.linewidth.
const scatterLineWidth = lineWidth

// Scatter draws a marker at each point (x[i], y[i]) on the current axes,
// as matplotlib's scatter: options Sizes (areas in points², default 36),
// Colors (numbers mapped by Cmap between Vmin and Vmax, or colour names;
// default: the next colour of the bars' cycle, or Color), Marker (default
// "o"), Alpha, LW and EdgeColor of the edges (default: the face's colour),
// Label. A million points draw in a fraction of a second.
func Scatter(x, y any, opts ...any) error { return Gca().Scatter(x, y, opts...) }

// Scatter is the axes' version of the package-level Scatter.
func (ax *Axes) Scatter(x, y any, opts ...any) error {
	if ax.err != nil {
		return ax.err
	}
	p, err := parseArgs("Scatter", opts, "Sizes", "Colors", "Color", "Cmap", "Vmin", "Vmax",
		"Marker", "Alpha", "LW", "EdgeColor", "Label")
	if err != nil {
		return err
	}
	xs, err := floats(x)
	if err != nil {
		return fmt.Errorf("Scatter: x: %w", err)
	}
	ys, err := floats(y)
	if err != nil {
		return fmt.Errorf("Scatter: y: %w", err)
	}
	n := len(xs)
	if len(ys) != n {
		return fmt.Errorf("Scatter: x has %d values but y has %d", n, len(ys))
	}
	k := &p.kind
	sc := &scatter{x: xs, y: ys, sizes: k.sizes, marker: "o", alpha: 1, lw: scatterLineWidth, edge: p.bar.edge}
	if sc.sizes == nil {
		sc.sizes = []float64{markerSize * markerSize}
	}
	if len(sc.sizes) != 1 && len(sc.sizes) != n {
		return fmt.Errorf("Scatter: x has %d values but Sizes has %d", n, len(sc.sizes))
	}
	switch {
	case k.values != nil && p.color != nil:
		return fmt.Errorf("Scatter: give Colors or Color, not both")
	case k.values != nil:
		if len(k.values) != n {
			return fmt.Errorf("Scatter: x has %d values but Colors has %d", n, len(k.values))
		}
		cm := k.cmap
		if cm == nil {
			cm, _ = lookupCmap(defaultCmap)
		}
		sc.values = k.values
		sc.nrm = autoNorm(cm, k.vmin, k.vmax, k.values)
		ax.fig.mappable = &mappable{ax: ax, nrm: sc.nrm}
		ax.mappable = ax.fig.mappable
	case k.colors != nil:
		if len(k.colors) != 1 && len(k.colors) != n {
			return fmt.Errorf("Scatter: x has %d values but Colors has %d", n, len(k.colors))
		}
		sc.colors = k.colors
	case p.color != nil:
		sc.colors = []color.NRGBA{*p.color}
	default:
		c, _ := parseColor(cycle[ax.nextPatchCol%len(cycle)])
		ax.nextPatchCol++
		sc.colors = []color.NRGBA{c}
	}
	if k.values == nil && (k.cmap != nil || k.vmin != nil || k.vmax != nil) {
		return fmt.Errorf("Scatter: Cmap, Vmin and Vmax need Colors given as numbers")
	}
	if p.marker != nil {
		if *p.marker == "" {
			return fmt.Errorf("Scatter: Marker(\"\") draws nothing; give a marker such as \"o\"")
		}
		sc.marker = *p.marker
	}
	if p.alpha != nil {
		sc.alpha = *p.alpha
	}
	if p.lw != nil {
		sc.lw = *p.lw
	}
	if p.label != nil {
		sc.label = *p.label
	}
	ax.scatters = append(ax.scatters, sc)
	return nil
}

// faceAt is the colour of point i before alpha.
func (sc *scatter) faceAt(i int) color.NRGBA {
	if sc.values != nil {
		return sc.nrm.color(sc.values[i])
	}
	return sc.colors[i%len(sc.colors)]
}

// filled says whether the marker has a face; the others ("+", "x", "|",
// "_") are drawn with their edge in the point's colour, as matplotlib
// does.
func (sc *scatter) filled() bool { return strings.Contains(filledMarkers, sc.marker) }

// scatterRange widens [lo, hi] to the scatter points along x or y.
func (ax *Axes) scatterRange(x bool, lo, hi float64, sc *scale) (float64, float64) {
	for _, s := range ax.scatters {
		vs := s.y
		if x {
			vs = s.x
		}
		for i, v := range vs {
			if sc.valid(v) && finite(s.x[i]) && finite(s.y[i]) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	return lo, hi
}

// drawScatters draws the axes' scatter plots in order.
func (p *panel) drawScatters(ctx context.Context, s surface) error {
	for _, sc := range p.ax.scatters {
		pts := make([]pt, len(sc.x))
		for i := range sc.x {
			pts[i] = pt{p.xpos(sc.x[i]), p.ypos(sc.y[i])}
		}
		if err := s.scatter(pts, sc); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// markerDiameter is the size of a scatter marker of area a (pt²), as a
// Plot marker size: matplotlib scales the marker's path by sqrt(s).
func markerDiameter(a float64) float64 { return math.Sqrt(a) }

// stampKey names a drawn marker: its kind, size and edge width in 1/8
// pixels, and its centre's offset from the pixel grid in quarter pixels.
type stampKey struct {
	marker     string
	size, mew  int32
	fx, fy     int8
	face, edge bool
}

// maxStamps bounds the stamp cache (a scatter with continuous sizes).
const maxStamps = 1 << 14

func (r *imageSurface) stamp(k stampKey) *raster.Stamp {
	if st, ok := r.stamps[k]; ok {
		return st
	}
	if len(r.stamps) >= maxStamps {
		clear(r.stamps)
	}
	ms, mew := float64(k.size)/8, float64(k.mew)/8
	reach := ms / 2 // the marker's farthest point from its centre
	switch k.marker {
	case "D", "d":
		reach = ms / math.Sqrt2
	case "s":
		reach = ms / math.Sqrt2
	}
	half := int(math.Ceil(reach+mew/2)) + 2
	cx, cy := float64(half)+float64(k.fx)/4, float64(half)+float64(k.fy)/4
	poly := markerPolygon(k.marker, ms)
	buf := make([]float64, 0, len(poly))
	st := raster.NewStamp(2*half+1, 2*half+1, func(m *raster.Mask) {
		if k.face {
			drawMarker(m, k.marker, cx, cy, ms, mew, poly, buf, true)
		}
		if k.edge && mew > 0 {
			drawMarker(m, k.marker, cx, cy, ms, mew, poly, buf, false)
		}
	})
	r.stamps[k] = st
	return st
}

// scatter draws each marker from a stamp. One opaque colour whose edge is
// the face is the common case and the fastest: the markers' union is
// painted once. Otherwise each marker is painted in turn, face then edge,
// so that later points cover earlier ones and translucent ones add up, as
// in matplotlib.
func (r *imageSurface) scatter(p []pt, sc *scatter) error {
	if r.stamps == nil {
		r.stamps = map[stampKey]*raster.Stamp{}
	}
	filled := sc.filled()
	union := sc.values == nil && len(sc.colors) == 1 && withAlpha(sc.colors[0], sc.alpha).A == 255 &&
		(sc.edge == nil || *sc.edge == sc.colors[0])
	clip := r.mask.Clip()
	for i, q := range p {
		if !finite(q.x) || !finite(q.y) {
			continue
		}
		x, y := q.x*r.s, q.y*r.s
		if x < -1e6 || x > 1e6 || y < -1e6 || y > 1e6 {
			continue
		}
		ix, iy := math.Floor(x), math.Floor(y)
		fx, fy := math.Round((x-ix)*4), math.Round((y-iy)*4)
		a := sc.sizes[i%len(sc.sizes)]
		k := stampKey{marker: sc.marker, size: int32(math.Round(markerDiameter(a) * r.s * 8)),
			mew: int32(math.Round(sc.lw * r.s * 8)), fx: int8(fx), fy: int8(fy)}
		face := sc.faceAt(i)
		if union {
			k.face, k.edge = filled, true
			st := r.stamp(k)
			half := (st.W - 1) / 2
			r.mask.AddStamp(st, int(ix)-half, int(iy)-half)
		} else {
			edge := face
			if sc.edge != nil {
				edge = *sc.edge
			}
			if filled {
				if sc.edge == nil { // edge and face in one go
					k.face, k.edge = true, true
				} else {
					k.face = true
				}
				st := r.stamp(k)
				half := (st.W - 1) / 2
				st.Paint(r.img, clip, int(ix)-half, int(iy)-half, withAlpha(face, sc.alpha))
				k.face, k.edge = false, true
			} else {
				k.edge = true
			}
			if k.edge && !(filled && sc.edge == nil) {
				st := r.stamp(k)
				half := (st.W - 1) / 2
				st.Paint(r.img, clip, int(ix)-half, int(iy)-half, withAlpha(edge, sc.alpha))
			}
		}
		if i%1024 == 0 {
			if err := r.ctx.Err(); err != nil {
				return err
			}
		}
	}
	if union {
		r.mask.Composite(r.img, sc.colors[0])
	}
	return nil
}

// scatter on SVG writes one path per marker.
func (v *svgSurface) scatter(p []pt, sc *scatter) error {
	for i, q := range p {
		if !finite(q.x) || !finite(q.y) {
			continue
		}
		if c := v.clp; c != nil && (q.x < c.x || q.x > c.x+c.w || q.y < c.y || q.y > c.y+c.h) {
			continue
		}
		face := sc.faceAt(i)
		st := lineStyle{marker: sc.marker, ms: markerDiameter(sc.sizes[i%len(sc.sizes)]), mew: sc.lw,
			alpha: sc.alpha, edge: face}
		if sc.edge != nil {
			st.edge = *sc.edge
		}
		if sc.filled() {
			st.face = &face
		}
		if err := v.markers([]pt{q}, st); err != nil {
			return err
		}
	}
	return v.ctx.Err()
}

// legendHandle draws the legend's key: the first point's marker, as
// matplotlib's legend.scatterpoints (1).
func (sc *scatter) legendHandle(s surface, at pt) {
	var face color.NRGBA
	switch {
	case len(sc.x) > 0:
		face = sc.faceAt(0)
	case sc.values != nil:
		face = sc.nrm.color(sc.nrm.vmin)
	default:
		face = sc.colors[0]
	}
	one := *sc
	one.x, one.y, one.values, one.colors = sc.x[:0], sc.y[:0], nil, []color.NRGBA{face}
	one.sizes = sc.sizes[:1]
	s.scatter([]pt{at}, &one)
}
