// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim_ifnet.c: interfaces (bsd/net/kpi_interface.c over bsd/net/dlil.c).
 *
 * An ifnet is allocated (one reference, the driver's), attached (the
 * stack takes its own), detached: ifnet_detach only marks it and hands it
 * to the detacher thread, which later detaches the protocols, calls the
 * driver's detach callback and drops the stack's reference (as dlil's
 * ifnet_detacher_thread_func and ifnet_detach_final do).  Strict: the
 * driver giving up its last reference while the interface is attached or
 * its detach has not completed panics; so do a second attach or detach,
 * and any call on a freed interface.
 *
 * Until the detach callback the stack may still call the driver (its
 * output, ioctl and demux: the detacher does, first); it unplumbs each
 * protocol through its plumber (proto_unplumb); and the name stays in use
 * a little after the callback (ifnet_detach_final clears DLIF_INUSE
 * last), so an ifnet_allocate of the same name meanwhile gets EBUSY from
 * dlil_if_acquire (dlil_ctl.c), as does one while the old one is alive.
 *
 * Locks as dlil's: each ifnet's lock (lck_rw "ifnet_lock"), taken
 * exclusively by attach, detach, ifnet_set_flags, ifnet_set_lladdr
 * (after the interface list's lock, "ifnet_head_lock"), around the
 * driver's add_proto and del_proto (sim_proto.c), and shared around its
 * demux.  ifnet_ioctl calls the driver's ioctl without it.
 */
#include "sim_internal.h"

#define XS_IF_MAGIC	0x69666e21u
#define XS_IF_DEAD	0x69666e2du
#define XS_NPROTO	4

enum xs_if_state {
	XS_IF_ALLOCATED,
	XS_IF_ATTACHED,
	XS_IF_DETACHING,	/* ifnet_detach called, waiting for the thread */
	XS_IF_CALLBACK,		/* the driver's detach callback is running */
	XS_IF_DETACHED,		/* it returned: no driver code is used again */
};

struct __ifnet {
	u_int32_t magic;
	enum xs_if_state state;
	int refcnt;		/* the driver's and the stack's references */
	int simrefs;		/* the simulator's own short holds */
	int owner;		/* the kext that allocated it */
	char xname[IFNAMSIZ];
	char family_name[IFNAMSIZ];
	struct ifnet_init_params init;
	u_int16_t flags;
	u_int32_t mtu;
	u_int8_t hdrlen;
	u_int8_t addrlen;
	u_int8_t lladdr[16];
	struct ifnet_stats_param st;
	struct xs_rwlock lock;	/* the interface lock */
	int inuse;		/* dlil's DLIF_INUSE: the name is taken */
	struct __ifnet *next;
	struct __ifnet *detach_next;
};

static struct __ifnet *xs_ifnets;	/* every ifnet not yet freed */
static struct __ifnet *xs_detach_queue;
static struct xh_cond *xs_detach_cond;
static struct xh_thread *xs_detacher;
static int xs_detacher_stop;
static int xs_detach_delay_ms;
static int xs_detach_tail_ms;	/* callback to DLIF_INUSE cleared */
static struct xs_rwlock xs_ifnet_head;	/* ifnet_head_lock */
/* what the driver answered the stack's late calls (see the detacher) */
static long xs_late_calls;
static int xs_late_output_err, xs_late_ioctl_err;

void xsim_set_detach_tail_ms(int ms)
{
	xh_mutex_lock(xs_lock);
	xs_detach_tail_ms = ms;
	xh_mutex_unlock(xs_lock);
}

long xsim_late_calls(int *output_err, int *ioctl_err)
{
	long n;

	xh_mutex_lock(xs_lock);
	n = xs_late_calls;
	*output_err = xs_late_output_err;
	*ioctl_err = xs_late_ioctl_err;
	xh_mutex_unlock(xs_lock);
	return n;
}

void xsim_set_detach_delay_ms(int ms)
{
	xh_mutex_lock(xs_lock);
	xs_detach_delay_ms = ms;
	xh_mutex_unlock(xs_lock);
}

/*
 * Interfaces of kext (any kext: -3) whose detach has not completed.  One
 * whose callback is running right now is waited for: the driver woke
 * its closer from inside the callback, which has a few instructions left
 * to run.  (XNU does not wait; the window is the same in every kext that
 * sleeps on its detach callback, and too short to matter there.)
 */
long xs_ifnets_of(int kext)
{
	struct __ifnet *ifp;
	long n, running;

	for (;;) {
		n = running = 0;
		xh_mutex_lock(xs_lock);
		for (ifp = xs_ifnets; ifp; ifp = ifp->next) {
			if (kext != -3 && ifp->owner != kext)
				continue;
			running += ifp->state == XS_IF_CALLBACK;
			n += ifp->state != XS_IF_DETACHED;
		}
		xh_mutex_unlock(xs_lock);
		if (!running)
			return n;
		xh_msleep(1);
	}
}

long xsim_live_ifnets(void)
{
	return xs_ifnets_of(-3);
}

/* Under xs_lock. */
static void xs_if_check(const struct __ifnet *ifp, const char *fn)
{
	if (!ifp)
		xh_panic("%s: NULL ifnet", fn);
	if (ifp->magic == XS_IF_DEAD)
		xh_panic("%s: ifnet %p used after it was freed", fn,
			 (const void *)ifp);
	if (ifp->magic != XS_IF_MAGIC)
		xh_panic("%s: %p is not an ifnet", fn, (const void *)ifp);
}

/* Under xs_lock: free when nobody holds it any more. */
static void xs_if_maybe_free(struct __ifnet *ifp)
{
	struct __ifnet **pp;

	if (ifp->refcnt > 0 || ifp->simrefs > 0)
		return;
	for (pp = &xs_ifnets; *pp != ifp; pp = &(*pp)->next)
		;
	*pp = ifp->next;
	ifp->magic = XS_IF_DEAD;
	xs_rw_destroy(&ifp->lock);
	xh_free(ifp);
}

errno_t ifnet_allocate(const struct ifnet_init_params *init, ifnet_t *out)
{
	struct __ifnet *ifp, *o;

	if (!init || !out || !init->name || !init->output || !init->demux ||
	    !init->add_proto || !init->del_proto)
		return EINVAL;	/* the KPI's required fields */
	if (init->family != IFNET_FAMILY_TUN && !init->check_multi &&
	    init->family != IFNET_FAMILY_UTUN)
		return EINVAL;	/* required unless point to point */
	if (xs_fault("ifnet_allocate", __builtin_return_address(0)))
		return ENOMEM;
	ifp = xh_zalloc(sizeof(*ifp));
	ifp->magic = XS_IF_MAGIC;
	ifp->state = XS_IF_ALLOCATED;
	ifp->refcnt = 1;
	ifp->owner = xs_cur_kext;
	ifp->init = *init;
	snprintf(ifp->family_name, sizeof(ifp->family_name), "%s", init->name);
	snprintf(ifp->xname, sizeof(ifp->xname), "%s%u", init->name,
		 init->unit);
	ifp->mtu = 1500;
	ifp->inuse = 1;
	xh_mutex_lock(xs_lock);
	for (o = xs_ifnets; o; o = o->next)
		if (o->inuse && o->init.family == init->family &&
		    !strcmp(o->xname, ifp->xname)) {
			xh_mutex_unlock(xs_lock);
			xh_free(ifp);
			return EBUSY;	/* dlil_if_acquire */
		}
	xs_rw_init(&ifp->lock, "ifnet_lock");
	ifp->next = xs_ifnets;
	xs_ifnets = ifp;
	xh_mutex_unlock(xs_lock);
	*out = ifp;
	return 0;
}

errno_t ifnet_reference(ifnet_t ifp)
{
	xh_mutex_lock(xs_lock);
	xs_if_check(ifp, "ifnet_reference");
	ifp->refcnt++;
	xh_mutex_unlock(xs_lock);
	return 0;
}

errno_t ifnet_release(ifnet_t ifp)
{
	xh_mutex_lock(xs_lock);
	xs_if_check(ifp, "ifnet_release");
	if (ifp->refcnt <= 0)
		xh_panic("ifnet_release: %s: reference count underflow",
			 ifp->xname);
	/* attached or detaching: the stack holds one, the driver the rest */
	if ((ifp->state == XS_IF_ATTACHED || ifp->state == XS_IF_DETACHING) &&
	    ifp->refcnt <= 2)
		xh_panic("ifnet_release: %s: the driver's last reference "
			 "released while the interface is %s (release only "
			 "after the detach callback ran)", ifp->xname,
			 ifp->state == XS_IF_ATTACHED ? "attached" :
			 "still detaching");
	ifp->refcnt--;
	xs_if_maybe_free(ifp);
	xh_mutex_unlock(xs_lock);
	return 0;
}

/* ifnet_attach and ifnet_detach: the list's lock, then the interface's */
static void xs_if_lock_both(ifnet_t ifp, const char *fn)
{
	xh_mutex_lock(xs_lock);
	xs_if_check(ifp, fn);
	xh_mutex_unlock(xs_lock);
	xs_rw_lock(&xs_ifnet_head, 1);
	xs_rw_lock(&ifp->lock, 1);
}

static void xs_if_unlock_both(ifnet_t ifp)
{
	xs_rw_unlock(&ifp->lock);
	xs_rw_unlock(&xs_ifnet_head);
}

errno_t ifnet_attach(ifnet_t ifp, const struct sockaddr_dl *ll_addr)
{
	struct __ifnet *o;

	if (xs_fault("ifnet_attach", __builtin_return_address(0)))
		return ENOMEM;
	xs_if_lock_both(ifp, "ifnet_attach");
	xh_mutex_lock(xs_lock);
	if (ifp->state != XS_IF_ALLOCATED)
		xh_panic("ifnet_attach: %s attached twice (allocate a new "
			 "ifnet to attach again)", ifp->xname);
	for (o = xs_ifnets; o; o = o->next)
		if (o != ifp && o->state == XS_IF_ATTACHED &&
		    !strcmp(o->xname, ifp->xname)) {
			xh_mutex_unlock(xs_lock);
			xs_if_unlock_both(ifp);
			return EEXIST;
		}
	if (ll_addr) {
		const u_int8_t *sdl = (const u_int8_t *)ll_addr;
		u_int8_t nlen = sdl[5], alen = sdl[6];

		/* struct sockaddr_dl: name, then the address, in sdl_data */
		if (alen > sizeof(ifp->lladdr))
			xh_panic("ifnet_attach: %s: link address of %u bytes",
				 ifp->xname, alen);
		memcpy(ifp->lladdr, sdl + 8 + nlen, alen);
		ifp->addrlen = alen;
	}
	ifp->state = XS_IF_ATTACHED;
	ifp->refcnt++;
	xh_mutex_unlock(xs_lock);
	xs_if_unlock_both(ifp);
	return 0;
}

errno_t ifnet_detach(ifnet_t ifp)
{
	xs_if_lock_both(ifp, "ifnet_detach");
	xh_mutex_lock(xs_lock);
	if (ifp->state != XS_IF_ATTACHED)
		xh_panic("ifnet_detach: %s is not attached", ifp->xname);
	ifp->state = XS_IF_DETACHING;
	ifp->detach_next = xs_detach_queue;
	xs_detach_queue = ifp;
	xh_cond_broadcast(xs_detach_cond);
	xh_mutex_unlock(xs_lock);
	xs_if_unlock_both(ifp);
	return 0;
}

void xs_ifnet_lock(ifnet_t ifp, int exclusive)
{
	xs_rw_lock(&ifp->lock, exclusive);
}

void xs_ifnet_unlock(ifnet_t ifp)
{
	xs_rw_unlock(&ifp->lock);
}

/*
 * What the stack may still do to an interface being detached, before
 * the driver's detach callback: send it a packet (its output frees it,
 * on refusal too), ask it an ioctl, have it demux a frame (under the
 * interface lock, as input does).  The answers are kept for the tests.
 */
static void xs_if_late_calls(ifnet_t ifp)
{
	struct ifnet_init_params *init = &ifp->init;
	struct ifstat ifs;
	char frame[64];
	protocol_family_t pf;
	errno_t out_err, ioctl_err;
	mbuf_t m;

	bzero(frame, sizeof(frame));
	m = xs_mbuf_from(frame, sizeof(frame), 0, 0);
	out_err = init->output(ifp, m);
	bzero(&ifs, sizeof(ifs));
	ioctl_err = init->ioctl ? init->ioctl(ifp, SIOCGIFSTATUS, &ifs) :
				  EOPNOTSUPP;
	m = xs_mbuf_from(frame, sizeof(frame), 0, 0);
	xs_ifnet_lock(ifp, 0);
	(void)init->demux(ifp, m, frame, &pf);
	xs_ifnet_unlock(ifp);
	mbuf_freem(m);
	xh_mutex_lock(xs_lock);
	xs_late_calls++;
	xs_late_output_err = out_err;
	xs_late_ioctl_err = ioctl_err;
	xh_mutex_unlock(xs_lock);
}

/* The detacher thread: protocols off, the driver's callback, unref. */
static void xs_detacher_main(void *arg)
{
	(void)arg;
	xh_mutex_lock(xs_lock);
	for (;;) {
		struct __ifnet *ifp = xs_detach_queue;
		ifnet_detached_func cb;

		if (!ifp) {
			if (xs_detacher_stop)
				break;
			xh_cond_wait(xs_detach_cond, xs_lock);
			continue;
		}
		xs_detach_queue = ifp->detach_next;
		ifp->simrefs++;
		xh_mutex_unlock(xs_lock);
		if (xs_detach_delay_ms)
			xh_msleep(xs_detach_delay_ms);
		xs_cur_kext = ifp->owner;
		xs_if_late_calls(ifp);
		xs_proto_detach_all(ifp);
		xs_bpf_detach(ifp);
		cb = ifp->init.detach;
		/* from here the driver may let go: its callback is running */
		xh_mutex_lock(xs_lock);
		ifp->state = XS_IF_CALLBACK;
		xh_mutex_unlock(xs_lock);
		if (cb)
			cb(ifp);
		xs_cur_kext = XS_NO_KEXT;
		xh_mutex_lock(xs_lock);
		ifp->state = XS_IF_DETACHED;
		if (xs_detach_tail_ms) {
			xh_mutex_unlock(xs_lock);
			xh_msleep(xs_detach_tail_ms);
			xh_mutex_lock(xs_lock);
		}
		ifp->inuse = 0;
		ifp->refcnt--;
		ifp->simrefs--;
		xs_if_maybe_free(ifp);
	}
	xh_mutex_unlock(xs_lock);
}

void xs_ifnet_boot(void)
{
	xs_ifnets = NULL;
	xs_detach_queue = NULL;
	xs_detach_delay_ms = 0;
	xs_detach_tail_ms = 0;
	xs_late_calls = 0;
	xs_rw_init(&xs_ifnet_head, "ifnet_head_lock");
	xs_detacher_stop = 0;
	xs_detach_cond = xh_cond_new();
	xs_detacher = xh_thread_start(xs_detacher_main, NULL);
}

void xs_ifnet_shutdown(void)
{
	xh_mutex_lock(xs_lock);
	xs_detacher_stop = 1;
	xh_cond_broadcast(xs_detach_cond);
	xh_mutex_unlock(xs_lock);
	xh_thread_join(xs_detacher);
	if (xs_ifnets)
		xh_panic("simulator: shutdown with interface %s alive "
			 "(%d reference(s))", xs_ifnets->xname,
			 xs_ifnets->refcnt);
	xh_cond_free(xs_detach_cond);
	xs_rw_destroy(&xs_ifnet_head);
}

ifnet_t xs_ifnet_get(const char *name)
{
	struct __ifnet *ifp;

	xh_mutex_lock(xs_lock);
	for (ifp = xs_ifnets; ifp; ifp = ifp->next)
		if (ifp->state == XS_IF_ATTACHED && !strcmp(ifp->xname, name))
			break;
	if (ifp)
		ifp->simrefs++;
	xh_mutex_unlock(xs_lock);
	return ifp;
}

void xs_ifnet_put(ifnet_t ifp)
{
	xh_mutex_lock(xs_lock);
	ifp->simrefs--;
	xs_if_maybe_free(ifp);
	xh_mutex_unlock(xs_lock);
}

struct ifnet_init_params *xs_ifnet_init(ifnet_t ifp)
{
	return &ifp->init;
}

void xs_ifnet_stat_no_proto(ifnet_t ifp)
{
	xh_mutex_lock(xs_lock);
	ifp->st.no_protocol++;
	xh_mutex_unlock(xs_lock);
}

/* ---- accessors: each under xs_lock, as dlil's ifnet_lock ---------------- */

#define XS_IF_GET(type, fn, expr)		\
	type fn(ifnet_t ifp)			\
	{					\
		type v;				\
		xh_mutex_lock(xs_lock);		\
		xs_if_check(ifp, #fn);		\
		v = (expr);			\
		xh_mutex_unlock(xs_lock);	\
		return v;			\
	}

XS_IF_GET(void *, ifnet_softc, ifp->init.softc)
XS_IF_GET(const char *, ifnet_name, ifp->family_name)
XS_IF_GET(u_int32_t, ifnet_unit, ifp->init.unit)
XS_IF_GET(u_int16_t, ifnet_flags, ifp->flags)
XS_IF_GET(u_int32_t, ifnet_mtu, ifp->mtu)
XS_IF_GET(u_int8_t, ifnet_hdrlen, ifp->hdrlen)

/* kpi_interface.c: under the interface lock, exclusively */
errno_t ifnet_set_flags(ifnet_t ifp, u_int16_t new_flags, u_int16_t mask)
{
	xh_mutex_lock(xs_lock);
	xs_if_check(ifp, "ifnet_set_flags");
	xh_mutex_unlock(xs_lock);
	xs_ifnet_lock(ifp, 1);
	xh_mutex_lock(xs_lock);
	ifp->flags = (u_int16_t)((ifp->flags & ~mask) | (new_flags & mask));
	xh_mutex_unlock(xs_lock);
	xs_ifnet_unlock(ifp);
	return 0;
}

errno_t ifnet_set_mtu(ifnet_t ifp, u_int32_t mtu)
{
	xh_mutex_lock(xs_lock);
	xs_if_check(ifp, "ifnet_set_mtu");
	ifp->mtu = mtu;
	xh_mutex_unlock(xs_lock);
	return 0;
}

errno_t ifnet_set_hdrlen(ifnet_t ifp, u_int8_t hdrlen)
{
	xh_mutex_lock(xs_lock);
	xs_if_check(ifp, "ifnet_set_hdrlen");
	ifp->hdrlen = hdrlen;
	xh_mutex_unlock(xs_lock);
	return 0;
}

errno_t ifnet_set_addrlen(ifnet_t ifp, u_int8_t addrlen)
{
	xh_mutex_lock(xs_lock);
	xs_if_check(ifp, "ifnet_set_addrlen");
	ifp->addrlen = addrlen;
	xh_mutex_unlock(xs_lock);
	return 0;
}

/* kpi_interface.c ifnet_set_lladdr_internal: the interface list's lock
 * shared, then the interface's exclusively. */
errno_t ifnet_set_lladdr(ifnet_t ifp, const void *lladdr, size_t len)
{
	errno_t err = 0;

	xh_mutex_lock(xs_lock);
	xs_if_check(ifp, "ifnet_set_lladdr");
	xh_mutex_unlock(xs_lock);
	xs_rw_lock(&xs_ifnet_head, 0);
	xs_ifnet_lock(ifp, 1);
	xh_mutex_lock(xs_lock);
	if (len != ifp->addrlen || len > sizeof(ifp->lladdr))
		err = EINVAL;
	else
		memcpy(ifp->lladdr, lladdr, len);
	xh_mutex_unlock(xs_lock);
	xs_ifnet_unlock(ifp);
	xs_rw_unlock(&xs_ifnet_head);
	return err;
}

errno_t ifnet_lladdr_copy_bytes(ifnet_t ifp, void *lladdr, size_t len)
{
	xh_mutex_lock(xs_lock);
	xs_if_check(ifp, "ifnet_lladdr_copy_bytes");
	if (len != ifp->addrlen) {
		xh_mutex_unlock(xs_lock);
		return EMSGSIZE;
	}
	memcpy(lladdr, ifp->lladdr, len);
	xh_mutex_unlock(xs_lock);
	return 0;
}

errno_t ifnet_stat_increment_in(ifnet_t ifp, u_int32_t packets,
				u_int32_t bytes, u_int32_t errors)
{
	xh_mutex_lock(xs_lock);
	xs_if_check(ifp, "ifnet_stat_increment_in");
	ifp->st.packets_in += packets;
	ifp->st.bytes_in += bytes;
	ifp->st.errors_in += errors;
	xh_mutex_unlock(xs_lock);
	return 0;
}

errno_t ifnet_stat_increment_out(ifnet_t ifp, u_int32_t packets,
				 u_int32_t bytes, u_int32_t errors)
{
	xh_mutex_lock(xs_lock);
	xs_if_check(ifp, "ifnet_stat_increment_out");
	ifp->st.packets_out += packets;
	ifp->st.bytes_out += bytes;
	ifp->st.errors_out += errors;
	xh_mutex_unlock(xs_lock);
	return 0;
}

errno_t ifnet_stat(ifnet_t ifp, struct ifnet_stats_param *out)
{
	xh_mutex_lock(xs_lock);
	xs_if_check(ifp, "ifnet_stat");
	*out = ifp->st;
	xh_mutex_unlock(xs_lock);
	return 0;
}

/*
 * ifnet_input (dlil_input_packet_list): each packet must have a packet
 * header naming this interface, a length that matches its chain, and
 * its frame header set; then the driver's demux picks the protocol.
 */
errno_t ifnet_input(ifnet_t ifp, mbuf_t m,
		    const struct ifnet_stat_increment_param *stats)
{
	int attached;

	xh_mutex_lock(xs_lock);
	xs_if_check(ifp, "ifnet_input");
	attached = ifp->state == XS_IF_ATTACHED;
	if (stats) {
		ifp->st.packets_in += stats->packets_in;
		ifp->st.bytes_in += stats->bytes_in;
		ifp->st.errors_in += stats->errors_in;
		ifp->st.dropped += stats->dropped;
	}
	ifp->simrefs++;
	xh_mutex_unlock(xs_lock);
	while (m) {
		mbuf_t next = mbuf_nextpkt(m);
		char *header;
		protocol_family_t pf = 0;
		errno_t err = 0;

		mbuf_setnextpkt(m, NULL);
		if (!(mbuf_flags(m) & MBUF_PKTHDR))
			xh_panic("ifnet_input: %s: packet without a header",
				 ifp->xname);
		if (mbuf_pkthdr_rcvif(m) != ifp)
			xh_panic("ifnet_input: %s: rcvif is %p, not the "
				 "interface", ifp->xname,
				 (void *)mbuf_pkthdr_rcvif(m));
		if (mbuf_pkthdr_len(m) != xs_mbuf_chain_len(m))
			xh_panic("ifnet_input: %s: packet header says %zu "
				 "bytes, the chain holds %zu", ifp->xname,
				 mbuf_pkthdr_len(m), xs_mbuf_chain_len(m));
		header = mbuf_pkthdr_header(m);
		if (!header)
			xh_panic("ifnet_input: %s: no frame header set",
				 ifp->xname);
		if (!stats) {
			xh_mutex_lock(xs_lock);
			ifp->st.packets_in++;
			ifp->st.bytes_in += mbuf_pkthdr_len(m);
			xh_mutex_unlock(xs_lock);
		}
		if (attached) {
			/* dlil_input_packet_list: demux under the lock */
			xs_ifnet_lock(ifp, 0);
			err = ifp->init.demux(ifp, m, header, &pf);
			xs_ifnet_unlock(ifp);
		}
		if (!attached || err || xs_proto_input(ifp, m, header, pf)) {
			xs_ifnet_stat_no_proto(ifp);
			mbuf_freem(m);
		}
		m = next;
	}
	xs_ifnet_put(ifp);
	return 0;
}

/* ---- what tests ask of interfaces ------------------------------------- */

int xsim_if_exists(const char *name)
{
	ifnet_t ifp = xs_ifnet_get(name);

	if (!ifp)
		return 0;
	xs_ifnet_put(ifp);
	return 1;
}

int xsim_if_flags(const char *name)
{
	ifnet_t ifp = xs_ifnet_get(name);
	int f;

	if (!ifp)
		return xs_fail(ENXIO);
	f = ifnet_flags(ifp);
	xs_ifnet_put(ifp);
	return f;
}

int xsim_if_mtu(const char *name)
{
	ifnet_t ifp = xs_ifnet_get(name);
	int mtu;

	if (!ifp)
		return xs_fail(ENXIO);
	mtu = (int)ifnet_mtu(ifp);
	xs_ifnet_put(ifp);
	return mtu;
}

int xsim_if_lladdr(const char *name, uint8_t mac[6])
{
	ifnet_t ifp = xs_ifnet_get(name);
	errno_t err;

	if (!ifp)
		return xs_fail(ENXIO);
	err = ifnet_lladdr_copy_bytes(ifp, mac, 6);
	xs_ifnet_put(ifp);
	return err ? xs_fail(err) : 0;
}

int xsim_if_stats(const char *name, struct xsim_if_stats *s)
{
	struct ifnet_stats_param st;
	ifnet_t ifp = xs_ifnet_get(name);

	if (!ifp)
		return xs_fail(ENXIO);
	ifnet_stat(ifp, &st);
	xs_ifnet_put(ifp);
	s->ipackets = st.packets_in;
	s->ibytes = st.bytes_in;
	s->ierrors = st.errors_in;
	s->opackets = st.packets_out;
	s->obytes = st.bytes_out;
	s->oerrors = st.errors_out;
	s->no_protocol = st.no_protocol;
	return 0;
}

/* ifnet_ioctl(): straight to the driver's ioctl function, holding an
 * I/O reference only (dlil.c ifnet_ioctl), not the interface lock. */
int xsim_if_ioctl(const char *name, unsigned long req, void *arg)
{
	ifnet_t ifp = xs_ifnet_get(name);
	errno_t err;

	if (!ifp)
		return xs_fail(ENXIO);
	err = ifp->init.ioctl ? ifp->init.ioctl(ifp, req, arg) : EOPNOTSUPP;
	xs_ifnet_put(ifp);
	return err ? xs_fail(err) : 0;
}

/* ifioctl SIOCSIFFLAGS (bsd/net/if.c ifioctl_ifreq): the stack sets the
 * flags, then tells the driver, whose answer it ignores on purpose. */
int xsim_if_set_up(const char *name, int up)
{
	struct ifreq ifr;
	ifnet_t ifp = xs_ifnet_get(name);

	if (!ifp)
		return xs_fail(ENXIO);
	bzero(&ifr, sizeof(ifr));
	ifnet_set_flags(ifp, up ? IFF_UP : 0, IFF_UP);
	ifr.ifr_flags = (short)ifnet_flags(ifp);
	if (ifp->init.ioctl)
		(void)ifp->init.ioctl(ifp, SIOCSIFFLAGS, &ifr);
	xs_ifnet_put(ifp);
	return 0;
}

/* ifioctl SIOCSIFMTU: the stack's own bounds first (IF_MINMTU 72,
 * IF_MAXMTU 65535 in bsd/net/if_var.h), then the driver decides. */
int xsim_if_set_mtu(const char *name, int mtu)
{
	struct ifreq ifr;

	if (mtu < 72 || mtu > 65535)
		return xs_fail(EINVAL);
	bzero(&ifr, sizeof(ifr));
	ifr.ifr_mtu = mtu;
	return xsim_if_ioctl(name, SIOCSIFMTU, &ifr);
}
