//go:build !amd64

package mathfn

// Without the AVX2 loops of exp_amd64.s the Go loops do all the work.

const hasVec, hasExpVec = false, false

// has512 is a variable only for the tests, which switch widths.
var has512 = false

func expVec(out, x []float64) int          { return 0 }
func expm1Vec(out, x []float64) int        { return 0 }
func divExprelVec(out, a, x []float64) int { return 0 }

func expEulerVec8(out, x, b, a []float64, dt float64) int { return 0 }
