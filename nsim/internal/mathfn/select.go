package mathfn

import "slices"

// A Cmp is the comparison of a threshold: x > y, x >= y, x < y, x <= y.
type Cmp int

const (
	Gt Cmp = iota
	Ge
	Lt
	Le
)

// Select appends to out base+i for every i where x[i] cmp y holds, in
// order, and returns it: a threshold's scan for the elements that cross
// it. With AVX-512 it compares eight values per instruction and only
// looks at the groups with a hit (select_amd64.s); spikes are rare, and
// the branch per element of the Go loop was mispredicted at each
// neuron's spike.
func Select(cmp Cmp, out []int32, x []float64, y float64, base int) []int32 {
	i := 0
	if has512 && len(x) >= 8 {
		out = slices.Grow(out, len(x))
		n := selectVec(cmp, out[len(out):cap(out)], x, y, base)
		out = out[:len(out)+n]
		i = len(x) &^ 7
	}
	for ; i < len(x); i++ {
		if holds(cmp, x[i], y) {
			out = append(out, int32(base+i))
		}
	}
	return out
}

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
