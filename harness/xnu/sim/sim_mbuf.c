// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim_mbuf.c: mbufs (bsd/kern/kpi_mbuf.c over bsd/kern/uipc_mbuf.c).
 *
 * Sizes as XNU's: an mbuf is MSIZE (256) bytes with a 32-byte header, so
 * 224 bytes of data (MLEN), fewer with a packet header (MHLEN; XNU's
 * depends on struct pkthdr, taken here as 88 bytes); clusters are 2048,
 * 4096 and 16384 bytes.  Each data area is its own heap block of exactly
 * that size, so a sanitizer sees a write past it.  Freed mbufs wait in a
 * quarantine with a dead mark: freeing one twice panics, as XNU's mcache
 * audit does, and touching one panics too.  Allocations can fail, even
 * waiting ones (sim_fault.c), with kpi_mbuf.c's errors.
 */
#include "sim_internal.h"

#define XS_MLEN		224
#define XS_MHLEN	(XS_MLEN - 88)
#define XS_MBUF_LIVE	0x6d627566u
#define XS_MBUF_DEAD	0xdeadbeefu
#define XS_QUARANTINE	4096

struct __mbuf {
	u_int32_t magic;
	struct __mbuf *next;
	struct __mbuf *nextpkt;
	char *buf;		/* the data area: inline-sized or a cluster */
	size_t size;
	char *data;
	size_t len;
	mbuf_flags_t flags;
	mbuf_type_t type;
	size_t pkt_len;
	ifnet_t rcvif;
	void *header;
};

static long xs_mbufs_live;
static long xs_pkts_live;	/* mbufs with a packet header: packets */
static struct __mbuf *xs_quarantine[XS_QUARANTINE];
static unsigned int xs_qpos;

void xs_mbuf_boot(void)
{
	xs_mbufs_live = xs_pkts_live = 0;
	xs_qpos = 0;
}

void xs_mbuf_shutdown(void)
{
	unsigned int i;

	for (i = 0; i < XS_QUARANTINE; i++) {
		xh_free(xs_quarantine[i]);
		xs_quarantine[i] = NULL;
	}
}

long xs_pkt_live(void)
{
	long n;

	xh_mutex_lock(xs_lock);
	n = xs_pkts_live;
	xh_mutex_unlock(xs_lock);
	return n;
}

long xs_mbuf_live(void)
{
	long n;

	xh_mutex_lock(xs_lock);
	n = xs_mbufs_live;
	xh_mutex_unlock(xs_lock);
	return n;
}

static void xs_mbuf_check(const struct __mbuf *m, const char *fn)
{
	if (!m)
		xh_panic("%s: NULL mbuf", fn);
	if (m->magic == XS_MBUF_DEAD)
		xh_panic("%s: mbuf %p used after it was freed", fn,
			 (const void *)m);
	if (m->magic != XS_MBUF_LIVE)
		xh_panic("%s: %p is not an mbuf", fn, (const void *)m);
}

static void xs_mbuf_hdr_check(const struct __mbuf *m, const char *fn)
{
	xs_mbuf_check(m, fn);
	if (!(m->flags & MBUF_PKTHDR))
		xh_panic("%s: mbuf %p has no packet header", fn,
			 (const void *)m);
}

static struct __mbuf *xs_mbuf_new(mbuf_type_t type, int pkthdr)
{
	struct __mbuf *m = xh_zalloc(sizeof(*m));

	m->magic = XS_MBUF_LIVE;
	m->type = type;
	m->size = pkthdr ? XS_MHLEN : XS_MLEN;
	m->buf = xh_zalloc(m->size);
	m->data = m->buf;
	m->flags = pkthdr ? MBUF_PKTHDR : 0;
	xh_mutex_lock(xs_lock);
	xs_mbufs_live++;
	xs_pkts_live += pkthdr != 0;
	xh_mutex_unlock(xs_lock);
	return m;
}

errno_t mbuf_get(mbuf_how_t how, mbuf_type_t type, mbuf_t *mbuf)
{
	(void)how;
	if (xs_fault("mbuf_get", __builtin_return_address(0))) {
		*mbuf = NULL;
		return ENOMEM;
	}
	*mbuf = xs_mbuf_new(type, 0);
	return 0;
}

