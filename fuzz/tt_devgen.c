// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_devgen.c: frames for the device fuzzer, built the way the suite
 * builds them (conformance/tt_pkt.c: real checksums, real addresses, so
 * that the stack answers and read() has something to return), then
 * mutated.  No system call here: see tt_devgen.h.
 */
#include <arpa/inet.h>
#include <stdlib.h>

#include "../conformance/tt_test.h"
#include "tt_devgen.h"

/* ---- PRNG: splitmix64, tiny and the same everywhere ------------------- */

void tt_rng_seed(struct tt_rng *r, uint64_t seed)
{
	r->s = seed;
}

uint64_t tt_rng_next(struct tt_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint32_t tt_rng_below(struct tt_rng *r, uint32_t n)
{
	return n ? (uint32_t)(tt_rng_next(r) % n) : 0;
}

int tt_rng_chance(struct tt_rng *r, unsigned int percent)
{
	return tt_rng_below(r, 100) < percent;
}

void tt_rng_bytes(struct tt_rng *r, void *buf, size_t n)
{
	uint8_t *p = buf;

	while (n--)
		*p++ = (uint8_t)tt_rng_next(r);
}

/* ---- building blocks ---------------------------------------------------- */

#define TT_GEN_IP4	20	/* an IPv4 header without options */
#define TT_GEN_IP6	40

/* Payloads are zeros: what matters to the stack is the headers. */
static const uint8_t tt_gen_zeros[TT_GEN_MAX];

static void tt_gen_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void tt_gen_put32(uint8_t *p, uint32_t v)
{
	tt_gen_put16(p, (uint16_t)(v >> 16));
	tt_gen_put16(p + 2, (uint16_t)v);
}

/* Bytes in front of the network header for this device. */
static size_t tt_gen_hdr_len(const struct tt_gen_ctx *c)
{
	if (c->tap)
		return TT_ETH_LEN;
	return c->hdr == TT_GEN_HDR_NONE ? 0 : 4;
}

/*
 * The header in front of an l3 packet of version ipv (4, 6, 0 for
 * other), usually the right one; *ok says whether it was.
 */
static void tt_gen_wrap(struct tt_rng *r, const struct tt_gen_ctx *c,
			uint8_t *buf, int ipv, uint16_t ethertype, int *ok)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t mcast6[6] = { 0x33, 0x33, 0xff, 0, 0, 1 };
	uint32_t af = ipv == 6 ? c->af_inet6 : c->af_inet;

	*ok = 1;
	if (c->tap) {
		switch (tt_rng_below(r, 8)) {
		case 0:
			tt_pkt_eth(buf, bcast, c->peer_mac, ethertype, 0);
			break;
		case 1:
			tt_pkt_eth(buf, mcast6, c->peer_mac, ethertype, 0);
			break;
		case 2:	/* someone else's: the stack drops it */
			tt_pkt_eth(buf, c->peer_mac, c->peer_mac, ethertype, 0);
			break;
		default:
			tt_pkt_eth(buf, c->mac, c->peer_mac, ethertype, 0);
		}
		return;
	}
	if (c->hdr == TT_GEN_HDR_AF) {
		if (tt_rng_chance(r, 10)) {
			/* the other family, or anything */
			af = tt_rng_chance(r, 50) ?
			     (ipv == 6 ? c->af_inet : c->af_inet6) :
			     (uint32_t)tt_rng_next(r);
			*ok = af == (ipv == 6 ? c->af_inet6 : c->af_inet);
		}
		tt_gen_put32(buf, af);
	} else if (c->hdr == TT_GEN_HDR_PI) {
		/* struct tun_pi: flags, then the ethertype, big endian */
		tt_gen_put16(buf, tt_rng_chance(r, 10) ?
				  (uint16_t)tt_rng_next(r) : 0);
		tt_gen_put16(buf + 2, tt_rng_chance(r, 10) ?
				      (uint16_t)tt_rng_next(r) : ethertype);
	}
}

/* An IPv4 header of ihl words and its checksum; the payload is zeros. */
static size_t tt_gen_ip4_raw(struct tt_rng *r, const struct tt_gen_ctx *c,
			     uint8_t *p, unsigned int ihl, uint8_t proto,
			     size_t plen)
{
	size_t hl = ihl * 4, len = hl + plen;

	memset(p, 0, hl);
	memcpy(p + hl, tt_gen_zeros, plen);
	p[0] = (uint8_t)(0x40 | ihl);
	tt_gen_put16(p + 2, (uint16_t)len);
	tt_gen_put16(p + 4, (uint16_t)tt_rng_next(r));
	if (tt_rng_chance(r, 20))	/* a fragment: more follow, or an offset */
		tt_gen_put16(p + 6, (uint16_t)(tt_rng_chance(r, 50) ? 0x2000 :
					      tt_rng_below(r, 0x2000)));
	p[8] = (uint8_t)(1 + tt_rng_below(r, 255));
	p[9] = proto;
	memcpy(p + 12, &c->peer4, 4);
	memcpy(p + 16, &c->local4, 4);
	if (hl > TT_GEN_IP4)
		memset(p + TT_GEN_IP4, 1, hl - TT_GEN_IP4);	/* NOP options */
	tt_gen_put16(p + 10, tt_csum(p, hl, 0));
	return len;
}

