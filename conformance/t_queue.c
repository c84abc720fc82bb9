// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_queue.c: packets from the stack wait for read() in a queue bounded
 * by txqueuelen (default 128).  When it is full the transmit queue is
 * stopped, so the qdisc holds packets back instead of the driver
 * dropping them, and reading wakes it again; going down drops what was
 * queued (tx_dropped); the counters count exactly what passed.
 * Contract section "queue".
 */
#include "tt_test.h"
#include "tt_fault.h"

#include <arpa/inet.h>
#include <fcntl.h>
#ifdef __linux__
#include <linux/sockios.h>	/* SIOCOUTQ */
#endif
#include <poll.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define TT_PORT_LOCAL	40301	/* the host's socket */
#define TT_PORT_PEER	40302	/* the simulated peer */
#define TT_WAIT_MS	3000	/* the VM is emulated: be generous */
#define TT_QDISC	"/proc/sys/net/core/default_qdisc"
#define TT_UDP4_HDRS	(20 + 8)
#define TT_SEQ_LEN	32	/* payload of a numbered datagram */

static uint8_t tt_buf[TT_PKT_MAX];

/* One unit as the stack's sender sees it. */
struct tt_q {
	struct tt_dev d;
	int s;				/* the host's UDP socket */
	struct sockaddr_in peer;	/* where it sends */
	size_t l2;			/* tap: Ethernet header in front */
};

/*
 * Bring the interface up under pfifo_fast.  The VM's default qdisc,
 * fq_codel, drops packets that waited longer than its target when they
 * are dequeued, so what it gives back after a slow reader would depend
 * on timing; pfifo_fast holds txqueuelen packets, drops none of them,
 * and refuses the next with NET_XMIT_DROP, which a socket with
 * IP_RECVERR sees as ENOBUFS.  The default is restored at once.
 */
static void tt_q_up_pfifo_fast(struct tt_q *q)
{
	char old[64] = "";
	FILE *f = fopen(TT_QDISC, "re");
	int set, up, restored;

	ck_assert_msg(f && fgets(old, sizeof(old), f), "%s unreadable",
		      TT_QDISC);
	fclose(f);
	old[strcspn(old, "\n")] = '\0';
	set = tt_sysctl_set(TT_QDISC, "pfifo_fast");
	up = tt_if_set_up(q->d.name, 1);
	restored = tt_sysctl_set(TT_QDISC, old);
	ck_assert_msg(set == 0, "default_qdisc pfifo_fast: %s",
		      tt_errname(errno));
	ck_assert_msg(up == 0, "up %s", q->d.name);
	ck_assert_msg(restored == 0, "default_qdisc back to %s", old);
}

/*
 * Open unit 0, IPv4 only (nothing is sent but the test's datagrams),
 * txqueuelen qlen if not 0, up (under pfifo_fast when pfifo), with a
 * non-blocking socket of the host's sending to the peer.
 */
static void tt_q_setup(struct tt_q *q, enum tt_dev_kind kind, int qlen,
		       int pfifo)
{
	struct in_addr local;
	int on = 1, big = 4 << 20;

	memset(q, 0, sizeof(*q));
	tt_dev_setup(&q->d, kind, 0, TT_SETUP_V4);
	if (qlen)
		ck_assert_msg(tt_if_set_txqueuelen(q->d.name, qlen) == 0,
			      "txqueuelen %d: %s", qlen, tt_errname(errno));
	if (pfifo)
		tt_q_up_pfifo_fast(q);
	else
		TT_ASSERT_OK(tt_if_set_up(q->d.name, 1));
	/* reads never block the test: a missing packet is a timeout */
	TT_ASSERT_OK(fcntl(q->d.fd, F_SETFL, O_NONBLOCK));
	q->l2 = kind == TT_DEV_TAP ? TT_ETH_LEN : 0;
	q->peer.sin_family = AF_INET;
	q->peer.sin_port = htons(TT_PORT_PEER);
	tt_addr4(&q->d, 2, &q->peer.sin_addr);
	if (kind == TT_DEV_TAP)
		tt_stack_add_neigh(&q->d);
	tt_addr4(&q->d, 1, &local);
	q->s = tt_udp4_socket(&local, TT_PORT_LOCAL);
	ck_assert_msg(q->s >= 0, "UDP socket: %s", tt_errname(errno));
	TT_ASSERT_OK(fcntl(q->s, F_SETFL, O_NONBLOCK));
#ifdef __linux__	/* Linux's qdisc; a Mac has none (its tests are skipped) */
	/* a drop in the qdisc is reported to the sender, not hidden */
	TT_ASSERT_OK(setsockopt(q->s, IPPROTO_IP, IP_RECVERR, &on,
				sizeof(on)));
	/* the datagrams the qdisc holds are charged to the socket */
	TT_ASSERT_OK(setsockopt(q->s, SOL_SOCKET, SO_SNDBUFFORCE, &big,
				sizeof(big)));
#else
	(void)on;
	(void)big;
#endif
}

