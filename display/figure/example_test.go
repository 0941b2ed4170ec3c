package figure_test

import (
	"fmt"
	"math"

	"gonsim/display/figure"
)

// The seed's integrate-and-fire figure, from made-up data; the figure
// shown at the end of a cell is a PNG with twice the pixels of its display
// size.
func Example() {
	t := make([]float64, 500)
	v := make([]float64, 500)
	for i := range t {
		t[i] = float64(i) / 10
		v[i] = 0.3 * math.Floor(math.Mod(t[i], 40)/10)
	}
	figure.Figure(8, 3)
	figure.Plot(t, v)
	figure.Xlabel("Time (ms)")
	figure.Ylabel("v")
	figure.Axhline(1, figure.LS("--"), figure.Color("g"), figure.LW(2))
	figure.TightLayout()

	for _, f := range figure.TakeFigures() {
		b := f.MIMEBundle()
		png := b["image/png"].(string)
		fmt.Println(b["text/plain"], f.MIMEMetadata(), len(png) > 1000)
	}
	// Output: <Figure size 800x300 with 1 Axes> map[image/png:map[height:290 width:790]] true
}
