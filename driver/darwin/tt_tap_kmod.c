// SPDX-License-Identifier: MIT
/*
 * tt_tap_kmod.c: tap.kext's start and stop.  XNU plumbs IP onto Ethernet
 * interfaces itself, so tap registers no plumber.
 */
#include "tt_darwin.h"

static struct tt_family tt_tap_family = {
	.ops = &tt_tap_ops,
	.cdevsw = &tt_dev_cdevsw,
	.major = -1,
};

kern_return_t tt_tap_start(kmod_info_t *ki, void *data);
kern_return_t tt_tap_stop(kmod_info_t *ki, void *data);

kern_return_t tt_tap_start(kmod_info_t *ki, void *data)
{
	(void)ki;
	(void)data;
	return tt_family_start(&tt_tap_family) ? KERN_FAILURE : KERN_SUCCESS;
}

kern_return_t tt_tap_stop(kmod_info_t *ki, void *data)
{
	(void)ki;
	(void)data;
	return tt_family_stop(&tt_tap_family) ? KERN_FAILURE : KERN_SUCCESS;
}
