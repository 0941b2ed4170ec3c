package expr

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// The benchmarks compare a compiled kernel with the same arithmetic written
// directly in Go over slices, in the same run. Run with
//
//	go test -run ^$ -bench . -benchtime 200ms ./nsim/expr
//
// and compare the ns/elem of the compiled and handwritten sub-benchmarks.

const (
	mV     = 1e-3
	ms     = 1e-3
	benchN = 1000
)

func benchState(n int) *state { return newState(n, 42) }

func benchKernel(b *testing.B, src string, s *state, r Rand) {
	e, err := Check(src, testScope())
	if err != nil {
		b.Fatal(err)
	}
	k, err := Compile(e, s.env(r))
	if err != nil {
		b.Fatal(err)
	}
	out := make([]float64, s.n)
	b.ResetTimer()
	for b.Loop() {
		k.Eval(out)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(s.n), "ns/elem")
}

func report(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/elem")
}

// HH sodium activation: alpha_m*(1-m) - beta_m*m, as seed section 1 writes it.
func BenchmarkHHGating(b *testing.B) {
	const src = "0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms*m"
	for _, n := range []int{1, benchN} {
		b.Run(fmt.Sprintf("compiled/N=%d", n), func(b *testing.B) { benchKernel(b, src, benchState(n), nil) })
		b.Run(fmt.Sprintf("handwritten/N=%d", n), func(b *testing.B) {
			s := benchState(n)
			v, m, out := s.arrays["v"], s.arrays["m"], make([]float64, n)
			const VT = -0.063
			for b.Loop() {
				for i := range out {
					out[i] = 0.32*(1/mV)*4*mV/exprel((13*mV-v[i]+VT)/(4*mV))/ms*(1-m[i]) - 0.28*(1/mV)*5*mV/exprel((v[i]-VT-40*mV)/(5*mV))/ms*m[i]
				}
			}
			report(b, n)
		})
	}
}

// HH membrane equation of seed section 1 (no function calls: pure arithmetic).
func BenchmarkHHMembrane(b *testing.B) {
	const src = "(gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-g_na*(m*m*m)*h*(v-ENa)-g_kd*(n*n*n*n)*(v-EK))/Cm"
	for _, n := range []int{1, benchN} {
		b.Run(fmt.Sprintf("compiled/N=%d", n), func(b *testing.B) { benchKernel(b, src, benchState(n), nil) })
		b.Run(fmt.Sprintf("handwritten/N=%d", n), func(b *testing.B) {
			s := benchState(n)
			a := s.arrays
			v, m, nn, h, ge, gi, out := a["v"], a["m"], a["n"], a["h"], a["ge"], a["gi"], make([]float64, n)
			const gl, Cm, El, EK, ENa, gNa, gKd, Ee, Ei = 1e-8, 2e-10, -0.065, -0.09, 0.05, 2e-5, 6e-6, 0.0, -0.08
			for b.Loop() {
				for i := range out {
					out[i] = (gl*(El-v[i]) + ge[i]*(Ee-v[i]) + gi[i]*(Ei-v[i]) - gNa*(m[i]*m[i]*m[i])*h[i]*(v[i]-ENa) - gKd*(nn[i]*nn[i]*nn[i]*nn[i])*(v[i]-EK)) / Cm
				}
			}
			report(b, n)
		})
	}
}

// Noisy LIF of seed section 4: dx/dt = (.65*I - x)/tau + sigma*(2/tau)**.5*xi.
func BenchmarkNoisyLIF(b *testing.B) {
	const src = "(.65*w - x)/tau + sigma*(2/tau)**.5*xi"
	for _, n := range []int{1, benchN} {
		b.Run(fmt.Sprintf("compiled/N=%d", n), func(b *testing.B) {
			benchKernel(b, src, benchState(n), rand.New(rand.NewPCG(1, 2)))
		})
		b.Run(fmt.Sprintf("handwritten/N=%d", n), func(b *testing.B) {
			s := benchState(n)
			r := rand.New(rand.NewPCG(1, 2))
			I, x, out := s.arrays["w"], s.arrays["x"], make([]float64, n)
			const tau, sigma = 0.01, 0.03
			for b.Loop() {
				g := sigma * math.Sqrt(2/tau) / math.Sqrt(s.dt)
				for i := range out {
					out[i] = (.65*I[i]-x[i])/tau + g*r.NormFloat64()
				}
			}
			report(b, n)
		})
	}
}

// Plain LIF: the cheapest right-hand side, where per-node overhead shows most.
func BenchmarkLIF(b *testing.B) {
	const src = "(w - x)/tau"
	for _, n := range []int{1, benchN} {
		b.Run(fmt.Sprintf("compiled/N=%d", n), func(b *testing.B) { benchKernel(b, src, benchState(n), nil) })
		b.Run(fmt.Sprintf("handwritten/N=%d", n), func(b *testing.B) {
			s := benchState(n)
			I, x, out := s.arrays["w"], s.arrays["x"], make([]float64, n)
			const tau = 0.01
			for b.Loop() {
				for i := range out {
					out[i] = (I[i] - x[i]) / tau
				}
			}
			report(b, n)
		})
	}
}
