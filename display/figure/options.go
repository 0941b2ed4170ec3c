package figure

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
)

// Option is a keyword argument in matplotlib's sense: Color("r"), LW(2),
// Alpha(0.05), Label("v"), FontSize(12), Sharey(ax)... Functions accept the
// options that make sense for them and return an error naming the others.
type Option struct {
	name string
	set  func(*props) error
}

// props collects what options and format strings ask for; nil means "not
// given" so that defaults (the colour cycle, a marker-only format) apply.
type props struct {
	color, mfc, mec *color.NRGBA
	mfcNone         bool
	linestyle       *string
	lw, alpha       *float64
	ms, mew         *float64
	marker          *string
	label           *string
	fontsize        *float64
	sharex, sharey  *Axes
	shareAll        string     // Subplots' Sharex(true), ("col", "row"): "all", "col", "row"
	figsize         [2]float64 // Subplots' Figsize
	loc             *string
	bar             barProps  // Bar and Hist options (baropts.go)
	kind            kindProps // Scatter, Errorbar, Imshow, Text... options (kindopts.go)
	given           []string  // option names, for "does not apply" errors
}

func ptr[T any](v T) *T { return &v }

// Color sets the colour of a line, marker or text: matplotlib's single
// letters ("r", "g", "k"...), the cycle colours "C0".."C9", "#rrggbb",
// "#rrggbbaa", grey levels such as "0.8", and common names ("red",
// "orange", "tab:blue"...).
func Color(spec string) Option {
	return Option{"Color", func(p *props) error {
		c, err := parseColor(spec)
		if err != nil {
			return err
		}
		p.color = &c
		return nil
	}}
}

// LS sets the line style: "-" (solid), "--" (dashed), ":" (dotted), "-."
// (dash-dot), or "" / "none" for no line.
func LS(style string) Option {
	return Option{"LS", func(p *props) error {
		s := style
		if s == "none" || s == "None" || s == " " {
			s = ""
		}
		switch s {
		case "-", "--", ":", "-.", "":
		case "solid":
			s = "-"
		case "dashed":
			s = "--"
		case "dotted":
			s = ":"
		case "dashdot":
			s = "-."
		default:
			return fmt.Errorf("unknown line style %q (want \"-\", \"--\", \":\", \"-.\" or \"none\")", style)
		}
		p.linestyle = &s
		return nil
	}}
}

// LW sets the line width in points (matplotlib's default is 1.5).
func LW(width float64) Option {
	return Option{"LW", func(p *props) error {
		if !(width >= 0) || width > 1000 {
			return fmt.Errorf("line width %g is not between 0 and 1000 points", width)
		}
		p.lw = &width
		return nil
	}}
}

// Alpha sets the opacity, from 0 (invisible) to 1 (opaque).
func Alpha(a float64) Option {
	return Option{"Alpha", func(p *props) error {
		if !(a >= 0 && a <= 1) {
			return fmt.Errorf("alpha %g is not between 0 and 1", a)
		}
		p.alpha = &a
		return nil
	}}
}

// Label names a line in the legend.
func Label(s string) Option {
	return Option{"Label", func(p *props) error { p.label = &s; return nil }}
}

// Marker sets the marker drawn at each point: "o" circle, "." dot, ","
// pixel, "|" and "_" ticks, "+", "x", "s" square, "^" "v" "<" ">"
// triangles, "D" diamond, "d" thin diamond, "p" pentagon, "h" hexagon,
// "8" octagon, "*" star, or "" for none.
func Marker(m string) Option {
	return Option{"Marker", func(p *props) error {
		if m != "" && !strings.Contains(markerChars, m) || len(m) > 1 {
			return fmt.Errorf("unknown marker %q (want one of %q)", m, markerChars)
		}
		p.marker = &m
		return nil
	}}
}

// MS sets the marker size in points (the diameter of "o"; default 6).
func MS(size float64) Option {
	return Option{"MS", func(p *props) error {
		if !(size >= 0) || size > 1000 {
			return fmt.Errorf("marker size %g is not between 0 and 1000 points", size)
		}
		p.ms = &size
		return nil
	}}
}

