/*
 * tt_frame_test.c: unit tests of the framing rules in tt_frame.c, the
 * OS-independent code that decides what a write to /dev/tunN or /dev/tapN
 * may carry, and what AF header a read is given; and of the readiness
 * rule in tt_ready.h.
 *
 * Most rules are rows of static tables run with tcase_add_loop_test: one
 * row, one rule, with a comment that states it.  Every write is built in
 * a heap buffer of exactly its own length, so that valgrind (CK_FORK=no)
 * reports any read past what was written.
 *
 * Error codes are compared by name (TT_EINVAL, ...), never by number.
 * Address family numbers are data given by the port, so the tables use
 * both Linux (AF_INET 2, AF_INET6 10) and Mac OS X (2, 30) values.
 *
 * Run: make check-unit, or build by hand as the Makefile does.  Check
 * honours CK_TAP_LOG_FILE_NAME, CK_XML_LOG_FILE_NAME, CK_FORK and
 * CK_RUN_CASE itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt_frame_test.h"
#include "tt_ready.h"

/* tun without TUNSIFHEAD: the AF values are there but must not matter. */
const struct tt_frame_rules tun_up =
	RULES(TUN, 0, 1, TT_MTU_DEFAULT, LINUX_AF_INET, LINUX_AF_INET6);
const struct tt_frame_rules tun_down =
	RULES(TUN, 0, 0, TT_MTU_DEFAULT, LINUX_AF_INET, LINUX_AF_INET6);
/* tun with TUNSIFHEAD, per OS. */
const struct tt_frame_rules hdr_linux =
	RULES(TUN, 1, 1, TT_MTU_DEFAULT, LINUX_AF_INET, LINUX_AF_INET6);
const struct tt_frame_rules hdr_linux_down =
	RULES(TUN, 1, 0, TT_MTU_DEFAULT, LINUX_AF_INET, LINUX_AF_INET6);
const struct tt_frame_rules hdr_macos =
	RULES(TUN, 1, 1, TT_MTU_DEFAULT, MACOS_AF_INET, MACOS_AF_INET6);
const struct tt_frame_rules hdr_freebsd =
	RULES(TUN, 1, 1, TT_MTU_DEFAULT, FREEBSD_AF_INET, FREEBSD_AF_INET6);
const struct tt_frame_rules hdr_odd =
	RULES(TUN, 1, 1, TT_MTU_DEFAULT, ODD_AF_INET, ODD_AF_INET6);
/* tap; TUNSIFHEAD set on a tap has no effect. */
const struct tt_frame_rules tap_up =
	RULES(TAP, 0, 1, TT_MTU_DEFAULT, LINUX_AF_INET, LINUX_AF_INET6);
const struct tt_frame_rules tap_down =
	RULES(TAP, 0, 0, TT_MTU_DEFAULT, LINUX_AF_INET, LINUX_AF_INET6);
const struct tt_frame_rules tap_hdr =
	RULES(TAP, 1, 1, TT_MTU_DEFAULT, LINUX_AF_INET, LINUX_AF_INET6);
/* The MTU limits. */
const struct tt_frame_rules tun_68 =
	RULES(TUN, 0, 1, TT_MTU_MIN, LINUX_AF_INET, LINUX_AF_INET6);
const struct tt_frame_rules hdr_68 =
	RULES(TUN, 1, 1, TT_MTU_MIN, LINUX_AF_INET, LINUX_AF_INET6);
const struct tt_frame_rules tap_68 =
	RULES(TAP, 0, 1, TT_MTU_MIN, LINUX_AF_INET, LINUX_AF_INET6);
const struct tt_frame_rules tun_64k =
	RULES(TUN, 0, 1, TT_MTU_MAX, MACOS_AF_INET, MACOS_AF_INET6);
const struct tt_frame_rules hdr_64k =
	RULES(TUN, 1, 1, TT_MTU_MAX, MACOS_AF_INET, MACOS_AF_INET6);
