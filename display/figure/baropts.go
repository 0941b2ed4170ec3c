package figure

import (
	"fmt"
	"image/color"
	"reflect"
)

// barProps are the options of Hist, Bar and Barh.
type barProps struct {
	bins     int       // number of equal bins; 0 when edges are given or by default
	edges    []float64 // explicit bin edges
	rng      *[2]float64
	density  bool
	weights  []float64
	histtype string
	rwidth   *float64
	thick    []float64 // Width of Bar, Height of Barh: one value or one per bar
	base     []float64 // Bottom of Bar, Left of Barh
	align    string
	edge     *color.NRGBA
	edgeNone bool
}

// maxBins bounds Bins(n) so that a typo cannot ask for terabytes.
const maxBins = 10_000_000

// Bins sets Hist's bins: a number of equal bins (default 10) spanning the
// data or Range, or the bin edges themselves, increasing, as numpy's and
// matplotlib's bins=20 or bins=[0, 1, 2.5, 5].
func Bins(b any) Option {
	return Option{"Bins", func(p *props) error {
		rv := reflect.ValueOf(b)
		switch rv.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			n, _ := intValue(rv)
			if n < 1 || n > maxBins {
				return fmt.Errorf("%d bins; want between 1 and %d", n, maxBins)
			}
			p.bar.bins, p.bar.edges = int(n), nil
			return nil
		case reflect.Float32, reflect.Float64:
			return fmt.Errorf("%v is not a number of bins; give an integer, or the edges as []float64", b)
		}
		e, err := floats(b)
		if err != nil {
			return fmt.Errorf("edges: %w", err)
		}
		if len(e) < 2 {
			return fmt.Errorf("%d edges; want at least 2 (one bin)", len(e))
		}
		for i, v := range e {
			if !finite(v) {
				return fmt.Errorf("edge %d is %g; edges must be finite", i, v)
			}
			if i > 0 && v < e[i-1] {
				return fmt.Errorf("edges must increase: edge %d (%g) is below edge %d (%g)", i, v, i-1, e[i-1])
			}
		}
		p.bar.bins, p.bar.edges = 0, e
		return nil
	}}
}

func intValue(rv reflect.Value) (int64, bool) {
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if rv.Uint() > 1<<62 {
			return 1 << 62, true
		}
		return int64(rv.Uint()), true
	}
	return 0, false
}

// Range sets the span of Hist's equal bins (default: the data's minimum
// and maximum); values outside it are not counted, as with matplotlib's
// range=(lo, hi). Explicit Bins edges take precedence, as in numpy.
func Range(lo, hi float64) Option {
	return Option{"Range", func(p *props) error {
		if !finite(lo) || !finite(hi) {
			return fmt.Errorf("range [%g, %g] is not finite", lo, hi)
		}
		if lo > hi {
			return fmt.Errorf("range [%g, %g]: the maximum must not be below the minimum", lo, hi)
		}
		p.bar.rng = &[2]float64{lo, hi}
		return nil
	}}
}

// Density makes Hist draw and return a probability density: counts divided
// by the total count and the bin width, so that the bars' area is 1.
func Density(on bool) Option {
	return Option{"Density", func(p *props) error { p.bar.density = on; return nil }}
}

// Weights makes each value of Hist's data count with its weight (one per
// value) instead of 1.
func Weights(w any) Option {
	return Option{"Weights", func(p *props) error {
		v, err := floats(w)
		if err != nil {
			return err
		}
		p.bar.weights = v
		return nil
	}}
}

// Histtype chooses how Hist draws: "bar" (default, filled bars), "step"
// (an outline) or "stepfilled" (a filled outline).
func Histtype(t string) Option {
	return Option{"Histtype", func(p *props) error {
		switch t {
		case "bar", "step", "stepfilled":
		default:
			return fmt.Errorf("unknown histogram type %q (want \"bar\", \"step\" or \"stepfilled\")", t)
		}
		p.bar.histtype = t
		return nil
	}}
}

// RWidth sets the width of Hist's bars as a fraction of the bin width
// (default 1: bars touch).
func RWidth(f float64) Option {
	return Option{"RWidth", func(p *props) error {
		if !(f >= 0 && f <= 1) {
			return fmt.Errorf("relative width %g is not between 0 and 1", f)
		}
		p.bar.rwidth = &f
		return nil
	}}
}

// Width sets the width of Bar's bars in data units (default 0.8): one
// number, or one per bar.
func Width(w any) Option { return thickness("Width", w) }

// Height sets the thickness of Barh's bars in data units (default 0.8).
func Height(h any) Option { return thickness("Height", h) }

func thickness(name string, v any) Option {
	return Option{name, func(p *props) error {
		f, err := scalarOrFloats(v)
		if err != nil {
			return err
		}
		p.bar.thick = f
		return nil
	}}
}

// Bottom sets where Bar's bars start (default 0): one number, or one per
// bar, as for a stacked bar chart Bar(x, h2, Bottom(h1)).
func Bottom(b any) Option { return baseline("Bottom", b) }

// Left sets where Barh's bars start (default 0).
func Left(l any) Option { return baseline("Left", l) }

func baseline(name string, v any) Option {
	return Option{name, func(p *props) error {
		f, err := scalarOrFloats(v)
		if err != nil {
			return err
		}
		p.bar.base = f
		return nil
	}}
}

// Align places Bar's bars on their x: "center" (default) or "edge" (x is
// the left edge; a negative Width puts the bar on the left).
func Align(a string) Option {
	return Option{"Align", func(p *props) error {
		if a != "center" && a != "edge" {
			return fmt.Errorf("unknown alignment %q (want \"center\" or \"edge\")", a)
		}
		p.bar.align = a
		return nil
	}}
}

// EdgeColor outlines bars and filled histograms in a colour (Color's
// forms), with line width LW (default 1); "none" for no outline, the
// default.
func EdgeColor(spec string) Option {
	return Option{"EdgeColor", func(p *props) error {
		if spec == "none" || spec == "None" {
			p.bar.edge, p.bar.edgeNone = nil, true
			return nil
		}
		c, err := parseColor(spec)
		if err != nil {
			return err
		}
		p.bar.edge, p.bar.edgeNone = &c, false
		return nil
	}}
}

// scalarOrFloats reads one number (any numeric type) as a one-element
// slice, or data as floats does.
func scalarOrFloats(v any) ([]float64, error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Float32, reflect.Float64:
		return []float64{rv.Float()}, nil
	}
	if n, ok := intValue(rv); ok {
		return []float64{float64(n)}, nil
	}
	return floats(v)
}
