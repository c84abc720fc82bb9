// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_bench_stat.c: clocks, order statistics, and the two figures printed
 * beside every result so that reports from different machines can be
 * normalised: the cost of a null system call and of a memcpy.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "tt_bench.h"

uint64_t tt_bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* CPU time of the whole process (every thread), user and system. */
uint64_t tt_bench_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void tt_bench_sleep(double seconds)
{
	struct timespec ts;

	ts.tv_sec = (time_t)seconds;
	ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) < 0)
		;
}

static int tt_bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The p-th percentile (0..100) of v, sorted in place: nearest rank. */
double tt_bench_pct(double *v, int n, double p)
{
	int i;

	if (n <= 0)
		return 0;
	qsort(v, (size_t)n, sizeof(*v), tt_bench_cmp);
	i = (int)(p / 100.0 * n + 0.999999) - 1;
	if (i < 0)
		i = 0;
	if (i >= n)
		i = n - 1;
	return v[i];
}

double tt_bench_median(const double *v, int n)
{
	double s[TT_BENCH_MAX_TRIALS];

	if (n <= 0)
		return 0;
	if (n > TT_BENCH_MAX_TRIALS)
		n = TT_BENCH_MAX_TRIALS;
	memcpy(s, v, (size_t)n * sizeof(*v));
	qsort(s, (size_t)n, sizeof(*s), tt_bench_cmp);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/* Median absolute deviation: the spread that one bad trial cannot move. */
double tt_bench_mad(const double *v, int n)
{
	double d[TT_BENCH_MAX_TRIALS], m = tt_bench_median(v, n);
	int i;

	if (n > TT_BENCH_MAX_TRIALS)
		n = TT_BENCH_MAX_TRIALS;
	for (i = 0; i < n; i++)
		d[i] = v[i] > m ? v[i] - m : m - v[i];
	return tt_bench_median(d, n);
}

/* The best of a few rounds: the machine is shared, others only add. */
static double tt_bench_best(double (*round)(size_t), size_t arg)
{
	double best = 0, t;
	int i;

	for (i = 0; i < 5; i++) {
		t = round(arg);
		if (i == 0 || t < best)
			best = t;
	}
	return best;
}

static double tt_bench_syscall_round(size_t n)
{
	uint64_t t0 = tt_bench_now_ns();
	size_t i;

	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	return (double)(tt_bench_now_ns() - t0) / (double)n;
}

double tt_bench_null_syscall_ns(void)
{
	return tt_bench_best(tt_bench_syscall_round, 200000);
}

static double tt_bench_memcpy_round(size_t len)
{
	static uint8_t src[TT_BENCH_BUF], dst[TT_BENCH_BUF];
	const int n = 200000;
	uint64_t t0 = tt_bench_now_ns();
	int i;

	for (i = 0; i < n; i++) {
		memcpy(dst, src, len);
		/* the copy must happen: tell the compiler dst is read */
		__asm__ volatile("" : : "r"(dst) : "memory");
	}
	return (double)(tt_bench_now_ns() - t0) / n;
}

double tt_bench_memcpy_ns(size_t len)
{
	return tt_bench_best(tt_bench_memcpy_round, len);
}
