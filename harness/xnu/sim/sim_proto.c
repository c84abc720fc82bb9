// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim_proto.c: protocols on interfaces (bsd/net/kpi_protocol.c,
 * ifnet_attach_protocol in bsd/net/dlil.c) and the stack on the far side.
 *
 * Plumbers are registered per (protocol family, interface family); a
 * second registration of the same pair fails with EEXIST, as XNU's does:
 * that is the "could not register PF_INET protocol family: 17" of two tun
 * drivers.  The kernel's own plumbers for Ethernet interfaces are here
 * too (bsd/net/ether_inet_pr_module.c, ether_inet6_pr_module.c): they
 * attach IPv4 and IPv6 with ethertype demux descriptors.
 *
 * proto_input is the stack: it keeps what it receives for the tests.
 *
 * Locks as XNU's: the plumbers' mutex (kpi_protocol.c
 * proto_family_mutex) is held around a plumber's plumb and unplumb;
 * dlil_attach_protocol and ifnet_detach_protocol hold the interface lock
 * exclusively around the driver's add_proto and del_proto.  On detach,
 * every protocol is unplumbed through its plumber (ifnet_detach_final,
 * proto_unplumb), which must detach it: XNU would loop forever on one
 * left attached, the simulator panics.
 */
#include <net/ethernet.h>

#include "sim_internal.h"

#define XS_NPLUMBERS	16
#define XS_NATTACH	64
#define XS_INBOX	512
#define XS_DESC_ETYPE2	4	/* bsd/net/dlil.h */

struct xs_plumber {
	int used;
	int owner;
	protocol_family_t pf;
	ifnet_family_t if_fam;
	proto_plumb_handler plumb;
	proto_unplumb_handler unplumb;
};

struct xs_attach {
	int used;
	ifnet_t ifp;
	protocol_family_t pf;
	struct ifnet_attach_proto_param p;
};

struct xs_rx {
	char ifname[IFNAMSIZ];
	protocol_family_t pf;
	size_t len;
	u_int8_t *data;
};

static struct xs_plumber xs_plumbers[XS_NPLUMBERS];
static struct xs_attach xs_attached[XS_NATTACH];
static struct xs_rx xs_inbox[XS_INBOX];
static unsigned int xs_inbox_head, xs_inbox_len;
static struct xs_rwlock xs_proto_mutex;	/* proto_family_mutex */

long xs_plumbers_of(int kext)
{
	long n = 0;
	int i;

	xh_mutex_lock(xs_lock);
	for (i = 0; i < XS_NPLUMBERS; i++)
		n += xs_plumbers[i].used && xs_plumbers[i].owner == kext;
	xh_mutex_unlock(xs_lock);
	return n;
}

static errno_t xs_plumber_add(protocol_family_t pf, ifnet_family_t if_fam,
			      proto_plumb_handler plumb,
			      proto_unplumb_handler unplumb, int owner)
{
	int i, slot = -1;

	if (!plumb || !unplumb)
		return EINVAL;
	xh_mutex_lock(xs_lock);
	for (i = 0; i < XS_NPLUMBERS; i++) {
		if (xs_plumbers[i].used && xs_plumbers[i].pf == pf &&
		    xs_plumbers[i].if_fam == if_fam) {
			xh_mutex_unlock(xs_lock);
			return EEXIST;
		}
		if (!xs_plumbers[i].used && slot < 0)
			slot = i;
	}
	if (slot < 0)
		xh_panic("simulator: more than %d plumbers", XS_NPLUMBERS);
	xs_plumbers[slot] = (struct xs_plumber){ 1, owner, pf, if_fam, plumb,
						 unplumb };
	xh_mutex_unlock(xs_lock);
	return 0;
}

errno_t proto_register_plumber(protocol_family_t pf, ifnet_family_t if_fam,
			       proto_plumb_handler plumb,
			       proto_unplumb_handler unplumb)
{
	errno_t err;

	if (xs_fault("proto_register_plumber", __builtin_return_address(0)))
		return ENOMEM;
	xs_rw_lock(&xs_proto_mutex, 1);
	err = xs_plumber_add(pf, if_fam, plumb, unplumb, xs_cur_kext);
	xs_rw_unlock(&xs_proto_mutex);
	return err;
}

void proto_unregister_plumber(protocol_family_t pf, ifnet_family_t if_fam)
{
	int i;

	xh_mutex_lock(xs_lock);
	for (i = 0; i < XS_NPLUMBERS; i++)
		if (xs_plumbers[i].used && xs_plumbers[i].pf == pf &&
		    xs_plumbers[i].if_fam == if_fam)
			xs_plumbers[i].used = 0;
	xh_mutex_unlock(xs_lock);
}

