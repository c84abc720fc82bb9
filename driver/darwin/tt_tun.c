// SPDX-License-Identifier: MIT
/*
 * tt_tun.c: what is particular to tun: IP packets with no link header,
 * point to point.  The stack learns how to speak IPv4 and IPv6 over
 * IFNET_FAMILY_TUN interfaces from the plumbers registered here; inside
 * the kernel each packet carries its family in front (TT_TUN_HDR_LEN).
 */
#include "tt_darwin.h"

static errno_t tt_tun_demux(ifnet_t ifp, mbuf_t m, char *frame_header,
			    protocol_family_t *pf)
{
	u_int32_t af;

	(void)ifp;
	(void)m;
	memcpy(&af, frame_header, sizeof(af));
	if (af != AF_INET && af != AF_INET6)
		return ENOENT;
	*pf = af;
	return 0;
}

static errno_t tt_tun_add_proto(ifnet_t ifp, protocol_family_t pf,
				const struct ifnet_demux_desc *descs,
				u_int32_t count)
{
	(void)ifp;
	(void)descs;
	(void)count;
	return pf == PF_INET || pf == PF_INET6 ? 0 : EPROTONOSUPPORT;
}

static errno_t tt_tun_del_proto(ifnet_t ifp, protocol_family_t pf)
{
	(void)ifp;
	(void)pf;
	return 0;
}

/* Put the family our pre_output chose in front of the packet. */
static errno_t tt_tun_framer(ifnet_t ifp, mbuf_t *m,
			     const struct sockaddr *dest,
			     const char *dest_linkaddr, const char *frame_type)
{
	errno_t err;

	(void)ifp;
	(void)dest;
	(void)dest_linkaddr;
	err = mbuf_prepend(m, TT_TUN_HDR_LEN, MBUF_DONTWAIT);
	if (err)
		return err;	/* mbuf_prepend freed the chain */
	memcpy(mbuf_data(*m), frame_type, TT_TUN_HDR_LEN);
	return 0;
}

static void tt_tun_prepare(struct tt_unit *u, struct sockaddr_dl *sdl)
{
	(void)u;
	(void)sdl;
}

static int tt_tun_cdev_ioctl(struct tt_unit *u, u_long cmd, caddr_t data)
{
	switch (cmd) {
	case TUNSIFHEAD:
		/* applies to queued packets too: read frames by the mode */
		u->af_header = *(int *)data ? 1 : 0;
		return 0;
	case TUNGIFHEAD:
		*(int *)data = u->af_header;
		return 0;
	default:
		return ENOTTY;
	}
}

static errno_t tt_tun_if_ioctl(ifnet_t ifp, unsigned long cmd, void *data)
{
	(void)ifp;
	(void)cmd;
	(void)data;
	return EOPNOTSUPP;
}

const struct tt_kind_ops tt_tun_ops = {
	.name = "tun",
	.kind = TT_KIND_TUN,
	.family = IFNET_FAMILY_TUN,
	.type = IFT_OTHER,
	.flags = IFF_POINTOPOINT | IFF_MULTICAST | IFF_RUNNING,
	.hdrlen = TT_TUN_HDR_LEN,
	.dlt = DLT_NULL,
	.demux = tt_tun_demux,
	.add_proto = tt_tun_add_proto,
	.del_proto = tt_tun_del_proto,
	.check_multi = NULL,	/* point to point: not required */
	.framer = tt_tun_framer,
	.prepare = tt_tun_prepare,
	.cdev_ioctl = tt_tun_cdev_ioctl,
	.if_ioctl = tt_tun_if_ioctl,
};

/* ---- the protocol plumbers ------------------------------------------ */

static errno_t tt_tun_proto_input(ifnet_t ifp, protocol_family_t pf, mbuf_t m,
				  char *header)
{
	(void)ifp;
	(void)header;
	return proto_input(pf, m);
}

/* The frame type our framer puts in front: the family, host order. */
static errno_t tt_tun_proto_preout(ifnet_t ifp, protocol_family_t pf,
				   mbuf_t *m, const struct sockaddr *dest,
				   void *route, char *frame_type,
				   char *link_layer_dest)
{
	u_int32_t af = pf;

	(void)ifp;
	(void)m;
	(void)route;
	(void)link_layer_dest;
	if (dest && dest->sa_family != pf)
		return EAFNOSUPPORT;
	memcpy(frame_type, &af, sizeof(af));
	return 0;
}

static errno_t tt_tun_plumb(ifnet_t ifp, protocol_family_t pf)
{
	struct ifnet_demux_desc desc;
	struct ifnet_attach_proto_param param;

	bzero(&desc, sizeof(desc));
	desc.type = pf;
	bzero(&param, sizeof(param));
	param.demux_array = &desc;
	param.demux_count = 1;
	param.input = tt_tun_proto_input;
	param.pre_output = tt_tun_proto_preout;
	return ifnet_attach_protocol(ifp, pf, &param);
}

static void tt_tun_unplumb(ifnet_t ifp, protocol_family_t pf)
{
	ifnet_detach_protocol(ifp, pf);
}

/*
 * Another tun driver (a VPN client's) may own the plumbers for tun
 * interfaces already: then proto_register_plumber says EEXIST.  Two
 * drivers cannot both speak IP for IFNET_FAMILY_TUN, so the kext does
 * not load, says why in one line, and leaves nothing registered.
 */
int tt_tun_plumbers_register(void)
{
	errno_t err;

	err = proto_register_plumber(PF_INET, IFNET_FAMILY_TUN, tt_tun_plumb,
				     tt_tun_unplumb);
	if (err)
		goto fail;
	err = proto_register_plumber(PF_INET6, IFNET_FAMILY_TUN, tt_tun_plumb,
				     tt_tun_unplumb);
	if (err) {
		proto_unregister_plumber(PF_INET, IFNET_FAMILY_TUN);
		goto fail;
	}
	return 0;

fail:
	if (err == EEXIST)
		printf("tun: not loading: another tun driver already handles "
		       "IP on tun interfaces (proto_register_plumber: EEXIST); "
		       "unload it first\n");
	else
		printf("tun: not loading: proto_register_plumber failed: %d\n",
		       err);
	return err;
}

void tt_tun_plumbers_unregister(void)
{
	proto_unregister_plumber(PF_INET6, IFNET_FAMILY_TUN);
	proto_unregister_plumber(PF_INET, IFNET_FAMILY_TUN);
}
