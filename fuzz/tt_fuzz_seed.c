// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_fuzz_seed.c: writes the seed corpora, fuzz/corpus/<target>/NAME.
 *
 *   tt-fuzz-seed DIR
 *
 * The seeds are committed, and make check proves they are exactly what
 * this program writes (make fuzz-seeds rewrites them).  They are built
 * with the suite's own builders (conformance/tt_pkt.c), in the input
 * formats of tt_fuzz.h: every rule set the frame target knows, with
 * well-formed and broken writes and the MTU edges; every operation of
 * the pkt target; a few generator states for devgen.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "../conformance/tt_test.h"
#include "tt_devgen.h"
#include "tt_frame.h"
#include "tt_fuzz.h"

static const char *tt_seed_dir;
static uint8_t tt_seed_buf[TT_GEN_MAX + 64];

static void tt_seed_write(const char *target, const char *name,
			  const uint8_t *p, size_t n)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tt_seed_dir, target);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%s/%s", tt_seed_dir, target, name);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

/* ---- frame -------------------------------------------------------------- */

/* The suite's addresses: local, peer, and an IPv6 one (set in main) */
static struct in_addr tt_seed_a4, tt_seed_b4;
static struct in6_addr tt_seed_a6;

/* A frame seed: the rules' bytes, then hdr (hlen bytes), then pkt. */
static void tt_seed_frame(const char *name, unsigned int sel, unsigned int mtu,
			  const uint8_t *hdr, size_t hlen, const uint8_t *pkt,
			  size_t plen)
{
	uint8_t *p = tt_seed_buf;
	size_t n = 0;

	p[n++] = (uint8_t)sel;
	p[n++] = (uint8_t)(mtu >> 8);
	p[n++] = (uint8_t)mtu;
	if (sel >> TT_FUZZ_SEL_AF_SHIFT == TT_FUZZ_AF_RAW) {
		/* Linux's values again, spelt out */
		memcpy(p + n, "\0\0\0\x02\0\0\0\x0a", TT_FUZZ_AF_RAW_LEN);
		n += TT_FUZZ_AF_RAW_LEN;
	}
	if (hlen)
		memcpy(p + n, hdr, hlen);
	if (plen)
		memmove(p + n + hlen, pkt, plen);
	tt_seed_write("frame", name, p, n + hlen + plen);
}

#define SEL(af, bits)	((unsigned int)(af) << TT_FUZZ_SEL_AF_SHIFT | (bits))

