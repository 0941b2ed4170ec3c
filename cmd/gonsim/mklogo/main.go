// Command mklogo draws the kernelspec's logos: a Go-blue rounded square
// with a white membrane-potential trace (leak, rise, spike, reset), as
// PNGs (classic Notebook) and as logo-svg.svg (JupyterLab's launcher). It
// needs no fonts or image tools, so the logos can be rebuilt anywhere with
//
//	go run ./cmd/gonsim/mklogo -o kernelspec
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
	"path/filepath"
	"strings"
)

// trace is the voltage trace in unit coordinates (0..1, y down).
var trace = [][2]float64{
	{0.10, 0.68}, {0.22, 0.66}, {0.32, 0.60}, {0.40, 0.53}, {0.46, 0.47},
	{0.50, 0.16}, {0.54, 0.80}, {0.58, 0.70}, {0.66, 0.66}, {0.74, 0.60},
	{0.80, 0.55}, {0.83, 0.22}, {0.86, 0.80}, {0.90, 0.68},
}

var goBlue = color.NRGBA{0x00, 0xAD, 0xD8, 0xFF}

func main() {
	out := flag.String("o", "kernelspec", "directory to write logo-32x32.png, logo-64x64.png and logo-svg.svg to")
	flag.Parse()
	if err := os.WriteFile(filepath.Join(*out, "logo-svg.svg"), []byte(svg()), 0o644); err != nil {
		log.Fatal(err)
	}
	for _, size := range []int{32, 64} {
		path := filepath.Join(*out, fmt.Sprintf("logo-%dx%d.png", size, size))
		f, err := os.Create(path)
		if err != nil {
			log.Fatal(err)
		}
		if err := png.Encode(f, draw(size)); err != nil {
			log.Fatal(err)
		}
		if err := f.Close(); err != nil {
			log.Fatal(err)
		}
	}
}

// draw renders the logo at size×size with 8×8 supersampling per pixel.
func draw(size int) *image.NRGBA {
	const ss = 8
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	stroke := 0.045 // half-width of the trace, in unit coordinates
	for py := range size {
		for px := range size {
			var bg, fg float64 // coverage of the square and of the trace
			for sy := range ss {
				for sx := range ss {
					x := (float64(px) + (float64(sx)+0.5)/ss) / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/ss) / float64(size)
					if inRoundedSquare(x, y, 0.02, 0.2) {
						bg++
						if distToTrace(x, y) < stroke {
							fg++
						}
					}
				}
			}
			bg /= ss * ss
			fg /= ss * ss
			// White over blue, with the square's coverage as alpha.
			mix := func(c uint8) uint8 {
				if bg == 0 {
					return 0
				}
				t := fg / bg
				return uint8(math.Round(float64(c)*(1-t) + 255*t))
			}
			img.SetNRGBA(px, py, color.NRGBA{mix(goBlue.R), mix(goBlue.G), mix(goBlue.B), uint8(math.Round(255 * bg))})
		}
	}
	return img
}

func inRoundedSquare(x, y, margin, r float64) bool {
	lo, hi := margin+r, 1-margin-r
	cx := math.Max(lo, math.Min(hi, x))
	cy := math.Max(lo, math.Min(hi, y))
	return math.Hypot(x-cx, y-cy) <= r
}

func distToTrace(x, y float64) float64 {
	best := math.Inf(1)
	for i := 1; i < len(trace); i++ {
		a, b := trace[i-1], trace[i]
		dx, dy := b[0]-a[0], b[1]-a[1]
		t := ((x-a[0])*dx + (y-a[1])*dy) / (dx*dx + dy*dy)
		t = math.Max(0, math.Min(1, t))
		best = math.Min(best, math.Hypot(x-a[0]-t*dx, y-a[1]-t*dy))
	}
	return best
}

// svg is the same logo as a vector image on a 64×64 canvas: the rounded
// square of inRoundedSquare and the trace stroked with draw's width.
func svg() string {
	const n = 64.0
	var pts []string
	for _, p := range trace {
		pts = append(pts, fmt.Sprintf("%.2f,%.2f", p[0]*n, p[1]*n))
	}
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" rx="%.2f" fill="#%02X%02X%02X"/>
  <polyline points="%s" fill="none" stroke="#FFFFFF" stroke-width="%.2f" stroke-linejoin="round" stroke-linecap="round"/>
</svg>
`, 0.02*n, 0.02*n, 0.96*n, 0.96*n, 0.2*n, goBlue.R, goBlue.G, goBlue.B, strings.Join(pts, " "), 2*0.045*n)
}
