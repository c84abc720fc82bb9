// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_load.c: every unit at once, traffic both ways for a bounded time,
 * then the books are balanced: what was written is counted received
 * (by a socket) or dropped (a full socket buffer, counted by UDP), what
 * the stack sent is read or dropped (counted in tx_dropped), nothing
 * vanishes; and the memory comes back: live_objects 0, and after the
 * suite slab usage at its baseline within a tolerance.  SPEC.md
 * section 14.
 *
 * TT_LOAD_MS sets the time under load (default 3000 ms: the suite runs
 * under software emulation in make check).
 */
#include "tt_test.h"
#include "tt_fault.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#define TT_LOAD_UNITS	16	/* the default, of each kind */
#define TT_LOAD_N	(2 * TT_LOAD_UNITS)
#define TT_LOAD_PORT	40210	/* local sockets */
#define TT_LOAD_PEER	40211	/* where the stack sends */
#define TT_LOAD_BURST	16	/* a round's, each way: < txqueuelen */
#define TT_LOAD_QLEN	128	/* the contract's default txqueuelen */
#define TT_LOAD_WAIT	5000

struct tt_load_unit {
	struct tt_dev d;
	int s;
	pthread_t t;
	long long deadline;
	long long wrote, write_refused, sent, send_refused;
	long long read, mine, received;
	long long rx0, tx0, drop0, err0;
};

static int tt_load_ms(void)
{
	const char *e = getenv("TT_LOAD_MS");
	int ms = e ? atoi(e) : 0;

	return ms > 0 ? ms : 3000;
}

/* A counter of /proc/net/snmp's Udp lines, by name; -1 if missing. */
static long long tt_udp_mib(const char *name)
{
	char head[1024], vals[1024], *hs, *vs, *h, *v;
	long long r = -1;
	FILE *f = fopen("/proc/net/snmp", "re");

	if (!f)
		return -1;
	while (fgets(head, sizeof(head), f) && fgets(vals, sizeof(vals), f)) {
		if (strncmp(head, "Udp: ", 5) != 0)
			continue;
		h = strtok_r(head + 5, " \n", &hs);
		v = strtok_r(vals + 5, " \n", &vs);
		for (; h && v; h = strtok_r(NULL, " \n", &hs),
		     v = strtok_r(NULL, " \n", &vs))
			if (strcmp(h, name) == 0)
				r = atoll(v);
		break;
	}
	fclose(f);
	return r;
}

/* Every unit open, up, with an IPv4 address, a socket and the counters'
 * starting points; rcvbuf: the sockets' receive buffer, 0 to leave it. */
static void tt_load_open_all(struct tt_load_unit *u, int rcvbuf, int oflags)
{
	int k, on = 1;

	memset(u, 0, sizeof(*u) * TT_LOAD_N);
	for (k = 0; k < TT_LOAD_N; k++) {
		tt_dev_setup(&u[k].d, k / TT_LOAD_UNITS, k % TT_LOAD_UNITS,
			     TT_SETUP_V4 | TT_SETUP_UP | TT_SETUP_NOXIO);
		if (oflags)
			TT_ASSERT_OK(fcntl(u[k].d.fd, F_SETFL, oflags));
		u[k].s = tt_fault_socket(&u[k].d, TT_LOAD_PORT);
		TT_ASSERT_OK(setsockopt(u[k].s, IPPROTO_IP, IP_RECVERR, &on,
					sizeof(on)));
		TT_ASSERT_OK(fcntl(u[k].s, F_SETFL, O_NONBLOCK));
		if (rcvbuf)
			TT_ASSERT_OK(setsockopt(u[k].s, SOL_SOCKET, SO_RCVBUF,
						&rcvbuf, sizeof(rcvbuf)));
		u[k].rx0 = tt_if_stat(u[k].d.name, "rx_packets");
		u[k].tx0 = tt_if_stat(u[k].d.name, "tx_packets");
		u[k].drop0 = tt_if_stat(u[k].d.name, "tx_dropped");
		u[k].err0 = tt_if_stat(u[k].d.name, "rx_errors");
	}
}

static void tt_load_close_all(struct tt_load_unit *u)
{
	int k;

	for (k = 0; k < TT_LOAD_N; k++) {
		close(u[k].s);
		tt_dev_close(&u[k].d);
	}
}

/* One round of a unit: a burst written, a burst sent by the stack, and
 * everything waiting on either side read. */
