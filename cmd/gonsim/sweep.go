package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gonsim/nsim/units"
)

const sweepUsage = `usage: gonsim sweep [-slurm] [-j N] [-dir DIR] [-o FILE] [-module DIR] [-sbatch ARG]...
                    NOTEBOOK.ipynb NAME=V1,V2,... [NAME=V1,V2,...]...

Runs the notebook once per point of a parameter grid and gathers the
results into one CSV. The notebook is exported and built (see gonsim
export); each NAME must be a variable of its cell tagged "parameters",
and each value is Brian2 syntax (tau=5*ms,10*ms,20*ms). The variables
of the cell tagged "results" are the result columns.

Points run as tasks: locally, -j at a time (default: the number of CPUs),
or with -slurm as one Slurm job array (sbatch --wait; -sbatch passes
options such as --partition=NAME). Each task writes DIR/results/task-K.csv
and its output to DIR/logs/task-K.log. A failed task is reported with its
parameters and the end of its log, and the others complete; the gathered
CSV (default DIR/results.csv) has a row per task: task, its exit status
(0: ok), the parameters and the results (quantities in SI units; NaN for
a failed task), so that a notebook cell reads it with LoadCSV.

  -dir DIR     working directory (default NOTEBOOK_sweep)
`

// sweep is one run of gonsim sweep.
type sweep struct {
	dir, program string
	names        []string   // grid parameters
	tasks        [][]string // per task, the value of each parameter
	stderr       io.Writer
}

func runSweep(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gonsim sweep", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, sweepUsage) }
	useSlurm := fs.Bool("slurm", false, "run the tasks as a Slurm job array")
	jobs := fs.Int("j", runtime.NumCPU(), "tasks at a time (local runs)")
	dir := fs.String("dir", "", "working directory")
	out := fs.String("o", "", "gathered results CSV")
	module := fs.String("module", "", "the gonsim module's directory")
	var sbatch []string
	fs.Func("sbatch", "an option for sbatch", func(s string) error { sbatch = append(sbatch, s); return nil })
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() < 2 {
		fmt.Fprint(stderr, sweepUsage)
		return 2
	}
	nb := fs.Arg(0)
	names, values, err := parseGrid(fs.Args()[1:])
	if err != nil {
		fmt.Fprintln(stderr, "gonsim sweep:", err)
		return 2
	}
	if *dir == "" {
		*dir = strings.TrimSuffix(filepath.Base(nb), filepath.Ext(nb)) + "_sweep"
	}
	if *out == "" {
		*out = filepath.Join(*dir, "results.csv")
	}
	s := &sweep{names: names, tasks: product(values), stderr: stderr}
	if err := s.prepare(nb, *dir, *module); err != nil {
		fmt.Fprintln(stderr, "gonsim sweep:", err)
		return 1
	}
	if *useSlurm {
		err = s.runSlurm(sbatch)
	} else {
		s.runLocal(max(*jobs, 1))
	}
	if err != nil {
		fmt.Fprintln(stderr, "gonsim sweep:", err)
		return 1
	}
	failed, err := s.gather(*out)
	if err != nil {
		fmt.Fprintln(stderr, "gonsim sweep:", err)
		return 1
	}
	fmt.Fprintf(stdout, "%d tasks, %d failed; results in %s\n", len(s.tasks), failed, *out)
	if failed > 0 {
		return 1
	}
	return 0
}

