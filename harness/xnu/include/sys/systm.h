/* sys/systm.h (simulated XNU, bsd/sys/systm.h with libkern/libkern.h and
 * the kernel's <string.h>): printing and memory helpers. */
#ifndef _XNU_SIM_SYS_SYSTM_H
#define _XNU_SIM_SYS_SYSTM_H

#include <sys/types.h>
#include <sys/proc.h>

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void bzero(void *s, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
u_int32_t random(void);

#endif
