// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_bench_report.c: the figures of a run, their medians and spreads, the
 * ratio ours / Linux, the table on stdout and the JSON file.
 *
 * The ratio is taken trial by trial (trial i of ours against trial i of
 * Linux's, which ran right after it), then its median and median absolute
 * deviation: the deviation is the noise a later comparison must exceed.
 * The JSON holds one figure per line, so that sh and awk can read it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "tt_bench.h"

#define TT_BENCH_MAX_FIGS 512

static struct tt_bench_fig tt_bench_figs[TT_BENCH_MAX_FIGS];
static int tt_bench_nfigs;

struct tt_bench_fig *tt_bench_fig_new(const char *mode, const char *kind,
				      size_t size, const char *metric,
				      int better_high)
{
	struct tt_bench_fig *f;

	if (tt_bench_nfigs == TT_BENCH_MAX_FIGS)
		return NULL;
	f = &tt_bench_figs[tt_bench_nfigs++];
	memset(f, 0, sizeof(*f));
	f->mode = mode;
	f->kind = kind;
	f->size = size;
	f->metric = metric;
	f->better_high = better_high;
	return f;
}

void tt_bench_fig_add(struct tt_bench_fig *f, enum tt_bench_target t, double v)
{
	if (f && f->n[t] < TT_BENCH_MAX_TRIALS)
		f->v[t][f->n[t]++] = v;
}

/* Ratios trial by trial; 0 of them when either side is missing. */
static int tt_bench_fig_ratios(const struct tt_bench_fig *f, double *r)
{
	int n = f->n[TT_BENCH_OURS] < f->n[TT_BENCH_LINUX] ?
		f->n[TT_BENCH_OURS] : f->n[TT_BENCH_LINUX];
	int i, k = 0;

	for (i = 0; i < n; i++)
		if (f->v[TT_BENCH_LINUX][i] > 0)
			r[k++] = f->v[TT_BENCH_OURS][i] / f->v[TT_BENCH_LINUX][i];
	return k;
}

/* "12.3M", "456k", "789": figures of any size in a narrow column. */
static const char *tt_bench_fmt(char *buf, size_t len, double v)
{
	if (v >= 1e7)
		snprintf(buf, len, "%.1fM", v / 1e6);
	else if (v >= 1e4)
		snprintf(buf, len, "%.1fk", v / 1e3);
	else if (v >= 100)
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.3g", v);
	return buf;
}

static void tt_bench_report_cell(const struct tt_bench_fig *f, enum tt_bench_target t)
{
	char a[32];
	double m;

	if (f->n[t] == 0) {
		printf(" %18s", "-");
		return;
	}
	m = tt_bench_median(f->v[t], f->n[t]);
	printf(" %10s ±%4.1f%%", tt_bench_fmt(a, sizeof(a), m),
	       m > 0 ? 100 * tt_bench_mad(f->v[t], f->n[t]) / m : 0.0);
}

void tt_bench_report_table(void)
{
	double r[TT_BENCH_MAX_TRIALS];
	int i, k;

	printf("%-8s %-6s %6s %-10s %18s %18s %14s\n", "mode", "kind", "size",
	       "metric", "tuntap (±MAD)", "linux (±MAD)", "ours/linux");
	for (i = 0; i < tt_bench_nfigs; i++) {
		const struct tt_bench_fig *f = &tt_bench_figs[i];

		printf("%-8s %-6s %6zu %-10s", f->mode, f->kind, f->size, f->metric);
		tt_bench_report_cell(f, TT_BENCH_OURS);
		tt_bench_report_cell(f, TT_BENCH_LINUX);
		k = tt_bench_fig_ratios(f, r);
		if (k > 0)
			printf("  %5.3f ±%.3f%s", tt_bench_median(r, k),
			       tt_bench_mad(r, k), f->better_high ? "" : " (lower is better)");
		printf("\n");
	}
}

static void tt_bench_json_stat(FILE *fp, const char *name, const double *v, int n)
{
	if (n == 0) {
		fprintf(fp, ",\"%s\":null", name);
		return;
	}
	fprintf(fp, ",\"%s\":{\"median\":%.6g,\"mad\":%.6g,\"n\":%d}", name,
		tt_bench_median(v, n), tt_bench_mad(v, n), n);
}

/* A line of /proc/cpuinfo's first CPU, "model name" by default. */
static void tt_bench_cpuinfo(const char *key, char *out, size_t len)
{
	FILE *fp = fopen("/proc/cpuinfo", "r");
	char line[1024];
	size_t kl = strlen(key);
	char *p;

	snprintf(out, len, "unknown");
	if (!fp)
		return;
	while (fgets(line, sizeof(line), fp)) {
		if (strncmp(line, key, kl) != 0 || !(p = strchr(line, ':')))
			continue;
		p += 1 + (p[1] == ' ');
		p[strcspn(p, "\n\"\\")] = 0;
		snprintf(out, len, "%s", p);
		break;
	}
	fclose(fp);
}

static void tt_bench_json_env(FILE *fp, const struct tt_bench_opts *o)
{
	char cpu[256], flags[4096], when[32];
	const char *emu = getenv("TT_BENCH_EMULATED");
	struct utsname u;
	time_t now = time(NULL);
	int emulated;

	uname(&u);
	tt_bench_cpuinfo("model name", cpu, sizeof(cpu));
	tt_bench_cpuinfo("flags", flags, sizeof(flags));
	/* QEMU's software CPU names itself; the harness says so too */
	emulated = strstr(cpu, "TCG") != NULL || (emu && strcmp(emu, "1") == 0);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	fprintf(fp, "{\"env\":{\"kernel\":\"%s\",\"machine\":\"%s\",\"cpu\":\"%s\","
		"\"cpus\":%ld,\"virtualised\":%s,\"emulated\":%s,\"date\":\"%s\","
		"\"trials\":%d,\"seconds\":%g,"
		"\"null_syscall_ns\":%.1f,\"memcpy_64_ns\":%.1f,\"memcpy_1500_ns\":%.1f},\n",
		u.release, u.machine, cpu, sysconf(_SC_NPROCESSORS_ONLN),
		strstr(flags, "hypervisor") ? "true" : "false",
		emulated ? "true" : "false", when, o->trials, o->seconds,
		tt_bench_null_syscall_ns(), tt_bench_memcpy_ns(64),
		tt_bench_memcpy_ns(1500));
}

int tt_bench_report_json(const struct tt_bench_opts *o, const char *path)
{
	double r[TT_BENCH_MAX_TRIALS];
	FILE *fp = fopen(path, "w");
	int i, k;

	if (!fp) {
		perror(path);
		return -1;
	}
	tt_bench_json_env(fp, o);
	fprintf(fp, "\"results\":[\n");
	for (i = 0; i < tt_bench_nfigs; i++) {
		const struct tt_bench_fig *f = &tt_bench_figs[i];

		fprintf(fp, "{\"mode\":\"%s\",\"kind\":\"%s\",\"size\":%zu,"
			"\"metric\":\"%s\",\"better\":\"%s\"", f->mode, f->kind,
			f->size, f->metric, f->better_high ? "high" : "low");
		tt_bench_json_stat(fp, "tuntap", f->v[TT_BENCH_OURS], f->n[TT_BENCH_OURS]);
		tt_bench_json_stat(fp, "linux", f->v[TT_BENCH_LINUX], f->n[TT_BENCH_LINUX]);
		k = tt_bench_fig_ratios(f, r);
		tt_bench_json_stat(fp, "ratio", r, k);
		fprintf(fp, "}%s\n", i + 1 < tt_bench_nfigs ? "," : "");
	}
	fprintf(fp, "]}\n");
	if (fclose(fp) != 0) {
		perror(path);
		return -1;
	}
	return 0;
}
