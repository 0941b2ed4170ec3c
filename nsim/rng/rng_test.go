package rng

import (
	"math"
	"testing"
)

func TestMoments(t *testing.T) {
	tests := []struct {
		name           string
		draw           func(*Stream) float64
		mean, variance float64
	}{
		{"Float64", (*Stream).Float64, 0.5, 1.0 / 12},
		{"Norm", (*Stream).Norm, 0, 1},
	}
	const n = 2_000_000
	for _, tc := range tests {
		s := New(1, 0)
		var sum, sum2, sum4 float64
		for k := 0; k < n; k++ {
			x := tc.draw(s)
			sum += x
			sum2 += (x - tc.mean) * (x - tc.mean)
			sum4 += math.Pow(x-tc.mean, 4)
		}
		mean, v := sum/n, sum2/n
		if math.Abs(mean-tc.mean) > 5*math.Sqrt(tc.variance/n) {
			t.Errorf("%s: mean %g, want %g", tc.name, mean, tc.mean)
		}
		if math.Abs(v-tc.variance) > 0.005*tc.variance {
			t.Errorf("%s: variance %g, want %g", tc.name, v, tc.variance)
		}
		if tc.name == "Norm" {
			if k := sum4 / n / (v * v); math.Abs(k-3) > 0.03 {
				t.Errorf("Norm: kurtosis %g, want 3", k)
			}
		}
	}
}

func TestNormTail(t *testing.T) {
	// P(|z| > 3.5) = 4.65e-4 exercises the ziggurat's tail path.
	s := New(7, 3)
	const n = 4_000_000
	c := 0
	for k := 0; k < n; k++ {
		if math.Abs(s.Norm()) > 3.5 {
			c++
		}
	}
	want := math.Erfc(3.5/math.Sqrt2) * n
	if math.Abs(float64(c)-want) > 5*math.Sqrt(want) {
		t.Errorf("tail count %d, want %.0f", c, want)
	}
}

func TestStreamsDiffer(t *testing.T) {
	a, b, c := New(1, 0), New(1, 1), New(1, 0)
	if a.Uint64() == b.Uint64() {
		t.Error("streams 0 and 1 of one seed start alike")
	}
	c.Uint64()
	if a.Uint64() != c.Uint64() {
		t.Error("same seed and id differ")
	}
}

func BenchmarkNorm(b *testing.B) {
	s := New(1, 0)
	var acc float64
	for b.Loop() {
		acc += s.Norm()
	}
	_ = acc
}

func TestFillNormMatchesNorm(t *testing.T) {
	a, b := New(3, 1), New(3, 1)
	buf := make([]float64, 100000)
	a.FillNorm(buf)
	for k, x := range buf {
		if y := b.Norm(); x != y {
			t.Fatalf("draw %d: FillNorm %g, Norm %g", k, x, y)
		}
	}
	// Short fills of every length continue the same sequence, scaled.
	for n, k := 1, 0; k < 20000; n = n%17 + 1 {
		a.FillNormScaled(buf[:n], 0.3)
		for _, x := range buf[:n] {
			if y := 0.3 * b.Norm(); x != y {
				t.Fatalf("scaled draw %d (fill of %d): FillNormScaled %g, 0.3·Norm %g", k, n, x, y)
			}
			k++
		}
	}
	a.FillFloat64(buf[:10])
	for k, x := range buf[:10] {
		if y := b.Float64(); x != y {
			t.Fatalf("draw %d: FillFloat64 %g, Float64 %g", k, x, y)
		}
	}
}

func BenchmarkFillNorm(b *testing.B) {
	s := New(1, 0)
	buf := make([]float64, 256)
	for b.Loop() {
		s.FillNorm(buf)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*256), "ns/normal")
}

// TestGenNorm checks that the inline generator draws Norm's numbers.
func TestGenNorm(t *testing.T) {
	a, b := New(3, 9), New(3, 9)
	g := b.Gen()
	for k := 0; k < 1_000_000; k++ {
		var z float64
		g, z = g.Norm()
		if w := a.Norm(); z != w {
			t.Fatalf("draw %d: Gen.Norm %v, Stream.Norm %v", k, z, w)
		}
	}
	b.SetGen(g)
	if a.Uint64() != b.Uint64() {
		t.Fatal("SetGen: the streams differ after the draws")
	}
}
