// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_peer.c: the kernel's own stack is the peer.  What a test writes is
 * the network talking to the host: UDP reaches a socket, ICMP echo is
 * answered, ARP on tap is answered and learned, multicast and broadcast
 * go both ways, and a packet filling the MTU passes whole.  Contract
 * section "peer".
 */
#include "tt_test.h"

#include <arpa/inet.h>
#include <net/if_arp.h>
#include <sys/socket.h>
#include <unistd.h>

#define TT_PORT_LOCAL	40001	/* the host's socket */
#define TT_PORT_PEER	40002	/* the simulated peer */
#define TT_WAIT_MS	3000	/* the VM is emulated: be generous */
#define TT_MTU		1500
#define TT_UDP4_MAX	(TT_MTU - 20 - 8)	/* payload filling the MTU */

static const uint8_t tt_bcast_mac[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
/* 224.0.0.251 and the Ethernet address IPv4 multicast maps it to */
#define TT_GROUP	0xe00000fbu
static const uint8_t tt_group_mac[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb };

/* One unit seen from the network: its addresses and link layer. */
struct tt_peer {
	struct tt_dev d;
	int hdr;			/* tun: the AF header is on */
	struct in_addr local;		/* the host, x.x.U.1 */
	struct in_addr peer;		/* the simulated peer, x.x.U.2 */
	uint8_t mac[6];			/* tap: the interface's MAC */
	uint8_t peer_mac[6];		/* tap: the peer's */
};

static void tt_peer_setup(struct tt_peer *p, enum tt_dev_kind kind, int hdr)
{
	memset(p, 0, sizeof(*p));
	tt_dev_setup(&p->d, kind, 0, TT_SETUP_V4 | TT_SETUP_UP);
	p->hdr = hdr;
	if (hdr)
		TT_ASSERT_OK(tt_dev_set_header(&p->d, 1));
	tt_addr4(&p->d, 1, &p->local);
	tt_addr4(&p->d, 2, &p->peer);
	if (kind == TT_DEV_TAP) {
		ck_assert_int_eq(tt_if_hwaddr(p->d.name, p->mac), ARPHRD_ETHER);
		tt_peer_mac(2, p->peer_mac);
	}
}

/*
 * Write the IPv4 packet at buf + TT_ETH_LEN (iplen bytes) as the peer
 * would: tap in a frame from the peer's MAC to dmac, tun bare or behind
 * the AF header.
 */
static void tt_peer_write(struct tt_peer *p, uint8_t *buf, size_t iplen,
			  const uint8_t dmac[6])
{
	const uint8_t *start = buf + TT_ETH_LEN;
	size_t n = iplen;

	if (p->d.kind == TT_DEV_TAP) {
		n = tt_pkt_eth(buf, dmac, p->peer_mac, 0x0800, iplen);
		start = buf;
	} else if (p->hdr) {
		tt_hdr_put(buf + TT_ETH_LEN - 4, AF_INET);
		start = buf + TT_ETH_LEN - 4;
		n += 4;
	}
	ck_assert_msg(tt_xio_write(p->d.fd, start, n) == (ssize_t)n,
		      "write of %zu bytes: %s", n, tt_errname(errno));
}

/* tt_read_match with the AF header skipped, when it is on */
struct tt_peer_match {
	size_t skip;
	tt_match_fn fn;
	const void *arg;
};

static int tt_peer_match_fn(const uint8_t *pkt, size_t n, const void *arg)
{
	const struct tt_peer_match *m = arg;

	return n >= m->skip && m->fn(pkt + m->skip, n - m->skip, m->arg);
}

static size_t tt_peer_read(struct tt_peer *p, uint8_t *buf, size_t size,
			   tt_match_fn fn, const void *arg, const char *what)
{
	struct tt_peer_match m = { p->hdr ? 4 : 0, fn, arg };
	ssize_t r;

	r = tt_read_match(&p->d, buf, size, TT_WAIT_MS, tt_peer_match_fn, &m);
	ck_assert_msg(r >= 0, "%s: no %s read within %d ms", p->d.name, what,
		      TT_WAIT_MS);
	return (size_t)r;
}

/*
 * The IPv4 packet in what read() returned, after checking its link
 * layer: the AF header (AF_INET) or an Ethernet header from the tap's
 * MAC to dmac.
 */
static const uint8_t *tt_peer_ip(struct tt_peer *p, const uint8_t *buf,
				 size_t n, const uint8_t dmac[6],
				 size_t *iplen)
{

	if (p->d.kind == TT_DEV_TAP) {
		ck_assert_uint_ge(n, TT_ETH_LEN);
		ck_assert_msg(memcmp(buf, dmac, 6) == 0,
			      "wrong destination MAC");
		ck_assert_msg(memcmp(buf + 6, p->mac, 6) == 0,
			      "source MAC is not the tap's");
		ck_assert_uint_eq(tt_pkt_get16(buf + 12), 0x0800);
		*iplen = n - TT_ETH_LEN;
		return buf + TT_ETH_LEN;
	}
	if (p->hdr) {
		ck_assert_uint_ge(n, 4);
		ck_assert_msg(tt_hdr_is(buf, AF_INET),
			      "AF header is not AF_INET");
		*iplen = n - 4;
		return buf + 4;
	}
	*iplen = n;
	return buf;
}

/* Check an IPv4 header whole; the transport header and its length. */
static const uint8_t *tt_peer_ip4(const uint8_t *ip, size_t n,
				  const struct in_addr *src,
				  const struct in_addr *dst, uint8_t proto,
				  size_t *l4len)
{
	size_t ihl;

	ck_assert_uint_ge(n, 20);
	ck_assert_uint_eq(ip[0] >> 4, 4);
	ihl = (size_t)(ip[0] & 0xf) * 4;
	ck_assert_uint_ge(ihl, 20);
	ck_assert_uint_eq(tt_pkt_get16(ip + 2), n);
	ck_assert_msg(tt_csum(ip, ihl, 0) == 0, "bad IPv4 header checksum");
	ck_assert_uint_eq(ip[9], proto);
	ck_assert_msg(memcmp(ip + 12, src, 4) == 0, "wrong source address");
	ck_assert_msg(memcmp(ip + 16, dst, 4) == 0,
		      "wrong destination address");
	*l4len = n - ihl;
	return ip + ihl;
}

/* Check a UDP datagram whole, its checksum included. */
static void tt_peer_udp_check(const uint8_t *udp, size_t n,
			      const struct in_addr *src,
			      const struct in_addr *dst, uint16_t sport,
			      uint16_t dport, const uint8_t *payload,
			      size_t plen)
{
	uint8_t pseudo[12];

	ck_assert_uint_eq(n, 8 + plen);
	ck_assert_uint_eq(tt_pkt_get16(udp), sport);
	ck_assert_uint_eq(tt_pkt_get16(udp + 2), dport);
	ck_assert_uint_eq(tt_pkt_get16(udp + 4), n);
	memcpy(pseudo, src, 4);
	memcpy(pseudo + 4, dst, 4);
	pseudo[8] = 0;
	pseudo[9] = 17;
	pseudo[10] = (uint8_t)(n >> 8);
	pseudo[11] = (uint8_t)n;
	ck_assert_msg(tt_csum(udp, n, (uint16_t)~tt_csum(pseudo, 12, 0)) == 0,
		      "bad UDP checksum");
	ck_assert_msg(memcmp(udp + 8, payload, plen) == 0,
		      "UDP payload differs");
}

/*
 * What read() returned is the host's datagram to dst:TT_PORT_PEER from
 * TT_PORT_LOCAL, carrying payload: check every layer of it.
 */
static void tt_peer_check_udp_out(struct tt_peer *p, const uint8_t *buf,
				  size_t n, const uint8_t dmac[6],
				  const struct in_addr *dst,
				  const void *payload, size_t plen)
{
	const uint8_t *ip, *udp;
	size_t iplen, l4len;

	ip = tt_peer_ip(p, buf, n, dmac, &iplen);
	ck_assert_uint_eq(iplen, 20 + 8 + plen);
	udp = tt_peer_ip4(ip, iplen, &p->local, dst, 17, &l4len);
	tt_peer_udp_check(udp, l4len, &p->local, dst, TT_PORT_LOCAL,
			  TT_PORT_PEER, payload, plen);
}

static int tt_match_arp_reply(const uint8_t *p, size_t n, const void *arg)
{
	(void)arg;
	return n >= TT_ETH_LEN + 28 && tt_pkt_get16(p + 12) == 0x0806 &&
	       tt_pkt_get16(p + TT_ETH_LEN + 6) == 2;
}

/* An ARP request who-has tip from smac / sip, broadcast. */
static size_t tt_peer_arp_request(uint8_t *buf, const uint8_t smac[6],
				  const struct in_addr *sip,
				  const struct in_addr *tip)
{
	static const uint8_t zero[6];
	size_t n = tt_pkt_arp_reply(buf, smac, sip, zero, tip);

	buf[TT_ETH_LEN + 7] = 1;	/* request */
	memcpy(buf, tt_bcast_mac, 6);
	return n;
}

/*
 * tap: the stack asks who has the peer's address; check the request
 * (broadcast, the tap's MAC and address as sender) and answer it with
 * the peer's MAC.  tun: nothing to resolve.
 */
static void tt_peer_resolve(struct tt_peer *p)
{
	uint8_t buf[TT_PKT_MAX];
	const uint8_t *arp = buf + TT_ETH_LEN;
	size_t n;

	if (p->d.kind != TT_DEV_TAP)
		return;
	tt_peer_read(p, buf, sizeof(buf), tt_match_arp_request, &p->peer,
		     "ARP request for the peer");
	ck_assert_msg(memcmp(buf, tt_bcast_mac, 6) == 0,
		      "ARP request not broadcast");
	ck_assert_msg(memcmp(buf + 6, p->mac, 6) == 0,
		      "ARP request not from the tap's MAC");
	ck_assert_uint_eq(tt_pkt_get16(arp), 1);
	ck_assert_uint_eq(tt_pkt_get16(arp + 2), 0x0800);
	ck_assert_uint_eq(arp[4], 6);
	ck_assert_uint_eq(arp[5], 4);
	ck_assert_msg(memcmp(arp + 8, p->mac, 6) == 0,
		      "ARP sender hardware address is not the tap's MAC");
	ck_assert_msg(memcmp(arp + 14, &p->local, 4) == 0,
		      "ARP sender address is not the local one");
	n = tt_pkt_arp_reply(buf, p->peer_mac, &p->peer, p->mac, &p->local);
	ck_assert_int_eq(tt_xio_write(p->d.fd, buf, n), (ssize_t)n);
}

static int tt_peer_socket(const struct in_addr *a, uint16_t port)
{
	int s = tt_udp4_socket(a, port);

	ck_assert_msg(s >= 0, "UDP socket: %s", tt_errname(errno));
	return s;
}

/* Receive one datagram of exactly payload from from:fport on s. */
static void tt_peer_recv(int s, const uint8_t *payload, size_t n,
			 const struct in_addr *from, uint16_t fport)
{
	static uint8_t buf[TT_PKT_MAX];
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);
	ssize_t r;

	ck_assert_msg(tt_wait_readable(s, TT_WAIT_MS),
		      "the socket received nothing");
	r = recvfrom(s, buf, sizeof(buf), MSG_DONTWAIT,
		     (struct sockaddr *)&sin, &sl);
	ck_assert_int_eq(r, (ssize_t)n);
	ck_assert_msg(memcmp(buf, payload, n) == 0, "payload differs");
	ck_assert_uint_eq(sin.sin_addr.s_addr, from->s_addr);
	ck_assert_uint_eq(ntohs(sin.sin_port), fport);
	ck_assert_msg(!tt_wait_readable(s, 0), "more than one datagram");
}

