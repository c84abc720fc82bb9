/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tt_run.h: the runner's own interface (tt_run.c, tt_report.c,
 * tt_main.c); tests never include it.
 */
#ifndef TT_RUN_H
#define TT_RUN_H

#include "tt_test.h"

enum tt_verdict { TT_PASS, TT_DIFF, TT_SKIP, TT_FAIL, TT_NVERDICTS };
extern const char *const tt_verdict_name[];

/* One run of one test (one variant of a loop test). */
struct tt_entry {
	const char *suite, *tcase, *test;
	char id[128];			/* test or test/variant name */
	enum tt_verdict want;		/* from the expect file */
	const char *want_text;
	const char *want_file;
	int want_line;
	int run;			/* handed to Check (-1: filtered out) */
	int got, passed;		/* Check's result */
	char msg[2048];
	enum tt_verdict verdict;
	char detail[2400];
};

extern struct tt_entry *tt_entries;
extern size_t tt_nentries;

/* Load an expect file; called again, the later file's lines win. */
int tt_run_load_expect(const char *path);
/* The suite the next registrations belong to; listing: register only. */
void tt_run_suite(const char *name, int listing);
/* Match results to entries, judge, print one line each; the failures. */
int tt_run_collect(SRunner *sr, int counts[TT_NVERDICTS]);
void tt_run_list_tests(void);

/* tt_report.c: the verdicts as TAP (with SKIP and TODO directives) and
 * as JUnit XML; 0 or -1. */
int tt_report_tap(const char *path);
int tt_report_junit(const char *path, const char *target);

#endif /* TT_RUN_H */
