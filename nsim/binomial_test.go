package nsim

import (
	"math"
	"testing"

	"gonsim/nsim/rng"
)

// TestBinomialDistribution draws 200,000 variates for each (n, p) and
// compares them with the exact probabilities (computed here from
// log-gamma, independently of the sampler's formula): the χ² statistic
// over bins with at least 5 expected draws, and mean and variance within
// 5 standard errors.
func TestBinomialDistribution(t *testing.T) {
	const draws = 200000
	for _, tc := range []struct {
		n int
		p float64
	}{{100, 0.001}, {1000, 0.001}, {1, 0.3}, {50, 0.3}, {1000, 0.5}, {20, 0.95}, {100000, 0.02}, {1 << 30, 1e-7}} {
		b := newBinomial(tc.n, tc.p)
		s := rng.New(7, uint64(tc.n))
		hist := map[int]int{}
		var sum, sum2 float64
		for range draws {
			x := b.draw(s)
			if x < 0 || x > tc.n {
				t.Fatalf("n=%d p=%g: drew %d", tc.n, tc.p, x)
			}
			hist[x]++
			sum += float64(x)
			sum2 += float64(x) * float64(x)
		}
		mean := sum / draws
		vr := sum2/draws - mean*mean
		mu, v := float64(tc.n)*tc.p, float64(tc.n)*tc.p*(1-tc.p)
		if math.Abs(mean-mu) > 5*math.Sqrt(v/draws) || math.Abs(vr-v) > 5*v*math.Sqrt(2.0/draws)+1e-12 {
			t.Errorf("n=%d p=%g: mean %g variance %g, want %g and %g", tc.n, tc.p, mean, vr, mu, v)
		}
		chi2, df := chiSquare(hist, tc.n, tc.p, draws)
		if chi2 > float64(df)+5*math.Sqrt(2*float64(df))+5 {
			t.Errorf("n=%d p=%g: χ² = %.1f for %d degrees of freedom", tc.n, tc.p, chi2, df)
		}
	}
}

// chiSquare bins outcomes around the mean until each bin expects ≥ 5
// draws (the tails are merged into the outer bins).
func chiSquare(hist map[int]int, n int, p float64, draws int) (float64, int) {
	pmf := func(k int) float64 {
		a, _ := math.Lgamma(float64(n) + 1)
		b, _ := math.Lgamma(float64(k) + 1)
		c, _ := math.Lgamma(float64(n-k) + 1)
		return math.Exp(a - b - c + float64(k)*math.Log(p) + float64(n-k)*math.Log1p(-p))
	}
	var chi2 float64
	bins := 0
	var e, o float64
	lo := max(0, int(float64(n)*p-12*math.Sqrt(float64(n)*p*(1-p))-12))
	hi := min(n, int(float64(n)*p+12*math.Sqrt(float64(n)*p*(1-p))+12))
	for k := 0; k <= n; k++ {
		if k < lo || k > hi {
			if k > hi {
				break
			}
			continue
		}
		e += pmf(k) * float64(draws)
		o += float64(hist[k])
		if e >= 5 || k == hi {
			chi2 += (o - e) * (o - e) / math.Max(e, 1e-300)
			bins++
			e, o = 0, 0
		}
	}
	return chi2, bins - 1
}
