package figure

import (
	"slices"
	"testing"
)

// The expectations are what matplotlib shows on the seed's figures.
func TestAutoTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		nbins  int
		want   []float64
	}{
		{-70, -50, 9, []float64{-70, -67.5, -65, -62.5, -60, -57.5, -55, -52.5, -50}},
		{-10, 210, 9, []float64{0, 25, 50, 75, 100, 125, 150, 175, 200}},
		{-0.06, 1.26, 8, []float64{0, 0.2, 0.4, 0.6, 0.8, 1, 1.2}},
		{-1.2, 25.2, 5, []float64{0, 10, 20}},
		{-47.5, 997.5, 9, []float64{0, 200, 400, 600, 800}},
		{-0.15, 3.15, 9, []float64{0, 0.5, 1, 1.5, 2, 2.5, 3}},
		{0, 1, 9, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{5, 5, 9, nil},
	}
	for _, tt := range tests {
		got := autoTicks(tt.lo, tt.hi, tt.nbins)
		if len(got) != len(tt.want) {
			t.Errorf("autoTicks(%g, %g, %d) = %v, want %v", tt.lo, tt.hi, tt.nbins, got, tt.want)
			continue
		}
		for i := range got {
			if d := got[i] - tt.want[i]; d > 1e-9 || d < -1e-9 {
				t.Errorf("autoTicks(%g, %g, %d) = %v, want %v", tt.lo, tt.hi, tt.nbins, got, tt.want)
				break
			}
		}
	}
}

func TestTickLabels(t *testing.T) {
	tests := []struct {
		in   []float64
		want []string
	}{
		{[]float64{-70, -67.5, -65}, []string{"−70.0", "−67.5", "−65.0"}},
		{[]float64{0, 0.2, 0.4, 1}, []string{"0.0", "0.2", "0.4", "1.0"}},
		{[]float64{0, 200, 400}, []string{"0", "200", "400"}},
		{[]float64{-60, -40, -20, 0, 20}, []string{"−60", "−40", "−20", "0", "20"}},
		{[]float64{0, 0.25, 0.5}, []string{"0.00", "0.25", "0.50"}},
		{[]float64{0, 2e6}, []string{"0", "2e+06"}},
	}
	for _, tt := range tests {
		if got := tickLabels(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("tickLabels(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
