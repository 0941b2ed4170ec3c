package figure

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Each test draws one of the seed's figures (/work/shared/refdata/figures)
// with the calls of the seed's matplotlib code, one Go line per line, from
// Brian2's stored traces (testdata/refdata) or, for the reliable-timing
// figures, from noisy data of the same shape.

func TestSeedFigure1HHSynapses(t *testing.T) {
	reset()
	d := readCSV(t, "s1_hh_v.csv")
	Figure(10, 6)
	Plot(d["t_ms"], d["v_mV"])
	Ylim(-70, -50)
	Ylabel("Membrane potential (mV)", FontSize(12))
	Xlabel("Time (ms)", FontSize(12))
	TightLayout()
	checkGolden(t, "seed1_hh_synapses", Gcf())
}

func TestSeedFigure2HHWebsite(t *testing.T) {
	reset()
	d := readCSV(t, "s1_hh_v.csv")
	in := readCSV(t, "s1_website_v_at_input_spikes.csv")
	Figure(10, 6)
	must(t, Plot(d["t_ms"], d["v_mV"]))
	must(t, Plot(in["t_ms"], in["v_mV"], "o", Color("r"), MFC("none"), MS(10)))
	must(t, Axhline(-60, LS("--"), Color("g")))
	Ylim(-70, -50)
	Ylabel("Membrane potential (mV)", FontSize(12))
	Xlabel("Time (ms)", FontSize(12))
	TightLayout()
	checkGolden(t, "seed2_hh_website", Gcf())
}

func integrateAndFire(t *testing.T, file, golden string) {
	reset()
	d := readCSV(t, file)
	Figure(8, 3)
	Plot(d["t_ms"], d["v_1"])
	Xlabel("Time (ms)")
	Ylabel("v")
	must(t, Axhline(1, LS("--"), Color("g"), LW(2)))
	TightLayout()
	checkGolden(t, golden, Gcf())
}

func TestSeedFigure3IntegrateAndFire(t *testing.T) {
	integrateAndFire(t, "s2_if_state.csv", "seed3_integrate_and_fire")
}

func TestSeedFigure4LeakyIntegrateAndFire(t *testing.T) {
	integrateAndFire(t, "s3_lif_state.csv", "seed4_leaky_integrate_and_fire")
}

// reliability simulates the seed's Mainen–Sejnowski model: 25 noisy
// (leaky or not) integrate-and-fire trials driven by a common input that
// is constant or an Ornstein–Uhlenbeck process, 10,000 steps of 0.1 ms.
// It returns the time axis in ms, the 25 traces with spikes drawn as peaks
// of 4 (the seed's add_spike_peak), the input and the spikes.
func reliability(leaky, noisyInput bool, seed uint64) (tms []float64, x [][]float64, in []float64, st, si []float64) {
	const n, steps, dt, tau, sigma = 25, 10000, 0.1, 10.0, 0.03
	r := rand.New(rand.NewPCG(seed, 7))
	tms = make([]float64, steps)
	in = make([]float64, steps)
	x = make([][]float64, n)
	v := make([]float64, n)
	refr := make([]float64, n)
	for i := range v {
		v[i] = 0.2 * r.Float64()
		x[i] = make([]float64, steps)
	}
	inp := 0.0
	if !noisyInput {
		inp = 1.5
	}
	for k := 0; k < steps; k++ {
		tk := float64(k) * dt
		tms[k] = tk
		gate := 0.0
		if tk > 10 && tk < 950 {
			gate = 1
		}
		in[k] = inp * gate
		for i := range v {
			x[i][k] = v[i]
			if refr[i] > tk {
				continue
			}
			drive := 0.15 * in[k]
			if leaky {
				drive = 0.65*in[k] - v[i]
			}
			v[i] += drive/tau*dt + sigma*math.Sqrt(2/tau)*math.Sqrt(dt)*r.NormFloat64()
			if v[i] > 1 {
				v[i] = 0
				refr[i] = tk + 5
				st, si = append(st, tk), append(si, float64(i))
				x[i][k] = 4
			}
		}
		if noisyInput {
			inp += (1.5-inp)/3*dt + math.Sqrt(2/3.0)*math.Sqrt(dt)*r.NormFloat64()
		}
	}
	return tms, x, in, st, si
}

