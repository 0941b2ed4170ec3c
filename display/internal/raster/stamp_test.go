package raster

import (
	"image"
	"math/rand/v2"
	"testing"
)

// Adding stamps gives the same mask as drawing each marker, whether or
// not dense regions are skipped as already covered.
func TestStampsMatchDrawing(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	disc := func(m *Mask) { m.Disc(10.25, 10.5, 6) }
	st := NewStamp(21, 21, disc)
	a, b := NewMask(100, 80), NewMask(100, 80)
	a.SetClip(image.Rect(5, 5, 95, 70))
	b.SetClip(image.Rect(5, 5, 95, 70))
	for range 3000 {
		x, y := int(r.NormFloat64()*15+50), int(r.NormFloat64()*12+40)
		a.AddStamp(st, x-10, y-10)
		b.Disc(float64(x)+0.25, float64(y)+0.5, 6)
	}
	for i := range a.a {
		if a.a[i] != b.a[i] {
			t.Fatalf("pixel (%d, %d): stamp %d, drawn %d", i%100, i/100, a.a[i], b.a[i])
		}
	}
}
