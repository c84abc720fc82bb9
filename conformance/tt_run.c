// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_run.c: the registry of tests and the target's expectations.
 *
 * Every test a suite adds comes here (tt_test_add, tt_test_add_variants
 * in tt_test.h), one entry per run: "test" or, for a test with variants,
 * "test/NAME" for each name the test gives (e.g. test/tun, test/tap).
 * The expect file of the target says, per entry, what the result must
 * be:
 *
 *   # comment
 *   KEY  pass
 *   KEY  differs TEXT     the test fails, with TEXT in its message
 *   KEY  skip REASON      not run; printed and counted as skipped
 *
 * KEY is test/variant, test, or suite:NAME, looked up in that order in
 * each file, the last file loaded (an --overlay) first;
 * whatever no line names must pass.  A result that is not what its line
 * says fails the run: a difference that went away fails too (the table
 * would lie about the target).  A text file, read at run time, so that
 * whoever runs the suite on a Mac or a BSD box can correct the table
 * there without a compiler, and so that the report can quote it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tt_run.h"

struct tt_expect {
	char *file;
	char *key;
	enum tt_verdict want;	/* TT_PASS, TT_DIFF or TT_SKIP */
	char *text;		/* TT_DIFF: in the message; TT_SKIP: why */
	int line;
};

static struct tt_expect *tt_exp;
static size_t tt_nexp;
static const char *tt_files[8];		/* in the order loaded */
static size_t tt_nfiles;

struct tt_entry *tt_entries;
size_t tt_nentries;

static const char *tt_cur_suite = "";
static int tt_listing;

static struct {
	TCase *tc;
	const char *name;
} tt_tcases[256];
static size_t tt_ntcases;

static void *tt_xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		perror("tt-conformance");
		exit(2);
	}
	return p;
}

static char *tt_xstrdup(const char *s)
{
	return strcpy(tt_xrealloc(NULL, strlen(s) + 1), s);
}

/* "  word rest  " -> word, and *rest the rest trimmed; NULL if empty */
static char *tt_word(char *s, char **rest)
{
	char *w, *e;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return NULL;
	w = s;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	if (*s)
		*s++ = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
		*--e = '\0';
	*rest = s;
	return w;
}