const struct tt_frame_rules tap_64k =
	RULES(TAP, 0, 1, TT_MTU_MAX, MACOS_AF_INET, MACOS_AF_INET6);

const char *err_name(enum tt_err e)
{
	switch (e) {
	case TT_OK:
		return "TT_OK";
	case TT_EIO:
		return "TT_EIO";
	case TT_EINVAL:
		return "TT_EINVAL";
	case TT_EMSGSIZE:
		return "TT_EMSGSIZE";
	case TT_EAFNOSUPPORT:
		return "TT_EAFNOSUPPORT";
	}
	return "(not a tt_err)";
}

const char *proto_name(enum tt_proto p)
{
	switch (p) {
	case TT_PROTO_NONE:
		return "TT_PROTO_NONE";
	case TT_PROTO_IPV4:
		return "TT_PROTO_IPV4";
	case TT_PROTO_IPV6:
		return "TT_PROTO_IPV6";
	case TT_PROTO_ETHER:
		return "TT_PROTO_ETHER";
	}
	return "(not a tt_proto)";
}

/*
 * A write of len bytes on the heap, exactly len long: its first bytes
 * from prefix, the rest zero.  An empty write has no buffer at all (NULL):
 * nothing may be read from it.
 */
tt_u8 *make_buf(const tt_u8 *prefix, tt_size plen, tt_size len)
{
	tt_u8 *buf;

	if (len == 0)
		return NULL;
	buf = malloc(len);
	ck_assert_ptr_nonnull(buf);
	memset(buf, 0, len);
	memcpy(buf, prefix, len < plen ? len : plen);
	return buf;
}

/* ------------------------------------------------------------------ */
/* tt_frame_write_max                                                  */
/* ------------------------------------------------------------------ */

struct max_case {
	const char *name;
	const struct tt_frame_rules *rules;
	tt_size max;
};

static const struct max_case max_cases[] = {
	/* tun without TUNSIFHEAD takes at most the MTU. */
	{ "tun@1500", &tun_up, 1500 },
	/* tun with TUNSIFHEAD takes at most MTU + 4. */
	{ "tun+hdr@1500", &hdr_linux, 1504 },
	/* The longest write does not depend on the OS's AF values. */
	{ "tun+hdr@1500 macos", &hdr_macos, 1504 },
	/* tap takes at most MTU + 14. */
	{ "tap@1500", &tap_up, 1514 },
	/* TUNSIFHEAD does not change tap's limit: MTU + 14. */
	{ "tap+hdr@1500", &tap_hdr, 1514 },
	/* The limit does not depend on the interface being up (tun). */
	{ "tun down", &tun_down, 1500 },
	/* The limit does not depend on the interface being up (tun+hdr). */
	{ "tun+hdr down", &hdr_linux_down, 1504 },
	/* The limit does not depend on the interface being up (tap). */
	{ "tap down", &tap_down, 1514 },
	/* At the minimum MTU, tun takes 68. */
	{ "tun@68", &tun_68, 68 },
	/* At the minimum MTU, tun with TUNSIFHEAD takes 72. */
	{ "tun+hdr@68", &hdr_68, 72 },
	/* At the minimum MTU, tap takes 82. */
	{ "tap@68", &tap_68, 82 },
	/* At the maximum MTU, tun takes 65535. */
	{ "tun@65535", &tun_64k, 65535 },
	/* At the maximum MTU, tun with TUNSIFHEAD takes 65539. */
	{ "tun+hdr@65535", &hdr_64k, 65539 },
	/* At the maximum MTU, tap takes 65549. */
	{ "tap@65535", &tap_64k, 65549 },
};

/* Runs one row of max_cases. */
START_TEST(test_write_max)
{
	const struct max_case *c = &max_cases[_i];
	tt_size got = tt_frame_write_max(c->rules);

	ck_assert_msg(got == c->max, "%s: write_max %zu, want %zu", c->name,
		      (size_t)got, (size_t)c->max);
}
END_TEST