// parseGrid reads NAME=V1,V2,... arguments.
func parseGrid(args []string) (names []string, values [][]string, err error) {
	seen := map[string]bool{}
	for _, a := range args {
		name, list, ok := strings.Cut(a, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.TrimSpace(list) == "" {
			return nil, nil, fmt.Errorf("grid %q: want NAME=V1,V2,...", a)
		}
		if seen[name] {
			return nil, nil, fmt.Errorf("grid: %s given twice", name)
		}
		seen[name] = true
		var vs []string
		for _, v := range strings.Split(list, ",") {
			if v = strings.TrimSpace(v); v == "" {
				return nil, nil, fmt.Errorf("grid %q: an empty value", a)
			}
			vs = append(vs, v)
		}
		names, values = append(names, name), append(values, vs)
	}
	return names, values, nil
}

// product is the grid's points, the first parameter varying slowest.
func product(values [][]string) [][]string {
	out := [][]string{nil}
	for _, vs := range values {
		var next [][]string
		for _, p := range out {
			for _, v := range vs {
				next = append(next, append(append([]string(nil), p...), v))
			}
		}
		out = next
	}
	return out
}

// prepare exports and builds the notebook and writes the tasks file.
func (s *sweep) prepare(nb, dir, module string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	s.dir = abs
	for _, d := range []string{"results", "logs", "status", "figures"} {
		os.RemoveAll(filepath.Join(s.dir, d))
		if err := os.MkdirAll(filepath.Join(s.dir, d), 0o755); err != nil {
			return err
		}
	}
	src, params, err := exportNotebook(nb, filepath.Join(s.dir, "program"), module, s.stderr)
	if err != nil {
		return err
	}
	for _, n := range s.names {
		if !slices.Contains(params, n) {
			if len(params) == 0 {
				return fmt.Errorf("%s has no parameters (no code cell tagged \"parameters\"), so it cannot sweep %s", nb, n)
			}
			return fmt.Errorf("%s has no parameter %s; its parameters cell defines %s", nb, n, strings.Join(params, ", "))
		}
	}
	s.program = filepath.Join(src, "program")
	build := exec.Command("go", "build", "-o", s.program, ".")
	build.Dir = src
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building the exported program in %s: %v\n%s", src, err, out)
	}
	var b strings.Builder
	for _, t := range s.tasks {
		for i, v := range t {
			if i > 0 {
				b.WriteByte('\t')
			}
			fmt.Fprintf(&b, "%s=%s", s.names[i], v)
		}
		b.WriteByte('\n')
	}
	return os.WriteFile(s.tasksFile(), []byte(b.String()), 0o644)
}

func (s *sweep) tasksFile() string { return filepath.Join(s.dir, "tasks.txt") }
func (s *sweep) file(kind string, k int, ext string) string {
	return filepath.Join(s.dir, kind, fmt.Sprintf("task-%d%s", k, ext))
}

// runLocal runs the tasks here, jobs at a time.
func (s *sweep) runLocal(jobs int) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				s.runTask(k)
			}
		}()
	}
	for k := range s.tasks {
		next <- k
	}
	close(next)
	wg.Wait()
}

// runTask runs task k and records its exit status, as the Slurm script
// does.
func (s *sweep) runTask(k int) {
	log, err := os.Create(s.file("logs", k, ".log"))
	status := "-1"
	if err == nil {
		cmd := exec.Command(s.program, s.taskArgs(k)...)
		cmd.Stdout, cmd.Stderr = log, log
		err = cmd.Run()
		var ee *exec.ExitError
		switch {
		case err == nil:
			status = "0"
		case errors.As(err, &ee):
			status = strconv.Itoa(ee.ExitCode())
		default:
			fmt.Fprintln(log, "gonsim sweep:", err)
		}
		log.Close()
	}
	os.WriteFile(s.file("status", k, ""), []byte(status+"\n"), 0o644)
}

func (s *sweep) taskArgs(k int) []string {
	return []string{"-tasks", s.tasksFile(), "-task", strconv.Itoa(k),
		"-results", s.file("results", k, ".csv"), "-figures", s.file("figures", k, "")}
}

