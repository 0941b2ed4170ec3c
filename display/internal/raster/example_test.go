package raster_test

import (
	"fmt"
	"image"
	"image/color"

	"gonsim/display/internal/raster"
)

// A 3-pixel-wide half-transparent black stroke across a white image: the
// pixels under it become grey, the others stay white.
func Example() {
	img := image.NewRGBA(image.Rect(0, 0, 20, 10))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	m := raster.NewMask(20, 10)
	m.Segment(2, 5, 18, 5, 3, raster.Round)
	m.Composite(img, color.NRGBA{0, 0, 0, 128})
	fmt.Println(img.RGBAAt(10, 5), img.RGBAAt(10, 1))
	// Output: {127 127 127 255} {255 255 255 255}
}
