// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_fuzz_frame.c: libFuzzer (and AFL++) target for the driver core,
 * driver/core/tt_frame.c, the very code the module runs on every write.
 *
 * The first input bytes choose the rules (tun or tap, AF header on or
 * off, up or down, the MTU, and which OS's AF_INET / AF_INET6 values),
 * the rest is the write.  Besides the sanitizers, the target asserts what
 * the core promises, and compares every verdict with a model written
 * from the README's write clause, independently of the core's code:
 * a crash, a sanitizer report or an abort() here is a finding.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt_frame.h"
#include "tt_fuzz.h"

/* AF_INET / AF_INET6 of the OSes a port may run on: enum tt_fuzz_af. */
static const tt_u32 tt_fuzz_afs[][2] = {
	{ 2, 10 },		/* Linux */
	{ 2, 30 },		/* Mac OS X */
	{ 2, 28 },		/* FreeBSD */
	{ 2, 24 },		/* OpenBSD, NetBSD */
	{ 0x11223344u, 0x55667788u },	/* any byte order mistake shows */
};
#define N_AFS (sizeof(tt_fuzz_afs) / sizeof(tt_fuzz_afs[0]))

static tt_u32 tt_fuzz_be32(const uint8_t *p)
{
	return (tt_u32)p[0] << 24 | (tt_u32)p[1] << 16 | (tt_u32)p[2] << 8 |
	       (tt_u32)p[3];
}

/*
 * The rules from the input's head; returns how many bytes it took, or 0
 * when the input is too short to choose any.
 */
static size_t tt_fuzz_rules(struct tt_frame_rules *r, const uint8_t *d,
			    size_t n)
{
	unsigned int sel, af;
	tt_u32 mtu;
	size_t used = TT_FUZZ_RULES_LEN;

	if (n < TT_FUZZ_RULES_LEN)
		return 0;
	sel = d[0];
	memset(r, 0, sizeof(*r));
	r->kind = sel & TT_FUZZ_SEL_TAP ? TT_KIND_TAP : TT_KIND_TUN;
	r->af_header = !!(sel & TT_FUZZ_SEL_HDR);
	r->up = (sel & TT_FUZZ_SEL_DOWN) != TT_FUZZ_SEL_DOWN;
	/* MTU 68..65535 as the port guarantees; small values land on 68 */
	mtu = (tt_u32)d[1] << 8 | d[2];
	r->mtu = mtu < TT_MTU_MIN ? TT_MTU_MIN : mtu;
	af = sel >> TT_FUZZ_SEL_AF_SHIFT;
	if (af < N_AFS) {
		r->af_inet = tt_fuzz_afs[af][0];
		r->af_inet6 = tt_fuzz_afs[af][1];
	} else if (af == TT_FUZZ_AF_RAW &&
		   n >= TT_FUZZ_RULES_LEN + TT_FUZZ_AF_RAW_LEN) {
		r->af_inet = tt_fuzz_be32(d + TT_FUZZ_RULES_LEN);
		r->af_inet6 = tt_fuzz_be32(d + TT_FUZZ_RULES_LEN + 4);
		used += TT_FUZZ_AF_RAW_LEN;
	} else {
		r->af_inet = tt_fuzz_afs[0][0];
		r->af_inet6 = tt_fuzz_afs[0][1];
	}
	return used;
}

/* The IP version nibble rule, from the README, for a tun payload. */
static enum tt_proto tt_model_ip(const uint8_t *p, size_t n)
{
	size_t ihl;

	if (n == 0)
		return TT_PROTO_NONE;
	if (p[0] >> 4 == 4) {
		ihl = (size_t)(p[0] & 0xf) * 4;
		return n >= 20 && ihl >= 20 && ihl <= n ? TT_PROTO_IPV4 :
							   TT_PROTO_NONE;
	}
	if (p[0] >> 4 == 6)
		return n >= 40 ? TT_PROTO_IPV6 : TT_PROTO_NONE;
	return TT_PROTO_NONE;
}

/*
 * The README's write clause: down EIO; empty EINVAL; longer than MTU +
 * header EMSGSIZE; then the content.
 */
static enum tt_err tt_model_write(const struct tt_frame_rules *r,
				  const uint8_t *p, size_t n)
{
	size_t hdr = r->kind == TT_KIND_TAP ? 14 : r->af_header ? 4 : 0;
	enum tt_proto want = TT_PROTO_NONE, got;
	tt_u32 af;

	if (!r->up)
		return TT_EIO;
	if (n == 0)
		return TT_EINVAL;
	if (n > (size_t)r->mtu + hdr)
		return TT_EMSGSIZE;
	if (r->kind == TT_KIND_TAP)
		return n < 14 ? TT_EINVAL : TT_OK;
	if (r->af_header) {
		if (n < 4)
			return TT_EINVAL;
		af = tt_fuzz_be32(p);
		/* IPv4's value first: it wins should a port give both alike */
		if (af == r->af_inet)
			want = TT_PROTO_IPV4;
		else if (af == r->af_inet6)
			want = TT_PROTO_IPV6;
		else
			return TT_EAFNOSUPPORT;
		p += 4;
		n -= 4;
	}
	got = tt_model_ip(p, n);
	if (got == TT_PROTO_NONE || (want != TT_PROTO_NONE && want != got))
		return TT_EINVAL;
	return TT_OK;
}

/* What the verdict on a write implies, and the read side's way back. */
static void tt_fuzz_check_write(const struct tt_frame_rules *r,
				const uint8_t *p, size_t n)
{
	struct tt_frame_info info = { .hdr_len = 12345, .proto = 99 };
	size_t hdr = r->kind == TT_KIND_TAP ? 14 : r->af_header ? 4 : 0;
	enum tt_err err, lerr;
	tt_u8 back[TT_AF_HDR_LEN];
	int hl;

	err = tt_frame_check_write(r, p, n, &info);
	TT_CHECK(err == tt_model_write(r, p, n));
	TT_CHECK(tt_frame_write_max(r) == (tt_size)r->mtu + hdr);
	/* the length checks alone agree with the full check */
	lerr = tt_frame_check_len(r, n);
	if (lerr != TT_OK)
		TT_CHECK(err == lerr);
	if (err == TT_EIO || err == TT_EMSGSIZE)
		TT_CHECK(lerr == err);
	if (err == TT_EAFNOSUPPORT)
		TT_CHECK(r->kind == TT_KIND_TUN && r->af_header && n >= 4);
	if (err != TT_OK)
		return;

	TT_CHECK(r->up && n > 0 && n <= tt_frame_write_max(r));
	TT_CHECK(info.hdr_len <= n);
	if (r->kind == TT_KIND_TAP) {
		TT_CHECK(info.hdr_len == 0 && info.proto == TT_PROTO_ETHER);
		TT_CHECK(n >= TT_ETH_HDR_LEN);
		TT_CHECK(tt_frame_read_hdr(r, info.proto, back) == 0);
		return;
	}
	TT_CHECK(info.hdr_len == hdr);
	TT_CHECK(info.proto == TT_PROTO_IPV4 || info.proto == TT_PROTO_IPV6);
	TT_CHECK(info.proto == tt_frame_ip_proto(p + hdr, n - hdr));
	TT_CHECK(p[hdr] >> 4 == (info.proto == TT_PROTO_IPV4 ? 4 : 6));
	/* what read() would put in front of this packet, were it sent back */
	hl = tt_frame_read_hdr(r, info.proto, back);
	TT_CHECK(hl == (int)hdr);
	if (hl == TT_AF_HDR_LEN && r->af_inet != r->af_inet6)
		TT_CHECK(memcmp(back, p, TT_AF_HDR_LEN) == 0);
}

/* The read side alone: every proto, every rule set. */
static void tt_fuzz_check_read(const struct tt_frame_rules *r)
{
	static const enum tt_proto protos[] = {
		TT_PROTO_NONE, TT_PROTO_IPV4, TT_PROTO_IPV6, TT_PROTO_ETHER,
	};
	tt_u8 hdr[TT_AF_HDR_LEN];
	size_t i;
	int hl;

	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		memset(hdr, 0xa5, sizeof(hdr));
		hl = tt_frame_read_hdr(r, protos[i], hdr);
		if (r->kind == TT_KIND_TAP || !r->af_header) {
			TT_CHECK(hl == 0);
			continue;
		}
		if (protos[i] == TT_PROTO_IPV4)
			TT_CHECK(hl == 4 && tt_fuzz_be32(hdr) == r->af_inet);
		else if (protos[i] == TT_PROTO_IPV6)
			TT_CHECK(hl == 4 && tt_fuzz_be32(hdr) == r->af_inet6);
		else
			TT_CHECK(hl == -1);
	}
}

/* tt_frame_ip_proto alone: the model, and longer is never worse. */
static void tt_fuzz_check_ip(const uint8_t *p, size_t n)
{
	enum tt_proto got = tt_frame_ip_proto(p, n);
	size_t shorter;

	TT_CHECK(got == tt_model_ip(p, n));
	if (n == 0)
		return;
	shorter = n > 40 ? 40 : n - 1;
	if (tt_frame_ip_proto(p, shorter) != TT_PROTO_NONE)
		TT_CHECK(got == tt_frame_ip_proto(p, shorter));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tt_frame_rules r;
	size_t used = tt_fuzz_rules(&r, data, size);
	uint8_t *p;
	size_t n;

	if (used == 0)
		return 0;
	/* A heap copy of exactly the write: ASan sees any read past it. */
	n = size - used;
	p = malloc(n ? n : 1);
	if (!p)
		return 0;
	memcpy(p, data + used, n);
	tt_fuzz_check_write(&r, p, n);
	tt_fuzz_check_read(&r);
	tt_fuzz_check_ip(p, n);
	free(p);
	return 0;
}
