// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_target_darwin.c: target "darwin", the Mac OS X tun/tap kexts
 * (tuntaposx): /dev/tunK and /dev/tapK always exist, open creates the
 * interface; TUNSIFHEAD switches the AF header (AF_INET6 is 30 there);
 * bpf shows tun as DLT_NULL.  Built and run on a Mac only.
 */
#if defined(__APPLE__)
#include <pcap/pcap.h>

#include "tt_test.h"

const struct tt_target tt_target_darwin = {
	.name = "darwin",
	.open = tt_node_open,
	.set_header = tt_node_set_header,
	.hdr_put = tt_hdr_af_put,
	.hdr_family = tt_hdr_af_family,
	.wait_queued = tt_wait_queued_poll,
	.dlt_tun = DLT_NULL,
	.dlt_tap = DLT_EN10MB,
};
#endif /* __APPLE__ */
