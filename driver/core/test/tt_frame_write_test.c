// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * tt_frame_write_test.c: the rules of tt_frame_check_write, one table
 * row per rule, and the version nibble of a tun packet.  Run by
 * tt_frame_test.c's suite, in its "check_write" case.
 */
#include <stdlib.h>

#include "tt_frame_test.h"

/* ------------------------------------------------------------------ */
/* tt_frame_check_write: one row per rule                              */
/* ------------------------------------------------------------------ */

struct write_case {
	const char *name;
	const struct tt_frame_rules *rules;
	tt_u8 bytes[PREFIX_MAX];	/* the first bytes; the rest are zero */
	tt_size len;			/* the length of the write */
	enum tt_err err;
	tt_size hdr_len;		/* expected on TT_OK only */
	enum tt_proto proto;		/* expected on TT_OK only */
};

#define OK(hdr_len, proto)	TT_OK, (hdr_len), (proto)
#define FAIL(err)		(err), 0, TT_PROTO_NONE

static const struct write_case write_cases[] = {
	/* --- State first --- */
	/* A write while the interface is down fails with EIO, before any
	 * content check, even when the packet is valid. */
	{ "down tun, valid IPv4", &tun_down, { V4 }, 20, FAIL(TT_EIO) },
	/* A write while the interface is down fails with EIO, even an empty
	 * one: state is checked before length. */
	{ "down tun, empty", &tun_down, { 0 }, 0, FAIL(TT_EIO) },
	/* A write while the interface is down fails with EIO, even one
	 * longer than the MTU: state is checked before size. */
	{ "down tun, MTU+1", &tun_down, { V4 }, TT_MTU_DEFAULT + 1,
	  FAIL(TT_EIO) },
	/* A write while the interface is down fails with EIO, even a
	 * truncated one: state is checked before content. */
	{ "down tun, 1 byte", &tun_down, { V4 }, 1, FAIL(TT_EIO) },
	/* A write while the interface is down fails with EIO, even with an
	 * AF header naming no supported family. */
	{ "down tun+hdr, AF 0", &hdr_linux_down, { AF(0), V4 }, 24,
	  FAIL(TT_EIO) },
	/* A write while the interface is down fails with EIO, even when the
	 * AF header is cut short. */
	{ "down tun+hdr, 2 bytes", &hdr_linux_down, { 0, 0 }, 2,
	  FAIL(TT_EIO) },
	/* A write while the interface is down fails with EIO, even an
	 * empty one with TUNSIFHEAD on. */
	{ "down tun+hdr, empty", &hdr_linux_down, { 0 }, 0, FAIL(TT_EIO) },
	/* A write while the interface is down fails with EIO, even a
	 * well-formed Ethernet frame on tap. */
	{ "down tap, 14 bytes", &tap_down, { 0 }, TT_ETH_HDR_LEN,
	  FAIL(TT_EIO) },
	/* A write while the interface is down fails with EIO, even an empty
	 * one on tap. */
	{ "down tap, empty", &tap_down, { 0 }, 0, FAIL(TT_EIO) },
	/* A write while the interface is down fails with EIO, even a tap
	 * frame shorter than an Ethernet header. */
	{ "down tap, 13 bytes", &tap_down, { 0 }, TT_ETH_HDR_LEN - 1,
	  FAIL(TT_EIO) },
	/* A write while the interface is down fails with EIO, even a tap
	 * frame larger than MTU plus Ethernet header. */
	{ "down tap, MTU+15", &tap_down, { 0 }, TT_MTU_DEFAULT + 15,
	  FAIL(TT_EIO) },

	/* --- Empty writes --- */
	/* An empty write to an up tun fails with EINVAL. */
	{ "tun, empty", &tun_up, { 0 }, 0, FAIL(TT_EINVAL) },
	/* An empty write to an up tun with TUNSIFHEAD fails with EINVAL. */
	{ "tun+hdr, empty", &hdr_linux, { 0 }, 0, FAIL(TT_EINVAL) },
	/* An empty write to an up tap fails with EINVAL. */
	{ "tap, empty", &tap_up, { 0 }, 0, FAIL(TT_EINVAL) },

	/* --- Size before content --- */
	/* A write longer than allowed fails with EMSGSIZE even when its
	 * content is also invalid: size is checked before content. */
	{ "tun, MTU+1 of zeros", &tun_up, { 0 }, TT_MTU_DEFAULT + 1,
	  FAIL(TT_EMSGSIZE) },
	/* A write longer than MTU+4 with TUNSIFHEAD fails with EMSGSIZE even
	 * when its AF header names no supported family. */
	{ "tun+hdr, MTU+5 with AF 0", &hdr_linux, { AF(0), V4 },
	  TT_MTU_DEFAULT + 5, FAIL(TT_EMSGSIZE) },

	/* --- tun, no header: IPv4 --- */
	/* tun without header accepts an IPv4 packet of exactly 20 bytes with
	 * IHL 5, as IPv4, stripping nothing. */
	{ "tun, IPv4 20 bytes", &tun_up, { V4 }, 20, OK(0, TT_PROTO_IPV4) },
	/* tun without header accepts a typical IPv4 packet (an 84-byte
	 * ping) as IPv4, stripping nothing. */
	{ "tun, IPv4 84 bytes", &tun_up, { V4 }, 84, OK(0, TT_PROTO_IPV4) },
	/* tun without header accepts IPv4 with options when IHL*4 fits in
	 * the write (IHL 6, 24 bytes). */
	{ "tun, IPv4 IHL 6 in 24", &tun_up, { 0x46 }, 24,
	  OK(0, TT_PROTO_IPV4) },
	/* tun without header accepts the largest IPv4 header, IHL 15, when
	 * the write holds all 60 bytes of it. */
	{ "tun, IPv4 IHL 15 in 60", &tun_up, { 0x4f }, 60,
	  OK(0, TT_PROTO_IPV4) },
	/* An IPv4 packet shorter than the 20-byte minimum header fails with
	 * EINVAL. */
	{ "tun, IPv4 19 bytes", &tun_up, { V4 }, 19, FAIL(TT_EINVAL) },
	/* A single byte that claims IPv4 is a truncated header: EINVAL. */
	{ "tun, IPv4 1 byte", &tun_up, { V4 }, 1, FAIL(TT_EINVAL) },
	/* An IPv4 header with IHL 4 (16 bytes, below the minimum of 5) fails
	 * with EINVAL even when the write is long enough. */
	{ "tun, IPv4 IHL 4", &tun_up, { 0x44 }, 40, FAIL(TT_EINVAL) },
	/* An IPv4 header with IHL 0 fails with EINVAL. */
	{ "tun, IPv4 IHL 0", &tun_up, { 0x40 }, 40, FAIL(TT_EINVAL) },
	/* An IPv4 header whose IHL*4 exceeds the write fails with EINVAL
	 * (IHL 6 = 24 bytes in a 23-byte write). */
	{ "tun, IPv4 IHL 6 in 23", &tun_up, { 0x46 }, 23, FAIL(TT_EINVAL) },
	/* An IPv4 header whose IHL*4 exceeds the write fails with EINVAL
	 * (IHL 15 = 60 bytes in a 59-byte write). */
	{ "tun, IPv4 IHL 15 in 59", &tun_up, { 0x4f }, 59, FAIL(TT_EINVAL) },

	/* --- tun, no header: IPv6 --- */
	/* tun without header accepts an IPv6 packet of exactly 40 bytes as
	 * IPv6, stripping nothing. */
	{ "tun, IPv6 40 bytes", &tun_up, { V6 }, 40, OK(0, TT_PROTO_IPV6) },
	/* tun without header accepts a 1280-byte IPv6 packet (the IPv6
	 * minimum link MTU) as IPv6. */
	{ "tun, IPv6 1280 bytes", &tun_up, { V6 }, 1280,
	  OK(0, TT_PROTO_IPV6) },
	/* The low nibble of an IPv6 packet's first byte is traffic class,
	 * not a length: any value is accepted. */
	{ "tun, IPv6 TC nibble 0xf", &tun_up, { 0x6f }, 40,
	  OK(0, TT_PROTO_IPV6) },
	/* An IPv6 packet shorter than its 40-byte fixed header fails with
	 * EINVAL. */
	{ "tun, IPv6 39 bytes", &tun_up, { V6 }, 39, FAIL(TT_EINVAL) },
	/* A single byte that claims IPv6 is a truncated header: EINVAL. */
	{ "tun, IPv6 1 byte", &tun_up, { V6 }, 1, FAIL(TT_EINVAL) },
	/* IPv4's 20-byte minimum does not make a short IPv6 packet valid:
	 * 20 bytes of IPv6 fail with EINVAL. */
	{ "tun, IPv6 20 bytes", &tun_up, { V6 }, 20, FAIL(TT_EINVAL) },

	/* --- tun with AF header: the OS's values are data --- */
	/* With TUNSIFHEAD and Linux's values, AF_INET (2) in network order
	 * followed by IPv4 is accepted as IPv4, the 4 header bytes stripped. */
	{ "linux hdr, AF 2 + IPv4", &hdr_linux, { AF(2), V4 }, 24,
	  OK(TT_AF_HDR_LEN, TT_PROTO_IPV4) },
	/* With TUNSIFHEAD and Linux's values, AF_INET6 (10) followed by IPv6
	 * is accepted as IPv6, the 4 header bytes stripped. */
	{ "linux hdr, AF 10 + IPv6", &hdr_linux, { AF(10), V6 }, 44,
	  OK(TT_AF_HDR_LEN, TT_PROTO_IPV6) },
	/* With TUNSIFHEAD and Mac OS X's values, AF_INET (2) followed by IPv4
	 * is accepted as IPv4. */
	{ "macos hdr, AF 2 + IPv4", &hdr_macos, { AF(2), V4 }, 24,
	  OK(TT_AF_HDR_LEN, TT_PROTO_IPV4) },
	/* With TUNSIFHEAD and Mac OS X's values, AF_INET6 (30) followed by
	 * IPv6 is accepted as IPv6. */
	{ "macos hdr, AF 30 + IPv6", &hdr_macos, { AF(30), V6 }, 44,
	  OK(TT_AF_HDR_LEN, TT_PROTO_IPV6) },
	/* With FreeBSD's values, AF_INET6 (28) followed by IPv6 is accepted
	 * as IPv6. */
	{ "freebsd hdr, AF 28 + IPv6", &hdr_freebsd, { AF(28), V6 }, 44,
	  OK(TT_AF_HDR_LEN, TT_PROTO_IPV6) },
	/* On Mac OS X, 10 is not AF_INET6: a header of 10 fails with
	 * EAFNOSUPPORT even though it is Linux's AF_INET6. */
	{ "macos hdr, AF 10 + IPv6", &hdr_macos, { AF(10), V6 }, 44,
	  FAIL(TT_EAFNOSUPPORT) },
	/* On Linux, 30 is not AF_INET6: a header of 30 fails with
	 * EAFNOSUPPORT even though it is Mac OS X's AF_INET6. */
	{ "linux hdr, AF 30 + IPv6", &hdr_linux, { AF(30), V6 }, 44,
	  FAIL(TT_EAFNOSUPPORT) },
	/* The AF header is a 32-bit big-endian number: all four bytes count
	 * and are read most significant first (0x11223344 as 11 22 33 44). */
	{ "odd hdr, AF 0x11223344 + IPv4", &hdr_odd, { AF(ODD_AF_INET), V4 },
	  24, OK(TT_AF_HDR_LEN, TT_PROTO_IPV4) },
	/* The AF header is a 32-bit big-endian number (0x55667788 as
	 * 55 66 77 88 names AF_INET6). */
	{ "odd hdr, AF 0x55667788 + IPv6", &hdr_odd, { AF(ODD_AF_INET6), V6 },
	  44, OK(TT_AF_HDR_LEN, TT_PROTO_IPV6) },
	/* An AF header in little-endian order names another family:
	 * 44 33 22 11 fails with EAFNOSUPPORT. */
	{ "odd hdr, AF little endian", &hdr_odd, { AF_LE(ODD_AF_INET), V4 },
	  24, FAIL(TT_EAFNOSUPPORT) },
	/* An AF header in little-endian order (02 00 00 00) is not AF_INET
	 * on Linux: EAFNOSUPPORT. */
	{ "linux hdr, AF 2 little endian", &hdr_linux, { AF_LE(2), V4 }, 24,
	  FAIL(TT_EAFNOSUPPORT) },
	/* An AF header in little-endian order (1e 00 00 00) is not AF_INET6
	 * on Mac OS X: EAFNOSUPPORT. */
	{ "macos hdr, AF 30 little endian", &hdr_macos, { AF_LE(30), V6 }, 44,
	  FAIL(TT_EAFNOSUPPORT) },

	/* --- tun with AF header: other families --- */
	/* An AF header of 0 (AF_UNSPEC) fails with EAFNOSUPPORT (Linux). */
	{ "linux hdr, AF 0", &hdr_linux, { AF(0), V4 }, 24,
	  FAIL(TT_EAFNOSUPPORT) },
	/* An AF header of 1 (AF_UNIX) fails with EAFNOSUPPORT (Linux). */
	{ "linux hdr, AF 1", &hdr_linux, { AF(1), V4 }, 24,
	  FAIL(TT_EAFNOSUPPORT) },
	/* An AF header of 28 (FreeBSD's AF_INET6) fails with EAFNOSUPPORT on
	 * Linux. */
	{ "linux hdr, AF 28", &hdr_linux, { AF(28), V6 }, 44,
	  FAIL(TT_EAFNOSUPPORT) },
	/* An AF header of 0xffffffff fails with EAFNOSUPPORT (Linux). */
	{ "linux hdr, AF 0xffffffff", &hdr_linux, { AF(0xffffffffu), V4 }, 24,
	  FAIL(TT_EAFNOSUPPORT) },
	/* An AF header of 0 fails with EAFNOSUPPORT (Mac OS X). */
	{ "macos hdr, AF 0", &hdr_macos, { AF(0), V4 }, 24,
	  FAIL(TT_EAFNOSUPPORT) },
	/* An AF header of 1 fails with EAFNOSUPPORT (Mac OS X). */
	{ "macos hdr, AF 1", &hdr_macos, { AF(1), V4 }, 24,
	  FAIL(TT_EAFNOSUPPORT) },
	/* An AF header of 28 fails with EAFNOSUPPORT (Mac OS X). */
	{ "macos hdr, AF 28", &hdr_macos, { AF(28), V6 }, 44,
	  FAIL(TT_EAFNOSUPPORT) },
	/* An AF header of 0xffffffff fails with EAFNOSUPPORT (Mac OS X). */
	{ "macos hdr, AF 0xffffffff", &hdr_macos, { AF(0xffffffffu), V6 }, 44,
	  FAIL(TT_EAFNOSUPPORT) },

	/* --- tun with AF header: truncation --- */
	/* With TUNSIFHEAD, a write shorter than the 4-byte AF header fails
	 * with EINVAL (1 byte). */
	{ "linux hdr, 1 byte", &hdr_linux, { AF(2) }, 1, FAIL(TT_EINVAL) },
	/* With TUNSIFHEAD, a write shorter than the 4-byte AF header fails
	 * with EINVAL (2 bytes). */
	{ "linux hdr, 2 bytes", &hdr_linux, { AF(2) }, 2, FAIL(TT_EINVAL) },
	/* With TUNSIFHEAD, a write shorter than the 4-byte AF header fails
	 * with EINVAL (3 bytes). */
	{ "linux hdr, 3 bytes", &hdr_linux, { AF(2) }, 3, FAIL(TT_EINVAL) },
	/* With TUNSIFHEAD, an AF_INET header alone, with no packet behind
	 * it, fails with EINVAL. */
	{ "linux hdr, AF 2 alone", &hdr_linux, { AF(2) }, 4, FAIL(TT_EINVAL) },
	/* With TUNSIFHEAD, an AF_INET6 header alone fails with EINVAL. */
	{ "linux hdr, AF 10 alone", &hdr_linux, { AF(10) }, 4,
	  FAIL(TT_EINVAL) },
	/* With TUNSIFHEAD, an AF_INET6 header alone fails with EINVAL
	 * (Mac OS X). */
	{ "macos hdr, AF 30 alone", &hdr_macos, { AF(30) }, 4,
	  FAIL(TT_EINVAL) },
	/* With TUNSIFHEAD, the packet after the header must hold a full
	 * IPv4 header: 19 bytes of IPv4 behind AF_INET fail with EINVAL. */
	{ "linux hdr, AF 2 + IPv4 19", &hdr_linux, { AF(2), V4 }, 4 + 19,
	  FAIL(TT_EINVAL) },
	/* With TUNSIFHEAD, the packet after the header must hold a full
	 * IPv6 header: 39 bytes of IPv6 behind AF_INET6 fail with EINVAL. */
	{ "linux hdr, AF 10 + IPv6 39", &hdr_linux, { AF(10), V6 }, 4 + 39,
	  FAIL(TT_EINVAL) },
	/* With TUNSIFHEAD, IHL is measured against the packet, not the write:
	 * IHL 15 (60 bytes) in a 59-byte packet fails with EINVAL although
	 * the write is 63 bytes. */
	{ "linux hdr, AF 2 + IHL 15 in 59", &hdr_linux, { AF(2), 0x4f },
	  4 + 59, FAIL(TT_EINVAL) },
	/* With TUNSIFHEAD, IHL 15 in a 60-byte packet is accepted. */
	{ "linux hdr, AF 2 + IHL 15 in 60", &hdr_linux, { AF(2), 0x4f },
	  4 + 60, OK(TT_AF_HDR_LEN, TT_PROTO_IPV4) },
	/* With TUNSIFHEAD, an IPv4 header with IHL below 5 fails with
	 * EINVAL. */
	{ "linux hdr, AF 2 + IHL 4", &hdr_linux, { AF(2), 0x44 }, 44,
	  FAIL(TT_EINVAL) },
	/* With TUNSIFHEAD, a packet of version 5 behind AF_INET fails with
	 * EINVAL. */
	{ "linux hdr, AF 2 + version 5", &hdr_linux, { AF(2), 0x55 }, 44,
	  FAIL(TT_EINVAL) },

	/* --- tun with AF header: header and packet must agree --- */
	/* An AF_INET header in front of an IPv6 packet fails with EINVAL:
	 * the header is a claim, not a hint (Linux). */
	{ "linux hdr, AF 2 + IPv6", &hdr_linux, { AF(2), V6 }, 44,
	  FAIL(TT_EINVAL) },
	/* An AF_INET6 header in front of an IPv4 packet fails with EINVAL
	 * (Linux). */
	{ "linux hdr, AF 10 + IPv4", &hdr_linux, { AF(10), V4 }, 44,
	  FAIL(TT_EINVAL) },
	/* An AF_INET header in front of an IPv6 packet fails with EINVAL
	 * (Mac OS X). */
	{ "macos hdr, AF 2 + IPv6", &hdr_macos, { AF(2), V6 }, 44,
	  FAIL(TT_EINVAL) },
	/* An AF_INET6 header in front of an IPv4 packet fails with EINVAL
	 * (Mac OS X). */
	{ "macos hdr, AF 30 + IPv4", &hdr_macos, { AF(30), V4 }, 44,
	  FAIL(TT_EINVAL) },

	/* --- tap --- */
	/* A tap write shorter than an Ethernet header (14 bytes) fails with
	 * EINVAL: 1 byte. */
	{ "tap, 1 byte", &tap_up, { 0 }, 1, FAIL(TT_EINVAL) },
	/* A tap write shorter than an Ethernet header fails with EINVAL:
	 * 13 bytes. */
	{ "tap, 13 bytes", &tap_up, { 0 }, TT_ETH_HDR_LEN - 1,
	  FAIL(TT_EINVAL) },
	/* A tap write of exactly an Ethernet header is accepted as Ethernet;
	 * tap strips nothing, the link header goes to the stack. */
	{ "tap, 14 bytes", &tap_up, { 0 }, TT_ETH_HDR_LEN,
	  OK(0, TT_PROTO_ETHER) },
	/* A tap write of a minimal Ethernet frame (60 bytes, broadcast) is
	 * accepted as Ethernet. */
	{ "tap, 60 bytes broadcast", &tap_up,
	  { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 1,
	    0x08, 0x06 }, 60, OK(0, TT_PROTO_ETHER) },
	/* tap does not read an IP version: a frame starting with 0x45 is
	 * still Ethernet. */
	{ "tap, IPv4-looking bytes", &tap_up, { V4 }, TT_ETH_HDR_LEN,
	  OK(0, TT_PROTO_ETHER) },
	/* TUNSIFHEAD has no effect on tap: a 14-byte frame is Ethernet with
	 * nothing stripped. */
	{ "tap+hdr, 14 bytes", &tap_hdr, { 0 }, TT_ETH_HDR_LEN,
	  OK(0, TT_PROTO_ETHER) },
	/* TUNSIFHEAD has no effect on tap: 13 bytes still fail with EINVAL. */
	{ "tap+hdr, 13 bytes", &tap_hdr, { AF(2), V4 }, TT_ETH_HDR_LEN - 1,
	  FAIL(TT_EINVAL) },
	/* TUNSIFHEAD has no effect on tap: the limit stays MTU+14. */
	{ "tap+hdr, MTU+14", &tap_hdr, { 0 }, TT_MTU_DEFAULT + 14,
	  OK(0, TT_PROTO_ETHER) },
	/* TUNSIFHEAD has no effect on tap: MTU+15 fails with EMSGSIZE. */
	{ "tap+hdr, MTU+15", &tap_hdr, { 0 }, TT_MTU_DEFAULT + 15,
	  FAIL(TT_EMSGSIZE) },

	/* --- Size limits at MTU 1500 --- */
	/* A tun IPv4 packet of exactly the MTU is accepted (1500). */
	{ "tun@1500, IPv4 MTU", &tun_up, { V4 }, 1500, OK(0, TT_PROTO_IPV4) },
	/* A tun packet of MTU+1 fails with EMSGSIZE (1500). */
	{ "tun@1500, IPv4 MTU+1", &tun_up, { V4 }, 1501, FAIL(TT_EMSGSIZE) },
	/* A tun IPv6 packet of exactly the MTU is accepted (1500). */
	{ "tun@1500, IPv6 MTU", &tun_up, { V6 }, 1500, OK(0, TT_PROTO_IPV6) },
	/* A tun IPv6 packet of MTU+1 fails with EMSGSIZE (1500). */
	{ "tun@1500, IPv6 MTU+1", &tun_up, { V6 }, 1501, FAIL(TT_EMSGSIZE) },
	/* With TUNSIFHEAD, header plus an MTU-sized packet (MTU+4) is
	 * accepted (1500). */
	{ "hdr@1500, MTU+4", &hdr_linux, { AF(2), V4 }, 1504,
	  OK(TT_AF_HDR_LEN, TT_PROTO_IPV4) },
	/* With TUNSIFHEAD, MTU+5 fails with EMSGSIZE (1500). */
	{ "hdr@1500, MTU+5", &hdr_linux, { AF(2), V4 }, 1505,
	  FAIL(TT_EMSGSIZE) },
	/* With TUNSIFHEAD, IPv6 at MTU+4 is accepted (1500, Mac OS X). */
	{ "macos hdr@1500, IPv6 MTU+4", &hdr_macos, { AF(30), V6 }, 1504,
	  OK(TT_AF_HDR_LEN, TT_PROTO_IPV6) },
	/* With TUNSIFHEAD, IPv6 at MTU+5 fails with EMSGSIZE (1500, Mac
	 * OS X). */
	{ "macos hdr@1500, IPv6 MTU+5", &hdr_macos, { AF(30), V6 }, 1505,
	  FAIL(TT_EMSGSIZE) },
	/* A tap frame of MTU+14 is accepted (1500). */
	{ "tap@1500, MTU+14", &tap_up, { 0 }, 1514, OK(0, TT_PROTO_ETHER) },
	/* A tap frame of MTU+15 fails with EMSGSIZE (1500). */
	{ "tap@1500, MTU+15", &tap_up, { 0 }, 1515, FAIL(TT_EMSGSIZE) },

	/* --- Size limits at the minimum MTU, 68 --- */
	/* A tun IPv4 packet of exactly the MTU is accepted (68). */
	{ "tun@68, IPv4 MTU", &tun_68, { V4 }, 68, OK(0, TT_PROTO_IPV4) },
	/* A tun packet of MTU+1 fails with EMSGSIZE (68). */
	{ "tun@68, IPv4 MTU+1", &tun_68, { V4 }, 69, FAIL(TT_EMSGSIZE) },
	/* A tun IPv6 packet of exactly the MTU is accepted (68). */
	{ "tun@68, IPv6 MTU", &tun_68, { V6 }, 68, OK(0, TT_PROTO_IPV6) },
	/* A tun IPv6 packet of MTU+1 fails with EMSGSIZE (68). */
	{ "tun@68, IPv6 MTU+1", &tun_68, { V6 }, 69, FAIL(TT_EMSGSIZE) },
	/* With TUNSIFHEAD, MTU+4 is accepted (68). */
	{ "hdr@68, MTU+4", &hdr_68, { AF(2), V4 }, 72,
	  OK(TT_AF_HDR_LEN, TT_PROTO_IPV4) },
	/* With TUNSIFHEAD, MTU+5 fails with EMSGSIZE (68). */
	{ "hdr@68, MTU+5", &hdr_68, { AF(2), V4 }, 73, FAIL(TT_EMSGSIZE) },
	/* A tap frame of MTU+14 is accepted (68). */
	{ "tap@68, MTU+14", &tap_68, { 0 }, 82, OK(0, TT_PROTO_ETHER) },
	/* A tap frame of MTU+15 fails with EMSGSIZE (68). */
	{ "tap@68, MTU+15", &tap_68, { 0 }, 83, FAIL(TT_EMSGSIZE) },

	/* --- Size limits at the maximum MTU, 65535 --- */
	/* A tun IPv4 packet of exactly the MTU is accepted (65535). */
	{ "tun@65535, IPv4 MTU", &tun_64k, { V4 }, 65535,
	  OK(0, TT_PROTO_IPV4) },
	/* A tun packet of MTU+1 fails with EMSGSIZE (65535). */
	{ "tun@65535, IPv4 MTU+1", &tun_64k, { V4 }, 65536,
	  FAIL(TT_EMSGSIZE) },
	/* A tun IPv6 packet of exactly the MTU is accepted (65535). */
	{ "tun@65535, IPv6 MTU", &tun_64k, { V6 }, 65535,
	  OK(0, TT_PROTO_IPV6) },
	/* A tun IPv6 packet of MTU+1 fails with EMSGSIZE (65535). */
	{ "tun@65535, IPv6 MTU+1", &tun_64k, { V6 }, 65536,
	  FAIL(TT_EMSGSIZE) },
	/* With TUNSIFHEAD, MTU+4 is accepted (65535, Mac OS X values). */
	{ "hdr@65535, MTU+4", &hdr_64k, { AF(30), V6 }, 65539,
	  OK(TT_AF_HDR_LEN, TT_PROTO_IPV6) },
	/* With TUNSIFHEAD, MTU+5 fails with EMSGSIZE (65535). */
	{ "hdr@65535, MTU+5", &hdr_64k, { AF(30), V6 }, 65540,
	  FAIL(TT_EMSGSIZE) },
	/* A tap frame of MTU+14 is accepted (65535). */
	{ "tap@65535, MTU+14", &tap_64k, { 0 }, 65549, OK(0, TT_PROTO_ETHER) },
	/* A tap frame of MTU+15 fails with EMSGSIZE (65535). */
	{ "tap@65535, MTU+15", &tap_64k, { 0 }, 65550, FAIL(TT_EMSGSIZE) },
};

