package raster

import (
	"image"
	"math"
	"testing"
)

// Polygon covers each pixel by the area of it inside the polygon: the
// coverage sums to the polygon's area (the part inside the clip), and
// pixels fully inside or outside are 255 or 0.
func TestPolygonCoverage(t *testing.T) {
	tests := []struct {
		name    string
		p       []float64
		clip    image.Rectangle
		area    float64 // inside the clip
		in, out [2]int  // a pixel fully covered, one left empty
	}{
		{"square off the grid", []float64{2.5, 2.5, 12.5, 2.5, 12.5, 8.5, 2.5, 8.5}, image.Rect(0, 0, 40, 40), 60, [2]int{5, 5}, [2]int{1, 5}},
		{"triangle", []float64{10, 2, 30, 30, 2, 30}, image.Rect(0, 0, 40, 40), 0.5 * 28 * 28, [2]int{15, 25}, [2]int{30, 5}},
		{"reversed winding", []float64{2.5, 8.5, 12.5, 8.5, 12.5, 2.5, 2.5, 2.5}, image.Rect(0, 0, 40, 40), 60, [2]int{5, 5}, [2]int{13, 5}},
		{"clipped left and top", []float64{-100, -50, 10.25, -50, 10.25, 20, -100, 20}, image.Rect(0, 0, 40, 40), 10.25 * 20, [2]int{0, 0}, [2]int{11, 5}},
		{"clipped by a clip rectangle", []float64{0, 0, 40, 0, 40, 40, 0, 40}, image.Rect(5, 5, 15, 25), 200, [2]int{10, 10}, [2]int{20, 10}},
		{"star overlaps itself once", star(20, 20, 15), image.Rect(0, 0, 40, 40), starArea(15), [2]int{20, 20}, [2]int{2, 2}},
	}
	for _, tt := range tests {
		m := NewMask(40, 40)
		m.SetClip(tt.clip)
		m.Polygon(tt.p)
		sum := 0.0
		for _, v := range m.a {
			sum += float64(v) / 255
		}
		if math.Abs(sum-tt.area) > 0.01*tt.area+1 {
			t.Errorf("%s: coverage sums to %.2f, want the area %.2f", tt.name, sum, tt.area)
		}
		if v := m.a[tt.in[1]*40+tt.in[0]]; v != 255 {
			t.Errorf("%s: pixel %v has %d, want 255", tt.name, tt.in, v)
		}
		if v := m.a[tt.out[1]*40+tt.out[0]]; v != 0 {
			t.Errorf("%s: pixel %v has %d, want 0", tt.name, tt.out, v)
		}
	}
}

// star is a pentagram drawn as five crossing lines (non-zero winding
// fills its centre once).
func star(cx, cy, r float64) []float64 {
	var p []float64
	for k := 0; k < 5; k++ {
		a := math.Pi/2 + float64(2*k)*2*math.Pi/5
		p = append(p, cx+r*math.Cos(a), cy-r*math.Sin(a))
	}
	return p
}

// starArea is the area of a pentagram of outer radius r: ten triangles
// from the centre to an outer and an inner vertex.
func starArea(r float64) float64 {
	ri := r * math.Cos(2*math.Pi/5) / math.Cos(math.Pi/5)
	return 10 * 0.5 * r * ri * math.Sin(math.Pi/5)
}
