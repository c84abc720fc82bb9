// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_write.c: what write() on the device accepts and refuses.  One packet
 * per write; success returns the full length and hands the packet to the
 * stack.  Checked in this order: down EIO, empty EINVAL, longer than MTU
 * plus header EMSGSIZE, then the content (tun: the IP version and header
 * length, or the AF header; tap: at least an Ethernet header).  A refused
 * write counts one rx_error (EIO none) and changes nothing else.
 * Contract section "write".
 */
#include "tt_test.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#define TT_PORT		40201	/* the host's socket */
#define TT_SPORT	40202	/* the simulated peer */
#define TT_WAIT_MS	3000	/* the VM is emulated: be generous */
#define TT_UDP4_HDRS	(20 + 8)
#define TT_UDP6_HDRS	(40 + 8)
#define TT_AF_LEN	4

static uint8_t tt_buf[TT_PKT_MAX];
static uint8_t tt_payload[TT_PKT_MAX];

/* What the device puts in front of an IP packet: tap the Ethernet
 * header, tun the AF header when it is on. */
static size_t tt_l2(const struct tt_dev *d, int af)
{
	if (d->kind == TT_DEV_TAP)
		return TT_ETH_LEN;
	return af ? TT_AF_LEN : 0;
}

/* Raw header bytes, for the values no target takes. */
static void tt_put_af(uint8_t *p, uint32_t af)
{
	af = htonl(af);
	memcpy(p, &af, 4);
}

/* tap: the Ethernet header from neighbour 2 to the tap's own MAC. */
static void tt_put_eth(const struct tt_dev *d, uint8_t *buf, uint16_t type,
		       size_t len)
{
	uint8_t own[6], mac[6];

	ck_assert(tt_if_hwaddr(d->name, own) >= 0);
	tt_peer_mac(2, mac);
	tt_pkt_eth(buf, own, mac, type, len);
}

/*
 * A valid write of exactly total bytes: a UDP datagram from the peer
 * (host 2) to the local address (host 1), port TT_PORT, behind the
 * device's header (af: tun with the AF header on).  Its payload is left
 * in tt_payload; returns its length.
 */
static size_t tt_frame(const struct tt_dev *d, uint8_t *buf, int af,
		       size_t total, int family)
{
	int v6 = family == AF_INET6;
	size_t hdrs = v6 ? TT_UDP6_HDRS : TT_UDP4_HDRS;
	size_t l2 = tt_l2(d, af), pn = total - l2 - hdrs, i;
	struct in6_addr src6, dst6;
	struct in_addr src, dst;

	ck_assert(total >= l2 + hdrs);
	for (i = 0; i < pn; i++)
		tt_payload[i] = (uint8_t)(total + i * (v6 ? 5 : 3));
	if (v6) {
		tt_addr6(d, 2, &src6);
		tt_addr6(d, 1, &dst6);
		tt_pkt_udp6(buf + l2, &src6, &dst6, TT_SPORT, TT_PORT,
			    tt_payload, pn);
	} else {
		tt_addr4(d, 2, &src);
		tt_addr4(d, 1, &dst);
		tt_pkt_udp4(buf + l2, &src, &dst, TT_SPORT, TT_PORT,
			    tt_payload, pn);
	}
	if (d->kind == TT_DEV_TAP)
		tt_put_eth(d, buf, v6 ? 0x86dd : 0x0800, hdrs + pn);
	else if (af)
		tt_hdr_put(buf, family);
	return pn;
}
#define tt_frame4(d, buf, af, total) tt_frame(d, buf, af, total, AF_INET)
/* The same over IPv6, from ::2 to ::1. */
#define tt_frame6(d, buf, af, total) tt_frame(d, buf, af, total, AF_INET6)

/* The socket received exactly the n bytes of tt_payload. */
static void tt_assert_delivered(int s, size_t n)
{
	static uint8_t got[TT_PKT_MAX];
	ssize_t r;

	ck_assert_msg(tt_wait_readable(s, TT_WAIT_MS),
		      "the written datagram never reached the socket");
	r = recv(s, got, sizeof(got), MSG_DONTWAIT);
	ck_assert_int_eq(r, (ssize_t)n);
	ck_assert_msg(memcmp(got, tt_payload, n) == 0,
		      "the socket received other bytes than were written");
}