static void tt_peer_sendto(int s, const void *buf, size_t n,
			   const struct in_addr *to, uint16_t port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };

	sin.sin_addr = *to;
	sin.sin_port = htons(port);
	ck_assert_msg(sendto(s, buf, n, 0, (struct sockaddr *)&sin,
			     sizeof(sin)) == (ssize_t)n,
		      "sendto: %s", tt_errname(errno));
}

/* The peer sends a UDP datagram of n bytes to the host's socket. */
static void tt_peer_udp_in(enum tt_dev_kind kind, int hdr, size_t n)
{
	static uint8_t buf[TT_PKT_MAX], payload[TT_MTU];
	struct tt_peer p;
	size_t len;
	int s;

	tt_peer_setup(&p, kind, hdr);
	s = tt_peer_socket(&p.local, TT_PORT_LOCAL);
	tt_pkt_fill(payload, n, 0x31);
	len = tt_pkt_udp4(buf + TT_ETH_LEN, &p.peer, &p.local, TT_PORT_PEER,
			  TT_PORT_LOCAL, payload, n);
	tt_peer_write(&p, buf, len, p.mac);
	tt_peer_recv(s, payload, n, &p.peer, TT_PORT_PEER);
	close(s);
	tt_dev_close(&p.d);
}

/* The host's socket sends n bytes to the peer; read() gets them. */
static void tt_peer_udp_out(enum tt_dev_kind kind, int hdr, size_t n)
{
	static uint8_t buf[TT_PKT_MAX], payload[TT_MTU];
	struct tt_match_udp m = { kind == TT_DEV_TAP, TT_PORT_PEER };
	struct tt_peer p;
	size_t r;
	int s;

	tt_peer_setup(&p, kind, hdr);
	s = tt_peer_socket(&p.local, TT_PORT_LOCAL);
	tt_pkt_fill(payload, n, 0x52);
	tt_peer_sendto(s, payload, n, &p.peer, TT_PORT_PEER);
	tt_peer_resolve(&p);
	r = tt_peer_read(&p, buf, sizeof(buf), tt_match_udp4, &m, "UDP");
	tt_peer_check_udp_out(&p, buf, r, p.peer_mac, &p.peer, payload, n);
	close(s);
	tt_dev_close(&p.d);
}

