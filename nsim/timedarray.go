package nsim

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"

	"gonsim/nsim/expr"
	"gonsim/nsim/units"
)

// TimedArray is a function of time given by values at regular times,
// Brian2's TimedArray(values, dt): stimulus(t) in a model string is the
// value of the bin t falls in, the first or last value before or after the
// array. A 2-D TimedArray, values[time][column], is called stimulus(t, i).
// Model strings find it by name like any other value: through the
// Namespace option or the resolver (a notebook variable).
type TimedArray struct {
	name       string
	dim        units.Dim
	values     []float64 // SI values, row-major [time][column]
	rows, cols int       // cols is 0 for a 1-D array
	dt         float64
	fn         *expr.Func
	fault      atomic.Pointer[error] // the first bad index of a run (2-D)
}

// NewTimedArray makes a TimedArray from values sampled every dt (a time).
// values is 1-D — []float64 (dimensionless), a slice of quantities of one
// dimension such as []units.Voltage or []units.Quantity, or Values — or
// 2-D, a slice of such rows indexed [time][neuron]. The option Name sets
// the name used in messages (default "_timedarray").
func NewTimedArray(values any, dt any, opts ...Option) (*TimedArray, error) {
	const fn = "NewTimedArray"
	c, err := applyOptions(fn, []string{"Name"}, opts)
	if err != nil {
		return nil, err
	}
	step, err := secondsArg(fn, "dt", dt)
	if err != nil {
		return nil, err
	}
	if !(step > 0) || math.IsInf(step, 1) {
		return nil, &ArgError{fn, "dt", fmt.Sprintf("the time step must be positive and finite, got %s", formatSeconds(step))}
	}
	ta := &TimedArray{name: c.name, dt: step}
	if ta.name == "" {
		ta.name = "_timedarray"
	}
	release, err := claimTimedArray(ta.name, values)
	if err != nil {
		return nil, err
	}
	if err := ta.setValues(fn, values); err != nil {
		release()
		return nil, err
	}
	args := []units.Dim{timeDim}
	if ta.cols > 0 {
		args = append(args, units.Dim{})
	}
	ta.fn = &expr.Func{Args: args, Result: ta.dim, Bind: ta.bind, ConstantOver: ta.constantOver}
	return ta, nil
}

// setValues flattens values into SI numbers of one dimension.
func (ta *TimedArray) setValues(fn string, values any) error {
	if f, ok := values.([]float64); ok && len(f) > 0 { // the common case, without boxing
		ta.values, ta.rows = append([]float64(nil), f...), len(f)
		return nil
	}
	if _, ok := rowItems(reflect.ValueOf(values)); !ok {
		return &ArgError{fn, "values", fmt.Sprintf("want a list of values (1-D) or of rows (2-D), got %T", values)}
	}
	rows, _ := rowItems(reflect.ValueOf(values))
	ta.rows = len(rows)
	if ta.rows == 0 {
		return &ArgError{fn, "values", "need at least one value"}
	}
	if _, is2D := rowItems(reflect.ValueOf(rows[0])); !is2D {
		for k, x := range rows {
			if err := ta.add(fn, fmt.Sprintf("values[%d]", k), x, k == 0); err != nil {
				return err
			}
		}
		return nil
	}
	for k, r := range rows {
		row, ok := rowItems(reflect.ValueOf(r))
		if !ok {
			return &ArgError{fn, "values", fmt.Sprintf("row %d is %T, not a list of values", k, r)}
		}
		if k == 0 {
			ta.cols = len(row)
		}
		if len(row) != ta.cols || ta.cols == 0 {
			return &ArgError{fn, "values", fmt.Sprintf("row %d has %d values; every row needs the %d values of row 0 (one per neuron)", k, len(row), ta.cols)}
		}
		for i, x := range row {
			if err := ta.add(fn, fmt.Sprintf("values[%d][%d]", k, i), x, k == 0 && i == 0); err != nil {
				return err
			}
		}
	}
	return nil
}

// rowItems returns the elements of a list (a slice, an array or Values,
// whose elements are quantities); ok is false for anything else.
func rowItems(v reflect.Value) (items []any, ok bool) {
	for v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() {
		return nil, false
	}
	if vals, isVals := v.Interface().(Values); isVals {
		for k := 0; k < vals.Len(); k++ {
			items = append(items, vals.Index(k))
		}
		return items, true
	}
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return nil, false
	}
	for k := 0; k < v.Len(); k++ {
		items = append(items, v.Index(k).Interface())
	}
	return items, true
}

// add appends one value; the first fixes the dimension of all.
func (ta *TimedArray) add(fn, what string, x any, first bool) error {
	q, err := units.Of(x)
	if err != nil {
		return &ArgError{fn, what, fmt.Sprintf("%v (%T) is not a number or a quantity", x, x)}
	}
	if first {
		ta.dim = q.Dim
	}
	if q.Dim != ta.dim {
		return &ArgError{fn, what, fmt.Sprintf("all values need one unit: %s has unit %s, the first has unit %s", q, dimString(q.Dim), dimString(ta.dim))}
	}
	ta.values = append(ta.values, q.Value)
	return nil
}

// Name returns the TimedArray's name.
func (ta *TimedArray) Name() string { return ta.name }

// Dt returns the time between values in seconds.
func (ta *TimedArray) Dt() float64 { return ta.dt }

// Values returns the values, row after row for a 2-D array.
func (ta *TimedArray) Values() Values {
	return newValues("", append([]float64(nil), ta.values...), ta.dim)
}

// Shape returns the number of times and of columns (0 for a 1-D array).
func (ta *TimedArray) Shape() (times, columns int) { return ta.rows, ta.cols }

