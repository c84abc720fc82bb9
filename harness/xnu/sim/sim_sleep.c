// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim_sleep.c: msleep / wakeup (bsd/kern/kern_synch.c) and select's
 * selrecord / selwakeup (bsd/kern/sys_generic.c), on host threads.
 *
 * msleep drops the caller's mutex and sleeps in one step, so no wakeup
 * in between is lost, and takes the mutex again before it returns, as
 * XNU's does; the caller must hold the mutex (else panic).  With PCATCH
 * a signal ends the sleep (kern_synch.c _sleep): EINTR when the signal
 * interrupts system calls, ERESTART when it restarts them (SA_RESTART);
 * without PCATCH the sleep goes on.  A select
 * scans, and if nothing is ready sleeps until any selwakeup, then scans
 * again (XNU rescans too: a wakeup is a hint, not a verdict).
 */
#include <sys/param.h>
#include <sys/proc.h>

#include "sim_internal.h"

struct xs_waiter {
	void *chan;
	int woken;
	int pcatch;
	int signalled;		/* EINTR or ERESTART, from xsim_signal */
	struct xs_waiter *next;
};

static struct xh_mutex *xs_sleep_lock;
static struct xh_cond *xs_sleep_cond;
static struct xs_waiter *xs_sleepers;

/* select: one generation number, bumped by every selwakeup */
static struct xh_cond *xs_sel_cond;
static unsigned long xs_sel_gen;

#define XS_SELCTX_MAGIC 0x73656c21u
struct xs_selctx {
	u_int32_t magic;
	unsigned long gen;
};

void xs_sleep_boot(void)
{
	xs_sleep_lock = xh_mutex_new();
	xs_sleep_cond = xh_cond_new();
	xs_sel_cond = xh_cond_new();
	xs_sleepers = NULL;
	xs_sel_gen = 0;
}

void xs_sleep_shutdown(void)
{
	if (xs_sleepers)
		xh_panic("simulator: shutdown with a thread still in msleep "
			 "on %p", xs_sleepers->chan);
	xh_cond_free(xs_sel_cond);
	xh_cond_free(xs_sleep_cond);
	xh_mutex_free(xs_sleep_lock);
}

int msleep(void *chan, lck_mtx_t *mtx, int pri, const char *wmesg,
	   struct timespec *ts)
{
	struct xs_waiter w = { chan, 0, (pri & PCATCH) != 0, 0, NULL };
	struct xs_waiter **pp;
	int err = 0;

	(void)wmesg;
	if (!chan)
		xh_panic("msleep: NULL channel");
	if (mtx)
		lck_mtx_assert(mtx, LCK_MTX_ASSERT_OWNED);
	xh_mutex_lock(xs_sleep_lock);
	w.next = xs_sleepers;
	xs_sleepers = &w;
	if (mtx)
		lck_mtx_unlock(mtx);
	if (xs_witness_held())
		xh_panic("msleep: %d lock(s) held while sleeping on %p",
			 xs_witness_held(), chan);
	while (!w.woken && !w.signalled) {
		if (!ts) {
			xh_cond_wait(xs_sleep_cond, xs_sleep_lock);
			continue;
		}
		if (xh_cond_timedwait(xs_sleep_cond, xs_sleep_lock,
				      ts->tv_sec * 1000 + ts->tv_nsec / 1000000)) {
			err = EWOULDBLOCK;
			break;
		}
	}
	if (w.signalled && !w.woken)
		err = w.signalled;
	for (pp = &xs_sleepers; *pp != &w; pp = &(*pp)->next)
		;
	*pp = w.next;
	xh_mutex_unlock(xs_sleep_lock);
	if (mtx)
		lck_mtx_lock(mtx);
	return err;
}

int xsim_signal(int restart)
{
	struct xs_waiter *w;
	int n = 0;

	xh_mutex_lock(xs_sleep_lock);
	for (w = xs_sleepers; w; w = w->next)
		if (w->pcatch && !w->woken && !w->signalled) {
			w->signalled = restart ? ERESTART : EINTR;
			n++;
		}
	xh_cond_broadcast(xs_sleep_cond);
	xh_mutex_unlock(xs_sleep_lock);
	return n;
}

void wakeup(void *chan)
{
	struct xs_waiter *w;

	xh_mutex_lock(xs_sleep_lock);
	for (w = xs_sleepers; w; w = w->next)
		if (w->chan == chan)
			w->woken = 1;
	xh_cond_broadcast(xs_sleep_cond);
	xh_mutex_unlock(xs_sleep_lock);
}

struct xs_selctx *xs_sel_begin(void)
{
	struct xs_selctx *ctx = xh_zalloc(sizeof(*ctx));

	ctx->magic = XS_SELCTX_MAGIC;
	xh_mutex_lock(xs_sleep_lock);
	ctx->gen = xs_sel_gen;
	xh_mutex_unlock(xs_sleep_lock);
	return ctx;
}

/* Sleep until a selwakeup after the last scan; 1 when ms ran out. */
int xs_sel_wait(struct xs_selctx *ctx, long ms)
{
	int timed_out = 0;

	xh_mutex_lock(xs_sleep_lock);
	while (ctx->gen == xs_sel_gen && !timed_out) {
		if (ms < 0)
			xh_cond_wait(xs_sel_cond, xs_sleep_lock);
		else
			timed_out = xh_cond_timedwait(xs_sel_cond,
						      xs_sleep_lock, ms);
	}
	ctx->gen = xs_sel_gen;
	xh_mutex_unlock(xs_sleep_lock);
	return timed_out;
}

void xs_sel_end(struct xs_selctx *ctx)
{
	ctx->magic = 0;
	xh_free(ctx);
}

void selrecord(proc_t selector, struct selinfo *sip, void *wql)
{
	struct xs_selctx *ctx = wql;

	(void)selector;
	if (!sip)
		xh_panic("selrecord: NULL selinfo");
	if (!ctx || ctx->magic != XS_SELCTX_MAGIC)
		xh_panic("selrecord: wql %p is not the current select's", wql);
	xh_mutex_lock(xs_sleep_lock);
	sip->si_sim = ctx;
	xh_mutex_unlock(xs_sleep_lock);
}

/* Wakes the selects recorded on sip, only those (as the selinfo's waitq
 * does): a driver that forgot selrecord leaves select asleep. */
void selwakeup(struct selinfo *sip)
{
	if (!sip)
		xh_panic("selwakeup: NULL selinfo");
	xh_mutex_lock(xs_sleep_lock);
	if (sip->si_sim) {
		sip->si_sim = NULL;
		xs_sel_gen++;
		xh_cond_broadcast(xs_sel_cond);
	}
	xh_mutex_unlock(xs_sleep_lock);
}

void selthreadclear(struct selinfo *sip)
{
	if (!sip)
		xh_panic("selthreadclear: NULL selinfo");
	xh_mutex_lock(xs_sleep_lock);
	sip->si_sim = NULL;
	xh_mutex_unlock(xs_sleep_lock);
}
