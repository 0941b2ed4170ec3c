package nsim

import "math"

// DefaultDt is the time step, in seconds, of objects created without a dt
// option, unless changed with SetDefaultDt.
const DefaultDt = 1e-4

var defaultDt = DefaultDt

// timestep converts a time to a step count as Brian2's timestep(t, dt)
// does: truncation after a shift of 0.1 % of dt (SEMANTICS §3, §5).
func timestep(t, dt float64) int64 {
	return int64((t + 1e-3*dt) / dt)
}

// calcStep is the clock step at which a run that ends (or starts) at time
// t stops: round(t/dt) when that is within 1e-4·dt of t, ceil otherwise
// (SEMANTICS §1).
func calcStep(t, dt float64) int64 {
	k := math.Round(t / dt)
	if k*dt == t || math.Abs(k*dt-t) <= 1e-4*dt {
		return int64(k)
	}
	return int64(math.Ceil(t / dt))
}

// roundHalfEven is numpy's rounding, used for delays (SEMANTICS §5).
func roundHalfEven(x float64) int64 {
	return int64(math.RoundToEven(x))
}
