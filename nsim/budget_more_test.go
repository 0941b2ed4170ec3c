package nsim

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gonsim/nsim/units"
)

// TestMonitorBudget: a run whose recordings would take the scope past
// the memory budget is refused before it starts, naming the monitor and
// the bytes; nothing is recorded and a shorter run of the same network
// works.
func TestMonitorBudget(t *testing.T) {
	withBudget(t, 10<<20)
	StartScope()
	g := must[*NeuronGroup](t)(NewNeuronGroup(1000, "dv/dt = -v/(10*ms) : 1\ndw/dt = -w/(10*ms) : 1\ndu/dt = -u/(10*ms) : 1"))
	mon := must[*StateMonitor](t)(NewStateMonitor(g, []string{"v", "w", "u"}))
	err := Run(100 * ms) // 3 × 1000 × 1000 steps × 8 B = 24 MB
	var be *BudgetError
	if !errors.As(err, &be) {
		t.Fatalf("a 24 MB recording in a 10 MiB budget: error %v, want a *BudgetError", err)
	}
	want := "statemonitor: recording 3 variable(s) × 1000 neuron(s) × 1000 steps would need 22.9 MiB, more than the memory budget of 10.0 MiB allows (the scope's objects already hold 31.2 KiB)"
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error\n%s\nwant it to start with\n%s", err, want)
	}
	if n := mon.T().Len(); n != 0 {
		t.Errorf("%d steps recorded by the refused run", n)
	}
	_, before := MemoryBudget()
	ok(t, Run(10*ms))
	if n := mon.T().Len(); n != 100 {
		t.Errorf("%d steps recorded in 10 ms, want 100", n)
	}
	// The recording holds its memory: it counts until StartScope.
	if _, used := MemoryBudget(); used != before+100*(3000+1)*8 {
		t.Errorf("budget used %d after recording 100 steps, want %d", used, before+100*3001*8)
	}
}

// TestTimedArrayBudget: a TimedArray past the budget is refused before
// its values are copied; a bad one gives its claim back.
func TestTimedArrayBudget(t *testing.T) {
	withBudget(t, 1<<20)
	StartScope()
	_, err := NewTimedArray(make([]float64, 200000), 1*ms, Name("stimulus"))
	var be *BudgetError
	if !errors.As(err, &be) || !strings.HasPrefix(err.Error(), "stimulus: a TimedArray of 200000 values would need 1.5 MiB, more than the memory budget of 1.0 MiB allows") {
		t.Fatalf("a 1.6 MB TimedArray in 1 MiB: error %v", err)
	}
	rows := [][]float64{make([]float64, 100), make([]float64, 99)}
	if _, err := NewTimedArray(rows, 1*ms); err == nil || errors.As(err, &be) {
		t.Fatalf("ragged rows: error %v, want the rows' error", err)
	}
	if _, used := MemoryBudget(); used != 0 {
		t.Errorf("budget used %d after two refused TimedArrays, want 0", used)
	}
	must[*TimedArray](t)(NewTimedArray(make([]float64, 1000), 1*ms))
	if _, used := MemoryBudget(); used != 8000 {
		t.Errorf("budget used %d after 1000 values, want 8000", used)
	}
}

// TestPrepareInterrupted: an interrupt during the preparation of a large
// model stops the run before its steps, with an *InterruptedError; the
// group stays usable.
func TestPrepareInterrupted(t *testing.T) {
	StartScope()
	g := must[*NeuronGroup](t)(NewNeuronGroup(1, termsModel(4000), Method("euler")))
	net := must[*Network](t)(NewNetwork(g))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	err := net.RunContext(ctx, 1*ms)
	var ie *InterruptedError
	if !errors.As(err, &ie) || !errors.Is(err, context.Canceled) {
		t.Fatalf("an interrupted preparation: error %v, want an *InterruptedError", err)
	}
	if net.T() != 0 {
		t.Errorf("the network's time is %v after an interrupted preparation, want 0", net.T())
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("the interrupted preparation took %v", took)
	}
	ok(t, net.Run(0.1*ms))
}

// TestNestingLimit: a model nested a million deep is refused with the
// position of the culprit, not a stack overflow.
func TestNestingLimit(t *testing.T) {
	StartScope()
	model := "dv/dt = " + strings.Repeat("(", 1e6) + "-v" + strings.Repeat(")", 1e6) + "/(10*ms) : 1"
	_, err := NewNeuronGroup(1, model)
	if err == nil || !strings.HasPrefix(err.Error(), "neurongroup, model: 1:209: model: syntax error: expression nested more than 200 deep") {
		t.Fatalf("a million parentheses: error %v", err)
	}
}

// TestSpikeMonitorBudget: spike monitors claim the budget as they grow;
// past it the run stops after the step with a *BudgetError, the spikes
// recorded until then are kept, and with a larger budget the next run
// continues.
func TestSpikeMonitorBudget(t *testing.T) {
	withBudget(t, 1<<20)
	StartScope()
	p := must[*PoissonGroup](t)(NewPoissonGroup(1000, 1000*units.Hertz)) // 100 spikes a step
	sp := must[*SpikeMonitor](t)(NewSpikeMonitor(p))
	err := Run(1 * units.Second)
	var be *BudgetError
	if !errors.As(err, &be) || be.Object != "spikemonitor" || !strings.Contains(err.Error(), "events would need") {
		t.Fatalf("1e5 spikes a second in a 1 MiB budget: error %v, want the spikemonitor's *BudgetError", err)
	}
	stopped := DefaultNetwork().T()
	if !(stopped > 0 && stopped < 1) || sp.NumSpikes() == 0 {
		t.Fatalf("stopped at t = %g s with %d spikes recorded", stopped, sp.NumSpikes())
	}
	if _, used := MemoryBudget(); used > 1<<20 {
		t.Errorf("budget used %d, past the budget", used)
	}
	SetMemoryBudget(64 << 20)
	ok(t, Run(10*ms))
	if got := sp.T().Len(); got <= 0 || sp.NumSpikes() != got {
		t.Errorf("%d spike times, %d spikes after the next run", got, sp.NumSpikes())
	}
}
