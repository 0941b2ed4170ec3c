package prelude

import (
	"image"

	"gonsim/display"
	"gonsim/display/figure"
)

// PlotOption is an option of the plotting functions (Color, LW, ...).
type PlotOption = figure.Option

// Rich values: Show(HTML("<b>hi</b>")).

func HTML(s string) display.Value         { return display.HTML(s) }
func Markdown(s string) display.Value     { return display.Markdown(s) }
func LaTeX(s string) display.Value        { return display.LaTeX(s) }
func SVG(s string) display.Value          { return display.SVG(s) }
func JSON(v any) display.Value            { return display.JSON(v) }
func PNG(b []byte) display.Value          { return display.PNG(b) }
func Image(img image.Image) display.Value { return display.Image(img) }

// Clear clears the cell's output (at once, or when wait, at the next output).
func Clear(wait bool) { display.Clear(wait) }

// Figures, as matplotlib.pyplot: a failure ends the cell with its error.

func Figure(w, h float64, dpi ...float64) *figure.Fig { return figure.Figure(w, h, dpi...) }
func Subplot(args ...any) *figure.Axes                { return figure.Subplot(args...) }
func Gca() *figure.Axes                               { return figure.Gca() }
func Gcf() *figure.Fig                                { return figure.Gcf() }
func Plot(x, y any, opts ...any)                      { Fail(figure.Plot(x, y, opts...)) }
func Xlabel(s string, opts ...any)                    { Fail(figure.Xlabel(s, opts...)) }
func Ylabel(s string, opts ...any)                    { Fail(figure.Ylabel(s, opts...)) }
func Title(s string, opts ...any)                     { Fail(figure.Title(s, opts...)) }
func Legend(opts ...any)                              { Fail(figure.Legend(opts...)) }
func Xlim(lo, hi float64)                             { Fail(figure.Xlim(lo, hi)) }
func Ylim(lo, hi float64)                             { Fail(figure.Ylim(lo, hi)) }
func Xticks(at []float64, labels ...string)           { Fail(figure.Xticks(at, labels...)) }
func Yticks(at []float64, labels ...string)           { Fail(figure.Yticks(at, labels...)) }
func Axhline(y float64, opts ...any)                  { Fail(figure.Axhline(y, opts...)) }
func Axvline(x float64, opts ...any)                  { Fail(figure.Axvline(x, opts...)) }
func TightLayout()                                    { Fail(figure.TightLayout()) }
func Savefig(path string)                             { Fail(figure.Savefig(path)) }

func Alpha(a float64) PlotOption     { return figure.Alpha(a) }
func Color(spec string) PlotOption   { return figure.Color(spec) }
func FontSize(pt float64) PlotOption { return figure.FontSize(pt) }
func LS(style string) PlotOption     { return figure.LS(style) }
func LW(width float64) PlotOption    { return figure.LW(width) }
func Label(s string) PlotOption      { return figure.Label(s) }
func Loc(where string) PlotOption    { return figure.Loc(where) }
func MEC(spec string) PlotOption     { return figure.MEC(spec) }
func MEW(width float64) PlotOption   { return figure.MEW(width) }
func MFC(spec string) PlotOption     { return figure.MFC(spec) }
func MS(size float64) PlotOption     { return figure.MS(size) }
func Marker(m string) PlotOption     { return figure.Marker(m) }
func Sharex(ax any) PlotOption       { return figure.Sharex(ax) }
func Sharey(ax any) PlotOption       { return figure.Sharey(ax) }

// Histograms and bar charts: Hist returns numpy.histogram's counts and
// edges, as matplotlib's hist.

func Hist(x any, opts ...any) (counts, edges []float64) {
	counts, edges, err := figure.Hist(x, opts...)
	Fail(err)
	return counts, edges
}
func Bar(x, height any, opts ...any) { Fail(figure.Bar(x, height, opts...)) }
func Barh(y, width any, opts ...any) { Fail(figure.Barh(y, width, opts...)) }

func Bins(b any) PlotOption            { return figure.Bins(b) }
func Range(lo, hi float64) PlotOption  { return figure.Range(lo, hi) }
func Density(on bool) PlotOption       { return figure.Density(on) }
func Weights(w any) PlotOption         { return figure.Weights(w) }
func Histtype(t string) PlotOption     { return figure.Histtype(t) }
func RWidth(f float64) PlotOption      { return figure.RWidth(f) }
func Width(w any) PlotOption           { return figure.Width(w) }
func Height(h any) PlotOption          { return figure.Height(h) }
func Bottom(b any) PlotOption          { return figure.Bottom(b) }
func Left(l any) PlotOption            { return figure.Left(l) }
func Align(a string) PlotOption        { return figure.Align(a) }
func EdgeColor(spec string) PlotOption { return figure.EdgeColor(spec) }
