/* SPDX-License-Identifier: GPL-2.0-only */
/* sys/param.h (simulated XNU, bsd/sys/param.h): sleep priorities. */
#ifndef _XNU_SIM_SYS_PARAM_H
#define _XNU_SIM_SYS_PARAM_H

#include <sys/types.h>

#define PZERO	22
#define PCATCH	0x100	/* OR'd with pri: a signal ends the sleep */
#define MAXPATHLEN 1024

#endif
