/* SPDX-License-Identifier: GPL-2.0-only */
/* sys/systm.h (simulated XNU, bsd/sys/systm.h with libkern/libkern.h and
 * the kernel's <string.h>): printing and memory helpers. */
#ifndef _XNU_SIM_SYS_SYSTM_H
#define _XNU_SIM_SYS_SYSTM_H

#include <sys/types.h>
#include <sys/proc.h>

/* The simulator's kernel log, not the host's stdout. */
#define printf xnu_sim_printf
#define random xnu_sim_random
int printf(const char *fmt, ...) __attribute__((format(__printf__, 1, 2)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(__printf__, 3, 4)));
void bzero(void *s, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
u_int32_t random(void);

#endif
