// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_report.c: the verdicts of a run as files.
 *
 * TAP: "ok N - suite:test/variant" for a pass, "# SKIP reason" for a
 * skip, "not ok ... # TODO expected difference: message" for a result
 * the target's table expects (TAP consumers count neither as a
 * failure), "not ok N - id: why" for a failure.  harness/report.sh reads
 * these lines to draw the matrix.
 * JUnit XML: one <testsuite> per suite, skips as <skipped>, expected
 * differences as passes with the difference in <system-out>.
 */
#include <stdio.h>

#include "tt_run.h"

/* The entries that are part of this run. */
#define TT_FOR_ENTRIES(e)                                                   \
	for (e = tt_entries; e < tt_entries + tt_nentries; e++)             \
		if (e->run >= 0)

/*
 * A message on one TAP line: its first line, no "#" to start a
 * directive.  With diag, its further lines (a packet's hex dump) follow
 * as TAP diagnostics, "# " each; without, they are left out.
 */
static void tt_tap_text(FILE *f, const char *s, int diag)
{
	for (; *s && *s != '\n'; s++)
		fputc(*s == '#' ? '%' : *s, f);
	for (; diag && *s; s++) {
		if (*s == '\n')
			fputs("\n# ", f);
		else
			fputc(*s, f);
	}
}

int tt_report_tap(const char *path)
{
	const struct tt_entry *e;
	FILE *f = fopen(path, "we");
	int n = 0;

	if (!f)
		return -1;
	fprintf(f, "TAP version 13\n");
	TT_FOR_ENTRIES(e) {
		fprintf(f, "%s %d - %s:%s", e->verdict == TT_PASS ||
			e->verdict == TT_SKIP ? "ok" : "not ok", ++n, e->suite,
			e->id);
		if (e->verdict == TT_SKIP)
			fprintf(f, " # SKIP ");
		else if (e->verdict == TT_DIFF)
			fprintf(f, " # TODO expected difference: ");
		else if (e->verdict == TT_FAIL)
			fprintf(f, ": ");
		if (e->verdict != TT_PASS)
			tt_tap_text(f, e->detail, e->verdict == TT_FAIL);
		fputc('\n', f);
	}
	fprintf(f, "1..%d\n", n);
	return fclose(f) == 0 ? 0 : -1;
}

static void tt_xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\n')
				fputc(*s, f);
		}
	}
}

static void tt_junit_suite(FILE *f, const char *suite, const char *target)
{
	const struct tt_entry *e;
	int n[TT_NVERDICTS] = { 0 }, total = 0;

	TT_FOR_ENTRIES(e)
		if (strcmp(e->suite, suite) == 0) {
			n[e->verdict]++;
			total++;
		}
	fprintf(f, "  <testsuite name=\"%s.%s\" tests=\"%d\" failures=\"%d\" "
		"skipped=\"%d\">\n", target, suite, total, n[TT_FAIL],
		n[TT_SKIP]);
	TT_FOR_ENTRIES(e) {
		if (strcmp(e->suite, suite) != 0)
			continue;
		fprintf(f, "    <testcase classname=\"%s.%s\" name=\"%s\"",
			target, suite, e->id);
		if (e->verdict == TT_PASS) {
			fprintf(f, "/>\n");
			continue;
		}
		fprintf(f, ">\n      <%s", e->verdict == TT_SKIP ? "skipped "
			"message=\"" : e->verdict == TT_FAIL ? "failure "
			"message=\"" : "system-out>expected difference: ");
		tt_xml_text(f, e->detail);
		fprintf(f, "%s\n    </testcase>\n", e->verdict == TT_DIFF ?
			"</system-out>" : "\"/>");
	}
	fprintf(f, "  </testsuite>\n");
}

int tt_report_junit(const char *path, const char *target)
{
	const struct tt_entry *e, *p;
	FILE *f = fopen(path, "we");

	if (!f)
		return -1;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"tt-conformance %s\">\n", target);
	TT_FOR_ENTRIES(e) {
		/* each suite once, where its first entry is */
		for (p = tt_entries; p < e; p++)
			if (p->run >= 0 && strcmp(p->suite, e->suite) == 0)
				break;
		if (p == e)
			tt_junit_suite(f, e->suite, target);
	}
	fprintf(f, "</testsuites>\n");
	return fclose(f) == 0 ? 0 : -1;
}
