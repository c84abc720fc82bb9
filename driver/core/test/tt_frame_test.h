/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * tt_frame_test.h: what the unit tests of tt_frame.c share: the AF
 * values of several OSes, builders for AF headers and IP first bytes,
 * the rule sets the tables use, and names for the core's enums.
 */
#ifndef TT_FRAME_TEST_H
#define TT_FRAME_TEST_H

#include <check.h>

#include "tt_frame.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Address families as the ports would supply them. */
#define LINUX_AF_INET	2
#define LINUX_AF_INET6	10
#define MACOS_AF_INET	2
#define MACOS_AF_INET6	30
#define FREEBSD_AF_INET	2
#define FREEBSD_AF_INET6 28
/* Four distinct bytes each, so that any byte order but network's shows. */
#define ODD_AF_INET	0x11223344u
#define ODD_AF_INET6	0x55667788u

/* An AF header as it travels: the family, big endian. */
#define AF(v)	(tt_u8)((tt_u32)(v) >> 24), (tt_u8)((tt_u32)(v) >> 16), \
		(tt_u8)((tt_u32)(v) >> 8), (tt_u8)(tt_u32)(v)
/* Bytes 0-3 of an AF header in little-endian order: the classic mistake. */
#define AF_LE(v) (tt_u8)(tt_u32)(v), (tt_u8)((tt_u32)(v) >> 8), \
		(tt_u8)((tt_u32)(v) >> 16), (tt_u8)((tt_u32)(v) >> 24)

/* First byte of an IP header: version and, for IPv4, IHL in 32-bit words. */
#define V4	0x45	/* IPv4, 20-byte header */
#define V6	0x60	/* IPv6 */

#define RULES(k, hdr, up_, mtu_, in4, in6) { \
	.kind = (k), .af_header = (hdr), .up = (up_), .mtu = (mtu_), \
	.af_inet = (in4), .af_inet6 = (in6) }
#define TUN TT_KIND_TUN
#define TAP TT_KIND_TAP


/* The rule sets, defined in tt_frame_test.c. */
extern const struct tt_frame_rules tun_up;
extern const struct tt_frame_rules tun_down;
extern const struct tt_frame_rules hdr_linux;
extern const struct tt_frame_rules hdr_linux_down;
extern const struct tt_frame_rules hdr_macos;
extern const struct tt_frame_rules hdr_freebsd;
extern const struct tt_frame_rules hdr_odd;
extern const struct tt_frame_rules tap_up;
extern const struct tt_frame_rules tap_down;
extern const struct tt_frame_rules tap_hdr;
extern const struct tt_frame_rules tun_68;
extern const struct tt_frame_rules hdr_68;
extern const struct tt_frame_rules tap_68;
extern const struct tt_frame_rules tun_64k;
extern const struct tt_frame_rules hdr_64k;
extern const struct tt_frame_rules tap_64k;

#define PREFIX_MAX 64

const char *err_name(enum tt_err e);
const char *proto_name(enum tt_proto p);
/*
 * A write of len bytes on the heap, exactly len long: its first bytes
 * from prefix, the rest zero; NULL when len is 0.
 */
tt_u8 *make_buf(const tt_u8 *prefix, tt_size plen, tt_size len);

/* tt_frame_write_test.c: adds the tt_frame_check_write rows to tc. */
void tt_frame_test_add_write(TCase *tc);

#endif
