package figure

import (
	"fmt"
)

// FillBetween fills the area between y1 and y2 over x on the current
// axes, as matplotlib's fill_between: y2 is data or one number (0 for
// the area under a curve); a non-finite value leaves a gap. Options:
// Color (default: the next colour of the bars' cycle), Alpha, Label,
// EdgeColor, LW. A mean ± sd band is FillBetween(t, lo, hi, Alpha(0.3)).
func FillBetween(x, y1, y2 any, opts ...any) error { return Gca().FillBetween(x, y1, y2, opts...) }

// FillBetween is the axes' version of the package-level FillBetween.
func (ax *Axes) FillBetween(x, y1, y2 any, opts ...any) error {
	if ax.err != nil {
		return ax.err
	}
	p, err := parseArgs("FillBetween", opts, "Color", "Alpha", "Label", "EdgeColor", "LW")
	if err != nil {
		return err
	}
	xs, err := floats(x)
	if err != nil {
		return fmt.Errorf("FillBetween: x: %w", err)
	}
	a, err := scalarOrFloats(y1)
	if err != nil {
		return fmt.Errorf("FillBetween: y1: %w", err)
	}
	b, err := scalarOrFloats(y2)
	if err != nil {
		return fmt.Errorf("FillBetween: y2: %w", err)
	}
	for _, v := range []struct {
		name string
		d    []float64
	}{{"y1", a}, {"y2", b}} {
		if len(v.d) != 1 && len(v.d) != len(xs) {
			return fmt.Errorf("FillBetween: x has %d values but %s has %d", len(xs), v.name, len(v.d))
		}
	}
	pa := ax.newPatch(p, &ax.nextPatchCol)
	pa.closed, pa.zorder = true, 1
	at := func(d []float64, i int) float64 { return d[i%len(d)] }
	// One polygon per run of finite points: along y1, back along y2.
	start := -1
	flush := func(end int) {
		if start >= 0 && end-start >= 2 {
			var poly []xy
			for i := start; i < end; i++ {
				poly = append(poly, xy{xs[i], at(a, i)})
			}
			for i := end - 1; i >= start; i-- {
				poly = append(poly, xy{xs[i], at(b, i)})
			}
			pa.polys = append(pa.polys, poly)
		}
		start = -1
	}
	for i := range xs {
		if finite(xs[i]) && finite(at(a, i)) && finite(at(b, i)) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(xs))
	ax.patches = append(ax.patches, pa)
	return nil
}

// Axhspan fills a horizontal band from ymin to ymax across the axes, as
// matplotlib's axhspan (options Color, default "C0", Alpha, Label,
// EdgeColor, LW).
func Axhspan(ymin, ymax float64, opts ...any) error { return Gca().Axhspan(ymin, ymax, opts...) }

// Axvspan fills a vertical band from xmin to xmax up the axes.
func Axvspan(xmin, xmax float64, opts ...any) error { return Gca().Axvspan(xmin, xmax, opts...) }

// Axhspan is the axes' version of the package-level Axhspan.
func (ax *Axes) Axhspan(ymin, ymax float64, opts ...any) error {
	return ax.span("Axhspan", false, ymin, ymax, opts)
}

// Axvspan is the axes' version of the package-level Axvspan.
func (ax *Axes) Axvspan(xmin, xmax float64, opts ...any) error {
	return ax.span("Axvspan", true, xmin, xmax, opts)
}

func (ax *Axes) span(fn string, vertical bool, lo, hi float64, opts []any) error {
	if ax.err != nil {
		return ax.err
	}
	if !finite(lo) || !finite(hi) {
		return fmt.Errorf("%s(%g, %g): limits must be finite", fn, lo, hi)
	}
	p, err := parseArgs(fn, opts, "Color", "Alpha", "Label", "EdgeColor", "LW")
	if err != nil {
		return err
	}
	// matplotlib's spans are Polygons in patch.facecolor, not the cycle.
	next := 0
	pa := ax.newPatch(p, &next)
	pa.closed, pa.zorder = true, 1
	if vertical {
		pa.axesY = true
		pa.polys = [][]xy{box(lo, 0, hi, 1)}
	} else {
		pa.axesX = true
		pa.polys = [][]xy{box(0, lo, 1, hi)}
	}
	ax.patches = append(ax.patches, pa)
	return nil
}

