package figure

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"math"
	"strings"
	"sync"
)

// Fig is a figure: a canvas of a given size in inches holding subplots.
type Fig struct {
	w, h   float64 // inches
	dpi    float64
	axes   []*Axes
	cur    *Axes
	tight  bool
	err    error
	closed bool
	num    int
	// The last colour-mapped Scatter, Imshow or Pcolormesh: what Colorbar
	// shows (matplotlib's current image).
	mappable *mappable
	suptitle text // subplots.go
}

// Axes is one panel of a figure, matplotlib's Axes.
type Axes struct {
	fig                 *Fig
	nrows, ncols, index int // 1-based index as in Subplot(321)
	err                 error

	lines   []*line // traces and reference lines, in drawing order
	nextCol int

	xlabel, ylabel, title text
	xlim, ylim            *[2]float64
	xticks, yticks        *tickSpec
	frameOff              bool
	legend                *legendSpec

	// Shared limits: axes in one group autoscale together.
	xgroup, ygroup *shareGroup

	// Bars and histograms (bar.go).
	patches      []*patch
	nextPatchCol int          // Bar's colour cycle, apart from the lines' as in matplotlib
	cats         [2][]string  // categories of Bar's x (0) and Barh's y (1), at 0, 1, ...
	catTicks     [2]*tickSpec // the ticks the categories set, replaced as categories come

	// Scatter, Imshow, Pcolormesh, Text, Colorbar and the axes' shape
	// (scatter.go, mesh.go, annotate.go).
	scatters []*scatter
	meshes   []*mesh
	texts    []*annotation
	colorbar *colorbarSpec
	mappable *mappable // the last colour-mapped artist of these axes
	aspect   float64   // length of a y unit over an x unit; 0: fill the axes
	yinvert  bool      // y grows downwards (Imshow's origin "upper")

	// Log and symlog axes, nil for linear (scale.go); twin axes (twin.go).
	xscale, yscale *scale
	twin           *Axes // the axes this one was made from by Twinx
}

type shareGroup struct{ members []*Axes }

type text struct {
	s    string
	size float64
}

type tickSpec struct {
	at     []float64
	labels []string
}

type legendSpec struct {
	loc      string
	fontsize float64
}

// line is one trace; a Plot call with many rows makes many lines with one
// legend entry.
type line struct {
	x, y  []float64
	st    lineStyle
	first bool // first trace of its Plot call (carries the legend label)

	// An Axhline/Axvline spans the axes whatever the limits.
	ref      bool
	vertical bool
	at       float64
}

type lineStyle struct {
	color   color.NRGBA
	alpha   float64
	width   float64
	dash    string // "-", "--", ":", "-.", "" (no line)
	marker  string
	ms, mew float64
	face    *color.NRGBA // nil: no face
	edge    color.NRGBA
	label   string
}

// Defaults of matplotlib's rcParams that this package follows.
const (
	defaultW, defaultH = 6.4, 4.8
	defaultDPI         = 100
	fontSize           = 10.0
	titleSize          = 12.0
	lineWidth          = 1.5
	markerSize         = 6.0
)

// state is pyplot's current-figure machinery. Cells run one at a time, but
// TakeFigures may be called from another goroutine than the cell's.
var state struct {
	sync.Mutex
	figs []*Fig // open figures, in creation order
	cur  *Fig
	num  int
	ctx  context.Context
}

// SetContext installs the context that rendering polls, so that an
// interrupted cell stops drawing promptly. nil means context.Background().
func SetContext(ctx context.Context) {
	state.Lock()
	state.ctx = ctx
	state.Unlock()
}

func ambient() context.Context {
	state.Lock()
	defer state.Unlock()
	if state.ctx == nil {
		return context.Background()
	}
	return state.ctx
}

