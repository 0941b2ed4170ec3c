package figure

import (
	"math"
	"strconv"
	"strings"
)

// autoTicks follows matplotlib's AutoLocator (MaxNLocator with steps 1, 2,
// 2.5, 5, 10): the smallest nice step giving at most nbins intervals, and
// the multiples of it inside [lo, hi].
func autoTicks(lo, hi float64, nbins int) []float64 {
	if lo > hi {
		lo, hi = hi, lo
	}
	if nbins < 1 {
		nbins = 1
	}
	span := hi - lo
	if !(span > 0) || math.IsInf(span, 0) {
		return nil
	}
	raw := span / float64(nbins)
	scale := math.Pow(10, math.Floor(math.Log10(raw)))
	steps := []float64{1, 2, 2.5, 5, 10}
	i := 0
	for i < len(steps)-1 && steps[i]*scale < raw*(1-1e-9) {
		i++
	}
	for ; i >= 0; i-- {
		step := steps[i] * scale
		ticks := multiples(lo, hi, step)
		if len(ticks) >= 2 || i == 0 {
			return ticks
		}
	}
	return nil
}

func multiples(lo, hi, step float64) []float64 {
	eps := step * 1e-9
	k0 := math.Ceil((lo - eps) / step)
	k1 := math.Floor((hi + eps) / step)
	var out []float64
	for k := k0; k <= k1 && len(out) < 1000; k++ {
		v := k * step
		if math.Abs(v) < eps {
			v = 0
		}
		out = append(out, v)
	}
	return out
}

// tickLabels formats ticks as matplotlib's ScalarFormatter does: all with
// the same number of decimals, the fewest that show every tick exactly, and
// a true minus sign.
func tickLabels(ticks []float64) []string {
	if len(ticks) == 0 {
		return nil
	}
	big := 0.0
	for _, t := range ticks {
		big = math.Max(big, math.Abs(t))
	}
	out := make([]string, len(ticks))
	if big >= 1e6 || (big > 0 && big < 1e-4) {
		for i, t := range ticks {
			out[i] = minus(strconv.FormatFloat(t, 'g', 6, 64))
		}
		return out
	}
	dec := 0
	for ; dec < 10; dec++ {
		ok := true
		p := math.Pow(10, float64(dec))
		for _, t := range ticks {
			if math.Abs(math.Round(t*p)/p-t) > 1e-9*math.Max(big, 1e-300) {
				ok = false
				break
			}
		}
		if ok {
			break
		}
	}
	for i, t := range ticks {
		out[i] = minus(strconv.FormatFloat(t, 'f', dec, 64))
	}
	return out
}

func minus(s string) string { return strings.Replace(s, "-", "−", 1) }
