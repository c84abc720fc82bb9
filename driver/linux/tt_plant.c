// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_plant.c: bugs planted on purpose, so that the debug kernel's
 * selftest (harness/debug/selftest.sh) can show each of its detectors
 * reporting one in this module's own code.  Built only when kbuild is
 * given TT_PLANT=y, never into the module anyone loads: writing a bug's
 * name to /sys/module/tuntap/parameters/plant commits it.
 *
 *   uaf        a read of freed memory               KASAN
 *   ubsan      an array index past its end           UBSAN (bounds)
 *   inversion  two locks taken in both orders        lockdep
 *   sleep      a sleep allowed under a spinlock      DEBUG_ATOMIC_SLEEP
 *   leak       an allocation nothing points to       kmemleak
 */
#include <linux/compiler.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "tt_linux.h"

static DEFINE_MUTEX(tt_plant_a);
static DEFINE_MUTEX(tt_plant_b);
static DEFINE_SPINLOCK(tt_plant_spin);

/* Where a leaked pointer is dropped: kept from the optimiser only. */
static void *volatile tt_plant_sink;
/* An index the compiler cannot see through, so the access is made. */
static volatile int tt_plant_index = 4;

static noinline void tt_plant_uaf(void)
{
	char *p = kmalloc(64, GFP_KERNEL);

	if (!p)
		return;
	kfree(p);
	pr_info(TT_NAME ": plant: read after free: %d\n", READ_ONCE(p[8]));
}

static noinline void tt_plant_ubsan(void)
{
	struct {
		int a[4];
		int after;
	} s = { { 0 }, 0 };

	/* in the object, past the array: UBSAN's, not KASAN's */
	pr_info(TT_NAME ": plant: a[%d] = %d\n", tt_plant_index,
		s.a[tt_plant_index]);
}

static noinline void tt_plant_inversion(void)
{
	mutex_lock(&tt_plant_a);
	mutex_lock(&tt_plant_b);
	mutex_unlock(&tt_plant_b);
	mutex_unlock(&tt_plant_a);
	/* the other order: lockdep reports it without a deadlock */
	mutex_lock(&tt_plant_b);
	mutex_lock(&tt_plant_a);
	mutex_unlock(&tt_plant_a);
	mutex_unlock(&tt_plant_b);
}

static noinline void tt_plant_sleep(void)
{
	spin_lock(&tt_plant_spin);
	might_sleep();		/* what kmalloc(GFP_KERNEL) says first */
	spin_unlock(&tt_plant_spin);
}

static noinline void tt_plant_leak(void)
{
	tt_plant_sink = kmalloc(128, GFP_KERNEL);
	tt_plant_sink = NULL;
}

static int tt_plant_set(const char *val, const struct kernel_param *kp)
{
	if (sysfs_streq(val, "uaf"))
		tt_plant_uaf();
	else if (sysfs_streq(val, "ubsan"))
		tt_plant_ubsan();
	else if (sysfs_streq(val, "inversion"))
		tt_plant_inversion();
	else if (sysfs_streq(val, "sleep"))
		tt_plant_sleep();
	else if (sysfs_streq(val, "leak"))
		tt_plant_leak();
	else
		return -EINVAL;
	return 0;
}

static const struct kernel_param_ops tt_plant_ops = {
	.set = tt_plant_set,
};
module_param_cb(plant, &tt_plant_ops, NULL, 0200);
MODULE_PARM_DESC(plant, "commit a planted bug: uaf, ubsan, inversion, sleep, leak (test build only)");