/* An echo request written to the host's address is answered. */
static void tt_peer_echo(enum tt_dev_kind kind, int hdr)
{
	static uint8_t buf[TT_PKT_MAX];
	struct tt_match_icmp m = { kind == TT_DEV_TAP, 0x7474 };
	const uint8_t *ip, *icmp;
	uint8_t payload[56];
	size_t n, iplen, l4len;
	struct tt_peer p;

	tt_peer_setup(&p, kind, hdr);
	tt_pkt_fill(payload, sizeof(payload), 0x17);
	n = tt_pkt_icmp4_echo(buf + TT_ETH_LEN, &p.peer, &p.local, 0x7474, 9,
			      payload, sizeof(payload));
	tt_peer_write(&p, buf, n, p.mac);
	tt_peer_resolve(&p);
	n = tt_peer_read(&p, buf, sizeof(buf), tt_match_icmp4_reply, &m,
			 "echo reply");
	ip = tt_peer_ip(&p, buf, n, p.peer_mac, &iplen);
	icmp = tt_peer_ip4(ip, iplen, &p.local, &p.peer, 1, &l4len);
	ck_assert_uint_eq(l4len, 8 + sizeof(payload));
	ck_assert_uint_eq(icmp[0], 0);
	ck_assert_uint_eq(icmp[1], 0);
	ck_assert_uint_eq(tt_pkt_get16(icmp + 4), 0x7474);
	ck_assert_uint_eq(tt_pkt_get16(icmp + 6), 9);
	ck_assert_msg(tt_csum(icmp, l4len, 0) == 0, "bad ICMP checksum");
	ck_assert_msg(memcmp(icmp + 8, payload, sizeof(payload)) == 0,
		      "echo reply payload differs");
	tt_dev_close(&p.d);
}

