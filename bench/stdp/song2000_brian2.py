#!/usr/bin/python3
"""Brian2's STDP example (Song, Miller and Abbott 2000), timed: the baseline
of nsim's BenchmarkSTDPSong (nsim/stdp_bench_test.go).

Usage: song2000_brian2.py [SECONDS] [TARGET]   (defaults: 100, cython)

Prints the wall time of run() (and of the whole script, which includes code
generation and compilation for cython) and the final weight distribution:
the fraction of w/gmax below 0.1 and above 0.9, and the mean.
"""
import sys
import time

t_start = time.time()
from brian2 import *  # noqa: E402,F403

duration = float(sys.argv[1]) if len(sys.argv) > 1 else 100.0
prefs.codegen.target = sys.argv[2] if len(sys.argv) > 2 else "cython"
seed(1)

N = 1000
taum = 10*ms
taupre = 20*ms
taupost = taupre
Ee = 0*mV
vt = -54*mV
vr = -60*mV
El = -74*mV
taue = 5*ms
F = 15*Hz
gmax = .01
dApre = .01
dApost = -dApre * taupre / taupost * 1.05
dApost *= gmax
dApre *= gmax

eqs_neurons = '''
dv/dt = (ge * (Ee-v) + El - v) / taum : volt
dge/dt = -ge / taue : 1
'''
poisson_input = PoissonGroup(N, rates=F)
neurons = NeuronGroup(1, eqs_neurons, threshold='v>vt', reset='v = vr', method='euler')
S = Synapses(poisson_input, neurons,
             '''w : 1
                dApre/dt = -Apre / taupre : 1 (event-driven)
                dApost/dt = -Apost / taupost : 1 (event-driven)''',
             on_pre='''ge += w
                    Apre += dApre
                    w = clip(w + Apost, 0, gmax)''',
             on_post='''Apost += dApost
                     w = clip(w + Apre, 0, gmax)''')
S.connect()
S.w = 'rand() * gmax'
out = SpikeMonitor(neurons)
t0 = time.time()
run(duration*second)
t_run = time.time() - t0
w = S.w[:] / gmax
print(f"brian2 {prefs.codegen.target}: {duration:g} s simulated, run() {t_run:.2f} s wall, "
      f"script {time.time() - t_start:.2f} s")
print(f"w/gmax: below 0.1 {np.mean(w < 0.1):.3f}, above 0.9 {np.mean(w > 0.9):.3f}, mean {np.mean(w):.3f}; "
      f"output rate {out.num_spikes / duration:.2f} Hz")
