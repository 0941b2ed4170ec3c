package figure

import (
	"fmt"
	"math"
	"strconv"
)

// scale is an axis' mapping from data to the axes: linear (nil), log or
// symlog, as matplotlib's scales.
type scale struct {
	kind      string  // "log" or "symlog"
	linthresh float64 // symlog: the linear range around 0
}

// symlog's linscale is matplotlib's default, 1.
const symlogLinscale = 1.0

func (s *scale) fwd(v float64) float64 {
	switch {
	case s == nil:
		return v
	case s.kind == "log":
		if v <= 0 {
			return math.NaN() // not drawn, as matplotlib masks it
		}
		return math.Log10(v)
	}
	adj := symlogLinscale / (1 - 1/10.0)
	a := math.Abs(v)
	if a <= s.linthresh {
		return v * adj / s.linthresh
	}
	return math.Copysign(adj+math.Log10(a/s.linthresh), v)
}

func (s *scale) inv(t float64) float64 {
	switch {
	case s == nil:
		return t
	case s.kind == "log":
		return math.Pow(10, t)
	}
	adj := symlogLinscale / (1 - 1/10.0)
	a := math.Abs(t)
	if a <= adj {
		return t * s.linthresh / adj
	}
	return math.Copysign(s.linthresh*math.Pow(10, a-adj), t)
}

// valid says whether v can be shown on the scale.
func (s *scale) valid(v float64) bool { return finite(v) && (s == nil || s.kind != "log" || v > 0) }

// Xscale sets the x axis' scale of the current axes: "linear", "log" or
// "symlog" (with an optional linear threshold around 0, default 2, as
// matplotlib's xscale('symlog', linthresh=...)).
func Xscale(kind string, linthresh ...float64) error { return Gca().Xscale(kind, linthresh...) }

// Yscale sets the y axis' scale of the current axes.
func Yscale(kind string, linthresh ...float64) error { return Gca().Yscale(kind, linthresh...) }

// Xscale is the axes' version of the package-level Xscale.
func (ax *Axes) Xscale(kind string, linthresh ...float64) error {
	return ax.setScale("Xscale", ax.xgroup, true, kind, linthresh)
}

// Yscale is the axes' version of the package-level Yscale.
func (ax *Axes) Yscale(kind string, linthresh ...float64) error {
	return ax.setScale("Yscale", ax.ygroup, false, kind, linthresh)
}

func (ax *Axes) setScale(fn string, g *shareGroup, x bool, kind string, linthresh []float64) error {
	if ax.err != nil {
		return ax.err
	}
	var s *scale
	switch kind {
	case "linear":
		if len(linthresh) > 0 {
			return fmt.Errorf("%s(%q): a linear threshold is for \"symlog\" only", fn, kind)
		}
	case "log":
		if len(linthresh) > 0 {
			return fmt.Errorf("%s(%q): a linear threshold is for \"symlog\" only", fn, kind)
		}
		s = &scale{kind: kind}
	case "symlog":
		s = &scale{kind: kind, linthresh: 2}
		switch {
		case len(linthresh) > 1:
			return fmt.Errorf("%s: one linear threshold, got %d", fn, len(linthresh))
		case len(linthresh) == 1:
			if !(linthresh[0] > 0) || math.IsInf(linthresh[0], 0) {
				return fmt.Errorf("%s: linear threshold %g must be positive", fn, linthresh[0])
			}
			s.linthresh = linthresh[0]
		}
	default:
		return fmt.Errorf("%s(%q): unknown scale (want \"linear\", \"log\" or \"symlog\")", fn, kind)
	}
	for _, m := range g.members {
		if x {
			m.xscale = s
		} else {
			m.yscale = s
		}
	}
	return nil
}

