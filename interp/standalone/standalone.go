// Package standalone is what a notebook exported by `gonsim export` links
// instead of the interpreter: the flags of the program, the names that
// model strings read from Go variables, figures and displays written to
// files, and the parameters and results of a sweep.
//
// An exported program calls Start first, Cell at the start of each
// notebook cell and EndCell at its end, and Finish last:
//
//	func main() {
//		standalone.Start("lif.ipynb", "tau")
//		defer standalone.Exit()
//		standalone.Cell(1)
//		tau := 10 * ms
//		standalone.Vars("tau", &tau)
//		standalone.Param("tau", &tau)
//		…
//		standalone.EndCell()
//		standalone.Finish()
//	}
//
// A failing prelude call (NeuronGroup with a bad model, Run, …) or a
// top-level call returning an error (Check) ends the program with exit
// status 1 and the error, naming the cell, as it ends the cell in a
// notebook.
package standalone

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"gonsim/interp/prelude"
	"gonsim/nsim"
)

// run is the state of the running program.
var run struct {
	notebook   string   // the notebook's file name
	paramNames []string // the names of the parameters cell
	overrides  []param  // -p name=value, in the order given
	figures    string   // directory for figures and displays ("" drops them)
	results    string   // results CSV ("" for none)
	cell       int      // the running cell
	files      int      // files written by the running cell
	params     []field  // parameter values, in the order set
	outputs    []field  // results, in the order recorded
}

type param struct{ name, value string }

// Start parses the program's flags (see usage) and wires nsim and the
// prelude to the program's variables. notebook is the exported notebook's
// name; params are the variables of its parameters cell, the names -p
// may set.
func Start(notebook string, params ...string) {
	run.notebook, run.paramNames = notebook, params
	if err := parseFlags(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	wire()
}

const usage = `usage: %s [-p NAME=VALUE]... [-tasks FILE -task K] [-results FILE] [-figures DIR]

Runs the cells of %s in order, printing what they print. Figures and
displays are written to the -figures directory.

Parameters (the variables of the cell tagged "parameters"): %s
  -p NAME=VALUE   sets a parameter after its cell ran; VALUE is Brian2 syntax
                  with units (-p tau=20*ms), a number, or a string
  -tasks FILE -task K
                  takes the -p settings from line K (0-based) of FILE, one
                  task per line, tab-separated NAME=VALUE fields (K defaults
                  to $SLURM_ARRAY_TASK_ID)
  -results FILE   writes the parameters and the variables of the cell tagged
                  "results" as a CSV header and row (quantities in SI units)
  -figures DIR    where figures go (default "figures"; "" writes none)
`

func parseFlags(args []string) error {
	fs := flag.NewFlagSet(os.Args[0], flag.ContinueOnError)
	names := strings.Join(run.paramNames, ", ")
	if names == "" {
		names = "(none: the notebook has no cell tagged \"parameters\")"
	}
	fs.Usage = func() { fmt.Fprintf(fs.Output(), usage, os.Args[0], run.notebook, names) }
	var sets []string
	fs.Func("p", "set a parameter, NAME=VALUE", func(s string) error { sets = append(sets, s); return nil })
	tasks := fs.String("tasks", "", "file of tasks, one per line")
	task := fs.Int("task", -1, "the task of -tasks to run")
	fs.StringVar(&run.results, "results", "", "results CSV")
	fs.StringVar(&run.figures, "figures", "figures", "directory for figures")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%s: unexpected argument %q (see -help)", os.Args[0], fs.Arg(0))
	}
	if *task >= 0 && *tasks == "" {
		return fmt.Errorf("%s: -task needs -tasks FILE", os.Args[0])
	}
	if *tasks != "" {
		line, err := taskLine(*tasks, *task)
		if err != nil {
			return err
		}
		sets = append(strings.Split(line, "\t"), sets...)
	}
	for _, s := range sets {
		p, err := parseSetting(s)
		if err != nil {
			return err
		}
		run.overrides = append(run.overrides, p)
	}
	return nil
}

// taskLine reads line k of a tasks file; k < 0 takes
// $SLURM_ARRAY_TASK_ID.
func taskLine(path string, k int) (string, error) {
	if k < 0 {
		id := os.Getenv("SLURM_ARRAY_TASK_ID")
		n, err := strconv.Atoi(id)
		if err != nil {
			return "", fmt.Errorf("-tasks %s: no -task K given and SLURM_ARRAY_TASK_ID is %q", path, id)
		}
		k = n
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("-tasks: %w", err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if k >= len(lines) {
		return "", fmt.Errorf("-tasks %s: task %d does not exist (the file has tasks 0 to %d)", path, k, len(lines)-1)
	}
	return lines[k], nil
}

func parseSetting(s string) (param, error) {
	name, value, ok := strings.Cut(s, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return param{}, fmt.Errorf("-p %q: want NAME=VALUE", s)
	}
	for _, n := range run.paramNames {
		if n == name {
			return param{name, strings.TrimSpace(value)}, nil
		}
	}
	if len(run.paramNames) == 0 {
		return param{}, fmt.Errorf("-p %s: %s has no parameters (no cell tagged \"parameters\")", name, run.notebook)
	}
	return param{}, fmt.Errorf("-p %s: no such parameter; the parameters of %s are %s", name, run.notebook, strings.Join(run.paramNames, ", "))
}

// Cell marks the start of notebook cell n (the n-th code cell).
func Cell(n int) {
	run.cell, run.files = n, 0
	topLevel()
}

// Check ends the program with err, as a top-level call returning a
// non-nil error ends its cell in a notebook.
func Check(err error) {
	if err != nil {
		fail(err)
	}
}

// Exit is deferred by main: a prelude failure (a *prelude.Failure panic)
// ends the program with its error and exit status 1; other panics go on.
func Exit() {
	r := recover()
	if r == nil {
		return
	}
	if err, ok := r.(error); ok {
		var f *prelude.Failure
		if errors.As(err, &f) {
			fail(f.Err)
		}
	}
	fmt.Fprintf(os.Stderr, "%s: panic in code cell %d:\n", run.notebook, run.cell)
	panic(r)
}

func fail(err error) {
	if n := errName(err); n != "wrapError" && n != "errorString" && n != "wrapErrors" {
		fmt.Fprintf(os.Stderr, "%s: code cell %d: %s: %v\n", run.notebook, run.cell, n, err)
	} else {
		fmt.Fprintf(os.Stderr, "%s: code cell %d: %v\n", run.notebook, run.cell, err)
	}
	os.Exit(1)
}

// errName is the error's type name, as the notebook shows it (ename).
func errName(err error) string {
	n := fmt.Sprintf("%T", err)
	if i := strings.LastIndex(n, "."); i >= 0 {
		n = n[i+1:]
	}
	return strings.TrimLeft(n, "*")
}

// wire installs the name lookups and the outputs.
func wire() {
	nsim.SetResolver(global)
	prelude.SetNames(lookup)
	nsim.SetLogger(func(level, msg string) {
		// As in a notebook: Brian2's INFO and WARNING lines on stderr.
		if level == "INFO" || level == "WARNING" {
			fmt.Fprintf(os.Stderr, "%s: %s\n", level, msg)
		}
	})
	wireDisplay()
}
