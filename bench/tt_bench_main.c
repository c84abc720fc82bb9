// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_bench_main.c: tt-bench, our driver against Linux's tun, side by side.
 *
 *   tt-bench [-t tuntap,linux] [-k tun,tunhdr,tap] [-s 64,1500,max]
 *            [-m inject,deliver,latency,vpn] [-n TRIALS] [-d SECONDS]
 *            [-u UNIT] [-j OUT.json] [-N]
 *
 * For each kind and size both targets' devices are open at once; each
 * mode runs one warm-up trial per target, then TRIALS trials alternating
 * ours, Linux's, ours, Linux's... so that the noise of a shared machine
 * falls on both.  -N runs in a private network namespace (on a host: the
 * host's own interfaces are never touched).  "max" is the largest IP
 * packet the MTU allows on both targets.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tt_bench.h"

static void tt_bench_usage(void)
{
	fprintf(stderr, "usage: tt-bench [-t tuntap,linux] [-k tun,tunhdr,tap] "
		"[-s 64,1500,max] [-m inject,deliver,latency,vpn] [-n TRIALS] "
		"[-d SECONDS] [-u UNIT] [-j OUT.json] [-N]\n");
	exit(2);
}

/* Each comma-separated word of arg must be one of names: set its flag. */
static void tt_bench_pick(char *arg, const char *const *names, int n, int *flags)
{
	char *w, *save = NULL;
	int i;

	memset(flags, 0, (size_t)n * sizeof(*flags));
	for (w = strtok_r(arg, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < n && strcmp(w, names[i]) != 0; i++)
			;
		if (i == n) {
			fprintf(stderr, "tt-bench: unknown word %s\n", w);
			tt_bench_usage();
		}
		flags[i] = 1;
	}
}

static void tt_bench_sizes(char *arg, struct tt_bench_opts *o)
{
	char *w, *save = NULL, *end;
	unsigned long v;

	o->nsizes = 0;
	for (w = strtok_r(arg, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		if (o->nsizes == TT_BENCH_MAX_SIZES)
			tt_bench_usage();
		v = strcmp(w, "max") == 0 ? 0 : strtoul(w, &end, 10);
		if (v != 0 && (*end || v < 64 || v > 65535))
			tt_bench_usage();
		o->sizes[o->nsizes++] = v;
	}
}

static void tt_bench_opts_parse(int argc, char **argv, struct tt_bench_opts *o)
{
	static const char *const modes[] = { "inject", "deliver", "latency", "vpn" };
	int m[4] = { 1, 1, 1, 0 }, c;
	char sz[] = "64,1500,max";

	o->targets[TT_BENCH_OURS] = o->targets[TT_BENCH_LINUX] = 1;
	o->kinds[TT_BENCH_TUN] = o->kinds[TT_BENCH_TUNHDR] = o->kinds[TT_BENCH_TAP] = 1;
	tt_bench_sizes(sz, o);
	o->trials = 5;
	o->seconds = 1;
	while ((c = getopt(argc, argv, "t:k:s:m:n:d:u:j:N")) != -1) {
		switch (c) {
		case 't':
			tt_bench_pick(optarg, tt_bench_target_name, TT_BENCH_NTARGETS, o->targets);
			break;
		case 'k':
			tt_bench_pick(optarg, tt_bench_kind_name, TT_BENCH_NKINDS, o->kinds);
			break;
		case 's':
			tt_bench_sizes(optarg, o);
			break;
		case 'm':
			tt_bench_pick(optarg, modes, 4, m);
			break;
		case 'n':
			o->trials = atoi(optarg);
			if (o->trials < 1 || o->trials > TT_BENCH_MAX_TRIALS)
				tt_bench_usage();
			break;
		case 'd':
			o->seconds = atof(optarg);
			if (o->seconds < 0.05 || o->seconds > 600)
				tt_bench_usage();
			break;
		case 'u':
			o->unit = atoi(optarg);
			break;
		case 'j':
			o->json = optarg;
			break;
		case 'N':
			if (unshare(CLONE_NEWNET) < 0 || tt_bench_netcfg_lo_up() < 0) {
				perror("tt-bench: private network namespace");
				exit(1);
			}
			break;
		default:
			tt_bench_usage();
		}
	}
	if (optind != argc)
		tt_bench_usage();
	o->inject = m[0];
	o->deliver = m[1];
	o->latency = m[2];
	o->vpn = m[3];
}

/* The IP size of "max": what the smallest of the targets' MTUs allows. */
static size_t tt_bench_max_size(const struct tt_bench_opts *o, enum tt_bench_kind k)
{
	int t, mtu, best = 65535;

	for (t = 0; t < TT_BENCH_NTARGETS; t++) {
		if (!o->targets[t])
			continue;
		mtu = tt_bench_dev_max_mtu(t, k, o->unit);
		if (mtu > 0 && mtu < best)
			best = mtu;
	}
	return (size_t)best;
}

static struct tt_bench_fig *tt_bench_fig(const char *mode, enum tt_bench_kind k,
					 size_t size, const char *metric, int high)
{
	return tt_bench_fig_new(mode, tt_bench_kind_name[k], size, metric, high);
}

/* Both targets' trials of one mode, alternating; -1 ends the run. */
static int tt_bench_mode(const struct tt_bench_opts *o, struct tt_bench_dev *d,
			 enum tt_bench_kind k, size_t size, const char *mode)
{
	struct tt_bench_fig *f[5];
	struct tt_bench_flow fl;
	struct tt_bench_lat la;
	int lat = strcmp(mode, "latency") == 0;
	int inj = strcmp(mode, "inject") == 0;
	int i, t, r;

	if (lat) {
		f[0] = tt_bench_fig(mode, k, size, "p50_ns", 0);
		f[1] = tt_bench_fig(mode, k, size, "p99_ns", 0);
		f[2] = tt_bench_fig(mode, k, size, "p99.9_ns", 0);
	} else {
		f[0] = tt_bench_fig(mode, k, size, "pps", 1);
		f[1] = tt_bench_fig(mode, k, size, "gbps", 1);
		f[2] = tt_bench_fig(mode, k, size, "ns_pkt", 0);
		f[3] = tt_bench_fig(mode, k, size, "cpu_ns_pkt", 0);
		f[4] = tt_bench_fig(mode, k, size, "drop_pct", 0);
	}
	/* trial -1 is the warm-up, its figures are thrown away */
	for (i = -1; i < o->trials; i++) {
		for (t = 0; t < TT_BENCH_NTARGETS; t++) {
			if (!o->targets[t])
				continue;
			if (lat)
				r = tt_bench_latency(&d[t], size, o->seconds, &la);
			else if (inj)
				r = tt_bench_inject(&d[t], size, o->seconds, &fl);
			else
				r = tt_bench_deliver(&d[t], size, o->seconds, &fl);
			if (r < 0) {
				fprintf(stderr, "tt-bench: %s %s %s %zu: no packet came through\n",
					tt_bench_target_name[t], mode, tt_bench_kind_name[k], size);
				return -1;
			}
			if (i < 0)
				continue;
			if (lat) {
				tt_bench_fig_add(f[0], t, la.p50);
				tt_bench_fig_add(f[1], t, la.p99);
				tt_bench_fig_add(f[2], t, la.p999);
			} else {
				tt_bench_fig_add(f[0], t, fl.pps);
				tt_bench_fig_add(f[1], t, fl.gbps);
				tt_bench_fig_add(f[2], t, fl.ns_pkt);
				tt_bench_fig_add(f[3], t, fl.cpu_ns_pkt);
				tt_bench_fig_add(f[4], t, fl.drop_pct);
			}
		}
	}
	return 0;
}

/* Every mode at one kind and size, both targets' devices open at once. */
static int tt_bench_point(const struct tt_bench_opts *o, enum tt_bench_kind k, size_t size)
{
	struct tt_bench_dev d[TT_BENCH_NTARGETS];
	int t, r = 0, mtu = size > 1500 ? (int)size : 0;

	for (t = 0; t < TT_BENCH_NTARGETS; t++)
		d[t].fd = -1;
	for (t = 0; t < TT_BENCH_NTARGETS; t++) {
		if (o->targets[t] && tt_bench_dev_open(&d[t], t, k, o->unit, t + 1, 1, mtu) < 0) {
			r = -1;
			goto out_close;
		}
	}
	fprintf(stderr, "tt-bench: %s %zu B\n", tt_bench_kind_name[k], size);
	if (r == 0 && o->inject)
		r = tt_bench_mode(o, d, k, size, "inject");
	if (r == 0 && o->deliver)
		r = tt_bench_mode(o, d, k, size, "deliver");
	if (r == 0 && o->latency)
		r = tt_bench_mode(o, d, k, size, "latency");
out_close:
	for (t = 0; t < TT_BENCH_NTARGETS; t++)
		tt_bench_dev_close(&d[t]);
	return r;
}

static int tt_bench_vpn_all(const struct tt_bench_opts *o)
{
	struct tt_bench_fig *g = tt_bench_fig("vpn", TT_BENCH_TUN, 1500, "gbps", 1);
	struct tt_bench_fig *re = tt_bench_fig("vpn", TT_BENCH_TUN, 1500, "retrans", 0);
	double gbps, retrans;
	int i, t;

	fprintf(stderr, "tt-bench: vpn (iperf3 through a forwarder)\n");
	for (i = 0; i < o->trials; i++) {
		for (t = 0; t < TT_BENCH_NTARGETS; t++) {
			if (!o->targets[t])
				continue;
			if (tt_bench_vpn(t, o->unit, o->seconds < 2 ? 2 : o->seconds,
					 &gbps, &retrans) < 0)
				return -1;
			tt_bench_fig_add(g, t, gbps);
			tt_bench_fig_add(re, t, retrans);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct tt_bench_opts o;
	size_t size;
	int k, s, r = 0;

	memset(&o, 0, sizeof(o));
	setvbuf(stdout, NULL, _IOLBF, 0);
	tt_bench_opts_parse(argc, argv, &o);
	for (k = 0; k < TT_BENCH_NKINDS && r == 0; k++) {
		if (!o.kinds[k] || !(o.inject || o.deliver || o.latency))
			continue;
		for (s = 0; s < o.nsizes && r == 0; s++) {
			size = o.sizes[s] ? o.sizes[s] : tt_bench_max_size(&o, k);
			r = tt_bench_point(&o, k, size);
		}
	}
	if (r == 0 && o.vpn)
		r = tt_bench_vpn_all(&o);
	tt_bench_report_table();
	if (o.json && tt_bench_report_json(&o, o.json) < 0)
		r = -1;
	return r == 0 ? 0 : 1;
}
