// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_read.c: what read() on the device returns.  One whole packet per
 * read (tun an IP packet, with the 4-byte AF header in front when
 * TUNSIFHEAD is on; tap an Ethernet frame); a short buffer gets the head
 * and the rest is dropped; a zero-length read consumes nothing; an empty
 * queue blocks; a read while down gives EIO, but a reader already
 * asleep sleeps on through a down.  Contract section "read".
 */
#include "tt_test.h"

#include <unistd.h>

#define TT_PORT		40101	/* the datagrams the stack sends */
#define TT_WAIT_MS	3000	/* the VM is emulated: be generous */
#define TT_UDP4_HDRS	(20 + 8)
#define TT_UDP6_HDRS	(40 + 8)
#define TT_AF_LEN	4

static uint8_t tt_buf[TT_PKT_MAX];

/*
 * Is p[0..n) exactly the datagram tt_stack_send made of payload: one
 * whole IPv4 UDP packet to the peer, after the Ethernet header on tap
 * (to neighbour 2, from the tap's own MAC) or afhdr bytes of AF header?
 */
static int tt_is_datagram(const struct tt_dev *d, const uint8_t *p, size_t n,
			  size_t afhdr, uint16_t port, const uint8_t *payload,
			  size_t pn)
{
	size_t l2 = d->kind == TT_DEV_TAP ? TT_ETH_LEN : afhdr;
	uint8_t mac[6], own[6];
	struct in_addr peer;
	const uint8_t *ip;

	if (n != l2 + TT_UDP4_HDRS + pn)
		return 0;
	if (d->kind == TT_DEV_TAP) {
		tt_peer_mac(2, mac);
		if (tt_if_hwaddr(d->name, own) < 0)
			return 0;
		if (memcmp(p, mac, 6) != 0 || memcmp(p + 6, own, 6) != 0 ||
		    p[12] != 0x08 || p[13] != 0x00)
			return 0;
	}
	ip = p + l2;
	tt_addr4(d, 2, &peer);
	return ip[0] == 0x45 && ip[9] == 17 &&
	       (size_t)(ip[2] << 8 | ip[3]) == TT_UDP4_HDRS + pn &&
	       memcmp(ip + 16, &peer, 4) == 0 &&
	       (ip[22] << 8 | ip[23]) == port &&
	       memcmp(ip + TT_UDP4_HDRS, payload, pn) == 0;
}

/* Wait (with a deadline) until a packet is queued, then read once. */
static ssize_t tt_read_next(struct tt_dev *d, void *buf, size_t n)
{
	if (!tt_wait_readable(d->fd, TT_WAIT_MS)) {
		errno = ETIMEDOUT;
		return -1;
	}
	return tt_xio_read(d->fd, buf, n);
}

/* Nothing more is queued: a further packet would be readable at once. */
static void tt_assert_queue_empty(struct tt_dev *d)
{
	ck_assert_msg(!tt_wait_readable(d->fd, 200),
		      "%s: a packet more than the stack sent", d->name);
}

/* One UDP datagram sent by the stack comes out of the device as one read
 * returning exactly that packet: tun the IP packet, tap the Ethernet
 * frame, nothing before or after it. */
START_TEST(test_read_returns_one_whole_packet)
{
	struct tt_dev d;
	uint8_t pl[300];
	ssize_t n;

	tt_stack_setup(&d, _i, 0);
	tt_pkt_fill(pl, sizeof(pl), 1);
	ck_assert_int_eq(tt_stack_send(&d, TT_PORT, pl, sizeof(pl)), 0);
	n = tt_read_next(&d, tt_buf, sizeof(tt_buf));
	ck_assert_msg(n > 0, "read: %s", tt_errname(errno));
	ck_assert_msg(tt_is_datagram(&d, tt_buf, (size_t)n, 0, TT_PORT, pl,
				     sizeof(pl)),
		      "%s: read returned %zd bytes, not the datagram sent",
		      d.name, n);
	tt_assert_queue_empty(&d);
	tt_dev_close(&d);
}
END_TEST

static int tt_match_udp4_af(const uint8_t *p, size_t n, const void *arg)
{
	return n > TT_AF_LEN && tt_match_udp4(p + TT_AF_LEN, n - TT_AF_LEN, arg);
}

static int tt_match_udp6_af(const uint8_t *p, size_t n, const void *arg)
{
	return n > TT_AF_LEN && tt_match_udp6(p + TT_AF_LEN, n - TT_AF_LEN, arg);
}

