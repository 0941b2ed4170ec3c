package figure

import "math"

// Markers drawn as polygons, sized as matplotlib's MarkerStyle does: the
// triangles, pentagon, hexagon, octagon and star fit a circle of diameter
// ms; the diamond is a square of side ms turned by 45°, the thin diamond
// that diamond narrowed to 0.6.
const polygonMarkers = "^v<>Ddph*8"

// filledMarkers are the markers a plotted line fills with its colour
// (matplotlib's filled_markers, plus the point and the pixel).
const filledMarkers = "o.,s" + polygonMarkers

// markerPolygon returns the outline of a polygon marker of size ms (in
// points, y down, centred on 0) as x0, y0, x1, y1, …; nil for the others.
func markerPolygon(m string, ms float64) []float64 {
	r := ms / 2
	regular := func(n int, rot float64) []float64 {
		p := make([]float64, 0, 2*n)
		for k := range n {
			a := math.Pi/2 + rot + 2*math.Pi*float64(k)/float64(n)
			p = append(p, r*math.Cos(a), -r*math.Sin(a))
		}
		return p
	}
	switch m {
	case "^":
		return []float64{0, -r, -r, r, r, r}
	case "v":
		return []float64{0, r, r, -r, -r, -r}
	case "<":
		return []float64{-r, 0, r, -r, r, r}
	case ">":
		return []float64{r, 0, -r, r, -r, -r}
	case "D", "d":
		h := ms / math.Sqrt2
		w := h
		if m == "d" {
			w *= 0.6
		}
		return []float64{0, -h, w, 0, 0, h, -w, 0}
	case "p":
		return regular(5, 0)
	case "h":
		return regular(6, 0)
	case "8":
		return regular(8, math.Pi/8)
	case "*":
		// matplotlib's unit_regular_star(5, innerCircle=0.381966).
		p := make([]float64, 0, 20)
		for k := range 10 {
			rr := r
			if k%2 == 1 {
				rr = 0.381966 * r
			}
			a := math.Pi/2 + math.Pi*float64(k)/5
			p = append(p, rr*math.Cos(a), -rr*math.Sin(a))
		}
		return p
	}
	return nil
}
