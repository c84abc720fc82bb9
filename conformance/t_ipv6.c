// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_ipv6.c: IPv6 works on both kinds: addresses, ping6, UDP both ways,
 * multicast, neighbour discovery on tap, and on tun with and without the
 * AF header (AF_INET6, Linux's 10).  Contract section "ipv6".
 *
 * Loop tests run over three variants: tun, tap, and tun with the AF
 * header on.  The stack sends MLD and ND on its own here: every read
 * skips what the test is not looking for.
 */
#include "tt_test.h"

#include <arpa/inet.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#define TT_V6_TUN_HDR	2	/* the third variant: tun, AF header on */
#define TT_PORT_LOCAL	40401	/* the host's socket */
#define TT_PORT_PEER	40402	/* the simulated neighbour */
#define TT_WAIT_MS	3000	/* the VM is emulated: be generous */
#define TT_IP6_LEN	40

static uint8_t tt_buf[TT_PKT_MAX];
/* ff02::1, all nodes, and the MAC it maps to */
static const uint8_t tt_all_nodes_mac[6] = { 0x33, 0x33, 0, 0, 0, 1 };

/* One unit seen from the network. */
struct tt_v6 {
	struct tt_dev d;
	int hdr;			/* tun: the AF header is on */
	struct in6_addr local;		/* the host, ::1 */
	struct in6_addr peer;		/* the simulated neighbour, ::2 */
	uint8_t mac[6];			/* tap: the interface's MAC */
	uint8_t peer_mac[6];		/* tap: the neighbour's */
};

static void tt_v6_setup(struct tt_v6 *v, int variant)
{
	enum tt_dev_kind kind = variant == TT_DEV_TAP ? TT_DEV_TAP : TT_DEV_TUN;

	memset(v, 0, sizeof(*v));
	tt_dev_setup(&v->d, kind, 0, TT_SETUP_V6 | TT_SETUP_UP);
	v->hdr = variant == TT_V6_TUN_HDR;
	if (v->hdr)
		TT_ASSERT_OK(tt_dev_set_header(&v->d, 1));
	tt_addr6(&v->d, 1, &v->local);
	tt_addr6(&v->d, 2, &v->peer);
	if (kind == TT_DEV_TAP) {
		ck_assert_int_eq(tt_if_hwaddr(v->d.name, v->mac),
				 ARPHRD_ETHER);
		tt_peer_mac(2, v->peer_mac);
	}
}

/* Write the IPv6 packet at buf + TT_ETH_LEN (iplen bytes) as the
 * neighbour would: tap in a frame to the interface's MAC, tun bare or
 * behind AF_INET6. */
static void tt_v6_write(struct tt_v6 *v, uint8_t *buf, size_t iplen)
{
	uint8_t *start = buf + TT_ETH_LEN;
	size_t n = iplen;

	if (v->d.kind == TT_DEV_TAP) {
		n = tt_pkt_eth(buf, v->mac, v->peer_mac, 0x86dd, iplen);
		start = buf;
	} else if (v->hdr) {
		tt_hdr_put(buf + TT_ETH_LEN - 4, AF_INET6);
		start -= 4;
		n += 4;
	}
	ck_assert_msg(tt_xio_write(v->d.fd, start, n) == (ssize_t)n,
		      "write of %zu bytes: %s", n, tt_errname(errno));
}

/* tt_read_match with the AF header skipped, when it is on. */
struct tt_v6_match {
	size_t skip;
	tt_match_fn fn;
	const void *arg;
};

static int tt_v6_match_fn(const uint8_t *p, size_t n, const void *arg)
{
	const struct tt_v6_match *m = arg;

	return n >= m->skip && m->fn(p + m->skip, n - m->skip, m->arg);
}

/*
 * Read until fn matches; check the link layer (AF_INET6 header, or a
 * frame from the interface's MAC to dmac) and return the IPv6 packet,
 * its length in *iplen.
 */
static const uint8_t *tt_v6_read(struct tt_v6 *v, tt_match_fn fn,
				 const void *arg, const uint8_t dmac[6],
				 size_t *iplen, const char *what)
{
	struct tt_v6_match m = { v->hdr ? 4 : 0, fn, arg };
	const uint8_t *ip = tt_buf;
	ssize_t r;

	r = tt_read_match(&v->d, tt_buf, sizeof(tt_buf), TT_WAIT_MS,
			  tt_v6_match_fn, &m);
	ck_assert_msg(r >= 0, "%s: no %s read within %d ms", v->d.name, what,
		      TT_WAIT_MS);
	*iplen = (size_t)r;
	if (v->d.kind == TT_DEV_TAP) {
		ck_assert_msg(memcmp(tt_buf, dmac, 6) == 0,
			      "%s: wrong destination MAC", what);
		ck_assert_msg(memcmp(tt_buf + 6, v->mac, 6) == 0,
			      "%s: source MAC is not the tap's", what);
		ip += TT_ETH_LEN;
		*iplen -= TT_ETH_LEN;
	} else if (v->hdr) {
		ck_assert_msg(tt_hdr_is(tt_buf, AF_INET6),
			      "%s: AF header is not AF_INET6", what);
		ip += 4;
		*iplen -= 4;
	}
	ck_assert_uint_eq(ip[0] >> 4, 6);
	ck_assert_uint_eq(tt_pkt_get16(ip + 4), *iplen - TT_IP6_LEN);
	return ip;
}

/* The solicited-node multicast address of a and its MAC. */
static void tt_v6_solicited(const struct in6_addr *a, struct in6_addr *sn,
			    uint8_t mac[6])
{
	static const uint8_t pfx[13] = { 0xff, 0x02, 0, 0, 0, 0, 0, 0,
					 0, 0, 0, 0x01, 0xff };

	memcpy(sn->s6_addr, pfx, sizeof(pfx));
	memcpy(sn->s6_addr + 13, a->s6_addr + 13, 3);
	mac[0] = 0x33;
	mac[1] = 0x33;
	memcpy(mac + 2, sn->s6_addr + 12, 4);
}

/*
 * tap: the stack asks for the neighbour's MAC with a neighbour
 * solicitation to its solicited-node group, from the tap's MAC (also in
 * the source link-layer option); the test answers as the neighbour.
 */
static void tt_v6_resolve(struct tt_v6 *v)
{
	struct in6_addr sn, src;
	uint8_t sn_mac[6];
	const uint8_t *ip, *icmp;
	size_t n, len;

	tt_v6_solicited(&v->peer, &sn, sn_mac);
	ip = tt_v6_read(v, tt_match_ns, &v->peer, sn_mac, &n,
			"neighbour solicitation");
	ck_assert_msg(memcmp(ip + 24, &sn, 16) == 0,
		      "NS not to the solicited-node group");
	ck_assert_uint_eq(ip[7], 255);
	icmp = ip + TT_IP6_LEN;
	ck_assert_uint_ge(n, TT_IP6_LEN + 24 + 8);
	ck_assert_msg(icmp[24] == 1 && icmp[25] == 1 &&
		      memcmp(icmp + 26, v->mac, 6) == 0,
		      "NS has no source link-layer option with the tap's MAC");
	memcpy(&src, ip + 8, 16);
	len = tt_pkt_na(tt_buf, v->peer_mac, &v->peer, v->mac, &src);
	ck_assert_int_eq(tt_xio_write(v->d.fd, tt_buf, len), (ssize_t)len);
}

/* The host's UDP socket on its address. */
static int tt_v6_socket(struct tt_v6 *v)
{
	int s = tt_udp6_socket(&v->local, TT_PORT_LOCAL);

	ck_assert_msg(s >= 0, "UDP6 socket: %s", tt_errname(errno));
	return s;
}

/* The interface has the IPv6 address SIOCSIFADDR gave it on an AF_INET6
 * socket, with its prefix length. */
START_TEST(test_ipv6_address_assigned)
{
	char want[33], line[256], addr[33], name[IFNAMSIZ + 1];
	unsigned idx, plen, scope, flags;
	struct tt_v6 v;
	int i, found = 0;
	FILE *f;

	tt_v6_setup(&v, _i);
	for (i = 0; i < 16; i++)
		snprintf(want + 2 * i, 3, "%02x", v.local.s6_addr[i]);
	f = fopen("/proc/net/if_inet6", "re");
	ck_assert(f != NULL);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%32s %x %x %x %x %16s", addr, &idx, &plen,
			   &scope, &flags, name) == 6 &&
		    strcmp(name, v.d.name) == 0 && strcmp(addr, want) == 0 &&
		    plen == 64)
			found = 1;
	fclose(f);
	ck_assert_msg(found, "%s/64 not on %s", want, v.d.name);
	tt_dev_close(&v.d);
}
END_TEST

