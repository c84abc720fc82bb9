/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sys/kernel_types.h (simulated XNU, bsd/sys/kernel_types.h): the opaque
 * handles of the KPIs.  The structures behind them are the simulator's.
 */
#ifndef _XNU_SIM_SYS_KERNEL_TYPES_H
#define _XNU_SIM_SYS_KERNEL_TYPES_H

#include <sys/types.h>

typedef struct __ifnet *ifnet_t;
typedef struct __mbuf *mbuf_t;
typedef struct proc *proc_t;
typedef struct uio *uio_t;
typedef struct __ifaddr *ifaddr_t;
typedef struct __ifmultiaddr *ifmultiaddr_t;

#endif
