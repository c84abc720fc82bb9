/* SPDX-License-Identifier: GPL-2.0-only */
/* sys/sockio.h (simulated XNU, bsd/sys/sockio.h): interface ioctls. */
#ifndef _XNU_SIM_SYS_SOCKIO_H
#define _XNU_SIM_SYS_SOCKIO_H

#include <sys/ioccom.h>

struct ifreq;
struct ifstat;

#define SIOCSIFADDR	_IOW('i', 12, struct ifreq)
#define SIOCSIFFLAGS	_IOW('i', 16, struct ifreq)
#define SIOCGIFFLAGS	_IOWR('i', 17, struct ifreq)
#define SIOCADDMULTI	_IOW('i', 49, struct ifreq)
#define SIOCDELMULTI	_IOW('i', 50, struct ifreq)
#define SIOCGIFMTU	_IOWR('i', 51, struct ifreq)
#define SIOCSIFMTU	_IOW('i', 52, struct ifreq)
#define SIOCSIFLLADDR	_IOW('i', 60, struct ifreq)
#define SIOCGIFSTATUS	_IOWR('i', 61, struct ifstat)

#endif