/* ------------------------------------------------------------------ */
/* tt_frame_check_len against tt_frame_check_write                     */
/* ------------------------------------------------------------------ */

static const struct tt_frame_rules *const len_rules[] = {
	&tun_up, &tun_down, &hdr_linux, &hdr_linux_down, &hdr_macos,
	&tap_up, &tap_down, &tap_hdr, &tun_68, &hdr_68, &tap_68,
	&tun_64k, &hdr_64k, &tap_64k,
};

/*
 * For every length from 0 to the longest write plus 3: tt_frame_check_len
 * says EIO when down, else EINVAL for 0, else EMSGSIZE beyond MTU plus
 * header (4 for tun with TUNSIFHEAD, 14 for tap), else TT_OK; and
 * tt_frame_check_write, given a valid packet of that length, refuses it
 * with the same code whenever check_len refuses, and never says EIO or
 * EMSGSIZE when check_len accepts.  _i indexes len_rules.
 */
START_TEST(test_check_len_agrees)
{
	const struct tt_frame_rules *r = len_rules[_i];
	tt_size hdr = r->kind == TT_KIND_TAP ? 14 : r->af_header ? 4 : 0;
	tt_size max = r->mtu + hdr;
	tt_size len;
	tt_u8 *buf;
	char name[64];

	snprintf(name, sizeof(name), "%s%s %s mtu %u",
		 r->kind == TT_KIND_TAP ? "tap" : "tun",
		 r->af_header ? "+hdr" : "", r->up ? "up" : "down",
		 (unsigned)r->mtu);

	/* One buffer, a valid IPv4 packet behind the header if any. */
	buf = malloc(max + 3);
	ck_assert_ptr_nonnull(buf);
	memset(buf, 0, max + 3);
	if (r->kind == TT_KIND_TUN && r->af_header) {
		const tt_u8 af[] = { AF(r->af_inet) };

		memcpy(buf, af, sizeof(af));
	}
	if (r->kind == TT_KIND_TUN)
		buf[hdr] = V4;

	for (len = 0; len <= max + 3; len++) {
		struct tt_frame_info info;
		enum tt_err want, cl, cw;

		if (!r->up)
			want = TT_EIO;
		else if (len == 0)
			want = TT_EINVAL;
		else if (len > max)
			want = TT_EMSGSIZE;
		else
			want = TT_OK;
		cl = tt_frame_check_len(r, len);
		cw = tt_frame_check_write(r, buf, len, &info);
		/* Assert only on failure: Check records every passed assert. */
		if (cl != want)
			ck_abort_msg("%s, len %zu: check_len %s, want %s",
				     name, (size_t)len, err_name(cl),
				     err_name(want));
		if (cl != TT_OK && cw != cl)
			ck_abort_msg("%s, len %zu: check_write %s, "
				     "check_len %s", name, (size_t)len,
				     err_name(cw), err_name(cl));
		if (cl == TT_OK && (cw == TT_EIO || cw == TT_EMSGSIZE))
			ck_abort_msg("%s, len %zu: check_len OK, "
				     "check_write %s", name, (size_t)len,
				     err_name(cw));
	}
	free(buf);
}
END_TEST

/*
 * The length checks need no content: a down interface refuses any length
 * with EIO, an empty write is EINVAL and an overlong one EMSGSIZE, without
 * reading the buffer (here NULL, which would crash if read).
 */
