package mathfn

// Block loops of the four arithmetic operators, for the kernels of
// nsim/compile: the AVX2 loops of arith_amd64.s do four elements per
// instruction (a division costs about a quarter of the scalar one), the
// Go loops here the last elements or everything without AVX2. Both give
// the same results bit for bit: one IEEE operation per element.

// Vector reports whether the AVX2 loops run on this CPU; without them the
// block functions here are plain Go loops, and callers may prefer loops
// of their own that fuse several operators.
func Vector() bool { return hasVec }

// AddVV sets out[i] = x[i] + y[i].
func AddVV(out, x, y []float64) {
	x, y = x[:len(out)], y[:len(out)]
	i := 0
	if hasVec {
		i = addVV(out, x, y)
	}
	for ; i < len(out); i++ {
		out[i] = x[i] + y[i]
	}
}

// AddVS sets out[i] = x[i] + c.
func AddVS(out, x []float64, c float64) {
	x = x[:len(out)]
	i := 0
	if hasVec {
		i = addVS(out, x, c)
	}
	for ; i < len(out); i++ {
		out[i] = x[i] + c
	}
}

// AddSV sets out[i] = c + y[i].
func AddSV(out []float64, c float64, y []float64) {
	y = y[:len(out)]
	i := 0
	if hasVec {
		i = addSV(out, c, y)
	}
	for ; i < len(out); i++ {
		out[i] = c + y[i]
	}
}

// SubVV sets out[i] = x[i] - y[i].
func SubVV(out, x, y []float64) {
	x, y = x[:len(out)], y[:len(out)]
	i := 0
	if hasVec {
		i = subVV(out, x, y)
	}
	for ; i < len(out); i++ {
		out[i] = x[i] - y[i]
	}
}

// SubVS sets out[i] = x[i] - c.
func SubVS(out, x []float64, c float64) {
	x = x[:len(out)]
	i := 0
	if hasVec {
		i = subVS(out, x, c)
	}
	for ; i < len(out); i++ {
		out[i] = x[i] - c
	}
}

// SubSV sets out[i] = c - y[i].
func SubSV(out []float64, c float64, y []float64) {
	y = y[:len(out)]
	i := 0
	if hasVec {
		i = subSV(out, c, y)
	}
	for ; i < len(out); i++ {
		out[i] = c - y[i]
	}
}

// MulVV sets out[i] = x[i] * y[i].
func MulVV(out, x, y []float64) {
	x, y = x[:len(out)], y[:len(out)]
	i := 0
	if hasVec {
		i = mulVV(out, x, y)
	}
	for ; i < len(out); i++ {
		out[i] = x[i] * y[i]
	}
}

// MulVS sets out[i] = x[i] * c.
func MulVS(out, x []float64, c float64) {
	x = x[:len(out)]
	i := 0
	if hasVec {
		i = mulVS(out, x, c)
	}
	for ; i < len(out); i++ {
		out[i] = x[i] * c
	}
}

// MulSV sets out[i] = c * y[i].
func MulSV(out []float64, c float64, y []float64) {
	y = y[:len(out)]
	i := 0
	if hasVec {
		i = mulSV(out, c, y)
	}
	for ; i < len(out); i++ {
		out[i] = c * y[i]
	}
}

// DivVV sets out[i] = x[i] / y[i].
func DivVV(out, x, y []float64) {
	x, y = x[:len(out)], y[:len(out)]
	i := 0
	if hasVec {
		i = divVV(out, x, y)
	}
	for ; i < len(out); i++ {
		out[i] = x[i] / y[i]
	}
}

// DivVS sets out[i] = x[i] / c.
func DivVS(out, x []float64, c float64) {
	x = x[:len(out)]
	i := 0
	if hasVec {
		i = divVS(out, x, c)
	}
	for ; i < len(out); i++ {
		out[i] = x[i] / c
	}
}

// DivSV sets out[i] = c / y[i].
func DivSV(out []float64, c float64, y []float64) {
	y = y[:len(out)]
	i := 0
	if hasVec {
		i = divSV(out, c, y)
	}
	for ; i < len(out); i++ {
		out[i] = c / y[i]
	}
}
