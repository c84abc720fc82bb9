/*
 * tt_xsim_child.c: tt_child.c for the darwin-sim target, with threads.
 * The simulated kernel lives in the test's process, so a forked child
 * would read, sleep and be woken in a copy of it that nobody else
 * touches.  A "child" here is a thread of the test; its "pid" an id of
 * this file's table, above any real pid, and its exit status fn's return
 * value.  A thread still blocked at the deadline cannot be killed: it is
 * left to the test's end (closing the device wakes it; the test has
 * failed anyway).  A test's own fork() (tt_xsim_shim.c) is waited for as
 * tt_child.c does.
 */
#include <pthread.h>
#include <stdlib.h>

#include "tt_test.h"
#include "tt_xsim.h"

#define TT_XSIM_NCHILD	64
#define TT_XSIM_CHILD0	(1 << 22)	/* Linux's PID_MAX_LIMIT */

struct tt_xsim_child {
	pthread_t t;
	int (*fn)(void *);
	void *arg;
	int status;
	int ready;		/* atomic: about to call fn */
	int done;		/* atomic: fn returned */
	int used;
};

static struct tt_xsim_child tt_xsim_children[TT_XSIM_NCHILD];
static pthread_mutex_t tt_xsim_child_lock = PTHREAD_MUTEX_INITIALIZER;

static void *tt_xsim_child_main(void *p)
{
	struct tt_xsim_child *c = p;
	int st;

	__atomic_store_n(&c->ready, 1, __ATOMIC_RELEASE);
	st = c->fn(c->arg);
	c->status = st & 0xff;		/* what _exit() would pass on */
	__atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

pid_t tt_child_start(int (*fn)(void *), void *arg)
{
	struct tt_xsim_child *c = NULL;
	int i;

	pthread_mutex_lock(&tt_xsim_child_lock);
	for (i = 0; i < TT_XSIM_NCHILD && !c; i++)
		if (!tt_xsim_children[i].used)
			c = &tt_xsim_children[i];
	if (c) {
		memset(c, 0, sizeof(*c));
		c->used = 1;
		c->fn = fn;
		c->arg = arg;
	}
	pthread_mutex_unlock(&tt_xsim_child_lock);
	if (!c) {
		errno = EAGAIN;
		return -1;
	}
	if (pthread_create(&c->t, NULL, tt_xsim_child_main, c) != 0) {
		c->used = 0;
		errno = EAGAIN;
		return -1;
	}
	return (pid_t)(c - tt_xsim_children) + TT_XSIM_CHILD0;
}

static struct tt_xsim_child *tt_xsim_child_of(pid_t pid)
{
	pid -= TT_XSIM_CHILD0;
	if (pid < 0 || pid >= TT_XSIM_NCHILD || !tt_xsim_children[pid].used)
		return NULL;
	return &tt_xsim_children[pid];
}

/* Joined once done: its status, and the slot free again. */
static int tt_xsim_child_reap(struct tt_xsim_child *c)
{
	int st;

	pthread_join(c->t, NULL);
	st = c->status;
	pthread_mutex_lock(&tt_xsim_child_lock);
	c->used = 0;
	pthread_mutex_unlock(&tt_xsim_child_lock);
	return st;
}

int tt_child_wait(pid_t pid, int ms)
{
	struct tt_xsim_child *c = tt_xsim_child_of(pid);
	long long deadline = tt_now_ms() + ms;

	if (pid > 0 && pid < TT_XSIM_CHILD0)
		return tt_child_reap(pid, ms);
	if (!c)
		return -1;
	while (!__atomic_load_n(&c->done, __ATOMIC_ACQUIRE)) {
		if (tt_now_ms() > deadline) {
			pthread_detach(c->t);	/* see the top */
			return -1;
		}
		tt_msleep(5);
	}
	return tt_xsim_child_reap(c);
}

int tt_child_asleep(pid_t pid, int ms)
{
	struct tt_xsim_child *c = tt_xsim_child_of(pid);
	long long deadline = tt_now_ms() + ms;

	if (pid > 0 && pid < TT_XSIM_CHILD0)
		return tt_child_reap_asleep(pid, ms);
	if (!c)
		return -2;
	do {
		if (__atomic_load_n(&c->done, __ATOMIC_ACQUIRE))
			return tt_xsim_child_reap(c);
		tt_msleep(5);
	} while (tt_now_ms() <= deadline);
	return -1;
}

pid_t tt_child_start_ready(int (*fn)(void *), void *arg, int ms, int *st)
{
	long long deadline = tt_now_ms() + ms;
	struct tt_xsim_child *c;
	pid_t pid;

	pid = tt_child_start(fn, arg);
	ck_assert_int_gt(pid, 0);
	c = tt_xsim_child_of(pid);
	while (!__atomic_load_n(&c->ready, __ATOMIC_ACQUIRE)) {
		if (tt_now_ms() > deadline) {
			*st = tt_child_wait(pid, 0);
			return -1;
		}
		tt_msleep(1);
	}
	return pid;
}

static int tt_xsim_child_read_match(void *arg)
{
	const struct tt_reader *r = arg;
	uint8_t *buf = malloc(TT_PKT_MAX);
	ssize_t n;
	int st;

	if (!buf)
		return TT_CHILD_SETUP;
	n = read(r->d->fd, buf, TT_PKT_MAX);
	if (n < 0)
		st = errno;
	else
		st = r->match(buf, (size_t)n, r->arg) ? TT_CHILD_OK :
							 TT_CHILD_BADPKT;
	free(buf);
	return st;
}

pid_t tt_reader_start_blocked(const struct tt_reader *r, int ms)
{
	struct tt_xsim_child *c;
	int st = -3;
	pid_t pid;

	pid = tt_child_start_ready(tt_xsim_child_read_match, (void *)r, ms,
				   &st);
	if (pid > 0) {
		/* no event tells that it sleeps, only that it has not
		 * returned */
		tt_msleep(200);
		c = tt_xsim_child_of(pid);
		if (__atomic_load_n(&c->done, __ATOMIC_ACQUIRE)) {
			st = tt_xsim_child_reap(c);
			pid = -1;
		}
	}
	ck_assert_msg(pid > 0, "read on an empty queue returned: %s",
		      tt_child_status(st));
	return pid;
}