// runSlurm submits the tasks as one job array and waits for it.
func (s *sweep) runSlurm(opts []string) error {
	q := func(p string) string { return "'" + strings.ReplaceAll(p, "'", `'\''`) + "'" }
	script := fmt.Sprintf(`#!/bin/sh
#SBATCH --job-name=gonsim-sweep
#SBATCH --array=0-%d
#SBATCH --output=%s
#SBATCH --ntasks=1
k=$SLURM_ARRAY_TASK_ID
%s -tasks %s -task "$k" -results %s/results/task-$k.csv -figures %s/figures/task-$k
rc=$?
echo "$rc" > %s/status/task-$k
exit $rc
`, len(s.tasks)-1, filepath.Join(s.dir, "logs", "task-%a.log"), q(s.program), q(s.tasksFile()),
		q(s.dir), q(s.dir), q(s.dir))
	path := filepath.Join(s.dir, "sweep.sbatch")
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		return err
	}
	args := append(append([]string{"--parsable", "--wait"}, opts...), path)
	cmd := exec.Command("sbatch", args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	job := strings.TrimSpace(out.String())
	if job == "" {
		return fmt.Errorf("sbatch %s: %v\n%s", strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	// sbatch --wait exits non-zero when a task failed: the status files
	// say which.
	fmt.Fprintf(s.stderr, "slurm job %s: %d tasks done\n", job, len(s.tasks))
	return nil
}

// gather writes one CSV of every task's results and reports the failed
// tasks; it returns how many failed.
func (s *sweep) gather(out string) (int, error) {
	var header []string
	rows := make([][]string, len(s.tasks))
	failed := 0
	for k := range s.tasks {
		st, _ := os.ReadFile(s.file("status", k, ""))
		status := strings.TrimSpace(string(st))
		recs, err := readCSV(s.file("results", k, ".csv"))
		if status != "0" || err != nil || len(recs) != 2 {
			failed++
			s.reportFailure(k, status, err)
			rows[k] = nil
			continue
		}
		if header == nil {
			header = recs[0]
		}
		rows[k] = column(header, recs[0], recs[1])
	}
	if header == nil {
		header = s.names
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(append([]string{"task", "exit"}, header...))
	for k, r := range rows {
		if r == nil {
			w.Write(append([]string{strconv.Itoa(k), exitOf(s.file("status", k, ""))}, s.failedRow(k, header)...))
			continue
		}
		w.Write(append([]string{strconv.Itoa(k), "0"}, r...))
	}
	w.Flush()
	return failed, os.WriteFile(out, b.Bytes(), 0o644)
}

// column orders a task's row by the gathered header.
func column(header, names, values []string) []string {
	out := make([]string, len(header))
	for i, h := range header {
		for j, n := range names {
			if n == h && j < len(values) {
				out[i] = values[j]
			}
		}
	}
	return out
}

// exitOf is a task's recorded exit status, -1 when there is none (or
// the task ended without results).
func exitOf(path string) string {
	b, _ := os.ReadFile(path)
	if n, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && n != 0 {
		return strconv.Itoa(n)
	}
	return "-1"
}

// failedRow has a failed task's grid values (in SI units, as the results
// give them) and NaN results, so that the CSV stays numbers (LoadCSV).
func (s *sweep) failedRow(k int, header []string) []string {
	out := make([]string, len(header))
	for i, h := range header {
		out[i] = "NaN"
		for j, n := range s.names {
			if n != h {
				continue
			}
			out[i] = s.tasks[k][j]
			if q, err := units.Parse(s.tasks[k][j]); err == nil {
				out[i] = strconv.FormatFloat(q.Value, 'g', -1, 64)
			}
		}
	}
	return out
}

func (s *sweep) reportFailure(k int, status string, err error) {
	var ps []string
	for i, n := range s.names {
		ps = append(ps, n+"="+s.tasks[k][i])
	}
	why := "exit status " + status
	switch {
	case status == "":
		why = "no exit status recorded (the task did not run to its end)"
	case status == "0":
		why = fmt.Sprintf("no results (%v)", err)
	}
	logPath := s.file("logs", k, ".log")
	fmt.Fprintf(s.stderr, "task %d (%s) failed: %s; log %s:\n", k, strings.Join(ps, " "), why, logPath)
	b, _ := os.ReadFile(logPath)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	for _, l := range lines[max(0, len(lines)-10):] {
		fmt.Fprintf(s.stderr, "    | %s\n", l)
	}
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return csv.NewReader(f).ReadAll()
}
