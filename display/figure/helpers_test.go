package figure

import (
	"encoding/csv"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata")

// readCSV returns the columns of a reference CSV by header name.
func readCSV(t testing.TB, name string) map[string][]float64 {
	t.Helper()
	fh, err := os.Open(filepath.Join("testdata", "refdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cols := map[string][]float64{}
	for _, rec := range recs[1:] {
		for j, h := range recs[0] {
			v, err := strconv.ParseFloat(rec[j], 64)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			cols[h] = append(cols[h], v)
		}
	}
	return cols
}

// Golden images are compared with a tolerance: font rasterisation and
// antialiasing may change by a level or two between library versions, so a
// pixel counts as different only when a channel moves by more than 48 of
// 255, and the image fails when more than 0.2% of its pixels differ (a
// missing tick label or a shifted line is well above that).
const (
	channelTolerance = 48
	pixelFraction    = 0.002
)

func checkGolden(t *testing.T, name string, f *Fig) {
	t.Helper()
	defer reset()
	img, err := f.Image()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	path := filepath.Join("testdata", name+".png")
	if *update {
		if err := writePNG(path, img); err != nil {
			t.Fatal(err)
		}
		return
	}
	fh, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	defer fh.Close()
	want, err := png.Decode(fh)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if d := diff(img, want); d != "" {
		got := filepath.Join(t.TempDir(), name+".png")
		if os.Getenv("GOLDEN_OUT") != "" {
			got = filepath.Join(os.Getenv("GOLDEN_OUT"), name+".png")
		}
		writePNG(got, img)
		t.Errorf("%s differs from %s: %s (got written to %s)", name, path, d, got)
	}
}

func diff(got, want image.Image) string {
	if got.Bounds() != want.Bounds() {
		return fmt.Sprintf("size %v, want %v", got.Bounds().Size(), want.Bounds().Size())
	}
	b := got.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r0, g0, b0, _ := got.At(x, y).RGBA()
			r1, g1, b1, _ := want.At(x, y).RGBA()
			if absDiff(r0, r1) > channelTolerance*257 || absDiff(g0, g1) > channelTolerance*257 || absDiff(b0, b1) > channelTolerance*257 {
				n++
			}
		}
	}
	if frac := float64(n) / float64(b.Dx()*b.Dy()); frac > pixelFraction {
		return fmt.Sprintf("%d pixels (%.2f%%) differ", n, 100*frac)
	}
	return ""
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func writePNG(path string, img image.Image) error {
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(fh, img); err != nil {
		fh.Close()
		return err
	}
	return fh.Close()
}

// reset closes all figures so that each test starts without a current one.
func reset() { TakeFigures() }
