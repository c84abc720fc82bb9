/* SPDX-License-Identifier: GPL-2.0-only */
/* sys/filio.h (simulated XNU, bsd/sys/filio.h): generic file ioctls. */
#ifndef _XNU_SIM_SYS_FILIO_H
#define _XNU_SIM_SYS_FILIO_H

#include <sys/ioccom.h>

#define FIONREAD	_IOR('f', 127, int)
#define FIONBIO		_IOW('f', 126, int)
#define FIOASYNC	_IOW('f', 125, int)

#endif
