// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_main.c: module life: the units, their character devices and the
 * count of live objects the tests read.
 *
 * /dev/tunK are minors 0..units-1 and /dev/tapK the next units minors,
 * all under one dynamically allocated major.
 */
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/mutex.h>

#include "tt_compat.h"
#include "tt_linux.h"

unsigned int tt_units = TT_UNITS_DEFAULT;
module_param_named(units, tt_units, uint, 0444);
MODULE_PARM_DESC(units, "number of tun units and of tap units (1..1024, default 16)");

/*
 * The open units, by minor, for live_objects: open units plus the
 * packets queued in them, counted when read rather than by a counter on
 * the packet path (every transmit and read would bounce its cache line
 * between CPUs).  Leaks are kmemleak's and the unload's to find.  Under
 * tt_open_lock: a unit leaves before it is destroyed, so a reader of
 * live_objects never looks at a dying one.
 */
static DEFINE_MUTEX(tt_open_lock);
static struct tt_softc *tt_open[2 * TT_UNITS_MAX];

void tt_main_publish(struct tt_softc *sc)
{
	mutex_lock(&tt_open_lock);
	tt_open[sc->minor] = sc;
	mutex_unlock(&tt_open_lock);
}

void tt_main_withdraw(struct tt_softc *sc)
{
	mutex_lock(&tt_open_lock);
	tt_open[sc->minor] = NULL;
	mutex_unlock(&tt_open_lock);
}

static unsigned int tt_main_live(void)
{
	unsigned int i, n = 0;

	mutex_lock(&tt_open_lock);
	for (i = 0; i < 2 * tt_units; i++)
		if (tt_open[i])
			n += 1 + skb_queue_len_lockless(&tt_open[i]->queue);
	mutex_unlock(&tt_open_lock);
	return n;
}

static int tt_main_live_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%u\n", tt_main_live());
}

static const struct kernel_param_ops tt_main_live_ops = {
	.get = tt_main_live_get,
};
module_param_cb(live_objects, &tt_main_live_ops, NULL, 0444);
MODULE_PARM_DESC(live_objects, "open units and queued packets (read only)");

static dev_t tt_devt;
static struct cdev tt_cdev;
static struct class *tt_class;

static char *tt_main_devnode(tt_compat_devnode_dev *dev, umode_t *mode)
{
	/* root only: opening makes an interface */
	if (mode)
		*mode = 0600;
	return NULL;
}

static void tt_main_destroy_nodes(unsigned int n)
{
	while (n-- > 0)
		device_destroy(tt_class, tt_devt + n);
}

static int __init tt_main_init(void)
{
	unsigned int minors, i;
	struct device *d;
	int err;

	if (tt_units < 1 || tt_units > TT_UNITS_MAX) {
		pr_err(TT_NAME ": units=%u is outside 1..%u\n", tt_units,
		       TT_UNITS_MAX);
		return -EINVAL;
	}
	minors = 2 * tt_units;
	err = alloc_chrdev_region(&tt_devt, 0, minors, TT_NAME);
	if (err)
		return err;
	cdev_init(&tt_cdev, &tt_cdev_fops);
	tt_cdev.owner = THIS_MODULE;
	err = cdev_add(&tt_cdev, tt_devt, minors);
	if (err)
		goto err_unregister_region;
	tt_class = tt_compat_class_create(TT_NAME);
	if (IS_ERR(tt_class)) {
		err = PTR_ERR(tt_class);
		goto err_del_cdev;
	}
	tt_class->devnode = tt_main_devnode;
	for (i = 0; i < minors; i++) {
		d = device_create(tt_class, NULL, tt_devt + i, NULL, "%s%u",
				  i < tt_units ? "tun" : "tap", i % tt_units);
		if (IS_ERR(d)) {
			err = PTR_ERR(d);
			goto err_destroy_nodes;
		}
	}
	pr_info(TT_NAME ": %u tun and %u tap units\n", tt_units, tt_units);
	return 0;

err_destroy_nodes:
	tt_main_destroy_nodes(i);
	class_destroy(tt_class);
err_del_cdev:
	cdev_del(&tt_cdev);
err_unregister_region:
	unregister_chrdev_region(tt_devt, minors);
	return err;
}

static void __exit tt_main_exit(void)
{
	unsigned int minors = 2 * tt_units;

	tt_main_destroy_nodes(minors);
	class_destroy(tt_class);
	cdev_del(&tt_cdev);
	unregister_chrdev_region(tt_devt, minors);
}

module_init(tt_main_init);
module_exit(tt_main_exit);
MODULE_DESCRIPTION("tun/tap with the Mac OS X kexts' semantics: /dev/tunN, /dev/tapN");
MODULE_LICENSE("GPL");
