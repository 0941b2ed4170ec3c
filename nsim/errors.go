package nsim

import (
	"errors"
	"fmt"
)

// ObjectError says which object (by name, e.g. "neurongroup_1") and which
// part of it (e.g. "threshold", "on_pre", "equations") an error comes
// from. Err is the cause, often an error of nsim/expr or nsim/equations
// carrying the column of the problem.
type ObjectError struct {
	Object string // object name
	Part   string // "equations", "threshold", "reset", "on_pre", "Set(v)", ...
	Err    error
}

func (e *ObjectError) Error() string {
	if e.Part == "" {
		return fmt.Sprintf("%s: %v", e.Object, e.Err)
	}
	return fmt.Sprintf("%s, %s: %v", e.Object, e.Part, e.Err)
}

func (e *ObjectError) Unwrap() error { return e.Err }

// ArgError is a bad argument to an nsim function or option.
type ArgError struct {
	Func string // e.g. "NewSpikeGeneratorGroup"
	Arg  string // e.g. "times"
	Msg  string
}

func (e *ArgError) Error() string {
	if e.Arg == "" {
		return fmt.Sprintf("%s: %s", e.Func, e.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", e.Func, e.Arg, e.Msg)
}

// MemoryError refuses a recording that would need more memory than the
// limit set with SetMemoryLimit. It is returned before anything is
// allocated and before the run starts.
type MemoryError struct {
	Object string // the monitor
	Need   int64  // bytes the monitor would hold at the end of the run
	Limit  int64  // bytes allowed for all monitors of the run together
	Detail string // what is recorded, e.g. "2 variables × 25 neurons × 10000 steps"
}

func (e *MemoryError) Error() string {
	return fmt.Sprintf("%s: recording %s would need %s, more than the memory limit of %s (raise it with nsim.SetMemoryLimit, record fewer neurons or variables, or run shorter)",
		e.Object, e.Detail, byteSize(e.Need), byteSize(e.Limit))
}

// InterruptedError is returned by a run stopped through its context. The
// network stopped after a complete step: T is the time reached, monitors
// hold every step up to it, and a later Run continues from there.
type InterruptedError struct {
	T   float64 // seconds
	Err error   // the context's error
}

func (e *InterruptedError) Error() string {
	return fmt.Sprintf("run interrupted at t = %s: %v", formatSeconds(e.T), e.Err)
}

func (e *InterruptedError) Unwrap() error { return e.Err }

// ErrNoObjects is returned by a run of a network without objects.
var ErrNoObjects = errors.New("nothing to run: no objects were created since StartScope (or added to the network)")

func byteSize(b int64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(b)/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(b)/(1<<10))
	}
	return fmt.Sprintf("%d B", b)
}

func formatSeconds(t float64) string {
	switch {
	case t == 0:
		return "0 s"
	case t < 1e-3 && t > -1e-3:
		return fmt.Sprintf("%g us", t*1e6)
	case t < 1 && t > -1:
		return fmt.Sprintf("%g ms", t*1e3)
	}
	return fmt.Sprintf("%g s", t)
}