/* An ICMPv6 echo request written to the host's address is answered:
 * the reply is read, to the neighbour, with the request's payload (tap:
 * once the stack has resolved the neighbour's MAC). */
START_TEST(test_ping6_answered)
{
	static const char data[] = "ping6 payload";
	struct tt_match_icmp m = { _i == TT_DEV_TAP, 0x6b6b };
	const uint8_t *ip;
	struct tt_v6 v;
	size_t n;

	tt_v6_setup(&v, _i);
	n = tt_pkt_icmp6_echo(tt_buf + TT_ETH_LEN, &v.peer, &v.local, m.id, 7,
			      data, sizeof(data));
	tt_v6_write(&v, tt_buf, n);
	if (_i == TT_DEV_TAP)
		tt_v6_resolve(&v);
	ip = tt_v6_read(&v, tt_match_icmp6_reply, &m, v.peer_mac, &n,
			"echo reply");
	ck_assert_msg(memcmp(ip + 8, &v.local, 16) == 0,
		      "reply not from the host's address");
	ck_assert_msg(memcmp(ip + 24, &v.peer, 16) == 0,
		      "reply not to the neighbour");
	ck_assert_uint_eq(n, TT_IP6_LEN + 8 + sizeof(data));
	ck_assert_uint_eq(tt_pkt_get16(ip + TT_IP6_LEN + 6), 7);
	ck_assert_msg(memcmp(ip + TT_IP6_LEN + 8, data, sizeof(data)) == 0,
		      "reply does not echo the payload");
	tt_dev_close(&v.d);
}
END_TEST

