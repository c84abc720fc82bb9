// SPDX-License-Identifier: GPL-2.0-only
/*
 * xt_main.c: runs the Mac kexts' tests in the simulator.
 *   xt-darwin [SUITE...]   (darwin-life darwin-rw darwin-ctl darwin-sim
 *   darwin-xnu)
 * Each test forks (Check's default), so a panic fails that test only.
 * CK_TAP_LOG_FILE_NAME writes TAP as for the other suites.
 */
#include <stdio.h>
#include <stdlib.h>

#include "xt.h"

static const struct {
	const char *name;
	Suite *(*make)(void);
} xt_suites[] = {
	{ "darwin-life", xt_life_suite },
	{ "darwin-rw", xt_rw_suite },
	{ "darwin-ctl", xt_ctl_suite },
	{ "darwin-sim", xt_sim_suite },
	{ "darwin-xnu", xt_xnu_suite },
};

int main(int argc, char **argv)
{
	SRunner *sr = NULL;
	size_t i;
	int failed, j;

	for (i = 0; i < sizeof(xt_suites) / sizeof(xt_suites[0]); i++) {
		int want = argc < 2;

		for (j = 1; j < argc; j++)
			want |= !strcmp(argv[j], xt_suites[i].name);
		if (!want)
			continue;
		if (!sr)
			sr = srunner_create(xt_suites[i].make());
		else
			srunner_add_suite(sr, xt_suites[i].make());
	}
	if (!sr) {
		fprintf(stderr, "xt-darwin: no such suite\n");
		return 2;
	}
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
