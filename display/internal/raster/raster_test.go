package raster

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"
)

func TestSegmentCoverage(t *testing.T) {
	tests := []struct {
		name       string
		x0, y0     float64
		x1, y1     float64
		width      float64
		cp         Cap
		inX, inY   int // a pixel that must be fully covered
		outX, outY int // a pixel that must stay empty
	}{
		{"horizontal", 2, 10.5, 30, 10.5, 3, Round, 15, 10, 15, 14},
		{"vertical", 10.5, 2, 10.5, 30, 1, Round, 10, 20, 12, 20},
		{"diagonal", 2, 2, 30, 30, 4, Round, 15, 15, 25, 5},
		{"butt stops at end", 5, 10.5, 20, 10.5, 3, Butt, 10, 10, 22, 10},
		{"round passes end", 5, 10.5, 20, 10.5, 6, Round, 21, 10, 25, 10},
		{"end far outside", 10.5, 20, 10.5, -1e300, 3, Round, 10, 5, 20, 5},
		{"both ends far outside", -1e9, 30.5, 1e12, 30.5, 3, Round, 20, 30, 20, 35},
	}
	for _, tt := range tests {
		m := NewMask(40, 40)
		m.Segment(tt.x0, tt.y0, tt.x1, tt.y1, tt.width, tt.cp)
		if got := m.a[tt.inY*40+tt.inX]; got != 255 {
			t.Errorf("%s: coverage at (%d,%d) = %d, want 255", tt.name, tt.inX, tt.inY, got)
		}
		if got := m.a[tt.outY*40+tt.outX]; got != 0 {
			t.Errorf("%s: coverage at (%d,%d) = %d, want 0", tt.name, tt.outX, tt.outY, got)
		}
	}
}

// A translucent polyline that crosses itself is composited once, as one
// shape: the crossing is not darker than the rest.
func TestCompositeUnion(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 40, 40))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	m := NewMask(40, 40)
	m.Segment(0, 20.5, 40, 20.5, 3, Round)
	m.Segment(20.5, 0, 20.5, 40, 3, Round)
	m.Composite(img, color.NRGBA{0, 0, 0, 128})
	cross, arm := img.RGBAAt(20, 20), img.RGBAAt(5, 20)
	if cross != arm {
		t.Errorf("crossing %v differs from arm %v", cross, arm)
	}
	if arm.R < 120 || arm.R > 135 {
		t.Errorf("half-transparent black over white = %v, want grey ~127", arm)
	}
	for _, v := range m.a {
		if v != 0 {
			t.Fatal("Composite did not clear the mask")
		}
	}
}

func TestClip(t *testing.T) {
	m := NewMask(40, 40)
	m.SetClip(image.Rect(10, 10, 30, 30))
	m.Segment(0, 20, 40, 20, 4, Round)
	m.Ring(5, 5, 4, 1)
	for y := 0; y < 40; y++ {
		for x := 0; x < 40; x++ {
			if m.a[y*40+x] != 0 && !(image.Point{x, y}.In(image.Rect(10, 10, 30, 30))) {
				t.Fatalf("pixel (%d,%d) drawn outside the clip", x, y)
			}
		}
	}
}

// BenchmarkNoisyTrace strokes one 10,000-point noisy trace across 860 px,
// the raw cost before the figure package thins points per pixel column.
func BenchmarkNoisyTrace(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	ys := make([]float64, 10000)
	for i := range ys {
		ys[i] = 200 + 40*r.NormFloat64()
	}
	img := image.NewRGBA(image.Rect(0, 0, 1000, 400))
	m := NewMask(1000, 400)
	for b.Loop() {
		for i := 1; i < len(ys); i++ {
			m.Segment(float64(i-1)*0.086, ys[i-1], float64(i)*0.086, ys[i], 3, Round)
		}
		m.Composite(img, color.NRGBA{0, 0, 0, 13})
	}
}

// Composite finds shapes anywhere in a wide row, not only the first.
func TestCompositeWideRow(t *testing.T) {
	const w = 3000
	img := image.NewRGBA(image.Rect(0, 0, w, 10))
	m := NewMask(w, 10)
	for _, x := range []float64{5, 1500, 2995} {
		m.Disc(x, 5, 3)
	}
	m.Composite(img, color.NRGBA{255, 0, 0, 255})
	for _, x := range []int{5, 1500, 2995} {
		if got := img.RGBAAt(x, 5); got.R != 255 {
			t.Errorf("pixel (%d,5) = %v, want red", x, got)
		}
	}
	if got := img.RGBAAt(800, 5); got.A != 0 {
		t.Errorf("pixel (800,5) = %v, want untouched", got)
	}
	for _, v := range m.a {
		if v != 0 {
			t.Fatal("Composite did not clear the mask")
		}
	}
}
