// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_target_tuntap.c: target "tuntap", our module.  /dev/tunK and
 * /dev/tapK, the interface named after the node and there from open,
 * the AF header switched by TUNSIFHEAD, and an exact count of queued
 * packets in the module's live_objects.
 */
#if defined(__linux__)
#include <pcap/dlt.h>
#include <stdio.h>

#include "tt_test.h"

#define TT_LIVE	"/sys/module/tuntap/parameters/live_objects"

/* The module's count of open units and queued packets, or -1. */
static int tt_tuntap_live(void)
{
	FILE *f = fopen(TT_LIVE, "re");
	int v = -1;

	if (!f)
		return -1;
	if (fscanf(f, "%d", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

/* Exact: the one open unit and n packets (the tests that ask have one
 * unit open). */
static int tt_tuntap_wait_queued(struct tt_dev *d, int n, int ms)
{
	int i;

	(void)d;
	for (i = 0; i <= ms / 10; i++) {
		if (tt_tuntap_live() >= 1 + n)
			return 1;
		tt_msleep(10);
	}
	return 0;
}

const struct tt_target tt_target_tuntap = {
	.name = "tuntap",
	.open = tt_node_open,
	.set_header = tt_node_set_header,
	.hdr_put = tt_hdr_af_put,
	.hdr_family = tt_hdr_af_family,
	.wait_queued = tt_tuntap_wait_queued,
	.dlt_tun = DLT_RAW,
	.dlt_tap = DLT_EN10MB,
};
#endif /* __linux__ */
