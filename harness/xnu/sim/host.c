// SPDX-License-Identifier: GPL-2.0-only
/*
 * host.c: the host side of the simulator (see xnu_host.h): libc and
 * pthreads behind neutral names, the kernel log the tests read, and
 * panic, which aborts the process as loudly as XNU's panic stops a Mac.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xnu_host.h"
#include "xnu_sim.h"

void *xh_zalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (!p)
		xh_panic("simulator: out of memory (%zu bytes)", n);
	return p;
}

void xh_free(void *p)
{
	free(p);
}

void xh_panic(const char *fmt, ...)
{
	va_list ap;

	fputs("panic: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	abort();
}

/* ---- the kernel log ---------------------------------------------------- */

#define XH_LOG_MAX 16384
static pthread_mutex_t xh_log_lock = PTHREAD_MUTEX_INITIALIZER;
static char xh_log_buf[XH_LOG_MAX];
static size_t xh_log_len;

void xh_vlog(const char *fmt, va_list ap)
{
	char line[512];

	vsnprintf(line, sizeof(line), fmt, ap);
	if (getenv("XSIM_VERBOSE"))
		fprintf(stderr, "kernel: %s", line);
	pthread_mutex_lock(&xh_log_lock);
	if (xh_log_len + strlen(line) < XH_LOG_MAX) {
		memcpy(xh_log_buf + xh_log_len, line, strlen(line) + 1);
		xh_log_len += strlen(line);
	}
	pthread_mutex_unlock(&xh_log_lock);
}

int xsim_log_count(const char *needle)
{
	const char *p;
	int n = 0;

	pthread_mutex_lock(&xh_log_lock);
	for (p = xh_log_buf; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	pthread_mutex_unlock(&xh_log_lock);
	return n;
}

int xsim_log_lines(void)
{
	int n = 0;
	size_t i;

	pthread_mutex_lock(&xh_log_lock);
	for (i = 0; i < xh_log_len; i++)
		n += xh_log_buf[i] == '\n';
	pthread_mutex_unlock(&xh_log_lock);
	return n;
}

void xsim_log_clear(void)
{
	pthread_mutex_lock(&xh_log_lock);
	xh_log_len = 0;
	xh_log_buf[0] = '\0';
	pthread_mutex_unlock(&xh_log_lock);
}

int xh_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	return vsnprintf(buf, n, fmt, ap);
}

uint32_t xh_random(void)
{
	return (uint32_t)random();
}

void xh_msleep(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* XNU's errno names to the host's values: the tests compare by name. */
static const struct {
	const char *name;
	int value;
} xh_errnos[] = {
	{ "EPERM", EPERM }, { "ENOENT", ENOENT }, { "EINTR", EINTR },
	{ "EIO", EIO }, { "ENXIO", ENXIO }, { "EBADF", EBADF },
	{ "ENOMEM", ENOMEM }, { "EFAULT", EFAULT }, { "EBUSY", EBUSY },
	{ "EEXIST", EEXIST }, { "ENODEV", ENODEV }, { "EINVAL", EINVAL },
	{ "ENOTTY", ENOTTY }, { "ENOSPC", ENOSPC }, { "EAGAIN", EAGAIN },
	{ "EMSGSIZE", EMSGSIZE }, { "EPROTONOSUPPORT", EPROTONOSUPPORT },
	{ "ENOTSUP", ENOTSUP }, { "EAFNOSUPPORT", EAFNOSUPPORT },
	{ "ENOBUFS", ENOBUFS }, { "EHOSTDOWN", EHOSTDOWN },
	{ "EOPNOTSUPP", EOPNOTSUPP },
};

void xh_set_errno_name(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(xh_errnos) / sizeof(xh_errnos[0]); i++)
		if (!strcmp(xh_errnos[i].name, name)) {
			errno = xh_errnos[i].value;
			return;
		}
	xh_panic("simulator: no host errno for %s", name);
}

/* ---- locks and threads -------------------------------------------------- */

struct xh_mutex {
	pthread_mutex_t m;
};

struct xh_cond {
	pthread_cond_t c;
};

struct xh_mutex *xh_mutex_new(void)
{
	struct xh_mutex *m = xh_zalloc(sizeof(*m));

	pthread_mutex_init(&m->m, NULL);
	return m;
}

void xh_mutex_free(struct xh_mutex *m)
{
	pthread_mutex_destroy(&m->m);
	free(m);
}

void xh_mutex_lock(struct xh_mutex *m)
{
	pthread_mutex_lock(&m->m);
}

void xh_mutex_unlock(struct xh_mutex *m)
{
	pthread_mutex_unlock(&m->m);
}

struct xh_rwlock {
	pthread_rwlock_t rw;
};

struct xh_rwlock *xh_rwlock_new(void)
{
	struct xh_rwlock *l = xh_zalloc(sizeof(*l));

	pthread_rwlock_init(&l->rw, NULL);
	return l;
}

void xh_rwlock_free(struct xh_rwlock *l)
{
	pthread_rwlock_destroy(&l->rw);
	free(l);
}

void xh_rwlock_lock(struct xh_rwlock *l, int exclusive)
{
	if (exclusive)
		pthread_rwlock_wrlock(&l->rw);
	else
		pthread_rwlock_rdlock(&l->rw);
}

void xh_rwlock_unlock(struct xh_rwlock *l)
{
	pthread_rwlock_unlock(&l->rw);
}

struct xh_cond *xh_cond_new(void)
{
	struct xh_cond *c = xh_zalloc(sizeof(*c));
	pthread_condattr_t a;

	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(&c->c, &a);
	pthread_condattr_destroy(&a);
	return c;
}

void xh_cond_free(struct xh_cond *c)
{
	pthread_cond_destroy(&c->c);
	free(c);
}

void xh_cond_wait(struct xh_cond *c, struct xh_mutex *m)
{
	pthread_cond_wait(&c->c, &m->m);
}

int xh_cond_timedwait(struct xh_cond *c, struct xh_mutex *m, long ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return pthread_cond_timedwait(&c->c, &m->m, &ts) == ETIMEDOUT;
}

void xh_cond_broadcast(struct xh_cond *c)
{
	pthread_cond_broadcast(&c->c);
}

uintptr_t xh_self(void)
{
	static __thread char marker;

	return (uintptr_t)&marker;
}

struct xh_thread {
	pthread_t t;
	void (*fn)(void *);
	void *arg;
};

static void *xh_thread_main(void *p)
{
	struct xh_thread *t = p;

	t->fn(t->arg);
	return NULL;
}

struct xh_thread *xh_thread_start(void (*fn)(void *), void *arg)
{
	struct xh_thread *t = xh_zalloc(sizeof(*t));

	t->fn = fn;
	t->arg = arg;
	if (pthread_create(&t->t, NULL, xh_thread_main, t))
		xh_panic("simulator: pthread_create failed");
	return t;
}

void xh_thread_join(struct xh_thread *t)
{
	pthread_join(t->t, NULL);
	free(t);
}