/* With TUNSIFHEAD on, each read returns the packet behind a 4-byte
 * address family in network byte order: AF_INET before an IPv4 packet,
 * AF_INET6 (Linux's 10) before an IPv6 packet. */
START_TEST(test_read_af_header_precedes_packet)
{
	struct tt_match_udp m = { 0, TT_PORT };
	struct tt_dev d;
	uint8_t pl[100];
	ssize_t n;

	tt_dev_setup(&d, TT_DEV_TUN, 0, TT_SETUP_ALL);
	TT_ASSERT_OK(tt_dev_set_header(&d, 1));
	tt_pkt_fill(pl, sizeof(pl), 2);

	ck_assert_int_eq(tt_stack_send(&d, TT_PORT, pl, sizeof(pl)), 0);
	n = tt_read_match(&d, tt_buf, sizeof(tt_buf), TT_WAIT_MS,
			  tt_match_udp4_af, &m);
	ck_assert_msg(n > 0, "no IPv4 datagram read");
	ck_assert_msg(tt_hdr_is(tt_buf, AF_INET), "header %02x%02x%02x%02x, "
		      "expected AF_INET", tt_buf[0], tt_buf[1], tt_buf[2],
		      tt_buf[3]);
	ck_assert(tt_is_datagram(&d, tt_buf, (size_t)n, TT_AF_LEN, TT_PORT,
				 pl, sizeof(pl)));

	ck_assert_int_eq(tt_stack_send6(&d, TT_PORT, pl, sizeof(pl)), 0);
	n = tt_read_match(&d, tt_buf, sizeof(tt_buf), TT_WAIT_MS,
			  tt_match_udp6_af, &m);
	ck_assert_msg(n > 0, "no IPv6 datagram read");
	ck_assert_msg(tt_hdr_is(tt_buf, AF_INET6), "header %02x%02x%02x%02x, "
		      "expected AF_INET6", tt_buf[0], tt_buf[1], tt_buf[2],
		      tt_buf[3]);
	ck_assert_int_eq(n, TT_AF_LEN + TT_UDP6_HDRS + sizeof(pl));
	ck_assert_int_eq(tt_buf[TT_AF_LEN] >> 4, 6);
	ck_assert(memcmp(tt_buf + TT_AF_LEN + TT_UDP6_HDRS, pl,
			 sizeof(pl)) == 0);
	tt_dev_close(&d);
}
END_TEST

/* Packets queued together come out one per read, in the order the stack
 * sent them, and no read merges or splits them. */
START_TEST(test_read_queued_packets_one_per_read_in_order)
{
	struct tt_dev d;
	uint8_t a[40], b[700];
	ssize_t n;

	tt_stack_setup(&d, _i, 0);
	tt_pkt_fill(a, sizeof(a), 3);
	tt_pkt_fill(b, sizeof(b), 4);
	ck_assert_int_eq(tt_stack_send(&d, TT_PORT, a, sizeof(a)), 0);
	ck_assert_int_eq(tt_stack_send(&d, TT_PORT + 1, b, sizeof(b)), 0);
	n = tt_read_next(&d, tt_buf, sizeof(tt_buf));
	ck_assert_msg(tt_is_datagram(&d, tt_buf, (size_t)n, 0, TT_PORT, a,
				     sizeof(a)),
		      "first read (%zd bytes) is not the first datagram", n);
	n = tt_read_next(&d, tt_buf, sizeof(tt_buf));
	ck_assert_msg(tt_is_datagram(&d, tt_buf, (size_t)n, 0, TT_PORT + 1, b,
				     sizeof(b)),
		      "second read (%zd bytes) is not the second datagram", n);
	tt_assert_queue_empty(&d);
	tt_dev_close(&d);
}
END_TEST

/* A buffer shorter than the packet gets the packet's head; the rest of
 * that packet is dropped, so the next read returns the next packet. */
