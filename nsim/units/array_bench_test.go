package units

import "testing"

// Element-wise arithmetic on 1e7 values, each next to the same loop
// written in compiled Go over []float64 (allocating its result too, as an
// Array operation does): go test ./nsim/units -bench Array -run XXX.

const benchN = 10_000_000

func benchArrays() (Array, Array) {
	x, y := make([]float64, benchN), make([]float64, benchN)
	for i := range x {
		x[i], y[i] = float64(i)*1e-9, 1e-3+float64(i%100)*1e-6
	}
	return NewArray(x, Volt.Q().Dim), NewArray(y, Volt.Q().Dim)
}

var sink []float64

func BenchmarkArraySubScalar(b *testing.B) {
	a, _ := benchArrays()
	for b.Loop() {
		r, err := a.Sub(-70 * Millivolt)
		if err != nil {
			b.Fatal(err)
		}
		sink = r.SI()
	}
}

func BenchmarkGoLoopSubScalar(b *testing.B) {
	a, _ := benchArrays()
	x, s := a.SI(), -70e-3
	for b.Loop() {
		out := make([]float64, len(x))
		for i, v := range x {
			out[i] = v - s
		}
		sink = out
	}
}

func BenchmarkArrayDivArray(b *testing.B) {
	a, c := benchArrays()
	for b.Loop() {
		r, err := a.Div(c)
		if err != nil {
			b.Fatal(err)
		}
		sink = r.SI()
	}
}

func BenchmarkGoLoopDivArray(b *testing.B) {
	a, c := benchArrays()
	x, y := a.SI(), c.SI()
	for b.Loop() {
		out := make([]float64, len(x))
		for i, v := range x {
			out[i] = v / y[i]
		}
		sink = out
	}
}

func BenchmarkArrayExp(b *testing.B) {
	a, c := benchArrays()
	q, _ := a.Div(c)
	for b.Loop() {
		r, _ := q.Exp()
		sink = r.SI()
	}
}