/* Runs one row of write_cases. */
START_TEST(test_write_rule)
{
	const struct write_case *c = &write_cases[_i];
	struct tt_frame_info info;
	enum tt_err err;
	tt_u8 *buf;

	/* Sentinels: a TT_OK must set both fields. */
	info.hdr_len = 0xdead;
	info.proto = TT_PROTO_NONE;
	buf = make_buf(c->bytes, sizeof(c->bytes), c->len);
	err = tt_frame_check_write(c->rules, buf, c->len, &info);
	free(buf);
	ck_assert_msg(err == c->err, "%s (len %zu): got %s, want %s",
		      c->name, (size_t)c->len, err_name(err),
		      err_name(c->err));
	if (c->err != TT_OK)
		return;
	ck_assert_msg(info.hdr_len == c->hdr_len,
		      "%s: hdr_len %zu, want %zu", c->name,
		      (size_t)info.hdr_len, (size_t)c->hdr_len);
	ck_assert_msg(info.proto == c->proto, "%s: proto %s, want %s",
		      c->name, proto_name(info.proto), proto_name(c->proto));
}
END_TEST

/* ------------------------------------------------------------------ */
/* The version nibble                                                  */
/* ------------------------------------------------------------------ */

/*
 * A tun packet is IPv4 if its version nibble is 4 and IPv6 if it is 6;
 * every other version (0-3, 5, 7-15) fails with EINVAL, with or without
 * an AF header, and tt_frame_ip_proto calls it TT_PROTO_NONE.  The low
 * nibble is 5 and the write 60 bytes, so that IPv4 and IPv6 lengths both
 * hold.  _i is the version.
 */
