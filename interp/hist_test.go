package interp

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image/png"
	"strings"
	"testing"
)

// A weight histogram as the STDP notebook draws it: the synaptic weights
// of a group (nsim Values) into Hist, the counts printed, the figure shown
// as a PNG with its bars at the end of the cell.
func TestHistCell(t *testing.T) {
	s := newSession(t)
	r, out := exec(s, `StartScope()
G := NeuronGroup(100, "w : 1")
G.SetExpr("w", "i / 100.0")
Figure(4, 3)
n, edges := Hist(G.Get("w"), Bins(4), Range(0, 1), Histtype("stepfilled"), Label("w"))
Xlabel("Weight")
Legend()
fmt.Println(n, edges)`)
	if r.Err != nil {
		t.Fatalf("cell failed: %s: %s", r.Err.Name, r.Err.Value)
	}
	if got := out.text("stdout"); got != "[25 25 25 25] [0 0.25 0.5 0.75 1]\n" {
		t.Errorf("stdout %q, want the counts and edges", got)
	}
	if len(out.displays) != 1 {
		t.Fatalf("%d displays, want the figure", len(out.displays))
	}
	if n := bluePixels(t, out.displays[0]["image/png"]); n < 10000 {
		t.Errorf("the figure has %d pixels of the histogram's colour; want its filled bars", n)
	}

	r, out = exec(s, `Bar([]string{"pre", "post"}, []float64{3, 5}, Width(0.5), EdgeColor("k"))`)
	if r.Err != nil || len(out.displays) != 1 || bluePixels(t, out.displays[0]["image/png"]) < 10000 {
		t.Errorf("bar chart cell: %+v, %d displays", r.Err, len(out.displays))
	}

	// The axes' method returns the error as a value, as in Go code.
	r, out = exec(s, `ax := Subplot(121)
c, e, err := ax.Hist([]float64{1, 2, 3}, Bins(2), Histtype("step"))
_, _, err2 := ax.Hist([]float64{1}, Weights([]float64{1, 2}))
fmt.Println(c, e, err, err2)`)
	if got := out.text("stdout"); r.Err != nil || got != "[1 2] [1 2 3] <nil> Hist: Weights has 2 values but x has 1\n" {
		t.Errorf("ax.Hist: %+v, stdout %q", r.Err, got)
	}

	// Bad input ends the cell with Hist's error.
	for _, c := range []struct{ code, err string }{
		{`Hist([]float64{1, math.NaN()})`, "Error: Hist: x[1] is NaN"},
		{`Hist([]float64{1, 2}, Bins(0))`, "Error: Hist: Bins: 0 bins"},
		{`Bar([]float64{1, 2, 3}, []float64{1, 2})`, "Error: Bar: x has 3 values but height has 2"},
	} {
		r, _ := exec(s, c.code)
		if r.Err == nil || !strings.HasPrefix(r.Err.Name+": "+r.Err.Value, c.err) {
			t.Errorf("%s: error %+v, want %q", c.code, r.Err, c.err)
		}
	}
}

// bluePixels decodes a base64 PNG and counts its pixels of matplotlib's
// first cycle colour (#1f77b4).
func bluePixels(t *testing.T, data any) int {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(fmt.Sprint(data))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the figure is not a PNG: %v", err)
	}
	n := 0
	bd := img.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r>>8 == 0x1f && g>>8 == 0x77 && b>>8 == 0xb4 {
				n++
			}
		}
	}
	return n
}
