/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tt_fuzz.h: the input formats of the fuzz targets, shared by the
 * targets and the seed generator so that seeds mean what they say.
 *
 * frame (tt_fuzz_frame.c): a selector byte, the MTU (2 bytes, big
 * endian; below 68 means 68), when the selector's AF nibble is
 * TT_FUZZ_AF_RAW two 4-byte AF values, then the write itself.
 *
 * pkt (tt_fuzz_pkt.c): an operation byte (enum tt_fuzz_pkt_op), then
 * that operation's fields, then the payload or packet.
 */
#ifndef TT_FUZZ_H
#define TT_FUZZ_H

#include <stdio.h>
#include <stdlib.h>

/* An invariant of the code under test: a finding when it fails. */
#define TT_CHECK(cond)                                                      \
	do {                                                                \
		if (!(cond)) {                                              \
			fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, \
				#cond);                                     \
			abort();                                            \
		}                                                           \
	} while (0)

#define TT_FUZZ_SEL_TAP		0x01
#define TT_FUZZ_SEL_HDR		0x02
#define TT_FUZZ_SEL_DOWN	0x0c	/* both bits: down; else up */
#define TT_FUZZ_SEL_AF_SHIFT	4	/* high nibble: enum tt_fuzz_af */
#define TT_FUZZ_RULES_LEN	3	/* selector, MTU */
#define TT_FUZZ_AF_RAW_LEN	8	/* two AF values, big endian */

/* Whose AF_INET / AF_INET6 the rules use. */
enum tt_fuzz_af {
	TT_FUZZ_AF_LINUX,	/* 2, 10 */
	TT_FUZZ_AF_MACOS,	/* 2, 30 */
	TT_FUZZ_AF_FREEBSD,	/* 2, 28 */
	TT_FUZZ_AF_OPENBSD,	/* 2, 24 */
	TT_FUZZ_AF_ODD,		/* four distinct bytes each */
	TT_FUZZ_AF_RAW = 15,	/* from the input */
};

enum tt_fuzz_pkt_op {
	TT_FUZZ_PKT_MATCH,	/* flags (bit 0: l2), key, tip, target, bytes */
	TT_FUZZ_PKT_UDP4,	/* key (dport), src, dst, payload */
	TT_FUZZ_PKT_ICMP4,	/* key (id), src, dst, payload */
	TT_FUZZ_PKT_UDP6,
	TT_FUZZ_PKT_ICMP6,
	TT_FUZZ_PKT_ARP,	/* smac, tmac, sip, tip */
	TT_FUZZ_PKT_NA,		/* smac, tmac, target, dst */
	TT_FUZZ_PKT_CSUM,	/* initial sum (2 bytes), bytes */
	TT_FUZZ_PKT_OPS
};

#endif /* TT_FUZZ_H */