// MFC sets the marker face colour; "none" gives open markers.
func MFC(spec string) Option {
	return Option{"MFC", func(p *props) error {
		if spec == "none" || spec == "None" {
			p.mfcNone = true
			return nil
		}
		c, err := parseColor(spec)
		if err != nil {
			return err
		}
		p.mfc = &c
		return nil
	}}
}

// MEC sets the marker edge colour.
func MEC(spec string) Option {
	return Option{"MEC", func(p *props) error {
		c, err := parseColor(spec)
		if err != nil {
			return err
		}
		p.mec = &c
		return nil
	}}
}

// MEW sets the marker edge width in points (default 1).
func MEW(width float64) Option {
	return Option{"MEW", func(p *props) error {
		if !(width >= 0) || width > 1000 {
			return fmt.Errorf("marker edge width %g is not between 0 and 1000 points", width)
		}
		p.mew = &width
		return nil
	}}
}

// FontSize sets the size of a label, title or legend text in points.
func FontSize(pt float64) Option {
	return Option{"FontSize", func(p *props) error {
		if !(pt > 0) || pt > 1000 {
			return fmt.Errorf("font size %g is not between 0 and 1000 points", pt)
		}
		p.fontsize = &pt
		return nil
	}}
}

// Sharex makes a new subplot share its x limits with ax; given to
// Subplots, Sharex(true) shares them among all axes, Sharex("col")
// within columns, Sharex("row") within rows.
func Sharex(ax any) Option { return share("Sharex", ax, func(p *props) **Axes { return &p.sharex }) }

// Sharey makes a new subplot share its y limits with ax (or, given to
// Subplots, true, "col" or "row" as Sharex).
func Sharey(ax any) Option { return share("Sharey", ax, func(p *props) **Axes { return &p.sharey }) }

func share(name string, v any, dst func(*props) **Axes) Option {
	return Option{name, func(p *props) error {
		switch v := v.(type) {
		case *Axes:
			if v == nil {
				return fmt.Errorf("%s(nil): no axes to share with", name)
			}
			*dst(p) = v
		case bool:
			if !v {
				return errNoShare
			}
			p.shareAll = "all"
		case string:
			if v != "all" && v != "col" && v != "row" {
				return fmt.Errorf("%s(%q): want axes, true, \"col\" or \"row\"", name, v)
			}
			p.shareAll = v
		case nil:
			return fmt.Errorf("%s(nil): no axes to share with", name)
		default:
			return fmt.Errorf("%s: want axes, true, \"col\" or \"row\", got %T", name, v)
		}
		return nil
	}}
}

// Loc places the legend: "best" (default), "upper right", "upper left",
// "lower left", "lower right".
func Loc(where string) Option {
	return Option{"Loc", func(p *props) error {
		switch where {
		case "best", "upper right", "upper left", "lower left", "lower right":
		default:
			return fmt.Errorf("unknown legend location %q", where)
		}
		p.loc = &where
		return nil
	}}
}

// parseArgs applies format strings and options for function fn, allowing
// only the option names in allowed (a format string needs "fmt").
func parseArgs(fn string, args []any, allowed ...string) (*props, error) {
	p := &props{}
	ok := func(name string) bool {
		for _, a := range allowed {
			if a == name {
				return true
			}
		}
		return false
	}
	for i, a := range args {
		switch a := a.(type) {
		case Option:
			if !ok(a.name) {
				return nil, fmt.Errorf("%s: option %s does not apply here (allowed: %s)", fn, a.name, strings.Join(allowed, ", "))
			}
			if err := a.set(p); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", fn, a.name, err)
			}
			p.given = append(p.given, a.name)
		case string:
			if !ok("fmt") {
				return nil, fmt.Errorf("%s: unexpected string %q (this function takes no format string)", fn, a)
			}
			if err := parseFormat(a, p); err != nil {
				return nil, fmt.Errorf("%s: %w", fn, err)
			}
		case nil:
			return nil, fmt.Errorf("%s: argument %d is nil", fn, i+1)
		default:
			return nil, fmt.Errorf("%s: argument %d has type %T; want an option such as Color(\"r\") or a format string such as \"--g\"", fn, i+1, a)
		}
	}
	return p, nil
}

