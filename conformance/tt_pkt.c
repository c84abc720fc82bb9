// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_pkt.c: the packets the tests write, and matchers for the ones the
 * kernel's stack sends back.  Checksums are real: the stack checks them.
 */
#include <arpa/inet.h>

#include "tt_test.h"

#define TT_IP4_LEN	20
#define TT_IP6_LEN	40
#define TT_UDP_LEN	8
#define TT_ICMP_LEN	8

static void tt_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

uint16_t tt_pkt_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

void tt_pkt_fill(uint8_t *p, size_t n, unsigned seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + i * 7);
}

uint16_t tt_csum(const void *data, size_t len, uint32_t sum)
{
	const uint8_t *p = data;

	while (len > 1) {
		sum += (uint32_t)(p[0] << 8 | p[1]);
		p += 2;
		len -= 2;
	}
	if (len)
		sum += (uint32_t)p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* The sum of a pseudo header, to start a transport checksum with. */
static uint32_t tt_pseudo_sum(const void *src, const void *dst, size_t alen,
			      uint8_t proto, size_t len)
{
	uint32_t sum = (uint16_t)~tt_csum(src, alen, 0);

	sum += (uint16_t)~tt_csum(dst, alen, 0);
	sum += proto;
	sum += (uint32_t)(len >> 16) + (uint32_t)(len & 0xffff);
	return sum;
}

static size_t tt_ip4(uint8_t *buf, const struct in_addr *src,
		     const struct in_addr *dst, uint8_t proto, size_t l4len)
{
	static uint16_t id;

	memset(buf, 0, TT_IP4_LEN);
	buf[0] = 0x45;
	tt_put16(buf + 2, (uint16_t)(TT_IP4_LEN + l4len));
	tt_put16(buf + 4, ++id);
	buf[8] = 64;
	buf[9] = proto;
	memcpy(buf + 12, src, 4);
	memcpy(buf + 16, dst, 4);
	tt_put16(buf + 10, tt_csum(buf, TT_IP4_LEN, 0));
	return TT_IP4_LEN + l4len;
}

static size_t tt_ip6(uint8_t *buf, const struct in6_addr *src,
		     const struct in6_addr *dst, uint8_t nh, uint8_t hops,
		     size_t l4len)
{
	memset(buf, 0, TT_IP6_LEN);
	buf[0] = 0x60;
	tt_put16(buf + 4, (uint16_t)l4len);
	buf[6] = nh;
	buf[7] = hops;
	memcpy(buf + 8, src, 16);
	memcpy(buf + 24, dst, 16);
	return TT_IP6_LEN + l4len;
}

/* The UDP header and payload at udp, checksummed over the pseudo header
 * of src and dst (alen 4 or 16 bytes): IPv4 and IPv6 differ in no more. */
static void tt_udp(uint8_t *udp, const void *src, const void *dst,
		   size_t alen, uint16_t sport, uint16_t dport,
		   const void *payload, size_t n)
{
	uint16_t c;

	tt_put16(udp, sport);
	tt_put16(udp + 2, dport);
	tt_put16(udp + 4, (uint16_t)(TT_UDP_LEN + n));
	tt_put16(udp + 6, 0);
	if (n)
		memcpy(udp + TT_UDP_LEN, payload, n);
	c = tt_csum(udp, TT_UDP_LEN + n,
		    tt_pseudo_sum(src, dst, alen, 17, TT_UDP_LEN + n));
	tt_put16(udp + 6, c ? c : 0xffff);
}

size_t tt_pkt_udp4(uint8_t *buf, const struct in_addr *src,
		   const struct in_addr *dst, uint16_t sport, uint16_t dport,
		   const void *payload, size_t n)
{
	tt_udp(buf + TT_IP4_LEN, src, dst, 4, sport, dport, payload, n);
	return tt_ip4(buf, src, dst, 17, TT_UDP_LEN + n);
}

size_t tt_pkt_udp6(uint8_t *buf, const struct in6_addr *src,
		   const struct in6_addr *dst, uint16_t sport, uint16_t dport,
		   const void *payload, size_t n)
{
	tt_udp(buf + TT_IP6_LEN, src, dst, 16, sport, dport, payload, n);
	return tt_ip6(buf, src, dst, 17, 64, TT_UDP_LEN + n);
}

static void tt_echo(uint8_t *icmp, uint8_t type, uint16_t id, uint16_t seq,
		    const void *payload, size_t n)
{
	icmp[0] = type;
	icmp[1] = 0;
	tt_put16(icmp + 2, 0);
	tt_put16(icmp + 4, id);
	tt_put16(icmp + 6, seq);
	if (n)
		memcpy(icmp + TT_ICMP_LEN, payload, n);
}

size_t tt_pkt_icmp4_echo(uint8_t *buf, const struct in_addr *src,
			 const struct in_addr *dst, uint16_t id, uint16_t seq,
			 const void *payload, size_t n)
{
	uint8_t *icmp = buf + TT_IP4_LEN;

	tt_echo(icmp, 8, id, seq, payload, n);
	tt_put16(icmp + 2, tt_csum(icmp, TT_ICMP_LEN + n, 0));
	return tt_ip4(buf, src, dst, 1, TT_ICMP_LEN + n);
}

size_t tt_pkt_icmp6_echo(uint8_t *buf, const struct in6_addr *src,
			 const struct in6_addr *dst, uint16_t id, uint16_t seq,
			 const void *payload, size_t n)
{
	uint8_t *icmp = buf + TT_IP6_LEN;

	tt_echo(icmp, 128, id, seq, payload, n);
	tt_put16(icmp + 2, tt_csum(icmp, TT_ICMP_LEN + n,
				   tt_pseudo_sum(src, dst, 16, 58,
						 TT_ICMP_LEN + n)));
	return tt_ip6(buf, src, dst, 58, 64, TT_ICMP_LEN + n);
}

size_t tt_pkt_eth(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6],
		  uint16_t ethertype, size_t payload_len)
{
	memcpy(buf, dst, 6);
	memcpy(buf + 6, src, 6);
	tt_put16(buf + 12, ethertype);
	return TT_ETH_LEN + payload_len;
}

