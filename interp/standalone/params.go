package standalone

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"

	"gonsim/nsim/units"
)

// field is a named value of the results row.
type field struct {
	name  string
	value any
}

// Param sets the parameter name (p points to its variable) from -p, and
// records its value for the results: the exporter calls it for each
// variable of the cell tagged "parameters", after the cell. A value that
// does not fit the variable (another unit, not a number) ends the program.
func Param(name string, p any) {
	v := reflect.ValueOf(p).Elem()
	for _, o := range run.overrides {
		if o.name != name {
			continue
		}
		if err := setParam(v, o.value); err != nil {
			fail(fmt.Errorf("-p %s=%s: %w", name, o.value, err))
		}
	}
	run.params = append(run.params, field{name, v.Interface()})
}

// setParam parses s into v by v's type: a quantity or float in Brian2
// syntax with the unit of v, an integer, a bool or a string.
func setParam(v reflect.Value, s string) error {
	cur := v.Interface()
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
		return nil
	case reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("want true or false")
		}
		v.SetBool(b)
		return nil
	}
	want, err := units.Of(cur)
	if err != nil {
		return fmt.Errorf("a parameter of type %T cannot be set from the command line", cur)
	}
	q, err := units.Parse(s)
	if err != nil {
		return err
	}
	if q.Dim != want.Dim {
		return fmt.Errorf("%v has the unit %s, the parameter's is %s", q, dimName(q), dimName(want))
	}
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		v.SetFloat(q.Value)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if q.Value != math.Trunc(q.Value) {
			return fmt.Errorf("the parameter is an integer")
		}
		v.SetInt(int64(q.Value))
	default:
		if _, ok := cur.(units.Quantity); !ok {
			return fmt.Errorf("a parameter of type %T cannot be set from the command line", cur)
		}
		v.Set(reflect.ValueOf(q))
	}
	return nil
}

func dimName(q units.Quantity) string {
	if q.Dim == (units.Dim{}) {
		return "1 (dimensionless)"
	}
	return strings.TrimPrefix(units.Quantity{Value: 1, Dim: q.Dim}.String(), "1. ")
}

// Result records a variable of the cell tagged "results" for -results.
func Result(name string, v any) {
	run.outputs = append(run.outputs, field{name, v})
}

// Finish writes the results file (-results): a header of the parameter
// and result names and one row of their values.
func Finish() {
	if run.results == "" {
		return
	}
	var head, row []string
	for _, f := range append(append([]field(nil), run.params...), run.outputs...) {
		head = append(head, f.name)
		row = append(row, csvValue(f.value))
	}
	f, err := os.Create(run.results)
	if err == nil {
		w := csv.NewWriter(f)
		w.WriteAll([][]string{head, row})
		err = w.Error()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: writing the results: %v\n", run.notebook, err)
		os.Exit(1)
	}
}

// csvValue writes numbers and quantities as SI numbers, other values as
// fmt prints them (slices of numbers as JSON arrays).
func csvValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return fmt.Sprint(x)
	}
	if q, err := units.Of(v); err == nil {
		return strconv.FormatFloat(q.Value, 'g', -1, 64)
	}
	if b, err := json.Marshal(v); err == nil && strings.HasPrefix(string(b), "[") {
		return string(b)
	}
	return fmt.Sprint(v)
}