static void tt_q_close(struct tt_q *q)
{
	close(q->s);
	tt_dev_close(&q->d);
}

/* The host sends a datagram of n bytes whose first four are seq;
 * sendto()'s result. */
static ssize_t tt_q_send(struct tt_q *q, uint32_t seq, size_t n)
{
	uint8_t payload[TT_PKT_MAX];
	uint32_t be = htonl(seq);

	memset(payload, 0x5a, n);
	memcpy(payload, &be, sizeof(be));
	return sendto(q->s, payload, n, 0, (struct sockaddr *)&q->peer,
		      sizeof(q->peer));
}

/* Send each of n datagrams, asserting it is accepted. */
static void tt_q_send_ok(struct tt_q *q, const size_t *lens, int n)
{
	int i;

	for (i = 0; i < n; i++)
		ck_assert_msg(tt_q_send(q, (uint32_t)i, lens[i]) ==
			      (ssize_t)lens[i],
			      "sendto %d: %s", i, tt_errname(errno));
	ck_assert_msg(tt_fault_live_wait(1 + n, TT_WAIT_MS) == 1 + n,
		      "%d datagrams not queued: live_objects %ld", n,
		      tt_fault_live());
}

/*
 * Fill the queue of a unit of txqueuelen qlen with more than it and the
 * qdisc can hold, nobody reading; then read until empty.
 */
static void tt_q_fill_and_drain(enum tt_dev_kind kind, int qlen)
{
	const int nsend = 2 * qlen + 32;
	uint32_t *accepted = calloc((size_t)nsend, sizeof(uint32_t));
	int i, naccepted = 0, got = 0, refused = 0, live;
	long long deadline;
	struct tt_q q;
	uint32_t seq;
	ssize_t r;

	ck_assert(accepted != NULL);
	/* 128 is the default: leave it as the driver made it */
	tt_q_setup(&q, kind, qlen == 128 ? 0 : qlen, 1);
	ck_assert_int_eq(tt_if_txqueuelen(q.d.name), qlen);
	for (i = 0; i < nsend; i++) {
		errno = 0;
		if (tt_q_send(&q, (uint32_t)i, TT_SEQ_LEN) == TT_SEQ_LEN) {
			accepted[naccepted++] = (uint32_t)i;
			continue;
		}
		/* the qdisc is full (or the socket's buffer): refused, and
		 * the sender knows it */
		ck_assert_msg(errno == ENOBUFS || errno == EAGAIN,
			      "sendto %d: %s", i, tt_errname(errno));
		refused++;
	}
	ck_assert_msg(naccepted >= 2 * qlen,
		      "only %d of %d datagrams accepted: the qdisc did not "
		      "hold txqueuelen (%d) behind the driver's queue",
		      naccepted, nsend, qlen);
	/* the driver holds exactly txqueuelen, the qdisc the rest */
	live = tt_fault_live_wait(1 + qlen, TT_WAIT_MS);
	ck_assert_msg(live == 1 + qlen,
		      "%d packets in the driver's queue, txqueuelen %d",
		      live - 1, qlen);
	ck_assert_int_gt(tt_stack_fionread(&q.d), 0);

	/* reading wakes the transmit queue: the qdisc's packets follow */
	deadline = tt_now_ms() + TT_WAIT_MS;
	while (got < naccepted && tt_now_ms() < deadline) {
		if (!tt_wait_readable(q.d.fd, 100))
			continue;
		r = tt_xio_read(q.d.fd, tt_buf, sizeof(tt_buf));
		if (r < 0 && errno == EAGAIN)
			continue;
		ck_assert_msg(r == (ssize_t)(q.l2 + TT_UDP4_HDRS + TT_SEQ_LEN),
			      "read %zd: %s", r, tt_errname(errno));
		memcpy(&seq, tt_buf + q.l2 + TT_UDP4_HDRS, sizeof(seq));
		ck_assert_msg(ntohl(seq) == accepted[got],
			      "packet %d is datagram %u, expected %u", got,
			      ntohl(seq), accepted[got]);
		got++;
		deadline = tt_now_ms() + TT_WAIT_MS;
	}
	ck_assert_msg(got == naccepted,
		      "read %d of %d accepted datagrams (%d refused)", got,
		      naccepted, refused);
	ck_assert_int_eq(tt_stack_fionread(&q.d), 0);
	ck_assert_int_eq(tt_fault_live(), 1);
	free(accepted);
	tt_q_close(&q);
}

