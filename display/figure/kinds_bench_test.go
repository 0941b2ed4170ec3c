package figure

import (
	"context"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The scatter and image benchmarks render the same data with matplotlib
// (Debian's python3-matplotlib, Agg, at the same 200 pixels per inch) in
// the same run and report its CPU time per figure (mpl-cpu-ms) and the
// ratio to ours (speedup); the budgets are 300 ms and 5× matplotlib.

// BenchmarkScatter1e6 renders a million normally distributed points with
// Scatter's defaults on a 6.4×4.8 in figure.
func BenchmarkScatter1e6(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	x, y := make([]float64, 1e6), make([]float64, 1e6)
	for i := range x {
		x[i], y[i] = r.NormFloat64(), r.NormFloat64()
	}
	benchAgainstMatplotlib(b, func() {
		Figure(6.4, 4.8)
		must(b, Scatter(x, y))
	}, `plt.scatter(d[0], d[1])`, x, y)
}

// BenchmarkImshow1000 renders a 1000×1000 image of noise with a colorbar.
func BenchmarkImshow1000(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 8))
	z := make([][]float64, 1000)
	var flat []float64
	for i := range z {
		z[i] = make([]float64, 1000)
		for j := range z[i] {
			z[i][j] = r.Float64()
		}
		flat = append(flat, z[i]...)
	}
	benchAgainstMatplotlib(b, func() {
		Figure(6.4, 4.8)
		must(b, Imshow(z))
		must(b, Colorbar())
	}, `plt.imshow(d[0].reshape(1000, 1000)); plt.colorbar()`, flat)
}

const matplotlibBench = `
import sys, time, io
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
d = [np.fromfile(f, dtype="<f8") for f in sys.argv[1:]]
def draw():
    fig = plt.figure(figsize=(6.4, 4.8))
    %s
    b = io.BytesIO()
    fig.savefig(b, format="png", dpi=200)
    plt.close(fig)
draw()
t = time.process_time()
draw()
print(time.process_time() - t)
`

func benchAgainstMatplotlib(b *testing.B, build func(), mpl string, data ...[]float64) {
	reset()
	defer reset()
	build()
	f := Gcf()
	cpu := cpuTime()
	for b.Loop() {
		if _, err := f.PNGContext(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	ours := float64(cpuTime()-cpu) / 1e6 / float64(b.N)
	b.ReportMetric(ours, "cpu-ms/op")
	const python = "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		b.Logf("no %s: matplotlib not measured", python)
		return
	}
	dir := b.TempDir()
	args := []string{"-c", strings.Replace(matplotlibBench, "%s", mpl, 1)}
	for i, d := range data {
		p := filepath.Join(dir, strconv.Itoa(i)+".f8")
		buf := make([]byte, 8*len(d))
		for k, v := range d {
			binary.LittleEndian.PutUint64(buf[8*k:], math.Float64bits(v))
		}
		if err := os.WriteFile(p, buf, 0o644); err != nil {
			b.Fatal(err)
		}
		args = append(args, p)
	}
	out, err := exec.Command(python, args...).Output()
	if err != nil {
		b.Logf("matplotlib not measured: %v", err)
		return
	}
	s, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
	if err != nil {
		b.Fatalf("matplotlib printed %q", out)
	}
	b.ReportMetric(s*1000, "mpl-cpu-ms")
	b.ReportMetric(s*1000/ours, "speedup")
}