/* A UDP datagram the peer writes reaches the socket bound to the
 * host's address: exactly its payload, from the peer's address and
 * port. */
START_TEST(test_udp_written_reaches_socket)
{
	tt_peer_udp_in(_i, 0, 32);
}
END_TEST

/* The same with the AF header on: the header is stripped, the packet
 * is delivered. */
START_TEST(test_udp_written_with_af_header_reaches_socket)
{
	tt_peer_udp_in(TT_DEV_TUN, 1, 32);
}
END_TEST

/* A datagram a socket sends to the peer is read as one IPv4 UDP packet
 * (tap: in a frame to the peer's MAC, after ARP) with the right
 * addresses, ports, payload and valid checksums. */
START_TEST(test_udp_sent_is_read)
{
	tt_peer_udp_out(_i, 0, 32);
}
END_TEST

/* The same with the AF header on: AF_INET in front of the packet. */
START_TEST(test_udp_sent_is_read_with_af_header)
{
	tt_peer_udp_out(TT_DEV_TUN, 1, 32);
}
END_TEST

/* An ICMP echo request written to the host's address is answered with
 * a reply of the same id, sequence and payload (tap: after the stack
 * resolved the peer by ARP). */
START_TEST(test_echo_request_answered)
{
	tt_peer_echo(_i, 0);
}
END_TEST