START_TEST(test_read_short_buffer_gets_head_rest_dropped)
{
	struct tt_dev d;
	uint8_t a[200], b[60], head[12], own[6];
	ssize_t n;

	tt_stack_setup(&d, _i, 0);
	tt_pkt_fill(a, sizeof(a), 5);
	tt_pkt_fill(b, sizeof(b), 6);
	ck_assert_int_eq(tt_stack_send(&d, TT_PORT, a, sizeof(a)), 0);
	ck_assert_int_eq(tt_stack_send(&d, TT_PORT + 1, b, sizeof(b)), 0);

	memset(head, 0xee, sizeof(head));
	n = tt_read_next(&d, head, 10);
	ck_assert_int_eq(n, 10);
	ck_assert_msg(head[10] == 0xee, "read wrote past the buffer");
	if (_i == TT_DEV_TUN) {
		/* version/IHL, TOS, total length of the first datagram */
		ck_assert_int_eq(head[0], 0x45);
		ck_assert_int_eq(head[2] << 8 | head[3],
				 TT_UDP4_HDRS + sizeof(a));
	} else {
		uint8_t mac[6];

		tt_peer_mac(2, mac);
		ck_assert(tt_if_hwaddr(d.name, own) >= 0);
		ck_assert(memcmp(head, mac, 6) == 0);
		ck_assert(memcmp(head + 6, own, 4) == 0);
	}

	n = tt_read_next(&d, tt_buf, sizeof(tt_buf));
	ck_assert_msg(tt_is_datagram(&d, tt_buf, (size_t)n, 0, TT_PORT + 1, b,
				     sizeof(b)),
		      "after a short read, the next read (%zd bytes) is not "
		      "the next packet", n);
	tt_assert_queue_empty(&d);
	tt_dev_close(&d);
}
END_TEST

/* With the AF header on, a buffer shorter than header and packet gets
 * the header and the head of the packet, and the rest is dropped. */
START_TEST(test_read_short_buffer_with_af_header)
{
	struct tt_dev d;
	uint8_t a[200], b[60], head[6];
	ssize_t n;

	tt_stack_setup(&d, TT_DEV_TUN, 0);
	TT_ASSERT_OK(tt_dev_set_header(&d, 1));
	tt_pkt_fill(a, sizeof(a), 7);
	tt_pkt_fill(b, sizeof(b), 8);
	ck_assert_int_eq(tt_stack_send(&d, TT_PORT, a, sizeof(a)), 0);
	ck_assert_int_eq(tt_stack_send(&d, TT_PORT + 1, b, sizeof(b)), 0);
	n = tt_read_next(&d, head, sizeof(head));
	ck_assert_int_eq(n, sizeof(head));
	ck_assert(tt_hdr_is(head, AF_INET));
	ck_assert_int_eq(head[4], 0x45);
	n = tt_read_next(&d, tt_buf, sizeof(tt_buf));
	ck_assert_msg(tt_is_datagram(&d, tt_buf, (size_t)n, TT_AF_LEN,
				     TT_PORT + 1, b, sizeof(b)),
		      "after a short read, the next read (%zd bytes) is not "
		      "the next packet", n);
	tt_dev_close(&d);
}
END_TEST

/* Two zero-length reads in a child (a driver that consumed the packet
 * would make the second one sleep): 0, or what went wrong. */
static int tt_child_read_zero(void *arg)
{
	struct tt_dev *d = arg;
	ssize_t n;
	int i;

	for (i = 0; i < 2; i++) {
		n = tt_xio_read(d->fd, tt_buf, 0);
		if (n < 0)
			return errno;
		if (n != 0)
			return TT_CHILD_BADPKT;
	}
	return TT_CHILD_OK;
}

/* A zero-length read returns 0 and consumes nothing: the queued packet
 * is still there, whole, for the next read. */
START_TEST(test_read_zero_length_consumes_nothing)
{
	struct tt_dev d;
	uint8_t pl[80];
	ssize_t n;

	tt_stack_setup(&d, _i, 0);
	tt_pkt_fill(pl, sizeof(pl), 9);
	ck_assert_int_eq(tt_stack_send(&d, TT_PORT, pl, sizeof(pl)), 0);
	ck_assert(tt_wait_readable(d.fd, TT_WAIT_MS));
	TT_ASSERT_CHILD(tt_child_run(tt_child_read_zero, &d, TT_WAIT_MS),
			TT_CHILD_OK);
	n = tt_read_next(&d, tt_buf, sizeof(tt_buf));
	ck_assert_msg(tt_is_datagram(&d, tt_buf, (size_t)n, 0, TT_PORT, pl,
				     sizeof(pl)),
		      "after zero-length reads, read returned %zd bytes, not "
		      "the packet (%s)", n, n < 0 ? tt_errname(errno) : "");
	tt_dev_close(&d);
}
END_TEST

/* The datagram a tt_reader expects (tt_is_datagram). */
struct tt_expect {
	const struct tt_dev *d;
	uint16_t port;
	const uint8_t *payload;
	size_t n;
};

static int tt_match_datagram(const uint8_t *p, size_t n, const void *arg)
{
	const struct tt_expect *e = arg;

	return tt_is_datagram(e->d, p, n, 0, e->port, e->payload, e->n);
}

/* An empty queue blocks the reader until a packet arrives; then read()
 * returns that packet. */
