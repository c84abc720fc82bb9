/*
 * tt_main.c: runs the conformance suites.
 *
 * Usage: tt-conformance [SUITE...]   (default: every suite but "module",
 * which unloads and reloads the driver and so runs on its own, last)
 *        tt-conformance --list      (every suite's name, in running order)
 * Check's own environment variables apply: CK_RUN_CASE, CK_TAP_LOG_FILE_NAME,
 * CK_XML_LOG_FILE_NAME, CK_DEFAULT_TIMEOUT, CK_VERBOSITY.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tt_test.h"

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
	{ "module", make_module_suite, 0 },
};

#define TT_NSUITES (sizeof(tt_suites) / sizeof(tt_suites[0]))

int main(int argc, char **argv)
{
	SRunner *sr = NULL;
	size_t i;
	int a, failed;

	if (argc == 2 && strcmp(argv[1], "--list") == 0) {
		for (i = 0; i < TT_NSUITES; i++)
			printf("%s\n", tt_suites[i].name);
		return 0;
	}
	for (i = 0; i < TT_NSUITES; i++) {
		int want = argc == 1 && tt_suites[i].by_default;

		for (a = 1; a < argc; a++)
			if (strcmp(argv[a], tt_suites[i].name) == 0)
				want = 1;
		if (!want)
			continue;
		if (!sr)
			sr = srunner_create(tt_suites[i].make());
		else
			srunner_add_suite(sr, tt_suites[i].make());
	}
	if (!sr) {
		fprintf(stderr, "tt-conformance: no such suite\n");
		return 2;
	}
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
