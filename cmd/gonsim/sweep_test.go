package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonsim/interp"
	"gonsim/kernel"
)

const sweepNotebook = "../../tests/sweep/lif_sweep.ipynb"

// The grid of tests/slurm/run, and a current of the wrong unit.
var (
	taus     = []string{"5*ms", "10*ms", "20*ms", "40*ms"}
	currents = []string{"0.1*nA", "0.25*nA", "0.5*nA", "1*nA", "2*mV"}
)

// TestSweepLocal runs tests/slurm/run's 4×4 grid of
// tests/sweep/lif_sweep.ipynb locally, with a fifth current of the wrong
// unit: its four tasks fail and are reported with their parameters and
// log, the other sixteen give the numbers the notebook gives in the
// kernel's session with those parameters (tests/slurm/run checks that
// Slurm gives the local numbers).
func TestSweepLocal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	dir := t.TempDir()
	var out, errs bytes.Buffer
	code := run([]string{"sweep", "-module", "../..", "-dir", dir, "-j", "2", sweepNotebook,
		"tau=" + strings.Join(taus, ","), "I0=" + strings.Join(currents, ",")}, &out, &errs)
	if code != 1 || !strings.Contains(out.String(), "20 tasks, 4 failed") {
		t.Fatalf("sweep = %d\nstdout %s\nstderr %s\nwant 1 and 20 tasks, 4 failed", code, out.String(), errs.String())
	}
	for _, want := range []string{
		"task 4 (tau=5*ms I0=2*mV) failed: exit status 1; log " + filepath.Join(dir, "logs", "task-4.log"),
		"task 19 (tau=40*ms I0=2*mV) failed: exit status 1",
		"    | lif_sweep.ipynb: code cell 1: -p I0=2*mV: 2. mV has the unit V, the parameter's is A",
	} {
		if !strings.Contains(errs.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs.String())
		}
	}
	f, err := os.Open(filepath.Join(dir, "results.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "task,exit,tau,I0,n,rate,first" {
		t.Fatalf("header %s", got)
	}
	if len(rows) != 21 {
		t.Fatalf("%d rows, want a header and 20", len(rows))
	}
	cells, err := readNotebook(sweepNotebook)
	if err != nil {
		t.Fatal(err)
	}
	s, err := interp.New(interp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var grid [][2]string
	for _, tau := range taus {
		for _, i := range currents {
			grid = append(grid, [2]string{tau, i})
		}
	}
	spiking := 0
	for k, p := range grid {
		row := rows[k+1]
		if strings.HasSuffix(p[1], "mV") {
			if row[1] != "1" || row[4] != "NaN" || row[3] != "0.002" {
				t.Errorf("task %d: %v, want exit 1, I0 0.002 and NaN results", k, row)
			}
			continue
		}
		// The parameters as papermill injects them: a cell after the
		// parameters cell.
		want := notebookResults(t, s, cells, fmt.Sprintf("tau = %s\nI0 = %s", p[0], strings.Replace(p[1], "*", " * ", 1)))
		if got := strings.Join(row[1:], ","); got != want {
			t.Errorf("task %d (tau=%s I0=%s): sweep %s, notebook %s", k, p[0], p[1], got, want)
		}
		if row[4] != "0" {
			spiking++
		}
	}
	if spiking != 12 {
		t.Errorf("%d points with spikes, want 12 (all but I0 = 0.1 nA, below threshold)", spiking)
	}
}

type capture struct{ stdout strings.Builder }

func (c *capture) Stream(name, text string) {
	if name == "stdout" {
		c.stdout.WriteString(text)
	}
}
func (c *capture) Display(kernel.Bundle, kernel.Bundle, string, bool) {}
func (c *capture) Clear(bool)                                         {}
func (c *capture) Input(string, bool) (string, error)                 { return "", nil }

// notebookResults runs the notebook's cells in the session with inject
// after the parameters cell and formats the row the sweep should give.
func notebookResults(t *testing.T, s *interp.Session, cells []interp.ExportCell, inject string) string {
	t.Helper()
	var srcs []string
	for _, c := range cells {
		srcs = append(srcs, c.Source)
		if len(c.Tags) > 0 && c.Tags[0] == interp.ParametersTag {
			srcs = append(srcs, inject)
		}
	}
	srcs = append(srcs, `fmt.Printf("0,%s,%s,%d,%s,%s", strconv.FormatFloat(float64(tau), 'g', -1, 64), strconv.FormatFloat(I0.Q().Value, 'g', -1, 64), n, strconv.FormatFloat(rate, 'g', -1, 64), strconv.FormatFloat(first, 'g', -1, 64))`)
	var c capture
	ev := &evaluator{s: session{s}}
	for i, src := range srcs {
		r := ev.Execute(context.Background(), src, &c)
		if r.Err != nil {
			t.Fatalf("cell %d in the session: %s: %s", i, r.Err.Name, r.Err.Value)
		}
	}
	out := c.stdout.String()
	return out[strings.LastIndex(out, "\n")+1:]
}
