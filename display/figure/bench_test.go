package figure

import (
	"context"
	"math/rand/v2"
	"testing"
)

// BenchmarkReliableTiming renders the seed's 3×2 reliable-timing figure
// (per column 25 traces of 10,000 points at alpha 0.05, the input and the
// raster) to an image; the budget is 200 ms.
func BenchmarkReliableTiming(b *testing.B) {
	reset()
	f := reliableTiming(b, true)
	for b.Loop() {
		if _, err := f.ImageContext(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReliableTimingPNG is the same figure encoded as the PNG sent to
// the notebook.
func BenchmarkReliableTimingPNG(b *testing.B) {
	reset()
	f := reliableTiming(b, true)
	for b.Loop() {
		if _, err := f.PNGContext(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

func noisyLine(n int) *Fig {
	r := rand.New(rand.NewPCG(3, 4))
	x, y := make([]float64, n), make([]float64, n)
	v := 0.0
	for i := range x {
		x[i] = float64(i) * 0.1
		v += r.NormFloat64()
		y[i] = v
	}
	f := Figure(10, 6)
	Plot(x, y)
	return f
}

// BenchmarkNoisyLine10k renders one 10,000-point random walk on a 10×6 in
// figure (stack-findings: ~1 s with gonum/plot's unchunked stroke).
func BenchmarkNoisyLine10k(b *testing.B) {
	reset()
	f := noisyLine(10000)
	for b.Loop() {
		if _, err := f.ImageContext(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEmptyAxes is the baseline: the same figure with axes, ticks and
// labels but no data line.
func BenchmarkEmptyAxes(b *testing.B) {
	reset()
	f := Figure(10, 6)
	Plot([]float64{0, 1000}, []float64{-10, 10}, LS("none"))
	for b.Loop() {
		if _, err := f.ImageContext(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