START_TEST(test_version_nibble)
{
	const tt_u8 first = (tt_u8)((_i << 4) | 5);
	const tt_u8 plain[] = { first };
	const tt_u8 in4[] = { AF(LINUX_AF_INET), first };
	const tt_u8 in6[] = { AF(MACOS_AF_INET6), first };
	enum tt_err want_plain = TT_EINVAL, want4 = TT_EINVAL;
	enum tt_err want6 = TT_EINVAL, got;
	enum tt_proto want_proto = TT_PROTO_NONE, proto;
	struct tt_frame_info info;
	tt_u8 *buf;

	if (_i == 4) {
		want_plain = want4 = TT_OK;
		want_proto = TT_PROTO_IPV4;
	} else if (_i == 6) {
		want_plain = want6 = TT_OK;
		want_proto = TT_PROTO_IPV6;
	}

	buf = make_buf(plain, sizeof(plain), 60);
	proto = tt_frame_ip_proto(buf, 60);
	got = tt_frame_check_write(&tun_up, buf, 60, &info);
	free(buf);
	ck_assert_msg(proto == want_proto, "version %d: ip_proto %s, want %s",
		      _i, proto_name(proto), proto_name(want_proto));
	ck_assert_msg(got == want_plain, "version %d, no header: %s, want %s",
		      _i, err_name(got), err_name(want_plain));
	if (got == TT_OK)
		ck_assert_int_eq(info.proto, want_proto);

	buf = make_buf(in4, sizeof(in4), 64);
	got = tt_frame_check_write(&hdr_linux, buf, 64, &info);
	free(buf);
	ck_assert_msg(got == want4, "version %d behind AF_INET: %s, want %s",
		      _i, err_name(got), err_name(want4));

	buf = make_buf(in6, sizeof(in6), 64);
	got = tt_frame_check_write(&hdr_macos, buf, 64, &info);
	free(buf);
	ck_assert_msg(got == want6, "version %d behind AF_INET6: %s, want %s",
		      _i, err_name(got), err_name(want6));
}
END_TEST

