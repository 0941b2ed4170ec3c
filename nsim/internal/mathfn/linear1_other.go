//go:build !amd64

package mathfn

// Without linear1_amd64.s, Linear1.Block's and BlockFree's Go loops do all
// the work.

func linear1Vec(rows *[6][4]float64, x, w, lastspike, notRefr *float64, n int, cand []int32, base int) (done, ncand int) {
	return 0, 0
}

func linear1FreeVec(rows *[6][4]float64, x, w *float64, n int, cand []int32, base int) (done, ncand int) {
	return 0, 0
}
