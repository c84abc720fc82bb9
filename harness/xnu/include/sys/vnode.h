/* SPDX-License-Identifier: GPL-2.0-only */
/* sys/vnode.h (simulated XNU, bsd/sys/vnode.h): the ioflag bits d_read and
 * d_write receive; IO_NDELAY is the file's FNONBLOCK. */
#ifndef _XNU_SIM_SYS_VNODE_H
#define _XNU_SIM_SYS_VNODE_H

#define IO_NDELAY	0x0010

#endif
