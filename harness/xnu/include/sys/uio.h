/* SPDX-License-Identifier: GPL-2.0-only */
/* sys/uio.h (simulated XNU, bsd/sys/uio.h): the KPI side of struct uio. */
#ifndef _XNU_SIM_SYS_UIO_H
#define _XNU_SIM_SYS_UIO_H

#include <sys/kernel_types.h>

user_ssize_t uio_resid(uio_t a_uio);
int uiomove(const char *cp, int n, struct uio *uio);

#endif