static errno_t xs_attach_protocol(ifnet_t ifp, protocol_family_t pf,
				  const struct ifnet_attach_proto_param *p)
{
	struct ifnet_init_params *init = xs_ifnet_init(ifp);
	int i, slot = -1;
	errno_t err;

	if (!p || !p->input || !p->pre_output)
		return EINVAL;
	xs_ifnet_lock(ifp, 1);
	xh_mutex_lock(xs_lock);
	for (i = 0; i < XS_NATTACH; i++) {
		if (xs_attached[i].used && xs_attached[i].ifp == ifp &&
		    xs_attached[i].pf == pf) {
			xh_mutex_unlock(xs_lock);
			xs_ifnet_unlock(ifp);
			return EEXIST;
		}
		if (!xs_attached[i].used && slot < 0)
			slot = i;
	}
	if (slot < 0)
		xh_panic("simulator: more than %d protocol attachments",
			 XS_NATTACH);
	xs_attached[slot].used = 1;	/* reserved while the driver decides */
	xs_attached[slot].ifp = ifp;
	xs_attached[slot].pf = 0;
	xh_mutex_unlock(xs_lock);
	/* dlil_attach_protocol: the interface's add_proto sees the demux */
	err = init->add_proto(ifp, pf, p->demux_array, p->demux_count);
	xh_mutex_lock(xs_lock);
	if (err) {
		xs_attached[slot].used = 0;
	} else {
		xs_attached[slot].pf = pf;
		xs_attached[slot].p = *p;
		xs_attached[slot].p.demux_array = NULL;
	}
	xh_mutex_unlock(xs_lock);
	xs_ifnet_unlock(ifp);
	return err;
}

/* A plumber's attach (tun's): its if_proto allocation can fail. */
errno_t ifnet_attach_protocol(ifnet_t ifp, protocol_family_t pf,
			      const struct ifnet_attach_proto_param *p)
{
	if (xs_fault("ifnet_attach_protocol", __builtin_return_address(0)))
		return ENOMEM;
	return xs_attach_protocol(ifp, pf, p);
}

errno_t ifnet_detach_protocol(ifnet_t ifp, protocol_family_t pf)
{
	struct ifnet_init_params *init = xs_ifnet_init(ifp);
	int i;

	xs_ifnet_lock(ifp, 1);
	xh_mutex_lock(xs_lock);
	for (i = 0; i < XS_NATTACH; i++)
		if (xs_attached[i].used && xs_attached[i].ifp == ifp &&
		    xs_attached[i].pf == pf)
			break;
	if (i == XS_NATTACH) {
		xh_mutex_unlock(xs_lock);
		xs_ifnet_unlock(ifp);
		return ENXIO;
	}
	xs_attached[i].used = 0;
	xh_mutex_unlock(xs_lock);
	init->del_proto(ifp, pf);
	xs_ifnet_unlock(ifp);
	return 0;
}

/* The plumber of (pf, the interface's family), or NULL. */
static struct xs_plumber *xs_plumber_find(ifnet_t ifp, protocol_family_t pf)
{
	ifnet_family_t fam = xs_ifnet_init(ifp)->family;
	int i;

	for (i = 0; i < XS_NPLUMBERS; i++)
		if (xs_plumbers[i].used && xs_plumbers[i].pf == pf &&
		    xs_plumbers[i].if_fam == fam)
			return &xs_plumbers[i];
	return NULL;
}

/* ifnet_detach_final: every protocol unplumbed (proto_unplumb). */
void xs_proto_detach_all(ifnet_t ifp)
{
	int i;

	for (i = 0; i < XS_NATTACH; i++) {
		proto_unplumb_handler unplumb = NULL;
		struct xs_plumber *pl;
		protocol_family_t pf;
		int hit;

		xs_rw_lock(&xs_proto_mutex, 1);
		xh_mutex_lock(xs_lock);
		hit = xs_attached[i].used && xs_attached[i].ifp == ifp;
		pf = xs_attached[i].pf;
		pl = hit && pf ? xs_plumber_find(ifp, pf) : NULL;
		if (pl)
			unplumb = pl->unplumb;
		xh_mutex_unlock(xs_lock);
		if (unplumb)
			unplumb(ifp, pf);
		else if (hit && pf)
			ifnet_detach_protocol(ifp, pf);
		xs_rw_unlock(&xs_proto_mutex);
		xh_mutex_lock(xs_lock);
		if (hit && pf && xs_attached[i].used &&
		    xs_attached[i].ifp == ifp && xs_attached[i].pf == pf)
			xh_panic("ifnet_detach_final: protocol %u still "
				 "attached after its unplumb (dlil.c would "
				 "loop forever)", pf);
		xh_mutex_unlock(xs_lock);
	}
}