/* txqueuelen starts at 128 packets. */
START_TEST(test_txqueuelen_default_128)
{
	struct tt_dev d;

	TT_ASSERT_OK(tt_dev_open(&d, _i, 0, 0));
	ck_assert_int_eq(tt_if_txqueuelen(d.name), 128);
	tt_dev_close(&d);
}
END_TEST

/* With nobody reading, the driver queues txqueuelen (128) packets and
 * stops the transmit queue; the qdisc holds the next ones instead of the
 * driver dropping them; reading wakes the queue, and every packet the
 * stack accepted is read, in order. */
START_TEST(test_full_queue_held_by_qdisc_read_in_order)
{
	tt_q_fill_and_drain(_i, 128);
}
END_TEST

/* A smaller txqueuelen bounds the driver's queue the same way: 4
 * packets in the driver, the rest held back and read after them. */
START_TEST(test_smaller_txqueuelen_bounds_driver_queue)
{
	tt_q_fill_and_drain(_i, 4);
}
END_TEST

/* Going down drops the packets waiting in the queue, counting each in
 * tx_dropped; up again, the queue is empty. */
START_TEST(test_down_drops_queued_counted_tx_dropped)
{
	static const size_t lens[3] = { 10, 20, 30 };
	long long dropped;
	struct tt_q q;

	tt_q_setup(&q, _i, 0, 0);
	tt_q_send_ok(&q, lens, 3);
	dropped = tt_if_stat(q.d.name, "tx_dropped");
	ck_assert_int_ge(dropped, 0);
	TT_ASSERT_OK(tt_if_set_up(q.d.name, 0));
	ck_assert_int_eq(tt_if_stat(q.d.name, "tx_dropped"), dropped + 3);
	ck_assert_int_eq(tt_fault_live(), 1);
	TT_ASSERT_OK(tt_if_set_up(q.d.name, 1));
	ck_assert_int_eq(tt_stack_fionread(&q.d), 0);
	TT_ASSERT_FAILS(tt_xio_read(q.d.fd, tt_buf, sizeof(tt_buf)), EAGAIN);
	ck_assert_int_eq(tt_if_stat(q.d.name, "tx_dropped"), dropped + 3);
	tt_q_close(&q);
}
END_TEST

struct tt_counters {
	long long rx_packets, rx_bytes, tx_packets, tx_bytes, rx_errors,
		tx_dropped;
};

static void tt_counters(const char *name, struct tt_counters *c)
{
	c->rx_packets = tt_if_stat(name, "rx_packets");
	c->rx_bytes = tt_if_stat(name, "rx_bytes");
	c->tx_packets = tt_if_stat(name, "tx_packets");
	c->tx_bytes = tt_if_stat(name, "tx_bytes");
	c->rx_errors = tt_if_stat(name, "rx_errors");
	c->tx_dropped = tt_if_stat(name, "tx_dropped");
}

static void tt_counters_grew(const char *name, const struct tt_counters *a,
			     long long rxp, long long rxb, long long txp,
			     long long txb, long long rxe)
{
	struct tt_counters b;

	tt_counters(name, &b);
	ck_assert_int_eq(b.rx_packets - a->rx_packets, rxp);
	ck_assert_int_eq(b.rx_bytes - a->rx_bytes, rxb);
	ck_assert_int_eq(b.tx_packets - a->tx_packets, txp);
	ck_assert_int_eq(b.tx_bytes - a->tx_bytes, txb);
	ck_assert_int_eq(b.rx_errors - a->rx_errors, rxe);
	ck_assert_int_eq(b.tx_dropped - a->tx_dropped, 0);
}

/* Write a UDP datagram of n payload bytes from the peer to the host's
 * socket: behind the AF header on tun, in a frame on tap.  The number
 * of bytes handed to the stack (tun: without the header). */
