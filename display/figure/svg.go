package figure

import (
	"context"
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// svgSurface draws on gonum/plot's SVG canvas. SVG has no clipping there,
// so lines are clipped to the axes here.
type svgSurface struct {
	ctx  context.Context
	c    *vgsvg.Canvas
	H    float64
	clp  *rect
	work int
}

func newSVGSurface(ctx context.Context, wIn, hIn float64) *svgSurface {
	v := &svgSurface{ctx: ctx, c: vgsvg.New(vg.Length(wIn)*vg.Inch, vg.Length(hIn)*vg.Inch), H: hIn * 72}
	v.fillRect(rect{0, 0, wIn * 72, hIn * 72}, color.NRGBA{255, 255, 255, 255})
	return v
}

func (v *svgSurface) clip(r *rect) { v.clp = r }

func (v *svgSurface) polyline(p []pt, st stroke) error {
	if st.width <= 0 || st.col.A == 0 {
		return nil
	}
	v.c.SetLineWidth(vg.Length(st.width))
	var ds []vg.Length
	for _, d := range st.dash {
		ds = append(ds, vg.Length(d))
	}
	v.c.SetLineDash(ds, 0)
	v.c.SetColor(st.col)
	var path vg.Path
	var run []pt
	flush := func() {
		if len(run) > 1 {
			// Thin on a grid of half a point, a device pixel of a
			// high-density screen showing the figure at its size.
			scaled := make([]pt, len(run))
			for i, q := range run {
				scaled[i] = pt{q.x * 2, q.y * 2}
			}
			for i, q := range thin(scaled) {
				vp := vgPoint(pt{q.x / 2, q.y / 2}, v.H)
				if i == 0 {
					path.Move(vp)
				} else {
					path.Line(vp)
				}
			}
		}
		run = run[:0]
	}
	for i := range p {
		if !finite(p[i].x) || !finite(p[i].y) {
			flush()
			continue
		}
		if v.clp == nil {
			run = append(run, p[i])
			continue
		}
		if i == 0 || !finite(p[i-1].x) || !finite(p[i-1].y) {
			continue
		}
		a, b, ok := clipSegment(p[i-1], p[i], *v.clp)
		if !ok {
			flush()
			continue
		}
		if len(run) == 0 || run[len(run)-1] != a {
			flush()
			run = append(run, a)
		}
		run = append(run, b)
		v.work++
		if v.work%pollEvery == 0 {
			if err := v.ctx.Err(); err != nil {
				return err
			}
		}
	}
	flush()
	if len(path) > 0 {
		v.c.Stroke(path)
	}
	v.c.SetLineDash(nil, 0)
	return nil
}

// clipSegment clips a–b to r (Liang–Barsky).
func clipSegment(a, b pt, r rect) (pt, pt, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := b.x-a.x, b.y-a.y
	for _, e := range [][2]float64{{-dx, a.x - r.x}, {dx, r.x + r.w - a.x}, {-dy, a.y - r.y}, {dy, r.y + r.h - a.y}} {
		pp, q := e[0], e[1]
		if pp == 0 {
			if q < 0 {
				return a, b, false
			}
			continue
		}
		t := q / pp
		if pp < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 > t1 {
			return a, b, false
		}
	}
	return pt{a.x + t0*dx, a.y + t0*dy}, pt{a.x + t1*dx, a.y + t1*dy}, true
}

func (v *svgSurface) markers(p []pt, st lineStyle) error {
	alpha := func(c color.NRGBA) color.NRGBA {
		c.A = uint8(float64(c.A)*st.alpha + 0.5)
		return c
	}
	ms := st.ms
	for i, q := range p {
		if !finite(q.x) || !finite(q.y) {
			continue
		}
		if c := v.clp; c != nil && (q.x < c.x || q.x > c.x+c.w || q.y < c.y || q.y > c.y+c.h) {
			continue
		}
		if i%pollEvery == 0 {
			if err := v.ctx.Err(); err != nil {
				return err
			}
		}
		c := vgPoint(q, v.H)
		var fill, edge vg.Path
		r := vg.Length(ms / 2)
		line := func(x0, y0, x1, y1 float64) {
			edge.Move(vg.Point{X: c.X + vg.Length(x0), Y: c.Y + vg.Length(y0)})
			edge.Line(vg.Point{X: c.X + vg.Length(x1), Y: c.Y + vg.Length(y1)})
		}
		switch st.marker {
		case "o":
			fill.Move(vg.Point{X: c.X + r, Y: c.Y})
			fill.Arc(c, r, 0, 2*math.Pi)
			fill.Close()
			edge = fill
		case ".", ",":
			rr := vg.Length(ms/4 + st.mew/2)
			if st.marker == "," {
				rr = 0.5
			}
			fill.Move(vg.Point{X: c.X + rr, Y: c.Y})
			fill.Arc(c, rr, 0, 2*math.Pi)
			fill.Close()
		case "s":
			fill = vg.Rectangle{Min: vg.Point{X: c.X - r, Y: c.Y - r}, Max: vg.Point{X: c.X + r, Y: c.Y + r}}.Path()
			edge = fill
		case "|":
			line(0, -ms/2, 0, ms/2)
		case "_":
			line(-ms/2, 0, ms/2, 0)
		case "+":
			line(0, -ms/2, 0, ms/2)
			line(-ms/2, 0, ms/2, 0)
		case "x":
			d := ms / 2 / math.Sqrt2
			line(-d, -d, d, d)
			line(-d, d, d, -d)
		default:
			if poly := markerPolygon(st.marker, ms); poly != nil {
				for i := 0; i < len(poly); i += 2 {
					q := vg.Point{X: c.X + vg.Length(poly[i]), Y: c.Y - vg.Length(poly[i+1])}
					if i == 0 {
						fill.Move(q)
					} else {
						fill.Line(q)
					}
				}
				fill.Close()
				edge = fill
			}
		}
		if len(fill) > 0 && (st.face != nil || st.marker == "." || st.marker == ",") {
			fc := st.edge
			if st.face != nil {
				fc = *st.face
			}
			v.c.SetColor(alpha(fc))
			v.c.Fill(fill)
		}
		if len(edge) > 0 {
			v.c.SetLineWidth(vg.Length(st.mew))
			v.c.SetColor(alpha(st.edge))
			v.c.Stroke(edge)
		}
	}
	return nil
}

func (v *svgSurface) fillRect(r rect, c color.NRGBA) {
	v.c.SetColor(c)
	v.c.Fill(vg.Rectangle{Min: vgPoint(pt{r.x, r.y + r.h}, v.H), Max: vgPoint(pt{r.x + r.w, r.y}, v.H)}.Path())
}

func (v *svgSurface) text(s string, at pt, size, rot float64, ha hAlign, va vAlign) {
	setText(v.c, s, vgPoint(at, v.H), size, black, rot, ha, va, true)
}
