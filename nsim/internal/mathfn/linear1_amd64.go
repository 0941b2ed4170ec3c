package mathfn

// linear1Vec is Linear1.Block's AVX2 loop (linear1_amd64.s) over the
// leading n&^3 neurons; it writes the candidates into cand (room for n)
// and returns how many neurons it did and how many candidates it wrote.
//
//go:noescape
func linear1Vec(rows *[6][4]float64, x, w, lastspike, notRefr *float64, n int, cand []int32, base int) (done, ncand int)

// linear1FreeVec is Linear1.BlockFree's AVX2 loop, as linear1Vec without
// refractoriness.
//
//go:noescape
func linear1FreeVec(rows *[6][4]float64, x, w *float64, n int, cand []int32, base int) (done, ncand int)
