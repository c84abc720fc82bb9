/* SPDX-License-Identifier: GPL-2.0-only */
/* mach/mach_types.h (simulated XNU): what a kext's start/stop need. */
#ifndef _XNU_SIM_MACH_MACH_TYPES_H
#define _XNU_SIM_MACH_MACH_TYPES_H

#include <mach/kmod.h>

#endif