// Figure starts a new current figure of w×h inches at dpi dots per inch
// (default 100; PNG output has twice as many pixels, for sharpness).
// Invalid sizes give a figure whose Err and every drawing call report it.
func Figure(w, h float64, dpi ...float64) *Fig {
	f := &Fig{w: w, h: h, dpi: defaultDPI}
	switch {
	case len(dpi) > 1:
		f.err = fmt.Errorf("Figure: at most one dpi argument, got %d", len(dpi))
	case len(dpi) == 1:
		f.dpi = dpi[0]
	}
	if f.err == nil {
		switch {
		case !(w > 0 && w <= 100) || !(h > 0 && h <= 100):
			f.err = fmt.Errorf("Figure(%g, %g): width and height must be between 0 and 100 inches", w, h)
		case !(f.dpi >= 10 && f.dpi <= 1000):
			f.err = fmt.Errorf("Figure: dpi %g is not between 10 and 1000", f.dpi)
		}
	}
	state.Lock()
	state.num++
	f.num = state.num
	state.figs = append(state.figs, f)
	state.cur = f
	state.Unlock()
	return f
}

// Gcf returns the current figure, creating a 6.4×4.8-inch one if there is none.
func Gcf() *Fig {
	state.Lock()
	f := state.cur
	state.Unlock()
	if f == nil {
		f = Figure(defaultW, defaultH)
	}
	return f
}

// Gca returns the current axes of the current figure, creating a single
// subplot if there is none.
func Gca() *Axes { return Gcf().Gca() }

// Gca returns the figure's current axes, creating Subplot(111) if needed.
func (f *Fig) Gca() *Axes {
	if f.cur == nil {
		return f.Subplot(111)
	}
	return f.cur
}

// Err reports the first invalid argument given to Figure.
func (f *Fig) Err() error { return f.err }

// TakeFigures returns the open figures, oldest first, and closes them: the
// next cell starts without a current figure, as with matplotlib inline.
func TakeFigures() []*Fig {
	state.Lock()
	defer state.Unlock()
	out := state.figs
	state.figs, state.cur = nil, nil
	for _, f := range out {
		f.closed = true
	}
	return out
}

// Close removes f from the open figures (it will not be shown at the end of
// the cell); Show calls it after showing a figure.
func (f *Fig) Close() {
	state.Lock()
	defer state.Unlock()
	for i, g := range state.figs {
		if g == f {
			state.figs = append(state.figs[:i], state.figs[i+1:]...)
			break
		}
	}
	if state.cur == f {
		state.cur = nil
		if n := len(state.figs); n > 0 {
			state.cur = state.figs[n-1]
		}
	}
	f.closed = true
}

// Subplot selects (creating it if needed) panel index of an nrows×ncols
// grid of the current figure: Subplot(3, 2, 1) or Subplot(321), optionally
// with Sharex(ax) or Sharey(ax).
func Subplot(args ...any) *Axes { return Gcf().Subplot(args...) }

// Subplot is the figure's version of the package-level Subplot.
func (f *Fig) Subplot(args ...any) *Axes {
	ax, err := f.subplot(args)
	if err != nil {
		// A broken axes keeps the error so that the next call on it (or on
		// the current axes) reports it: Subplot has a single result to be
		// usable as ax := Subplot(321) in a cell.
		ax = &Axes{fig: f, err: err}
	}
	f.cur = ax
	return ax
}

