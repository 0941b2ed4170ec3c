package figure

import (
	"fmt"
	"image/color"
)

// patch is what one Bar, Barh or Hist call draws: filled rectangles (the
// bars) or a histogram's step outline, in one style. Polygons are in data
// coordinates and have horizontal and vertical edges only.
type patch struct {
	polys  [][]xy
	closed bool         // false: a step outline, open at the baseline
	face   *color.NRGBA // nil: not filled
	edge   *color.NRGBA // nil: no outline
	width  float64      // outline width in points
	alpha  float64
	label  string
	// A Bar's legend entry follows those of lines and histograms, as
	// matplotlib's BarContainer's does.
	container bool
	after     int // len(ax.lines) when added: its place among the lines
	// matplotlib's zorder: 1 is drawn under the lines (bars, filled
	// shapes), 2 among them in order of creation (step outlines).
	zorder int
	// Values the autoscaling margin does not cross (matplotlib's sticky
	// edges): a bar's base, a histogram's zero.
	stickyX, stickyY []float64
	// Axhspan's x and Axvspan's y are fractions of the axes (fill.go).
	axesX, axesY bool
}

type xy struct{ x, y float64 }

// Defaults of matplotlib's rcParams for patches.
const (
	barWidth       = 0.8 // bar's width, barh's height
	patchLineWidth = 1.0 // patch.linewidth
)

// Bar draws bars at x of the given heights on the current axes, as
// matplotlib's bar: x and height are numbers or data of one length
// (x may also be []string categories, placed at 0, 1, ... and named by the
// ticks). Options: Width (default 0.8), Bottom (default 0), Align
// ("center" or "edge"), Color (default: the next colour of the bars'
// cycle), EdgeColor, LW, Alpha, Label.
func Bar(x, height any, opts ...any) error { return Gca().Bar(x, height, opts...) }

// Barh draws horizontal bars at y of the given widths, as matplotlib's
// barh; options as Bar's with Height and Left for Width and Bottom.
func Barh(y, width any, opts ...any) error { return Gca().Barh(y, width, opts...) }

// Bar is the axes' version of the package-level Bar.
func (ax *Axes) Bar(x, height any, opts ...any) error { return ax.bar("Bar", false, x, height, opts) }

// Barh is the axes' version of the package-level Barh.
func (ax *Axes) Barh(y, width any, opts ...any) error { return ax.bar("Barh", true, y, width, opts) }

func (ax *Axes) bar(fn string, horiz bool, pos, length any, opts []any) error {
	if ax.err != nil {
		return ax.err
	}
	thick, base, posName, lenName := "Width", "Bottom", "x", "height"
	if horiz {
		thick, base, posName, lenName = "Height", "Left", "y", "width"
	}
	p, err := parseArgs(fn, opts, thick, base, "Align", "Color", "EdgeColor", "LW", "Alpha", "Label")
	if err != nil {
		return err
	}
	at, err := ax.barPositions(pos, horiz)
	if err != nil {
		return fmt.Errorf("%s: %s: %w", fn, posName, err)
	}
	ls, err := scalarOrFloats(length)
	if err != nil {
		return fmt.Errorf("%s: %s: %w", fn, lenName, err)
	}
	ths, bs := p.bar.thick, p.bar.base
	if ths == nil {
		ths = []float64{barWidth}
	}
	if bs == nil {
		bs = []float64{0}
	}
	n, err := broadcastLen(fn, []string{posName, lenName, thick, base}, at, ls, ths, bs)
	if err != nil {
		return err
	}
	pa := ax.newPatch(p, &ax.nextPatchCol)
	pa.container, pa.closed, pa.zorder = true, true, 1
	for i := range n {
		c, l, w, b := at[i%len(at)], ls[i%len(ls)], ths[i%len(ths)], bs[i%len(bs)]
		lo := c - w/2
		if p.bar.align == "edge" {
			lo = c
		}
		if horiz {
			pa.polys = append(pa.polys, box(b, lo, b+l, lo+w))
			pa.stickyX = append(pa.stickyX, b)
		} else {
			pa.polys = append(pa.polys, box(lo, b, lo+w, b+l))
			pa.stickyY = append(pa.stickyY, b)
		}
	}
	ax.patches = append(ax.patches, pa)
	return nil
}

// broadcastLen checks that data of several lengths combine as numpy's
// broadcasting does here (each has one value or n) and returns n.
func broadcastLen(fn string, names []string, vs ...[]float64) (int, error) {
	n, from := 1, 0
	for i, v := range vs {
		if len(v) == 1 {
			continue
		}
		if n != 1 && len(v) != n {
			return 0, fmt.Errorf("%s: %s has %d values but %s has %d", fn, names[from], n, names[i], len(v))
		}
		n, from = len(v), i
	}
	return n, nil
}

// box is the rectangle [x0, x1]×[y0, y1] as a polygon starting at its
// base, as matplotlib's Rectangle.
func box(x0, y0, x1, y1 float64) []xy {
	return []xy{{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}}
}

