/* SPDX-License-Identifier: GPL-2.0-only */
/* sys/ioctl.h (simulated XNU, bsd/sys/ioctl.h). */
#ifndef _XNU_SIM_SYS_IOCTL_H
#define _XNU_SIM_SYS_IOCTL_H

#include <sys/ioccom.h>
#include <sys/filio.h>
#include <sys/sockio.h>

#endif
