package figure

import (
	"errors"
	"math"
)

// Twinx makes a second y axis on the right of the current axes, sharing
// their x axis, as matplotlib's twinx: plot on the returned axes to draw
// against it. Its lines take the colour cycle from the start, as in
// matplotlib.
func Twinx() *Axes { return Gca().Twinx() }

// Twinx is the axes' version of the package-level Twinx.
func (ax *Axes) Twinx() *Axes {
	if ax.err != nil {
		return &Axes{fig: ax.fig, err: ax.err}
	}
	if ax.twin != nil {
		return &Axes{fig: ax.fig, err: errors.New("Twinx: these axes are a twin already; call Twinx on the original axes")}
	}
	t := &Axes{fig: ax.fig, nrows: ax.nrows, ncols: ax.ncols, index: ax.index, twin: ax, xgroup: ax.xgroup,
		xscale: ax.xscale, xlim: ax.xlim}
	t.ygroup = &shareGroup{members: []*Axes{t}}
	ax.xgroup.members = append(ax.xgroup.members, t)
	ax.fig.axes = append(ax.fig.axes, t)
	ax.fig.cur = t
	return t
}

// twinDecorations measures a twin's right-hand axis: its tick labels and
// label stick out on the right.
func (p *panel) twinDecorations() {
	ax := p.ax
	_, asc, desc := textBox("0", fontSize)
	th := asc + desc
	if len(p.yt) > 0 {
		p.r = tickLen + tickPad + p.yTickLabels(th)
	}
	if ax.ylabel.s != "" {
		_, a, d := textBox(ax.ylabel.s, ax.ylabel.size)
		p.r += labelPad + a + d
	}
	if ax.title.s != "" {
		_, a, d := textBox(ax.title.s, ax.title.size)
		p.t = math.Max(p.t, titlePad+a+d)
	}
}

// drawTwinAxis draws a twin's ticks, labels and y label on the right.
func (p *panel) drawTwinAxis(s surface) {
	ax, b := p.ax, p.box
	tick := stroke{col: black, width: tickWidth}
	x := b.x + b.w
	maxw := 0.0
	for i, v := range p.yt {
		y := p.ypos(v)
		s.polyline([]pt{{x, y}, {x + tickLen, y}}, tick)
		s.text(p.yl[i], pt{x + tickLen + tickPad, y}, fontSize, 0, alignLeft, alignMiddle)
		w, _, _ := textBox(p.yl[i], fontSize)
		maxw = math.Max(maxw, w)
	}
	if t := ax.ylabel; t.s != "" {
		lx := x + labelPad
		if len(p.yt) > 0 {
			lx += tickLen + tickPad + maxw
		}
		s.text(t.s, pt{lx, b.y + b.h/2}, t.size, math.Pi/2, alignCenter, alignTop)
	}
	if t := ax.title; t.s != "" {
		s.text(t.s, pt{b.x + b.w/2, b.y - titlePad}, t.size, 0, alignCenter, alignBottom)
	}
}

// Minor ticks of log axes: matplotlib's 2-point, 0.6-point ticks.
const (
	minorLen   = 2.0
	minorWidth = 0.6
)

func (p *panel) drawMinorTicks(s surface) {
	b := p.box
	st := stroke{col: black, width: minorWidth}
	if p.ax.twin == nil {
		for _, v := range p.xminor {
			x := p.xpos(v)
			s.polyline([]pt{{x, b.y + b.h}, {x, b.y + b.h + minorLen}}, st)
		}
	}
	for _, v := range p.yminor {
		y := p.ypos(v)
		if p.ax.twin != nil {
			s.polyline([]pt{{b.x + b.w, y}, {b.x + b.w + minorLen, y}}, st)
		} else {
			s.polyline([]pt{{b.x, y}, {b.x - minorLen, y}}, st)
		}
	}
}
