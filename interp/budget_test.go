package interp

import (
	"testing"

	"gonsim/nsim"
)

// A group too big for the memory budget ends its cell with the bytes it
// needs; the session and its earlier variables stay, and a smaller group
// works.
func TestCellsMemoryBudget(t *testing.T) {
	limit, _ := nsim.MemoryBudget()
	t.Cleanup(func() { nsim.SetMemoryBudget(limit) })
	runSteps(t, []step{
		{code: "StartScope()\nx := 42\nG := NeuronGroup(1e10, \"dv/dt = -v/(10*ms) : 1\")",
			err: "BudgetError: neurongroup: 10000000000 neurons × 2 variables would need 149.0 GiB, more than the memory budget of"},
		{code: "x", value: "42"},
		{code: "SetMemoryBudget(\"1 MiB\")\nH := NeuronGroup(100000, \"v : 1\")",
			err: "BudgetError: neurongroup: 100000 neurons × 2 variables would need 1.5 MiB, more than the memory budget of 1.0 MiB allows; use fewer, or raise it with SetMemoryBudget"},
		{code: "SetMemoryBudget(\"lots\")", err: "Error: \"lots\" is not a size in bytes (e.g. 512 MiB, 2GB)"},
		{code: "SetMemoryBudget(1 << 30)\nH := NeuronGroup(100000, \"v : 1\")\nH.N()", value: "100000"},
	})
}

// An unstable integration ends the cell with the variable, neuron and
// time, instead of a run that silently ends in NaN or ±Inf (v → −9v: the
// fused linear update overflows to +Inf, nsim/nancheck_test.go).
func TestCellsNaNStopsRun(t *testing.T) {
	runSteps(t, []step{
		{code: "StartScope()\nG := NeuronGroup(1, \"dv/dt = -v/(0.01*ms) : 1\", Method(\"euler\"))\nG.Set(\"v\", 1)\nRun(100*ms)",
			err: "NaNError: neurongroup: v of neuron 0 became +Inf between t = 32 ms and 35.2 ms; the run stopped at 35.2 ms"},
		{code: "G.Set(\"v\", 0)\nRun(10*ms)\nG.Get(\"v\").Floats()", value: "[0]"},
	})
}
