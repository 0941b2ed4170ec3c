package figure

import (
	"fmt"
	"reflect"
)

// Floatser is data that plots directly: the simulator's monitor values and
// quantities converted to a unit (M.T().In(ms)) implement it.
type Floatser interface{ Floats() []float64 }

// Rowser is two-dimensional data whose rows are traces (all neurons of a
// monitor, for example).
type Rowser interface{ Rows() [][]float64 }

const wantData = "want []float64 (or another numeric slice), [][]float64, a value with a Floats() []float64 method or one with Rows() [][]float64"

// floats converts one-dimensional data. Values are copied so that a figure
// shows the data as they were when plotted, like matplotlib.
func floats(v any) ([]float64, error) {
	switch v := v.(type) {
	case []float64:
		return append([]float64(nil), v...), nil
	case Floatser:
		// The simulator's Values say with Err why they are empty (a
		// variable a monitor does not record): show that, not nothing.
		if e, ok := v.(interface{ Err() error }); ok && e.Err() != nil {
			return nil, e.Err()
		}
		return append([]float64(nil), v.Floats()...), nil
	case nil:
		return nil, fmt.Errorf("no data (nil)")
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Struct {
		// Methods of types declared in a notebook cell are invisible to
		// compiled code, so an interpreted Floats method is not found.
		return nil, fmt.Errorf("cannot plot a %T; %s (a type declared in a cell cannot be read through its methods: pass its []float64)", v, wantData)
	}
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return nil, fmt.Errorf("cannot plot a %T; %s", v, wantData)
	}
	out := make([]float64, rv.Len())
	for i := range out {
		e := rv.Index(i)
		switch e.Kind() {
		case reflect.Float32, reflect.Float64:
			out[i] = e.Float()
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			out[i] = float64(e.Int())
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			out[i] = float64(e.Uint())
		default:
			return nil, fmt.Errorf("cannot plot a %T; %s", v, wantData)
		}
	}
	return out, nil
}

// rows converts data that may be one trace or many.
func rows(v any) ([][]float64, error) {
	switch v := v.(type) {
	case Rowser:
		rs := v.Rows()
		out := make([][]float64, len(rs))
		for i, r := range rs {
			out[i] = append([]float64(nil), r...)
		}
		return out, nil
	case [][]float64:
		out := make([][]float64, len(v))
		for i, r := range v {
			out[i] = append([]float64(nil), r...)
		}
		return out, nil
	case Floatser, []float64, nil:
		f, err := floats(v)
		return [][]float64{f}, err
	}
	rv := reflect.ValueOf(v)
	if (rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array) && rv.Len() > 0 {
		e := rv.Index(0)
		if e.Kind() == reflect.Interface {
			e = e.Elem()
		}
		if e.Kind() == reflect.Slice || e.Kind() == reflect.Array || e.Type().Implements(reflect.TypeFor[Floatser]()) {
			out := make([][]float64, rv.Len())
			for i := range out {
				r, err := floats(rv.Index(i).Interface())
				if err != nil {
					return nil, fmt.Errorf("row %d: %w", i, err)
				}
				out[i] = r
			}
			return out, nil
		}
	}
	f, err := floats(v)
	return [][]float64{f}, err
}