static void tt_load_round(struct tt_load_unit *u, uint8_t *buf, int send)
{
	struct sockaddr_in to;
	uint8_t payload[1400];
	ssize_t r;
	size_t n;
	int k;

	memset(payload, 0x5a, sizeof(payload));
	tt_fault_dest(&u->d, TT_LOAD_PEER, &to);
	for (k = 0; send && k < TT_LOAD_BURST; k++) {
		/* sizes from 1 to 1400 bytes of payload */
		n = 1 + (size_t)((u->wrote * 97) % 1400);
		n = tt_fault_frame(&u->d, buf, TT_LOAD_PEER, TT_LOAD_PORT,
				   payload, n);
		if (tt_xio_write(u->d.fd, buf, n) == (ssize_t)n)
			u->wrote++;
		else
			u->write_refused++;
		n = 1 + (size_t)((u->sent * 89) % 1400);
		if (sendto(u->s, payload, n, 0, (struct sockaddr *)&to,
			   sizeof(to)) == (ssize_t)n)
			u->sent++;
		else
			u->send_refused++;
	}
	while ((r = tt_xio_read(u->d.fd, buf, TT_PKT_MAX)) > 0) {
		struct tt_match_udp m = { u->d.kind == TT_DEV_TAP,
					  TT_LOAD_PEER };

		u->read++;
		u->mine += tt_match_udp4(buf, (size_t)r, &m) != 0;
	}
	while (recv(u->s, buf, TT_PKT_MAX, 0) >= 0)
		u->received++;
}

static void *tt_load_unit_run(void *arg)
{
	struct tt_load_unit *u = arg;
	uint8_t *buf = malloc(TT_PKT_MAX);
	long long idle_until;

	if (!buf)
		return (void *)1;
	while (tt_now_ms() < u->deadline)
		tt_load_round(u, buf, 1);
	/* drain: until the reader has all that the stack took, or a while */
	idle_until = tt_now_ms() + TT_LOAD_WAIT;
	while (u->mine + tt_if_stat(u->d.name, "tx_dropped") - u->drop0 <
	       u->sent && tt_now_ms() < idle_until) {
		tt_load_round(u, buf, 0);
		tt_msleep(1);
	}
	tt_load_round(u, buf, 0);
	free(buf);
	return NULL;
}

/* Every tun and tap unit at once, traffic both ways for TT_LOAD_MS:
 * writes and reads balance against the interface counters, the sockets
 * and UDP's count of full buffers; then everything closed, nothing is
 * alive in the module. */
START_TEST(test_load_every_unit_both_ways)
{
	static struct tt_load_unit u[TT_LOAD_N];
	long long wrote = 0, sent = 0, read = 0, mine = 0, received = 0;
	long long rcvbuf0, rcvbuf, dropped = 0, t0;
	long long deadline;
	int k;

	tt_sum_begin("load", "test_load_every_unit_both_ways", -1);
	ck_assert_int_eq(tt_fault_live_wait(0, TT_LOAD_WAIT), 0);
	/* a first round: every unit opens and moves a packet */
	tt_load_open_all(u, 0, O_NONBLOCK);
	for (k = 0; k < TT_LOAD_N; k++)
		tt_fault_works(&u[k].d);
	tt_load_close_all(u);
	ck_assert_int_eq(tt_fault_live_wait(0, TT_LOAD_WAIT), 0);

	rcvbuf0 = tt_udp_mib("RcvbufErrors");
	tt_load_open_all(u, 0, O_NONBLOCK);
	t0 = tt_now_ms();
	deadline = t0 + tt_load_ms();
	for (k = 0; k < TT_LOAD_N; k++) {
		u[k].deadline = deadline;
		ck_assert_int_eq(pthread_create(&u[k].t, NULL,
						tt_load_unit_run, &u[k]), 0);
	}
	for (k = 0; k < TT_LOAD_N; k++) {
		void *r;

		ck_assert_msg(tt_thread_join(u[k].t, tt_load_ms() +
					     3 * TT_LOAD_WAIT, &r) == 0 &&
			      r == NULL, "%s: the load thread is stuck",
			      u[k].d.name);
	}
	printf("load: %d units, %lld ms\n", TT_LOAD_N, tt_now_ms() - t0);
	rcvbuf = tt_udp_mib("RcvbufErrors") - rcvbuf0;
	for (k = 0; k < TT_LOAD_N; k++) {
		struct tt_load_unit *x = &u[k];
		const char *n = x->d.name;
		long long drop = tt_if_stat(n, "tx_dropped") - x->drop0;

		ck_assert_msg(x->write_refused == 0 && x->send_refused == 0,
			      "%s: %lld writes and %lld sends refused", n,
			      x->write_refused, x->send_refused);
		ck_assert_int_eq(tt_if_stat(n, "rx_packets") - x->rx0,
				 x->wrote);
		ck_assert_int_eq(tt_if_stat(n, "tx_packets") - x->tx0,
				 x->read);
		ck_assert_int_eq(tt_if_stat(n, "rx_errors") - x->err0, 0);
		ck_assert_msg(x->mine + drop == x->sent, "%s: %lld sent, "
			      "%lld read, %lld dropped", n, x->sent, x->mine,
			      drop);
		wrote += x->wrote;
		sent += x->sent;
		read += x->read;
		mine += x->mine;
		received += x->received;
		dropped += drop;
	}
	ck_assert_msg(received + rcvbuf == wrote, "%lld written, %lld "
		      "received by sockets, %lld dropped by full buffers",
		      wrote, received, rcvbuf);
	tt_load_close_all(u);
	ck_assert_msg(tt_fault_live_wait(0, TT_LOAD_WAIT) == 0,
		      "live_objects %ld after close", tt_fault_live());
	printf("load: written %lld (received %lld, %lld dropped by full "
	       "socket buffers); sent by the stack %lld (read %lld, dropped "
	       "%lld); %lld reads in all\n", wrote, received, rcvbuf, sent,
	       mine, dropped, read);
	tt_sum_end(wrote + sent, received + mine, rcvbuf + dropped, 0);
}
END_TEST