static int tt_socket4(const struct tt_dev *d)
{
	struct in_addr a;
	int s;

	tt_addr4(d, 1, &a);
	s = tt_udp4_socket(&a, TT_PORT);
	ck_assert_msg(s >= 0, "UDP socket: %s", tt_errname(errno));
	return s;
}

static int tt_socket6(const struct tt_dev *d)
{
	struct in6_addr a;
	int s;

	tt_addr6(d, 1, &a);
	s = tt_udp6_socket(&a, TT_PORT);
	ck_assert_msg(s >= 0, "UDP6 socket: %s", tt_errname(errno));
	return s;
}

/* A write of n bytes of tt_buf fails with e; what says which write. */
#define TT_ASSERT_WRITE_FAILS(d, n, e, ...)                                 \
	do {                                                                \
		char tt_what_[128];                                         \
		ssize_t tt_w_;                                              \
		snprintf(tt_what_, sizeof(tt_what_), __VA_ARGS__);          \
		errno = 0;                                                  \
		tt_w_ = tt_xio_write((d)->fd, tt_buf, (n));                        \
		ck_assert_msg(tt_w_ == -1 && errno == (e),                  \
			      "%s: %s: a %zu-byte write returned %zd "      \
			      "(errno %s), expected %s", (d)->name,         \
			      tt_what_, (size_t)(n), tt_w_,                 \
			      tt_errname(errno), #e);                       \
	} while (0)

#define TT_ASSERT_WRITES(d, n)                                              \
	do {                                                                \
		ssize_t tt_w_ = tt_xio_write((d)->fd, tt_buf, (n));                \
		ck_assert_msg(tt_w_ == (ssize_t)(n),                        \
			      "write of %zu bytes returned %zd (%s)",       \
			      (size_t)(n), tt_w_,                           \
			      tt_w_ < 0 ? tt_errname(errno) : "short");     \
	} while (0)

/* A write returns the full length it was given, for short, middling and
 * MTU-sized packets. */
START_TEST(test_write_returns_full_length)
{
	size_t l2, sizes[3], i;
	struct tt_dev d;

	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	l2 = tt_l2(&d, 0);
	sizes[0] = l2 + TT_UDP4_HDRS + 1;
	sizes[1] = l2 + 333;
	sizes[2] = l2 + 1500;
	for (i = 0; i < 3; i++) {
		tt_frame4(&d, tt_buf, 0, sizes[i]);
		TT_ASSERT_WRITES(&d, sizes[i]);
	}
	tt_dev_close(&d);
}
END_TEST

/* A written packet really reaches the stack: a UDP socket on the local
 * address receives its payload. */
START_TEST(test_write_reaches_stack)
{
	struct tt_dev d;
	size_t n;
	int s;

	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	s = tt_socket4(&d);
	n = tt_frame4(&d, tt_buf, 0, tt_l2(&d, 0) + 200);
	TT_ASSERT_WRITES(&d, tt_l2(&d, 0) + 200);
	tt_assert_delivered(s, n);
	close(s);
	tt_dev_close(&d);
}
END_TEST

/* tun takes IPv4 and IPv6, told apart by the version nibble without the
 * AF header and by AF_INET / AF_INET6 with it; each reaches the stack. */
START_TEST(test_write_tun_ipv4_and_ipv6_delivered)
{
	struct tt_dev d;
	int s4, s6, af;
	size_t n;

	tt_dev_setup(&d, TT_DEV_TUN, 0, TT_SETUP_ALL);
	s4 = tt_socket4(&d);
	s6 = tt_socket6(&d);
	for (af = 0; af <= 1; af++) {
		TT_ASSERT_OK(tt_dev_set_header(&d, af));
		n = tt_frame4(&d, tt_buf, af, tt_l2(&d, af) + 120);
		TT_ASSERT_WRITES(&d, tt_l2(&d, af) + 120);
		tt_assert_delivered(s4, n);
		n = tt_frame6(&d, tt_buf, af, tt_l2(&d, af) + 130);
		TT_ASSERT_WRITES(&d, tt_l2(&d, af) + 130);
		tt_assert_delivered(s6, n);
	}
	close(s4);
	close(s6);
	tt_dev_close(&d);
}
END_TEST

/* A down interface refuses every write with EIO before looking at it:
 * a valid one, an empty one, an oversize one, a malformed one; before
 * it was ever up and after it went down.  EIO counts no rx_error. */
START_TEST(test_write_down_eio_before_other_checks)
{
	long long errs, pkts;
	size_t l2, big;
	struct tt_dev d;
	int round;

	tt_dev_setup(&d, _i, 0, TT_SETUP_V4);
	l2 = tt_l2(&d, 0);
	big = l2 + 1500 + 1;
	errs = tt_if_stat(d.name, "rx_errors");
	pkts = tt_if_stat(d.name, "rx_packets");
	for (round = 0; round < 2; round++) {
		tt_frame4(&d, tt_buf, 0, l2 + 100);
		TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, l2 + 100), EIO);
		TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 0), EIO);
		TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 3), EIO);
		tt_frame4(&d, tt_buf, 0, big);
		TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, big), EIO);
		tt_buf[l2] = 0x75;	/* neither IPv4 nor IPv6 */
		TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, l2 + 100), EIO);
		/* then: up and down again */
		ck_assert_int_eq(tt_if_set_up(d.name, 1), 0);
		ck_assert_int_eq(tt_if_set_up(d.name, 0), 0);
	}
	ck_assert_int_eq(tt_if_stat(d.name, "rx_errors"), errs);
	ck_assert_int_eq(tt_if_stat(d.name, "rx_packets"), pkts);
	tt_dev_close(&d);
}
END_TEST