/*
 * Each row again with buf cut to its first TT_FRAME_PEEK_MAX bytes (an
 * exact heap block, so a sanitizer sees any read past it) and len still
 * the whole length: the verdict must not change.  The Mac port relies on
 * it, passing the head of an mbuf chain.
 */
START_TEST(test_write_peek)
{
	const struct write_case *c = &write_cases[_i];
	tt_size n = c->len < TT_FRAME_PEEK_MAX ? c->len : TT_FRAME_PEEK_MAX;
	struct tt_frame_info info;
	enum tt_err err;
	tt_u8 *buf;

	buf = make_buf(c->bytes, sizeof(c->bytes), n);
	err = tt_frame_check_write(c->rules, buf, c->len, &info);
	free(buf);
	ck_assert_msg(err == c->err, "%s (len %zu, %zu bytes given): got %s, "
		      "want %s", c->name, (size_t)c->len, (size_t)n,
		      err_name(err), err_name(c->err));
}
END_TEST

void tt_frame_test_add_write(TCase *tc)
{
	tcase_add_loop_test(tc, test_write_rule, 0, N_ELEMS(write_cases));
	tcase_add_loop_test(tc, test_version_nibble, 0, 16);
	tcase_add_loop_test(tc, test_write_peek, 0, N_ELEMS(write_cases));
}
