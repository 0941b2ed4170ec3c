package nsim

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

var (
	hhCOnce sync.Once
	hhCBin  string
	hhCErr  error
)

// cobaHHBaseline runs the C loop of the COBAHH network
// (testdata/cbaseline/cobahh.c: Brian2's generated exponential Euler code,
// gcc -O3 -ffast-math -march=native, which vectorises its exp and expm1)
// for 1 s of simulated time, now, on one core, and returns its wall time
// in seconds and its spikes per neuron.
func cobaHHBaseline() (sec, spikesPerNeuron float64, err error) {
	hhCOnce.Do(func() {
		dir, err := os.MkdirTemp("", "nsim-cbaseline")
		if err != nil {
			hhCErr = err
			return
		}
		hhCBin = filepath.Join(dir, "cobahh")
		src := filepath.Join("testdata", "cbaseline", "cobahh.c")
		out, err := exec.Command("gcc", "-O3", "-ffast-math", "-march=native", "-o", hhCBin, src, "-lm").CombinedOutput()
		if err != nil {
			hhCErr = fmt.Errorf("gcc: %v: %s", err, out)
		}
	})
	if hhCErr != nil {
		return 0, 0, hhCErr
	}
	out, err := exec.Command(hhCBin, "10000", "1").Output()
	if err != nil {
		return 0, 0, err
	}
	f := strings.Fields(string(out))
	if len(f) != 2 {
		return 0, 0, fmt.Errorf("cobahh printed %q", out)
	}
	ns, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return 0, 0, err
	}
	spikes, err := strconv.ParseFloat(f[1], 64)
	if err != nil {
		return 0, 0, err
	}
	return ns * 1e-9, spikes / 4000, nil
}