/* A zero-length write on an up interface fails with EINVAL. */
START_TEST(test_write_zero_length_einval)
{
	struct tt_dev d;

	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	tt_frame4(&d, tt_buf, 0, tt_l2(&d, 0) + 100);
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 0), EINVAL);
	if (_i == TT_DEV_TUN) {
		TT_ASSERT_OK(tt_dev_set_header(&d, 1));
		TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 0), EINVAL);
	}
	tt_dev_close(&d);
}
END_TEST

/* tun without the AF header: a version nibble other than 4 or 6 is
 * refused with EINVAL, whatever follows it. */
START_TEST(test_write_tun_other_ip_version_einval)
{
	struct tt_dev d;
	int v;

	tt_dev_setup(&d, TT_DEV_TUN, 0, TT_SETUP_V4 | TT_SETUP_UP);
	for (v = 0; v < 16; v++) {
		if (v == 4 || v == 6)
			continue;
		tt_frame4(&d, tt_buf, 0, 100);
		tt_buf[0] = (uint8_t)(v << 4 | 5);
		TT_ASSERT_WRITE_FAILS(&d, 100, EINVAL, "IP version %d", v);
	}
	tt_dev_close(&d);
}
END_TEST

/* tun without the AF header: an IP header cut short is refused with
 * EINVAL: IPv4 under 20 bytes, an IHL under 5 or past the end of the
 * write, IPv6 under 40 bytes. */
START_TEST(test_write_tun_truncated_ip_header_einval)
{
	struct tt_dev d;

	tt_dev_setup(&d, TT_DEV_TUN, 0, TT_SETUP_ALL);
	tt_frame4(&d, tt_buf, 0, 60);
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 1), EINVAL);
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 19), EINVAL);
	tt_buf[0] = 0x44;	/* a 16-byte header */
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 60), EINVAL);
	tt_buf[0] = 0x40;
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 60), EINVAL);
	tt_buf[0] = 0x4f;	/* a 60-byte header in 59 bytes */
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 59), EINVAL);
	tt_frame6(&d, tt_buf, 0, 80);
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 1), EINVAL);
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 39), EINVAL);
	tt_dev_close(&d);
}
END_TEST

/* tun without the AF header: the shortest headers that fit are taken:
 * 20 bytes of IPv4, an IPv4 header whose IHL ends exactly at the end of
 * the write, 40 bytes of IPv6. */
START_TEST(test_write_tun_shortest_ip_headers_accepted)
{
	struct tt_dev d;

	tt_dev_setup(&d, TT_DEV_TUN, 0, TT_SETUP_ALL);
	tt_frame4(&d, tt_buf, 0, 60);
	TT_ASSERT_WRITES(&d, 20);
	tt_buf[0] = 0x4f;	/* a 60-byte header in 60 bytes */
	TT_ASSERT_WRITES(&d, 60);
	tt_frame6(&d, tt_buf, 0, 80);
	TT_ASSERT_WRITES(&d, 40);
	tt_dev_close(&d);
}
END_TEST

/* tun with the AF header: AF_INET and AF_INET6 in network byte order are
 * taken (the write returns its full length, header included); any other
 * family, the right ones in host byte order too, gets EAFNOSUPPORT. */
