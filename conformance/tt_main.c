/*
 * tt_main.c: runs the conformance suites against one target.
 *
 * Usage: tt-conformance [OPTION...] [SUITE...]
 *   (default: every suite but "module", which unloads and reloads the
 *   driver and so runs on its own, last)
 *   --target NAME   the driver under test (default $TT_TARGET, else the
 *                   first built in: tuntap on Linux)
 *   --expect FILE   its expectations (default $TT_EXPECT, else
 *                   ${TT_EXPECT_DIR:-conformance/expect}/NAME.txt)
 *   --overlay FILE  more expectations, for the place it runs in, whose
 *                   lines win (default $TT_OVERLAY; e.g. a namespace
 *                   that lacks a privilege the VM has)
 *   --tap FILE, --junit FILE   the verdicts as TAP / JUnit XML
 *                   (default $TT_TAP, $TT_JUNIT)
 *   --list          every suite's name, in running order
 *   --list-tests    every test function's name (harness/spec-check.sh)
 *   --list-targets  the targets built in
 *   --selftest-fail fail a packet comparison on purpose (no device): the
 *                   proof that a failure shows its bytes (make check-report)
 * Check's own environment variables apply: CK_RUN_CASE, CK_TAP_LOG_FILE_NAME,
 * CK_XML_LOG_FILE_NAME (Check's raw logs), CK_DEFAULT_TIMEOUT.
 * Exit 0 when every result is what the expect file says, 1 if not, 2 on
 * a usage error.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tt_run.h"

static const struct {
	const char *name;
	Suite *(*make)(void);
	int by_default;
} tt_suites[] = {
	{ "life", make_life_suite, 1 },
	{ "read", make_read_suite, 1 },
	{ "write", make_write_suite, 1 },
	{ "nonblock", make_nonblock_suite, 1 },
	{ "poll", make_poll_suite, 1 },
	{ "ioctl", make_ioctl_suite, 1 },
	{ "config", make_config_suite, 1 },
	{ "queue", make_queue_suite, 1 },
	{ "ipv6", make_ipv6_suite, 1 },
	{ "peer", make_peer_suite, 1 },
	{ "pcap", make_pcap_suite, 1 },
	{ "race", make_race_suite, 1 },
	{ "load", make_load_suite, 1 },
	{ "hostile", make_hostile_suite, 1 },
	{ "linux", make_linux_suite, 1 },
	{ "clients", make_clients_suite, 1 },
	{ "module", make_module_suite, 0 },
};

#define TT_NSUITES (sizeof(tt_suites) / sizeof(tt_suites[0]))

static const char *tt_opt(const char *env, const char *dflt)
{
	const char *v = getenv(env);

	return v && *v ? v : dflt;
}

static int tt_usage(void)
{
	fprintf(stderr, "usage: tt-conformance [--target NAME] [--expect FILE] "
		"[--overlay FILE] [--tap FILE] [--junit FILE] [SUITE...]\n"
		"       tt-conformance --selftest-fail [--tap FILE]\n"
		"       tt-conformance --list | --list-tests | --list-targets\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *target = tt_opt("TT_TARGET", NULL);
	const char *expect = tt_opt("TT_EXPECT", NULL);
	const char *overlay = tt_opt("TT_OVERLAY", NULL);
	const char *tap = tt_opt("TT_TAP", NULL);
	const char *junit = tt_opt("TT_JUNIT", NULL);
	int want[TT_NSUITES] = { 0 }, counts[TT_NVERDICTS], some = 0, a, failed;
	int selftest = 0;
	char path[512];
	SRunner *sr = NULL;
	size_t i;

	for (a = 1; a < argc; a++) {
		const char **opt = strcmp(argv[a], "--target") == 0 ? &target :
				   strcmp(argv[a], "--expect") == 0 ? &expect :
				   strcmp(argv[a], "--overlay") == 0 ? &overlay :
				   strcmp(argv[a], "--tap") == 0 ? &tap :
				   strcmp(argv[a], "--junit") == 0 ? &junit :
				   NULL;

		if (opt) {
			if (++a == argc)
				return tt_usage();
			*opt = argv[a];
		} else if (strcmp(argv[a], "--list") == 0) {
			for (i = 0; i < TT_NSUITES; i++)
				printf("%s\n", tt_suites[i].name);
			return 0;
		} else if (strcmp(argv[a], "--selftest-fail") == 0) {
			selftest = 1;
		} else if (strcmp(argv[a], "--list-targets") == 0) {
			tt_target_list();
			return 0;
		} else if (strcmp(argv[a], "--list-tests") == 0) {
			for (i = 0; i < TT_NSUITES; i++) {
				tt_run_suite(tt_suites[i].name, 1);
				/* the runner frees the suite */
				srunner_free(srunner_create(tt_suites[i].make()));
			}
			tt_run_list_tests();
			return 0;
		} else {
			for (i = 0; i < TT_NSUITES; i++)
				if (strcmp(argv[a], tt_suites[i].name) == 0)
					break;
			if (i == TT_NSUITES) {
				fprintf(stderr, "tt-conformance: no suite %s\n",
					argv[a]);
				return tt_usage();
			}
			want[i] = some = 1;
		}
	}
	if (target && tt_target_select(target) != 0) {
		fprintf(stderr, "tt-conformance: no target %s; built in:\n",
			target);
		tt_target_list();
		return 2;
	}
	if (!expect) {
		snprintf(path, sizeof(path), "%s/%s.txt",
			 tt_opt("TT_EXPECT_DIR", "conformance/expect"),
			 tt_target->name);
		expect = path;
	}
	if (selftest) {
		/* no expect file: the failure must show as one */
		setenv("TT_CORRUPT_EXPECTED", "1", 1);
		tt_run_suite("selftest", 0);
		sr = srunner_create(tt_dump_selftest_suite());
		expect = "none (--selftest-fail)";
	} else if (tt_run_load_expect(expect) != 0 ||
	    (overlay && tt_run_load_expect(overlay) != 0))
		return 2;

	for (i = 0; i < TT_NSUITES && !selftest; i++) {
		if (some ? !want[i] : !tt_suites[i].by_default)
			continue;
		tt_run_suite(tt_suites[i].name, 0);
		if (!sr)
			sr = srunner_create(tt_suites[i].make());
		else
			srunner_add_suite(sr, tt_suites[i].make());
	}
	if (!sr) {
		fprintf(stderr, "tt-conformance: no suite to run\n");
		return 2;
	}
	printf("tt-conformance: target %s, expectations %s%s%s\n",
	       tt_target->name, expect, overlay ? " and " : "",
	       overlay ? overlay : "");
	fflush(stdout);
	srunner_run_all(sr, CK_SILENT);
	failed = tt_run_collect(sr, counts);
	srunner_free(sr);
	printf("tt-conformance: target %s: %d passed, %d expected differences, "
	       "%d skipped, %d failed\n", tt_target->name, counts[TT_PASS],
	       counts[TT_DIFF], counts[TT_SKIP], counts[TT_FAIL]);
	if ((tap && tt_report_tap(tap) != 0) ||
	    (junit && tt_report_junit(junit, tt_target->name) != 0)) {
		perror("tt-conformance: writing the report");
		return 1;
	}
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