// Errorbar draws y against x with error bars, as matplotlib's errorbar:
// options Yerr and Xerr (one number, one per point, or two rows: below
// and above), Capsize (points, default 0), and Plot's format string and
// options for the line and markers; the bars take the line's colour and
// width. Errorbar(x, y, "o", Yerr(sd)) draws points with bars only.
func Errorbar(x, y any, opts ...any) error { return Gca().Errorbar(x, y, opts...) }

// Errorbar is the axes' version of the package-level Errorbar.
func (ax *Axes) Errorbar(x, y any, opts ...any) error {
	if ax.err != nil {
		return ax.err
	}
	p, err := parseArgs("Errorbar", opts, "fmt", "Yerr", "Xerr", "Capsize", "Color", "LS", "LW", "Alpha",
		"Label", "Marker", "MS", "MFC", "MEC", "MEW")
	if err != nil {
		return err
	}
	xs, err := floats(x)
	if err != nil {
		return fmt.Errorf("Errorbar: x: %w", err)
	}
	ys, err := floats(y)
	if err != nil {
		return fmt.Errorf("Errorbar: y: %w", err)
	}
	if len(xs) != len(ys) {
		return fmt.Errorf("Errorbar: x has %d values but y has %d", len(xs), len(ys))
	}
	k := &p.kind
	for _, e := range []struct {
		name string
		r    [][]float64
	}{{"Yerr", k.yerr}, {"Xerr", k.xerr}} {
		for _, r := range e.r {
			if len(r) != 1 && len(r) != len(xs) {
				return fmt.Errorf("Errorbar: x has %d values but %s has %d", len(xs), e.name, len(r))
			}
		}
	}
	st := ax.style(p)
	bar := lineStyle{color: st.color, alpha: st.alpha, width: st.width, dash: "-"}
	capsize := 0.0
	if k.capsize != nil {
		capsize = *k.capsize
	}
	add := func(errs [][]float64, vertical bool) {
		if errs == nil {
			return
		}
		var bx, by, cx, cy []float64
		nan := nanValue()
		for i := range xs {
			lo, hi := errs[0][i%len(errs[0])], errs[1][i%len(errs[1])]
			if vertical {
				bx = append(bx, xs[i], xs[i], nan)
				by = append(by, ys[i]-lo, ys[i]+hi, nan)
				cx = append(cx, xs[i], xs[i])
				cy = append(cy, ys[i]-lo, ys[i]+hi)
			} else {
				bx = append(bx, xs[i]-lo, xs[i]+hi, nan)
				by = append(by, ys[i], ys[i], nan)
				cx = append(cx, xs[i]-lo, xs[i]+hi)
				cy = append(cy, ys[i], ys[i])
			}
		}
		ax.lines = append(ax.lines, &line{x: bx, y: by, st: bar})
		if capsize > 0 {
			c := lineStyle{color: st.color, edge: st.color, alpha: st.alpha, width: st.width,
				marker: "_", ms: 2 * capsize, mew: st.width}
			if !vertical {
				c.marker = "|"
			}
			ax.lines = append(ax.lines, &line{x: cx, y: cy, st: c})
		}
	}
	add(k.yerr, true)
	add(k.xerr, false)
	ax.lines = append(ax.lines, &line{x: xs, y: ys, st: st, first: true})
	return nil
}

func nanValue() float64 { var z float64; return z / z }

// spanned places a span's axes-fraction coordinate on the box.
func (p *panel) patchPoint(pa *patch, v xy) pt {
	q := pt{p.xpos(v.x), p.ypos(v.y)}
	if pa.axesX {
		q.x = p.box.x + v.x*p.box.w
	}
	if pa.axesY {
		q.y = p.box.y + p.box.h - v.y*p.box.h
	}
	return q
}
