/* Hand-written baseline for BenchmarkCOBAHH: the Brette et al. (2007)
 * COBAHH network of nsim/bench_test.go's cobaHH, 4000 Hodgkin-Huxley
 * neurons (3200 excitatory, 800 inhibitory) with conductance synapses
 * (p = 0.02, ge += 6 nS, gi += 67 nS), threshold v > -20 mV, refractory
 * 3 ms, dt = 0.1 ms, and a spike recorder.
 *
 * The state update is the exponential Euler code Brian2 2.x generates for
 * these equations (cpp_standalone, neurongroup_stateupdater_codeobject.cpp)
 * with its loop-invariant constants _lio_*, written here in C, with one
 * change: not_refractory is computed in a loop of its own, since the
 * float->int64 conversion of _timestep (no AVX2 instruction) keeps gcc 12
 * from vectorising the update. Build:
 *   gcc -O3 -ffast-math -march=native -o cobahh cobahh.c -lm
 * gcc then vectorises the update with glibc's 4-wide exp and expm1
 * (libmvec; -ffast-math turns pow(exp(x), c) into exp(c*x) and pow(n, 4)
 * into multiplications). Brian2's own flags add -fno-finite-math-only,
 * under which this gcc and glibc vectorise nothing: this loop is faster
 * than what Brian2's C++ targets build here.
 * Initial values and connections come from this file's own generator
 * (xoshiro256++, Box-Muller), so spike counts match nsim's statistically,
 * not spike by spike.
 * Usage: cobahh steps repeats [seed] -> prints "ns_per_run spikes" (the
 * best of the repeats; spikes of the last). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t s0, s1, s2, s3;
static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static inline uint64_t next(void) {
	uint64_t r = rotl(s0 + s3, 23) + s0, t = s1 << 17;
	s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45);
	return r;
}
static uint64_t splitmix(uint64_t *x) {
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}
static double unif(void) { return (double)(next() >> 11) * 0x1p-53; }
static double randn(void) {
	double u = 1 - unif(), w = unif();
	return sqrt(-2 * log(u)) * cos(2 * M_PI * w);
}

static inline double _exprel(double x) {
	if (fabs(x) < 1e-16) return 1.0;
	if (x > 717) return INFINITY;
	return expm1(x) / x;
}
static inline int64_t _timestep(double t, double dt) { return (int64_t)((t + 1e-3 * dt) / dt); }

enum { N = 4000, NE = 3200 };

/* Connections of the neurons lo..hi-1 to all N with probability p, as CSR:
 * row i's targets are post[start[i-lo] .. start[i-lo+1]-1]. */
static int32_t *connect(int lo, int hi, double p, int32_t **start) {
	int rows = hi - lo;
	*start = malloc((rows + 1) * sizeof **start);
	size_t cap = (size_t)(rows * (double)N * p * 1.2) + 1024, n = 0;
	int32_t *post = malloc(cap * sizeof *post);
	for (int i = 0; i < rows; i++) {
		(*start)[i] = (int32_t)n;
		for (int j = 0; j < N; j++) {
			if (unif() < p) {
				if (n == cap) post = realloc(post, (cap *= 2) * sizeof *post);
				post[n++] = j;
			}
		}
	}
	(*start)[rows] = (int32_t)n;
	return post;
}

static double arr_v[N], arr_m[N], arr_n[N], arr_h[N], arr_ge[N], arr_gi[N], arr_lastspike[N];
static char arr_not_refractory[N];

