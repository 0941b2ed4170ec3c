package figure

import (
	"fmt"
	"math"
)

// histogram is numpy.histogram: the counts of x (sums of the weights w
// when w is not nil) in bins given either as explicit edges or as a number
// of equal bins over rng (the data's minimum and maximum when rng is nil).
// Each bin holds its left edge but not its right one, except the last,
// which holds both; values outside the edges are not counted. With
// density the counts are divided by their total and the bin widths.
func histogram(x, w []float64, nbins int, edges []float64, rng *[2]float64, density bool) (counts, outEdges []float64, err error) {
	if w != nil && len(w) != len(x) {
		return nil, nil, fmt.Errorf("Weights has %d values but x has %d", len(w), len(x))
	}
	if edges != nil {
		edges = append([]float64(nil), edges...)
		counts = make([]float64, len(edges)-1)
		countEdges(counts, x, w, edges)
	} else {
		if nbins == 0 {
			nbins = 10
		}
		lo, hi, err := binRange(x, rng)
		if err != nil {
			return nil, nil, err
		}
		edges = linspace(lo, hi, nbins)
		counts = make([]float64, nbins)
		countEqual(counts, x, w, edges)
	}
	if density {
		total := 0.0
		for _, c := range counts {
			total += c
		}
		// numpy's n/db/n.sum(): 0/0 gives NaN bins when nothing was
		// counted.
		for i := range counts {
			counts[i] = counts[i] / (edges[i+1] - edges[i]) / total
		}
	}
	return counts, edges, nil
}

// binRange is numpy's _get_outer_edges: the given range or the data's,
// widened by 0.5 on each side when empty, [0, 1] without data.
func binRange(x []float64, rng *[2]float64) (lo, hi float64, err error) {
	switch {
	case rng != nil:
		lo, hi = rng[0], rng[1]
	case len(x) == 0:
		return 0, 1, nil
	default:
		// Plain comparisons: math.Min's NaN and signed-zero handling
		// costs three times the loop, and NaN is caught apart.
		lo, hi = math.Inf(1), math.Inf(-1)
		for i, v := range x {
			if v != v {
				return 0, 0, fmt.Errorf("x[%d] is NaN, so the data's range is not finite; give Range(lo, hi) or Bins(edges) to count the finite values only", i)
			}
			if v < lo {
				lo = v
			}
			if v > hi {
				hi = v
			}
		}
		if math.IsInf(lo, 0) || math.IsInf(hi, 0) {
			return 0, 0, fmt.Errorf("the data's range [%g, %g] is not finite; give Range(lo, hi) or Bins(edges) to count the finite values only", lo, hi)
		}
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	return lo, hi, nil
}

// linspace is numpy's linspace(lo, hi, n+1): edge i is i*step + lo and the
// last is exactly hi, so that the edges equal numpy's to the bit.
func linspace(lo, hi float64, n int) []float64 {
	e := make([]float64, n+1)
	step := (hi - lo) / float64(n)
	for i := range e {
		e[i] = float64(i)*step + lo
	}
	e[n] = hi
	return e
}

// countEqual counts x in equal bins as numpy does: the bin computed from
// the value is corrected by comparing with its edges, so that a value on
// an edge lands in the same bin as with explicit edges.
func countEqual(counts, x, w, edges []float64) {
	n := len(counts)
	lo, hi := edges[0], edges[n]
	norm := float64(n) / (hi - lo)
	if !(norm > 0 && norm <= math.MaxFloat64) {
		// A range too wide or too narrow for floats: search the edges.
		countEdges(counts, x, w, edges)
		return
	}
	for i, v := range x {
		if !(v >= lo && v <= hi) { // also skips NaN
			continue
		}
		k := int((v - lo) * norm)
		if k >= n {
			k = n - 1
		}
		if k > 0 && v < edges[k] {
			k--
		}
		if k < n-1 && v >= edges[k+1] {
			k++
		}
		if w == nil {
			counts[k]++
		} else {
			counts[k] += w[i]
		}
	}
}

// countEdges counts x in bins of arbitrary increasing edges: a value goes
// to the last bin whose left edge is at or below it (numpy's searchsorted
// rule, which also decides for repeated edges).
func countEdges(counts, x, w, edges []float64) {
	n := len(counts)
	lo, hi := edges[0], edges[n]
	for i, v := range x {
		if !(v >= lo && v <= hi) {
			continue
		}
		// First edge among edges[:n] above v.
		a, b := 0, n
		for a < b {
			m := int(uint(a+b) >> 1)
			if edges[m] > v {
				b = m
			} else {
				a = m + 1
			}
		}
		if w == nil {
			counts[a-1]++
		} else {
			counts[a-1] += w[i]
		}
	}
}