const markerChars = "o.,|_+xs" + polygonMarkers

// parseFormat reads a matplotlib format string "[marker][line][color]" in
// any order: "o", "|k", "-k", "--g", "r.", "k--".
func parseFormat(f string, p *props) error {
	s := f
	var ls, mk, col string
	for len(s) > 0 {
		switch {
		case strings.HasPrefix(s, "--"), strings.HasPrefix(s, "-."):
			ls, s = s[:2], s[2:]
		case s[0] == '-' || s[0] == ':':
			ls, s = s[:1], s[1:]
		case strings.IndexByte(markerChars, s[0]) >= 0:
			mk, s = s[:1], s[1:]
		case s[0] == 'C' && len(s) > 1 && s[1] >= '0' && s[1] <= '9':
			col, s = s[:2], s[2:]
		case strings.IndexByte("bgrcmykw", s[0]) >= 0:
			col, s = s[:1], s[1:]
		default:
			return fmt.Errorf("format string %q: unknown character %q (markers %q, lines - -- : -., colours bgrcmykw or C0-C9)", f, s[0], markerChars)
		}
	}
	if col != "" {
		c, _ := parseColor(col)
		p.color = &c
	}
	if mk != "" {
		p.marker = &mk
		if ls == "" && p.linestyle == nil {
			none := ""
			p.linestyle = &none // a marker alone draws no line, as in matplotlib
		}
	}
	if ls != "" {
		p.linestyle = &ls
	}
	return nil
}

// cycle is matplotlib's default colour cycle (tab10).
var cycle = []string{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
	"#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"}

var namedColors = map[string]string{
	"b": "#0000ff", "g": "#008000", "r": "#ff0000", "c": "#00bfbf", "m": "#bf00bf",
	"y": "#bfbf00", "k": "#000000", "w": "#ffffff",
	"blue": "#0000ff", "green": "#008000", "red": "#ff0000", "cyan": "#00ffff",
	"magenta": "#ff00ff", "yellow": "#ffff00", "black": "#000000", "white": "#ffffff",
	"gray": "#808080", "grey": "#808080", "orange": "#ffa500", "purple": "#800080",
	"brown": "#a52a2a", "pink": "#ffc0cb", "olive": "#808000", "navy": "#000080",
	"darkgreen": "#006400", "lightgray": "#d3d3d3", "lightgrey": "#d3d3d3",
	"darkgray": "#a9a9a9", "darkgrey": "#a9a9a9",
	"tab:blue": cycle[0], "tab:orange": cycle[1], "tab:green": cycle[2], "tab:red": cycle[3],
	"tab:purple": cycle[4], "tab:brown": cycle[5], "tab:pink": cycle[6], "tab:gray": cycle[7],
	"tab:grey": cycle[7], "tab:olive": cycle[8], "tab:cyan": cycle[9],
}

func parseColor(spec string) (color.NRGBA, error) {
	s := strings.TrimSpace(spec)
	if len(s) == 2 && s[0] == 'C' && s[1] >= '0' && s[1] <= '9' {
		s = cycle[s[1]-'0']
	} else if h, ok := namedColors[strings.ToLower(s)]; ok {
		s = h
	} else if g, err := strconv.ParseFloat(s, 64); err == nil {
		if g < 0 || g > 1 {
			return color.NRGBA{}, fmt.Errorf("grey level %q is not between 0 and 1", spec)
		}
		v := uint8(g*255 + 0.5)
		return color.NRGBA{v, v, v, 255}, nil
	}
	if strings.HasPrefix(s, "#") && (len(s) == 7 || len(s) == 9) {
		v, err := strconv.ParseUint(s[1:], 16, 32)
		if err == nil {
			if len(s) == 7 {
				return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}, nil
			}
			return color.NRGBA{uint8(v >> 24), uint8(v >> 16), uint8(v >> 8), uint8(v)}, nil
		}
	}
	return color.NRGBA{}, fmt.Errorf("unknown colour %q (try \"r\", \"C1\", \"#1f77b4\", \"0.5\" or \"orange\")", spec)
}
