// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim_bpf.c: the driver side of bpf (bsd/net/bpf.c: bpf_attach,
 * bpf_tap_in, bpf_tap_out).  A tap for a link type the interface never
 * attached panics (XNU would silently tap nothing, which hides the bug);
 * the simulator keeps a count and the last packet of each direction, link
 * header first, for the tests.
 */
#include "sim_internal.h"

#define XS_NBPF 64
#define XS_BPF_SNAP 2048

struct xs_bpf {
	int used;
	ifnet_t ifp;
	u_int32_t dlt;
	u_int32_t hdrlen;
	long count[2];
	size_t last_len[2];
	u_int8_t last[2][XS_BPF_SNAP];
};

static struct xs_bpf xs_bpfs[XS_NBPF];

errno_t bpf_attach(ifnet_t ifp, u_int32_t dlt, u_int32_t hdrlen,
		   bpf_send_func send, bpf_tap_func tap)
{
	int i, slot = -1;

	(void)send;
	(void)tap;
	xh_mutex_lock(xs_lock);
	for (i = 0; i < XS_NBPF; i++) {
		if (xs_bpfs[i].used && xs_bpfs[i].ifp == ifp &&
		    xs_bpfs[i].dlt == dlt) {
			xh_mutex_unlock(xs_lock);
			return EEXIST;
		}
		if (!xs_bpfs[i].used && slot < 0)
			slot = i;
	}
	if (slot < 0)
		xh_panic("simulator: more than %d bpf attachments", XS_NBPF);
	bzero(&xs_bpfs[slot], sizeof(xs_bpfs[slot]));
	xs_bpfs[slot].used = 1;
	xs_bpfs[slot].ifp = ifp;
	xs_bpfs[slot].dlt = dlt;
	xs_bpfs[slot].hdrlen = hdrlen;
	xh_mutex_unlock(xs_lock);
	return 0;
}

/* bpfdetach, from ifnet_detach_final */
void xs_bpf_detach(ifnet_t ifp)
{
	int i;

	xh_mutex_lock(xs_lock);
	for (i = 0; i < XS_NBPF; i++)
		if (xs_bpfs[i].used && xs_bpfs[i].ifp == ifp)
			xs_bpfs[i].used = 0;
	xh_mutex_unlock(xs_lock);
}

static void xs_bpf_tap(ifnet_t ifp, u_int32_t dlt, mbuf_t m, void *hdr,
		       size_t hlen, int dir)
{
	u_int8_t snap[XS_BPF_SNAP];
	size_t n = 0, total;
	int i;

	if (hlen > XS_BPF_SNAP)
		hlen = XS_BPF_SNAP;
	if (hlen) {
		memcpy(snap, hdr, hlen);
		n = hlen;
	}
	total = xs_mbuf_copy_all(m, snap + n, XS_BPF_SNAP - n);
	n += total < XS_BPF_SNAP - n ? total : XS_BPF_SNAP - n;
	xh_mutex_lock(xs_lock);
	for (i = 0; i < XS_NBPF; i++)
		if (xs_bpfs[i].used && xs_bpfs[i].ifp == ifp &&
		    xs_bpfs[i].dlt == dlt)
			break;
	if (i == XS_NBPF)
		xh_panic("bpf_tap_%s: ifnet %p has no bpf attachment for "
			 "DLT %u", dir ? "out" : "in", (void *)ifp, dlt);
	xs_bpfs[i].count[dir]++;
	xs_bpfs[i].last_len[dir] = n;
	memcpy(xs_bpfs[i].last[dir], snap, n);
	xh_mutex_unlock(xs_lock);
}

void bpf_tap_in(ifnet_t ifp, u_int32_t dlt, mbuf_t m, void *hdr, size_t hlen)
{
	xs_bpf_tap(ifp, dlt, m, hdr, hlen, 0);
}

void bpf_tap_out(ifnet_t ifp, u_int32_t dlt, mbuf_t m, void *hdr,
		 size_t hlen)
{
	xs_bpf_tap(ifp, dlt, m, hdr, hlen, 1);
}

/* Under xs_lock. */
static struct xs_bpf *xs_bpf_of(ifnet_t ifp)
{
	int i;

	if (!ifp)
		return NULL;
	for (i = 0; i < XS_NBPF; i++)
		if (xs_bpfs[i].used && xs_bpfs[i].ifp == ifp)
			return &xs_bpfs[i];
	return NULL;
}

long xsim_bpf_count(const char *name, int dir)
{
	ifnet_t ifp = xs_ifnet_get(name);
	struct xs_bpf *b;
	long n = -1;

	xh_mutex_lock(xs_lock);
	b = xs_bpf_of(ifp);
	if (b)
		n = b->count[dir ? 1 : 0];
	xh_mutex_unlock(xs_lock);
	if (ifp)
		xs_ifnet_put(ifp);
	return n < 0 ? xs_fail(ENXIO) : n;
}

long xsim_bpf_last(const char *name, int dir, void *buf, size_t n)
{
	ifnet_t ifp = xs_ifnet_get(name);
	struct xs_bpf *b;
	long len = -1;

	xh_mutex_lock(xs_lock);
	b = xs_bpf_of(ifp);
	if (b) {
		len = (long)b->last_len[dir ? 1 : 0];
		memcpy(buf, b->last[dir ? 1 : 0],
		       (size_t)len < n ? (size_t)len : n);
	}
	xh_mutex_unlock(xs_lock);
	if (ifp)
		xs_ifnet_put(ifp);
	return len < 0 ? xs_fail(ENXIO) : len;
}
