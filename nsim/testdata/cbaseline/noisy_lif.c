/* Hand-written baseline for BenchmarkNoisyLIF: seed section 4's leaky
 * integrate-and-fire neurons with constant input, Euler–Maruyama noise,
 * threshold x>1, reset x=0, refractory 5 ms, dt = 0.1 ms, and a spike
 * recorder. Same random generator as nsim/rng (xoshiro256++ with a
 * 256-layer ziggurat), so the comparison measures the loop, not the RNG
 * choice. Build: gcc -O3 -o noisy_lif noisy_lif.c -lm
 * Usage: noisy_lif N steps repeats  -> prints "ns_per_run spikes". */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
static inline double randn(void) {
	for (;;) {
		uint64_t u = next(), i = u & 255, j = u >> 11;
		double z = (double)j * zw[i];
		if (j < zk[i]) { /* branch-free sign, as nsim/rng does */
			uint64_t b; memcpy(&b, &z, 8); b ^= (u & 256) << 55; memcpy(&z, &b, 8);
			return z;
		}
		if (i == 0) {
			double a, b;
			do { a = -log(1 - unif()) / ZR; b = -log(1 - unif()); } while (2 * b < a * a);
			z = ZR + a;
			return (u & 256) ? -z : z;
		}
		if (zf[i] + unif() * (zf[i + 1] - zf[i]) < exp(-0.5 * z * z)) return (u & 256) ? -z : z;
	}
}

int main(int argc, char **argv) {
	if (argc < 4) { fprintf(stderr, "usage: noisy_lif N steps repeats\n"); return 2; }
	int N = atoi(argv[1]); long steps = atol(argv[2]); int reps = atoi(argv[3]);
	zinit();
	uint64_t seed = 1; s0 = splitmix(&seed); s1 = splitmix(&seed); s2 = splitmix(&seed); s3 = splitmix(&seed);
	const double dt = 1e-4, tau = 10e-3, sigma = 0.03, Ishared = 1.5;
	const double noise = sigma * sqrt(2 / tau) * sqrt(dt);
	const int64_t refsteps = (int64_t)((5e-3 + 1e-3 * dt) / dt);
	double *x = malloc(N * sizeof *x), *last = malloc(N * sizeof *last);
	int32_t *spi = malloc(sizeof(int32_t) * 1 << 20); double *spt = malloc(sizeof(double) * 1 << 20);
	long total = 0, cap = 1 << 20;
	double best = 1e300;
	for (int r = 0; r < reps; r++) {
		for (int i = 0; i < N; i++) { x[i] = unif() * 0.2; last[i] = -1e4; }
		long nsp = 0;
		struct timespec a, b;
		clock_gettime(CLOCK_MONOTONIC, &a);
		for (long k = 0; k < steps; k++) {
			double t = k * dt;
			double I = Ishared * ((t > 0.01 && t < 0.95) ? 1.0 : 0.0);
			for (int i = 0; i < N; i++) {
				int nr = (int64_t)((t - last[i] + 1e-3 * dt) / dt) >= refsteps;
				double xi = x[i];
				xi = xi + dt * ((0.65 * I - xi) / tau) + noise * randn();
				if (xi > 1 && nr) {
					last[i] = t;
					xi = 0;
					if (nsp < cap) { spi[nsp] = i; spt[nsp] = t; }
					nsp++;
				}
				x[i] = xi;
			}
		}
		clock_gettime(CLOCK_MONOTONIC, &b);
		double ns = (b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec);
		if (ns < best) best = ns;
		total = nsp;
	}
	printf("%.0f %ld\n", best, total);
	return 0;
}