errno_t mbuf_gethdr(mbuf_how_t how, mbuf_type_t type, mbuf_t *mbuf)
{
	(void)how;
	if (xs_fault("mbuf_gethdr", __builtin_return_address(0))) {
		*mbuf = NULL;
		return ENOMEM;
	}
	*mbuf = xs_mbuf_new(type, 1);
	return 0;
}

static void xs_mbuf_attach_cluster(struct __mbuf *m, size_t size)
{
	xh_free(m->buf);
	m->size = size;
	m->buf = xh_zalloc(size);
	m->data = m->buf;
	m->flags |= MBUF_EXT;
}

errno_t mbuf_getcluster(mbuf_how_t how, mbuf_type_t type, size_t size,
			mbuf_t *mbuf)
{
	struct __mbuf *m;

	if (size != MCLBYTES && size != MBIGCLBYTES && size != M16KCLBYTES)
		return EINVAL;
	/* a new mbuf, if one is made, is freed again: *mbuf NULL */
	if (xs_fault("mbuf_getcluster", __builtin_return_address(0))) {
		if (*mbuf)
			xs_mbuf_check(*mbuf, "mbuf_getcluster");
		return ENOMEM;
	}
	m = *mbuf ? *mbuf : xs_mbuf_new(type, 0);
	xs_mbuf_check(m, "mbuf_getcluster");
	if (m->flags & MBUF_EXT)
		xh_panic("mbuf_getcluster: mbuf %p has a cluster already",
			 (void *)m);
	if (m->len)
		xh_panic("mbuf_getcluster: mbuf %p holds %zu bytes that the "
			 "cluster would hide", (void *)m, m->len);
	(void)how;
	xs_mbuf_attach_cluster(m, size);
	*mbuf = m;
	return 0;
}

errno_t mbuf_mclget(mbuf_how_t how, mbuf_type_t type, mbuf_t *mbuf)
{
	return mbuf_getcluster(how, type, MCLBYTES, mbuf);
}

mbuf_t mbuf_free(mbuf_t m)
{
	struct __mbuf *next;

	if (m && m->magic == XS_MBUF_DEAD)
		xh_panic("mbuf_free: mbuf %p freed twice", (void *)m);
	xs_mbuf_check(m, "mbuf_free");
	next = m->next;
	xh_free(m->buf);
	m->buf = m->data = NULL;
	m->magic = XS_MBUF_DEAD;
	xh_mutex_lock(xs_lock);
	xs_mbufs_live--;
	xs_pkts_live -= (m->flags & MBUF_PKTHDR) != 0;
	xh_free(xs_quarantine[xs_qpos]);
	xs_quarantine[xs_qpos] = m;
	xs_qpos = (xs_qpos + 1) % XS_QUARANTINE;
	xh_mutex_unlock(xs_lock);
	return next;
}

void mbuf_freem(mbuf_t m)
{
	while (m)
		m = mbuf_free(m);
}

void *mbuf_data(mbuf_t m)
{
	xs_mbuf_check(m, "mbuf_data");
	return m->data;
}

void *mbuf_datastart(mbuf_t m)
{
	xs_mbuf_check(m, "mbuf_datastart");
	return m->buf;
}

size_t mbuf_len(const mbuf_t m)
{
	xs_mbuf_check(m, "mbuf_len");
	return m->len;
}

void mbuf_setlen(mbuf_t m, size_t len)
{
	xs_mbuf_check(m, "mbuf_setlen");
	if (m->data + len > m->buf + m->size)
		xh_panic("mbuf_setlen: %zu bytes do not fit mbuf %p "
			 "(%zu after the data pointer)", len, (void *)m,
			 (size_t)(m->buf + m->size - m->data));
	m->len = len;
}

size_t mbuf_maxlen(const mbuf_t m)
{
	xs_mbuf_check(m, "mbuf_maxlen");
	return m->size;
}