START_TEST(test_write_af_header_family)
{
	static const uint32_t bad[] = { 0, 1, 17, 28, 30, 0x02000000,
					0x0a000000, 0xffffffff };
	struct tt_dev d;
	size_t i;

	tt_dev_setup(&d, TT_DEV_TUN, 0, TT_SETUP_ALL);
	TT_ASSERT_OK(tt_dev_set_header(&d, 1));
	tt_frame4(&d, tt_buf, 1, 104);
	TT_ASSERT_WRITES(&d, 104);
	tt_frame6(&d, tt_buf, 1, 124);
	TT_ASSERT_WRITES(&d, 124);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tt_frame4(&d, tt_buf, 1, 104);
		tt_put_af(tt_buf, bad[i]);
		TT_ASSERT_WRITE_FAILS(&d, 104, EAFNOSUPPORT,
				      "AF header 0x%08x", bad[i]);
	}
	tt_dev_close(&d);
}
END_TEST

/* tun with the AF header: a write shorter than the header, or the
 * header alone, is refused with EINVAL. */
START_TEST(test_write_af_header_short_einval)
{
	struct tt_dev d;

	tt_dev_setup(&d, TT_DEV_TUN, 0, TT_SETUP_V4 | TT_SETUP_UP);
	TT_ASSERT_OK(tt_dev_set_header(&d, 1));
	tt_frame4(&d, tt_buf, 1, 104);
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 1), EINVAL);
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 3), EINVAL);
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 4), EINVAL);
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 4 + 19), EINVAL);
	tt_dev_close(&d);
}
END_TEST

/* tun with the AF header: a header that names the other family than the
 * packet behind it carries is refused with EINVAL, both ways. */
START_TEST(test_write_af_header_disagreeing_einval)
{
	struct tt_dev d;

	tt_dev_setup(&d, TT_DEV_TUN, 0, TT_SETUP_ALL);
	TT_ASSERT_OK(tt_dev_set_header(&d, 1));
	tt_frame4(&d, tt_buf, 1, 104);
	tt_hdr_put(tt_buf, AF_INET6);
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 104), EINVAL);
	tt_frame6(&d, tt_buf, 1, 124);
	tt_hdr_put(tt_buf, AF_INET);
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 124), EINVAL);
	tt_dev_close(&d);
}
END_TEST

/* tap: a frame shorter than an Ethernet header (14 bytes) is refused
 * with EINVAL; a bare 14-byte header is taken. */
START_TEST(test_write_tap_shorter_than_ethernet_einval)
{
	struct tt_dev d;

	tt_dev_setup(&d, TT_DEV_TAP, 0, TT_SETUP_V4 | TT_SETUP_UP);
	tt_frame4(&d, tt_buf, 0, 100);
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 1), EINVAL);
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 13), EINVAL);
	tt_put_eth(&d, tt_buf, 0x88b5, 0);	/* local experimental */
	TT_ASSERT_WRITES(&d, 14);
	tt_dev_close(&d);
}
END_TEST

/* MTU bytes behind the device's header are taken; one byte more fails
 * with EMSGSIZE. */
static void tt_assert_mtu_limit(struct tt_dev *d, int af, int mtu)
{
	size_t max = tt_l2(d, af) + (size_t)mtu;

	tt_frame4(d, tt_buf, af, max);
	TT_ASSERT_WRITES(d, max);
	tt_frame4(d, tt_buf, af, max + 1);
	TT_ASSERT_WRITE_FAILS(d, max + 1, EMSGSIZE, "MTU %d%s", mtu,
			      af ? ", AF header" : "");
}

/* A packet of exactly the MTU is taken and one byte more is refused with
 * EMSGSIZE: tun MTU / MTU+1, tap MTU+14 / MTU+15. */
START_TEST(test_write_mtu_limit)
{
	struct tt_dev d;

	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	ck_assert_int_eq(tt_if_mtu(d.name), 1500);
	tt_assert_mtu_limit(&d, 0, 1500);
	tt_dev_close(&d);
}
END_TEST

/* With the AF header, the limit grows by its 4 bytes: MTU+4 is taken,
 * MTU+5 EMSGSIZE; without it, MTU+4 is too long. */
START_TEST(test_write_mtu_limit_with_af_header)
{
	struct tt_dev d;

	tt_dev_setup(&d, TT_DEV_TUN, 0, TT_SETUP_V4 | TT_SETUP_UP);
	TT_ASSERT_OK(tt_dev_set_header(&d, 1));
	tt_assert_mtu_limit(&d, 1, 1500);
	TT_ASSERT_OK(tt_dev_set_header(&d, 0));
	tt_frame4(&d, tt_buf, 0, 1504);
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 1504), EMSGSIZE);
	tt_dev_close(&d);
}
END_TEST

