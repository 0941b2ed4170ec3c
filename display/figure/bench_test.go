package figure

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// BenchmarkReliableTiming renders the seed's 3×2 reliable-timing figure
// (per column 25 traces of 10,000 points at alpha 0.05, the input and the
// raster) to an image; the budget is 200 ms.
func BenchmarkReliableTiming(b *testing.B) {
	reset()
	f := reliableTiming(b, true)
	cpu := cpuTime()
	for b.Loop() {
		if _, err := f.ImageContext(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// The machine is shared: wall time per op grows with the load of others,
// so the benchmarks also report the process's CPU time per op.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// BenchmarkReliableTimingPNG is the same figure encoded as the PNG sent to
// the notebook.
func BenchmarkReliableTimingPNG(b *testing.B) {
	reset()
	f := reliableTiming(b, true)
	cpu := cpuTime()
	for b.Loop() {
		if _, err := f.PNGContext(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

func noisyLine(n int) *Fig {
	r := rand.New(rand.NewPCG(3, 4))
	x, y := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = float64(i) * 0.1
		y[i] = math.Sin(x[i]/100) + 0.3*r.NormFloat64()
	}
	f := Figure(10, 6)
	Plot(x, y)
	return f
}

// BenchmarkNoisyLine10k renders one 10,000-point noisy sine on a 10×6 in
// figure (stack-findings: ~1 s with gonum/plot's unchunked stroke).
func BenchmarkNoisyLine10k(b *testing.B) {
	reset()
	f := noisyLine(10000)
	cpu := cpuTime()
	for b.Loop() {
		if _, err := f.ImageContext(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// BenchmarkEmptyAxes is the baseline: the same figure with axes, ticks and
// labels but no data line.
func BenchmarkEmptyAxes(b *testing.B) {
	reset()
	f := Figure(10, 6)
	Plot([]float64{0, 1000}, []float64{-10, 10}, LS("none"))
	cpu := cpuTime()
	for b.Loop() {
		if _, err := f.ImageContext(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// BenchmarkNoisyLine10kGonumStroke is the baseline for the above: the same
// 10,000 points, in the same pixel box, stroked by gonum/plot's image
// canvas in chunks of 500 and 100 points (stack-findings' workaround; as
// one path, what plotter.Line does, it takes about 19 s at this density).
func BenchmarkNoisyLine10kGonumStroke(b *testing.B) {
	reset()
	f := noisyLine(10000)
	ps, W, H := f.frame()
	p := ps[0]
	ln := p.ax.lines[0]
	pts := make([]vg.Point, len(ln.x))
	for i := range ln.x {
		pts[i] = vgPoint(pt{p.xpos(ln.x[i]), p.ypos(ln.y[i])}, H)
	}
	for _, chunk := range []int{500, 100} {
		b.Run(fmt.Sprintf("chunk=%d", chunk), func(b *testing.B) {
			cpu := cpuTime()
			defer reportCPU(b, cpu)
			for b.Loop() {
				c := vgimg.NewWith(vgimg.UseWH(vg.Length(W), vg.Length(H)), vgimg.UseDPI(200))
				c.SetLineWidth(1.5)
				c.SetColor(color.NRGBA{31, 119, 180, 255})
				for i := 0; i < len(pts)-1; i += chunk {
					var path vg.Path
					path.Move(pts[i])
					for _, q := range pts[i+1 : min(i+chunk+1, len(pts))] {
						path.Line(q)
					}
					c.Stroke(path)
				}
			}
		})
	}
}
