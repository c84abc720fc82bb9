/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Availability.h (simulated XNU, EXTERNAL_HEADERS/Availability.h): the
 * deployment target, in the form __MAC_OS_X_VERSION_MIN_REQUIRED has on
 * a Mac (101300 for 10.13, 110000 for 11.0), which clang derives from
 * -mmacosx-version-min.  Here it is given with -D (xnu.mk:
 * XNU_MACOS_MIN); without it, 10.13, the x86_64 kexts' minimum.
 */
#ifndef _XNU_SIM_AVAILABILITY_H
#define _XNU_SIM_AVAILABILITY_H

#ifndef __MAC_OS_X_VERSION_MIN_REQUIRED
#define __MAC_OS_X_VERSION_MIN_REQUIRED 101300
#endif

#endif