START_TEST(test_length_verdicts_read_nothing)
{
	struct tt_frame_info info;
	const tt_size huge = (tt_size)-1;

	ck_assert(tt_frame_check_write(&tun_down, NULL, 0, &info) == TT_EIO);
	ck_assert(tt_frame_check_write(&tun_down, NULL, 20, &info) == TT_EIO);
	ck_assert(tt_frame_check_write(&hdr_linux_down, NULL, 2, &info) ==
		  TT_EIO);
	ck_assert(tt_frame_check_write(&tap_down, NULL, 100000, &info) ==
		  TT_EIO);
	ck_assert(tt_frame_check_write(&tun_up, NULL, 0, &info) == TT_EINVAL);
	ck_assert(tt_frame_check_write(&hdr_macos, NULL, 0, &info) ==
		  TT_EINVAL);
	ck_assert(tt_frame_check_write(&tap_up, NULL, 0, &info) == TT_EINVAL);
	ck_assert(tt_frame_check_write(&tun_up, NULL, 1501, &info) ==
		  TT_EMSGSIZE);
	ck_assert(tt_frame_check_write(&hdr_linux, NULL, 1505, &info) ==
		  TT_EMSGSIZE);
	ck_assert(tt_frame_check_write(&tap_up, NULL, 1515, &info) ==
		  TT_EMSGSIZE);
	ck_assert(tt_frame_check_write(&tap_64k, NULL, huge, &info) ==
		  TT_EMSGSIZE);
}
END_TEST

/* The largest length a caller can pass is too long, not wrapped around;
 * and down still comes first for it. */
START_TEST(test_check_len_extremes)
{
	const tt_size huge = (tt_size)-1;

	ck_assert(tt_frame_check_len(&tun_up, huge) == TT_EMSGSIZE);
	ck_assert(tt_frame_check_len(&hdr_64k, huge) == TT_EMSGSIZE);
	ck_assert(tt_frame_check_len(&tap_64k, huge) == TT_EMSGSIZE);
	ck_assert(tt_frame_check_len(&tap_64k, huge - 13) == TT_EMSGSIZE);
	ck_assert(tt_frame_check_len(&tun_down, huge) == TT_EIO);
	ck_assert(tt_frame_check_len(&tap_down, 0) == TT_EIO);
}
END_TEST

/* ------------------------------------------------------------------ */
/* tt_frame_read_hdr                                                   */
/* ------------------------------------------------------------------ */

struct read_case {
	const char *name;
	const struct tt_frame_rules *rules;
	enum tt_proto proto;
	int ret;
	tt_u8 hdr[TT_AF_HDR_LEN];	/* checked when ret is 4 */
};

