package mathfn

// selectVec writes to out (room for len(x)) base+i for the i < len(x)&^7
// where x[i] cmp y holds and returns how many (select_amd64.s).
func selectVec(cmp Cmp, out []int32, x []float64, y float64, base int) int {
	switch cmp {
	case Gt:
		return selGt8(out, x, y, base)
	case Ge:
		return selGe8(out, x, y, base)
	case Lt:
		return selLt8(out, x, y, base)
	}
	return selLe8(out, x, y, base)
}

//go:noescape
func selGt8(out []int32, x []float64, y float64, base int) int

//go:noescape
func selGe8(out []int32, x []float64, y float64, base int) int

//go:noescape
func selLt8(out []int32, x []float64, y float64, base int) int

//go:noescape
func selLe8(out []int32, x []float64, y float64, base int) int
