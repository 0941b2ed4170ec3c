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

// cProgram is one of the hand-written C baselines of testdata/cbaseline,
// built once per test binary with gcc and run next to the Go benchmark
// it is the reference for. Each prints two numbers: the best wall time of
// its runs in ns, and a count (spikes) to compare with nsim's.
type cProgram struct {
	name  string   // testdata/cbaseline/name.c
	flags []string // gcc flags beside -O3
	once  sync.Once
	bin   string
	err   error
	mu    sync.Mutex // one baseline at a time: they measure one core
}

var (
	noisyLIFBrian2Style = &cProgram{name: "noisy_lif"}
	noisyLIFTight       = &cProgram{name: "noisy_lif_tight", flags: []string{"-march=native"}}
	cobaHHVectorised    = &cProgram{name: "cobahh", flags: []string{"-ffast-math", "-march=native"}}
)

// build compiles the program once.
func (c *cProgram) build() error {
	c.once.Do(func() {
		dir, err := os.MkdirTemp("", "nsim-cbaseline")
		if err != nil {
			c.err = err
			return
		}
		c.bin = filepath.Join(dir, c.name)
		src := filepath.Join("testdata", "cbaseline", c.name+".c")
		cmd := append(append([]string{"-O3"}, c.flags...), "-o", c.bin, src, "-lm")
		if out, err := exec.Command("gcc", cmd...).CombinedOutput(); err != nil {
			c.err = fmt.Errorf("gcc %s: %v: %s", src, err, out)
		}
	})
	return c.err
}

// run builds the program if needed and runs it with args.
func (c *cProgram) run(args ...string) (ns, count float64, err error) {
	if err := c.build(); err != nil {
		return 0, 0, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	out, err := exec.Command(c.bin, args...).Output()
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %v", c.name, err)
	}
	f := strings.Fields(string(out))
	if len(f) != 2 {
		return 0, 0, fmt.Errorf("%s printed %q", c.name, out)
	}
	if ns, err = strconv.ParseFloat(f[0], 64); err == nil {
		count, err = strconv.ParseFloat(f[1], 64)
	}
	return ns, count, err
}

// cobaHHBaseline runs the C loop of the COBAHH network
// (testdata/cbaseline/cobahh.c: Brian2's generated exponential Euler code,
// gcc -O3 -ffast-math -march=native, which vectorises its exp and expm1)
// for 1 s of simulated time, now, on one core, and returns its wall time
// in seconds and its spikes per neuron.
func cobaHHBaseline() (sec, spikesPerNeuron float64, err error) {
	ns, spikes, err := cobaHHVectorised.run("10000", "1")
	return ns * 1e-9, spikes / 4000, err
}
