// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_dump.c: packet comparisons that say what differs.
 *
 * A failed memcmp says only "corrupt"; whoever reads the report needs
 * the bytes.  tt_pkt_expect fails the test with a message whose first
 * line is the summary (the TAP line, and what an expect file's
 * "differs TEXT" is matched against) and whose further lines are a hex
 * dump of expected against got around the first differing offset,
 * marked with ^^.  The runner prints those lines under the failure, the
 * TAP report carries them as "#" diagnostics, harness/report.sh shows
 * them with the clause of the test.
 *
 * TT_CORRUPT_EXPECTED=1 in the environment flips one byte of what a
 * comparison expects, so that a test can be made to fail on purpose
 * (tt-conformance --selftest-fail, `make check-report`).
 */
#include <stdio.h>
#include <stdlib.h>

#include "tt_test.h"

#define TT_DUMP_ROW 16
#define TT_DUMP_ROWS 2		/* rows shown either side of the difference */

/* One row of a dump: "  TAG  OFFS: xx xx ..", blanks where p has no byte
 * (p covers [base, base + len) of the packet). */
static size_t tt_dump_row(char *out, size_t size, const char *tag,
			  const uint8_t *p, size_t base, size_t len, size_t at)
{
	size_t n, i;

	n = (size_t)snprintf(out, size, "\n  %-8s %04zx:", tag, at);
	for (i = at; i < at + TT_DUMP_ROW && n < size; i++) {
		if (i >= base && i < base + len)
			n += (size_t)snprintf(out + n, size - n, " %02x",
					      p[i - base]);
		else
			n += (size_t)snprintf(out + n, size - n, "   ");
	}
	if (n >= size)
		return size;
	while (out[n - 1] == ' ')	/* no trailing blanks */
		out[--n] = '\0';
	return n;
}

size_t tt_dump_hex(char *out, size_t size, const char *tag, const void *p,
		   size_t len, size_t max)
{
	size_t n = 0, at;

	if (size)
		out[0] = '\0';
	for (at = 0; at < len && at < max && n + 1 < size; at += TT_DUMP_ROW)
		n += tt_dump_row(out + n, size - n, tag, p, 0,
				 len < max ? len : max, at);
	if (len > max && n + 1 < size)
		n += (size_t)snprintf(out + n, size - n, "\n  %-8s (%zu more "
				      "bytes)", "", len - max);
	return n < size ? n : size;
}

/*
 * The dump of got (the whole packet) against want (expected at offset
 * off of it) from TT_DUMP_ROWS rows before the row of offset diff to as
 * many after, with ^^ under the differing byte.
 */
static void tt_dump_diff(char *out, size_t size, const uint8_t *got,
			 size_t gotlen, size_t off, const uint8_t *want,
			 size_t wantlen, size_t diff)
{
	size_t row = diff - diff % TT_DUMP_ROW, end, at, n = 0;
	size_t first = row > TT_DUMP_ROWS * TT_DUMP_ROW ?
		       row - TT_DUMP_ROWS * TT_DUMP_ROW : 0;

	end = row + (TT_DUMP_ROWS + 1) * TT_DUMP_ROW;
	for (at = first; at < end && n + 1 < size; at += TT_DUMP_ROW) {
		if (at >= gotlen && at >= off + wantlen)
			break;
		/* expected only where it has bytes (a payload at off) */
		if (at + TT_DUMP_ROW > off && at < off + wantlen)
			n += tt_dump_row(out + n, size - n, "expected", want,
					 off, wantlen, at);
		n += tt_dump_row(out + n, size - n, "got", got, 0, gotlen, at);
		if (at == row && n + 1 < size)
			n += (size_t)snprintf(out + n, size - n, "\n  %-8s "
					      "%4s %*s^^", "", "",
					      (int)(3 * (diff - row)), "");
	}
}

void tt_pkt_expect_at(const void *got, size_t gotlen, size_t off,
		      const void *want, size_t wantlen, int exact,
		      const char *what)
{
	const uint8_t *g = got;
	uint8_t w[TT_PKT_MAX];
	char dump[1536], head[256];
	const char *why = "";
	size_t i, end = off + wantlen;

	ck_assert_msg(wantlen <= sizeof(w), "%s: %zu bytes expected, more "
		      "than a packet", what, wantlen);
	memcpy(w, want, wantlen);
	if (wantlen && getenv("TT_CORRUPT_EXPECTED")) {
		w[wantlen / 2] ^= 0x01;
		why = "; TT_CORRUPT_EXPECTED corrupted it on purpose";
	}
	for (i = off; i < end && i < gotlen; i++)
		if (g[i] != w[i - off])
			break;
	if (i == end && (!exact || gotlen == end))
		return;
	if (i < end && i < gotlen)
		snprintf(head, sizeof(head), "%s differs at offset %zu (0x%zx):"
			 " expected %02x, got %02x (%zu bytes expected at offset "
			 "%zu of %zu%s)", what, i, i, w[i - off], g[i], wantlen,
			 off, gotlen, why);
	else
		snprintf(head, sizeof(head), "%s: %zu bytes expected, got %zu; "
			 "the first %zu equal%s", what, exact ? end : wantlen,
			 exact ? gotlen : gotlen > off ? gotlen - off : 0,
			 i - off, why);
	tt_dump_diff(dump, sizeof(dump), g, gotlen, off, w, wantlen, i);
	ck_abort_msg("%s%s", head, dump);
}

void tt_pkt_expect(const void *got, size_t gotlen, const void *want,
		   size_t wantlen, const char *what)
{
	tt_pkt_expect_at(got, gotlen, 0, want, wantlen, 1, what);
}
