/* The tightest hand-written loop for BenchmarkNoisyLIF's model: seed
 * section 4's leaky integrate-and-fire neurons with constant input,
 * Euler–Maruyama noise, threshold x>1, reset x=0, refractory 5 ms,
 * dt = 0.1 ms, and a spike recorder (neuron and step of every spike).
 *
 * Same random generator as nsim/rng (xoshiro256++ with the same 256-layer
 * ziggurat, drawn in the same order), so the comparison measures the
 * loop, not the RNG choice. Unlike noisy_lif.c (the update as
 * Brian2's generated code writes it), everything that does not change
 * within a step is computed once: x += dt*((0.65*I - x)/tau) + noise*xi
 * becomes x = a*x + b + c*xi with a = 1 - dt/tau, b = dt*0.65*I/tau and
 * c = sigma*sqrt(2*dt/tau); refractoriness is the step of the last spike,
 * compared in integers (no division, no float->int conversion) and only
 * for the rare neurons above threshold; the generator state lives in
 * registers for the whole step.
 *
 * Build: gcc -O3 -march=native -o noisy_lif_tight noisy_lif_tight.c -lm
 * Usage: noisy_lif_tight N steps repeats  -> prints "ns_per_run spikes". */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t s0, s1, s2, s3;
static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t splitmix(uint64_t *x) {
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

#define ZR 3.6541528853610088
#define ZV 0.00492867323399
static uint64_t zk[256];
static double zw[256], zf[257], zx[257];
static void zinit(void) {
	zx[0] = ZV / exp(-0.5 * ZR * ZR);
	zx[1] = ZR;
	for (int i = 1; i < 256; i++) {
		double y = exp(-0.5 * zx[i] * zx[i]) + ZV / zx[i];
		zx[i + 1] = y >= 1 ? 0 : sqrt(-2 * log(y));
	}
	zx[256] = 0;
	for (int i = 0; i < 256; i++) {
		zk[i] = (uint64_t)(zx[i + 1] / zx[i] * 0x1p53);
		zw[i] = zx[i] * 0x1p-53;
	}
	for (int i = 0; i <= 256; i++) zf[i] = exp(-0.5 * zx[i] * zx[i]);
}

/* The generator in registers: the step's loop works on a local copy. */
typedef struct { uint64_t a, b, c, d; } xo;
static inline uint64_t xnext(xo *s) {
	uint64_t r = rotl(s->a + s->d, 23) + s->a, t = s->b << 17;
	s->c ^= s->a; s->d ^= s->b; s->b ^= s->c; s->a ^= s->d; s->c ^= t; s->d = rotl(s->d, 45);
	return r;
}
static inline double xunif(xo *s) { return (double)(xnext(s) >> 11) * 0x1p-53; }

/* The 0.5–1 % of draws outside the inner rectangles, out of line. */
static __attribute__((noinline)) double slow(xo *s, uint64_t u, uint64_t i, double z) {
	for (;;) {
		if (i == 0) {
			double a, b;
			do { a = -log(1 - xunif(s)) / ZR; b = -log(1 - xunif(s)); } while (2 * b < a * a);
			z = ZR + a;
			return (u & 256) ? -z : z;
		}
		if (zf[i] + xunif(s) * (zf[i + 1] - zf[i]) < exp(-0.5 * z * z)) return (u & 256) ? -z : z;
		u = xnext(s); i = u & 255;
		uint64_t j = u >> 11;
		z = (double)j * zw[i];
		if (j < zk[i]) return (u & 256) ? -z : z;
	}
}

static inline double randn(xo *s) {
	uint64_t u = xnext(s), i = u & 255, j = u >> 11;
	double z = (double)j * zw[i];
	if (__builtin_expect(j < zk[i], 1)) { /* branch-free sign */
		uint64_t b; memcpy(&b, &z, 8); b ^= (u & 256) << 55; memcpy(&z, &b, 8);
		return z;
	}
	return slow(s, u, i, z);
}

int main(int argc, char **argv) {
	if (argc < 4) { fprintf(stderr, "usage: noisy_lif_tight N steps repeats\n"); return 2; }
	int N = atoi(argv[1]); long steps = atol(argv[2]); int reps = atoi(argv[3]);
	zinit();
	uint64_t seed = 1; s0 = splitmix(&seed); s1 = splitmix(&seed); s2 = splitmix(&seed); s3 = splitmix(&seed);
	xo g = {s0, s1, s2, s3};
	const double dt = 1e-4, tau = 10e-3, sigma = 0.03, Ishared = 1.5;
	const double a = 1 - dt / tau, c = sigma * sqrt(2 * dt / tau);
	const int32_t refsteps = (int32_t)((5e-3 + 1e-3 * dt) / dt);
	double *x = malloc(N * sizeof *x);
	int32_t *last = malloc(N * sizeof *last);
	long cap = 1 << 20;
	int32_t *spi = malloc(sizeof(int32_t) * cap), *spk = malloc(sizeof(int32_t) * cap);
	long total = 0;
	double best = 1e300;
	for (int r = 0; r < reps; r++) {
		for (int i = 0; i < N; i++) { x[i] = xunif(&g) * 0.2; last[i] = INT32_MIN / 2; }
		long nsp = 0;
		struct timespec ta, tb;
		clock_gettime(CLOCK_MONOTONIC, &ta);
		for (int32_t k = 0; k < steps; k++) {
			double t = k * dt;
			double b = (t > 0.01 && t < 0.95) ? dt * 0.65 * Ishared / tau : 0;
			xo s = g;
			for (int i = 0; i < N; i++) {
				double xi = a * x[i] + b + c * randn(&s);
				if (__builtin_expect(xi > 1, 0) && k - last[i] >= refsteps) {
					last[i] = k;
					xi = 0;
					if (nsp < cap) { spi[nsp] = i; spk[nsp] = k; }
					nsp++;
				}
				x[i] = xi;
			}
			g = s;
		}
		clock_gettime(CLOCK_MONOTONIC, &tb);
		double ns = (tb.tv_sec - ta.tv_sec) * 1e9 + (tb.tv_nsec - ta.tv_nsec);
		if (ns < best) best = ns;
		total = nsp;
	}
	printf("%.0f %ld\n", best, total);
	return 0;
}
