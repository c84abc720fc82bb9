// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_selftest.c: the runner's own proof, apart from the device helpers
 * in tt_dump.c so that programs linking those (the device fuzzer) need
 * no Check registry.
 */
#include "tt_test.h"

/*
 * The runner's own proof (tt-conformance --selftest-fail, no device):
 * an IPv4/UDP packet compared with itself, which fails only because
 * TT_CORRUPT_EXPECTED corrupts the copy expected.  Not a suite of the
 * contract: --list and --list-tests leave it out.
 */
START_TEST(test_selftest_packet_differs)
{
	static const uint8_t pkt[] = {
		0x45, 0x00, 0x00, 0x24, 0x12, 0x34, 0x40, 0x00,
		0x40, 0x11, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x01,
		0x0a, 0x00, 0x00, 0x02, 0x30, 0x39, 0x30, 0x3a,
		0x00, 0x10, 0x00, 0x00, 's', 'e', 'l', 'f',
		't', 'e', 's', 't',
	};

	tt_pkt_expect(pkt, sizeof(pkt), pkt, sizeof(pkt), "UDP packet");
}
END_TEST

Suite *tt_dump_selftest_suite(void)
{
	Suite *s = suite_create("selftest");
	TCase *tc = tt_tcase_create("selftest");

	tt_test_add(tc, test_selftest_packet_differs);
	suite_add_tcase(s, tc);
	return s;
}
