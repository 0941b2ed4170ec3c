package figure

import (
	"testing"
)

// Each test draws one of the seed's figures (/work/shared/refdata/figures)
// with the same calls as the seed's matplotlib code, one Go line per line.

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