/* The limit follows the MTU as it is now, down and up: the MTU set last
 * decides, not the one in force at open. */
START_TEST(test_write_mtu_limit_follows_mtu_change)
{
	static const int mtus[] = { 1280, 9000, 68, 1500 };
	struct tt_dev d;
	size_t i;

	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	for (i = 0; i < sizeof(mtus) / sizeof(mtus[0]); i++) {
		ck_assert_int_eq(tt_if_set_mtu(d.name, mtus[i]), 0);
		tt_assert_mtu_limit(&d, 0, mtus[i]);
		if (_i == TT_DEV_TUN) {
			TT_ASSERT_OK(tt_dev_set_header(&d, 1));
			tt_assert_mtu_limit(&d, 1, mtus[i]);
			TT_ASSERT_OK(tt_dev_set_header(&d, 0));
		}
	}
	tt_dev_close(&d);
}
END_TEST

/* The size is checked before the content: an oversize write that is
 * also malformed (a bad version nibble, a bad AF header) gets EMSGSIZE. */
START_TEST(test_write_size_checked_before_content)
{
	struct tt_dev d;

	tt_dev_setup(&d, TT_DEV_TUN, 0, TT_SETUP_V4 | TT_SETUP_UP);
	memset(tt_buf, 0x75, 1501);
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 1501), EMSGSIZE);
	TT_ASSERT_OK(tt_dev_set_header(&d, 1));
	TT_ASSERT_FAILS(tt_xio_write(d.fd, tt_buf, 1505), EMSGSIZE);
	tt_dev_close(&d);
}
END_TEST

struct tt_counts {
	long long errs, pkts, bytes;
};

static void tt_counts(const struct tt_dev *d, struct tt_counts *c)
{
	c->errs = tt_if_stat(d->name, "rx_errors");
	c->pkts = tt_if_stat(d->name, "rx_packets");
	c->bytes = tt_if_stat(d->name, "rx_bytes");
	ck_assert(c->errs >= 0 && c->pkts >= 0 && c->bytes >= 0);
}

/* One refused write: errno e, rx_errors one more, nothing else counted. */
#define TT_ASSERT_REFUSED_ONCE(d, n, e, what)                               \
	do {                                                                \
		struct tt_counts tt_a_;                                     \
		tt_counts((d), &tt_a_);                                     \
		TT_ASSERT_WRITE_FAILS((d), (n), e, "%s", (what));           \
		tt_assert_counted_once((d), &tt_a_, (what));                \
	} while (0)

static void tt_assert_counted_once(struct tt_dev *d,
				   const struct tt_counts *a, const char *what)
{
	struct tt_counts b;

	tt_counts(d, &b);
	ck_assert_msg(b.errs == a->errs + 1, "%s: rx_errors %lld -> %lld",
		      what, a->errs, b.errs);
	ck_assert_msg(b.pkts == a->pkts && b.bytes == a->bytes,
		      "%s: rx_packets/rx_bytes changed", what);
}

/* Each refused write counts exactly one rx_error and nothing else, and
 * the device keeps working: a valid write afterwards is taken and
 * reaches the stack. */
START_TEST(test_write_refused_counts_one_error_and_device_keeps_working)
{
	struct tt_dev d;
	size_t l2, n;
	int s;

	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	s = tt_socket4(&d);
	l2 = tt_l2(&d, 0);
	tt_frame4(&d, tt_buf, 0, l2 + 1501);
	TT_ASSERT_REFUSED_ONCE(&d, 0, EINVAL, "empty");
	TT_ASSERT_REFUSED_ONCE(&d, l2 + 1501, EMSGSIZE, "oversize");
	if (_i == TT_DEV_TUN) {
		tt_buf[0] = 0x75;
		TT_ASSERT_REFUSED_ONCE(&d, 100, EINVAL, "IP version 7");
		tt_buf[0] = 0x45;
		TT_ASSERT_REFUSED_ONCE(&d, 19, EINVAL, "19 bytes of IPv4");
		TT_ASSERT_OK(tt_dev_set_header(&d, 1));
		tt_frame4(&d, tt_buf, 1, 104);
		tt_put_af(tt_buf, 1);
		TT_ASSERT_REFUSED_ONCE(&d, 104, EAFNOSUPPORT, "AF_UNIX header");
		tt_hdr_put(tt_buf, AF_INET6);
		TT_ASSERT_REFUSED_ONCE(&d, 104, EINVAL, "AF_INET6 over IPv4");
		TT_ASSERT_REFUSED_ONCE(&d, 3, EINVAL, "3-byte header");
		TT_ASSERT_OK(tt_dev_set_header(&d, 0));
	} else {
		TT_ASSERT_REFUSED_ONCE(&d, 13, EINVAL, "13-byte frame");
	}
	n = tt_frame4(&d, tt_buf, 0, l2 + 100);
	TT_ASSERT_WRITES(&d, l2 + 100);
	tt_assert_delivered(s, n);
	close(s);
	tt_dev_close(&d);
}
END_TEST

