/* SPDX-License-Identifier: GPL-2.0-only */
/* sys/fcntl.h (simulated XNU, bsd/sys/fcntl.h): file flags a driver sees. */
#ifndef _XNU_SIM_SYS_FCNTL_H
#define _XNU_SIM_SYS_FCNTL_H

#define FREAD		0x00000001
#define FWRITE		0x00000002
#define O_NONBLOCK	0x00000004
#define FNONBLOCK	O_NONBLOCK
#define O_ASYNC		0x00000040
#define FASYNC		O_ASYNC

#endif
