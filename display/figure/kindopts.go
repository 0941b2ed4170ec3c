package figure

import (
	"fmt"
	"image/color"
	"math"
)

// kindProps are the options of Scatter, Errorbar, FillBetween, Imshow,
// Pcolormesh, Colorbar, Text and Annotate.
type kindProps struct {
	sizes      []float64     // Scatter's s: one area in pt² or one per point
	values     []float64     // Scatter's c as numbers, mapped by the colormap
	colors     []color.NRGBA // Scatter's c as colours
	cmap       *colormap
	vmin, vmax *float64
	extent     *[4]float64
	origin     string
	aspect     *float64 // data units of y per unit of x drawn equal; 0: auto
	xerr, yerr [][]float64
	capsize    *float64
	ha, va     string
	xytext     *[2]float64
	arrow      string
	rotation   *float64
}

// Sizes sets Scatter's marker areas in points² (matplotlib's s; default
// 36, a 6-point marker): one number or one per point.
func Sizes(s any) Option {
	return Option{"Sizes", func(p *props) error {
		v, err := scalarOrFloats(s)
		if err != nil {
			return err
		}
		for i, a := range v {
			if !(a >= 0) || a > 1e6 {
				return fmt.Errorf("size %d is %g; marker areas are between 0 and 1e6 points²", i, a)
			}
		}
		p.kind.sizes = v
		return nil
	}}
}

// Colors sets Scatter's colours per point (matplotlib's c): numbers,
// mapped to colours by Cmap between Vmin and Vmax, or colour names as
// []string.
func Colors(c any) Option {
	return Option{"Colors", func(p *props) error {
		if ss, ok := c.([]string); ok {
			p.kind.colors = make([]color.NRGBA, len(ss))
			for i, s := range ss {
				col, err := parseColor(s)
				if err != nil {
					return fmt.Errorf("colour %d: %w", i, err)
				}
				p.kind.colors[i] = col
			}
			return nil
		}
		v, err := floats(c)
		if err != nil {
			return err
		}
		p.kind.values = v
		return nil
	}}
}

// Cmap names the colormap of Scatter's Colors, Imshow and Pcolormesh:
// "viridis" (default), "plasma", "inferno", "magma", "cividis", "gray",
// "hot", "coolwarm", "RdBu", "Greys", "Blues", "Reds", "jet", "bwr",
// "seismic", "binary"; a "_r" suffix reverses it ("RdBu_r").
func Cmap(name string) Option {
	return Option{"Cmap", func(p *props) error {
		c, err := lookupCmap(name)
		if err != nil {
			return err
		}
		p.kind.cmap = c
		return nil
	}}
}

// Vmin sets the value drawn in the colormap's first colour (default: the
// data's minimum).
func Vmin(v float64) Option {
	return limitOpt("Vmin", v, func(p *props) **float64 { return &p.kind.vmin })
}

// Vmax sets the value drawn in the colormap's last colour (default: the
// data's maximum).
func Vmax(v float64) Option {
	return limitOpt("Vmax", v, func(p *props) **float64 { return &p.kind.vmax })
}

func limitOpt(name string, v float64, dst func(*props) **float64) Option {
	return Option{name, func(p *props) error {
		if !finite(v) {
			return fmt.Errorf("%g is not finite", v)
		}
		*dst(p) = &v
		return nil
	}}
}

// Extent places Imshow's image in data coordinates: its left, right,
// bottom and top edges (default -0.5, columns-0.5, rows-0.5, -0.5: cell
// centres on the indices).
func Extent(left, right, bottom, top float64) Option {
	return Option{"Extent", func(p *props) error {
		for _, v := range []float64{left, right, bottom, top} {
			if !finite(v) {
				return fmt.Errorf("extent (%g, %g, %g, %g) is not finite", left, right, bottom, top)
			}
		}
		if left == right || bottom == top {
			return fmt.Errorf("extent (%g, %g, %g, %g) is empty", left, right, bottom, top)
		}
		p.kind.extent = &[4]float64{left, right, bottom, top}
		return nil
	}}
}

// Origin says where Imshow puts row 0: "upper" (default, as a matrix is
// printed) or "lower" (as a graph: y grows upwards).
func Origin(o string) Option {
	return Option{"Origin", func(p *props) error {
		if o != "upper" && o != "lower" {
			return fmt.Errorf("unknown origin %q (want \"upper\" or \"lower\")", o)
		}
		p.kind.origin = o
		return nil
	}}
}

