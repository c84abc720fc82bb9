/*
 * tt_rw.c: one packet per read(), one packet per write().
 *
 * Packets live in mbuf chains (a header mbuf, then clusters), so both
 * directions walk the chain; nothing assumes a packet is contiguous.
 * Inside the kernel a tun packet carries its address family in front, in
 * host order (the framer puts it there on output, write puts it there on
 * input, demux reads it); read and write translate to and from the user's
 * framing with the core's rules.
 */
#include "tt_darwin.h"

int tt_rw_errno(enum tt_err err)
{
	switch (err) {
	case TT_OK:
		return 0;
	case TT_EIO:
		return EIO;
	case TT_EMSGSIZE:
		return EMSGSIZE;
	case TT_EAFNOSUPPORT:
		return EAFNOSUPPORT;
	case TT_EINVAL:
	default:
		return EINVAL;
	}
}

/* Bytes of the kernel's own link header in front of a queued packet. */
static size_t tt_rw_inner_hdr(const struct tt_unit *u)
{
	return u->fam->ops->kind == TT_KIND_TUN ? TT_TUN_HDR_LEN : 0;
}

/* What a queued packet is, from the family in front of it (tun). */
static enum tt_proto tt_rw_proto(const struct tt_unit *u, mbuf_t m)
{
	u_int32_t af;

	if (u->fam->ops->kind == TT_KIND_TAP)
		return TT_PROTO_ETHER;
	if (mbuf_copydata(m, 0, sizeof(af), &af))
		return TT_PROTO_NONE;
	if (af == AF_INET)
		return TT_PROTO_IPV4;
	if (af == AF_INET6)
		return TT_PROTO_IPV6;
	return TT_PROTO_NONE;
}

/* Under u->lock: the length read() would return now, header included. */
size_t tt_rw_next_len(struct tt_unit *u)
{
	struct tt_frame_rules r;
	u_int8_t hdr[TT_AF_HDR_LEN];
	mbuf_t m = tt_queue_peek(&u->q);
	int hlen;

	if (!m)
		return 0;
	tt_if_rules(u, &r);
	hlen = tt_frame_read_hdr(&r, tt_rw_proto(u, m), hdr);
	return mbuf_pkthdr_len(m) - tt_rw_inner_hdr(u) +
	       (size_t)(hlen > 0 ? hlen : 0);
}

/* Copy the chain from byte off on into uio, as far as uio has room. */
static int tt_rw_copyout(mbuf_t m, size_t off, struct uio *uio)
{
	int err = 0;

	for (; m && !err && uio_resid(uio) > 0; m = mbuf_next(m)) {
		size_t len = mbuf_len(m);

		if (off >= len) {
			off -= len;
			continue;
		}
		err = uiomove((const char *)mbuf_data(m) + off,
			      (int)(len - off), uio);
		off = 0;
	}
	return err;
}

int tt_rw_read(struct tt_unit *u, struct uio *uio, int ioflag)
{
	struct tt_frame_rules r;
	u_int8_t hdr[TT_AF_HDR_LEN];
	int hlen = 0;
	int err = 0;
	mbuf_t m = NULL;

	lck_mtx_lock(u->lock);
	/* called while down: EIO at once, even for a zero-length read */
	if (!tt_if_up(u)) {
		err = EIO;
		goto unlock;
	}
	if (uio_resid(uio) == 0)
		goto unlock;	/* a zero-length read takes nothing */
	for (;;) {
		/*
		 * Asleep when the interface went down: sleep on, for the
		 * first packet after it is up again (tt_ready.h).  Being
		 * closed: leave, so that close strands no reader.
		 */
		if (u->state != TT_OPEN) {
			err = EIO;
			goto unlock;
		}
		m = tt_queue_peek(&u->q);
		if (m) {
			tt_if_rules(u, &r);
			hlen = tt_frame_read_hdr(&r, tt_rw_proto(u, m), hdr);
			if (hlen >= 0)
				break;
			/* neither IPv4 nor IPv6 cannot wear an AF header */
			mbuf_freem(tt_queue_get(&u->q));
			ifnet_stat_increment_out(u->ifp, 0, 0, 1);
			continue;
		}
		if (ioflag & IO_NDELAY) {
			err = EWOULDBLOCK;
			goto unlock;
		}
		/* output and close wake &u->q; going down does not */
		err = msleep(&u->q, u->lock, PZERO | PCATCH, "ttread", NULL);
		if (err)
			goto unlock;	/* a signal: EINTR or ERESTART */
	}
	m = tt_queue_get(&u->q);
	/* counted whole, even if the reader's buffer truncates it */
	ifnet_stat_increment_out(u->ifp, 1,
				 (u_int32_t)(mbuf_pkthdr_len(m) -
					     tt_rw_inner_hdr(u)), 0);
	lck_mtx_unlock(u->lock);

	/* the packet is ours now: copy without the lock */
	if (hlen > 0)
		err = uiomove((const char *)hdr, hlen, uio);
	if (!err)
		err = tt_rw_copyout(m, tt_rw_inner_hdr(u), uio);
	mbuf_freem(m);
	return err;

unlock:
	lck_mtx_unlock(u->lock);
	return err;
}