// String describes the array, e.g. "TimedArray '_timedarray' with 8 values, dt = 5. ms".
func (ta *TimedArray) String() string {
	shape := fmt.Sprintf("%d values", ta.rows)
	if ta.cols > 0 {
		shape = fmt.Sprintf("%d × %d values (time × neuron)", ta.rows, ta.cols)
	}
	u := ""
	if ta.dim != (units.Dim{}) {
		u = " in " + ta.dim.Unit()
	}
	return fmt.Sprintf("TimedArray '%s' with %s%s, dt = %s", ta.name, shape, u, showTime(ta.dt))
}

// At returns the value at time t (and column i of a 2-D array) as a model
// running with the default clock reads it.
func (ta *TimedArray) At(t any, i ...int) (units.Quantity, error) {
	s, err := secondsArg("TimedArray.At", "t", t)
	if err != nil {
		return units.Quantity{}, err
	}
	if (ta.cols > 0) != (len(i) == 1) || len(i) > 1 {
		return units.Quantity{}, &ArgError{"TimedArray.At", "i", fmt.Sprintf("%s takes %d argument(s) after t", ta.name, len(ta.fn.Args)-1)}
	}
	k := ta.step(s, ta.k(float64(DefaultClockDt())))
	if ta.cols == 0 {
		return units.Quantity{Value: ta.values[k], Dim: ta.dim}, nil
	}
	if i[0] < 0 || i[0] >= ta.cols {
		return units.Quantity{}, &ArgError{"TimedArray.At", "i", fmt.Sprintf("index %d outside the %d columns of %s", i[0], ta.cols, ta.name)}
	}
	return units.Quantity{Value: ta.values[k*ta.cols+i[0]], Dim: ta.dim}, nil
}

// k is Brian2's oversampling factor K = max(2^ceil(log2(8·dt_TA/dt)), 1):
// t is rounded to a grid 8 or more times finer than the clock, which makes
// the bin switch exactly at multiples of dt_TA despite rounding in t = k·dt.
func (ta *TimedArray) k(clockDt float64) float64 {
	if !(clockDt > 0) { // a clock not set yet: any finite K keeps step defined
		return 1
	}
	return math.Max(math.Pow(2, math.Ceil(math.Log2(8/clockDt*ta.dt))), 1)
}

// step is the index of the time bin of t: clip(floor(round(t/ε)/K), 0, n−1)
// with ε = dt_TA/K (numpy's round, half to even, as Brian2's numpy target).
func (ta *TimedArray) step(t, k float64) int {
	eps := ta.dt / k
	s := math.Trunc(math.RoundToEven(t/eps) / k)
	switch {
	case !(s > 0):
		return 0
	case s >= float64(ta.rows):
		return ta.rows - 1
	}
	return int(s)
}

// bind is the expr.Func implementation for a clock of step dt.
func (ta *TimedArray) bind(dt float64) expr.FuncImpl {
	k := ta.k(dt)
	if ta.cols == 0 {
		return expr.FuncImpl{F1: func(t float64) float64 { return ta.values[ta.step(t, k)] }}
	}
	// t is the same for all elements of a pass: the row is computed once
	// per t (the implementation belongs to one kernel, see expr.Func).
	lastT, row := math.NaN(), 0
	return expr.FuncImpl{F2: func(t, i float64) float64 {
		j := int(i)
		if !(i >= 0) || j >= ta.cols || float64(j) != i {
			// A kernel cannot return an error: record the first bad index
			// and give NaN, as Brian2 does; the run stops after the step.
			ta.report(i)
			return math.NaN()
		}
		if t != lastT {
			lastT, row = t, ta.step(t, k)*ta.cols
		}
		return ta.values[row+j]
	}}
}

// constantOver is Brian2's is_locally_constant: the value cannot change
// within a step when dt_TA is a whole multiple of the clock's dt.
func (ta *TimedArray) constantOver(dt float64) bool {
	if dt > ta.dt {
		return false
	}
	r := ta.dt / dt
	return math.Floor(r) == r
}

// faults lists the TimedArrays that saw a bad index since the last check;
// anyFault lets the run loop test for them with one atomic load a step.
var (
	faultMu  sync.Mutex
	faults   []*TimedArray
	anyFault atomic.Bool
)

func (ta *TimedArray) report(i float64) {
	var err error = &ObjectError{ta.name, "(t, i)", fmt.Errorf(
		"index i = %v is outside the %d column(s) of the 2-D TimedArray (valid: 0 to %d)", i, ta.cols, ta.cols-1)}
	if ta.fault.CompareAndSwap(nil, &err) {
		faultMu.Lock()
		faults = append(faults, ta)
		faultMu.Unlock()
		anyFault.Store(true)
	}
}

// takeFaults returns the errors recorded since the last call (nil if
// none) and clears them.
func takeFaults() error {
	if !anyFault.Load() {
		return nil
	}
	faultMu.Lock()
	defer faultMu.Unlock()
	anyFault.Store(false)
	var msgs []string
	var first error
	for _, ta := range faults {
		if p := ta.fault.Swap(nil); p != nil {
			if first == nil {
				first = *p
			}
			msgs = append(msgs, (*p).Error())
		}
	}
	faults = faults[:0]
	if len(msgs) > 1 {
		return fmt.Errorf("%s", strings.Join(msgs, "; "))
	}
	return first
}

// StepError stops a run at the end of the step in which a model failed at
// run time (a 2-D TimedArray read with a bad index): the monitors hold that
// step, and T() is the time after it.
type StepError struct {
	T   float64 // the time of the failing step, in seconds
	Err error
}

func (e *StepError) Error() string {
	return fmt.Sprintf("run stopped at t = %s: %v", formatSeconds(e.T), e.Err)
}

func (e *StepError) Unwrap() error { return e.Err }
