package figure

import (
	_ "embed"
	"encoding/hex"
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"
	"sync"
)

// colormaps.txt holds, one colormap a line, its name and 256 RGB colours
// in hex, sampled from matplotlib 3.6's colormaps of those names and
// truncated to bytes as matplotlib does when it paints an image
// (viridis, plasma, inferno, magma and cividis are public domain (CC0);
// RdBu, Greys, Blues and Reds are ColorBrewer's, by Cynthia Brewer;
// coolwarm is Kenneth Moreland's).
//
//go:embed colormaps.txt
var colormapText string

type colormap struct {
	name string
	lut  [256]color.NRGBA
}

var colormaps = sync.OnceValue(func() map[string]*colormap {
	out := map[string]*colormap{}
	for _, l := range strings.Split(strings.TrimSpace(colormapText), "\n") {
		name, data, _ := strings.Cut(l, " ")
		b, err := hex.DecodeString(data)
		if err != nil || len(b) != 3*256 {
			panic("figure: colormaps.txt: bad line for " + name)
		}
		c := &colormap{name: name}
		for i := range c.lut {
			c.lut[i] = color.NRGBA{b[3*i], b[3*i+1], b[3*i+2], 255}
		}
		out[name] = c
	}
	return out
})

// defaultCmap is matplotlib's image.cmap.
const defaultCmap = "viridis"

// lookupCmap finds a colormap by matplotlib's name; "_r" reverses it.
func lookupCmap(name string) (*colormap, error) {
	ms := colormaps()
	if c, ok := ms[name]; ok {
		return c, nil
	}
	if base, ok := strings.CutSuffix(name, "_r"); ok {
		if c, ok := ms[base]; ok {
			r := &colormap{name: name}
			for i := range r.lut {
				r.lut[i] = c.lut[255-i]
			}
			return r, nil
		}
	}
	names := make([]string, 0, len(ms))
	for n := range ms {
		names = append(names, n)
	}
	sort.Strings(names)
	return nil, fmt.Errorf("unknown colormap %q (known: %s; add _r to reverse one)", name, strings.Join(names, ", "))
}

// norm maps data to colours as matplotlib's Normalize and Colormap do:
// [vmin, vmax] onto the 256 colours, values outside to the end colours,
// NaN to transparent.
type norm struct {
	cmap       *colormap
	vmin, vmax float64
}

func (n norm) color(v float64) color.NRGBA {
	if v != v {
		return color.NRGBA{}
	}
	return n.cmap.lut[n.index(v)]
}

func (n norm) index(v float64) int {
	t := 0.0
	if n.vmax != n.vmin {
		t = (v - n.vmin) / (n.vmax - n.vmin)
	}
	k := math.Floor(t * 256)
	switch {
	case k < 0:
		return 0
	case k > 255:
		return 255
	}
	return int(k)
}

// autoNorm completes a norm from data: the finite minimum and maximum
// where vmin or vmax is not given.
func autoNorm(cmap *colormap, vmin, vmax *float64, data ...[]float64) norm {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, d := range data {
		for _, v := range d {
			if finite(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if math.IsInf(lo, 1) {
		lo, hi = 0, 1
	}
	n := norm{cmap: cmap, vmin: lo, vmax: hi}
	if vmin != nil {
		n.vmin = *vmin
	}
	if vmax != nil {
		n.vmax = *vmax
	}
	return n
}