/* A UDP datagram written to the host's address reaches the socket bound
 * there, from the neighbour's address and port. */
START_TEST(test_udp6_written_reaches_socket)
{
	static const char data[] = "udp6 in";
	struct sockaddr_in6 from;
	socklen_t fl = sizeof(from);
	char got[64];
	struct tt_v6 v;
	size_t n;
	int s;

	tt_v6_setup(&v, _i);
	s = tt_v6_socket(&v);
	n = tt_pkt_udp6(tt_buf + TT_ETH_LEN, &v.peer, &v.local, TT_PORT_PEER,
			TT_PORT_LOCAL, data, sizeof(data));
	tt_v6_write(&v, tt_buf, n);
	ck_assert_msg(tt_wait_readable(s, TT_WAIT_MS),
		      "datagram did not reach the socket");
	ck_assert_int_eq(recvfrom(s, got, sizeof(got), 0,
				  (struct sockaddr *)&from, &fl),
			 (ssize_t)sizeof(data));
	ck_assert_msg(memcmp(got, data, sizeof(data)) == 0, "payload differs");
	ck_assert_msg(memcmp(&from.sin6_addr, &v.peer, 16) == 0,
		      "not from the neighbour's address");
	ck_assert_uint_eq(ntohs(from.sin6_port), TT_PORT_PEER);
	close(s);
	tt_dev_close(&v.d);
}
END_TEST

/* A datagram the host's socket sends to the neighbour is read from the
 * device as one IPv6 UDP packet (tap: to the neighbour's MAC, once
 * resolved). */
START_TEST(test_udp6_sent_is_read)
{
	static const char data[] = "udp6 out";
	struct tt_match_udp m = { _i == TT_DEV_TAP, TT_PORT_PEER };
	struct sockaddr_in6 to = { .sin6_family = AF_INET6,
				   .sin6_port = htons(TT_PORT_PEER) };
	const uint8_t *ip;
	struct tt_v6 v;
	size_t n;
	int s;

	tt_v6_setup(&v, _i);
	s = tt_v6_socket(&v);
	to.sin6_addr = v.peer;
	ck_assert_int_eq(sendto(s, data, sizeof(data), 0,
				(struct sockaddr *)&to, sizeof(to)),
			 (ssize_t)sizeof(data));
	if (_i == TT_DEV_TAP)
		tt_v6_resolve(&v);
	ip = tt_v6_read(&v, tt_match_udp6, &m, v.peer_mac, &n, "UDP6");
	ck_assert_uint_eq(n, TT_IP6_LEN + 8 + sizeof(data));
	ck_assert_msg(memcmp(ip + 8, &v.local, 16) == 0,
		      "not from the host's address");
	ck_assert_msg(memcmp(ip + 24, &v.peer, 16) == 0,
		      "not to the neighbour");
	ck_assert_uint_eq(tt_pkt_get16(ip + TT_IP6_LEN), TT_PORT_LOCAL);
	ck_assert_msg(memcmp(ip + TT_IP6_LEN + 8, data, sizeof(data)) == 0,
		      "payload differs");
	close(s);
	tt_dev_close(&v.d);
}
END_TEST

/*
 * tap: neighbour discovery.  To send to a neighbour it does not know,
 * the stack solicits its MAC and holds the datagram; a neighbour
 * advertisement written back resolves it, and the datagram goes out to
 * the advertised MAC.
 */
