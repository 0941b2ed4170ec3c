package mathfn

import (
	"math"
	"testing"
)

// TestFirstNonFinite puts each kind of non-finite value at each position
// of slices around the groups of eight, once alone and once before a
// second one.
func TestFirstNonFinite(t *testing.T) {
	bad := []float64{math.NaN(), math.Inf(1), math.Inf(-1)}
	for n := range 21 {
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(i) - 7.5
		}
		if n > 0 {
			x[n/2] = math.MaxFloat64 // large is still finite
		}
		if got := FirstNonFinite(x); got != -1 {
			t.Fatalf("n=%d all finite: got %d", n, got)
		}
		for _, b := range bad {
			for at := range n {
				old := x[at]
				x[at] = b
				if got := FirstNonFinite(x); got != at {
					t.Errorf("n=%d %v at %d: got %d", n, b, at, got)
				}
				if at+1 < n {
					x[n-1] = math.NaN()
					if got := FirstNonFinite(x); got != at {
						t.Errorf("n=%d %v at %d and NaN at %d: got %d", n, b, at, n-1, got)
					}
					x[n-1] = float64(n-1) - 7.5
				}
				x[at] = old
			}
		}
	}
}
