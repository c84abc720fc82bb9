// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_target_darwin_sim.c: target "darwin-sim", the Mac OS X kexts
 * (driver/darwin) inside the XNU simulator (harness/xnu), in the test's
 * own process: built into tt-conformance-xsim only, whose open, read,
 * ioctl, select... reach the simulated kernel (tt_xsim_shim.c).
 *
 * Each test boots a fresh kernel and loads tun.kext and tap.kext first,
 * and unloads them and shuts the kernel down after: the shutdown panics
 * on anything left (an interface, an open file, an mbuf), so a leak
 * fails the test that made it.  The rest is the darwin target's BSD
 * model: /dev/tunK, TUNSIFHEAD, the AF header with XNU's numbers
 * (AF_INET6 is 30 there, 10 for the Linux-built tests: translated here,
 * as a test compiled on a Mac would write it).  No libpcap sees the
 * simulated interfaces: no pcap cross-check (bpf is xt_rw.c's).
 */
#if defined(TT_XSIM)
#include <arpa/inet.h>

#include "tt_test.h"
#include "tt_xsim.h"
#include "xnu_sim.h"
#include "xt_const.h"

static void tt_dsim_setup(void)
{
	tt_xsim_netcfg_reset();
	tt_xsim_udp_reset();
	xsim_boot();
	ck_assert_msg(xsim_kext_load("tun") == 0, "kextload tun: %s",
		      tt_errname(errno));
	ck_assert_msg(xsim_kext_load("tap") == 0, "kextload tap: %s",
		      tt_errname(errno));
	xsim_log_clear();
}

/* A unit left open makes the unload fail (EBUSY): a test must close
 * what it opened, as on a Mac it could not unload the kext otherwise. */
static void tt_dsim_teardown(void)
{
	tt_xsim_udp_reset();
	ck_assert_msg(xsim_kext_unload("tun") == 0, "kextunload tun: %s",
		      tt_errname(errno));
	ck_assert_msg(xsim_kext_unload("tap") == 0, "kextunload tap: %s",
		      tt_errname(errno));
	xsim_shutdown();
}

static void tt_dsim_hdr_put(uint8_t hdr[4], int af)
{
	tt_hdr_af_put(hdr, af == AF_INET6 ? xt_AF_INET6 :
			   af == AF_INET ? xt_AF_INET : af);
}

static int tt_dsim_hdr_family(const uint8_t hdr[4])
{
	uint32_t v;

	memcpy(&v, hdr, 4);
	v = ntohl(v);
	return v == (uint32_t)xt_AF_INET ? AF_INET :
	       v == (uint32_t)xt_AF_INET6 ? AF_INET6 : -1;
}

const struct tt_target tt_target_darwin_sim = {
	.name = "darwin-sim",
	.open = tt_node_open,
	.set_header = tt_node_set_header,
	.hdr_put = tt_dsim_hdr_put,
	.hdr_family = tt_dsim_hdr_family,
	.wait_queued = tt_wait_queued_poll,
	.dlt_tun = -1,
	.dlt_tap = -1,
	.test_setup = tt_dsim_setup,
	.test_teardown = tt_dsim_teardown,
};
#endif /* TT_XSIM */
