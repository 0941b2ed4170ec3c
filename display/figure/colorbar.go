package figure

import (
	"context"
	"errors"
	"math"
)

// colorbarSpec is a colour scale beside an axes.
type colorbarSpec struct {
	nrm   norm
	label text
}

// Sizes of matplotlib's colorbar: it takes a fraction of the parent axes'
// width, after a pad, and is 20 times as high as wide.
const (
	cbFraction = 0.15
	cbPad      = 0.05
	cbAspect   = 20
)

// Colorbar draws the colour scale of the last Imshow, Pcolormesh or
// colour-mapped Scatter of the current figure beside its axes, as
// matplotlib's colorbar: the axes give up 20% of their width. Option:
// Label (the scale's name, e.g. "rate (Hz)"), FontSize.
func Colorbar(opts ...any) error {
	f := Gcf()
	if f.err != nil {
		return f.err
	}
	if f.mappable == nil {
		return errors.New("Colorbar: nothing colour-mapped to show; draw an Imshow, a Pcolormesh or a Scatter with Colors first")
	}
	return f.mappable.ax.Colorbar(opts...)
}

// Colorbar draws the colour scale of the axes' last colour-mapped artist.
func (ax *Axes) Colorbar(opts ...any) error {
	if ax.err != nil {
		return ax.err
	}
	p, err := parseArgs("Colorbar", opts, "Label", "FontSize")
	if err != nil {
		return err
	}
	if ax.mappable == nil {
		return errors.New("Colorbar: these axes have nothing colour-mapped; draw an Imshow, a Pcolormesh or a Scatter with Colors first")
	}
	cb := &colorbarSpec{nrm: ax.mappable.nrm, label: text{size: fontSize}}
	if p.label != nil {
		if err := checkMath(*p.label); err != nil {
			return err
		}
		cb.label.s = *p.label
	}
	if p.fontsize != nil {
		cb.label.size = *p.fontsize
	}
	ax.colorbar = cb
	return nil
}

// shape fits the panel's box: it makes room for a colorbar and keeps
// the aspect ratio (matplotlib's adjustable "box", anchored at the
// centre).
func (p *panel) shape() {
	ax := p.ax
	p.cbox = nil
	if ax.colorbar != nil {
		b := p.box
		w := math.Min(cbFraction*b.w, b.h/cbAspect)
		p.cbox = &rect{x: b.x + b.w*(1-cbFraction), y: b.y, w: w, h: b.h}
		p.box.w = b.w * (1 - cbFraction - cbPad)
	}
	if ax.aspect > 0 {
		dx, dy := math.Abs(p.xhi-p.xlo), math.Abs(p.yhi-p.ylo)
		want := ax.aspect * dy / dx // box height over width
		b := p.box
		if b.h/b.w > want {
			h := b.w * want
			p.box.y += (b.h - h) / 2
			p.box.h = h
		} else {
			w := b.h / want
			p.box.x += (b.w - w) / 2
			p.box.w = w
		}
	}
}

// colorbarTicks are the scale's ticks, as an axis of its height.
func (p *panel) colorbarTicks() {
	if p.cbox == nil {
		return
	}
	n := p.ax.colorbar.nrm
	nb := max(1, min(9, int(math.Floor(p.cbox.h/(fontSize*2)))))
	p.cbt, p.cbl = axisTicks(nil, n.vmin, n.vmax, nb)
}

// colorbarExtent is how far the colorbar and its labels reach right of
// the box.
func (p *panel) colorbarExtent() float64 {
	if p.cbox == nil {
		return 0
	}
	maxw := 0.0
	for _, l := range p.cbl {
		w, _, _ := textBox(l, fontSize)
		maxw = math.Max(maxw, w)
	}
	r := p.cbox.x + p.cbox.w - (p.box.x + p.box.w)
	if len(p.cbt) > 0 {
		r += tickLen + tickPad + maxw
	}
	if t := p.ax.colorbar.label; t.s != "" {
		_, a, d := textBox(t.s, t.size)
		r += labelPad + a + d
	}
	return r
}

func (p *panel) cbpos(v float64) float64 {
	n := p.ax.colorbar.nrm
	b := p.cbox
	if n.vmax == n.vmin {
		return b.y + b.h/2
	}
	return b.y + b.h - (v-n.vmin)/(n.vmax-n.vmin)*b.h
}

// drawColorbar paints the scale (256 bands, as matplotlib's colorbar),
// its frame, ticks and label.
func (p *panel) drawColorbar(ctx context.Context, s surface) error {
	if p.cbox == nil {
		return nil
	}
	cb, b := p.ax.colorbar, *p.cbox
	const bands = 256
	d := &meshDraw{nrm: cb.nrm, alpha: 1, xe: []float64{b.x, b.x + b.w}, ye: make([]float64, bands+1)}
	for k := range bands {
		t := (float64(k) + 0.5) / bands
		d.z = append(d.z, []float64{cb.nrm.vmin + t*(cb.nrm.vmax-cb.nrm.vmin)})
	}
	for k := range d.ye {
		d.ye[k] = b.y + b.h - float64(k)/bands*b.h
	}
	s.clip(&b)
	if err := s.mesh(d); err != nil {
		return err
	}
	s.clip(nil)
	s.polyline([]pt{{b.x, b.y}, {b.x + b.w, b.y}, {b.x + b.w, b.y + b.h}, {b.x, b.y + b.h}, {b.x, b.y}},
		stroke{col: black, width: spineWidth})
	tick := stroke{col: black, width: tickWidth}
	maxw := 0.0
	for i, v := range p.cbt {
		y := p.cbpos(v)
		x := b.x + b.w
		s.polyline([]pt{{x, y}, {x + tickLen, y}}, tick)
		s.text(p.cbl[i], pt{x + tickLen + tickPad, y}, fontSize, 0, alignLeft, alignMiddle)
		w, _, _ := textBox(p.cbl[i], fontSize)
		maxw = math.Max(maxw, w)
	}
	if t := cb.label; t.s != "" {
		x := b.x + b.w + labelPad
		if len(p.cbt) > 0 {
			x += tickLen + tickPad + maxw
		}
		s.text(t.s, pt{x, b.y + b.h/2}, t.size, math.Pi/2, alignCenter, alignTop)
	}
	return ctx.Err()
}
