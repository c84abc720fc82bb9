/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tt_compat.h: every difference between the kernels tuntap supports, in
 * one place, so that the driver's other files read as if written for one
 * kernel: the newest.  Each helper below is named after what it does
 * there; the older kernels get the same effect their own way.
 *
 * The supported range is stated once, in driver/Kbuild (TT_LINUX_OLDEST,
 * TT_LINUX_NEWEST), which refuses to build outside it; the versions below
 * are where Linux changed, not the range.
 */
#ifndef TT_COMPAT_H
#define TT_COMPAT_H

#include <linux/device.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/version.h>

/* 6.2 made the devnode callback's device const. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define tt_compat_devnode_dev const struct device
#else
#define tt_compat_devnode_dev struct device
#endif

/* 6.4 dropped class_create()'s owner argument. */
static inline struct class *tt_compat_class_create(const char *name)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	return class_create(name);
#else
	return class_create(THIS_MODULE, name);
#endif
}

/* 6.12 moved "no core transmit lock" from a feature bit to a field. */
static inline void tt_compat_set_lltx(struct net_device *dev)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
}

/*
 * "May not move to another namespace": a feature bit up to 6.11, the
 * field netns_local in 6.12 to 6.14, renamed netns_immutable in 6.15.
 */
static inline void tt_compat_set_netns_immutable(struct net_device *dev)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 15, 0)
	dev->netns_immutable = true;
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	dev->netns_local = true;
#else
	dev->features |= NETIF_F_NETNS_LOCAL;
#endif
}

/*
 * Not a difference, and so nothing here: lseek.  6.12 removed no_llseek;
 * every supported kernel already answers ESPIPE to lseek on a file
 * without an llseek method that stream_open() made (FMODE_LSEEK
 * cleared), which is what no_llseek did.
 */

#endif /* TT_COMPAT_H */
