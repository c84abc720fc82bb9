// SPDX-License-Identifier: GPL-2.0-only
/*
 * xt_life.c: life cycle of the kexts and their units: nodes at load,
 * the interface appearing on open and gone when close returns, EBUSY,
 * shared opens, unload refused while open, and the PF_INET conflict
 * with another tun driver.
 */
#include "xt.h"

/* Loading creates /dev/tun0..15 and /dev/tap0..15, mode 0600. */
START_TEST(test_nodes)
{
	char path[32];
	int i;

	for (i = 0; i < 16; i++) {
		snprintf(path, sizeof(path), "/dev/tun%d", i);
		ck_assert_int_eq(xsim_node_mode(path), 0600);
		snprintf(path, sizeof(path), "/dev/tap%d", i);
		ck_assert_int_eq(xsim_node_mode(path), 0600);
	}
	ck_assert_int_eq(xsim_node_mode("/dev/tun16"), -1);
	XT_FAILS(xsim_open("/dev/tun16", 0), ENOENT);
}
END_TEST

/* open creates tunK: running, point to point, multicast, not up; close
 * removes it before it returns, with nothing left alive. */
START_TEST(test_tun_open_close)
{
	struct xt_dev d;
	int f;

	ck_assert_int_eq(xsim_if_exists("tun3"), 0);
	ck_assert_int_eq(xt_open(&d, XT_TUN, 3, 0), 0);
	ck_assert_int_eq(xsim_if_exists("tun3"), 1);
	f = xsim_if_flags("tun3");
	ck_assert(f & xt_IFF_RUNNING);
	ck_assert(f & xt_IFF_POINTOPOINT);
	ck_assert(f & xt_IFF_MULTICAST);
	ck_assert(!(f & xt_IFF_UP));
	xt_close(&d);
	ck_assert_int_eq(xsim_if_exists("tun3"), 0);
	ck_assert_int_eq(xsim_live_ifnets(), 0);
	/* and at once again */
	ck_assert_int_eq(xt_open(&d, XT_TUN, 3, 0), 0);
	xt_close(&d);
}
END_TEST

/* open creates tapK: broadcast, a locally administered unicast MAC. */
START_TEST(test_tap_open)
{
	struct xt_dev d;
	uint8_t mac[6];

	ck_assert_int_eq(xt_open(&d, XT_TAP, 2, 0), 0);
	ck_assert(xsim_if_flags("tap2") & xt_IFF_BROADCAST);
	ck_assert(!(xsim_if_flags("tap2") & xt_IFF_UP));
	XT_OK(xsim_if_lladdr("tap2", mac));
	ck_assert_msg((mac[0] & 0x03) == 0x02, "MAC %02x:...: not local "
		      "unicast", mac[0]);
	xt_close(&d);
	ck_assert_int_eq(xsim_if_exists("tap2"), 0);
}
END_TEST

/* A second open of an open unit: EBUSY; the first keeps working. */
START_TEST(test_ebusy)
{
	struct xt_dev a, b, c;

	ck_assert_int_eq(xt_open(&a, XT_TUN, 0, 0), 0);
	XT_FAILS(xt_open(&c, XT_TUN, 0, 0), EBUSY);
	ck_assert_int_eq(xt_open(&b, XT_TAP, 0, 0), 0);
	XT_FAILS(xt_open(&c, XT_TAP, 0, 0), EBUSY);
	ck_assert_int_eq(xsim_if_exists("tun0"), 1);
	xt_close(&a);
	ck_assert_int_eq(xsim_if_exists("tap0"), 1);
	ck_assert_int_eq(xt_open(&a, XT_TUN, 0, 0), 0);
	xt_close(&a);
	xt_close(&b);
}
END_TEST

/* Descriptors sharing an open (dup, fork) are the same unit: the
 * interface lives until the last one closes. */
START_TEST(test_dup_shares)
{
	struct xt_dev d;
	uint8_t buf[64];
	int fd2;

	xt_open_up(&d, XT_TUN, 1);
	fd2 = xsim_dup(d.fd);
	XT_OK(fd2);
	xt_close(&d);
	ck_assert_int_eq(xsim_if_exists("tun1"), 1);
	ck_assert_int_eq(xsim_write(fd2, buf, xt_pkt4(buf, 40)), 40);
	XT_OK(xsim_close(fd2));
	ck_assert_int_eq(xsim_if_exists("tun1"), 0);
}
END_TEST

/* Close frees what was queued: no mbuf outlives the unit. */
START_TEST(test_close_frees_queue)
{
	struct xt_dev d;
	int i;

	xt_open_up(&d, XT_TUN, 4);
	for (i = 0; i < 5; i++)
		XT_OK(xt_send(&d, i & 1, 3000, 0));
	ck_assert_int_gt(xsim_live_mbufs(), 0);
	xt_close(&d);
	ck_assert_int_eq(xsim_live_mbufs(), 0);
}
END_TEST

/*
 * Detach is asynchronous on XNU: close must wait for the detach
 * callback before it releases the interface.  The simulator runs the
 * callback late on purpose; releasing earlier would panic.
 */
START_TEST(test_detach_waits)
{
	struct xt_dev d;

	xsim_set_detach_delay_ms(150);
	xt_open_up(&d, XT_TAP, 5);
	xt_close(&d);
	ck_assert_int_eq(xsim_live_ifnets(), 0);
	ck_assert_int_eq(xsim_if_exists("tap5"), 0);
	ck_assert_int_eq(xt_open(&d, XT_TAP, 5, 0), 0);
	xt_close(&d);
}
END_TEST

