/* The CUBA benchmark (Brette et al. 2007; Brian2's examples/CUBA.py)
 * scaled to N neurons with 80 synapses per neuron on average (p = 80/N),
 * written as the tightest loop we know: it is nsim's same-run baseline in
 * BenchmarkCUBA.
 *
 * usage: cuba N [seconds] [seed]
 * prints: N synapses spikes run_seconds peak_rss_growth_bytes
 *
 * The network is Brian2's: the first 80% of the neurons excite (ge += we),
 * the others inhibit (gi += wi), every pair is connected with probability
 * p, no delays, dt = 0.1 ms. The linear equations are integrated exactly
 * (constants precomputed), refractoriness is an integer step count, and
 * the synapses are one CSR array of int32 targets by source, built once:
 * a spike walks a contiguous row, fetched before the step's propagation. The random numbers (xoshiro256++) differ
 * from nsim's and Brian2's, so spike counts agree only statistically.
 *
 * gcc -O3 -march=native -o cuba cuba.c -lm
 */
#ifdef __AVX512F__
#include <immintrin.h>
#endif
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t s[4];

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t next(void) {
	uint64_t r = rotl(s[0] + s[3], 23) + s[0], t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return r;
}

static inline double uniform(void) { return (next() >> 11) * 0x1.0p-53; }

static void seed(uint64_t x) {
	for (int k = 0; k < 4; k++) { /* splitmix64 */
		uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		s[k] = z ^ (z >> 31);
	}
}

static long status_kb(const char *field) {
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = 0;
	size_t n = strlen(field);
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, field, n) && line[n] == ':')
			kb = atol(line + n + 1);
	if (f)
		fclose(f);
	return kb;
}

