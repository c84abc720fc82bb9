/*
 * tt_if.c: the network interface of an open unit.
 *
 * Tear-down follows the KPI's rule (bsd/net/kpi_interface.h,
 * ifnet_detach): detach is asynchronous, the stack may still call the
 * interface's functions until our detach callback has run, so close
 * sleeps until then and only then drops its reference.
 */
#include "tt_darwin.h"

/* Under u->lock: open and administratively up, so I/O is taken. */
int tt_if_up(struct tt_unit *u)
{
	return u->state == TT_OPEN && (ifnet_flags(u->ifp) & IFF_UP);
}

/* Under u->lock: the rules a write is judged by, taken once per write. */
void tt_if_rules(struct tt_unit *u, struct tt_frame_rules *r)
{
	r->kind = u->fam->ops->kind;
	r->af_header = u->af_header;
	r->up = tt_if_up(u);
	r->mtu = u->state == TT_OPEN ? ifnet_mtu(u->ifp) : 0;
	r->af_inet = AF_INET;
	r->af_inet6 = AF_INET6;
}

/*
 * Under u->lock: drop what is queued, counted as output errors (the
 * closest KPI counter to "dropped").  It wakes no one: going down is no
 * event for a sleeper (tt_ready.h), which sleeps on until the next
 * packet after the interface is up again.
 */
void tt_if_flush(struct tt_unit *u)
{
	unsigned int n = tt_queue_flush(&u->q);

	if (n && u->ifp)
		ifnet_stat_increment_out(u->ifp, 0, 0, n);
}

/* Under u->lock: readers in read() and select() look again. */
void tt_if_wake(struct tt_unit *u)
{
	wakeup(&u->q);
	selwakeup(&u->rsel);
}

static errno_t tt_if_output(ifnet_t ifp, mbuf_t m)
{
	struct tt_unit *u = ifnet_softc(ifp);
	const struct tt_kind_ops *ops = u->fam->ops;

	lck_mtx_lock(u->lock);
	if (!tt_if_up(u)) {
		lck_mtx_unlock(u->lock);
		mbuf_freem(m);
		return EHOSTDOWN;
	}
	if (tt_queue_put(&u->q, m)) {
		/* full: no qdisc to push back to on XNU, the sender hears it */
		ifnet_stat_increment_out(ifp, 0, 0, 1);
		lck_mtx_unlock(u->lock);
		mbuf_freem(m);
		return ENOBUFS;
	}
	/*
	 * tun: our framer put the family in front, in host order: that is
	 * DLT_NULL's own header, so bpf gets the packet as it is queued.
	 */
	bpf_tap_out(ifp, ops->dlt, m, NULL, 0);
	tt_if_wake(u);
	lck_mtx_unlock(u->lock);
	return 0;
}

static errno_t tt_if_ioctl(ifnet_t ifp, unsigned long cmd, void *data)
{
	struct tt_unit *u = ifnet_softc(ifp);
	errno_t err;

	lck_mtx_lock(u->lock);
	err = tt_if_ioctl_common(u, cmd, data);
	if (err == EOPNOTSUPP)
		err = u->fam->ops->if_ioctl(u, cmd, data);
	lck_mtx_unlock(u->lock);
	return err;
}

/* Under u->lock: the requests tun and tap answer alike. */
errno_t tt_if_ioctl_common(struct tt_unit *u, unsigned long cmd, void *data)
{
	struct ifreq *ifr = data;
	struct ifstat *ifs = data;

	switch (cmd) {
	case SIOCSIFFLAGS:
		/*
		 * The stack has set the flags already (bsd/net/if.c ifioctl).
		 * Up: the unit turns writable, wake who selects for it.
		 */
		if (ifnet_flags(u->ifp) & IFF_UP)
			selwakeup(&u->rsel);
		else
			tt_if_flush(u);
		return 0;
	case SIOCSIFMTU:
		if (ifr->ifr_mtu < TT_MTU_MIN || ifr->ifr_mtu > TT_MTU_MAX)
			return EINVAL;
		return ifnet_set_mtu(u->ifp, (u_int32_t)ifr->ifr_mtu);
	case SIOCADDMULTI:
	case SIOCDELMULTI:
		return 0;
	case SIOCGIFSTATUS:
		if (u->state == TT_OPEN)
			snprintf(ifs->ascii, sizeof(ifs->ascii),
				 "\topen (pid %d)\n", u->pid);
		else
			snprintf(ifs->ascii, sizeof(ifs->ascii), "\tclosed\n");
		return 0;
	default:
		return EOPNOTSUPP;
	}
}

