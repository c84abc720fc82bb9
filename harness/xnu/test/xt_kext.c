// SPDX-License-Identifier: GPL-2.0-only
/*
 * xt_kext.c: the test binary's glue on the kernel side: which kexts the
 * simulator can load, and XNU's values of the constants the tests need
 * (taken from the same headers the kexts compile against, so a test can
 * never disagree with the kext about a number).
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <net/if.h>
#include <net/kpi_interface.h>
#include <net/bpf.h>
#include <mach/kmod.h>

#include "net/tun_ioctls.h"
#include "xnu_sim.h"
#include "xt_const.h"

kern_return_t tt_tun_start(kmod_info_t *ki, void *data);
kern_return_t tt_tun_stop(kmod_info_t *ki, void *data);
kern_return_t tt_tap_start(kmod_info_t *ki, void *data);
kern_return_t tt_tap_stop(kmod_info_t *ki, void *data);

struct xsim_kext {
	const char *name;
	kmod_start_func_t *start;
	kmod_stop_func_t *stop;
};

const struct xsim_kext xsim_kexts[] = {
	{ "tun", tt_tun_start, tt_tun_stop },
	{ "tap", tt_tap_start, tt_tap_stop },
};
const int xsim_nkexts = 2;

const unsigned long xt_TUNSIFHEAD = TUNSIFHEAD;
const unsigned long xt_TUNGIFHEAD = TUNGIFHEAD;
const unsigned long xt_TUNGIFNAME = TUNGIFNAME;
const unsigned long xt_FIONBIO = FIONBIO;
const unsigned long xt_FIONREAD = FIONREAD;
const unsigned long xt_FIOASYNC = FIOASYNC;
const unsigned long xt_SIOCSIFLLADDR = SIOCSIFLLADDR;
const unsigned long xt_SIOCGIFSTATUS = SIOCGIFSTATUS;
const unsigned long xt_SIOCSIFMTU = SIOCSIFMTU;
const int xt_AF_INET = AF_INET;
const int xt_AF_INET6 = AF_INET6;
const int xt_AF_LINK = AF_LINK;
const int xt_IFF_UP = IFF_UP;
const int xt_IFF_RUNNING = IFF_RUNNING;
const int xt_IFF_POINTOPOINT = IFF_POINTOPOINT;
const int xt_IFF_BROADCAST = IFF_BROADCAST;
const int xt_IFF_MULTICAST = IFF_MULTICAST;
const int xt_IFF_NOARP = IFF_NOARP;
const unsigned int xt_IFNET_FAMILY_TUN = IFNET_FAMILY_TUN;
const int xt_XNU_EHOSTDOWN = EHOSTDOWN;

/* The tests build Darwin's ifreq and ifstat with the neutral copies. */
_Static_assert(sizeof(struct xsim_ifreq) == sizeof(struct ifreq),
	       "struct xsim_ifreq is not Darwin's struct ifreq");
_Static_assert(__builtin_offsetof(struct xsim_ifreq, u.addr.sa_data) ==
	       __builtin_offsetof(struct ifreq, ifr_addr.sa_data),
	       "ifr_addr.sa_data moved");
_Static_assert(sizeof(struct xsim_ifstat) == sizeof(struct ifstat),
	       "struct xsim_ifstat is not Darwin's struct ifstat");
