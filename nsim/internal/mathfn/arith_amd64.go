package mathfn

// Implemented in arith_amd64.s: each does the leading len(out)&^3
// elements and returns how many (out, x and y have len(out) elements).

//go:noescape
func addVV(out, x, y []float64) int

//go:noescape
func addVS(out, x []float64, c float64) int

//go:noescape
func addSV(out []float64, c float64, y []float64) int

//go:noescape
func subVV(out, x, y []float64) int

//go:noescape
func subVS(out, x []float64, c float64) int

//go:noescape
func subSV(out []float64, c float64, y []float64) int

//go:noescape
func mulVV(out, x, y []float64) int

//go:noescape
func mulVS(out, x []float64, c float64) int

//go:noescape
func mulSV(out []float64, c float64, y []float64) int

//go:noescape
func divVV(out, x, y []float64) int

//go:noescape
func divVS(out, x []float64, c float64) int

//go:noescape
func divSV(out []float64, c float64, y []float64) int
