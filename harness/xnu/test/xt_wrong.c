// SPDX-License-Identifier: GPL-2.0-only
/*
 * xt_wrong.c: calls a kext must never make, each of which the simulator
 * has to stop with a panic (kernel side: built like the kexts); and
 * another driver's interface, for the tests of a name held elsewhere.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/ioctl.h>
#include <sys/kpi_mbuf.h>
#include <sys/proc.h>
#include <kern/locks.h>
#include <net/kpi_interface.h>

#include "xnu_sim.h"

void xt_wrong_mbuf_double_free(void);
void xt_wrong_unlock_unheld(void);
void xt_wrong_release_early(void);
void xt_wrong_msleep_unlocked(void);
void xt_wrong_lock_order(void);
void xt_wrong_sleep_holding(void);
extern const unsigned long xt_REQ_UNKNOWN;

/* an ioctl no driver here knows, same group as TUNSIFHEAD */
const unsigned long xt_REQ_UNKNOWN = _IOW('t', 90, int);

void xt_wrong_mbuf_double_free(void)
{
	mbuf_t m;

	mbuf_gethdr(MBUF_WAITOK, MBUF_TYPE_DATA, &m);
	mbuf_freem(m);
	mbuf_freem(m);
}

void xt_wrong_unlock_unheld(void)
{
	lck_grp_t *g = lck_grp_alloc_init("xt", LCK_GRP_ATTR_NULL);
	lck_mtx_t *l = lck_mtx_alloc_init(g, LCK_ATTR_NULL);

	lck_mtx_unlock(l);
}

void xt_wrong_msleep_unlocked(void)
{
	lck_grp_t *g = lck_grp_alloc_init("xt", LCK_GRP_ATTR_NULL);
	lck_mtx_t *l = lck_mtx_alloc_init(g, LCK_ATTR_NULL);
	int chan;

	msleep(&chan, l, 0, "xt", NULL);
}

/* A then B, later B then A: the second order panics at once, alone. */
void xt_wrong_lock_order(void)
{
	lck_grp_t *g = lck_grp_alloc_init("xt", LCK_GRP_ATTR_NULL);
	lck_mtx_t *a = lck_mtx_alloc_init(g, LCK_ATTR_NULL);
	lck_mtx_t *b = lck_mtx_alloc_init(g, LCK_ATTR_NULL);

	lck_mtx_lock(a);
	lck_mtx_lock(b);
	lck_mtx_unlock(b);
	lck_mtx_unlock(a);
	lck_mtx_lock(b);
	lck_mtx_lock(a);
}

/* Asleep with a second lock held: whoever needs it waits on the sleep. */
void xt_wrong_sleep_holding(void)
{
	lck_grp_t *g = lck_grp_alloc_init("xt", LCK_GRP_ATTR_NULL);
	lck_mtx_t *a = lck_mtx_alloc_init(g, LCK_ATTR_NULL);
	lck_mtx_t *b = lck_mtx_alloc_init(g, LCK_ATTR_NULL);
	struct timespec ts = { 0, 1000000 };
	int chan;

	lck_mtx_lock(a);
	lck_mtx_lock(b);
	msleep(&chan, b, 0, "xt", &ts);
}

static errno_t xt_out(ifnet_t ifp, mbuf_t m)
{
	(void)ifp;
	mbuf_freem(m);
	return 0;
}

static errno_t xt_demux(ifnet_t ifp, mbuf_t m, char *h, protocol_family_t *pf)
{
	(void)ifp;
	(void)m;
	(void)h;
	(void)pf;
	return ENOENT;
}

static errno_t xt_add(ifnet_t ifp, protocol_family_t pf,
		      const struct ifnet_demux_desc *d, u_int32_t n)
{
	(void)ifp;
	(void)pf;
	(void)d;
	(void)n;
	return 0;
}

static errno_t xt_del(ifnet_t ifp, protocol_family_t pf)
{
	(void)ifp;
	(void)pf;
	return 0;
}

/*
 * Another driver's interface named name (its family), allocated and held
 * (hold 1) or let go (hold 0): dlil_if_acquire then refuses the name.
 */
int xt_foreign_ifnet(const char *name, unsigned int unit, int hold)
{
	static ifnet_t held;
	struct ifnet_init_params init = { 0 };

	if (!hold) {
		ifnet_release(held);
		held = NULL;
		return 0;
	}
	init.name = name;
	init.unit = unit;
	init.family = IFNET_FAMILY_TUN;
	init.output = xt_out;
	init.demux = xt_demux;
	init.add_proto = xt_add;
	init.del_proto = xt_del;
	return ifnet_allocate(&init, &held) ? -1 : 0;
}

/* detach, then release at once: before the detach callback could run */
void xt_wrong_release_early(void)
{
	struct ifnet_init_params init = { 0 };
	ifnet_t ifp;

	xsim_set_detach_delay_ms(500);
	init.name = "xt";
	init.family = IFNET_FAMILY_TUN;
	init.output = xt_out;
	init.demux = xt_demux;
	init.add_proto = xt_add;
	init.del_proto = xt_del;
	ifnet_allocate(&init, &ifp);
	ifnet_attach(ifp, NULL);
	ifnet_detach(ifp);
	ifnet_release(ifp);
}
