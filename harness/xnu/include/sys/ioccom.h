/* SPDX-License-Identifier: GPL-2.0-only */
/* sys/ioccom.h (simulated XNU, bsd/sys/ioccom.h): BSD ioctl encoding. */
#ifndef _XNU_SIM_SYS_IOCCOM_H
#define _XNU_SIM_SYS_IOCCOM_H

#include <sys/types.h>

#define IOCPARM_MASK	0x1fff
#define IOCPARM_LEN(x)	(((x) >> 16) & IOCPARM_MASK)
#define IOCGROUP(x)	(((x) >> 8) & 0xff)
#define IOC_VOID	(u_int32_t)0x20000000
#define IOC_OUT		(u_int32_t)0x40000000
#define IOC_IN		(u_int32_t)0x80000000
#define IOC_INOUT	(IOC_IN | IOC_OUT)

#define _IOC(inout, group, num, len) \
	((u_long)((inout) | (((len) & IOCPARM_MASK) << 16) | \
		  ((group) << 8) | (num)))
#define _IO(g, n)	_IOC(IOC_VOID, (g), (n), 0)
#define _IOR(g, n, t)	_IOC(IOC_OUT, (g), (n), sizeof(t))
#define _IOW(g, n, t)	_IOC(IOC_IN, (g), (n), sizeof(t))
#define _IOWR(g, n, t)	_IOC(IOC_INOUT, (g), (n), sizeof(t))

#endif
