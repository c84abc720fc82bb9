// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_bench_vpn.c: the shape of a VPN.  Two network namespaces, each with
 * one tun device; a userspace forwarder (two threads, one per direction,
 * read from one device and write into the other, as a VPN daemon does
 * minus the crypto) joins them; Debian's iperf3 runs a TCP test from one
 * namespace to the other through it.
 *
 * The namespaces are made here with unshare() and kept by descriptor,
 * so nothing is named or left behind: when the devices and the
 * descriptors close, the namespaces go.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt_bench.h"

#define TT_BENCH_VPN_SUBNET 50	/* 10.150.0.1 and 10.150.0.2 */

struct tt_bench_fwd {
	int from, to;
};

static void tt_bench_vpn_fwd(struct tt_bench_worker *w)
{
	struct tt_bench_fwd *f = w->arg;
	uint8_t *buf = malloc(TT_BENCH_BUF);
	ssize_t n;

	while (buf && !w->stop) {
		n = read(f->from, buf, TT_BENCH_BUF);
		if (n > 0 && write(f->to, buf, (size_t)n) == n)
			w->count++;
	}
	free(buf);
}

/* A new namespace with one device: host 1 is the client's, 2 the server's. */
static int tt_bench_vpn_side(enum tt_bench_target t, int unit, int host,
			     int orig, struct tt_bench_dev *d, int *ns)
{
	int r = -1;

	if (unshare(CLONE_NEWNET) < 0)
		return -1;
	*ns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (*ns >= 0 && tt_bench_netcfg_lo_up() == 0 &&
	    tt_bench_dev_open(d, t, TT_BENCH_TUN, unit + host - 1,
			      TT_BENCH_VPN_SUBNET, host, 0) == 0)
		r = 0;
	if (setns(orig, CLONE_NEWNET) < 0)
		r = -1;
	return r;
}

/* Run argv in namespace ns, stdout to fd out (-1: /dev/null). */
static pid_t tt_bench_vpn_spawn(int ns, char *const argv[], int out)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	if (out < 0)
		out = open("/dev/null", O_WRONLY);
	if (setns(ns, CLONE_NEWNET) < 0 || dup2(out, 1) < 0)
		_exit(127);
	execvp(argv[0], argv);
	_exit(127);
}

static double tt_bench_vpn_field(const char *json, const char *section,
				 const char *key)
{
	const char *p = strstr(json, section);

	if (!p || !(p = strstr(p, key)))
		return -1;
	p = strchr(p, ':');
	return p ? atof(p + 1) : -1;
}

/* The client's JSON report, read whole; a refused connection is retried
 * since the server may not be listening yet. */
static int tt_bench_vpn_client(int ns, double seconds, char *json, size_t len)
{
	char secs[16];
	char *argv[] = { "iperf3", "-c", "10.150.0.2", "-t", secs, "-J", NULL };
	int tries, p[2], st;
	size_t got;
	ssize_t n;
	pid_t pid;

	snprintf(secs, sizeof(secs), "%d", seconds < 1 ? 1 : (int)(seconds + 0.5));
	for (tries = 0; tries < 20; tries++) {
		if (pipe(p) < 0)
			return -1;
		pid = tt_bench_vpn_spawn(ns, argv, p[1]);
		close(p[1]);
		got = 0;
		while (got + 1 < len && (n = read(p[0], json + got, len - 1 - got)) > 0)
			got += (size_t)n;
		json[got] = 0;
		close(p[0]);
		if (pid < 0 || waitpid(pid, &st, 0) < 0)
			return -1;
		/* with -J, iperf3 may report an error and still exit 0 */
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0 && !strstr(json, "\"error\""))
			return 0;
		if (!strstr(json, "refused"))
			break;
		tt_bench_sleep(0.25);
	}
	fprintf(stderr, "tt-bench: iperf3 client failed:\n%.2000s\n", json);
	return -1;
}

int tt_bench_vpn(enum tt_bench_target t, int unit, double seconds,
		 double *gbps, double *retrans)
{
	char *server[] = { "iperf3", "-s", "-1", "-B", "10.150.0.2", NULL };
	struct tt_bench_dev d[2] = { { .fd = -1 }, { .fd = -1 } };
	struct tt_bench_fwd ab, ba;
	struct tt_bench_worker wab = { .fn = tt_bench_vpn_fwd, .arg = &ab };
	struct tt_bench_worker wba = { .fn = tt_bench_vpn_fwd, .arg = &ba };
	int orig, ns[2] = { -1, -1 }, r = -1, i;
	size_t len = 1 << 20;
	char *json = malloc(len);
	pid_t srv;

	orig = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (orig < 0 || !json)
		goto out_free;
	if (tt_bench_vpn_side(t, unit, 1, orig, &d[0], &ns[0]) < 0 ||
	    tt_bench_vpn_side(t, unit, 2, orig, &d[1], &ns[1]) < 0) {
		fprintf(stderr, "tt-bench: vpn: namespaces: %s\n", strerror(errno));
		goto out_close;
	}
	ab = (struct tt_bench_fwd){ d[0].fd, d[1].fd };
	ba = (struct tt_bench_fwd){ d[1].fd, d[0].fd };
	if (tt_bench_worker_start(&wab) < 0)
		goto out_close;
	if (tt_bench_worker_start(&wba) < 0)
		goto out_stop_ab;
	srv = tt_bench_vpn_spawn(ns[1], server, -1);
	if (srv > 0 && tt_bench_vpn_client(ns[0], seconds, json, len) == 0) {
		*gbps = tt_bench_vpn_field(json, "\"sum_received\"", "\"bits_per_second\"") / 1e9;
		*retrans = tt_bench_vpn_field(json, "\"sum_sent\"", "\"retransmits\"");
		r = *gbps > 0 ? 0 : -1;
		if (r < 0)
			fprintf(stderr, "tt-bench: iperf3 said no throughput:\n%.2000s\n", json);
	}
	if (srv > 0) {
		/* -1: the server ends after one test, or never got one */
		for (i = 0; i < 100 && waitpid(srv, NULL, WNOHANG) == 0; i++)
			tt_bench_sleep(0.02);
		if (i == 100) {
			kill(srv, SIGKILL);
			waitpid(srv, NULL, 0);
		}
	}
	tt_bench_worker_stop(&wba);
out_stop_ab:
	tt_bench_worker_stop(&wab);
out_close:
	tt_bench_dev_close(&d[0]);
	tt_bench_dev_close(&d[1]);
	for (i = 0; i < 2; i++)
		if (ns[i] >= 0)
			close(ns[i]);
out_free:
	if (orig >= 0)
		close(orig);
	free(json);
	return r;
}