func (f *Fig) subplot(args []any) (*Axes, error) {
	if f.err != nil {
		return nil, f.err
	}
	var nums []int
	var opts []any
	for _, a := range args {
		switch v := a.(type) {
		case int:
			nums = append(nums, v)
		case Option:
			opts = append(opts, v)
		default:
			return nil, fmt.Errorf("Subplot: argument of type %T; want Subplot(321) or Subplot(3, 2, 1) and options Sharex/Sharey", a)
		}
	}
	var r, c, i int
	switch len(nums) {
	case 1:
		n := nums[0]
		if n < 111 || n > 999 {
			return nil, fmt.Errorf("Subplot(%d): a single number needs three digits (rows, columns, index), e.g. 321", n)
		}
		r, c, i = n/100, n/10%10, n%10
	case 3:
		r, c, i = nums[0], nums[1], nums[2]
	default:
		return nil, fmt.Errorf("Subplot: want Subplot(321) or Subplot(3, 2, 1), got %d numbers", len(nums))
	}
	if r < 1 || c < 1 || r > 50 || c > 50 {
		return nil, fmt.Errorf("Subplot: a %d×%d grid is not possible", r, c)
	}
	if i < 1 || i > r*c {
		return nil, fmt.Errorf("Subplot: index %d is out of range 1..%d for a %d×%d grid", i, r*c, r, c)
	}
	p, err := parseArgs("Subplot", opts, "Sharex", "Sharey")
	if err != nil {
		return nil, err
	}
	for _, ax := range f.axes {
		if ax.nrows == r && ax.ncols == c && ax.index == i && ax.twin == nil {
			if p.sharex != nil || p.sharey != nil {
				return nil, fmt.Errorf("Subplot(%d, %d, %d) exists already; share axes when first creating it", r, c, i)
			}
			return ax, nil
		}
	}
	ax := &Axes{fig: f, nrows: r, ncols: c, index: i}
	ax.xgroup = &shareGroup{members: []*Axes{ax}}
	ax.ygroup = &shareGroup{members: []*Axes{ax}}
	if s := p.sharex; s != nil {
		if s.fig != f {
			return nil, errors.New("Subplot: Sharex axes belongs to another figure")
		}
		ax.xgroup = s.xgroup
		s.xgroup.members = append(s.xgroup.members, ax)
	}
	if s := p.sharey; s != nil {
		if s.fig != f {
			return nil, errors.New("Subplot: Sharey axes belongs to another figure")
		}
		ax.ygroup = s.ygroup
		s.ygroup.members = append(s.ygroup.members, ax)
	}
	f.axes = append(f.axes, ax)
	return ax, nil
}

// Err reports why the axes could not be created.
func (ax *Axes) Err() error { return ax.err }

// TightLayout fits the panels and their labels into the figure with
// matplotlib's tight_layout padding.
func TightLayout() error { return Gcf().TightLayout() }

// TightLayout is the figure's version of the package-level TightLayout.
func (f *Fig) TightLayout() error {
	if f.err != nil {
		return f.err
	}
	f.tight = true
	return nil
}

// Plot draws y against x on the current axes, as matplotlib's plot: x is
// one-dimensional, y one trace or many (rows, e.g. [][]float64), opts are a
// format string ("o", "|k", "--g") and options (Color, LS, LW, Alpha,
// Label, Marker, MS, MFC, MEC, MEW). x may be nil to plot against indices.
func Plot(x, y any, opts ...any) error { return Gca().Plot(x, y, opts...) }

// Plot is the axes' version of the package-level Plot.
func (ax *Axes) Plot(x, y any, opts ...any) error {
	if ax.err != nil {
		return ax.err
	}
	p, err := parseArgs("Plot", opts, "fmt", "Color", "LS", "LW", "Alpha", "Label", "Marker", "MS", "MFC", "MEC", "MEW")
	if err != nil {
		return err
	}
	ys, err := rows(y)
	if err != nil {
		return fmt.Errorf("Plot: y: %w", err)
	}
	var xs []float64
	if x != nil {
		if xs, err = floats(x); err != nil {
			return fmt.Errorf("Plot: x: %w", err)
		}
	}
	for i, r := range ys {
		if xs == nil {
			continue
		}
		if len(r) != len(xs) {
			if len(ys) == 1 {
				return fmt.Errorf("Plot: x has %d values but y has %d", len(xs), len(r))
			}
			return fmt.Errorf("Plot: x has %d values but row %d of y has %d", len(xs), i, len(r))
		}
	}
	for i, r := range ys {
		st := ax.style(p)
		lx := xs
		if lx == nil {
			lx = make([]float64, len(r))
			for k := range lx {
				lx[k] = float64(k)
			}
		}
		ax.lines = append(ax.lines, &line{x: lx, y: r, st: st, first: i == 0})
	}
	return nil
}