/* Unloading while a unit is open is refused, with one log line, and
 * the unit keeps working; after the close the kext unloads. */
START_TEST(test_unload_refused_while_open)
{
	struct xt_dev d;
	uint8_t buf[64];

	xt_open_up(&d, XT_TUN, 7);
	XT_FAILS(xsim_kext_unload("tun"), EBUSY);
	ck_assert_int_eq(xsim_log_count("unit(s) open, not unloading"), 1);
	ck_assert_int_eq(xsim_log_lines(), 1);
	ck_assert_int_eq(xsim_write(d.fd, buf, xt_pkt4(buf, 60)), 60);
	ck_assert_int_eq(xsim_if_exists("tun7"), 1);
	xt_close(&d);
	XT_OK(xsim_kext_unload("tun"));
	xt_mark_unloaded("tun");
	XT_FAILS(xsim_open("/dev/tun7", 0), ENOENT);
}
END_TEST

START_TEST(test_unload_refused_tap)
{
	struct xt_dev d;

	ck_assert_int_eq(xt_open(&d, XT_TAP, 15, 0), 0);
	XT_FAILS(xsim_kext_unload("tap"), EBUSY);
	/* the other kext is not held by it */
	XT_OK(xsim_kext_unload("tun"));
	xt_mark_unloaded("tun");
	xt_close(&d);
}
END_TEST

/*
 * Another tun driver owns IP on tun interfaces (the seeds' "could not
 * register PF_INET protocol family: 17"): tun.kext does not load, says
 * so in exactly one log line, leaves nothing registered (the simulator
 * panics if it did), and tap.kext is unaffected.  Once the other driver
 * is gone, tun loads.
 */
START_TEST(test_pf_inet_conflict)
{
	struct xt_dev d;

	XT_OK(xsim_kext_unload("tun"));
	xt_mark_unloaded("tun");
	XT_OK(xsim_foreign_plumber(xt_AF_INET, xt_IFNET_FAMILY_TUN, 1));
	xsim_log_clear();
	XT_FAILS(xsim_kext_load("tun"), EIO);
	ck_assert_int_eq(xsim_log_lines(), 1);
	ck_assert_int_eq(xsim_log_count("another tun driver"), 1);
	ck_assert_int_eq(xsim_log_count("EEXIST"), 1);
	XT_FAILS(xsim_open("/dev/tun0", 0), ENOENT);
	ck_assert_int_eq(xt_open(&d, XT_TAP, 0, 0), 0);
	xt_close(&d);
	XT_OK(xsim_foreign_plumber(xt_AF_INET, xt_IFNET_FAMILY_TUN, 0));
	XT_OK(xsim_kext_load("tun"));
	xt_mark_loaded("tun");
	ck_assert_int_eq(xt_open(&d, XT_TUN, 0, 0), 0);
	xt_close(&d);
}
END_TEST

/* The same with only PF_INET6 taken: PF_INET, registered first, must be
 * given back (else the kext's failed start panics in the simulator). */
START_TEST(test_pf_inet6_conflict)
{
	XT_OK(xsim_kext_unload("tun"));
	xt_mark_unloaded("tun");
	XT_OK(xsim_foreign_plumber(xt_AF_INET6, xt_IFNET_FAMILY_TUN, 1));
	xsim_log_clear();
	XT_FAILS(xsim_kext_load("tun"), EIO);
	ck_assert_int_eq(xsim_log_lines(), 1);
	/* PF_INET is free again: the other driver can take it */
	XT_OK(xsim_foreign_plumber(xt_AF_INET, xt_IFNET_FAMILY_TUN, 1));
	XT_OK(xsim_foreign_plumber(xt_AF_INET, xt_IFNET_FAMILY_TUN, 0));
	XT_OK(xsim_foreign_plumber(xt_AF_INET6, xt_IFNET_FAMILY_TUN, 0));
	XT_OK(xsim_kext_load("tun"));
	xt_mark_loaded("tun");
}
END_TEST

/* Loaded tun.kext holds the plumbers: the other driver now gets EEXIST. */
START_TEST(test_pf_inet_held)
{
	XT_FAILS(xsim_foreign_plumber(xt_AF_INET, xt_IFNET_FAMILY_TUN, 1),
		 EEXIST);
}
END_TEST

Suite *xt_life_suite(void)
{
	Suite *s = suite_create("darwin-life");
	TCase *tc = tcase_create("life");

	tcase_add_checked_fixture(tc, xt_setup, xt_teardown);
	tcase_add_test(tc, test_nodes);
	tcase_add_test(tc, test_tun_open_close);
	tcase_add_test(tc, test_tap_open);
	tcase_add_test(tc, test_ebusy);
	tcase_add_test(tc, test_dup_shares);
	tcase_add_test(tc, test_close_frees_queue);
	tcase_add_test(tc, test_detach_waits);
	tcase_add_test(tc, test_unload_refused_while_open);
	tcase_add_test(tc, test_unload_refused_tap);
	tcase_add_test(tc, test_pf_inet_conflict);
	tcase_add_test(tc, test_pf_inet6_conflict);
	tcase_add_test(tc, test_pf_inet_held);
	suite_add_tcase(s, tc);
	return s;
}