size_t tt_pkt_arp_reply(uint8_t *buf, const uint8_t smac[6],
			const struct in_addr *sip, const uint8_t tmac[6],
			const struct in_addr *tip)
{
	uint8_t *arp = buf + TT_ETH_LEN;

	tt_put16(arp, 1);		/* Ethernet */
	tt_put16(arp + 2, 0x0800);	/* IPv4 */
	arp[4] = 6;
	arp[5] = 4;
	tt_put16(arp + 6, 2);		/* reply */
	memcpy(arp + 8, smac, 6);
	memcpy(arp + 14, sip, 4);
	memcpy(arp + 18, tmac, 6);
	memcpy(arp + 24, tip, 4);
	return tt_pkt_eth(buf, tmac, smac, 0x0806, 28);
}

size_t tt_pkt_na(uint8_t *buf, const uint8_t mac[6],
		 const struct in6_addr *target, const uint8_t dmac[6],
		 const struct in6_addr *dst)
{
	uint8_t *ip6 = buf + TT_ETH_LEN;
	uint8_t *icmp = ip6 + TT_IP6_LEN;
	const size_t len = 32;	/* header, flags, target, one option */

	memset(icmp, 0, len);
	icmp[0] = 136;		/* neighbour advertisement */
	icmp[4] = 0x60;		/* solicited, override */
	memcpy(icmp + 8, target, 16);
	icmp[24] = 2;		/* target link-layer address */
	icmp[25] = 1;
	memcpy(icmp + 26, mac, 6);
	/* ND is only believed from hop limit 255: it never crossed a router */
	tt_ip6(ip6, target, dst, 58, 255, len);
	tt_put16(icmp + 2, tt_csum(icmp, len,
				   tt_pseudo_sum(target, dst, 16, 58, len)));
	return tt_pkt_eth(buf, dmac, mac, 0x86dd, TT_IP6_LEN + len);
}

