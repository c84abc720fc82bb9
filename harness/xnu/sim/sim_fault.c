// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim_fault.c: allocation failure injection.  Every KPI call that
 * allocates, and that XNU lets fail (mbufs even when waiting:
 * kpi_mbuf.c returns ENOMEM when m_get does; lock groups and mutexes,
 * device nodes, interfaces, protocol attachments, plumbers, bpf), asks
 * xs_fault first.  Armed with n, the n-th such call from then on fails,
 * once; every call site is remembered with the function it called, so a
 * test that fails each call of a run in turn can show it failed every
 * site the run reached.  The simulator's own allocations never ask.
 */
#include "sim_internal.h"

#define XS_FSITES 64

static struct xh_mutex *xs_fault_lock;
static long xs_fault_at;	/* fail the call of this number; 0: none */
static long xs_fault_calls;	/* calls counted since armed */
static int xs_fault_fired;
static struct {
	const char *fn;
	const void *site;
	long failed;
} xs_fsites[XS_FSITES];
static int xs_nfsites;

void xs_fault_boot(void)
{
	xs_fault_lock = xh_mutex_new();
	xs_fault_at = xs_fault_calls = 0;
	xs_fault_fired = 0;
}

void xs_fault_shutdown(void)
{
	xh_mutex_free(xs_fault_lock);
	xs_fault_lock = NULL;
}

/* 1: the call at site of fn fails now. */
int xs_fault(const char *fn, const void *site)
{
	int i, fail;

	xh_mutex_lock(xs_fault_lock);
	for (i = 0; i < xs_nfsites; i++)
		if (xs_fsites[i].site == site && xs_fsites[i].fn == fn)
			break;
	if (i == xs_nfsites && i < XS_FSITES) {
		xs_fsites[i].fn = fn;
		xs_fsites[i].site = site;
		xs_fsites[i].failed = 0;
		xs_nfsites++;
	}
	fail = xs_fault_at && ++xs_fault_calls == xs_fault_at;
	if (fail) {
		xs_fault_fired = 1;
		if (i < XS_FSITES)
			xs_fsites[i].failed++;
	}
	xh_mutex_unlock(xs_fault_lock);
	return fail;
}

void xsim_fault_arm(long n)
{
	xh_mutex_lock(xs_fault_lock);
	xs_fault_at = n;
	xs_fault_calls = 0;
	xs_fault_fired = 0;
	xh_mutex_unlock(xs_fault_lock);
}

int xsim_fault_fired(void)
{
	int f;

	xh_mutex_lock(xs_fault_lock);
	f = xs_fault_fired;
	xh_mutex_unlock(xs_fault_lock);
	return f;
}

/*
 * The sites are kept across boots (the kexts' code does not move), so a
 * test can sum them over its runs.  Site i: the KPI function, how many
 * times it was made to fail there; -1 past the last.
 */
long xsim_fault_site(int i, const char **fn)
{
	if (i < 0 || i >= xs_nfsites)
		return -1;
	*fn = xs_fsites[i].fn;
	return xs_fsites[i].failed;
}
