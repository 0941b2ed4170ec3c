package nsim

import (
	"math"

	"gonsim/nsim/rng"
)

// binomial draws from Binomial(n, p) exactly, by inversion searched
// outwards from the mode: the outcomes are visited in the order m, m+1,
// m−1, m+2, … and the uniform is compared with their cumulated
// probabilities. Any fixed order of the outcomes is a valid inversion, and
// this one needs about 1.6·sd + 1 comparisons per draw, so a draw with a
// small mean (PoissonInput's usual N·p ≪ 1) costs one uniform and one
// comparison most of the time. The probability at the mode comes from
// Loader's saddle-point formula, accurate to a few ulps for any n; the
// others follow by the ratio f(k+1)/f(k) = (n−k)/(k+1) · p/(1−p).
type binomial struct {
	n      int
	p      float64
	m      int     // the mode, floor((n+1)p)
	fm     float64 // P(X = m)
	r      float64 // p/(1−p)
	nf, rn float64 // n, and 1/r
}

func newBinomial(n int, p float64) binomial {
	b := binomial{n: n, p: p, nf: float64(n)}
	if p <= 0 || p >= 1 || n == 0 {
		return b
	}
	b.m = min(int(math.Floor(float64(n+1)*p)), n)
	b.fm = binomPMF(b.m, n, p)
	b.r = p / (1 - p)
	b.rn = 1 / b.r
	return b
}

// draw returns one variate, taking uniforms from s.
func (b *binomial) draw(s *rng.Stream) int {
	switch {
	case b.p <= 0 || b.n == 0:
		return 0
	case b.p >= 1:
		return b.n
	}
	u := s.Float64() - b.fm
	if u < 0 {
		return b.m
	}
	lo, hi := b.m, b.m
	flo, fhi := b.fm, b.fm
	for {
		// Each side stops at its end or once its probabilities underflow;
		// a u left over by rounding (≈1e-16) then gives the mode.
		up := hi < b.n && fhi > 0
		if up {
			fhi *= (b.nf - float64(hi)) / float64(hi+1) * b.r
			hi++
			if u -= fhi; u < 0 {
				return hi
			}
		}
		down := lo > 0 && flo > 0
		if down {
			flo *= float64(lo) / (b.nf - float64(lo) + 1) * b.rn
			lo--
			if u -= flo; u < 0 {
				return lo
			}
		}
		if !up && !down {
			return b.m
		}
	}
}

// binomPMF is P(X = k) for X ~ Binomial(n, p), 0 < p < 1 (Loader 2000,
// "Fast and accurate computation of binomial probabilities").
func binomPMF(k, n int, p float64) float64 {
	if k == 0 {
		return math.Exp(float64(n) * math.Log1p(-p))
	}
	if k == n {
		return math.Exp(float64(n) * math.Log(p))
	}
	x, nf := float64(k), float64(n)
	lc := stirlerr(nf) - stirlerr(x) - stirlerr(nf-x) - bd0(x, nf*p) - bd0(nf-x, nf*(1-p))
	return math.Exp(lc) * math.Sqrt(nf/(2*math.Pi*x*(nf-x)))
}

// stirlerr(n) = log(n!) − log(√(2πn)·(n/e)^n), for n ≥ 1.
func stirlerr(n float64) float64 {
	if n <= 15 {
		lg, _ := math.Lgamma(n + 1)
		return lg - (n+0.5)*math.Log(n) + n - 0.5*math.Log(2*math.Pi)
	}
	nn := n * n
	return (1.0/12 - (1.0/360-(1.0/1260-(1.0/1680-1/(1188*nn))/nn)/nn)/nn) / n
}

// bd0(x, np) = x·log(x/np) + np − x, by a series when x ≈ np, where the
// direct formula would cancel.
func bd0(x, np float64) float64 {
	if math.Abs(x-np) >= 0.1*(x+np) {
		return x*math.Log(x/np) + np - x
	}
	v := (x - np) / (x + np)
	s := (x - np) * v
	ej := 2 * x * v
	v *= v
	for j := 1; j < 1000; j++ {
		ej *= v
		s1 := s + ej/float64(2*j+1)
		if s1 == s {
			break
		}
		s = s1
	}
	return s
}