/* The network header of p, or NULL when p is not of that ethertype. */
static const uint8_t *tt_l3(const uint8_t *p, size_t *n, int l2,
			    uint16_t ethertype)
{
	if (!l2)
		return p;
	if (*n < TT_ETH_LEN || tt_pkt_get16(p + 12) != ethertype)
		return NULL;
	*n -= TT_ETH_LEN;
	return p + TT_ETH_LEN;
}

static const uint8_t *tt_l4_ip4(const uint8_t *p, size_t n, int l2,
				uint8_t proto, size_t *l4n)
{
	size_t ihl;

	p = tt_l3(p, &n, l2, 0x0800);
	if (!p || n < TT_IP4_LEN || p[0] >> 4 != 4 || p[9] != proto)
		return NULL;
	ihl = (size_t)(p[0] & 0xf) * 4;
	/* an IHL under 5 words would put the "transport" inside the IP header */
	if (ihl < TT_IP4_LEN || n < ihl + 8)
		return NULL;
	*l4n = n - ihl;
	return p + ihl;
}

static const uint8_t *tt_l4_ip6(const uint8_t *p, size_t n, int l2,
				uint8_t nh, size_t *l4n)
{
	p = tt_l3(p, &n, l2, 0x86dd);
	if (!p || n < TT_IP6_LEN + 8 || p[0] >> 4 != 6 || p[6] != nh)
		return NULL;
	*l4n = n - TT_IP6_LEN;
	return p + TT_IP6_LEN;
}

int tt_match_udp4(const uint8_t *p, size_t n, const void *arg)
{
	const struct tt_match_udp *m = arg;
	const uint8_t *udp = tt_l4_ip4(p, n, m->l2, 17, &n);

	return udp && tt_pkt_get16(udp + 2) == m->dport;
}

int tt_match_udp6(const uint8_t *p, size_t n, const void *arg)
{
	const struct tt_match_udp *m = arg;
	const uint8_t *udp = tt_l4_ip6(p, n, m->l2, 17, &n);

	return udp && tt_pkt_get16(udp + 2) == m->dport;
}

int tt_match_icmp4_reply(const uint8_t *p, size_t n, const void *arg)
{
	const struct tt_match_icmp *m = arg;
	const uint8_t *icmp = tt_l4_ip4(p, n, m->l2, 1, &n);

	return icmp && icmp[0] == 0 && tt_pkt_get16(icmp + 4) == m->id;
}

int tt_match_icmp6_reply(const uint8_t *p, size_t n, const void *arg)
{
	const struct tt_match_icmp *m = arg;
	const uint8_t *icmp = tt_l4_ip6(p, n, m->l2, 58, &n);

	return icmp && icmp[0] == 129 && tt_pkt_get16(icmp + 4) == m->id;
}

int tt_match_arp_request(const uint8_t *p, size_t n, const void *tip)
{
	const uint8_t *arp = tt_l3(p, &n, 1, 0x0806);

	return arp && n >= 28 && tt_pkt_get16(arp + 6) == 1 &&
	       memcmp(arp + 24, tip, 4) == 0;
}

int tt_match_ns(const uint8_t *p, size_t n, const void *target)
{
	const uint8_t *icmp = tt_l4_ip6(p, n, 1, 58, &n);

	return icmp && n >= 24 && icmp[0] == 135 &&
	       memcmp(icmp + 8, target, 16) == 0;
}

int tt_match_any(const uint8_t *p, size_t n, const void *arg)
{
	(void)p;
	(void)n;
	(void)arg;
	return 1;
}