// Aspect sets the axes' aspect ratio, as matplotlib's set_aspect and
// Imshow's aspect: "equal" (one unit of x as long as one of y; Imshow's
// default), "auto" (fill the axes) or a number (the length of a y unit
// over that of an x unit).
func Aspect(a any) Option {
	return Option{"Aspect", func(p *props) error {
		v, err := aspectValue(a)
		if err != nil {
			return err
		}
		p.kind.aspect = &v
		return nil
	}}
}

func aspectValue(a any) (float64, error) {
	switch a := a.(type) {
	case string:
		switch a {
		case "equal":
			return 1, nil
		case "auto":
			return 0, nil
		}
		return 0, fmt.Errorf("unknown aspect %q (want \"equal\", \"auto\" or a number)", a)
	}
	v, err := scalarOrFloats(a)
	if err != nil || len(v) != 1 {
		return 0, fmt.Errorf("aspect %v: want \"equal\", \"auto\" or a number", a)
	}
	if !(v[0] > 0) || math.IsInf(v[0], 0) {
		return 0, fmt.Errorf("aspect %g: want a positive number", v[0])
	}
	return v[0], nil
}

// Yerr sets Errorbar's vertical error: one number, one per point, or two
// rows (the errors below and above).
func Yerr(e any) Option {
	return errOpt("Yerr", e, func(p *props) *[][]float64 { return &p.kind.yerr })
}

// Xerr sets Errorbar's horizontal error, as Yerr.
func Xerr(e any) Option {
	return errOpt("Xerr", e, func(p *props) *[][]float64 { return &p.kind.xerr })
}

func errOpt(name string, e any, dst func(*props) *[][]float64) Option {
	return Option{name, func(p *props) error {
		var rs [][]float64
		switch e.(type) {
		case [][]float64, Rowser:
			r, err := rows(e)
			if err != nil {
				return err
			}
			if len(r) != 2 {
				return fmt.Errorf("%d rows; want one error per point, or two rows (below, above)", len(r))
			}
			rs = r
		default:
			v, err := scalarOrFloats(e)
			if err != nil {
				return err
			}
			rs = [][]float64{v, v}
		}
		for _, r := range rs {
			for i, v := range r {
				if v < 0 {
					return fmt.Errorf("error %d is %g; errors must not be negative", i, v)
				}
			}
		}
		*dst(p) = rs
		return nil
	}}
}

// Capsize sets the length of Errorbar's caps in points (default 0: none).
func Capsize(pt float64) Option {
	return Option{"Capsize", func(p *props) error {
		if !(pt >= 0) || pt > 1000 {
			return fmt.Errorf("cap size %g is not between 0 and 1000 points", pt)
		}
		p.kind.capsize = &pt
		return nil
	}}
}

// HA aligns Text horizontally on its point: "left" (default), "center" or
// "right".
func HA(a string) Option {
	return Option{"HA", func(p *props) error {
		if a != "left" && a != "center" && a != "right" {
			return fmt.Errorf("unknown horizontal alignment %q (want \"left\", \"center\" or \"right\")", a)
		}
		p.kind.ha = a
		return nil
	}}
}

// VA aligns Text vertically on its point: "baseline" (default), "bottom",
// "center" or "top".
func VA(a string) Option {
	return Option{"VA", func(p *props) error {
		switch a {
		case "baseline", "bottom", "center", "top":
		default:
			return fmt.Errorf("unknown vertical alignment %q (want \"baseline\", \"bottom\", \"center\" or \"top\")", a)
		}
		p.kind.va = a
		return nil
	}}
}

// Rotation turns Text by the given angle in degrees, counter-clockwise.
func Rotation(deg float64) Option {
	return Option{"Rotation", func(p *props) error {
		if !finite(deg) {
			return fmt.Errorf("rotation %g is not finite", deg)
		}
		p.kind.rotation = &deg
		return nil
	}}
}

// XYText places Annotate's text at (x, y) in data coordinates, away from
// the annotated point (default: on it).
func XYText(x, y float64) Option {
	return Option{"XYText", func(p *props) error {
		if !finite(x) || !finite(y) {
			return fmt.Errorf("position (%g, %g) is not finite", x, y)
		}
		p.kind.xytext = &[2]float64{x, y}
		return nil
	}}
}

// Arrow draws Annotate's arrow from the text to the point, in matplotlib's
// arrowstyle: "->" (open head), "-|>" (filled head) or "-" (a line).
func Arrow(style string) Option {
	return Option{"Arrow", func(p *props) error {
		switch style {
		case "->", "-|>", "-":
		default:
			return fmt.Errorf("unknown arrow style %q (want \"->\", \"-|>\" or \"-\")", style)
		}
		p.kind.arrow = style
		return nil
	}}
}
