package nsim

import (
	"fmt"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time the process has used: unlike wall time it
// hardly depends on what else the machine runs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestPrepareNearLinear: building and preparing a model four times
// larger costs at most ten times the CPU time. Linear preparation measures
// 4–6.2× (the garbage collector's share grows with the heap); quadratic,
// as when each subtree's facts were found by walking it, is 16× and took
// 68 s for 8,000 terms, so the bound leaves room for noise and still
// catches that.
func TestPrepareNearLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("prepares models of 2000 and 8000 terms")
	}
	best := func(n int) time.Duration {
		d := time.Duration(1 << 62)
		for range 3 {
			c := cpuTime()
			prepareTerms(t, n)
			d = min(d, cpuTime()-c)
		}
		return d
	}
	small, large := best(2000), best(8000)
	if ratio := float64(large) / float64(small); ratio > 10 {
		t.Errorf("8000 terms took %v of CPU, 2000 terms %v: %.1f×, want ≤ 10× for 4× the size", large, small, ratio)
	} else {
		t.Logf("8000 terms: %v of CPU, 2000 terms: %v (%.1f×)", large, small, ratio)
	}
}

// BenchmarkPrepareTerms times Run's preparation of models of growing
// size; near-linear growth shows as a constant ns/term (wall time of the
// Run) and cpu-ns/term (the process's CPU time for building and running
// the model, which a loaded machine disturbs less).
func BenchmarkPrepareTerms(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000, 32000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var total, cpu time.Duration
			for b.Loop() {
				c := cpuTime()
				total += prepareTerms(b, n)
				cpu += cpuTime() - c
			}
			b.ReportMetric(float64(total.Nanoseconds())/float64(b.N)/float64(n), "ns/term")
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/float64(n), "cpu-ns/term")
		})
	}
}
