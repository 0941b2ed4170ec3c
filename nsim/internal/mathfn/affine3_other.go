//go:build !amd64

package mathfn

// Without affine3_amd64.s, Affine3.Block's Go loop does all the work.

func affine3Vec(rows *[20][4]float64, x, y, z, lastspike, notRefr *float64, n int, cand []int32, base int) (done, ncand int) {
	return 0, 0
}

func affine3DecayVec(rows *[20][4]float64, x, y, z, lastspike, notRefr *float64, n int, cand []int32, base int) (done, ncand int) {
	return 0, 0
}

func affine3DecayVec8(rows *[20][4]float64, x, y, z, lastspike, notRefr *float64, n int, cand []int32, base int) (done, ncand int) {
	return 0, 0
}

func affine3DecayKnown8(rows *[20][4]float64, x, y, z *float64, n int, known *uint64, cand []int32, base int) (done, ncand int) {
	return 0, 0
}