int tt_run_load_expect(const char *path)
{
	char line[512], *key, *verb, *rest;
	FILE *f = fopen(path, "re");
	int n = 0;

	if (!f) {
		fprintf(stderr, "tt-conformance: %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	if (tt_nfiles == sizeof(tt_files) / sizeof(tt_files[0])) {
		fprintf(stderr, "tt-conformance: too many expect files\n");
		fclose(f);
		return -1;
	}
	path = tt_xstrdup(path);
	tt_files[tt_nfiles++] = path;
	while (fgets(line, sizeof(line), f)) {
		struct tt_expect e = { .line = ++n };

		line[strcspn(line, "#\n")] = '\0';
		key = tt_word(line, &rest);
		if (!key)
			continue;
		verb = tt_word(rest, &rest);
		if (verb && strcmp(verb, "pass") == 0 && !*rest)
			e.want = TT_PASS;
		else if (verb && strcmp(verb, "differs") == 0 && *rest)
			e.want = TT_DIFF;
		else if (verb && strcmp(verb, "skip") == 0 && *rest)
			e.want = TT_SKIP;
		else {
			fprintf(stderr, "%s:%d: expected \"KEY pass\", \"KEY "
				"differs TEXT\" or \"KEY skip REASON\"\n",
				path, n);
			fclose(f);
			return -1;
		}
		e.file = (char *)path;
		e.key = tt_xstrdup(key);
		e.text = tt_xstrdup(rest);
		tt_exp = tt_xrealloc(tt_exp, (tt_nexp + 1) * sizeof(*tt_exp));
		tt_exp[tt_nexp++] = e;
	}
	fclose(f);
	return 0;
}

/* The line of one file for key, or NULL. */
static const struct tt_expect *tt_lookup(const char *file, const char *key)
{
	size_t i;

	for (i = 0; i < tt_nexp; i++)
		if (tt_exp[i].file == file && strcmp(tt_exp[i].key, key) == 0)
			return &tt_exp[i];
	return NULL;
}

/* The last file loaded wins (an overlay beats the target's file); in a
 * file, test/variant beats test beats suite:NAME. */
static const struct tt_expect *tt_expect_for(const struct tt_entry *e)
{
	static const struct tt_expect pass = { "", "", TT_PASS, "", 0 };
	const struct tt_expect *x = NULL;
	char key[128];
	size_t f;

	snprintf(key, sizeof(key), "suite:%s", e->suite);
	for (f = tt_nfiles; f-- > 0 && !x;) {
		x = tt_lookup(tt_files[f], e->id);
		if (!x)
			x = tt_lookup(tt_files[f], e->test);
		if (!x)
			x = tt_lookup(tt_files[f], key);
	}
	return x ? x : &pass;
}

void tt_run_suite(const char *name, int listing)
{
	tt_cur_suite = name;
	tt_listing = listing;
}

TCase *tt_tcase_create(const char *name)
{
	TCase *tc = tcase_create(name);

	/* a target booted per test (darwin-sim) boots in the test's process */
	tcase_add_checked_fixture(tc, tt_target_test_setup,
				  tt_target_test_teardown);

	if (tt_ntcases == sizeof(tt_tcases) / sizeof(tt_tcases[0])) {
		fprintf(stderr, "tt-conformance: too many test cases\n");
		exit(2);
	}
	tt_tcases[tt_ntcases].tc = tc;
	tt_tcases[tt_ntcases++].name = name;
	return tc;
}

static const char *tt_tcase_name(TCase *tc)
{
	size_t i;

	for (i = 0; i < tt_ntcases; i++)
		if (tt_tcases[i].tc == tc)
			return tt_tcases[i].name;
	fprintf(stderr, "tt-conformance: a TCase not made by tcase_create\n");
	exit(2);
}

/* One entry per variant (one for a test without), each run with _i its
 * variant's index: Check's loop test over [i, i + 1). */
void tt_tcase_add(TCase *tc, const TTest *tf, const char *const *variants)
{
	const struct tt_expect *x;
	struct tt_entry *e;
	int i;

	for (i = 0; variants ? variants[i] != NULL : i < 1; i++) {
		tt_entries = tt_xrealloc(tt_entries, (tt_nentries + 1) *
					 sizeof(*tt_entries));
		e = &tt_entries[tt_nentries++];
		memset(e, 0, sizeof(*e));
		e->suite = tt_cur_suite;
		e->tcase = tt_tcase_name(tc);
		e->test = tf->name;
		if (!variants)
			snprintf(e->id, sizeof(e->id), "%s", tf->name);
		else
			snprintf(e->id, sizeof(e->id), "%s/%s", tf->name,
				 variants[i]);
		x = tt_expect_for(e);
		e->want = x->want;
		e->want_text = x->text;
		e->want_file = x->file;
		e->want_line = x->line;
		if (tt_listing || x->want == TT_SKIP)
			continue;
		e->run = 1;
		_tcase_add_test(tc, tf, 0, 0, i, i + 1);
	}
}

/* Each result to the next entry of its test case that waits for one:
 * Check runs a test case's tests in the order they were added. */
static void tt_run_match(SRunner *sr)
{
	TestResult **res = srunner_results(sr);
	int n = srunner_ntests_run(sr), i;
	size_t j;

	for (i = 0; i < n; i++) {
		const char *tc = tr_tcname(res[i]);

		for (j = 0; j < tt_nentries; j++) {
			struct tt_entry *e = &tt_entries[j];

			if (e->run && !e->got && strcmp(e->tcase, tc) == 0) {
				e->got = 1;
				e->passed = tr_rtype(res[i]) == CK_PASS;
				snprintf(e->msg, sizeof(e->msg), "%s",
					 tr_msg(res[i]));
				break;
			}
		}
	}
	free(res);
}

static void tt_judge(struct tt_entry *e)
{
	if (e->want == TT_SKIP) {
		e->verdict = TT_SKIP;
		snprintf(e->detail, sizeof(e->detail), "%s", e->want_text);
	} else if (!e->got) {
		e->verdict = TT_FAIL;
		snprintf(e->detail, sizeof(e->detail), "no result");
	} else if (e->want == TT_PASS) {
		e->verdict = e->passed ? TT_PASS : TT_FAIL;
		snprintf(e->detail, sizeof(e->detail), "%s", e->msg);
	} else if (!e->passed && strstr(e->msg, e->want_text)) {
		e->verdict = TT_DIFF;
		snprintf(e->detail, sizeof(e->detail), "%s", e->msg);
	} else {
		/* the why on the first line, a packet's dump after it */
		const char *m = e->passed ? "passed" : e->msg;
		int l = (int)strcspn(m, "\n");

		e->verdict = TT_FAIL;
		snprintf(e->detail, sizeof(e->detail),
			 "%.*s, but %s:%d expects a failure with \"%s\"%s",
			 l, m, e->want_file, e->want_line, e->want_text,
			 m + l);
	}
}

const char *const tt_verdict_name[] = { "PASS", "DIFF", "SKIP", "FAIL" };

int tt_run_collect(SRunner *sr, int counts[TT_NVERDICTS])
{
	size_t i;

	tt_run_match(sr);
	memset(counts, 0, TT_NVERDICTS * sizeof(counts[0]));
	for (i = 0; i < tt_nentries; i++) {
		struct tt_entry *e = &tt_entries[i];

		/* CK_RUN_SUITE / CK_RUN_CASE left it out: not part of it */
		if (e->run && !e->got && (getenv("CK_RUN_CASE") ||
					  getenv("CK_RUN_SUITE"))) {
			e->run = -1;
			continue;
		}
		tt_judge(e);
		counts[e->verdict]++;
		/* a failure with its dump; anything else on one line */
		printf("%s %s:%s%s%.*s\n", tt_verdict_name[e->verdict],
		       e->suite, e->id, e->verdict == TT_PASS ? "" : ": ",
		       e->verdict == TT_PASS ? 0 : e->verdict == TT_FAIL ?
		       (int)strlen(e->detail) : (int)strcspn(e->detail, "\n"),
		       e->detail);
	}
	return counts[TT_FAIL];
}

/* Every test's name once, in the order registered. */
void tt_run_list_tests(void)
{
	size_t i, j;

	for (i = 0; i < tt_nentries; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(tt_entries[j].test, tt_entries[i].test) == 0)
				break;
		if (j == i)
			printf("%s\n", tt_entries[i].test);
	}
}
