package nsim

import (
	"errors"
	"strings"
	"testing"
)

// withBudget sets the memory budget for one test and restores it after.
func withBudget(t *testing.T, bytes int64) {
	limit, _ := MemoryBudget()
	SetMemoryBudget(bytes)
	t.Cleanup(func() { SetMemoryBudget(limit) })
}

// TestMemoryBudget: groups and synapses past the budget are refused
// before they allocate, with the bytes they need; what fits is built, and
// StartScope gives the budget back.
func TestMemoryBudget(t *testing.T) {
	withBudget(t, 1<<20)
	StartScope()
	lif := "dv/dt = -v/(10*ms) : 1"
	_, err := NewNeuronGroup(100000, lif)
	var be *BudgetError
	if !errors.As(err, &be) {
		t.Fatalf("100000 neurons in 1 MiB: error %v, want a *BudgetError", err)
	}
	if want := "neurongroup: 100000 neurons × 2 variables would need 1.5 MiB, more than the memory budget of 1.0 MiB allows"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q, want it to start with %q", err, want)
	}
	// The refused group took nothing: one that fits is built.
	g := must[*NeuronGroup](t)(NewNeuronGroup(1000, lif))
	if _, used := MemoryBudget(); used != 1000*2*8 {
		t.Errorf("used %d bytes after a 1000-neuron group, want %d", used, 1000*2*8)
	}
	s := must[*Synapses](t)(NewSynapses(g, g, Model("w : 1"), OnPre("v += w")))
	err = s.Connect()
	if !errors.As(err, &be) || !strings.Contains(err.Error(), "about 1e+06 synapses would need") ||
		!strings.Contains(err.Error(), "already hold 15.6 KiB") {
		t.Fatalf("all-to-all 1e6 synapses in 1 MiB: error %v", err)
	}
	if s.N() != 0 {
		t.Errorf("%d synapses after the refused Connect, want 0", s.N())
	}
	ok(t, s.Connect(P(0.01)))
	if err := s.Connect(Condition("i != j")); !errors.As(err, &be) || !strings.Contains(err.Error(), "999000 synapses would need") {
		t.Errorf("a condition keeping 999000 pairs in 1 MiB: error %v", err)
	}
	ok(t, Run(1*ms))
	StartScope()
	if _, used := MemoryBudget(); used != 0 {
		t.Errorf("used %d after StartScope, want 0", used)
	}
	must[*NeuronGroup](t)(NewNeuronGroup(60000, lif))
}

// The default budget refuses a group no machine holds, instead of ending
// the process in the runtime.
func TestMemoryBudgetDefault(t *testing.T) {
	StartScope()
	_, err := NewNeuronGroup(1e10, "dv/dt = -v/(10*ms) : 1")
	var be *BudgetError
	if !errors.As(err, &be) || be.Need != 1e10*2*8 {
		t.Fatalf("NeuronGroup(1e10): %v", err)
	}
}

func TestParseBytes(t *testing.T) {
	for _, c := range []struct {
		text string
		want int64
		bad  bool
	}{{"1048576", 1 << 20, false}, {"512 MiB", 512 << 20, false}, {"2GB", 2e9, false}, {"1.5 GiB", 3 << 29, false},
		{"10 B", 10, false}, {"lots", 0, true}, {"-1 MiB", 0, true}, {"", 0, true}} {
		got, err := ParseBytes(c.text)
		if (err != nil) != c.bad || got != c.want {
			t.Errorf("ParseBytes(%q) = %d, %v; want %d (error: %v)", c.text, got, err, c.want, c.bad)
		}
	}
}
