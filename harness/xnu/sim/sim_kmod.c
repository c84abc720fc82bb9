// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim_kmod.c: the machine: boot and shutdown, kextload and kextunload
 * (libkern/c++/OSKext.cpp: start, and stop, which a kext may refuse), the
 * kernel's printf, and errno names.
 *
 * Unload proves the kext left nothing behind that could call into its
 * code: no interface, cdevsw entry, device node, plumber or lock group of
 * its own.  Anything left panics, which is what the seeds' tunnel kext
 * did to Macs, later and less clearly.  A start that fails must leave
 * nothing either.
 */
#include "sim_internal.h"

struct xh_mutex *xs_lock;
_Thread_local int xs_cur_kext = XS_NO_KEXT;

static int xs_loaded[8];
static int xs_booted;

static const struct {
	int value;
	const char *name;
} xs_errnames[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EINTR, "EINTR" },
	{ EIO, "EIO" }, { ENXIO, "ENXIO" }, { EBADF, "EBADF" },
	{ ENOMEM, "ENOMEM" }, { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" },
	{ EEXIST, "EEXIST" }, { ENODEV, "ENODEV" }, { EINVAL, "EINVAL" },
	{ ENOTTY, "ENOTTY" }, { ENOSPC, "ENOSPC" }, { EAGAIN, "EAGAIN" },
	{ EMSGSIZE, "EMSGSIZE" }, { EPROTONOSUPPORT, "EPROTONOSUPPORT" },
	{ ENOTSUP, "ENOTSUP" }, { EAFNOSUPPORT, "EAFNOSUPPORT" },
	{ ENOBUFS, "ENOBUFS" }, { EHOSTDOWN, "EHOSTDOWN" },
	{ EOPNOTSUPP, "EOPNOTSUPP" },
};

const char *xs_errname(int err)
{
	size_t i;

	for (i = 0; i < sizeof(xs_errnames) / sizeof(xs_errnames[0]); i++)
		if (xs_errnames[i].value == err)
			return xs_errnames[i].name;
	xh_panic("simulator: a driver returned errno %d, unknown here", err);
}

int xs_fail(int err)
{
	xh_set_errno_name(xs_errname(err));
	return -1;
}

int xnu_sim_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	xh_vlog(fmt, ap);
	va_end(ap);
	return 0;
}

u_int32_t xnu_sim_random(void)
{
	return xh_random();
}

void bzero(void *s, size_t n)
{
	memset(s, 0, n);
}

long xsim_live_mbufs(void)
{
	return xs_mbuf_live();
}

long xsim_live_packets(void)
{
	return xs_pkt_live();
}

void xsim_boot(void)
{
	if (xs_booted)
		xh_panic("simulator: booted twice");
	xs_lock = xh_mutex_new();
	xs_witness_boot();
	xs_fault_boot();
	xs_mbuf_boot();
	xs_sleep_boot();
	xs_cdev_boot();
	xs_proto_boot();
	xs_ifnet_boot();
	bzero(xs_loaded, sizeof(xs_loaded));
	xs_booted = 1;
}

void xsim_shutdown(void)
{
	int i;

	for (i = 0; i < xsim_nkexts; i++)
		if (xs_loaded[i])
			xh_panic("simulator: shutdown with %s.kext loaded",
				 xsim_kexts[i].name);
	xs_cdev_shutdown();
	xs_ifnet_shutdown();
	xs_proto_shutdown();
	if (xs_mbuf_live())
		xh_panic("simulator: shutdown with %ld mbuf(s) never freed",
			 xs_mbuf_live());
	xs_mbuf_shutdown();
	xs_sleep_shutdown();
	xs_fault_shutdown();
	xs_witness_shutdown();
	xh_mutex_free(xs_lock);
	xs_lock = NULL;
	xs_booted = 0;
}

static int xs_kext_find(const char *name)
{
	int i;

	for (i = 0; i < xsim_nkexts && i < 8; i++)
		if (!strcmp(xsim_kexts[i].name, name))
			return i;
	return -1;
}

/* Panic if kext k still owns anything; when says after what. */
static void xs_kext_check_clean(int k, const char *when)
{
	long n;

	if ((n = xs_ifnets_of(k)) != 0)
		xh_panic("%s.kext %s with %ld interface(s) alive: the stack "
			 "would call into unloaded code", xsim_kexts[k].name,
			 when, n);
	if ((n = xs_cdevs_of(k)) != 0)
		xh_panic("%s.kext %s with its cdevsw entry registered",
			 xsim_kexts[k].name, when);
	if ((n = xs_nodes_of(k)) != 0)
		xh_panic("%s.kext %s with %ld device node(s) in /dev",
			 xsim_kexts[k].name, when, n);
	if ((n = xs_plumbers_of(k)) != 0)
		xh_panic("%s.kext %s with %ld protocol plumber(s) registered",
			 xsim_kexts[k].name, when, n);
	if ((n = xs_lock_groups_of(k)) != 0)
		xh_panic("%s.kext %s with %ld lock group(s) allocated",
			 xsim_kexts[k].name, when, n);
}

int xsim_kext_load(const char *name)
{
	kmod_info_t ki;
	kern_return_t kr;
	int k = xs_kext_find(name);

	if (k < 0)
		return xs_fail(ENOENT);
	if (xs_loaded[k])
		return xs_fail(EEXIST);
	bzero(&ki, sizeof(ki));
	snprintf(ki.name, sizeof(ki.name), "net.tuntap.%s", name);
	xs_cur_kext = k;
	kr = xsim_kexts[k].start(&ki, NULL);
	xs_cur_kext = XS_NO_KEXT;
	if (kr != KERN_SUCCESS) {
		xs_kext_check_clean(k, "failed to start");
		return xs_fail(EIO);
	}
	xs_loaded[k] = 1;
	return 0;
}

int xsim_kext_unload(const char *name)
{
	kmod_info_t ki;
	kern_return_t kr;
	int k = xs_kext_find(name);

	if (k < 0 || !xs_loaded[k])
		return xs_fail(ENOENT);
	bzero(&ki, sizeof(ki));
	xs_cur_kext = k;
	kr = xsim_kexts[k].stop(&ki, NULL);
	xs_cur_kext = XS_NO_KEXT;
	if (kr != KERN_SUCCESS)
		return xs_fail(EBUSY);	/* kextunload: the kext refused */
	xs_kext_check_clean(k, "unloaded");
	xs_loaded[k] = 0;
	return 0;
}