static const struct read_case read_cases[] = {
	/* Without TUNSIFHEAD no header is due: 0 for IPv4. */
	{ "tun, IPv4", &tun_up, TT_PROTO_IPV4, 0, { 0 } },
	/* Without TUNSIFHEAD no header is due: 0 for IPv6. */
	{ "tun, IPv6", &tun_up, TT_PROTO_IPV6, 0, { 0 } },
	/* Without TUNSIFHEAD no header is due, whatever the packet: 0 even
	 * for TT_PROTO_NONE. */
	{ "tun, NONE", &tun_up, TT_PROTO_NONE, 0, { 0 } },
	/* tap reads carry no AF header: 0 for an Ethernet frame. */
	{ "tap, ETHER", &tap_up, TT_PROTO_ETHER, 0, { 0 } },
	/* tap reads carry no AF header even with TUNSIFHEAD set: 0. */
	{ "tap+hdr, ETHER", &tap_hdr, TT_PROTO_ETHER, 0, { 0 } },
	/* tap reads carry no AF header even with TUNSIFHEAD set, whatever
	 * proto is asked: 0 for IPv4. */
	{ "tap+hdr, IPv4", &tap_hdr, TT_PROTO_IPV4, 0, { 0 } },
	/* tap with TUNSIFHEAD: 0 for TT_PROTO_NONE too, nothing dropped. */
	{ "tap+hdr, NONE", &tap_hdr, TT_PROTO_NONE, 0, { 0 } },
	/* With TUNSIFHEAD, an IPv4 packet is read behind AF_INET as 4 bytes
	 * in network order (Linux: 00 00 00 02). */
	{ "linux hdr, IPv4", &hdr_linux, TT_PROTO_IPV4, 4, { AF(2) } },
	/* With TUNSIFHEAD, an IPv6 packet is read behind AF_INET6 in network
	 * order (Linux: 00 00 00 0a). */
	{ "linux hdr, IPv6", &hdr_linux, TT_PROTO_IPV6, 4, { AF(10) } },
	/* With TUNSIFHEAD, IPv4 is read behind AF_INET (Mac OS X:
	 * 00 00 00 02). */
	{ "macos hdr, IPv4", &hdr_macos, TT_PROTO_IPV4, 4, { AF(2) } },
	/* With TUNSIFHEAD, IPv6 is read behind AF_INET6 (Mac OS X:
	 * 00 00 00 1e). */
	{ "macos hdr, IPv6", &hdr_macos, TT_PROTO_IPV6, 4, { AF(30) } },
	/* With TUNSIFHEAD, IPv6 is read behind AF_INET6 (FreeBSD:
	 * 00 00 00 1c). */
	{ "freebsd hdr, IPv6", &hdr_freebsd, TT_PROTO_IPV6, 4, { AF(28) } },
	/* The AF header is written most significant byte first: 0x11223344
	 * as 11 22 33 44. */
	{ "odd hdr, IPv4", &hdr_odd, TT_PROTO_IPV4, 4,
	  { 0x11, 0x22, 0x33, 0x44 } },
	/* The AF header is written most significant byte first: 0x55667788
	 * as 55 66 77 88. */
	{ "odd hdr, IPv6", &hdr_odd, TT_PROTO_IPV6, 4,
	  { 0x55, 0x66, 0x77, 0x88 } },
	/* With TUNSIFHEAD, a packet that is neither IPv4 nor IPv6 cannot be
	 * framed: -1 for TT_PROTO_NONE (Linux). */
	{ "linux hdr, NONE", &hdr_linux, TT_PROTO_NONE, -1, { 0 } },
	/* With TUNSIFHEAD, -1 for TT_PROTO_ETHER (Linux). */
	{ "linux hdr, ETHER", &hdr_linux, TT_PROTO_ETHER, -1, { 0 } },
	/* With TUNSIFHEAD, -1 for TT_PROTO_NONE (Mac OS X). */
	{ "macos hdr, NONE", &hdr_macos, TT_PROTO_NONE, -1, { 0 } },
	/* With TUNSIFHEAD, -1 for TT_PROTO_ETHER (Mac OS X). */
	{ "macos hdr, ETHER", &hdr_macos, TT_PROTO_ETHER, -1, { 0 } },
};

/* Runs one row of read_cases. */
START_TEST(test_read_hdr)
{
	const struct read_case *c = &read_cases[_i];
	tt_u8 hdr[TT_AF_HDR_LEN];
	int ret;

	/* A sentinel, so that every one of the four bytes must be written. */
	memset(hdr, 0xa5, sizeof(hdr));
	ret = tt_frame_read_hdr(c->rules, c->proto, hdr);
	ck_assert_msg(ret == c->ret, "%s: returned %d, want %d", c->name, ret,
		      c->ret);
	if (ret != TT_AF_HDR_LEN)
		return;
	ck_assert_msg(memcmp(hdr, c->hdr, TT_AF_HDR_LEN) == 0,
		      "%s: header %02x %02x %02x %02x, want %02x %02x %02x "
		      "%02x", c->name, hdr[0], hdr[1], hdr[2], hdr[3],
		      c->hdr[0], c->hdr[1], c->hdr[2], c->hdr[3]);
}
END_TEST

/*
 * What a read is framed with is accepted back by a write under the same
 * rules: the AF header read_hdr gives a packet, in front of that packet,
 * is a valid write with hdr_len 4 and the same proto.  For Linux, Mac OS X,
 * FreeBSD and odd AF values, IPv4 and IPv6.
 */