START_TEST(test_tap_neighbour_discovery_resolves_neighbour)
{
	struct tt_match_udp m = { 1, TT_PORT_PEER };
	struct sockaddr_in6 to = { .sin6_family = AF_INET6,
				   .sin6_port = htons(TT_PORT_PEER) };
	struct tt_v6 v;
	size_t n;
	int s;

	tt_v6_setup(&v, TT_DEV_TAP);
	s = tt_v6_socket(&v);
	to.sin6_addr = v.peer;
	ck_assert_int_eq(sendto(s, "nd", 2, 0, (struct sockaddr *)&to,
				sizeof(to)), 2);
	/* held until resolved: only the solicitation is sent */
	tt_v6_resolve(&v);
	tt_v6_read(&v, tt_match_udp6, &m, v.peer_mac, &n, "UDP6 to neighbour");
	/* resolved once for all: the next datagram needs no solicitation */
	ck_assert_int_eq(sendto(s, "nd2", 3, 0, (struct sockaddr *)&to,
				sizeof(to)), 3);
	tt_v6_read(&v, tt_match_udp6, &m, v.peer_mac, &n, "second UDP6");
	ck_assert_uint_eq(n, TT_IP6_LEN + 8 + 3);
	close(s);
	tt_dev_close(&v.d);
}
END_TEST

/* A datagram a socket sends to the all-nodes group ff02::1 out of the
 * interface (IPV6_MULTICAST_IF) is read from the device (tap: to the
 * group's MAC 33:33:00:00:00:01). */
START_TEST(test_multicast6_sent_is_read)
{
	struct tt_match_udp m = { _i == TT_DEV_TAP, TT_PORT_PEER };
	struct sockaddr_in6 to = { .sin6_family = AF_INET6,
				   .sin6_port = htons(TT_PORT_PEER) };
	const uint8_t *ip;
	struct tt_v6 v;
	int s, ifindex;
	size_t n;

	tt_v6_setup(&v, _i);
	ifindex = (int)if_nametoindex(v.d.name);
	ck_assert_int_gt(ifindex, 0);
	s = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(s, 0);
	TT_ASSERT_OK(setsockopt(s, IPPROTO_IPV6, IPV6_MULTICAST_IF, &ifindex,
				sizeof(ifindex)));
	ck_assert_int_eq(inet_pton(AF_INET6, "ff02::1", &to.sin6_addr), 1);
	ck_assert_int_eq(sendto(s, "all", 3, 0, (struct sockaddr *)&to,
				sizeof(to)), 3);
	ip = tt_v6_read(&v, tt_match_udp6, &m, tt_all_nodes_mac, &n,
			"UDP6 to ff02::1");
	ck_assert_msg(memcmp(ip + 24, &to.sin6_addr, 16) == 0,
		      "not to ff02::1");
	ck_assert_uint_eq(n, TT_IP6_LEN + 8 + 3);
	close(s);
	tt_dev_close(&v.d);
}
END_TEST

/* A datagram written to ff02::1 reaches a socket listening on the port:
 * the interface receives the all-nodes group. */
START_TEST(test_multicast6_written_reaches_socket)
{
	struct in6_addr group;
	char got[16];
	struct tt_v6 v;
	size_t n;
	int s;

	tt_v6_setup(&v, _i);
	s = tt_udp6_socket(&in6addr_any, TT_PORT_LOCAL);
	ck_assert_int_ge(s, 0);
	ck_assert_int_eq(inet_pton(AF_INET6, "ff02::1", &group), 1);
	n = tt_pkt_udp6(tt_buf + TT_ETH_LEN, &v.peer, &group, TT_PORT_PEER,
			TT_PORT_LOCAL, "grp", 3);
	if (_i == TT_DEV_TAP) {
		/* to the group's MAC, not the tap's */
		n = tt_pkt_eth(tt_buf, tt_all_nodes_mac, v.peer_mac, 0x86dd,
			       n);
		ck_assert_int_eq(tt_xio_write(v.d.fd, tt_buf, n), (ssize_t)n);
	} else {
		tt_v6_write(&v, tt_buf, n);
	}
	ck_assert_msg(tt_wait_readable(s, TT_WAIT_MS),
		      "multicast datagram did not reach the socket");
	ck_assert_int_eq(recv(s, got, sizeof(got), 0), 3);
	ck_assert_msg(memcmp(got, "grp", 3) == 0, "payload differs");
	close(s);
	tt_dev_close(&v.d);
}
END_TEST

Suite *make_ipv6_suite(void)
{
	Suite *s = suite_create("ipv6");
	TCase *tc = tt_tcase_create("ipv6");

	tt_test_add_variants(tc, test_ipv6_address_assigned, "tun", "tap");
	tt_test_add_variants(tc, test_ping6_answered, "tun", "tap", "tun-af");
	tt_test_add_variants(tc, test_udp6_written_reaches_socket,
			     "tun", "tap", "tun-af");
	tt_test_add_variants(tc, test_udp6_sent_is_read,
			     "tun", "tap", "tun-af");
	tt_test_add(tc, test_tap_neighbour_discovery_resolves_neighbour);
	tt_test_add_variants(tc, test_multicast6_sent_is_read,
			     "tun", "tap", "tun-af");
	tt_test_add_variants(tc, test_multicast6_written_reaches_socket,
			     "tun", "tap", "tun-af");
	suite_add_tcase(s, tc);
	return s;
}
