// SPDX-License-Identifier: MIT
/*
 * tt_tap.c: what is particular to tap: Ethernet frames.  XNU plumbs IPv4
 * and IPv6 onto Ethernet-family interfaces itself; the driver maps
 * ethertypes to the protocols the stack attaches (add_proto / demux) and
 * frames what the stack sends.  The stack calls add_proto, del_proto and
 * demux with the interface lock held; they take u->lock inside it.
 */
#include "tt_darwin.h"

static struct tt_unit *tt_tap_unit(ifnet_t ifp)
{
	return ifnet_softc(ifp);
}

static errno_t tt_tap_demux(ifnet_t ifp, mbuf_t m, char *frame_header,
			    protocol_family_t *pf)
{
	struct tt_unit *u = tt_tap_unit(ifp);
	struct ether_header eh;
	errno_t err = ENOENT;
	unsigned int i;

	(void)m;
	memcpy(&eh, frame_header, sizeof(eh));
	lck_mtx_lock(u->lock);
	for (i = 0; i < TT_MAX_PROTOS; i++)
		if (u->protos[i].pf && u->protos[i].ethertype == eh.ether_type) {
			*pf = u->protos[i].pf;
			err = 0;
			break;
		}
	lck_mtx_unlock(u->lock);
	return err;
}

static errno_t tt_tap_del_proto(ifnet_t ifp, protocol_family_t pf)
{
	struct tt_unit *u = tt_tap_unit(ifp);
	unsigned int i;

	lck_mtx_lock(u->lock);
	for (i = 0; i < TT_MAX_PROTOS; i++)
		if (u->protos[i].pf == pf)
			u->protos[i].pf = 0;
	lck_mtx_unlock(u->lock);
	return 0;
}

static errno_t tt_tap_add_proto(ifnet_t ifp, protocol_family_t pf,
				const struct ifnet_demux_desc *descs,
				u_int32_t count)
{
	struct tt_unit *u = tt_tap_unit(ifp);
	errno_t err = 0;
	u_int32_t d;

	lck_mtx_lock(u->lock);
	for (d = 0; d < count && !err; d++) {
		u_int16_t type;
		unsigned int i;

		if (descs[d].type != TT_DESC_ETYPE2 ||
		    descs[d].datalen != sizeof(type)) {
			err = EINVAL;
			break;
		}
		memcpy(&type, descs[d].data, sizeof(type));
		err = ENOSPC;
		for (i = 0; i < TT_MAX_PROTOS; i++)
			if (!u->protos[i].pf) {
				u->protos[i].pf = pf;
				u->protos[i].ethertype = type;
				err = 0;
				break;
			}
	}
	lck_mtx_unlock(u->lock);
	if (err)
		tt_tap_del_proto(ifp, pf);	/* all or nothing */
	return err;
}

static errno_t tt_tap_framer(ifnet_t ifp, mbuf_t *m,
			     const struct sockaddr *dest,
			     const char *dest_linkaddr, const char *frame_type)
{
	struct ether_header eh;
	errno_t err;

	(void)dest;
	memcpy(eh.ether_dhost, dest_linkaddr, ETHER_ADDR_LEN);
	ifnet_lladdr_copy_bytes(ifp, eh.ether_shost, ETHER_ADDR_LEN);
	memcpy(&eh.ether_type, frame_type, sizeof(eh.ether_type));
	err = mbuf_prepend(m, ETHER_HDR_LEN, MBUF_DONTWAIT);
	if (err)
		return err;	/* mbuf_prepend freed the chain */
	return mbuf_copyback(*m, 0, ETHER_HDR_LEN, &eh, MBUF_DONTWAIT);
}

/* Multicast groups: any group address (I/G bit set) is fine with us. */
static errno_t tt_tap_check_multi(ifnet_t ifp, const struct sockaddr *mcast)
{
	const u_int8_t *mac;

	(void)ifp;
	if (mcast->sa_family == AF_UNSPEC)
		mac = (const u_int8_t *)mcast->sa_data;
	else if (mcast->sa_family == AF_LINK)
		mac = (const u_int8_t *)LLADDR((const struct sockaddr_dl *)
					       (const void *)mcast);
	else
		return EAFNOSUPPORT;
	return (mac[0] & 1) ? 0 : EINVAL;
}

/* A random locally administered unicast MAC, given to ifnet_attach. */
static void tt_tap_prepare(struct tt_unit *u, struct sockaddr_dl *sdl)
{
	u_int32_t r1 = random(), r2 = random();

	u->lladdr[0] = (u_int8_t)((r1 & 0xfc) | 0x02);
	u->lladdr[1] = (u_int8_t)(r1 >> 8);
	u->lladdr[2] = (u_int8_t)(r1 >> 16);
	u->lladdr[3] = (u_int8_t)r2;
	u->lladdr[4] = (u_int8_t)(r2 >> 8);
	u->lladdr[5] = (u_int8_t)u->unit;
	sdl->sdl_len = sizeof(*sdl);
	sdl->sdl_family = AF_LINK;
	sdl->sdl_type = IFT_ETHER;
	sdl->sdl_nlen = 0;
	sdl->sdl_alen = ETHER_ADDR_LEN;
	memcpy(LLADDR(sdl), u->lladdr, ETHER_ADDR_LEN);
	bzero(u->protos, sizeof(u->protos));
}

static int tt_tap_cdev_ioctl(struct tt_unit *u, u_long cmd, caddr_t data)
{
	(void)u;
	(void)cmd;
	(void)data;
	return ENOTTY;	/* TUNSIFHEAD and TUNGIFHEAD are tun's */
}

/* SIOCSIFLLADDR (ifconfig tapN lladdr ...): an AF_LINK address of 6.
 * No lock of ours: ifnet_set_lladdr takes the interface lock. */
static errno_t tt_tap_if_ioctl(ifnet_t ifp, unsigned long cmd, void *data)
{
	struct ifreq *ifr = data;

	if (cmd != SIOCSIFLLADDR)
		return EOPNOTSUPP;
	if (ifr->ifr_addr.sa_family != AF_LINK ||
	    ifr->ifr_addr.sa_len != ETHER_ADDR_LEN)
		return EINVAL;
	if (ifr->ifr_addr.sa_data[0] & 1)
		return EINVAL;	/* a group address cannot be ours */
	return ifnet_set_lladdr(ifp, ifr->ifr_addr.sa_data, ETHER_ADDR_LEN);
}

const struct tt_kind_ops tt_tap_ops = {
	.name = "tap",
	.kind = TT_KIND_TAP,
	.family = IFNET_FAMILY_ETHERNET,
	.type = IFT_ETHER,
	.flags = IFF_BROADCAST | IFF_SIMPLEX | IFF_MULTICAST | IFF_RUNNING,
	.hdrlen = ETHER_HDR_LEN,
	.dlt = DLT_EN10MB,
	.demux = tt_tap_demux,
	.add_proto = tt_tap_add_proto,
	.del_proto = tt_tap_del_proto,
	.check_multi = tt_tap_check_multi,
	.framer = tt_tap_framer,
	.prepare = tt_tap_prepare,
	.cdev_ioctl = tt_tap_cdev_ioctl,
	.if_ioctl = tt_tap_if_ioctl,
};