/* The same with the AF header on, both ways. */
START_TEST(test_echo_request_with_af_header_answered)
{
	tt_peer_echo(TT_DEV_TUN, 1);
}
END_TEST

/* tap: to reach a neighbour the stack broadcasts an ARP request from
 * the tap's MAC; the reply written is learned, so that frame and the
 * next one go to the neighbour's MAC without asking again. */
START_TEST(test_arp_reply_written_is_learned)
{
	static uint8_t buf[TT_PKT_MAX];
	struct tt_match_udp m = { 1, TT_PORT_PEER };
	struct tt_peer p;
	size_t n;
	int s;

	tt_peer_setup(&p, TT_DEV_TAP, 0);
	s = tt_peer_socket(&p.local, TT_PORT_LOCAL);
	tt_peer_sendto(s, "first", 5, &p.peer, TT_PORT_PEER);
	tt_peer_resolve(&p);
	n = tt_peer_read(&p, buf, sizeof(buf), tt_match_udp4, &m, "UDP");
	tt_peer_check_udp_out(&p, buf, n, p.peer_mac, &p.peer, "first", 5);

	/* learned: the very next packet is the datagram, no new request */
	tt_peer_sendto(s, "second", 6, &p.peer, TT_PORT_PEER);
	n = tt_peer_read(&p, buf, sizeof(buf), tt_match_any, NULL, "packet");
	ck_assert_msg(tt_match_udp4(buf, n, &m),
		      "the stack asked again instead of sending the datagram");
	tt_peer_check_udp_out(&p, buf, n, p.peer_mac, &p.peer, "second", 6);
	close(s);
	tt_dev_close(&p.d);
}
END_TEST

/* tap: an ARP request written for the host's address is answered with
 * the tap's MAC, sent to the asker. */
START_TEST(test_arp_request_for_local_address_answered)
{
	static uint8_t buf[TT_PKT_MAX];
	const uint8_t *arp = buf + TT_ETH_LEN;
	struct tt_peer p;
	size_t n;

	tt_peer_setup(&p, TT_DEV_TAP, 0);
	n = tt_peer_arp_request(buf, p.peer_mac, &p.peer, &p.local);
	ck_assert_int_eq(tt_xio_write(p.d.fd, buf, n), (ssize_t)n);
	n = tt_peer_read(&p, buf, sizeof(buf), tt_match_arp_reply, NULL,
			 "ARP reply");
	ck_assert_msg(memcmp(buf, p.peer_mac, 6) == 0,
		      "ARP reply not sent to the asker's MAC");
	ck_assert_msg(memcmp(buf + 6, p.mac, 6) == 0,
		      "ARP reply not from the tap's MAC");
	ck_assert_uint_eq(tt_pkt_get16(arp + 2), 0x0800);
	ck_assert_msg(memcmp(arp + 8, p.mac, 6) == 0,
		      "ARP reply does not carry the tap's MAC");
	ck_assert_msg(memcmp(arp + 14, &p.local, 4) == 0,
		      "ARP reply is not for the local address");
	ck_assert_msg(memcmp(arp + 18, p.peer_mac, 6) == 0,
		      "ARP reply's target MAC is not the asker's");
	ck_assert_msg(memcmp(arp + 24, &p.peer, 4) == 0,
		      "ARP reply's target address is not the asker's");
	tt_dev_close(&p.d);
}
END_TEST

