// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_fuzz_pkt.c: libFuzzer (and AFL++) target for the suite's packet
 * code, conformance/tt_pkt.c: the matchers that parse what the kernel
 * sends back, and the builders whose packets the kernel must accept.
 *
 * The first byte picks what to exercise (enum tt_fuzz_pkt_op):
 *   match: every matcher on the bytes that follow, compared with a model of
 *      what each promises (tt_test.h), written here from scratch;
 *   builders: one with fields and payload from the input, whose packet
 *      must be well formed (lengths, checksums verified independently)
 *      and must be found by the matching matcher, and by no other;
 *   csum: tt_csum against a plain ones' complement sum.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>

#include "../conformance/tt_test.h"
#include "tt_fuzz.h"

/* A cursor over the input: fields are taken from its head. */
struct tt_in {
	const uint8_t *p;
	size_t n;
};

static void tt_in_take(struct tt_in *in, void *dst, size_t len)
{
	size_t k = len < in->n ? len : in->n;

	memset(dst, 0, len);
	memcpy(dst, in->p, k);
	in->p += k;
	in->n -= k;
}

static uint16_t tt_in_u16(struct tt_in *in)
{
	uint8_t b[2];

	tt_in_take(in, b, 2);
	return (uint16_t)(b[0] << 8 | b[1]);
}

static uint16_t tt_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* ---- the model of the matchers ------------------------------------- */

/* The network header of a packet (behind Ethernet when l2), or NULL. */
static const uint8_t *tt_model_l3(const uint8_t *p, size_t *n, int l2,
				  uint16_t type)
{
	if (!l2)
		return p;
	if (*n < 14 || tt_be16(p + 12) != type)
		return NULL;
	*n -= 14;
	return p + 14;
}

/*
 * The transport header of a well-formed IPv4 packet of protocol proto
 * with at least 8 bytes of it: version 4, an IHL of 5 or more words
 * that fits.  Anything less is no IPv4 header to take ports from.
 */
static const uint8_t *tt_model_l4_ip4(const uint8_t *p, size_t n, int l2,
				      uint8_t proto, size_t *l4n)
{
	size_t ihl;

	p = tt_model_l3(p, &n, l2, 0x0800);
	if (!p || n < 20 || p[0] >> 4 != 4 || p[9] != proto)
		return NULL;
	ihl = (size_t)(p[0] & 0xf) * 4;
	if (ihl < 20 || n < ihl + 8)
		return NULL;
	*l4n = n - ihl;
	return p + ihl;
}

static const uint8_t *tt_model_l4_ip6(const uint8_t *p, size_t n, int l2,
				      uint8_t nh, size_t *l4n)
{
	p = tt_model_l3(p, &n, l2, 0x86dd);
	if (!p || n < 48 || p[0] >> 4 != 6 || p[6] != nh)
		return NULL;
	*l4n = n - 40;
	return p + 40;
}

static void tt_fuzz_matchers(struct tt_in *in)
{
	struct tt_match_udp mu;
	struct tt_match_icmp mi;
	struct in6_addr target;
	const uint8_t *l4;
	uint8_t flags, tip[4];
	uint8_t *p;
	size_t n, l4n;

	tt_in_take(in, &flags, 1);
	mu.l2 = mi.l2 = flags & 1;
	mu.dport = mi.id = tt_in_u16(in);
	tt_in_take(in, tip, sizeof(tip));
	tt_in_take(in, &target, sizeof(target));
	/* exactly the packet on the heap: ASan sees any read past it */
	n = in->n;
	p = malloc(n ? n : 1);
	if (!p)
		return;
	memcpy(p, in->p, n);

	l4 = tt_model_l4_ip4(p, n, mu.l2, 17, &l4n);
	TT_CHECK(tt_match_udp4(p, n, &mu) == (l4 && tt_be16(l4 + 2) == mu.dport));
	l4 = tt_model_l4_ip6(p, n, mu.l2, 17, &l4n);
	TT_CHECK(tt_match_udp6(p, n, &mu) == (l4 && tt_be16(l4 + 2) == mu.dport));
	l4 = tt_model_l4_ip4(p, n, mi.l2, 1, &l4n);
	TT_CHECK(tt_match_icmp4_reply(p, n, &mi) ==
	      (l4 && l4[0] == 0 && tt_be16(l4 + 4) == mi.id));
	l4 = tt_model_l4_ip6(p, n, mi.l2, 58, &l4n);
	TT_CHECK(tt_match_icmp6_reply(p, n, &mi) ==
	      (l4 && l4[0] == 129 && tt_be16(l4 + 4) == mi.id));
	l4n = n;
	l4 = tt_model_l3(p, &l4n, 1, 0x0806);
	TT_CHECK(tt_match_arp_request(p, n, tip) ==
	      (l4 && l4n >= 28 && tt_be16(l4 + 6) == 1 &&
	       memcmp(l4 + 24, tip, 4) == 0));
	l4 = tt_model_l4_ip6(p, n, 1, 58, &l4n);
	TT_CHECK(tt_match_ns(p, n, &target) ==
	      (l4 && l4n >= 24 && l4[0] == 135 &&
	       memcmp(l4 + 8, &target, 16) == 0));
	TT_CHECK(tt_match_any(p, n, NULL) == 1);
	free(p);
}

