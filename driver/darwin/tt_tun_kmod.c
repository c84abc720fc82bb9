// SPDX-License-Identifier: MIT
/*
 * tt_tun_kmod.c: tun.kext's start and stop (named in its kmod_info, see
 * tt_kmod_info.c for the Mac build; the simulator calls them directly).
 */
#include "tt_darwin.h"

static struct tt_family tt_tun_family = {
	.ops = &tt_tun_ops,
	.cdevsw = &tt_dev_cdevsw,
	.major = -1,
};

kern_return_t tt_tun_start(kmod_info_t *ki, void *data);
kern_return_t tt_tun_stop(kmod_info_t *ki, void *data);

kern_return_t tt_tun_start(kmod_info_t *ki, void *data)
{
	(void)ki;
	(void)data;
	if (tt_tun_plumbers_register())
		return KERN_FAILURE;
	if (tt_family_start(&tt_tun_family)) {
		tt_tun_plumbers_unregister();
		return KERN_FAILURE;
	}
	return KERN_SUCCESS;
}

kern_return_t tt_tun_stop(kmod_info_t *ki, void *data)
{
	(void)ki;
	(void)data;
	if (tt_family_stop(&tt_tun_family))
		return KERN_FAILURE;	/* a unit is open: stay loaded */
	tt_tun_plumbers_unregister();
	return KERN_SUCCESS;
}
