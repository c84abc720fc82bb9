// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_target_freebsd.c: target "freebsd", if_tuntap: open of /dev/tunK
 * or /dev/tapK clones the interface (devfs cloning); TUNSIFHEAD switches
 * the AF header (AF_INET6 is 28 there); bpf shows tun as DLT_NULL.
 * Built and run on FreeBSD only.
 */
#if defined(__FreeBSD__)
#include <pcap/pcap.h>

#include "tt_test.h"

const struct tt_target tt_target_freebsd = {
	.name = "freebsd",
	.open = tt_node_open,
	.set_header = tt_node_set_header,
	.hdr_put = tt_hdr_af_put,
	.hdr_family = tt_hdr_af_family,
	.wait_queued = tt_wait_queued_poll,
	.dlt_tun = DLT_NULL,
	.dlt_tap = DLT_EN10MB,
};
#endif /* __FreeBSD__ */
