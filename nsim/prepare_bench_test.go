package nsim

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// termsModel is a neuron model whose right-hand side has n terms, the
// shape of a large generated model: dv/dt = (-v + 0.001*v*1 + …)/tau.
func termsModel(n int) string {
	var b strings.Builder
	b.WriteString("dv/dt = (-v")
	for k := 1; k < n; k++ {
		fmt.Fprintf(&b, " + %g*v", 1e-6*float64(k%7))
	}
	b.WriteString(") / (10*ms) : 1\n")
	return b.String()
}

// prepareTerms builds and runs one step of an n-term model; the run is
// where the model is prepared (checked, compiled into kernels).
func prepareTerms(tb testing.TB, n int) time.Duration {
	StartScope()
	g, err := NewNeuronGroup(1, termsModel(n), Method("euler"))
	if err != nil {
		tb.Fatal(err)
	}
	net, err := NewNetwork(g)
	if err != nil {
		tb.Fatal(err)
	}
	t := time.Now()
	if err := net.Run(0.1 * ms); err != nil {
		tb.Fatal(err)
	}
	return time.Since(t)
}
