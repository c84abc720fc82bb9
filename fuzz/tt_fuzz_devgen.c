// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_fuzz_devgen.c: libFuzzer (and AFL++) target for the device fuzzer's
 * own generator (tt_devgen.c), so that a frame it calls well formed is
 * one the driver core accepts, and no mutation writes outside its buffer.
 *
 * Input: 8 bytes of PRNG seed, a selector (bit 0 tap, bits 1-2 the
 * header mode, bit 3 Mac OS X's AF values instead of Linux's), the MTU
 * (2 bytes; below 68 means 68), a MAC; missing bytes are zeros.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../conformance/tt_test.h"
#include "tt_devgen.h"
#include "tt_fuzz.h"
#include "tt_frame.h"

#define FRAMES	4	/* per input: the PRNG's later draws matter too */

static void tt_fuzz_rules(const struct tt_gen_ctx *c, int up,
			  struct tt_frame_rules *r)
{
	r->kind = c->tap ? TT_KIND_TAP : TT_KIND_TUN;
	r->af_header = c->hdr == TT_GEN_HDR_AF;
	r->up = up;
	r->mtu = c->mtu;
	r->af_inet = c->af_inet;
	r->af_inet6 = c->af_inet6;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t in[8 + 1 + 2 + 6] = { 0 };
	struct tt_frame_rules up, down;
	struct tt_frame_info info;
	struct tt_gen_ctx c;
	struct tt_rng r;
	uint64_t seed = 0;
	uint8_t *buf;
	size_t len, i;
	int pristine;

	memcpy(in, data, size < sizeof(in) ? size : sizeof(in));
	for (i = 0; i < 8; i++)
		seed = seed << 8 | in[i];
	tt_rng_seed(&r, seed);
	memset(&c, 0, sizeof(c));
	c.tap = in[8] & 1;
	c.hdr = (enum tt_gen_hdr)((in[8] >> 1) % 3);
	c.af_inet = 2;
	c.af_inet6 = in[8] & 8 ? 30 : 10;
	c.mtu = (uint32_t)(in[9] << 8 | in[10]);
	if (c.mtu < 68)
		c.mtu = 68;
	memcpy(c.mac, in + 11, 6);
	c.mac[0] = (uint8_t)((c.mac[0] & 0xfe) | 2);
	memcpy(c.peer_mac, "\x02\x54\x54\x00\x00\x02", 6);
	c.local4.s_addr = htonl(0xc6120001);
	c.peer4.s_addr = htonl(0xc6120002);
	c.local6.s6_addr[15] = 1;
	c.peer6.s6_addr[15] = 2;
	tt_fuzz_rules(&c, 1, &up);
	tt_fuzz_rules(&c, 0, &down);

	buf = malloc(TT_GEN_MAX);
	if (!buf)
		return 0;
	for (i = 0; i < FRAMES; i++) {
		len = tt_gen_frame(&r, &c, buf, &pristine);
		TT_CHECK(len <= TT_GEN_MAX);
		TT_CHECK(tt_frame_check_write(&down, buf, len, &info) == TT_EIO);
		/* Linux's PI header is not ours to judge */
		if (pristine && c.hdr != TT_GEN_HDR_PI)
			TT_CHECK(tt_frame_check_write(&up, buf, len, &info) == TT_OK);
	}
	len = tt_gen_ping(&c, buf, (uint16_t)seed);
	if (c.hdr != TT_GEN_HDR_PI)
		TT_CHECK(tt_frame_check_write(&up, buf, len, &info) == TT_OK);
	if (c.tap)
		TT_CHECK(tt_gen_arp_reply(&c, buf) == 42);
	free(buf);
	return 0;
}