/* A TCP SYN to the local address: the stack answers with a RST. */
static size_t tt_gen_tcp4(struct tt_rng *r, const struct tt_gen_ctx *c,
			  uint8_t *p)
{
	uint8_t *t = p + TT_GEN_IP4;
	uint32_t sum = 0;
	size_t i;

	tt_gen_ip4_raw(r, c, p, 5, 6, 20);
	tt_gen_put16(t, (uint16_t)(1024 + tt_rng_below(r, 60000)));
	tt_gen_put16(t + 2, (uint16_t)tt_rng_below(r, 65536));
	tt_gen_put32(t + 4, (uint32_t)tt_rng_next(r));
	t[12] = 0x50;
	t[13] = 0x02;	/* SYN */
	tt_gen_put16(t + 14, 65535);
	/* the pseudo header, then the segment */
	for (i = 12; i < 20; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	sum += 6 + 20;
	tt_gen_put16(t + 16, tt_csum(t, 20, sum));
	return TT_GEN_IP4 + 20;
}

static size_t tt_gen_ipv4(struct tt_rng *r, const struct tt_gen_ctx *c,
			  uint8_t *p, size_t room)
{
	size_t plen = tt_rng_chance(r, 80) ? tt_rng_below(r, 128) :
					     tt_rng_below(r, 1500);

	if (plen + 64 > room)
		plen = room > 64 ? room - 64 : 0;
	switch (tt_rng_below(r, 6)) {
	case 0:
		return tt_pkt_icmp4_echo(p, &c->peer4, &c->local4,
					 (uint16_t)tt_rng_next(r), 1,
					 tt_gen_zeros, plen);
	case 1:
		return tt_pkt_udp4(p, &c->peer4, &c->local4, 4000,
				   (uint16_t)tt_rng_next(r), tt_gen_zeros, plen);
	case 2:
		return tt_gen_tcp4(r, c, p);
	case 3:	/* options */
		return tt_gen_ip4_raw(r, c, p, 6 + tt_rng_below(r, 10), 1, plen);
	default:	/* IGMP, GRE, SCTP, anything */
		return tt_gen_ip4_raw(r, c, p, 5, (uint8_t)tt_rng_next(r),
				      plen);
	}
}

static size_t tt_gen_ipv6(struct tt_rng *r, const struct tt_gen_ctx *c,
			  uint8_t *p, size_t room)
{
	size_t plen = tt_rng_below(r, 128), len;

	if (plen + 96 > room)
		plen = 0;
	switch (tt_rng_below(r, 4)) {
	case 0:
		return tt_pkt_icmp6_echo(p, &c->peer6, &c->local6,
					 (uint16_t)tt_rng_next(r), 1,
					 tt_gen_zeros, plen);
	case 1:
		return tt_pkt_udp6(p, &c->peer6, &c->local6, 4000,
				   (uint16_t)tt_rng_next(r), tt_gen_zeros, plen);
	default:
		/* an extension header in front of UDP: hop-by-hop (0),
		 * routing (43), fragment (44), destination options (60) */
		len = tt_pkt_udp6(p, &c->peer6, &c->local6, 4000, 9,
				  tt_gen_zeros, plen);
		memmove(p + TT_GEN_IP6 + 8, p + TT_GEN_IP6, len - TT_GEN_IP6);
		memset(p + TT_GEN_IP6, 0, 8);
		p[TT_GEN_IP6] = 17;
		if (tt_rng_chance(r, 30))
			p[TT_GEN_IP6 + 2] = 1;	/* a PadN that says too much */
		tt_gen_put16(p + 4, (uint16_t)(len + 8 - TT_GEN_IP6));
		p[6] = (uint8_t[]){ 0, 43, 44, 60 }[tt_rng_below(r, 4)];
		return len + 8;
	}
}

/* ARP for the local address from the peer: a request the stack answers. */
static size_t tt_gen_arp(struct tt_rng *r, const struct tt_gen_ctx *c,
			 uint8_t *buf)
{
	size_t len = tt_pkt_arp_reply(buf, c->peer_mac, &c->peer4, c->mac,
				      &c->local4);

	if (tt_rng_chance(r, 60)) {
		buf[TT_ETH_LEN + 7] = 1;		/* request */
		memset(buf, 0xff, 6);			/* broadcast */
		memset(buf + TT_ETH_LEN + 18, 0, 6);	/* target MAC unknown */
	}
	return len;
}

/* An echo request whose frame is exactly MTU + header + delta long. */
static size_t tt_gen_edge(struct tt_rng *r, const struct tt_gen_ctx *c,
			  uint8_t *p, size_t hl, int *fits)
{
	int delta = (int)tt_rng_below(r, 3) - 1;
	size_t want = c->mtu + (size_t)delta;	/* the l3 length */

	*fits = delta <= 0;
	if (want < TT_GEN_IP4 + 8)
		want = TT_GEN_IP4 + 8;
	if (want + hl > TT_GEN_MAX)
		want = TT_GEN_MAX - hl;
	return tt_pkt_icmp4_echo(p, &c->peer4, &c->local4, 7, 1, tt_gen_zeros,
				 want - TT_GEN_IP4 - 8);
}

size_t tt_gen_frame(struct tt_rng *r, const struct tt_gen_ctx *c,
		    uint8_t *buf, int *pristine)
{
	size_t hl = tt_gen_hdr_len(c), len;
	uint8_t *p = buf + hl;
	int ipv = 4, ok = 1, fits = 1;
	uint16_t type = 0x0800;
	unsigned int what = tt_rng_below(r, 20);

	if (what < 2) {		/* raw bytes, any length */
		len = tt_rng_chance(r, 80) ? tt_rng_below(r, 100) :
					     tt_rng_below(r, TT_GEN_MAX);
		tt_rng_bytes(r, buf, len);
		*pristine = 0;
		return len;
	}
	if (what < 9) {
		len = tt_gen_ipv4(r, c, p, TT_GEN_MAX - hl);
	} else if (what < 14) {
		len = tt_gen_ipv6(r, c, p, TT_GEN_MAX - hl);
		ipv = 6;
		type = 0x86dd;
	} else if (what < 16) {
		len = tt_gen_edge(r, c, p, hl, &fits);
	} else if (c->tap && what < 19) {
		len = tt_gen_arp(r, c, buf) - hl;
		ipv = 0;
		type = 0x0806;
	} else if (c->tap) {	/* VLAN-tagged IPv4 */
		len = tt_gen_ipv4(r, c, p + 4, TT_GEN_MAX - hl - 4) + 4;
		tt_gen_put16(p, (uint16_t)tt_rng_below(r, 4096));
		tt_gen_put16(p + 2, 0x0800);
		ipv = 0;
		type = 0x8100;
	} else {
		len = tt_gen_ipv4(r, c, p, TT_GEN_MAX - hl);
	}
	tt_gen_wrap(r, c, buf, ipv, type, &ok);
	len += hl;
	*pristine = ok && fits && len <= c->mtu + hl;
	if (tt_rng_chance(r, 40)) {
		tt_gen_mutate(r, buf, &len);
		*pristine = 0;
	}
	return len;
}

size_t tt_gen_ping(const struct tt_gen_ctx *c, uint8_t *buf, uint16_t id)
{
	size_t hl = tt_gen_hdr_len(c), len;

	len = tt_pkt_icmp4_echo(buf + hl, &c->peer4, &c->local4, id, 1,
				"tt-devfuzz", 10);
	if (c->tap)
		tt_pkt_eth(buf, c->mac, c->peer_mac, 0x0800, 0);
	else if (c->hdr == TT_GEN_HDR_AF)
		tt_gen_put32(buf, c->af_inet);
	else if (c->hdr == TT_GEN_HDR_PI)
		tt_gen_put32(buf, 0x0800);
	return hl + len;
}

size_t tt_gen_arp_reply(const struct tt_gen_ctx *c, uint8_t *buf)
{
	return tt_pkt_arp_reply(buf, c->peer_mac, &c->peer4, c->mac,
				&c->local4);
}

void tt_gen_mutate(struct tt_rng *r, uint8_t *buf, size_t *len)
{
	static const uint8_t bytes[] = { 0, 1, 0x40, 0x45, 0x4f, 0x60, 0x7f,
					 0x80, 0xff };
	unsigned int n = 1 + tt_rng_below(r, 4);
	size_t at, add;
	uint16_t v;

	while (n--) {
		at = tt_rng_below(r, (uint32_t)(*len ? *len : 1));
		switch (tt_rng_below(r, 7)) {
		case 0:
			if (*len)
				buf[at] ^= (uint8_t)(1u << tt_rng_below(r, 8));
			break;
		case 1:
			if (*len)
				buf[at] = bytes[tt_rng_below(r, sizeof(bytes))];
			break;
		case 2:	/* a length or checksum field gone wrong */
			if (at + 2 > *len)
				break;
			v = (uint16_t[]){ 0, 0xffff, 0x8000, (uint16_t)*len,
					  (uint16_t)(*len + 1),
					  (uint16_t)(*len - 1) }[tt_rng_below(r, 6)];
			tt_gen_put16(buf + at, v);
			break;
		case 3:	/* cut short, often very short */
			*len = tt_rng_chance(r, 50) ? tt_rng_below(r, 48) :
						      at;
			break;
		case 4:	/* trailing bytes */
			add = 1 + tt_rng_below(r, 64);
			if (*len + add > TT_GEN_MAX)
				add = TT_GEN_MAX - *len;
			tt_rng_bytes(r, buf + *len, add);
			*len += add;
			break;
		case 5:	/* another version nibble, another header */
			if (*len)
				buf[0] = (uint8_t)tt_rng_next(r);
			break;
		case 6:
			if (*len >= 4)
				tt_gen_put32(buf, (uint32_t)tt_rng_next(r));
			break;
		}
	}
}