START_TEST(test_read_hdr_round_trip)
{
	static const struct tt_frame_rules *const rules[] = {
		&hdr_linux, &hdr_macos, &hdr_freebsd, &hdr_odd, &hdr_68,
		&hdr_64k,
	};
	static const enum tt_proto protos[] = {
		TT_PROTO_IPV4, TT_PROTO_IPV6,
	};
	size_t i, j;

	for (i = 0; i < N_ELEMS(rules); i++) {
		for (j = 0; j < N_ELEMS(protos); j++) {
			tt_u8 frame[4 + 40];
			struct tt_frame_info info;
			enum tt_err err;
			int n;

			memset(frame, 0, sizeof(frame));
			n = tt_frame_read_hdr(rules[i], protos[j], frame);
			ck_assert_int_eq(n, TT_AF_HDR_LEN);
			frame[n] = protos[j] == TT_PROTO_IPV4 ? V4 : V6;
			err = tt_frame_check_write(rules[i], frame,
						   sizeof(frame), &info);
			ck_assert_msg(err == TT_OK, "rules %zu, %s: write "
				      "back got %s", i, proto_name(protos[j]),
				      err_name(err));
			ck_assert_int_eq(info.hdr_len, TT_AF_HDR_LEN);
			ck_assert_int_eq(info.proto, protos[j]);
		}
	}
}
END_TEST

/* ------------------------------------------------------------------ */
/* tt_frame_ip_proto                                                   */
/* ------------------------------------------------------------------ */

struct ip_case {
	const char *name;
	tt_u8 first;		/* the first byte; the rest are zero */
	tt_size len;
	enum tt_proto proto;
};

static const struct ip_case ip_cases[] = {
	/* A zero-length packet is nothing, even over bytes that would make
	 * an IPv4 header. */
	{ "len 0 over 0x45", V4, 0, TT_PROTO_NONE },
	/* A zero-length packet is nothing, even over bytes that would make
	 * an IPv6 header. */
	{ "len 0 over 0x60", V6, 0, TT_PROTO_NONE },
	/* One byte of IPv4 is not an IPv4 header. */
	{ "0x45 len 1", V4, 1, TT_PROTO_NONE },
	/* One byte of IPv6 is not an IPv6 header. */
	{ "0x60 len 1", V6, 1, TT_PROTO_NONE },
	/* IPv4 needs at least 20 bytes: 19 is nothing. */
	{ "0x45 len 19", V4, 19, TT_PROTO_NONE },
	/* IPv4 with IHL 5 in 20 bytes is IPv4. */
	{ "0x45 len 20", V4, 20, TT_PROTO_IPV4 },
	/* IPv4 with IHL 5 in 65535 bytes is IPv4. */
	{ "0x45 len 65535", V4, 65535, TT_PROTO_IPV4 },
	/* IPv4 with IHL 0 is nothing. */
	{ "0x40 len 20", 0x40, 20, TT_PROTO_NONE },
	/* IPv4 with IHL 4 is nothing. */
	{ "0x44 len 60", 0x44, 60, TT_PROTO_NONE },
	/* IPv4 with IHL 6 needs 24 bytes: 23 is nothing. */
	{ "0x46 len 23", 0x46, 23, TT_PROTO_NONE },
	/* IPv4 with IHL 6 in 24 bytes is IPv4. */
	{ "0x46 len 24", 0x46, 24, TT_PROTO_IPV4 },
	/* IPv4 with IHL 15 needs 60 bytes: 59 is nothing. */
	{ "0x4f len 59", 0x4f, 59, TT_PROTO_NONE },
	/* IPv4 with IHL 15 in 60 bytes is IPv4. */
	{ "0x4f len 60", 0x4f, 60, TT_PROTO_IPV4 },
	/* IPv6 needs 40 bytes: 39 is nothing. */
	{ "0x60 len 39", V6, 39, TT_PROTO_NONE },
	/* IPv6 in 40 bytes is IPv6. */
	{ "0x60 len 40", V6, 40, TT_PROTO_IPV6 },
	/* IPv6's low nibble is traffic class: 0x6f in 40 bytes is IPv6. */
	{ "0x6f len 40", 0x6f, 40, TT_PROTO_IPV6 },
	/* IPv6 in 65535 bytes is IPv6. */
	{ "0x60 len 65535", V6, 65535, TT_PROTO_IPV6 },
	/* Version 0 is nothing, however long. */
	{ "0x00 len 60", 0x00, 60, TT_PROTO_NONE },
	/* Version 15 is nothing, however long. */
	{ "0xff len 60", 0xff, 60, TT_PROTO_NONE },
};