static int xs_attach_find(ifnet_t ifp, protocol_family_t pf,
			  struct ifnet_attach_proto_param *p)
{
	int i, found = 0;

	xh_mutex_lock(xs_lock);
	for (i = 0; i < XS_NATTACH && !found; i++)
		if (xs_attached[i].used && xs_attached[i].ifp == ifp &&
		    xs_attached[i].pf == pf) {
			*p = xs_attached[i].p;
			found = 1;
		}
	xh_mutex_unlock(xs_lock);
	return found;
}

/* The protocol's input for a packet demux gave pf; 0 when consumed. */
int xs_proto_input(ifnet_t ifp, mbuf_t m, char *header, protocol_family_t pf)
{
	struct ifnet_attach_proto_param p;
	errno_t err;

	if (!xs_attach_find(ifp, pf, &p))
		return ENOENT;
	err = p.input(ifp, pf, m, header);
	if (err)
		mbuf_freem(m);
	return 0;
}

/* The stack: keep the packet for xsim_stack_recv. */
errno_t proto_input(protocol_family_t pf, mbuf_t m)
{
	struct xs_rx *rx;
	ifnet_t ifp = mbuf_pkthdr_rcvif(m);
	size_t len = xs_mbuf_chain_len(m);

	if (mbuf_pkthdr_len(m) != len)
		xh_panic("proto_input: packet header says %zu bytes, the "
			 "chain holds %zu", mbuf_pkthdr_len(m), len);
	struct xs_rx in;

	in.pf = pf;
	in.len = len;
	in.data = xh_zalloc(len);
	snprintf(in.ifname, sizeof(in.ifname), "%s%u", ifnet_name(ifp),
		 ifnet_unit(ifp));
	mbuf_copydata(m, 0, len, in.data);
	mbuf_freem(m);
	xh_mutex_lock(xs_lock);
	if (xs_inbox_len == XS_INBOX) {
		xh_mutex_unlock(xs_lock);
		xh_free(in.data);
		return 0;	/* the stack drops, as a full ifqueue would */
	}
	rx = &xs_inbox[(xs_inbox_head + xs_inbox_len++) % XS_INBOX];
	*rx = in;
	xh_mutex_unlock(xs_lock);
	return 0;
}

long xsim_stack_recv(char ifname[16], int *pf, void *buf, size_t n)
{
	struct xs_rx rx;

	xh_mutex_lock(xs_lock);
	if (!xs_inbox_len) {
		xh_mutex_unlock(xs_lock);
		return xs_fail(EAGAIN);
	}
	rx = xs_inbox[xs_inbox_head];
	xs_inbox_head = (xs_inbox_head + 1) % XS_INBOX;
	xs_inbox_len--;
	xh_mutex_unlock(xs_lock);
	if (ifname)
		memcpy(ifname, rx.ifname, IFNAMSIZ);
	if (pf)
		*pf = (int)rx.pf;
	memcpy(buf, rx.data, rx.len < n ? rx.len : n);
	xh_free(rx.data);
	return (long)rx.len;
}

/* ---- the kernel's Ethernet plumbers -------------------------------------- */

static errno_t xs_ether_input(ifnet_t ifp, protocol_family_t pf, mbuf_t m,
			      char *header)
{
	(void)ifp;
	(void)header;
	return proto_input(pf, m);
}

/* route carries the destination MAC the test chose (no ARP here). */
static errno_t xs_ether_preout(ifnet_t ifp, protocol_family_t pf, mbuf_t *m,
			       const struct sockaddr *dest, void *route,
			       char *frame_type, char *lldst)
{
	u_int16_t type = pf == PF_INET6 ? 0xdd86 : 0x0008; /* network order */
	static const u_int8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	(void)ifp;
	(void)m;
	(void)dest;
	memcpy(frame_type, &type, sizeof(type));
	memcpy(lldst, route ? route : bcast, ETHER_ADDR_LEN);
	return 0;
}

static errno_t xs_ether_plumb(ifnet_t ifp, protocol_family_t pf)
{
	u_int16_t type = pf == PF_INET6 ? 0xdd86 : 0x0008;
	struct ifnet_demux_desc desc = { XS_DESC_ETYPE2, &type, sizeof(type) };
	struct ifnet_attach_proto_param p;

	bzero(&p, sizeof(p));
	p.demux_array = &desc;
	p.demux_count = 1;
	p.input = xs_ether_input;
	p.pre_output = xs_ether_preout;
	return xs_attach_protocol(ifp, pf, &p);
}

