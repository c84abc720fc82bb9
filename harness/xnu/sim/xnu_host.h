/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xnu_host.h: the few host services the simulated kernel needs (memory,
 * threads, locks, logging, panic), with types neutral to both sides.
 *
 * The simulated kernel (the sim_*.c files) is compiled like the kexts,
 * against harness/xnu/include only; host.c is the one file that sees the
 * host's libc and pthreads.  Nothing else crosses.
 */
#ifndef XNU_HOST_H
#define XNU_HOST_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

void *xh_zalloc(size_t n);		/* zeroed; never NULL */
void xh_free(void *p);
void xh_panic(const char *fmt, ...)
	__attribute__((noreturn, format(__printf__, 1, 2)));
void xh_vlog(const char *fmt, va_list ap);
int xh_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
uint32_t xh_random(void);
void xh_msleep(int ms);
/* errno of the calling thread, by its name ("EBUSY"): the host's value */
void xh_set_errno_name(const char *name);

struct xh_mutex;
struct xh_mutex *xh_mutex_new(void);
void xh_mutex_free(struct xh_mutex *m);
void xh_mutex_lock(struct xh_mutex *m);
void xh_mutex_unlock(struct xh_mutex *m);

struct xh_rwlock;
struct xh_rwlock *xh_rwlock_new(void);
void xh_rwlock_free(struct xh_rwlock *l);
void xh_rwlock_lock(struct xh_rwlock *l, int exclusive);
void xh_rwlock_unlock(struct xh_rwlock *l);

struct xh_cond;
struct xh_cond *xh_cond_new(void);
void xh_cond_free(struct xh_cond *c);
void xh_cond_wait(struct xh_cond *c, struct xh_mutex *m);
/* 1 when ms passed without a signal */
int xh_cond_timedwait(struct xh_cond *c, struct xh_mutex *m, long ms);
void xh_cond_broadcast(struct xh_cond *c);

uintptr_t xh_self(void);		/* this thread, never 0 */
struct xh_thread;
struct xh_thread *xh_thread_start(void (*fn)(void *), void *arg);
void xh_thread_join(struct xh_thread *t);

#endif
