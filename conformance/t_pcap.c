// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_pcap.c: libpcap on the interface sees both directions, byte for
 * byte: what was written (tun: the IP packet, never the AF header; tap:
 * the whole frame) and what the stack sent and read() returned.  tun
 * captures as raw IP (DLT_RAW), tap as Ethernet (DLT_EN10MB).  Contract
 * section "pcap".
 */
#include "tt_test.h"

#include <arpa/inet.h>
#include <net/if_arp.h>
#include <pcap/dlt.h>
#include <sys/socket.h>
#include <unistd.h>

#define TT_PORT_LOCAL	40011
#define TT_PORT_PEER	40012
#define TT_WAIT_MS	3000	/* the VM is emulated: be generous */

/* A unit with a capture on its interface. */
struct tt_pc {
	struct tt_dev d;
	struct tt_cap *cap;
	int hdr;			/* tun: the AF header is on */
	struct in_addr local, peer;
	uint8_t mac[6], peer_mac[6];	/* tap */
};

static void tt_pc_setup(struct tt_pc *c, enum tt_dev_kind kind, int hdr)
{
	memset(c, 0, sizeof(*c));
	tt_dev_setup(&c->d, kind, 0, TT_SETUP_V4 | TT_SETUP_UP);
	c->hdr = hdr;
	if (hdr)
		TT_ASSERT_OK(tt_dev_set_header(&c->d, 1));
	tt_addr4(&c->d, 1, &c->local);
	tt_addr4(&c->d, 2, &c->peer);
	if (kind == TT_DEV_TAP) {
		ck_assert_int_eq(tt_if_hwaddr(c->d.name, c->mac), ARPHRD_ETHER);
		tt_peer_mac(2, c->peer_mac);
	}
	c->cap = tt_cap_open(c->d.name);
	ck_assert_msg(c->cap != NULL, "cannot capture on %s", c->d.name);
}

static void tt_pc_close(struct tt_pc *c)
{
	tt_cap_close(c->cap);
	tt_dev_close(&c->d);
}

/* The capture must hold these bytes exactly, next in what it saw. */
static void tt_pc_expect(struct tt_pc *c, const uint8_t *bytes, size_t n,
			 const char *what)
{
	ck_assert_msg(tt_cap_expect(c->cap, bytes, n, TT_WAIT_MS),
		      "%s: %s (%zu bytes) not captured byte for byte",
		      c->d.name, what, n);
}

/*
 * Write the IPv4 packet at buf + TT_ETH_LEN as the peer would (tap: in
 * a frame to the tap's MAC; tun: behind the AF header when it is on)
 * and expect the capture to show it: tun the bare IP packet, tap the
 * whole frame.
 */
static void tt_pc_write_ip(struct tt_pc *c, uint8_t *buf, size_t iplen,
			   const char *what)
{
	const uint8_t *start = buf + TT_ETH_LEN, *seen = start;
	size_t n = iplen, seen_n = iplen;

	if (c->d.kind == TT_DEV_TAP) {
		n = seen_n = tt_pkt_eth(buf, c->mac, c->peer_mac, 0x0800,
					iplen);
		start = seen = buf;
	} else if (c->hdr) {
		tt_hdr_put(buf + TT_ETH_LEN - 4, AF_INET);
		start = buf + TT_ETH_LEN - 4;
		n += 4;
	}
	ck_assert_msg(tt_xio_write(c->d.fd, start, n) == (ssize_t)n, "write: %s",
		      tt_errname(errno));
	tt_pc_expect(c, seen, seen_n, what);
}

/* tt_read_match with the AF header skipped, when it is on */
struct tt_pc_match {
	size_t skip;
	tt_match_fn fn;
	const void *arg;
};

static int tt_pc_match_fn(const uint8_t *pkt, size_t n, const void *arg)
{
	const struct tt_pc_match *m = arg;

	return n >= m->skip && m->fn(pkt + m->skip, n - m->skip, m->arg);
}

/* Read a packet that matches and expect the capture to show exactly
 * what read() returned, less the AF header. */
static size_t tt_pc_read(struct tt_pc *c, uint8_t *buf, size_t size,
			 tt_match_fn fn, const void *arg, const char *what)
{
	struct tt_pc_match m = { c->hdr ? 4 : 0, fn, arg };
	ssize_t r;

	r = tt_read_match(&c->d, buf, size, TT_WAIT_MS, tt_pc_match_fn, &m);
	ck_assert_msg(r >= (ssize_t)m.skip, "%s: no %s read within %d ms",
		      c->d.name, what, TT_WAIT_MS);
	tt_pc_expect(c, buf + m.skip, (size_t)r - m.skip, what);
	return (size_t)r;
}

/* tap: read the stack's ARP request for the peer and write the reply,
 * each expected in the capture.  tun: nothing to resolve. */
static void tt_pc_resolve(struct tt_pc *c)
{
	uint8_t buf[256];
	size_t n;

	if (c->d.kind != TT_DEV_TAP)
		return;
	tt_pc_read(c, buf, sizeof(buf), tt_match_arp_request, &c->peer,
		   "ARP request");
	n = tt_pkt_arp_reply(buf, c->peer_mac, &c->peer, c->mac, &c->local);
	ck_assert_int_eq(tt_xio_write(c->d.fd, buf, n), (ssize_t)n);
	tt_pc_expect(c, buf, n, "ARP reply written");
}