static void tt_seed_frames(void)
{
	static const struct { const char *name; unsigned int sel; } hdrs[] = {
		{ "linux", SEL(TT_FUZZ_AF_LINUX, TT_FUZZ_SEL_HDR) },
		{ "macos", SEL(TT_FUZZ_AF_MACOS, TT_FUZZ_SEL_HDR) },
		{ "freebsd", SEL(TT_FUZZ_AF_FREEBSD, TT_FUZZ_SEL_HDR) },
		{ "openbsd", SEL(TT_FUZZ_AF_OPENBSD, TT_FUZZ_SEL_HDR) },
		{ "odd", SEL(TT_FUZZ_AF_ODD, TT_FUZZ_SEL_HDR) },
		{ "raw", SEL(TT_FUZZ_AF_RAW, TT_FUZZ_SEL_HDR) },
	};
	static const uint8_t af_v4[4] = { 0, 0, 0, 2 };
	static uint8_t v4[TT_GEN_MAX], v6[128], arp[64], big[TT_GEN_MAX];
	static const uint8_t shorts[] = { 0x45, 0x45, 0x45, 0x45, 0x45, 0x45,
					  0x45, 0x45, 0x45, 0x45, 0x45, 0x45,
					  0x45, 0x45, 0x45, 0x45, 0x45, 0x45,
					  0x45 };
	static const uint8_t zeros[TT_GEN_MAX];
	uint8_t af[4];
	char name[64];
	size_t n4, n6, na, nb, i;

	n4 = tt_pkt_icmp4_echo(v4, &tt_seed_b4, &tt_seed_a4, 1, 1, "seed", 4);
	n6 = tt_pkt_udp6(v6, &tt_seed_a6, &tt_seed_a6, 1, 2, "seed", 4);
	na = tt_pkt_arp_reply(arp, (const uint8_t *)"\2TTTT\2", &tt_seed_b4,
			      (const uint8_t *)"\2TTTT\1", &tt_seed_a4);
	tt_seed_frame("tun-ipv4", 0, 1500, NULL, 0, v4, n4);
	tt_seed_frame("tun-ipv6", 0, 1500, NULL, 0, v6, n6);
	tt_seed_frame("tun-short-ipv4", 0, 1500, NULL, 0, shorts, 19);
	tt_seed_frame("tun-short-ipv6", 0, 1500, NULL, 0, v6, 39);
	tt_seed_frame("tun-down", TT_FUZZ_SEL_DOWN, 1500, NULL, 0, v4, n4);
	tt_seed_frame("tun-empty", 0, 1500, NULL, 0, NULL, 0);
	tt_seed_frame("tap-arp", TT_FUZZ_SEL_TAP, 1500, NULL, 0, arp, na);
	tt_seed_frame("tap-short", TT_FUZZ_SEL_TAP, 1500, NULL, 0, arp, 13);
	tt_seed_frame("tap-down", TT_FUZZ_SEL_TAP | TT_FUZZ_SEL_DOWN, 1500,
		      NULL, 0, arp, na);
	tt_seed_frame("tap-hdr-ignored", TT_FUZZ_SEL_TAP | TT_FUZZ_SEL_HDR, 1500,
		      NULL, 0, arp, na);
	for (i = 0; i < sizeof(hdrs) / sizeof(hdrs[0]); i++) {
		snprintf(name, sizeof(name), "tun-hdr-%s-ipv4", hdrs[i].name);
		tt_seed_frame(name, hdrs[i].sel, 1500, af_v4, 4, v4, n4);
		af[0] = af[1] = af[2] = 0;
		af[3] = (uint8_t[]){ 10, 30, 28, 24, 0, 10 }[i];
		if (i == 4)
			memcpy(af, "\x55\x66\x77\x88", 4);
		snprintf(name, sizeof(name), "tun-hdr-%s-ipv6", hdrs[i].name);
		tt_seed_frame(name, hdrs[i].sel, 1500, af, 4, v6, n6);
	}
	tt_seed_frame("tun-hdr-mismatch", hdrs[0].sel, 1500, af_v4, 4, v6, n6);
	tt_seed_frame("tun-hdr-short", hdrs[0].sel, 1500, af_v4, 3, NULL, 0);
	tt_seed_frame("tun-hdr-le", hdrs[0].sel, 1500,
		      (const uint8_t *)"\x02\0\0\0", 4, v4, n4);
	/* MTU edges: exactly the limit, and one byte more */
	n4 = tt_pkt_icmp4_echo(v4, &tt_seed_b4, &tt_seed_a4, 1, 1, zeros, 40);
	tt_seed_frame("tun-mtu68-fits", 0, 68, NULL, 0, v4, n4);
	tt_seed_frame("tun-mtu68-over", 0, 68, NULL, 0, v4, n4 + 1);
	nb = tt_pkt_icmp4_echo(big + 14, &tt_seed_b4, &tt_seed_a4, 1, 1, zeros,
			       65535 - 28);
	memcpy(big, arp, 12);
	big[12] = 0x08;
	big[13] = 0;
	tt_seed_frame("tap-mtu65535-fits", TT_FUZZ_SEL_TAP, 65535, NULL, 0, big,
		      nb + 14);
	tt_seed_frame("tun-mtu65535-over", 0, 65535, NULL, 0, big + 14, nb + 1);
}

/* ---- pkt ------------------------------------------------------------------ */

static void tt_seed_pkt(const char *name, enum tt_fuzz_pkt_op op,
			const void *fields, size_t flen, const uint8_t *p,
			size_t n)
{
	tt_seed_buf[0] = (uint8_t)op;
	memcpy(tt_seed_buf + 1, fields, flen);
	if (n)
		memmove(tt_seed_buf + 1 + flen, p, n);
	tt_seed_write("pkt", name, tt_seed_buf, 1 + flen + n);
}

/* Match fields: flags, key, tip, target (see tt_fuzz.h). */
static void tt_seed_match(const char *name, int l2, uint16_t key,
			  const uint8_t *p, size_t n)
{
	uint8_t f[1 + 2 + 4 + 16];

	f[0] = (uint8_t)l2;
	f[1] = (uint8_t)(key >> 8);
	f[2] = (uint8_t)key;
	memcpy(f + 3, &tt_seed_a4, 4);
	memcpy(f + 7, &tt_seed_a6, 16);
	tt_seed_pkt(name, TT_FUZZ_PKT_MATCH, f, sizeof(f), p, n);
}

