// SPDX-License-Identifier: GPL-2.0-only
/*
 * xt_sim.c: the simulator's own strictness.  Each wrong call must abort
 * the process, as the kernel would panic; a simulator that let them pass
 * would let the same bug in a kext pass too.
 */
#include <signal.h>

#include "xt.h"

START_TEST(test_double_free)
{
	xt_wrong_mbuf_double_free();
}
END_TEST

START_TEST(test_unlock_unheld)
{
	xt_wrong_unlock_unheld();
}
END_TEST

START_TEST(test_msleep_unlocked)
{
	xt_wrong_msleep_unlocked();
}
END_TEST

START_TEST(test_release_early)
{
	xt_wrong_release_early();
}
END_TEST

/* the lock-order checker: a reversed pair panics, no race needed */
START_TEST(test_lock_order_reversal)
{
	xt_wrong_lock_order();
}
END_TEST

START_TEST(test_sleep_holding_a_lock)
{
	xt_wrong_sleep_holding();
}
END_TEST

static void xt_boot(void)
{
	xsim_boot();
}

Suite *xt_sim_suite(void)
{
	Suite *s = suite_create("darwin-sim");
	TCase *tc = tcase_create("panics");

	/* no teardown: the process aborts mid-test by design */
	tcase_add_checked_fixture(tc, xt_boot, NULL);
	tcase_add_test_raise_signal(tc, test_double_free, SIGABRT);
	tcase_add_test_raise_signal(tc, test_unlock_unheld, SIGABRT);
	tcase_add_test_raise_signal(tc, test_msleep_unlocked, SIGABRT);
	tcase_add_test_raise_signal(tc, test_release_early, SIGABRT);
	tcase_add_test_raise_signal(tc, test_lock_order_reversal, SIGABRT);
	tcase_add_test_raise_signal(tc, test_sleep_holding_a_lock, SIGABRT);
	suite_add_tcase(s, tc);
	return s;
}