static void tt_pc_written(enum tt_dev_kind kind, int hdr)
{
	static uint8_t buf[TT_PKT_MAX];
	struct tt_pc c;
	size_t n;

	tt_pc_setup(&c, kind, hdr);
	n = tt_pkt_udp4(buf + TT_ETH_LEN, &c.peer, &c.local, TT_PORT_PEER,
			TT_PORT_LOCAL, "written, then captured", 22);
	tt_pc_write_ip(&c, buf, n, "UDP packet written");
	tt_pc_close(&c);
}

static void tt_pc_sent(enum tt_dev_kind kind, int hdr)
{
	static uint8_t buf[TT_PKT_MAX];
	struct tt_match_udp m = { kind == TT_DEV_TAP, TT_PORT_PEER };
	struct sockaddr_in to = { .sin_family = AF_INET };
	struct tt_pc c;
	int s;

	tt_pc_setup(&c, kind, hdr);
	s = tt_udp4_socket(&c.local, TT_PORT_LOCAL);
	ck_assert_msg(s >= 0, "UDP socket: %s", tt_errname(errno));
	to.sin_addr = c.peer;
	to.sin_port = htons(TT_PORT_PEER);
	ck_assert_int_eq(sendto(s, "sent, read, captured", 20, 0,
				(struct sockaddr *)&to, sizeof(to)), 20);
	tt_pc_resolve(&c);
	tt_pc_read(&c, buf, sizeof(buf), tt_match_udp4, &m, "UDP packet read");
	close(s);
	tt_pc_close(&c);
}

static void tt_pc_echo(enum tt_dev_kind kind, int hdr)
{
	static uint8_t buf[TT_PKT_MAX];
	struct tt_match_icmp m = { kind == TT_DEV_TAP, 0x5150 };
	struct tt_pc c;
	size_t n;

	tt_pc_setup(&c, kind, hdr);
	n = tt_pkt_icmp4_echo(buf + TT_ETH_LEN, &c.peer, &c.local, 0x5150, 3,
			      "ping through pcap", 17);
	tt_pc_write_ip(&c, buf, n, "echo request written");
	tt_pc_resolve(&c);
	tt_pc_read(&c, buf, sizeof(buf), tt_match_icmp4_reply, &m,
		   "echo reply read");
	tt_pc_close(&c);
}

/* A capture on tun reports raw IP (DLT_RAW), on tap Ethernet
 * (DLT_EN10MB). */
START_TEST(test_capture_link_type)
{
	struct tt_pc c;
	int dlt;

	tt_pc_setup(&c, _i, 0);
	dlt = tt_cap_datalink(c.cap);
	if (_i == TT_DEV_TUN)
		ck_assert_msg(dlt == DLT_RAW, "tun0 captures as DLT %d, "
			      "expected DLT_RAW", dlt);
	else
		ck_assert_msg(dlt == DLT_EN10MB, "tap0 captures as DLT %d, "
			      "expected DLT_EN10MB", dlt);
	tt_pc_close(&c);
}
END_TEST

/* What is written is captured byte for byte: tun the IP packet, tap the
 * whole frame. */
START_TEST(test_capture_shows_written_bytes)
{
	tt_pc_written(_i, 0);
}
END_TEST

/* With the AF header on, the capture shows the IP packet written, not
 * the header: raw IP is what the interface carries. */
START_TEST(test_capture_shows_written_bytes_without_af_header)
{
	tt_pc_written(TT_DEV_TUN, 1);
}
END_TEST

/* What the stack sends and read() returns is captured byte for byte
 * identical to what read() returned (tap: the stack's ARP request and
 * the reply written, too). */
START_TEST(test_capture_shows_read_bytes)
{
	tt_pc_sent(_i, 0);
}
END_TEST

/* With the AF header on, the capture is what read() returned less the
 * header. */
START_TEST(test_capture_shows_read_bytes_without_af_header)
{
	tt_pc_sent(TT_DEV_TUN, 1);
}
END_TEST

/* One capture sees both directions of an exchange, in order: the echo
 * request written and the reply read (tap: with the ARP between). */
START_TEST(test_capture_shows_both_directions)
{
	tt_pc_echo(_i, 0);
}
END_TEST

/* The same with the AF header on: both directions, without it. */
START_TEST(test_capture_shows_both_directions_without_af_header)
{
	tt_pc_echo(TT_DEV_TUN, 1);
}
END_TEST

Suite *make_pcap_suite(void)
{
	Suite *s = suite_create("pcap");
	TCase *tc = tt_tcase_create("pcap");

	tt_test_add_variants(tc, test_capture_link_type, "tun", "tap");
	tt_test_add_variants(tc, test_capture_shows_written_bytes,
			     "tun", "tap");
	tt_test_add(tc, test_capture_shows_written_bytes_without_af_header);
	tt_test_add_variants(tc, test_capture_shows_read_bytes, "tun", "tap");
	tt_test_add(tc, test_capture_shows_read_bytes_without_af_header);
	tt_test_add_variants(tc, test_capture_shows_both_directions,
			     "tun", "tap");
	tt_test_add(tc,
		       test_capture_shows_both_directions_without_af_header);
	suite_add_tcase(s, tc);
	return s;
}
