// SPDX-License-Identifier: MIT
/*
 * tt_kmod_info.c: the kmod_info a kext binary carries (what Xcode
 * generates for a kernel extension target), for the Makefile build.
 * TT_KEXT_TUN or TT_KEXT_TAP says which kext; libkmod's _start and
 * _stop call _realmain and _antimain.  Mac only: the simulator calls
 * tt_tun_start / tt_tap_start itself.
 */
#include <mach/mach_types.h>

#include "../tt_darwin.h"

extern kern_return_t _start(kmod_info_t *ki, void *data);
extern kern_return_t _stop(kmod_info_t *ki, void *data);

#if defined(TT_KEXT_TUN)
kern_return_t tt_tun_start(kmod_info_t *ki, void *data);
kern_return_t tt_tun_stop(kmod_info_t *ki, void *data);
KMOD_EXPLICIT_DECL(net.tuntap.tun, TT_KEXT_VERSION, _start, _stop)
__private_extern__ kmod_start_func_t *_realmain = tt_tun_start;
__private_extern__ kmod_stop_func_t *_antimain = tt_tun_stop;
#elif defined(TT_KEXT_TAP)
kern_return_t tt_tap_start(kmod_info_t *ki, void *data);
kern_return_t tt_tap_stop(kmod_info_t *ki, void *data);
KMOD_EXPLICIT_DECL(net.tuntap.tap, TT_KEXT_VERSION, _start, _stop)
__private_extern__ kmod_start_func_t *_realmain = tt_tap_start;
__private_extern__ kmod_stop_func_t *_antimain = tt_tap_stop;
#else
#error "define TT_KEXT_TUN or TT_KEXT_TAP"
#endif
__private_extern__ int _kext_apple_cc = __APPLE_CC__;