// style resolves a line's style from options, taking the next cycle colour
// when none is given.
func (ax *Axes) style(p *props) lineStyle {
	st := lineStyle{alpha: 1, width: lineWidth, dash: "-", ms: markerSize, mew: 1}
	if p.color != nil {
		st.color = *p.color
	} else {
		st.color, _ = parseColor(cycle[ax.nextCol%len(cycle)])
		ax.nextCol++
	}
	if p.alpha != nil {
		st.alpha = *p.alpha
	}
	if p.lw != nil {
		st.width = *p.lw
	}
	if p.linestyle != nil {
		st.dash = *p.linestyle
	}
	if p.marker != nil {
		st.marker = *p.marker
	}
	if p.ms != nil {
		st.ms = *p.ms
	}
	if p.mew != nil {
		st.mew = *p.mew
	}
	st.edge = st.color
	if p.mec != nil {
		st.edge = *p.mec
	}
	switch {
	case p.mfcNone:
	case p.mfc != nil:
		st.face = p.mfc
	case st.marker != "" && strings.Contains(filledMarkers, st.marker):
		c := st.color
		st.face = &c
	}
	if p.label != nil {
		st.label = *p.label
	}
	return st
}

// Axhline draws a horizontal line across the axes at y (options as Plot's;
// default colour C0... as the cycle).
func Axhline(y float64, opts ...any) error { return Gca().Axhline(y, opts...) }

// Axvline draws a vertical line across the axes at x.
func Axvline(x float64, opts ...any) error { return Gca().Axvline(x, opts...) }

// Axhline is the axes' version of the package-level Axhline.
func (ax *Axes) Axhline(y float64, opts ...any) error { return ax.refLine("Axhline", false, y, opts) }

// Axvline is the axes' version of the package-level Axvline.
func (ax *Axes) Axvline(x float64, opts ...any) error { return ax.refLine("Axvline", true, x, opts) }

func (ax *Axes) refLine(fn string, vertical bool, at float64, opts []any) error {
	if ax.err != nil {
		return ax.err
	}
	if math.IsNaN(at) || math.IsInf(at, 0) {
		return fmt.Errorf("%s(%g): position must be finite", fn, at)
	}
	p, err := parseArgs(fn, opts, "fmt", "Color", "LS", "LW", "Alpha", "Label")
	if err != nil {
		return err
	}
	ax.lines = append(ax.lines, &line{ref: true, vertical: vertical, at: at, st: ax.style(p), first: true})
	return nil
}

// Xlabel labels the x axis of the current axes (FontSize option).
func Xlabel(s string, opts ...any) error { return Gca().Xlabel(s, opts...) }

// Ylabel labels the y axis. $...$ sets math in italics, as in "Input current $I$".
func Ylabel(s string, opts ...any) error { return Gca().Ylabel(s, opts...) }

// Title sets the title above the current axes.
func Title(s string, opts ...any) error { return Gca().Title(s, opts...) }

// Xlabel is the axes' version of the package-level Xlabel.
func (ax *Axes) Xlabel(s string, opts ...any) error {
	return ax.setText("Xlabel", &ax.xlabel, s, fontSize, opts)
}

// Ylabel is the axes' version of the package-level Ylabel.
func (ax *Axes) Ylabel(s string, opts ...any) error {
	return ax.setText("Ylabel", &ax.ylabel, s, fontSize, opts)
}

// Title is the axes' version of the package-level Title.
func (ax *Axes) Title(s string, opts ...any) error {
	return ax.setText("Title", &ax.title, s, titleSize, opts)
}

func (ax *Axes) setText(fn string, dst *text, s string, size float64, opts []any) error {
	if ax.err != nil {
		return ax.err
	}
	p, err := parseArgs(fn, opts, "FontSize")
	if err != nil {
		return err
	}
	if p.fontsize != nil {
		size = *p.fontsize
	}
	if err := checkMath(s); err != nil {
		return fmt.Errorf("%s(%q): %w", fn, s, err)
	}
	*dst = text{s: s, size: size}
	return nil
}

// Xlim sets the x limits of the current axes (and of axes sharing them).
func Xlim(lo, hi float64) error { return Gca().Xlim(lo, hi) }

// Ylim sets the y limits of the current axes (and of axes sharing them).
func Ylim(lo, hi float64) error { return Gca().Ylim(lo, hi) }

