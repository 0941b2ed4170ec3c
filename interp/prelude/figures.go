package prelude

import (
	"gonsim/display/figure"
)

// More plot kinds, as matplotlib.pyplot: scatter plots, error bars,
// bands, spans, text, images and colour scales, log axes, twin axes and
// grids of subplots. A failure ends the cell with its error.

func Scatter(x, y any, opts ...any)                { Fail(figure.Scatter(x, y, opts...)) }
func Errorbar(x, y any, opts ...any)               { Fail(figure.Errorbar(x, y, opts...)) }
func FillBetween(x, y1, y2 any, opts ...any)       { Fail(figure.FillBetween(x, y1, y2, opts...)) }
func Axhspan(ymin, ymax float64, opts ...any)      { Fail(figure.Axhspan(ymin, ymax, opts...)) }
func Axvspan(xmin, xmax float64, opts ...any)      { Fail(figure.Axvspan(xmin, xmax, opts...)) }
func Text(x, y float64, s string, opts ...any)     { Fail(figure.Text(x, y, s, opts...)) }
func Annotate(s string, x, y float64, opts ...any) { Fail(figure.Annotate(s, x, y, opts...)) }
func Imshow(z any, opts ...any)                    { Fail(figure.Imshow(z, opts...)) }
func Pcolormesh(x, y, c any, opts ...any)          { Fail(figure.Pcolormesh(x, y, c, opts...)) }
func Colorbar(opts ...any)                         { Fail(figure.Colorbar(opts...)) }
func Xscale(kind string, linthresh ...float64)     { Fail(figure.Xscale(kind, linthresh...)) }
func Yscale(kind string, linthresh ...float64)     { Fail(figure.Yscale(kind, linthresh...)) }
func Suptitle(s string, opts ...any)               { Fail(figure.Suptitle(s, opts...)) }
func Twinx() *figure.Axes                          { return checked(figure.Twinx()) }
func Subplots(rows, cols int, opts ...any) (*figure.Fig, [][]*figure.Axes) {
	f, axs := figure.Subplots(rows, cols, opts...)
	Fail(f.Err())
	return f, axs
}

func checked(ax *figure.Axes) *figure.Axes { Fail(ax.Err()); return ax }

func Sizes(s any) PlotOption      { return figure.Sizes(s) }
func Colors(c any) PlotOption     { return figure.Colors(c) }
func Cmap(name string) PlotOption { return figure.Cmap(name) }
func Vmin(v float64) PlotOption   { return figure.Vmin(v) }
func Vmax(v float64) PlotOption   { return figure.Vmax(v) }
func Extent(left, right, bottom, top float64) PlotOption {
	return figure.Extent(left, right, bottom, top)
}
func Origin(o string) PlotOption      { return figure.Origin(o) }
func Aspect(a any) PlotOption         { return figure.Aspect(a) }
func Yerr(e any) PlotOption           { return figure.Yerr(e) }
func Xerr(e any) PlotOption           { return figure.Xerr(e) }
func Capsize(pt float64) PlotOption   { return figure.Capsize(pt) }
func HA(a string) PlotOption          { return figure.HA(a) }
func VA(a string) PlotOption          { return figure.VA(a) }
func Rotation(deg float64) PlotOption { return figure.Rotation(deg) }
func XYText(x, y float64) PlotOption  { return figure.XYText(x, y) }
func Arrow(style string) PlotOption   { return figure.Arrow(style) }
func Figsize(w, h float64) PlotOption { return figure.Figsize(w, h) }

// InlineFormat chooses how figures show: "png" (default), "svg", or
// "text" (the description only, for jupyter console, which otherwise
// opens every figure in an image viewer).
func InlineFormat(format string) { Fail(figure.InlineFormat(format)) }
