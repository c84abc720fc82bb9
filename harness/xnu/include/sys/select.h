/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sys/select.h (simulated XNU, bsd/sys/select.h).  struct selinfo is
 * KERNEL_PRIVATE in XNU; the simulator gives its own layout here, the
 * kext only ever takes its address.
 */
#ifndef _XNU_SIM_SYS_SELECT_H
#define _XNU_SIM_SYS_SELECT_H

#include <sys/kernel_types.h>

struct selinfo {
	void *si_sim;		/* the simulator's wait record, or NULL */
	u_int si_flags;
};

void selrecord(proc_t selector, struct selinfo *sip, void *wql);
void selwakeup(struct selinfo *sip);
void selthreadclear(struct selinfo *sip);

#endif