// barPositions reads bar positions: numbers, or categories (strings)
// numbered in order of first appearance on these axes, which also become
// the axis' ticks.
func (ax *Axes) barPositions(v any, horiz bool) ([]float64, error) {
	cs, ok := v.([]string)
	if !ok {
		return scalarOrFloats(v)
	}
	k := 0
	if horiz {
		k = 1
	}
	at := make([]float64, len(cs))
	for i, c := range cs {
		j := 0
		for j < len(ax.cats[k]) && ax.cats[k][j] != c {
			j++
		}
		if j == len(ax.cats[k]) {
			ax.cats[k] = append(ax.cats[k], c)
		}
		at[i] = float64(j)
	}
	// Category ticks, unless the user set ticks of their own.
	ticks := &ax.xticks
	if horiz {
		ticks = &ax.yticks
	}
	if *ticks == nil || *ticks == ax.catTicks[k] {
		spec := &tickSpec{labels: append([]string(nil), ax.cats[k]...)}
		for j := range ax.cats[k] {
			spec.at = append(spec.at, float64(j))
		}
		*ticks, ax.catTicks[k] = spec, spec
	}
	return at, nil
}

// newPatch starts a patch with the style options in p, taking the next
// colour of the given cycle when Color is not given.
func (ax *Axes) newPatch(p *props, next *int) *patch {
	pa := &patch{alpha: 1, width: patchLineWidth, after: len(ax.lines)}
	var c color.NRGBA
	if p.color != nil {
		c = *p.color
	} else {
		c, _ = parseColor(cycle[*next%len(cycle)])
		*next++
	}
	pa.face = &c
	pa.edge = p.bar.edge
	if p.lw != nil {
		pa.width = *p.lw
	}
	if p.alpha != nil {
		pa.alpha = *p.alpha
	}
	if p.label != nil {
		pa.label = *p.label
	}
	return pa
}

// Hist computes the histogram of x and draws it on the current axes, as
// matplotlib's hist: it returns the count (or density) of each bin and
// the bin edges, numpy.histogram's results. x is one data set in any form
// Plot takes. Options: Bins (10 by default, or the edges), Range, Density,
// Weights, Histtype ("bar", "step", "stepfilled"), RWidth, Color (default:
// the next colour of the lines' cycle, as in matplotlib), EdgeColor, LW,
// Alpha, Label. NaN or infinite values are an error unless Range or Bins
// edges say which values count.
func Hist(x any, opts ...any) (counts, edges []float64, err error) { return Gca().Hist(x, opts...) }

// Hist is the axes' version of the package-level Hist.
func (ax *Axes) Hist(x any, opts ...any) (counts, edges []float64, err error) {
	if ax.err != nil {
		return nil, nil, ax.err
	}
	p, err := parseArgs("Hist", opts, "Bins", "Range", "Density", "Weights", "Histtype", "RWidth",
		"Color", "EdgeColor", "LW", "Alpha", "Label")
	if err != nil {
		return nil, nil, err
	}
	xs, err := histData(x)
	if err != nil {
		return nil, nil, fmt.Errorf("Hist: x: %w", err)
	}
	b := &p.bar
	counts, edges, err = histogram(xs, b.weights, b.bins, b.edges, b.rng, b.density)
	if err != nil {
		return nil, nil, fmt.Errorf("Hist: %w", err)
	}
	pa := ax.newPatch(p, &ax.nextCol)
	pa.stickyY = []float64{0}
	switch b.histtype {
	case "", "bar":
		pa.closed, pa.zorder = true, 1
		dr := 1.0
		if b.rwidth != nil {
			dr = *b.rwidth
		}
		for i, c := range counts {
			w := edges[i+1] - edges[i]
			lo := edges[i] + w/2 - dr*w/2
			pa.polys = append(pa.polys, box(lo, 0, lo+dr*w, c))
		}
	case "step":
		pa.zorder = 2
		if pa.edge == nil && !b.edgeNone {
			pa.edge = pa.face
		}
		pa.face = nil
		pa.polys = [][]xy{steps(counts, edges)}
	case "stepfilled":
		pa.closed, pa.zorder = true, 1
		pa.polys = [][]xy{steps(counts, edges)}
	}
	ax.patches = append(ax.patches, pa)
	return counts, edges, nil
}

// steps is a histogram's outline: up from the first edge at 0, along the
// bins' tops, down to 0 at the last edge.
func steps(counts, edges []float64) []xy {
	out := make([]xy, 0, 2*len(edges))
	out = append(out, xy{edges[0], 0})
	for i, c := range counts {
		out = append(out, xy{edges[i], c}, xy{edges[i+1], c})
	}
	return append(out, xy{edges[len(edges)-1], 0})
}

// histData reads Hist's data; a []float64 is not copied, as only its
// counts are kept.
func histData(x any) ([]float64, error) {
	switch x := x.(type) {
	case []float64:
		return x, nil
	case [][]float64, Rowser:
		return nil, fmt.Errorf("one data set at a time (got %T); call Hist once per data set", x)
	}
	return floats(x)
}