static size_t tt_q_write_udp(struct tt_q *q, size_t n)
{
	static uint8_t payload[2048];
	struct in_addr local, peer;
	uint8_t mac[6], peer_mac[6];
	size_t len;

	tt_addr4(&q->d, 1, &local);
	tt_addr4(&q->d, 2, &peer);
	memset(payload, 'r', n);
	len = tt_pkt_udp4(tt_buf + TT_ETH_LEN, &peer, &local, TT_PORT_PEER,
			  TT_PORT_LOCAL, payload, n);
	if (q->d.kind == TT_DEV_TUN) {
		tt_hdr_put(tt_buf + TT_ETH_LEN - 4, AF_INET);
		ck_assert_int_eq(tt_xio_write(q->d.fd, tt_buf + TT_ETH_LEN - 4,
				       len + 4), (ssize_t)(len + 4));
		return len;
	}
	ck_assert_int_eq(tt_if_hwaddr(q->d.name, mac), ARPHRD_ETHER);
	tt_peer_mac(2, peer_mac);
	len = tt_pkt_eth(tt_buf, mac, peer_mac, 0x0800, len);
	ck_assert_int_eq(tt_xio_write(q->d.fd, tt_buf, len), (ssize_t)len);
	return len;
}

/*
 * The counters are exact.  rx_packets / rx_bytes count the packets
 * written and handed to the stack (tun: without the AF header; tap: the
 * whole frame); tx_packets / tx_bytes the packets read, at their full
 * length even when a short buffer truncated them (tun: the packet
 * without the AF header, which is not part of it); rx_errors the refused
 * writes, except EIO, which counts nothing; tx_dropped nothing here.
 */
START_TEST(test_counters_exact)
{
	static const size_t in[3] = { 10, 100, 1000 }, out[2] = { 50, 500 };
	struct tt_counters c0;
	long long rxb = 0, txb = 0;
	uint8_t bad[8] = { 0, 0, 0, 99, 0x45 };
	struct tt_q q;
	int i, mtu_max;

	tt_q_setup(&q, _i, 0, 0);
	if (_i == TT_DEV_TUN)
		TT_ASSERT_OK(tt_dev_set_header(&q.d, 1));
	tt_counters(q.d.name, &c0);

	for (i = 0; i < 3; i++) {
		rxb += (long long)tt_q_write_udp(&q, in[i]);
		ck_assert_msg(tt_wait_readable(q.s, TT_WAIT_MS),
			      "written datagram %d not handed to the stack", i);
		ck_assert_int_eq(recv(q.s, tt_buf, sizeof(tt_buf), 0),
				 (ssize_t)in[i]);
	}
	tt_counters_grew(q.d.name, &c0, 3, rxb, 0, 0, 0);

	tt_q_send_ok(&q, out, 2);
	ck_assert_int_eq(tt_xio_read(q.d.fd, tt_buf, sizeof(tt_buf)),
			 (ssize_t)(q.l2 + TT_UDP4_HDRS + out[0] +
				   (_i == TT_DEV_TUN ? 4 : 0)));
	/* truncated to 16 bytes, counted whole */
	ck_assert_int_eq(tt_xio_read(q.d.fd, tt_buf, 16), 16);
	txb = (long long)(2 * (q.l2 + TT_UDP4_HDRS) + out[0] + out[1]);
	tt_counters_grew(q.d.name, &c0, 3, rxb, 2, txb, 0);

	/* refused: empty, too long, too short for a header (tap: for an
	 * Ethernet header), an unknown address family (tap: too short) */
	mtu_max = 1500 + (_i == TT_DEV_TUN ? 4 : TT_ETH_LEN);
	memset(tt_buf, 0, sizeof(tt_buf));
	tt_buf[0] = 0x45;
	TT_ASSERT_FAILS(tt_xio_write(q.d.fd, tt_buf, 0), EINVAL);
	TT_ASSERT_FAILS(tt_xio_write(q.d.fd, tt_buf, (size_t)mtu_max + 1), EMSGSIZE);
	TT_ASSERT_FAILS(tt_xio_write(q.d.fd, tt_buf, 2), EINVAL);
	if (_i == TT_DEV_TUN)
		TT_ASSERT_FAILS(tt_xio_write(q.d.fd, bad, sizeof(bad)), EAFNOSUPPORT);
	else
		TT_ASSERT_FAILS(tt_xio_write(q.d.fd, tt_buf, TT_ETH_LEN - 1), EINVAL);
	tt_counters_grew(q.d.name, &c0, 3, rxb, 2, txb, 4);

	/* down: EIO, which counts nothing */
	TT_ASSERT_OK(tt_if_set_up(q.d.name, 0));
	TT_ASSERT_FAILS(tt_xio_write(q.d.fd, tt_buf, 64), EIO);
	tt_counters_grew(q.d.name, &c0, 3, rxb, 2, txb, 4);
	tt_q_close(&q);
}
END_TEST