/* Runs one row of ip_cases. */
START_TEST(test_ip_proto)
{
	const struct ip_case *c = &ip_cases[_i];
	tt_u8 *buf;
	enum tt_proto got;

	/* For len 0 the first byte still exists, one byte, unreadable as a
	 * packet; otherwise exactly len bytes. */
	buf = make_buf(&c->first, 1, c->len ? c->len : 1);
	got = tt_frame_ip_proto(buf, c->len);
	free(buf);
	ck_assert_msg(got == c->proto, "%s: %s, want %s", c->name,
		      proto_name(got), proto_name(c->proto));
}
END_TEST

/* A zero-length packet is nothing, and its buffer is not read (NULL). */
START_TEST(test_ip_proto_null_empty)
{
	ck_assert(tt_frame_ip_proto(NULL, 0) == TT_PROTO_NONE);
}
END_TEST

/* ------------------------------------------------------------------ */

/* Readiness (tt_ready.h): one row, one rule. */
static const struct ready_case {
	const char *name;
	int up, queued;
	unsigned int ready;
} ready_cases[] = {
	/* Up with a packet queued: readable and writable. */
	{ "up, queued", 1, 1, TT_READY_READ | TT_READY_WRITE },
	/* Up and empty: writable only. */
	{ "up, empty", 1, 0, TT_READY_WRITE },
	/* Down: nothing, whatever the queue holds (a read would be EIO). */
	{ "down, queued", 0, 1, 0 },
	{ "down, empty", 0, 0, 0 },
};

/* Runs one row of ready_cases. */
START_TEST(test_ready)
{
	const struct ready_case *c = &ready_cases[_i];

	ck_assert_msg(tt_ready(c->up, c->queued) == c->ready, "%s: %#x, want "
		      "%#x", c->name, tt_ready(c->up, c->queued), c->ready);
}
END_TEST

/* ------------------------------------------------------------------ */

Suite *make_frame_suite(void)
{
	Suite *s = suite_create("tt_frame");
	TCase *tc;

	tc = tcase_create("check_write");
	tt_frame_test_add_write(tc);
	tcase_add_test(tc, test_length_verdicts_read_nothing);
	suite_add_tcase(s, tc);

	tc = tcase_create("lengths");
	tcase_add_loop_test(tc, test_write_max, 0, N_ELEMS(max_cases));
	tcase_add_loop_test(tc, test_check_len_agrees, 0, N_ELEMS(len_rules));
	tcase_add_test(tc, test_check_len_extremes);
	suite_add_tcase(s, tc);

	tc = tcase_create("read_hdr");
	tcase_add_loop_test(tc, test_read_hdr, 0, N_ELEMS(read_cases));
	tcase_add_test(tc, test_read_hdr_round_trip);
	suite_add_tcase(s, tc);

	tc = tcase_create("ip_proto");
	tcase_add_loop_test(tc, test_ip_proto, 0, N_ELEMS(ip_cases));
	tcase_add_test(tc, test_ip_proto_null_empty);
	suite_add_tcase(s, tc);

	tc = tcase_create("ready");
	tcase_add_loop_test(tc, test_ready, 0, N_ELEMS(ready_cases));
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(make_frame_suite());
	int failed;

	/* Check itself honours CK_TAP_LOG_FILE_NAME, CK_XML_LOG_FILE_NAME,
	 * CK_LOG_FILE_NAME, CK_FORK, CK_RUN_SUITE and CK_RUN_CASE. */
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
