/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sys/errno.h (simulated XNU, bsd/sys/errno.h): XNU's errno numbers,
 * which are not Linux's (EAGAIN is 35 here, 11 there).
 */
#ifndef _XNU_SIM_SYS_ERRNO_H
#define _XNU_SIM_SYS_ERRNO_H

#define EPERM		1
#define ENOENT		2
#define EINTR		4
#define EIO		5
#define ENXIO		6
#define EBADF		9
#define ENOMEM		12
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define EINVAL		22
#define ENOTTY		25
#define ENOSPC		28
#define EAGAIN		35
#define EWOULDBLOCK	EAGAIN
#define EMSGSIZE	40
#define EPROTONOSUPPORT	43
#define ENOTSUP		45
#define EAFNOSUPPORT	47
#define ENOBUFS		55
#define EHOSTDOWN	64
#define EOPNOTSUPP	102
#define ERESTART	(-1)	/* kernel only: restart the system call */

#endif
