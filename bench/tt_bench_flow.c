// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_bench_flow.c: throughput one way through a device.
 *
 * inject:  a writer thread write()s UDP packets into the device; a UDP
 *          socket bound to our address receives them.
 * deliver: a UDP socket sends to the peer, so the stack transmits through
 *          the device; a reader thread read()s them from it.
 *
 * A trial warms up for a quarter of its length, then counts what arrived
 * at the far end over its length: packets/s, Gbit/s (IP bytes), ns per
 * packet, the process's CPU time per packet (every thread, user and
 * system), and the share of packets sent that never arrived.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tt_bench.h"

/* How many windows a trial waits for its first packet before it fails. */
#define TT_BENCH_FLOW_WINDOWS 20

struct tt_bench_flowctx {
	struct tt_bench_dev *d;
	int sock;
	uint8_t *out;		/* what the sending side sends */
	size_t out_len;
	size_t in_len;		/* what the receiving side counts */
};

static void tt_bench_flow_tick(struct tt_bench_worker *w, uint64_t *n)
{
	(*n)++;
	__atomic_store_n(&w->count, *n, __ATOMIC_RELAXED);
}

static void tt_bench_flow_write(struct tt_bench_worker *w)
{
	struct tt_bench_flowctx *c = w->arg;
	uint64_t n = 0;

	while (!w->stop) {
		if (write(c->d->fd, c->out, c->out_len) == (ssize_t)c->out_len)
			tt_bench_flow_tick(w, &n);
		else if (errno != EINTR)
			w->errors++;
	}
}

static void tt_bench_flow_recv(struct tt_bench_worker *w)
{
	struct tt_bench_flowctx *c = w->arg;
	uint8_t *buf = malloc(TT_BENCH_BUF);
	uint64_t n = 0;

	while (buf && !w->stop) {
		if (recv(c->sock, buf, TT_BENCH_BUF, 0) == (ssize_t)c->in_len)
			tt_bench_flow_tick(w, &n);
	}
	free(buf);
}

static void tt_bench_flow_send(struct tt_bench_worker *w)
{
	struct tt_bench_flowctx *c = w->arg;
	uint64_t n = 0;

	while (!w->stop) {
		if (send(c->sock, c->out, c->out_len, 0) == (ssize_t)c->out_len)
			tt_bench_flow_tick(w, &n);
		else if (errno != EINTR)
			w->errors++;
	}
}

/* Only our packets count: the stack may send something of its own. */
static void tt_bench_flow_read(struct tt_bench_worker *w)
{
	struct tt_bench_flowctx *c = w->arg;
	uint8_t *buf = malloc(TT_BENCH_BUF);
	uint64_t n = 0;

	while (buf && !w->stop) {
		if (read(c->d->fd, buf, TT_BENCH_BUF) == (ssize_t)c->in_len)
			tt_bench_flow_tick(w, &n);
	}
	free(buf);
}

static uint64_t tt_bench_flow_count(struct tt_bench_worker *w)
{
	return __atomic_load_n(&w->count, __ATOMIC_RELAXED);
}

/* Start rx then tx, measure at rx, stop tx, let rx drain, stop rx. */
static int tt_bench_flow_run(struct tt_bench_worker *tx, struct tt_bench_worker *rx,
			     size_t size, double seconds, struct tt_bench_flow *out)
{
	uint64_t t0, t1, c0, c1, n0, n1, sent, got;
	int w;

	if (tt_bench_worker_start(rx) < 0)
		return -1;
	if (tt_bench_worker_start(tx) < 0) {
		tt_bench_worker_stop(rx);
		return -1;
	}
	tt_bench_sleep(seconds / 4);
	t0 = tt_bench_now_ns();
	c0 = tt_bench_cpu_ns();
	n0 = tt_bench_flow_count(rx);
	/*
	 * A loaded host may not run the threads at all in a short window
	 * (make check's 0.1 s, with other work on the CPUs): measure on,
	 * window after window, until something arrived.  The figures are
	 * still what arrived over the time it took.
	 */
	for (w = 0; w < TT_BENCH_FLOW_WINDOWS; w++) {
		tt_bench_sleep(seconds);
		n1 = tt_bench_flow_count(rx);
		if (n1 > n0)
			break;
	}
	t1 = tt_bench_now_ns();
	c1 = tt_bench_cpu_ns();
	n1 = tt_bench_flow_count(rx);
	tt_bench_worker_stop(tx);
	tt_bench_sleep(0.05);
	tt_bench_worker_stop(rx);

	sent = tx->count;
	got = rx->count;
	if (n1 <= n0)
		return -1;
	out->pps = (double)(n1 - n0) * 1e9 / (double)(t1 - t0);
	out->gbps = out->pps * (double)size * 8 / 1e9;
	out->ns_pkt = 1e9 / out->pps;
	out->cpu_ns_pkt = (double)(c1 - c0) / (double)(n1 - n0);
	out->drop_pct = sent > got ? 100.0 * (double)(sent - got) / (double)sent : 0;
	return 0;
}

int tt_bench_inject(struct tt_bench_dev *d, size_t size, double seconds,
		    struct tt_bench_flow *out)
{
	struct tt_bench_flowctx c = { .d = d };
	struct tt_bench_worker tx = { .fn = tt_bench_flow_write, .arg = &c };
	struct tt_bench_worker rx = { .fn = tt_bench_flow_recv, .arg = &c };
	int r = -1;

	c.sock = tt_bench_udp_socket(&d->local, TT_BENCH_PORT);
	if (c.sock < 0)
		return -1;
	c.out = malloc(TT_BENCH_BUF);
	if (!c.out)
		goto err_close;
	c.out_len = tt_bench_pkt_build(d, c.out, size, TT_BENCH_PORT + 1,
				       TT_BENCH_PORT, 0);
	c.in_len = tt_bench_pkt_payload(size);
	r = tt_bench_flow_run(&tx, &rx, size, seconds, out);
	free(c.out);
err_close:
	close(c.sock);
	return r;
}

int tt_bench_deliver(struct tt_bench_dev *d, size_t size, double seconds,
		     struct tt_bench_flow *out)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(TT_BENCH_PORT) };
	struct tt_bench_flowctx c = { .d = d };
	struct tt_bench_worker tx = { .fn = tt_bench_flow_send, .arg = &c };
	struct tt_bench_worker rx = { .fn = tt_bench_flow_read, .arg = &c };
	int r = -1;

	c.sock = tt_bench_udp_socket(&d->local, TT_BENCH_PORT + 1);
	if (c.sock < 0)
		return -1;
	to.sin_addr = d->peer;
	if (connect(c.sock, (struct sockaddr *)&to, sizeof(to)) < 0)
		goto err_close;
	c.out_len = tt_bench_pkt_payload(size);
	c.out = calloc(1, c.out_len + 1);
	if (!c.out)
		goto err_close;
	c.in_len = d->hdr_len + size;
	r = tt_bench_flow_run(&tx, &rx, size, seconds, out);
	free(c.out);
err_close:
	close(c.sock);
	return r;
}