/* Every unit overrun at once: the stack fills each queue to txqueuelen
 * with nobody reading, writes flood sockets that do not read; then every
 * interface goes down.  Each queued packet is dropped and counted in
 * tx_dropped, each datagram a full socket refused in RcvbufErrors. */
START_TEST(test_load_overrun_dropped_counted)
{
	static struct tt_load_unit u[TT_LOAD_N];
	static uint8_t buf[TT_PKT_MAX];
	long long wrote = 0, received = 0, dropped = 0, rcvbuf0, rcvbuf;
	struct sockaddr_in to;
	long live;
	size_t n;
	int k, i;

	tt_sum_begin("load", "test_load_overrun_dropped_counted", -1);
	ck_assert_int_eq(tt_fault_live_wait(0, TT_LOAD_WAIT), 0);
	rcvbuf0 = tt_udp_mib("RcvbufErrors");
	tt_load_open_all(u, 4096, 0);
	for (k = 0; k < TT_LOAD_N; k++) {
		tt_fault_dest(&u[k].d, TT_LOAD_PEER, &to);
		for (i = 0; i < TT_LOAD_QLEN; i++)
			ck_assert_int_eq(sendto(u[k].s, "q", 1, 0,
						(struct sockaddr *)&to,
						sizeof(to)), 1);
		n = tt_fault_frame(&u[k].d, buf, TT_LOAD_PEER, TT_LOAD_PORT,
				   "flood", 5);
		for (i = 0; i < 2 * TT_LOAD_QLEN; i++)
			ck_assert_int_eq(tt_xio_write(u[k].d.fd, buf, n),
					 (ssize_t)n);
		wrote += 2 * TT_LOAD_QLEN;
	}
	live = tt_fault_live_wait(TT_LOAD_N * (1 + TT_LOAD_QLEN), TT_LOAD_WAIT);
	ck_assert_msg(live == TT_LOAD_N * (1 + TT_LOAD_QLEN),
		      "live_objects %ld: not every queue holds %d", live,
		      TT_LOAD_QLEN);
	for (k = 0; k < TT_LOAD_N; k++)
		ck_assert_int_eq(tt_if_set_up(u[k].d.name, 0), 0);
	ck_assert_int_eq(tt_fault_live(), TT_LOAD_N);
	rcvbuf = tt_udp_mib("RcvbufErrors") - rcvbuf0;
	for (k = 0; k < TT_LOAD_N; k++) {
		while (recv(u[k].s, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
			received++;
		ck_assert_int_eq(tt_if_stat(u[k].d.name, "tx_dropped") -
				 u[k].drop0, TT_LOAD_QLEN);
		ck_assert_int_eq(tt_if_stat(u[k].d.name, "rx_packets") -
				 u[k].rx0, 2 * TT_LOAD_QLEN);
		dropped += TT_LOAD_QLEN;
	}
	ck_assert_int_gt(rcvbuf, 0);
	ck_assert_msg(received + rcvbuf == wrote, "%lld written, %lld "
		      "received, %lld dropped by full buffers", wrote,
		      received, rcvbuf);
	tt_load_close_all(u);
	ck_assert_int_eq(tt_fault_live_wait(0, TT_LOAD_WAIT), 0);
	printf("load: overrun: %lld queued and dropped at down; %lld "
	       "written, %lld received, %lld dropped by full buffers\n",
	       dropped, wrote, received, rcvbuf);
	tt_sum_end(wrote + dropped, received, dropped + rcvbuf, 0);
}
END_TEST

/* After both scenarios: nothing alive, the slab back at the suite's
 * baseline.  Apart from them, so that a kernel on which slab totals
 * mean nothing (KASAN's quarantine keeps freed objects) can skip this
 * alone (conformance/expect/kasan.txt). */
START_TEST(test_load_memory_returned)
{
	tt_fault_memory_check("load", "test_load_memory_returned");
}
END_TEST

Suite *make_load_suite(void)
{
	Suite *s = suite_create("load");
	TCase *tc = tt_tcase_create("load");

	tcase_set_timeout(tc, 120);
	tt_test_add(tc, test_load_every_unit_both_ways);
	tt_test_add(tc, test_load_overrun_dropped_counted);
	tt_test_add(tc, test_load_memory_returned);
	/* the slab baseline, before the first test (tt_fault.c) */
	tcase_add_unchecked_fixture(tc, tt_fault_suite_setup, NULL);
	suite_add_tcase(s, tc);
	return s;
}