/*
 * A chain holding lead bytes of room, then len bytes from uio: a header
 * mbuf, then as few clusters as the sizes XNU offers allow.
 */
static int tt_rw_chain(struct uio *uio, size_t lead, size_t len, mbuf_t *out)
{
	size_t left = lead + len;
	mbuf_t head = NULL, last = NULL, m;
	int err;

	while (left > 0) {
		size_t take, skip = head ? 0 : lead;

		m = NULL;
		err = head ? mbuf_get(MBUF_WAITOK, MBUF_TYPE_DATA, &m) :
			     mbuf_gethdr(MBUF_WAITOK, MBUF_TYPE_DATA, &m);
		if (err)
			goto free;
		if (left > mbuf_maxlen(m)) {
			size_t csize = left > MBIGCLBYTES ? M16KCLBYTES :
				       left > MCLBYTES ? MBIGCLBYTES : MCLBYTES;

			err = mbuf_getcluster(MBUF_WAITOK, MBUF_TYPE_DATA,
					      csize, &m);
			if (err) {
				mbuf_free(m);
				goto free;
			}
		}
		take = left < mbuf_maxlen(m) ? left : mbuf_maxlen(m);
		if (last)
			mbuf_setnext(last, m);
		else
			head = m;
		last = m;
		err = uiomove((char *)mbuf_data(m) + skip, (int)(take - skip),
			      uio);
		if (err)
			goto free;
		mbuf_setlen(m, take);
		left -= take;
	}
	mbuf_pkthdr_setlen(head, lead + len);
	*out = head;
	return 0;

free:
	if (head)
		mbuf_freem(head);
	return err;
}

int tt_rw_write(struct tt_unit *u, struct uio *uio)
{
	const struct tt_kind_ops *ops = u->fam->ops;
	size_t len = (size_t)uio_resid(uio);
	/* tun without TUNSIFHEAD: leave room for the family in front */
	size_t lead = 0;
	struct ifnet_stat_increment_param stats;
	u_int8_t head[TT_FRAME_PEEK_MAX];
	struct tt_frame_rules r;
	struct tt_frame_info info;
	enum tt_err terr;
	void *frame;
	ifnet_t ifp;
	mbuf_t m = NULL;
	int err;

	lck_mtx_lock(u->lock);
	tt_if_rules(u, &r);
	/* length first: nothing is allocated for a write that cannot pass */
	terr = tt_frame_check_len(&r, len);
	if (terr != TT_OK)
		goto refuse;
	if (ops->kind == TT_KIND_TUN && !r.af_header)
		lead = TT_TUN_HDR_LEN;
	err = tt_rw_chain(uio, lead, len, &m);
	if (err)
		goto unlock;
	mbuf_copydata(m, lead, len < sizeof(head) ? len : sizeof(head), head);
	terr = tt_frame_check_write(&r, head, len, &info);
	if (terr != TT_OK) {
		mbuf_freem(m);
		goto refuse;
	}
	if (ops->kind == TT_KIND_TUN) {
		u_int32_t af = info.proto == TT_PROTO_IPV4 ? AF_INET : AF_INET6;

		mbuf_copyback(m, 0, sizeof(af), &af, MBUF_WAITOK);
	}
	ifp = u->ifp;
	/* the stack reads the link header where the packet header says */
	frame = mbuf_data(m);
	mbuf_pkthdr_setrcvif(m, ifp);
	mbuf_pkthdr_setheader(m, frame);
	mbuf_adj(m, ops->hdrlen);
	bzero(&stats, sizeof(stats));
	stats.packets_in = 1;
	/* tun counts the packet without its AF header, tap the frame */
	stats.bytes_in = (u_int32_t)(len - info.hdr_len);
	bpf_tap_in(ifp, ops->dlt, m, frame, ops->hdrlen);
	/* hold the interface, not the lock: input calls our demux */
	ifnet_reference(ifp);
	lck_mtx_unlock(u->lock);
	ifnet_input(ifp, m, &stats);
	ifnet_release(ifp);
	return 0;

refuse:
	/* a down interface counts nothing, any other refusal an error */
	if (terr != TT_EIO)
		ifnet_stat_increment_in(u->ifp, 0, 0, 1);
	err = tt_rw_errno(terr);
unlock:
	lck_mtx_unlock(u->lock);
	return err;
}