// reliableTiming draws the seed's 3×2 figure: per column the 25 traces at
// alpha 0.05, the input, and the spike raster.
func reliableTiming(t testing.TB, leaky bool) *Fig {
	fig := Figure(10, 6)
	tms, x, in, st, si := reliability(leaky, false, 1)
	axTop := Subplot(321)
	must(t, Plot(tms, x, "-k", Alpha(0.05)))
	axTop.SetFrameOn(false)
	Xticks(nil)
	Yticks(nil)
	axMid := Subplot(323)
	Plot(tms, in, "-k")
	axMid.SetFrameOn(false)
	Xticks(nil)
	Yticks(nil)
	Subplot(325)
	must(t, Plot(st, si, "|k"))
	Xlabel("Time (ms)")
	Ylabel("Trials")

	tms, x, in, st, si = reliability(leaky, true, 2)
	ax := Subplot(322, Sharey(axTop))
	Plot(tms, x, "-k", Alpha(0.05))
	ax.SetFrameOn(false)
	Xticks(nil)
	Yticks(nil)
	ax = Subplot(324, Sharey(axMid))
	Plot(tms, in, "-k")
	ax.SetFrameOn(false)
	Xticks(nil)
	Yticks(nil)
	Subplot(326)
	Plot(st, si, "|k")
	Xlabel("Time (ms)")
	Ylabel("Trials")
	TightLayout()
	return fig
}

func TestSeedFigure5ReliableTimingLIF(t *testing.T) {
	reset()
	checkGolden(t, "seed5_reliable_timing_lif", reliableTiming(t, true))
}

func TestSeedFigure6ReliableTimingIF(t *testing.T) {
	reset()
	checkGolden(t, "seed6_reliable_timing_nonleaky_if", reliableTiming(t, false))
}

func TestSeedFigure7LIFWithSynapses(t *testing.T) {
	reset()
	d := readCSV(t, "s5_lif_syn_state.csv")
	Figure(4, 6, 150)
	Subplot(211)
	must(t, Plot(d["t_ms"], d["v_1"], Label("v")))
	Axhline(1, LS("--"), Color("g"), LW(2))
	Ylabel("v")
	Subplot(212)
	must(t, Plot(d["t_ms"], d["I_1"], Label("I"), Color("C1")))
	Xlabel("Time (ms)")
	must(t, Ylabel("Input current $I$"))
	TightLayout()
	checkGolden(t, "seed7_lif_with_synapses", Gcf())
}

func TestSeedFigure8AdaptiveThreshold(t *testing.T) {
	reset()
	d := readCSV(t, "s6_adaptive_threshold_state.csv")
	var tms []float64
	v, vt := [2][]float64{}, [2][]float64{}
	for k, i := range d["i"] {
		if i == 0 {
			tms = append(tms, d["t_ms"][k])
		}
		v[int(i)] = append(v[int(i)], d["v_1"][k])
		vt[int(i)] = append(vt[int(i)], d["vt_1"][k])
	}
	Figure(8, 4)
	Subplot(211)
	Plot(tms, v[0])
	must(t, Plot(tms, vt[0], LS("--"), Color("g"), LW(2)))
	Ylabel("v")
	Title("Standard LIF")
	Subplot(212)
	Plot(tms, v[1])
	Plot(tms, vt[1], LS("--"), Color("g"), LW(2))
	Xlabel("Time (ms)")
	Ylabel("v")
	Title("Adaptive threshold")
	TightLayout()
	checkGolden(t, "seed8_adaptive_threshold", Gcf())
}

func TestSeedFigure9HHCurrent(t *testing.T) {
	reset()
	d := readCSV(t, "s7_hh_v.csv")
	Figure(4, 3)
	Plot(d["t_ms"], d["v_mV"])
	Xlabel("Time (ms)")
	Ylabel("Membrane potential (mV)")
	checkGolden(t, "seed9_hodgkin_huxley_current", Gcf())
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
