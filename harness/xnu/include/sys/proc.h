/* SPDX-License-Identifier: GPL-2.0-only */
/* sys/proc.h (simulated XNU, bsd/sys/proc.h): sleeping and the process. */
#ifndef _XNU_SIM_SYS_PROC_H
#define _XNU_SIM_SYS_PROC_H

#include <sys/kernel_types.h>
#include <kern/locks.h>

int msleep(void *chan, lck_mtx_t *mtx, int pri, const char *wmesg,
	   struct timespec *ts);
void wakeup(void *chan);
int proc_selfpid(void);
int proc_pid(proc_t p);

#endif
