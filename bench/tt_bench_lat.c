// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_bench_lat.c: latency, one packet in flight at a time.  The main
 * thread writes a UDP packet into the device; an echo thread, a plain UDP
 * server on our address, receives it and sends it back to the peer, which
 * the stack routes out through the device; the main thread reads it.  So
 * one round trip is write, the stack's input, a socket wake-up, a send,
 * the device's transmit, and a reader wake-up.
 *
 * A lost packet must not hang the run: a one-second interval timer
 * interrupts the read (its signal is blocked in the echo thread).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "tt_bench.h"

#define TT_BENCH_LAT_MAX 100000

static void tt_bench_lat_nop(int sig)
{
	(void)sig;
}

static void tt_bench_lat_echo(struct tt_bench_worker *w)
{
	int s = *(int *)w->arg;
	struct sockaddr_in from;
	socklen_t fl;
	uint8_t buf[TT_BENCH_BUF];
	ssize_t n;

	while (!w->stop) {
		fl = sizeof(from);
		n = recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
		if (n >= 0)
			sendto(s, buf, (size_t)n, 0, (struct sockaddr *)&from, fl);
	}
}

/* One round trip in ns, or -1 if the echo did not come back in time. */
static double tt_bench_lat_one(struct tt_bench_dev *d, uint8_t *out, uint8_t *in,
			       size_t size, uint32_t seq)
{
	struct itimerval it = { .it_value = { .tv_sec = 1 } };
	size_t len = tt_bench_pkt_build(d, out, size, TT_BENCH_PORT + 3,
					TT_BENCH_PORT + 2, seq);
	size_t at = d->hdr_len + 28;	/* the sequence number, after IP and UDP */
	uint64_t t0, t1;
	ssize_t n;

	setitimer(ITIMER_REAL, &it, NULL);
	t0 = tt_bench_now_ns();
	if (write(d->fd, out, len) != (ssize_t)len)
		return -1;
	for (;;) {
		n = read(d->fd, in, TT_BENCH_BUF);
		if (n < 0)
			return -1;
		if ((size_t)n == len && memcmp(in + at, &seq, 4) == 0)
			break;
	}
	t1 = tt_bench_now_ns();
	return (double)(t1 - t0);
}

int tt_bench_latency(struct tt_bench_dev *d, size_t size, double seconds,
		     struct tt_bench_lat *out)
{
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	struct tt_bench_worker echo = { .fn = tt_bench_lat_echo };
	struct sigaction sa;
	sigset_t alrm;
	uint8_t *out_buf, *in_buf;
	double *v, t;
	uint64_t end, warm;
	uint32_t seq = 0;
	int s, n = 0, r = -1;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = tt_bench_lat_nop;
	sigaction(SIGALRM, &sa, NULL);
	s = tt_bench_udp_socket(&d->local, TT_BENCH_PORT + 2);
	if (s < 0)
		return -1;
	echo.arg = &s;
	v = malloc(TT_BENCH_LAT_MAX * sizeof(*v));
	out_buf = malloc(TT_BENCH_BUF);
	in_buf = malloc(TT_BENCH_BUF);
	if (!v || !out_buf || !in_buf)
		goto err_free;
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &alrm, NULL);
	r = tt_bench_worker_start(&echo);
	pthread_sigmask(SIG_UNBLOCK, &alrm, NULL);
	if (r < 0)
		goto err_free;

	warm = tt_bench_now_ns() + (uint64_t)(seconds / 4 * 1e9);
	end = warm + (uint64_t)(seconds * 1e9);
	while (tt_bench_now_ns() < end && n < TT_BENCH_LAT_MAX) {
		t = tt_bench_lat_one(d, out_buf, in_buf, size, ++seq);
		if (t >= 0 && tt_bench_now_ns() > warm)
			v[n++] = t;
	}
	setitimer(ITIMER_REAL, &off, NULL);
	tt_bench_worker_stop(&echo);
	out->samples = n;
	out->p50 = tt_bench_pct(v, n, 50);
	out->p99 = tt_bench_pct(v, n, 99);
	out->p999 = tt_bench_pct(v, n, 99.9);
	r = n > 0 ? 0 : -1;
err_free:
	free(v);
	free(out_buf);
	free(in_buf);
	close(s);
	return r;
}
