package compile

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"gonsim/nsim/expr"
)

// Each benchmark runs a compiled kernel and the same arithmetic written
// directly in Go over slices, alternating them within every iteration so
// that the load of the (shared, noisy) machine affects both alike. It
// reports ns per element of each and their ratio (compiled/handwritten).
//
//	go test -run '^$' -bench . -benchtime 2000x ./nsim/expr

const (
	mV = 1e-3
	ms = 1e-3
)

// compare times reps calls of compiled and of hand, alternately, and
// reports the fastest round of each (the least disturbed by other
// processes) and the median of the per-round ratios.
func compare(b *testing.B, n int, compiled, hand func()) {
	reps := max(1, 2000/n)
	var tc, th, ratios []float64
	for b.Loop() {
		t0 := time.Now()
		for range reps {
			compiled()
		}
		t1 := time.Now()
		for range reps {
			hand()
		}
		t2 := time.Now()
		c, h := float64(t1.Sub(t0)), float64(t2.Sub(t1))
		tc, th, ratios = append(tc, c), append(th, h), append(ratios, c/h)
	}
	per := float64(reps * n)
	b.ReportMetric(slices.Min(tc)/per, "compiled-ns/elem")
	b.ReportMetric(slices.Min(th)/per, "hand-ns/elem")
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "ratio")
}

func kernelFor(b *testing.B, src string, s *state, r Rand) func() {
	e, err := expr.Check(src, testScope())
	if err != nil {
		b.Fatal(err)
	}
	k, err := Expr(e, s.env(r))
	if err != nil {
		b.Fatal(err)
	}
	out := make([]float64, s.n)
	return func() { k.Eval(out) }
}

var sizes = []int{1, 1000}

// HH sodium activation: alpha_m*(1-m) - beta_m*m, as seed section 1 writes it.
func BenchmarkHHGating(b *testing.B) {
	const src = "0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms*m"
	for _, n := range sizes {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			s := newState(n, 42)
			v, m, out := s.arrays["v"], s.arrays["m"], make([]float64, n)
			const VT = -0.063
			compare(b, n, kernelFor(b, src, s, nil), func() {
				for i := range out {
					out[i] = 0.32*(1/mV)*4*mV/exprel((13*mV-v[i]+VT)/(4*mV))/ms*(1-m[i]) - 0.28*(1/mV)*5*mV/exprel((v[i]-VT-40*mV)/(5*mV))/ms*m[i]
				}
			})
		})
	}
}

// HH membrane equation of seed section 1: pure arithmetic, the hardest case
// for a kernel that makes one pass per operator.
func BenchmarkHHMembrane(b *testing.B) {
	const src = "(gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-g_na*(m*m*m)*h*(v-ENa)-g_kd*(n*n*n*n)*(v-EK))/Cm"
	for _, n := range sizes {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			s := newState(n, 42)
			a := s.arrays
			v, m, nn, h, ge, gi, out := a["v"], a["m"], a["n"], a["h"], a["ge"], a["gi"], make([]float64, n)
			const gl, Cm, El, EK, ENa, gNa, gKd, Ee, Ei = 1e-8, 2e-10, -0.065, -0.09, 0.05, 2e-5, 6e-6, 0.0, -0.08
			compare(b, n, kernelFor(b, src, s, nil), func() {
				for i := range out {
					out[i] = (gl*(El-v[i]) + ge[i]*(Ee-v[i]) + gi[i]*(Ei-v[i]) - gNa*(m[i]*m[i]*m[i])*h[i]*(v[i]-ENa) - gKd*(nn[i]*nn[i]*nn[i]*nn[i])*(v[i]-EK)) / Cm
				}
			})
		})
	}
}

// Noisy LIF of seed section 4: dx/dt = (.65*I - x)/tau + sigma*(2/tau)**.5*xi.
func BenchmarkNoisyLIF(b *testing.B) {
	const src = "(.65*w - x)/tau + sigma*(2/tau)**.5*xi"
	for _, n := range sizes {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			s := newState(n, 42)
			rc, rh := rand.New(rand.NewPCG(1, 2)), rand.New(rand.NewPCG(1, 2))
			I, x, out := s.arrays["w"], s.arrays["x"], make([]float64, n)
			const tau, sigma = 0.01, 0.03
			compare(b, n, kernelFor(b, src, s, rc), func() {
				g := sigma * math.Sqrt(2/tau) / math.Sqrt(s.dt)
				for i := range out {
					out[i] = (.65*I[i]-x[i])/tau + g*rh.NormFloat64()
				}
			})
		})
	}
}

// Plain LIF: the cheapest right-hand side, where per-call overhead shows most.
func BenchmarkLIF(b *testing.B) {
	const src = "(w - x)/tau"
	for _, n := range sizes {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			s := newState(n, 42)
			I, x, out := s.arrays["w"], s.arrays["x"], make([]float64, n)
			const tau = 0.01
			compare(b, n, kernelFor(b, src, s, nil), func() {
				for i := range out {
					out[i] = (I[i] - x[i]) / tau
				}
			})
		})
	}
}

// Threshold test of 1000 neurons with Select (the thresholder's work).
func BenchmarkThreshold(b *testing.B) {
	s := newState(1000, 42)
	e, _ := expr.Check("v > -20*mV", testScope())
	k, _ := Expr(e, s.env(nil))
	v := s.arrays["v"]
	var got, want []int32
	compare(b, 1000, func() { got = k.Select(1000, got[:0]) }, func() {
		want = want[:0]
		for i, x := range v {
			if x > -0.02 {
				want = append(want, int32(i))
			}
		}
	})
}
