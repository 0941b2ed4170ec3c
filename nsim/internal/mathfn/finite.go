package mathfn

// FirstNonFinite is the index of the first NaN or infinite value of x,
// or -1. The AVX2 loop (finite_amd64.s) skips the leading groups of
// eight that are all finite; x−x is 0 for every finite x and NaN
// otherwise, so one subtraction and one comparison test four values.
func FirstNonFinite(x []float64) int {
	i := 0
	if hasVec {
		i = finiteVec(x)
	}
	for ; i < len(x); i++ {
		if v := x[i]; v-v != 0 {
			return i
		}
	}
	return -1
}