static void tt_seed_pkts(void)
{
	static const uint8_t mac[6] = { 2, 'T', 'T', 'T', 'T', 1 };
	uint8_t p[256], f[64];
	size_t n;

	n = tt_pkt_udp4(p, &tt_seed_b4, &tt_seed_a4, 1, 4000, "x", 1);
	tt_seed_match("match-udp4", 0, 4000, p, n);
	n = tt_pkt_icmp4_echo(p, &tt_seed_b4, &tt_seed_a4, 77, 1, "x", 1);
	p[20] = 0;	/* a reply */
	tt_seed_match("match-icmp4-reply", 0, 77, p, n);
	n = tt_pkt_udp6(p + 14, &tt_seed_a6, &tt_seed_a6, 1, 4000, "x", 1);
	n = tt_pkt_eth(p, mac, mac, 0x86dd, n);
	tt_seed_match("match-udp6-l2", 1, 4000, p, n);
	n = tt_pkt_icmp6_echo(p, &tt_seed_a6, &tt_seed_a6, 77, 1, "x", 1);
	p[40] = 129;
	tt_seed_match("match-icmp6-reply", 0, 77, p, n);
	n = tt_pkt_arp_reply(p, mac, &tt_seed_b4, mac, &tt_seed_a4);
	p[21] = 1;	/* a request */
	tt_seed_match("match-arp-request", 1, 0, p, n);
	n = tt_pkt_na(p, mac, &tt_seed_a6, mac, &tt_seed_a6);
	p[54] = 135;	/* a solicitation */
	tt_seed_match("match-ns", 1, 0, p, n);

	memset(f, 0, sizeof(f));
	f[0] = 0x0f;
	f[1] = 0xa0;		/* key 4000 */
	memcpy(f + 2, &tt_seed_b4, 4);
	memcpy(f + 6, &tt_seed_a4, 4);
	tt_seed_pkt("udp4", TT_FUZZ_PKT_UDP4, f, 10, (const uint8_t *)"hi", 2);
	tt_seed_pkt("icmp4", TT_FUZZ_PKT_ICMP4, f, 10, (const uint8_t *)"hi", 2);
	memcpy(f + 2, &tt_seed_a6, 16);
	memcpy(f + 18, &tt_seed_a6, 16);
	tt_seed_pkt("udp6", TT_FUZZ_PKT_UDP6, f, 34, (const uint8_t *)"hi", 2);
	tt_seed_pkt("icmp6", TT_FUZZ_PKT_ICMP6, f, 34, (const uint8_t *)"hi", 2);
	memcpy(f, mac, 6);
	memcpy(f + 6, mac, 6);
	memcpy(f + 12, &tt_seed_b4, 4);
	memcpy(f + 16, &tt_seed_a4, 4);
	tt_seed_pkt("arp", TT_FUZZ_PKT_ARP, f, 20, NULL, 0);
	memcpy(f + 12, &tt_seed_a6, 16);
	memcpy(f + 28, &tt_seed_a6, 16);
	tt_seed_pkt("na", TT_FUZZ_PKT_NA, f, 44, NULL, 0);
	tt_seed_pkt("csum-odd", TT_FUZZ_PKT_CSUM, "\xff\xff", 2,
		    (const uint8_t *)"\xff\xff\xff", 3);
}

/* ---- devgen ----------------------------------------------------------- */

static void tt_seed_devgens(void)
{
	static const struct { const char *name; uint8_t sel; uint16_t mtu; } s[] = {
		{ "tun", 0, 1500 },
		{ "tun-af", 2, 1500 },
		{ "tun-af-macos", 2 | 8, 1500 },
		{ "tun-pi", 4, 1500 },
		{ "tap", 1, 1500 },
		{ "tun-mtu68", 0, 68 },
		{ "tap-mtu65535", 1, 65535 },
	};
	uint8_t in[8 + 1 + 2 + 6];
	size_t i;

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		memset(in, 0, sizeof(in));
		in[7] = (uint8_t)(i + 1);	/* PRNG seed */
		in[8] = s[i].sel;
		in[9] = (uint8_t)(s[i].mtu >> 8);
		in[10] = (uint8_t)s[i].mtu;
		memcpy(in + 11, "\x02TTTT\x01", 6);
		tt_seed_write("devgen", s[i].name, in, sizeof(in));
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: tt-fuzz-seed DIR\n");
		return 2;
	}
	tt_seed_dir = argv[1];
	inet_pton(AF_INET, "198.18.0.1", &tt_seed_a4);
	inet_pton(AF_INET, "198.18.0.2", &tt_seed_b4);
	inet_pton(AF_INET6, "2001:db8::1", &tt_seed_a6);
	mkdir(tt_seed_dir, 0755);
	tt_seed_frames();
	tt_seed_pkts();
	tt_seed_devgens();
	return 0;
}
