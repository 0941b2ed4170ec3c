"""Brian2's CUBA example (examples/CUBA.py, Brette et al. 2007) scaled to
N neurons with 80 synapses per neuron on average (p = 80/N), run by
nsim's BenchmarkCUBA as the same-run reference.

usage: /usr/bin/python3 cuba_brian2.py N [seconds]

A 1 ms run first compiles every code object (runtime code generation,
cython target), so the timed run measures simulation only. Prints one
line: N synapses spikes run_seconds peak_rss_growth_bytes.
"""
import sys
import time
import warnings

warnings.filterwarnings("ignore")


def rss(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def main():
    from brian2 import (NeuronGroup, Synapses, SpikeMonitor, Network, ms,
                        mV, second, prefs, seed)
    prefs.codegen.target = "cython"
    n = int(sys.argv[1])
    dur = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    seed(1)
    before = rss("VmRSS")
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
    eqs = """
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    """
    P = NeuronGroup(n, eqs, threshold="v>Vt", reset="v = Vr",
                    refractory=5 * ms, method="exact")
    P.v = "Vr + rand() * (Vt - Vr)"
    P.ge = 0 * mV
    P.gi = 0 * mV
    we = (60 * 0.27 / 10) * mV
    wi = (-20 * 4.5 / 10) * mV
    ne = n * 4 // 5
    p = 80.0 / n
    Ce = Synapses(P, P, on_pre="ge += we")
    Ci = Synapses(P, P, on_pre="gi += wi")
    Ce.connect("i<ne", p=p)
    Ci.connect("i>=ne", p=p)
    s_mon = SpikeMonitor(P)
    net = Network(P, Ce, Ci, s_mon)
    net.run(1 * ms)
    start = time.perf_counter()
    net.run(dur * second)
    elapsed = time.perf_counter() - start
    growth = rss("VmHWM") - before
    print(n, len(Ce) + len(Ci), s_mon.num_spikes, "%.6f" % elapsed, growth)


if __name__ == "__main__":
    main()