/* rx_packets and rx_bytes grow by exactly the packets written: tun
 * counts the IP packet without the AF header, tap the whole frame. */
START_TEST(test_write_counts_rx_packets_and_bytes)
{
	static const size_t sizes[] = { 100, 777, 1500 };
	struct tt_counts a, b;
	long long want = 0;
	struct tt_dev d;
	size_t i, l2;

	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	l2 = tt_l2(&d, 0);
	tt_counts(&d, &a);
	for (i = 0; i < 3; i++) {
		tt_frame4(&d, tt_buf, 0, l2 + sizes[i]);
		TT_ASSERT_WRITES(&d, l2 + sizes[i]);
		want += (long long)(l2 + sizes[i]);
	}
	tt_counts(&d, &b);
	ck_assert_int_eq(b.pkts - a.pkts, 3);
	ck_assert_msg(b.bytes - a.bytes == want,
		      "%s: rx_bytes grew by %lld for %lld bytes written",
		      d.name, b.bytes - a.bytes, want);
	ck_assert_int_eq(b.errs, a.errs);
	if (_i == TT_DEV_TUN) {
		TT_ASSERT_OK(tt_dev_set_header(&d, 1));
		for (i = 0; i < 3; i++) {
			tt_frame4(&d, tt_buf, 1, TT_AF_LEN + sizes[i]);
			TT_ASSERT_WRITES(&d, TT_AF_LEN + sizes[i]);
			want += (long long)sizes[i];
		}
		tt_counts(&d, &b);
		ck_assert_int_eq(b.pkts - a.pkts, 6);
		ck_assert_msg(b.bytes - a.bytes == want,
			      "%s with AF header: rx_bytes grew by %lld, "
			      "expected %lld", d.name, b.bytes - a.bytes, want);
	}
	tt_dev_close(&d);
}
END_TEST

Suite *make_write_suite(void)
{
	Suite *s = suite_create("write");
	TCase *tc = tt_tcase_create("write");

	tt_test_add_variants(tc, test_write_returns_full_length, "tun", "tap");
	tt_test_add_variants(tc, test_write_reaches_stack, "tun", "tap");
	tt_test_add(tc, test_write_tun_ipv4_and_ipv6_delivered);
	tt_test_add_variants(tc, test_write_down_eio_before_other_checks,
			     "tun", "tap");
	tt_test_add_variants(tc, test_write_zero_length_einval, "tun", "tap");
	tt_test_add(tc, test_write_tun_other_ip_version_einval);
	tt_test_add(tc, test_write_tun_truncated_ip_header_einval);
	tt_test_add(tc, test_write_tun_shortest_ip_headers_accepted);
	tt_test_add(tc, test_write_af_header_family);
	tt_test_add(tc, test_write_af_header_short_einval);
	tt_test_add(tc, test_write_af_header_disagreeing_einval);
	tt_test_add(tc, test_write_tap_shorter_than_ethernet_einval);
	tt_test_add_variants(tc, test_write_mtu_limit, "tun", "tap");
	tt_test_add(tc, test_write_mtu_limit_with_af_header);
	tt_test_add_variants(tc, test_write_mtu_limit_follows_mtu_change,
			     "tun", "tap");
	tt_test_add(tc, test_write_size_checked_before_content);
	tt_test_add_variants(tc, test_write_refused_counts_one_error_and_device_keeps_working,
			     "tun", "tap");
	tt_test_add_variants(tc, test_write_counts_rx_packets_and_bytes,
			     "tun", "tap");
	suite_add_tcase(s, tc);
	return s;
}
