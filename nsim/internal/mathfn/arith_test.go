package mathfn

import (
	"math"
	"testing"

	"gonsim/nsim/rng"
)

// arithCases are the block functions of arith.go beside the operation
// they must perform on each element.
var arithCases = []struct {
	name   string
	op     func(a, b float64) float64
	vv     func(out, x, y []float64)
	vs     func(out, x []float64, c float64)
	sv     func(out []float64, c float64, y []float64)
	vvFast func(out, x, y []float64) int
}{
	{"add", func(a, b float64) float64 { return a + b }, AddVV, AddVS, AddSV, addVV},
	{"sub", func(a, b float64) float64 { return a - b }, SubVV, SubVS, SubSV, subVV},
	{"mul", func(a, b float64) float64 { return a * b }, MulVV, MulVS, MulSV, mulVV},
	{"div", func(a, b float64) float64 { return a / b }, DivVV, DivVS, DivSV, divVV},
}

func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
}

// TestArithBlocks checks every operator and operand shape against the
// scalar operation, bit for bit, at every length up to 41 (the AVX-512
// loop's groups of sixteen, the AVX2 loop's groups of eight and four and
// the Go tail), with special values mixed in,
// and in place (out = x), as kernels call them.
func TestArithBlocks(t *testing.T) { eachWidth(t, arithBlocks) }

func arithBlocks(t *testing.T) {
	r := rng.New(3, 0)
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 5e-324, math.MaxFloat64, 1}
	x, y := make([]float64, 41), make([]float64, 41)
	for i := range x {
		x[i], y[i] = (2*r.Float64()-1)*1e3, (2*r.Float64()-1)*1e-3
	}
	for i, v := range special {
		x[2*i+1], y[20-2*i], x[40-3*i], y[21+2*i] = v, v, v, v
	}
	for _, tc := range arithCases {
		for n := 0; n <= len(x); n++ {
			for _, c := range []float64{0.37, 0, math.Inf(-1)} {
				out := make([]float64, n)
				check := func(shape string, want func(i int) float64) {
					t.Helper()
					for i := range out {
						if w := want(i); !sameBits(out[i], w) {
							t.Fatalf("%s%s n=%d c=%g: element %d = %v, want %v", tc.name, shape, n, c, i, out[i], w)
						}
					}
				}
				tc.vv(out, x, y)
				check("VV", func(i int) float64 { return tc.op(x[i], y[i]) })
				tc.vs(out, x, c)
				check("VS", func(i int) float64 { return tc.op(x[i], c) })
				tc.sv(out, c, y)
				check("SV", func(i int) float64 { return tc.op(c, y[i]) })
				copy(out, x)
				tc.vv(out, out, y)
				check("VV in place", func(i int) float64 { return tc.op(x[i], y[i]) })
			}
		}
	}
}

// TestArithVecCount checks that the AVX2 loops do the groups of four and
// leave the rest.
func TestArithVecCount(t *testing.T) {
	if !hasVec {
		t.Skip("no AVX2 on this CPU")
	}
	for _, tc := range arithCases {
		for n, want := range []int{0, 0, 0, 0, 4, 4, 4, 4, 8, 8, 8, 8, 12, 12} {
			b := make([]float64, n)
			if got := tc.vvFast(b, b, b); got != want {
				t.Errorf("%sVV of %d elements did %d, want %d", tc.name, n, got, want)
			}
		}
	}
}

func BenchmarkArith(b *testing.B) {
	x, y, out := make([]float64, blockSize), make([]float64, blockSize), make([]float64, blockSize)
	for i := range x {
		x[i], y[i] = float64(i)+1, 1/float64(i+1)
	}
	for _, bb := range []struct {
		name string
		f    func()
	}{
		{"mulVV", func() { MulVV(out, x, y) }},
		{"mulVS", func() { MulVS(out, x, 3) }},
		{"divVV", func() { DivVV(out, x, y) }},
		{"divSV", func() { DivSV(out, 4, y) }},
		{"div-go", func() {
			for i := range out {
				out[i] = x[i] / y[i]
			}
		}},
		{"mul-go", func() {
			for i := range out {
				out[i] = x[i] * y[i]
			}
		}},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				bb.f()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*blockSize), "ns/elem")
		})
	}
}

// TestChains checks every chain of two scalar-operand operators against
// the two operations, bit for bit, at every length up to 23 (groups of
// eight with AVX-512, of four, and the Go tail).
func TestChains(t *testing.T) {
	if !hasVec {
		if Chain('+', '*', false, false) != nil {
			t.Fatal("Chain without AVX2 is not nil")
		}
		t.Skip("no AVX2 on this CPU")
	}
	eachWidth(t, chains)
}

func chains(t *testing.T) {
	r := rng.New(4, 0)
	x := make([]float64, 23)
	for i := range x {
		x[i] = (2*r.Float64() - 1) * 50
	}
	x[3], x[8], x[13], x[18] = 0, math.Inf(1), math.Inf(-1), 0
	ops := map[byte]func(a, b float64) float64{}
	for _, tc := range arithCases {
		ops["+-*/"[len(ops)]] = tc.op
	}
	for op1, f1 := range ops {
		for op2, f2 := range ops {
			for _, rev := range [][2]bool{{false, false}, {false, true}, {true, false}, {true, true}} {
				ch := Chain(op1, op2, rev[0], rev[1])
				for n := 0; n <= len(x); n++ {
					out := make([]float64, n)
					ch(out, x, 0.3, -7)
					for i, got := range out {
						a := f1(x[i], 0.3)
						if rev[0] {
							a = f1(0.3, x[i])
						}
						w := f2(a, -7)
						if rev[1] {
							w = f2(-7, a)
						}
						if !sameBits(got, w) {
							t.Fatalf("chain %c%v %c%v n=%d: element %d = %v, want %v", op1, rev[0], op2, rev[1], n, i, got, w)
						}
					}
				}
			}
		}
	}
	if Chain('%', '+', false, false) != nil {
		t.Error("Chain of % is not nil")
	}
}