START_TEST(test_read_empty_queue_blocks_until_packet)
{
	struct tt_dev d;
	uint8_t pl[64];
	struct tt_expect e = { .d = &d, .port = TT_PORT, .payload = pl,
			       .n = sizeof(pl) };
	struct tt_reader r = { &d, tt_match_datagram, &e };
	int st, sent;
	pid_t pid;

	tt_stack_setup(&d, _i, 0);
	tt_pkt_fill(pl, sizeof(pl), 10);
	pid = tt_reader_start_blocked(&r, TT_WAIT_MS);
	sent = tt_stack_send(&d, TT_PORT, pl, sizeof(pl));
	st = tt_child_wait(pid, TT_WAIT_MS);
	ck_assert_int_eq(sent, 0);
	TT_ASSERT_CHILD(st, TT_CHILD_OK);
	tt_dev_close(&d);
}
END_TEST

/* While the interface is down, read() fails with EIO at once, even with
 * a zero-length buffer: before it was ever up, and after it went down
 * again with a packet queued. */
START_TEST(test_read_down_eio)
{
	struct tt_dev d;

	tt_dev_setup(&d, _i, 0, TT_SETUP_V4);
	TT_ASSERT_READ_ERRNO(d.fd, EIO, TT_WAIT_MS);
	TT_ASSERT_CHILD(tt_child_run(tt_child_read_zero, &d, TT_WAIT_MS),
			EIO);

	ck_assert_int_eq(tt_if_set_up(d.name, 1), 0);
	if (_i == TT_DEV_TAP)
		tt_stack_add_neigh(&d);
	/* a packet queued while up is no excuse to read while down */
	ck_assert_int_eq(tt_stack_send(&d, TT_PORT, "x", 1), 0);
	ck_assert(tt_wait_readable(d.fd, TT_WAIT_MS));
	ck_assert_int_eq(tt_if_set_up(d.name, 0), 0);
	TT_ASSERT_READ_ERRNO(d.fd, EIO, TT_WAIT_MS);
	tt_dev_close(&d);
}
END_TEST

/* A reader asleep in read() on an empty queue sleeps on when the
 * interface goes down, and reads the first packet the stack sends after
 * the interface is up again. */
START_TEST(test_read_blocked_reader_sleeps_through_down)
{
	static const uint8_t pl[] = "after the down";
	struct tt_dev d;
	struct tt_expect e = { .d = &d, .port = TT_PORT, .payload = pl,
			       .n = sizeof(pl) };
	struct tt_reader r = { &d, tt_match_datagram, &e };
	int st, down, up, sent;
	pid_t pid;

	tt_stack_setup(&d, _i, 0);
	pid = tt_reader_start_blocked(&r, TT_WAIT_MS);
	down = tt_if_set_up(d.name, 0);
	st = tt_child_asleep(pid, 200);
	up = tt_if_set_up(d.name, 1);
	if (_i == TT_DEV_TAP)
		tt_stack_add_neigh(&d);
	sent = tt_stack_send(&d, TT_PORT, pl, sizeof(pl));
	if (st == -1)
		st = tt_child_wait(pid, TT_WAIT_MS);
	else
		ck_abort_msg("going down ended the reader: %s",
			     tt_child_status(st));
	ck_assert_int_eq(down, 0);
	ck_assert_int_eq(up, 0);
	ck_assert_int_eq(sent, 0);
	TT_ASSERT_CHILD(st, TT_CHILD_OK);
	tt_dev_close(&d);
}
END_TEST

Suite *make_read_suite(void)
{
	Suite *s = suite_create("read");
	TCase *tc = tt_tcase_create("read");

	tt_test_add_variants(tc, test_read_returns_one_whole_packet,
			     "tun", "tap");
	tt_test_add(tc, test_read_af_header_precedes_packet);
	tt_test_add_variants(tc, test_read_queued_packets_one_per_read_in_order,
			     "tun", "tap");
	tt_test_add_variants(tc, test_read_short_buffer_gets_head_rest_dropped,
			     "tun", "tap");
	tt_test_add(tc, test_read_short_buffer_with_af_header);
	tt_test_add_variants(tc, test_read_zero_length_consumes_nothing,
			     "tun", "tap");
	tt_test_add_variants(tc, test_read_empty_queue_blocks_until_packet,
			     "tun", "tap");
	tt_test_add_variants(tc, test_read_down_eio, "tun", "tap");
	tt_test_add_variants(tc, test_read_blocked_reader_sleeps_through_down,
			     "tun", "tap");
	suite_add_tcase(s, tc);
	return s;
}