static void xs_ether_unplumb(ifnet_t ifp, protocol_family_t pf)
{
	ifnet_detach_protocol(ifp, pf);
}

/* A plumber of another vendor's tun kext (the seeds' AnyConnect). */
static errno_t xs_foreign_plumb(ifnet_t ifp, protocol_family_t pf)
{
	(void)ifp;
	(void)pf;
	return EOPNOTSUPP;
}

static void xs_foreign_unplumb(ifnet_t ifp, protocol_family_t pf)
{
	(void)ifp;
	(void)pf;
}

int xsim_foreign_plumber(int pf, unsigned int if_family, int reg)
{
	errno_t err;

	if (!reg) {
		proto_unregister_plumber((protocol_family_t)pf, if_family);
		return 0;
	}
	err = xs_plumber_add((protocol_family_t)pf, if_family,
			     xs_foreign_plumb, xs_foreign_unplumb,
			     XS_FOREIGN_KEXT);
	return err ? xs_fail(err) : 0;
}

void xs_proto_boot(void)
{
	bzero(xs_plumbers, sizeof(xs_plumbers));
	bzero(xs_attached, sizeof(xs_attached));
	xs_inbox_head = xs_inbox_len = 0;
	xs_rw_init(&xs_proto_mutex, "proto_family_mutex");
	xs_plumber_add(PF_INET, IFNET_FAMILY_ETHERNET, xs_ether_plumb,
		       xs_ether_unplumb, XS_NO_KEXT);
	xs_plumber_add(PF_INET6, IFNET_FAMILY_ETHERNET, xs_ether_plumb,
		       xs_ether_unplumb, XS_NO_KEXT);
}

void xs_proto_shutdown(void)
{
	int i;

	for (i = 0; i < XS_NATTACH; i++)
		if (xs_attached[i].used)
			xh_panic("simulator: shutdown with protocol %u still "
				 "attached", xs_attached[i].pf);
	while (xs_inbox_len) {
		xh_free(xs_inbox[xs_inbox_head].data);
		xs_inbox_head = (xs_inbox_head + 1) % XS_INBOX;
		xs_inbox_len--;
	}
	xs_rw_destroy(&xs_proto_mutex);
}

/* SIOCPROTOATTACH: proto_plumb() with the plumber for the pair. */
int xsim_if_plumb(const char *name, int pf)
{
	ifnet_t ifp = xs_ifnet_get(name);
	proto_plumb_handler plumb;
	struct xs_plumber *pl;
	errno_t err;

	if (!ifp)
		return xs_fail(ENXIO);
	xs_rw_lock(&xs_proto_mutex, 1);
	xh_mutex_lock(xs_lock);
	pl = xs_plumber_find(ifp, (protocol_family_t)pf);
	plumb = pl ? pl->plumb : NULL;
	xh_mutex_unlock(xs_lock);
	err = plumb ? plumb(ifp, (protocol_family_t)pf) : ENOENT;
	xs_rw_unlock(&xs_proto_mutex);
	xs_ifnet_put(ifp);
	return err ? xs_fail(err) : 0;
}

/*
 * dlil_output: the protocol's pre_output (frame type, link destination),
 * the interface's framer, then its output function, which owns the
 * packet from there on (it frees it, on error too).
 */
int xsim_output(const char *name, int pf, const void *pkt, size_t len,
		const uint8_t *dst_mac, size_t seg)
{
	struct ifnet_attach_proto_param p;
	struct ifnet_init_params *init;
	struct sockaddr dest;
	char frame_type[16], lldst[16];
	ifnet_t ifp = xs_ifnet_get(name);
	errno_t err;
	mbuf_t m;

	if (!ifp)
		return xs_fail(ENXIO);
	if (!xs_attach_find(ifp, (protocol_family_t)pf, &p)) {
		xs_ifnet_put(ifp);
		return xs_fail(EAFNOSUPPORT);
	}
	init = xs_ifnet_init(ifp);
	m = xs_mbuf_from(pkt, len, seg, 16);
	bzero(&dest, sizeof(dest));
	dest.sa_len = sizeof(dest);
	dest.sa_family = (sa_family_t)pf;
	bzero(frame_type, sizeof(frame_type));
	bzero(lldst, sizeof(lldst));
	err = p.pre_output(ifp, (protocol_family_t)pf, &m, &dest,
			   (void *)(uintptr_t)dst_mac, frame_type, lldst);
	if (!err && init->framer)
		err = init->framer(ifp, &m, &dest, lldst, frame_type);
	if (err) {
		if (m)
			mbuf_freem(m);
	} else {
		err = init->output(ifp, m);
	}
	xs_ifnet_put(ifp);
	return err ? xs_fail(err) : 0;
}
