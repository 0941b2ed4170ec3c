package figure

import (
	"bytes"
	"image"
	"image/png"
	"testing"
)

// The encoder's output decodes, with image/png, to the very pixels drawn.
func TestEncodePNG(t *testing.T) {
	reset()
	defer reset()
	f := reliableTiming(t, false)
	img, err := f.Image()
	must(t, err)
	sub := img.SubImage(image.Rect(100, 50, 700, 400)).(*image.RGBA)
	for _, m := range []*image.RGBA{img, sub} {
		b, err := encodePNG(m)
		must(t, err)
		got, err := png.Decode(bytes.NewReader(b))
		must(t, err)
		if got.Bounds().Size() != m.Bounds().Size() {
			t.Fatalf("decoded size %v, want %v", got.Bounds().Size(), m.Bounds().Size())
		}
		o := m.Bounds().Min
		for y := 0; y < m.Bounds().Dy(); y++ {
			for x := 0; x < m.Bounds().Dx(); x++ {
				r0, g0, b0, _ := got.At(x, y).RGBA()
				r1, g1, b1, _ := m.At(o.X+x, o.Y+y).RGBA()
				if r0 != r1 || g0 != g1 || b0 != b1 {
					t.Fatalf("pixel (%d,%d) decodes to %v, drawn %v", x, y, got.At(x, y), m.At(o.X+x, o.Y+y))
				}
			}
		}
	}
}

// BenchmarkEncode compares this encoder with image/png at best speed on the
// reliable-timing figure (2000×1180 pixels), reporting the size too.
func BenchmarkEncode(b *testing.B) {
	reset()
	img, err := reliableTiming(b, true).Image()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("up-filter", func(b *testing.B) {
		var n int
		for b.Loop() {
			out, err := encodePNG(img)
			if err != nil {
				b.Fatal(err)
			}
			n = len(out)
		}
		b.ReportMetric(float64(n)/1e3, "kB")
	})
	b.Run("image/png", func(b *testing.B) {
		var n int
		for b.Loop() {
			var buf bytes.Buffer
			if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
				b.Fatal(err)
			}
			n = buf.Len()
		}
		b.ReportMetric(float64(n)/1e3, "kB")
	})
}