size_t mbuf_leadingspace(const mbuf_t m)
{
	xs_mbuf_check(m, "mbuf_leadingspace");
	return (size_t)(m->data - m->buf);
}

size_t mbuf_trailingspace(const mbuf_t m)
{
	xs_mbuf_check(m, "mbuf_trailingspace");
	return (size_t)(m->buf + m->size - (m->data + m->len));
}

mbuf_flags_t mbuf_flags(const mbuf_t m)
{
	xs_mbuf_check(m, "mbuf_flags");
	return m->flags;
}

mbuf_t mbuf_next(const mbuf_t m)
{
	xs_mbuf_check(m, "mbuf_next");
	return m->next;
}

errno_t mbuf_setnext(mbuf_t m, mbuf_t next)
{
	xs_mbuf_check(m, "mbuf_setnext");
	if (next)
		xs_mbuf_check(next, "mbuf_setnext");
	m->next = next;
	return 0;
}

mbuf_t mbuf_nextpkt(const mbuf_t m)
{
	xs_mbuf_check(m, "mbuf_nextpkt");
	return m->nextpkt;
}

void mbuf_setnextpkt(mbuf_t m, mbuf_t nextpkt)
{
	xs_mbuf_check(m, "mbuf_setnextpkt");
	m->nextpkt = nextpkt;
}

size_t mbuf_pkthdr_len(const mbuf_t m)
{
	xs_mbuf_hdr_check(m, "mbuf_pkthdr_len");
	return m->pkt_len;
}

void mbuf_pkthdr_setlen(mbuf_t m, size_t len)
{
	xs_mbuf_hdr_check(m, "mbuf_pkthdr_setlen");
	m->pkt_len = len;
}

ifnet_t mbuf_pkthdr_rcvif(const mbuf_t m)
{
	xs_mbuf_hdr_check(m, "mbuf_pkthdr_rcvif");
	return m->rcvif;
}

errno_t mbuf_pkthdr_setrcvif(mbuf_t m, ifnet_t ifp)
{
	xs_mbuf_hdr_check(m, "mbuf_pkthdr_setrcvif");
	m->rcvif = ifp;
	return 0;
}

void *mbuf_pkthdr_header(const mbuf_t m)
{
	xs_mbuf_hdr_check(m, "mbuf_pkthdr_header");
	return m->header;
}

void mbuf_pkthdr_setheader(mbuf_t m, void *header)
{
	xs_mbuf_hdr_check(m, "mbuf_pkthdr_setheader");
	m->header = header;
}

size_t xs_mbuf_chain_len(mbuf_t m)
{
	size_t n = 0;

	for (; m; m = m->next) {
		xs_mbuf_check(m, "chain");
		n += m->len;
	}
	return n;
}

/* m_copydata: EINVAL when the chain is shorter than offset + length. */
errno_t mbuf_copydata(const mbuf_t m0, size_t off, size_t len, void *out)
{
	struct __mbuf *m = m0;
	char *o = out;

	for (; m && off >= m->len; m = m->next)
		off -= m->len;
	while (len > 0) {
		size_t n;

		if (!m)
			return EINVAL;
		xs_mbuf_check(m, "mbuf_copydata");
		n = m->len - off < len ? m->len - off : len;
		memcpy(o, m->data + off, n);
		o += n;
		len -= n;
		off = 0;
		m = m->next;
	}
	return 0;
}

errno_t mbuf_copyback(mbuf_t m, size_t off, size_t len, const void *data,
		      mbuf_how_t how)
{
	const char *d = data;

	(void)how;
	xs_mbuf_check(m, "mbuf_copyback");
	for (; m && off >= m->len; m = m->next)
		off -= m->len;
	while (len > 0) {
		size_t n;

		if (!m)
			xh_panic("mbuf_copyback: growing the chain is not "
				 "simulated");
		n = m->len - off < len ? m->len - off : len;
		memcpy(m->data + off, d, n);
		d += n;
		len -= n;
		off = 0;
		m = m->next;
	}
	return 0;
}

