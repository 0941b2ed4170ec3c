package figure

import (
	"errors"
	"fmt"
)

type placedText struct {
	t  text
	at pt
}

// Suptitle sets the current figure's title, centred above all its axes
// (matplotlib's suptitle; 12 points by default, FontSize option).
func Suptitle(s string, opts ...any) error { return Gcf().Suptitle(s, opts...) }

// Suptitle is the figure's version of the package-level Suptitle.
func (f *Fig) Suptitle(s string, opts ...any) error {
	if f.err != nil {
		return f.err
	}
	p, err := parseArgs("Suptitle", opts, "FontSize")
	if err != nil {
		return err
	}
	if err := checkMath(s); err != nil {
		return fmt.Errorf("Suptitle(%q): %w", s, err)
	}
	f.suptitle = text{s: s, size: titleSize}
	if p.fontsize != nil {
		f.suptitle.size = *p.fontsize
	}
	return nil
}

// Subplots makes a new figure with a rows×cols grid of axes and returns
// it with the axes, axs[row][col], as matplotlib's subplots: options
// Figsize(w, h) (inches), Sharex(true) and Sharey(true) (all axes share
// the axis; "col" or "row" share it within columns or rows).
func Subplots(rows, cols int, opts ...any) (*Fig, [][]*Axes) {
	w, h := defaultW, defaultH
	var sx, sy string
	var bad error
	for i, o := range opts {
		op, ok := o.(Option)
		if !ok {
			bad = fmt.Errorf("Subplots: argument %d has type %T; want Figsize, Sharex or Sharey", i+3, o)
			break
		}
		p := &props{}
		if err := op.set(p); err != nil {
			bad = fmt.Errorf("Subplots: %s: %w", op.name, err)
			break
		}
		switch op.name {
		case "Figsize":
			w, h = p.figsize[0], p.figsize[1]
		case "Sharex":
			sx = p.shareAll
		case "Sharey":
			sy = p.shareAll
		default:
			bad = fmt.Errorf("Subplots: option %s does not apply here (allowed: Figsize, Sharex, Sharey)", op.name)
		}
		if (op.name == "Sharex" || op.name == "Sharey") && p.shareAll == "" {
			bad = fmt.Errorf("Subplots: %s takes true, \"col\" or \"row\" here, not axes", op.name)
		}
		if bad != nil {
			break
		}
	}
	f := Figure(w, h)
	if f.err == nil && bad == nil && (rows < 1 || cols < 1 || rows > 50 || cols > 50) {
		bad = fmt.Errorf("Subplots: a %d×%d grid is not possible", rows, cols)
	}
	if bad != nil && f.err == nil {
		f.err = bad
	}
	axs := make([][]*Axes, max(rows, 0))
	for r := range axs {
		axs[r] = make([]*Axes, max(cols, 0))
		for c := range axs[r] {
			var share []any
			if sx != "" && r+c > 0 {
				share = append(share, Sharex(axs[shareRow(sx, r)][shareCol(sx, c)]))
			}
			if sy != "" && r+c > 0 {
				share = append(share, Sharey(axs[shareRow(sy, r)][shareCol(sy, c)]))
			}
			if f.err != nil {
				axs[r][c] = &Axes{fig: f, err: f.err}
				continue
			}
			axs[r][c] = f.Subplot(append([]any{rows, cols, r*cols + c + 1}, dropSelf(share, r, c, sx, sy)...)...)
		}
	}
	return f, axs
}

// shareRow and shareCol pick the axes a new one shares with: the first
// of all ("all"), of its column ("col") or of its row ("row").
func shareRow(mode string, r int) int {
	if mode == "row" {
		return r
	}
	return 0
}

func shareCol(mode string, c int) int {
	if mode == "col" {
		return c
	}
	return 0
}

// dropSelf removes a share with the axes itself (the first of its row or
// column).
func dropSelf(share []any, r, c int, sx, sy string) []any {
	var out []any
	for _, s := range share {
		o := s.(Option)
		mode := sx
		if o.name == "Sharey" {
			mode = sy
		}
		if shareRow(mode, r) == r && shareCol(mode, c) == c {
			continue
		}
		out = append(out, s)
	}
	return out
}

// Figsize sets the size of Subplots' figure in inches.
func Figsize(w, h float64) Option {
	return Option{"Figsize", func(p *props) error {
		if !(w > 0 && w <= 100) || !(h > 0 && h <= 100) {
			return fmt.Errorf("figure size (%g, %g): width and height must be between 0 and 100 inches", w, h)
		}
		p.figsize = [2]float64{w, h}
		return nil
	}}
}

// Axes methods under matplotlib's object-oriented names: ax.set_xlim(...)
// is ax.SetXlim(...), and so on.

// SetXlim is Xlim on these axes.
func (ax *Axes) SetXlim(lo, hi float64) error { return ax.Xlim(lo, hi) }

// SetYlim is Ylim on these axes.
func (ax *Axes) SetYlim(lo, hi float64) error { return ax.Ylim(lo, hi) }

// SetXlabel is Xlabel on these axes.
func (ax *Axes) SetXlabel(s string, opts ...any) error { return ax.Xlabel(s, opts...) }

// SetYlabel is Ylabel on these axes.
func (ax *Axes) SetYlabel(s string, opts ...any) error { return ax.Ylabel(s, opts...) }

// SetTitle is Title on these axes.
func (ax *Axes) SetTitle(s string, opts ...any) error { return ax.Title(s, opts...) }

// SetXticks is Xticks on these axes.
func (ax *Axes) SetXticks(at []float64, labels ...string) error { return ax.Xticks(at, labels...) }

// SetYticks is Yticks on these axes.
func (ax *Axes) SetYticks(at []float64, labels ...string) error { return ax.Yticks(at, labels...) }

// SetXscale is Xscale on these axes.
func (ax *Axes) SetXscale(kind string, linthresh ...float64) error {
	return ax.Xscale(kind, linthresh...)
}

// SetYscale is Yscale on these axes.
func (ax *Axes) SetYscale(kind string, linthresh ...float64) error {
	return ax.Yscale(kind, linthresh...)
}

// SetAspect sets the axes' aspect ratio: "equal", "auto" or a number
// (the length of a y unit over that of an x unit).
func (ax *Axes) SetAspect(a any) error {
	if ax.err != nil {
		return ax.err
	}
	v, err := aspectValue(a)
	if err != nil {
		return fmt.Errorf("SetAspect: %w", err)
	}
	ax.aspect = v
	return nil
}

// errNoShare is Sharex(false): nothing to share.
var errNoShare = errors.New("false shares nothing; leave the option out")
