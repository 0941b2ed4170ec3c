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
	return selectGo(cmp, out, x, y, base, i)
}

// selectGo is Select's Go loop from element i on, one loop per
// comparison so that none tests cmp per element (on a CPU without
// AVX-512 it is the whole scan).
func selectGo(cmp Cmp, out []int32, x []float64, y float64, base, i int) []int32 {
	switch cmp {
	case Gt:
		for ; i < len(x); i++ {
			if x[i] > y {
				out = append(out, int32(base+i))
			}
		}
	case Ge:
		for ; i < len(x); i++ {
			if x[i] >= y {
				out = append(out, int32(base+i))
			}
		}
	case Lt:
		for ; i < len(x); i++ {
			if x[i] < y {
				out = append(out, int32(base+i))
			}
		}
	default:
		for ; i < len(x); i++ {
			if x[i] <= y {
				out = append(out, int32(base+i))
			}
		}
	}
	return out
}