// Xlim is the axes' version of the package-level Xlim.
func (ax *Axes) Xlim(lo, hi float64) error { return ax.setLim("Xlim", ax.xgroup, true, lo, hi) }

// Ylim is the axes' version of the package-level Ylim.
func (ax *Axes) Ylim(lo, hi float64) error { return ax.setLim("Ylim", ax.ygroup, false, lo, hi) }

func (ax *Axes) setLim(fn string, g *shareGroup, x bool, lo, hi float64) error {
	if ax.err != nil {
		return ax.err
	}
	if !finite(lo) || !finite(hi) || lo == hi {
		return fmt.Errorf("%s(%g, %g): limits must be finite and different", fn, lo, hi)
	}
	for _, m := range g.members {
		if x {
			m.xlim = &[2]float64{lo, hi}
		} else {
			m.ylim = &[2]float64{lo, hi}
		}
	}
	return nil
}

// Xticks sets the tick positions of the x axis and optionally their labels;
// Xticks(nil) hides the ticks, as matplotlib's xticks([]).
func Xticks(at []float64, labels ...string) error { return Gca().Xticks(at, labels...) }

// Yticks sets or hides (Yticks(nil)) the ticks of the y axis.
func Yticks(at []float64, labels ...string) error { return Gca().Yticks(at, labels...) }

// Xticks is the axes' version of the package-level Xticks.
func (ax *Axes) Xticks(at []float64, labels ...string) error {
	return ax.setTicks("Xticks", &ax.xticks, at, labels)
}

// Yticks is the axes' version of the package-level Yticks.
func (ax *Axes) Yticks(at []float64, labels ...string) error {
	return ax.setTicks("Yticks", &ax.yticks, at, labels)
}

func (ax *Axes) setTicks(fn string, dst **tickSpec, at []float64, labels []string) error {
	if ax.err != nil {
		return ax.err
	}
	if len(labels) > 0 && len(labels) != len(at) {
		return fmt.Errorf("%s: %d positions but %d labels", fn, len(at), len(labels))
	}
	for _, v := range at {
		if !finite(v) {
			return fmt.Errorf("%s: tick position %g is not finite", fn, v)
		}
	}
	*dst = &tickSpec{at: append([]float64(nil), at...), labels: append([]string(nil), labels...)}
	return nil
}

// SetFrameOn shows or hides the box around the current axes.
func SetFrameOn(on bool) error { return Gca().SetFrameOn(on) }

// SetFrameOn is the axes' version of the package-level SetFrameOn.
func (ax *Axes) SetFrameOn(on bool) error {
	if ax.err != nil {
		return ax.err
	}
	ax.frameOff = !on
	return nil
}

// Legend shows a legend of the labelled lines of the current axes (options
// Loc and FontSize).
func Legend(opts ...any) error { return Gca().Legend(opts...) }

// Legend is the axes' version of the package-level Legend.
func (ax *Axes) Legend(opts ...any) error {
	if ax.err != nil {
		return ax.err
	}
	p, err := parseArgs("Legend", opts, "Loc", "FontSize")
	if err != nil {
		return err
	}
	l := &legendSpec{loc: "best", fontsize: fontSize}
	if p.loc != nil {
		l.loc = *p.loc
	}
	if p.fontsize != nil {
		l.fontsize = *p.fontsize
	}
	if len(ax.legendEntries()) == 0 {
		return errors.New("Legend: no line, bar or histogram of these axes has a Label(...)")
	}
	ax.legend = l
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// String names the axes by their place, as "<Axes 322>" (a cell ending
// with Subplot(...) shows this).
func (ax *Axes) String() string {
	if ax.err != nil {
		return "<Axes: " + ax.err.Error() + ">"
	}
	if ax.nrows < 10 && ax.ncols < 10 && ax.index < 10 {
		return fmt.Sprintf("<Axes %d%d%d>", ax.nrows, ax.ncols, ax.index)
	}
	return fmt.Sprintf("<Axes %d, %d, %d>", ax.nrows, ax.ncols, ax.index)
}