int main(int argc, char **argv) {
	if (argc < 3) { fprintf(stderr, "usage: cobahh steps repeats [seed]\n"); return 2; }
	long steps = atol(argv[1]); int reps = atoi(argv[2]);
	uint64_t seed = argc > 3 ? strtoull(argv[3], 0, 10) : 1; s0 = splitmix(&seed); s1 = splitmix(&seed); s2 = splitmix(&seed); s3 = splitmix(&seed);

	const double mV = 1e-3, ms = 1e-3, nS = 1e-9, umetre2 = 1e-12, cm2 = 1e-4;
	const double area = 20000 * umetre2;
	const double Cm = 1e-6 / cm2 * area, gl = 5e-5 / cm2 * area;
	const double El = -60 * mV, EK = -90 * mV, ENa = 50 * mV;
	const double g_na = 100e-3 / cm2 * area, g_kd = 30e-3 / cm2 * area;
	const double VT = -63 * mV, taue = 5 * ms, taui = 10 * ms, Ee = 0 * mV, Ei = -80 * mV;
	const double we = 6 * nS, wi = 67 * nS, dt = 0.1 * ms;

	int32_t *estart, *istart;
	int32_t *epost = connect(0, NE, 0.02, &estart);
	int32_t *ipost = connect(NE, N, 0.02, &istart);

	/* Brian2's loop-invariant constants, as it generates them. */
	const int64_t _lio_1 = _timestep(0.003, dt);
	const double _lio_2 = exp(1.0f * ((-1.0) * dt) / taue);
	const double _lio_3 = exp(1.0f * ((-1.0) * dt) / taui);
	const double _lio_4 = 1.0f * (0.128 * (2.5713844347880297 * exp(1.0f * (0.05555555555555555 * VT) / mV))) / ms;
	const double _lio_5 = 1.0f * 0.05555555555555555 / mV;
	const double _lio_6 = (ms * 2980.9579870417283) * exp(1.0f * (0.2 * VT) / mV);
	const double _lio_7 = 1.0f * 0.2 / mV;
	const double _lio_8 = 1.0f * (0.128 * (2.5713844347880297 * (pow(exp(1.0f * VT / mV), 0.05555555555555555)))) / ms;
	const double _lio_9 = 1.0f * 1.0 / mV;
	const double _lio_10 = 1.0f * 1.28 / ms;
	const double _lio_11 = 1.0f * (-1.28) / ms;
	const double _lio_12 = (1.0f * (0.25 * VT) / mV) + 3.25;
	const double _lio_13 = 1.0f * 0.25 / mV;
	const double _lio_14 = 1.0f * 1.4 / ms;
	const double _lio_15 = (-8.0) + (1.0f * (0.2 * (-VT)) / mV);
	const double _lio_16 = 1.0f * 0.16 / ms;
	const double _lio_17 = 1.0f * ((-0.6420127083438707) * (pow(exp(1.0f * VT / mV), 0.025))) / ms;
	const double _lio_18 = 3.0 + (1.0f * (0.2 * VT) / mV);
	const double _lio_19 = 1.0f * (El * gl) / Cm;
	const double _lio_20 = 1.0f * (EK * g_kd) / Cm;
	const double _lio_21 = 1.0f * (ENa * g_na) / Cm;
	const double _lio_22 = 1.0f * Ee / Cm;
	const double _lio_23 = 1.0f * Ei / Cm;
	const double _lio_24 = 0.0 - (1.0f * gl / Cm);
	const double _lio_25 = 1.0f * (-g_kd) / Cm;
	const double _lio_26 = 1.0f * g_na / Cm;
	const double _lio_27 = 1.0f * 1.0 / Cm;

	size_t cap = 1 << 20;
	int32_t *spi = malloc(cap * sizeof *spi);
	double *spt = malloc(cap * sizeof *spt);
	int32_t spikes[N];
	double best = 1e300;
	long nsp = 0;
	for (int r = 0; r < reps; r++) {
		for (int i = 0; i < N; i++) {
			arr_v[i] = El + (randn() * 5 - 5) * mV;
			arr_ge[i] = (randn() * 1.5 + 4) * 10. * nS;
			arr_gi[i] = (randn() * 12 + 20) * 10. * nS;
			arr_m[i] = arr_n[i] = arr_h[i] = 0;
			arr_lastspike[i] = -1e4;
			arr_not_refractory[i] = 1;
		}
		nsp = 0;
		struct timespec a, b;
		clock_gettime(CLOCK_MONOTONIC, &a);
		for (long step = 0; step < steps; step++) {
			const double t = step * dt;
			/* neurongroup_stateupdater_codeobject: not_refractory, then the update */
			for (int _idx = 0; _idx < N; _idx++) arr_not_refractory[_idx] = _timestep(t - arr_lastspike[_idx], dt) >= _lio_1;
			for (int _idx = 0; _idx < N; _idx++) {
				const double ge = arr_ge[_idx], gi = arr_gi[_idx], h = arr_h[_idx], m = arr_m[_idx], n = arr_n[_idx], v = arr_v[_idx];
				{
					const double _ge = _lio_2 * ge;
					const double _gi = _lio_3 * gi;
					const double _BA_h = 1.0f * (_lio_4 * exp(_lio_5 * (-v))) / ((1.0f * (-4.0) / (ms + (_lio_6 * exp(_lio_7 * (-v))))) - (1.0f * _lio_8 / (pow(exp(_lio_9 * v), 0.05555555555555555))));
					const double _h = (-_BA_h) + ((_BA_h + h) * exp(dt * ((1.0f * (-4.0) / (ms + (_lio_6 * exp(_lio_7 * (-v))))) - (1.0f * _lio_8 / (pow(exp(_lio_9 * v), 0.05555555555555555))))));
					const double _BA_m = 1.0f * _lio_10 / (((1.0f * _lio_11 / _exprel(_lio_12 - (_lio_13 * v))) - (1.0f * _lio_14 / _exprel(_lio_15 + (_lio_7 * v)))) * _exprel(_lio_12 - (_lio_13 * v)));
					const double _m = (-_BA_m) + ((_BA_m + m) * exp(dt * ((1.0f * _lio_11 / _exprel(_lio_12 - (_lio_13 * v))) - (1.0f * _lio_14 / _exprel(_lio_15 + (_lio_7 * v))))));
					const double _BA_n = 1.0f * _lio_16 / (((1.0f * _lio_17 / (pow(exp(_lio_9 * v), 0.025))) - (1.0f * _lio_16 / _exprel(_lio_18 - (_lio_7 * v)))) * _exprel(_lio_18 - (_lio_7 * v)));
					const double _n = (-_BA_n) + ((_BA_n + n) * exp(dt * ((1.0f * _lio_17 / (pow(exp(_lio_9 * v), 0.025))) - (1.0f * _lio_16 / _exprel(_lio_18 - (_lio_7 * v))))));
					const double _BA_v = 1.0f * (_lio_19 + ((((_lio_20 * (pow(n, 4))) + (_lio_21 * (h * (pow(m, 3))))) + (_lio_22 * ge)) + (_lio_23 * gi))) / ((_lio_24 + (_lio_25 * (pow(n, 4)))) - (((_lio_26 * (h * (pow(m, 3)))) + (_lio_27 * ge)) + (_lio_27 * gi)));
					const double _v = (-_BA_v) + ((_BA_v + v) * exp(dt * ((_lio_24 + (_lio_25 * (pow(n, 4)))) - (((_lio_26 * (h * (pow(m, 3)))) + (_lio_27 * ge)) + (_lio_27 * gi)))));
					arr_ge[_idx] = _ge; arr_gi[_idx] = _gi; arr_h[_idx] = _h; arr_m[_idx] = _m; arr_n[_idx] = _n; arr_v[_idx] = _v;
				}
			}
			/* neurongroup_spike_thresholder_codeobject */
			int ns = 0;
			for (int i = 0; i < N; i++) {
				if (arr_v[i] > -20 * mV && arr_not_refractory[i]) {
					spikes[ns++] = i;
					arr_not_refractory[i] = 0;
					arr_lastspike[i] = t;
				}
			}
			/* synapses_pre_codeobject, synapses_1_pre_codeobject */
			for (int k = 0; k < ns; k++) {
				int i = spikes[k];
				if (i < NE) {
					for (int32_t s = estart[i]; s < estart[i + 1]; s++) arr_ge[epost[s]] += we;
				} else {
					for (int32_t s = istart[i - NE]; s < istart[i - NE + 1]; s++) arr_gi[ipost[s]] += wi;
				}
			}
			/* spikemonitor_codeobject */
			if (nsp + ns > (long)cap) {
				cap *= 2;
				spi = realloc(spi, cap * sizeof *spi);
				spt = realloc(spt, cap * sizeof *spt);
			}
			for (int k = 0; k < ns; k++) { spi[nsp] = spikes[k]; spt[nsp++] = t; }
		}
		clock_gettime(CLOCK_MONOTONIC, &b);
		double ns = (b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec);
		if (ns < best) best = ns;
	}
	printf("%.0f %ld\n", best, nsp);
	return 0;
}
