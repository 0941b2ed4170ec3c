package interp

import (
	"testing"
)

// Tutorial 3's TimedArray as a notebook writes it: the recorded current is
// a Go slice, the TimedArray a notebook variable that the model string
// calls by name, tau another one. Brian2 gives 20 spikes, the first at
// 11.2 ms (reference a3a_timedarray_sin_spikes.csv).
func TestTimedArrayCells(t *testing.T) {
	s := newSession(t)
	cells := []cell{
		{code: `StartScope()
A := 2.5
f := 10*Hz
tau := 5*ms
dt := 0.1*ms
I_recorded := make([]float64, int(200*ms/dt))
for k := range I_recorded {
	I_recorded[k] = A * math.Sin(2*math.Pi*float64(f)*float64(k)*float64(dt))
}
stimulus := TimedArray(I_recorded, dt)
G := NeuronGroup(1, "dv/dt = (I-v)/tau : 1\nI = stimulus(t) : 1", Threshold("v>1"), Reset("v=0"), Method("exact"))
M := SpikeMonitor(G)
Run(200*ms)`},
		{code: "M.NumSpikes()", value: "20"},
		{code: `math.Round(M.T().In(ms)[0]*10)/10`, value: "11.2"},
		{code: `volts := TimedArray([]Voltage{1*mV, 2*mV}, 1*ms)
H := NeuronGroup(1, "dv/dt = (volts(t) - v)/tau : 1")`, err: "has unit V"},
		{code: `TimedArray([]float64{1, 2}, 3)`, err: "want a time"},
	}
	runCells(t, s, cells)
}