/* Close frees the packets still queued: live_objects counts the unit and
 * each queued packet while open, and is back to 0 once close returns. */
START_TEST(test_close_frees_queued_packets)
{
	static const size_t lens[3] = { 10, 200, 1400 };
	struct tt_q q;

	ck_assert_int_eq(tt_fault_live(), 0);
	tt_q_setup(&q, _i, 0, 0);
	ck_assert_int_eq(tt_fault_live(), 1);
	tt_q_send_ok(&q, lens, 3);
	ck_assert_int_eq(tt_fault_live(), 1 + 3);
	tt_q_close(&q);
	ck_assert_int_eq(tt_fault_live(), 0);
	/* and a new interface starts with an empty queue (IPv6 off: its
	 * router solicitations and MLD reports would fill it) */
	tt_dev_setup(&q.d, _i, 0, TT_SETUP_UP);
	ck_assert_int_eq(tt_stack_fionread(&q.d), 0);
	tt_dev_close(&q.d);
	ck_assert_int_eq(tt_fault_live(), 0);
}
END_TEST

#ifdef __linux__	/* skb_orphan: the Linux port's promise, SIOCOUTQ */
/*
 * A packet waiting in the driver's queue holds nothing of its sender's:
 * a socket with a 16 KiB send buffer fills the queue (txqueuelen, at
 * most 128) with 1000-byte datagrams, over 100 KiB of packets, without
 * ever waiting for room; its unsent bytes (SIOCOUTQ) are 0 while they
 * wait, and it closes at once; the packets are then read, every one.  A
 * packet that kept its sender's memory (no skb_orphan) would stall the
 * socket after a few datagrams: a slow reader would pin every sender.
 */
START_TEST(test_queued_packets_pin_no_socket_memory)
{
	enum { LEN = 1000 };
	static uint8_t payload[LEN];
	struct sockaddr_in to;
	struct pollfd p;
	struct tt_dev d;
	int s, i, unsent = -1, sndbuf = 8192, n, qlen;

	tt_stack_setup(&d, _i, 0);
	qlen = tt_if_txqueuelen(d.name);
	ck_assert_int_gt(qlen, 16);
	qlen = qlen < 128 ? qlen : 128;
	s = tt_fault_socket(&d, TT_PORT_LOCAL);
	TT_ASSERT_OK(setsockopt(s, SOL_SOCKET, SO_SNDBUF, &sndbuf,
				sizeof(sndbuf)));
	tt_fault_dest(&d, TT_PORT_PEER, &to);
	for (i = 0; i < qlen; i++) {
		p = (struct pollfd){ .fd = s, .events = POLLOUT };
		ck_assert_msg(poll(&p, 1, 500) == 1 && (p.revents & POLLOUT),
			      "datagram %d: the socket has no room: the %d "
			      "queued packets hold its memory", i, i);
		ck_assert_msg(sendto(s, payload, LEN, MSG_DONTWAIT,
				     (struct sockaddr *)&to, sizeof(to)) ==
			      LEN, "sendto %d: %s", i, tt_errname(errno));
	}
	ck_assert(tt_dev_wait_queued(&d, qlen, TT_WAIT_MS));
	TT_ASSERT_OK(ioctl(s, SIOCOUTQ, &unsent));
	ck_assert_msg(unsent == 0, "%d bytes still charged to the sender "
		      "while its packets wait in the queue", unsent);
	ck_assert_int_eq(close(s), 0);
	n = tt_dev_drain(&d);
	ck_assert_msg(n == qlen, "%d of %d packets read after the sender "
		      "closed", n, qlen);
	tt_dev_close(&d);
}
END_TEST
#endif

Suite *make_queue_suite(void)
{
	Suite *s = suite_create("queue");
	TCase *tc = tt_tcase_create("queue");

	tt_test_add_variants(tc, test_txqueuelen_default_128, "tun", "tap");
	tt_test_add_variants(tc, test_full_queue_held_by_qdisc_read_in_order,
			     "tun", "tap");
	tt_test_add_variants(tc, test_smaller_txqueuelen_bounds_driver_queue,
			     "tun", "tap");
	tt_test_add_variants(tc, test_down_drops_queued_counted_tx_dropped,
			     "tun", "tap");
	tt_test_add_variants(tc, test_counters_exact, "tun", "tap");
	tt_test_add_variants(tc, test_close_frees_queued_packets, "tun", "tap");
#ifdef __linux__
	tt_test_add_variants(tc, test_queued_packets_pin_no_socket_memory,
			     "tun", "tap");
#endif
	suite_add_tcase(s, tc);
	return s;
}