/* ---- the builders ---------------------------------------------------- */

/* A ones' complement sum, folded, not complemented. */
static uint32_t tt_model_sum(const uint8_t *p, size_t n, uint32_t sum)
{
	size_t i;

	for (i = 0; i < n; i++)
		sum += i % 2 ? p[i] : (uint32_t)p[i] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

/* The transport checksum of p[0..n) verifies under the pseudo header. */
static int tt_model_l4_ok(const uint8_t *src, const uint8_t *dst,
			  size_t alen, uint8_t proto, const uint8_t *p, size_t n)
{
	uint32_t sum = tt_model_sum(src, alen, 0);

	sum = tt_model_sum(dst, alen, sum);
	sum += proto + (uint32_t)(n >> 16) + (uint32_t)(n & 0xffff);
	return tt_model_sum(p, n, sum) == 0xffff;
}

/* Which matchers find a packet: one bit each, for "this one and no other". */
enum {
	M_UDP4 = 1, M_UDP6 = 2, M_ICMP4 = 4, M_ICMP6 = 8, M_ARP = 16, M_NS = 32,
};

static unsigned int tt_fuzz_found(const uint8_t *p, size_t n, int l2,
				  uint16_t key, const uint8_t *tip,
				  const struct in6_addr *target)
{
	struct tt_match_udp mu = { l2, key };
	struct tt_match_icmp mi = { l2, key };
	unsigned int m = 0;

	m |= tt_match_udp4(p, n, &mu) ? M_UDP4 : 0;
	m |= tt_match_udp6(p, n, &mu) ? M_UDP6 : 0;
	m |= tt_match_icmp4_reply(p, n, &mi) ? M_ICMP4 : 0;
	m |= tt_match_icmp6_reply(p, n, &mi) ? M_ICMP6 : 0;
	/* ARP and NS are looked for in frames only */
	if (l2) {
		m |= tt_match_arp_request(p, n, tip) ? M_ARP : 0;
		m |= tt_match_ns(p, n, target) ? M_NS : 0;
	}
	return m;
}

/*
 * An echo request turned into the reply the matcher looks for; the
 * checksum goes stale, but matchers do not read it.
 */
static void tt_fuzz_to_reply(uint8_t *icmp, uint8_t type)
{
	icmp[0] = type;
}

static void tt_fuzz_ip4(struct tt_in *in, int icmp)
{
	struct in_addr src, dst;
	uint16_t key = tt_in_u16(in);
	size_t n, len;
	uint8_t *p;

	tt_in_take(in, &src, 4);
	tt_in_take(in, &dst, 4);
	n = in->n > 2000 ? 2000 : in->n;
	p = malloc(20 + 8 + n);
	if (!p)
		return;
	len = icmp ? tt_pkt_icmp4_echo(p, &src, &dst, key, 7, in->p, n) :
		     tt_pkt_udp4(p, &src, &dst, 1234, key, in->p, n);
	TT_CHECK(len == 28 + n);
	TT_CHECK(p[0] == 0x45 && tt_be16(p + 2) == len && p[9] == (icmp ? 1 : 17));
	TT_CHECK(memcmp(p + 12, &src, 4) == 0 && memcmp(p + 16, &dst, 4) == 0);
	TT_CHECK(tt_model_sum(p, 20, 0) == 0xffff);
	if (icmp) {
		TT_CHECK(tt_model_sum(p + 20, 8 + n, 0) == 0xffff);
		TT_CHECK(p[20] == 8 && tt_be16(p + 24) == key);
		TT_CHECK(tt_fuzz_found(p, len, 0, key, p, &in6addr_any) == 0);
		tt_fuzz_to_reply(p + 20, 0);
		TT_CHECK(tt_fuzz_found(p, len, 0, key, p, &in6addr_any) == M_ICMP4);
	} else {
		TT_CHECK(tt_be16(p + 24) == 8 + n && tt_be16(p + 26) != 0);
		TT_CHECK(tt_model_l4_ok(p + 12, p + 16, 4, 17, p + 20, 8 + n));
		TT_CHECK(tt_fuzz_found(p, len, 0, key, p, &in6addr_any) == M_UDP4);
	}
	free(p);
}

static void tt_fuzz_ip6(struct tt_in *in, int icmp)
{
	struct in6_addr src, dst;
	uint16_t key = tt_in_u16(in);
	size_t n, len;
	uint8_t *p;

	tt_in_take(in, &src, 16);
	tt_in_take(in, &dst, 16);
	n = in->n > 2000 ? 2000 : in->n;
	p = malloc(40 + 8 + n);
	if (!p)
		return;
	len = icmp ? tt_pkt_icmp6_echo(p, &src, &dst, key, 7, in->p, n) :
		     tt_pkt_udp6(p, &src, &dst, 1234, key, in->p, n);
	TT_CHECK(len == 48 + n);
	TT_CHECK(p[0] == 0x60 && tt_be16(p + 4) == 8 + n);
	TT_CHECK(p[6] == (icmp ? 58 : 17) && p[7] == 64);
	TT_CHECK(memcmp(p + 8, &src, 16) == 0 && memcmp(p + 24, &dst, 16) == 0);
	TT_CHECK(tt_model_l4_ok(p + 8, p + 24, 16, icmp ? 58 : 17, p + 40, 8 + n));
	if (icmp) {
		TT_CHECK(p[40] == 128 && tt_be16(p + 44) == key);
		TT_CHECK(tt_fuzz_found(p, len, 0, key, p, &dst) == 0);
		tt_fuzz_to_reply(p + 40, 129);
		TT_CHECK(tt_fuzz_found(p, len, 0, key, p, &dst) == M_ICMP6);
	} else {
		TT_CHECK(tt_be16(p + 46) != 0);
		TT_CHECK(tt_fuzz_found(p, len, 0, key, p, &dst) == M_UDP6);
	}
	free(p);
}

static void tt_fuzz_l2(struct tt_in *in, int na)
{
	uint8_t smac[6], tmac[6], p[14 + 40 + 32];
	struct in6_addr target, dst;
	struct in_addr sip, tip;
	size_t len;

	tt_in_take(in, smac, 6);
	tt_in_take(in, tmac, 6);
	if (na) {
		tt_in_take(in, &target, 16);
		tt_in_take(in, &dst, 16);
		len = tt_pkt_na(p, smac, &target, tmac, &dst);
		TT_CHECK(len == 14 + 40 + 32 && tt_be16(p + 12) == 0x86dd);
		TT_CHECK(memcmp(p, tmac, 6) == 0 && memcmp(p + 6, smac, 6) == 0);
		TT_CHECK(p[14 + 7] == 255 && p[54] == 136);
		TT_CHECK(tt_model_l4_ok(p + 22, p + 38, 16, 58, p + 54, 32));
		TT_CHECK(memcmp(p + 54 + 8, &target, 16) == 0);
		TT_CHECK(memcmp(p + 54 + 26, smac, 6) == 0);
		TT_CHECK(tt_fuzz_found(p, len, 1, 0, p, &target) == 0);
		p[54] = 135;	/* the solicitation for the same target */
		TT_CHECK(tt_fuzz_found(p, len, 1, 0, p, &target) == M_NS);
		return;
	}
	tt_in_take(in, &sip, 4);
	tt_in_take(in, &tip, 4);
	len = tt_pkt_arp_reply(p, smac, &sip, tmac, &tip);
	TT_CHECK(len == 14 + 28 && tt_be16(p + 12) == 0x0806);
	TT_CHECK(tt_be16(p + 14) == 1 && tt_be16(p + 16) == 0x0800);
	TT_CHECK(p[18] == 6 && p[19] == 4 && tt_be16(p + 20) == 2);
	TT_CHECK(memcmp(p + 22, smac, 6) == 0 && memcmp(p + 28, &sip, 4) == 0);
	TT_CHECK(memcmp(p + 32, tmac, 6) == 0 && memcmp(p + 38, &tip, 4) == 0);
	TT_CHECK(tt_fuzz_found(p, len, 1, 0, (uint8_t *)&tip, &in6addr_any) == 0);
	p[21] = 1;	/* the request for the same address */
	TT_CHECK(tt_fuzz_found(p, len, 1, 0, (uint8_t *)&tip, &in6addr_any) ==
	      M_ARP);
}

/* ---- the checksum ---------------------------------------------------- */

static void tt_fuzz_csum(struct tt_in *in)
{
	uint16_t start = tt_in_u16(in);
	uint16_t c;

	c = tt_csum(in->p, in->n, start);
	TT_CHECK(c == (uint16_t)~tt_model_sum(in->p, in->n, start));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tt_in in = { data, size };
	uint8_t op;

	if (size < 1)
		return 0;
	tt_in_take(&in, &op, 1);
	switch (op % TT_FUZZ_PKT_OPS) {
	case TT_FUZZ_PKT_MATCH:
		tt_fuzz_matchers(&in);
		break;
	case TT_FUZZ_PKT_UDP4:
		tt_fuzz_ip4(&in, 0);
		break;
	case TT_FUZZ_PKT_ICMP4:
		tt_fuzz_ip4(&in, 1);
		break;
	case TT_FUZZ_PKT_UDP6:
		tt_fuzz_ip6(&in, 0);
		break;
	case TT_FUZZ_PKT_ICMP6:
		tt_fuzz_ip6(&in, 1);
		break;
	case TT_FUZZ_PKT_ARP:
		tt_fuzz_l2(&in, 0);
		break;
	case TT_FUZZ_PKT_NA:
		tt_fuzz_l2(&in, 1);
		break;
	case TT_FUZZ_PKT_CSUM:
		tt_fuzz_csum(&in);
		break;
	}
	return 0;
}