static void tt_peer_mreqn(struct tt_peer *p, struct ip_mreqn *mr)
{
	memset(mr, 0, sizeof(*mr));
	mr->imr_multiaddr.s_addr = htonl(TT_GROUP);
	mr->imr_address = p->local;
	mr->imr_ifindex = (int)if_nametoindex(p->d.name);
	ck_assert_int_ne(mr->imr_ifindex, 0);
}

/* A datagram a socket sends to a multicast group out of the interface
 * (IP_MULTICAST_IF) is read; tap: to the group's MAC 01:00:5e:00:00:fb. */
START_TEST(test_multicast_sent_is_read)
{
	static uint8_t buf[TT_PKT_MAX];
	struct tt_match_udp m = { _i == TT_DEV_TAP, TT_PORT_PEER };
	struct in_addr group = { htonl(TT_GROUP) };
	struct ip_mreqn mr;
	struct tt_peer p;
	size_t n;
	int s;

	tt_peer_setup(&p, _i, 0);
	tt_peer_mreqn(&p, &mr);
	s = tt_peer_socket(&p.local, TT_PORT_LOCAL);
	TT_ASSERT_OK(setsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, &mr,
				sizeof(mr)));
	tt_peer_sendto(s, "to the group", 12, &group, TT_PORT_PEER);
	n = tt_peer_read(&p, buf, sizeof(buf), tt_match_udp4, &m,
			 "multicast UDP");
	tt_peer_check_udp_out(&p, buf, n, tt_group_mac, &group, "to the group", 12);
	close(s);
	tt_dev_close(&p.d);
}
END_TEST

/* A multicast datagram written to a group a socket joined on the
 * interface (IP_ADD_MEMBERSHIP) reaches that socket. */
START_TEST(test_multicast_written_reaches_member)
{
	static uint8_t buf[TT_PKT_MAX];
	struct in_addr group = { htonl(TT_GROUP) };
	struct ip_mreqn mr;
	struct tt_peer p;
	size_t n;
	int s;

	tt_peer_setup(&p, _i, 0);
	tt_peer_mreqn(&p, &mr);
	s = tt_peer_socket(&group, TT_PORT_LOCAL);
	TT_ASSERT_OK(setsockopt(s, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr,
				sizeof(mr)));
	n = tt_pkt_udp4(buf + TT_ETH_LEN, &p.peer, &group, TT_PORT_PEER,
			TT_PORT_LOCAL, "to the members", 14);
	tt_peer_write(&p, buf, n, tt_group_mac);
	tt_peer_recv(s, (const uint8_t *)"to the members", 14, &p.peer,
		     TT_PORT_PEER);
	close(s);
	tt_dev_close(&p.d);
}
END_TEST

/* tap: a datagram a socket broadcasts to the subnet (198.19.U.255) is
 * read in a frame to ff:ff:ff:ff:ff:ff. */