static void tt_if_detached(ifnet_t ifp)
{
	struct tt_unit *u = ifnet_softc(ifp);

	lck_mtx_lock(u->lock);
	u->detached = 1;
	wakeup(&u->detached);
	lck_mtx_unlock(u->lock);
}

/* Called with no lock held, state TT_OPENING. */
int tt_if_create(struct tt_unit *u)
{
	const struct tt_kind_ops *ops = u->fam->ops;
	static const u_int8_t bcast[ETHER_ADDR_LEN] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff
	};
	struct ifnet_init_params init;
	struct sockaddr_dl sdl;
	ifnet_t ifp;
	errno_t err;

	bzero(&init, sizeof(init));
	init.name = ops->name;
	init.unit = u->unit;
	init.family = ops->family;
	init.type = ops->type;
	init.output = tt_if_output;
	init.demux = ops->demux;
	init.add_proto = ops->add_proto;
	init.del_proto = ops->del_proto;
	init.check_multi = ops->check_multi;
	init.framer = ops->framer;
	init.softc = u;
	init.ioctl = tt_if_ioctl;
	init.set_bpf_tap = NULL;	/* deprecated: we call bpf_tap_* */
	init.detach = tt_if_detached;
	if (ops->kind == TT_KIND_TAP) {
		init.broadcast_addr = bcast;
		init.broadcast_len = sizeof(bcast);
	}
	bzero(&sdl, sizeof(sdl));
	ops->prepare(u, &sdl);

	err = ifnet_allocate(&init, &ifp);
	if (err) {
		printf("%s%u: ifnet_allocate failed: %d\n", ops->name, u->unit,
		       err);
		return err;
	}
	ifnet_set_mtu(ifp, TT_MTU_DEFAULT);
	ifnet_set_hdrlen(ifp, ops->hdrlen);
	if (ops->kind == TT_KIND_TAP)
		ifnet_set_addrlen(ifp, ETHER_ADDR_LEN);
	ifnet_set_flags(ifp, ops->flags, 0xffff);

	lck_mtx_lock(u->lock);
	u->ifp = ifp;
	u->detached = 0;
	u->af_header = 0;
	lck_mtx_unlock(u->lock);

	err = ifnet_attach(ifp, ops->kind == TT_KIND_TAP ? &sdl : NULL);
	if (err) {
		printf("%s%u: ifnet_attach failed: %d\n", ops->name, u->unit,
		       err);
		goto release;
	}
	err = bpf_attach(ifp, ops->dlt, ops->hdrlen, NULL, NULL);
	if (err) {
		printf("%s%u: bpf_attach failed: %d\n", ops->name, u->unit,
		       err);
		goto detach;
	}
	return 0;

detach:
	ifnet_detach(ifp);
	lck_mtx_lock(u->lock);
	while (!u->detached)
		msleep(&u->detached, u->lock, PZERO, "ttdetach", NULL);
	lck_mtx_unlock(u->lock);
release:
	lck_mtx_lock(u->lock);
	u->ifp = NULL;
	lck_mtx_unlock(u->lock);
	ifnet_release(ifp);
	return err;
}

/* Called with no lock held, state TT_CLOSING, the queue flushed. */
void tt_if_destroy(struct tt_unit *u)
{
	ifnet_t ifp = u->ifp;

	ifnet_detach(ifp);
	lck_mtx_lock(u->lock);
	/* no PCATCH: a signal must not leave the interface half gone */
	while (!u->detached)
		msleep(&u->detached, u->lock, PZERO, "ttdetach", NULL);
	tt_queue_flush(&u->q);	/* output that raced the flush */
	u->ifp = NULL;
	lck_mtx_unlock(u->lock);
	ifnet_release(ifp);
}
