package mathfn

import (
	"math"
	"slices"
	"testing"

	"gonsim/nsim/rng"
)

// TestSelect checks Select against the comparison element by element,
// at both widths, for every predicate, every length up to 40, values
// equal to the threshold, NaN and infinities, and appending to a list
// that already holds indices.
func TestSelect(t *testing.T) {
	eachWidth(t, func(t *testing.T) {
		r := rng.New(11, 0)
		const y = -0.02
		x := make([]float64, 40)
		for i := range x {
			x[i] = -0.07 + 0.1*r.Float64()
		}
		x[3], x[9], x[17], x[26], x[33] = y, math.NaN(), math.Inf(1), math.Inf(-1), y
		for _, cmp := range []Cmp{Gt, Ge, Lt, Le} {
			for n := 0; n <= len(x); n++ {
				prefix := []int32{7, 8}
				got := Select(cmp, slices.Clone(prefix), x[:n], y, 1000)
				want := prefix
				for i, v := range x[:n] {
					if holds(cmp, v, y) {
						want = append(want, int32(1000+i))
					}
				}
				if !slices.Equal(got, want) {
					t.Fatalf("cmp %d, n=%d: %v, want %v (AVX-512 %v)", cmp, n, got, want, has512)
				}
			}
		}
	})
}

func BenchmarkSelect(b *testing.B) {
	x := make([]float64, blockSize)
	for i := range x {
		x[i] = -0.065 + 0.001*float64(i%7)
	}
	x[50] = 0.01 // one crossing
	out := make([]int32, 0, blockSize)
	b.Run("select", func(b *testing.B) {
		for b.Loop() {
			out = Select(Gt, out[:0], x, -0.02, 0)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*blockSize), "ns/elem")
	})
	b.Run("go", func(b *testing.B) {
		for b.Loop() {
			out = out[:0]
			for i, v := range x {
				if v > -0.02 {
					out = append(out, int32(i))
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*blockSize), "ns/elem")
	})
}

// holds is the comparison, the reference of TestSelect.
func holds(cmp Cmp, v, y float64) bool {
	switch cmp {
	case Gt:
		return v > y
	case Ge:
		return v >= y
	case Lt:
		return v < y
	}
	return v <= y
}