START_TEST(test_broadcast_sent_is_read)
{
	static uint8_t buf[TT_PKT_MAX];
	struct tt_match_udp m = { 1, TT_PORT_PEER };
	struct in_addr bcast;
	struct tt_peer p;
	size_t n;
	int s, on = 1;

	tt_peer_setup(&p, TT_DEV_TAP, 0);
	tt_addr4(&p.d, 255, &bcast);
	s = tt_peer_socket(&p.local, TT_PORT_LOCAL);
	TT_ASSERT_OK(setsockopt(s, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on)));
	tt_peer_sendto(s, "to all", 6, &bcast, TT_PORT_PEER);
	n = tt_peer_read(&p, buf, sizeof(buf), tt_match_udp4, &m,
			 "broadcast UDP");
	tt_peer_check_udp_out(&p, buf, n, tt_bcast_mac, &bcast, "to all", 6);
	close(s);
	tt_dev_close(&p.d);
}
END_TEST

/* tap: a broadcast frame written to the subnet's broadcast address
 * reaches a socket bound to the wildcard address. */
START_TEST(test_broadcast_written_reaches_socket)
{
	static uint8_t buf[TT_PKT_MAX];
	struct in_addr any = { htonl(INADDR_ANY) }, bcast;
	struct tt_peer p;
	size_t n;
	int s;

	tt_peer_setup(&p, TT_DEV_TAP, 0);
	tt_addr4(&p.d, 255, &bcast);
	s = tt_peer_socket(&any, TT_PORT_LOCAL);
	n = tt_pkt_udp4(buf + TT_ETH_LEN, &p.peer, &bcast, TT_PORT_PEER,
			TT_PORT_LOCAL, "to everyone", 11);
	tt_peer_write(&p, buf, n, tt_bcast_mac);
	tt_peer_recv(s, (const uint8_t *)"to everyone", 11, &p.peer,
		     TT_PORT_PEER);
	close(s);
	tt_dev_close(&p.d);
}
END_TEST

/* A UDP packet filling the MTU (1500 bytes of IP) written by the peer
 * reaches the socket whole. */
START_TEST(test_mtu_sized_udp_written_reaches_socket)
{
	tt_peer_udp_in(_i, 0, TT_UDP4_MAX);
}
END_TEST

/* A datagram filling the MTU sent by a socket is read whole, in one
 * packet, not fragmented. */
START_TEST(test_mtu_sized_udp_sent_is_read)
{
	tt_peer_udp_out(_i, 0, TT_UDP4_MAX);
}
END_TEST

/* With the AF header on, a packet filling the MTU passes both ways:
 * the header does not count against the MTU. */
START_TEST(test_mtu_sized_udp_with_af_header_both_ways)
{
	tt_peer_udp_in(TT_DEV_TUN, 1, TT_UDP4_MAX);
	tt_peer_udp_out(TT_DEV_TUN, 1, TT_UDP4_MAX);
}
END_TEST

Suite *make_peer_suite(void)
{
	Suite *s = suite_create("peer");
	TCase *tc = tt_tcase_create("peer");

	tt_test_add_variants(tc, test_udp_written_reaches_socket, "tun", "tap");
	tt_test_add(tc, test_udp_written_with_af_header_reaches_socket);
	tt_test_add_variants(tc, test_udp_sent_is_read, "tun", "tap");
	tt_test_add(tc, test_udp_sent_is_read_with_af_header);
	tt_test_add_variants(tc, test_echo_request_answered, "tun", "tap");
	tt_test_add(tc, test_echo_request_with_af_header_answered);
	tt_test_add(tc, test_arp_reply_written_is_learned);
	tt_test_add(tc, test_arp_request_for_local_address_answered);
	tt_test_add_variants(tc, test_multicast_sent_is_read, "tun", "tap");
	tt_test_add_variants(tc, test_multicast_written_reaches_member,
			     "tun", "tap");
	tt_test_add(tc, test_broadcast_sent_is_read);
	tt_test_add(tc, test_broadcast_written_reaches_socket);
	tt_test_add_variants(tc, test_mtu_sized_udp_written_reaches_socket,
			     "tun", "tap");
	tt_test_add_variants(tc, test_mtu_sized_udp_sent_is_read, "tun", "tap");
	tt_test_add(tc, test_mtu_sized_udp_with_af_header_both_ways);
	suite_add_tcase(s, tc);
	return s;
}