static double now(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(int argc, char **argv) {
	int n = argc > 1 ? atoi(argv[1]) : 4000;
	double dur = argc > 2 ? atof(argv[2]) : 1.0;
	seed(argc > 3 ? atoll(argv[3]) : 1);
	long before = status_kb("VmRSS");

	const double dt = 1e-4, taum = 20e-3, taue = 5e-3, taui = 10e-3;
	const double Vt = -50e-3, Vr = -60e-3, El = -49e-3;
	const double we = 60 * 0.27 / 10 * 1e-3, wi = -20 * 4.5 / 10 * 1e-3;
	const int ne = n * 4 / 5, refr_steps = 50; /* 5 ms */
	const double p = 80.0 / n;

	/* CSR by source with geometric gaps: O(synapses), not O(N^2). The
	 * target array grows by realloc (mremap for large blocks, no copy). */
	int32_t *start = malloc((n + 1) * sizeof *start);
	size_t cap = 1 << 16, nsyn = 0;
	int32_t *tgt = malloc(cap * sizeof *tgt);
	const double lq = log1p(-p);
	for (int i = 0; i < n; i++) {
		start[i] = nsyn;
		for (long j = -1;;) {
			j += 1 + (long)floor(log(1 - uniform()) / lq);
			if (j >= n)
				break;
			if (nsyn == cap)
				tgt = realloc(tgt, (cap *= 2) * sizeof *tgt);
			tgt[nsyn++] = j;
		}
	}
	start[n] = nsyn;

	double *v = malloc(n * sizeof *v), *ge = calloc(n, sizeof *ge), *gi = calloc(n, sizeof *gi);
	int32_t *spikes = malloc(n * sizeof *spikes);
	for (int i = 0; i < n; i++)
		v[i] = Vr + uniform() * (Vt - Vr);
	/* The refractory neurons: a bit each, which the update tests for its
	 * clamp and the threshold, and a ring of (neuron, step its period
	 * ends) in spike order, so the periods that end are at its front (a
	 * neuron is in it at most once). */
	uint8_t *refr = calloc((n + 7) / 8, 1);
	int32_t *ring = malloc(n * sizeof *ring);
	long *ends = malloc(n * sizeof *ends), head = 0, tail = 0;

	/* Exact update of dv/dt = (ge+gi-(v-El))/taum, dg/dt = -g/tau. */
	const double em = exp(-dt / taum), ee = exp(-dt / taue), ei = exp(-dt / taui);
	const double ce = taue / (taue - taum) * (ee - em), ci = taui / (taui - taum) * (ei - em);
	const double cv = El * (1 - em);
	long steps = lround(dur / dt), total = 0;
#ifdef __AVX512F__
	const __m512d vem = _mm512_set1_pd(em), vcv = _mm512_set1_pd(cv), vce = _mm512_set1_pd(ce),
		      vci = _mm512_set1_pd(ci), vee = _mm512_set1_pd(ee), vei = _mm512_set1_pd(ei),
		      vvt = _mm512_set1_pd(Vt);
#endif

	double t0 = now();
	for (long k = 0; k < steps; k++) {
		int ns = 0;
		for (; head != tail && ends[head % n] <= k; head++) {
			int i = ring[head % n];
			refr[i >> 3] &= ~(1 << (i & 7));
		}
#define SPIKE(j)                                   \
	do {                                       \
		v[j] = Vr;                         \
		refr[(j) >> 3] |= 1 << ((j) & 7);  \
		ring[tail % n] = j;                \
		ends[tail++ % n] = k + refr_steps; \
		spikes[ns++] = j;                  \
	} while (0)
		/* One pass: the update of eight neurons per AVX-512 instruction
		 * (v kept where refractory), and the threshold tested on the
		 * new v in registers. */
		int i = 0;
#ifdef __AVX512F__
		for (; i + 8 <= n; i += 8) {
			__mmask8 r = refr[i >> 3];
			__m512d x = _mm512_loadu_pd(v + i), g1 = _mm512_loadu_pd(ge + i), g2 = _mm512_loadu_pd(gi + i);
			__m512d nx = _mm512_fmadd_pd(x, vem, vcv);
			nx = _mm512_fmadd_pd(vce, g1, nx);
			nx = _mm512_fmadd_pd(vci, g2, nx);
			nx = _mm512_mask_mov_pd(nx, r, x);
			_mm512_storeu_pd(v + i, nx);
			_mm512_storeu_pd(ge + i, _mm512_mul_pd(g1, vee));
			_mm512_storeu_pd(gi + i, _mm512_mul_pd(g2, vei));
			for (unsigned m = _mm512_mask_cmp_pd_mask((__mmask8)~r, nx, vvt, _CMP_GT_OQ); m; m &= m - 1) {
				int j = i + __builtin_ctz(m);
				SPIKE(j);
			}
		}
#endif
		for (; i < n; i++) {
			int r = refr[i >> 3] >> (i & 7) & 1;
			double g1 = ge[i], g2 = gi[i], x = v[i];
			double nx = r ? x : x * em + cv + ce * g1 + ci * g2;
			v[i] = nx;
			ge[i] = g1 * ee;
			gi[i] = g2 * ei;
			if (!r && nx > Vt)
				SPIKE(i);
		}
		total += ns;
		/* Fetch every spiking row's lines first: the rows are scattered
		 * over the target array, and their misses overlap only when
		 * they are issued together. */
		for (int m = 0; m < ns; m++) {
			int32_t q = start[spikes[m]], e = start[spikes[m] + 1];
			for (; q < e; q += 16)
				__builtin_prefetch(&tgt[q]);
			if (e > start[spikes[m]])
				__builtin_prefetch(&tgt[e - 1]);
		}
		for (int m = 0; m < ns; m++) {
			int i = spikes[m];
			double *g = i < ne ? ge : gi, w = i < ne ? we : wi;
			for (int32_t q = start[i], e = start[i + 1]; q < e; q++)
				g[tgt[q]] += w;
		}
	}
	double elapsed = now() - t0;
	long growth = (status_kb("VmHWM") - before) * 1024;
	printf("%d %zu %ld %.6f %ld\n", n, nsyn, total, elapsed, growth);
	return 0;
}
