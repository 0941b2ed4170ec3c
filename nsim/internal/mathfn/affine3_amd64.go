package mathfn

// affine3Vec is Affine3.Block's AVX2 loop (affine3_amd64.s) over the
// leading n&^3 neurons; it writes the candidates into cand (room for n)
// and returns how many neurons it did and how many candidates it wrote.
//
//go:noescape
func affine3Vec(rows *[20][4]float64, x, y, z, lastspike, notRefr *float64, n int, cand []int32, base int) (done, ncand int)

// affine3DecayVec is affine3Vec where rows 1 and 2 are pure decays.
//
//go:noescape
func affine3DecayVec(rows *[20][4]float64, x, y, z, lastspike, notRefr *float64, n int, cand []int32, base int) (done, ncand int)

// affine3DecayVec8 is affine3DecayVec over the leading n&^7 neurons,
// eight per AVX-512 instruction.
//
//go:noescape
func affine3DecayVec8(rows *[20][4]float64, x, y, z, lastspike, notRefr *float64, n int, cand []int32, base int) (done, ncand int)

// affine3DecayKnown8 is affine3DecayVec8 for Affine3.BlockKnown over the
// leading n&^7 neurons: it reads known as bytes (the words are
// little-endian), one per group of eight.
//
//go:noescape
func affine3DecayKnown8(rows *[20][4]float64, x, y, z *float64, n int, known *uint64, cand []int32, base int) (done, ncand int)
