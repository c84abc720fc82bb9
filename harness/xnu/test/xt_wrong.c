// SPDX-License-Identifier: GPL-2.0-only
/*
 * xt_wrong.c: calls a kext must never make, each of which the simulator
 * has to stop with a panic (kernel side: built like the kexts).
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