// scaleTicks are a log or symlog axis' ticks: the powers of ten in
// [lo, hi] (and 0 and the negative ones for symlog), labelled 10ⁿ as
// matplotlib's LogFormatterSciNotation; minor ticks at 2–9 times them
// when few decades show.
func scaleTicks(s *scale, lo, hi float64, nbins int) (major []float64, labels []string, minor []float64) {
	a, b := math.Min(lo, hi), math.Max(lo, hi)
	if s.kind == "log" {
		k0, k1 := math.Ceil(math.Log10(a)-1e-9), math.Floor(math.Log10(b)+1e-9)
		step := math.Max(1, math.Ceil((k1-k0+1)/float64(max(nbins, 1))))
		for k := k0; k <= k1; k += step {
			major = append(major, math.Pow(10, k))
			labels = append(labels, powerLabel("", k))
		}
		if step == 1 && k1-k0 < 8 {
			for k := k0 - 1; k <= k1; k++ {
				for m := 2.0; m <= 9; m++ {
					if v := m * math.Pow(10, k); v >= a && v <= b {
						minor = append(minor, v)
					}
				}
			}
		}
		if len(major) < 2 {
			// Less than two decades: label the minor ticks too, as
			// matplotlib's LogFormatter does for narrow ranges.
			major = append(major, minor...)
			sortFloats(major)
			labels = labels[:0]
			for _, v := range major {
				labels = append(labels, strconv.FormatFloat(v, 'g', 3, 64))
			}
			minor = nil
		}
		return major, labels, minor
	}
	// symlog: 0, ±linthresh·10ⁿ and ±10ⁿ beyond the threshold.
	var pos []float64
	for k := math.Floor(math.Log10(s.linthresh)); k < 300; k++ {
		v := math.Pow(10, k)
		if v > math.Max(math.Abs(a), math.Abs(b))*(1+1e-9) {
			break
		}
		if v >= s.linthresh*(1-1e-9) {
			pos = append(pos, v)
		}
	}
	for i := len(pos) - 1; i >= 0; i-- {
		if -pos[i] >= a {
			major = append(major, -pos[i])
			labels = append(labels, powerLabel("−", math.Round(math.Log10(pos[i]))))
		}
	}
	if a <= 0 && b >= 0 {
		major = append(major, 0)
		labels = append(labels, "0")
	}
	for _, v := range pos {
		if v <= b {
			major = append(major, v)
			labels = append(labels, powerLabel("", math.Round(math.Log10(v))))
		}
	}
	return major, labels, nil
}

func sortFloats(v []float64) {
	for i := 1; i < len(v); i++ {
		for j := i; j > 0 && v[j] < v[j-1]; j-- {
			v[j], v[j-1] = v[j-1], v[j]
		}
	}
}

// powerLabel writes sign·10ᵏ with a raised exponent, as matplotlib's
// LogFormatterSciNotation.
func powerLabel(sign string, k float64) string {
	return sign + "10$^{" + strconv.Itoa(int(k)) + "}$"
}

// scaledMargins is limits' margin on a log or symlog axis: 5% of the
// range on the axis (in decades for log), stopping at sticky edges the
// scale can show.
func scaledMargins(g *shareGroup, x bool, sc *scale, lo, hi float64) (float64, float64) {
	a, b := sc.fwd(lo), sc.fwd(hi)
	if b-a <= 1e-12*math.Max(math.Abs(a), math.Abs(b)) {
		a, b = a-0.5, b+0.5 // one decade around a constant
	}
	d := (b - a) * axisMargin
	var st []float64
	for _, m := range g.members {
		for _, v := range m.meshSticky(x) {
			if sc.valid(v) {
				st = append(st, sc.fwd(v))
			}
		}
		for _, pa := range m.patches {
			vs := pa.stickyY
			if x {
				vs = pa.stickyX
			}
			for _, v := range vs {
				if sc.valid(v) {
					st = append(st, sc.fwd(v))
				}
			}
		}
	}
	na, nb := a-d, b+d
	for _, v := range st {
		if v <= a && v > na {
			na = v
		}
		if v >= b && v < nb {
			nb = v
		}
	}
	return sc.inv(na), sc.inv(nb)
}

// scaledTicks are an axis' ticks on its scale: explicit ones, linear or
// log/symlog ones.
func scaledTicks(sc *scale, spec *tickSpec, lo, hi float64, nbins int) ([]float64, []string, []float64) {
	if sc == nil || spec != nil {
		t, l := axisTicks(spec, lo, hi, nbins)
		return t, l, nil
	}
	return scaleTicks(sc, lo, hi, nbins)
}
