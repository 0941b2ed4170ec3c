package standalone

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gonsim/nsim/units"
)

// TestSetParam: -p values are Brian2 syntax with the variable's unit.
func TestSetParam(t *testing.T) {
	tests := []struct {
		start any
		value string
		want  any
		err   string
	}{
		{units.Time(0.01), "20*ms", units.Time(0.02), ""},
		{units.Time(0.01), "0.5 * second", units.Time(0.5), ""},
		{units.Time(0.01), "3*mV", nil, "3. mV has the unit V, the parameter's is s"},
		{units.Time(0.01), "20*mss", nil, `unknown`},
		{0.5, "2.5", 2.5, ""},
		{0.5, "2*ms", nil, "2. ms has the unit s, the parameter's is 1 (dimensionless)"},
		{3, "7", 7, ""},
		{3, "2.5", nil, "the parameter is an integer"},
		{units.Quantity{Value: 1e-12}, "4", units.Quantity{Value: 4}, ""},
		{"euler", "exact", "exact", ""},
		{true, "false", false, ""},
		{true, "maybe", nil, "want true or false"},
		{[]int{1}, "3", nil, "a parameter of type []int cannot be set from the command line"},
	}
	for _, tt := range tests {
		v := reflect.New(reflect.TypeOf(tt.start))
		v.Elem().Set(reflect.ValueOf(tt.start))
		err := setParam(v.Elem(), tt.value)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("setParam(%T %v, %q) = %v, want an error with %q", tt.start, tt.start, tt.value, err, tt.err)
			}
			continue
		}
		if err != nil || v.Elem().Interface() != tt.want {
			t.Errorf("setParam(%T %v, %q) = %v, %v; want %v", tt.start, tt.start, tt.value, v.Elem().Interface(), err, tt.want)
		}
	}
}

// TestSettings: -p names must be parameters of the notebook; -tasks takes
// a line of the tasks file.
func TestSettings(t *testing.T) {
	run.notebook, run.paramNames = "nb.ipynb", []string{"tau", "I0"}
	defer func() { run.paramNames, run.overrides = nil, nil }()
	tasks := filepath.Join(t.TempDir(), "tasks.txt")
	os.WriteFile(tasks, []byte("tau=5*ms\tI0=1*nA\ntau=10*ms\tI0=2*nA\n"), 0o644)
	tests := []struct {
		args []string
		want string // the overrides, or the error
	}{
		{[]string{"-p", "tau=20*ms"}, "tau=20*ms"},
		{[]string{"-p", "tau = 20*ms", "-p", "I0=1*nA"}, "tau=20*ms I0=1*nA"},
		{[]string{"-p", "taux=1"}, "-p taux: no such parameter; the parameters of nb.ipynb are tau, I0"},
		{[]string{"-p", "tau"}, `-p "tau": want NAME=VALUE`},
		{[]string{"-tasks", tasks, "-task", "1"}, "tau=10*ms I0=2*nA"},
		{[]string{"-tasks", tasks, "-task", "1", "-p", "tau=1*ms"}, "tau=10*ms I0=2*nA tau=1*ms"},
		{[]string{"-tasks", tasks, "-task", "2"}, "task 2 does not exist (the file has tasks 0 to 1)"},
		{[]string{"-task", "1"}, "-task needs -tasks FILE"},
		{[]string{"extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		run.overrides = nil
		err := parseFlags(tt.args)
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			var ps []string
			for _, o := range run.overrides {
				ps = append(ps, o.name+"="+o.value)
			}
			got = strings.Join(ps, " ")
		}
		if !strings.Contains(got, tt.want) {
			t.Errorf("parseFlags(%q) = %q, want %q", tt.args, got, tt.want)
		}
	}
}

// TestResults: the -results CSV has the parameters, then the results, in
// SI units.
func TestResults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.csv")
	run.results = path
	run.params = []field{{"tau", units.Time(0.02)}, {"method", "exact"}}
	run.outputs = []field{{"n", 12}, {"rate", 60.5}, {"v", units.Voltage(-0.065)}, {"ts", []float64{1, 2.5}}, {"ok", true}}
	defer func() { run.results, run.params, run.outputs = "", nil, nil }()
	Finish()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "tau,method,n,rate,v,ts,ok\n0.02,exact,12,60.5,-0.065,\"[1,2.5]\",true\n"
	if string(b) != want {
		t.Errorf("results file\n%s\nwant\n%s", b, want)
	}
}