/* m_adj: len > 0 trims the head, len < 0 the tail; the packet header's
 * length follows.  Emptied mbufs stay in the chain with length 0. */
void mbuf_adj(mbuf_t m0, int len)
{
	struct __mbuf *m = m0;
	size_t left, total;

	xs_mbuf_check(m0, "mbuf_adj");
	total = xs_mbuf_chain_len(m0);
	left = (size_t)(len < 0 ? -(long)len : len);
	if (left > total)
		left = total;
	if (len >= 0) {
		size_t trim = left;

		for (; m && trim; m = m->next) {
			size_t n = m->len < trim ? m->len : trim;

			m->data += n;
			m->len -= n;
			trim -= n;
		}
	} else {
		size_t keep = total - left;

		for (; m; m = m->next) {
			if (m->len > keep)
				m->len = keep;
			keep -= m->len;
		}
	}
	if (m0->flags & MBUF_PKTHDR)
		m0->pkt_len -= left;
}

/* M_PREPEND: in place when there is room, else a new mbuf in front that
 * takes over the packet header.  On failure the chain is freed. */
errno_t mbuf_prepend(mbuf_t *mp, size_t len, mbuf_how_t how)
{
	struct __mbuf *m = *mp, *n;

	(void)how;
	xs_mbuf_check(m, "mbuf_prepend");
	if ((size_t)(m->data - m->buf) >= len) {
		m->data -= len;
		m->len += len;
	} else {
		if (len > XS_MHLEN)
			xh_panic("mbuf_prepend: %zu bytes exceed MHLEN", len);
		if (xs_fault("mbuf_prepend", __builtin_return_address(0))) {
			mbuf_freem(m);
			*mp = NULL;
			return ENOMEM;
		}
		n = xs_mbuf_new(m->type, 0);
		n->flags = m->flags & MBUF_PKTHDR;
		n->pkt_len = m->pkt_len;
		n->rcvif = m->rcvif;
		n->header = m->header;
		n->nextpkt = m->nextpkt;
		m->flags &= ~(mbuf_flags_t)MBUF_PKTHDR;
		m->nextpkt = NULL;
		n->data = n->buf + n->size - len;	/* MH_ALIGN */
		n->len = len;
		n->next = m;
		m = n;
	}
	if (m->flags & MBUF_PKTHDR)
		m->pkt_len += len;
	*mp = m;
	return 0;
}

errno_t mbuf_pullup(mbuf_t *mp, size_t len)
{
	xs_mbuf_check(*mp, "mbuf_pullup");
	if ((*mp)->len >= len)
		return 0;
	xh_panic("mbuf_pullup: rearranging the chain is not simulated");
}

/*
 * The stack's side: a packet as the stack would hand it to a driver.
 * seg 0: a header mbuf with lead bytes free in front (room for a link
 * header, as XNU's max_linkhdr leaves), then 2048-byte clusters; else
 * seg-byte pieces and no room in front, the worst a driver may meet.
 */
mbuf_t xs_mbuf_from(const void *data, size_t len, size_t seg, size_t lead)
{
	const char *d = data;
	mbuf_t head = NULL, last = NULL, m;
	size_t left = len;

	if (seg)
		lead = 0;
	do {
		size_t room, n;

		m = xs_mbuf_new(MBUF_TYPE_DATA, !head);
		if (!seg && head && left > XS_MLEN)
			xs_mbuf_attach_cluster(m, MCLBYTES);
		if (!head)
			m->data += lead;
		room = m->size - (size_t)(m->data - m->buf);
		n = seg && seg < room ? seg : room;
		n = n < left ? n : left;
		memcpy(m->data, d, n);
		m->len = n;
		d += n;
		left -= n;
		if (last)
			last->next = m;
		else
			head = m;
		last = m;
	} while (left > 0);
	head->pkt_len = len;
	return head;
}

/* Copy a whole chain out (up to n); its length. */
size_t xs_mbuf_copy_all(mbuf_t m, void *buf, size_t n)
{
	size_t total = xs_mbuf_chain_len(m);

	mbuf_copydata(m, 0, total < n ? total : n, buf);
	return total;
}
