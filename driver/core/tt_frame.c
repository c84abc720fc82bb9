// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * tt_frame.c: frame validation and the AF header, shared by every port.
 * No OS header may be included here: see tt_frame.h.
 */
#include "tt_frame.h"

static tt_u32 tt_frame_get_be32(const tt_u8 *p)
{
	return ((tt_u32)p[0] << 24) | ((tt_u32)p[1] << 16) |
	       ((tt_u32)p[2] << 8) | (tt_u32)p[3];
}

static void tt_frame_put_be32(tt_u8 *p, tt_u32 v)
{
	p[0] = (tt_u8)(v >> 24);
	p[1] = (tt_u8)(v >> 16);
	p[2] = (tt_u8)(v >> 8);
	p[3] = (tt_u8)v;
}

static tt_size tt_frame_hdr_len(const struct tt_frame_rules *r)
{
	if (r->kind == TT_KIND_TAP)
		return TT_ETH_HDR_LEN;
	return r->af_header ? TT_AF_HDR_LEN : 0;
}

tt_size tt_frame_write_max(const struct tt_frame_rules *r)
{
	return tt_frame_hdr_len(r) + r->mtu;
}

enum tt_err tt_frame_check_len(const struct tt_frame_rules *r, tt_size len)
{
	/* State before content: a down interface takes nothing at all. */
	if (!r->up)
		return TT_EIO;
	if (len == 0)
		return TT_EINVAL;
	if (len > tt_frame_write_max(r))
		return TT_EMSGSIZE;
	return TT_OK;
}

enum tt_proto tt_frame_ip_proto(const tt_u8 *pkt, tt_size len)
{
	if (len < 1)
		return TT_PROTO_NONE;
	switch (pkt[0] >> 4) {
	case 4:
		/*
		 * An IPv4 header is at least 20 bytes and its own IHL must
		 * fit in what was written; the stack would drop it anyway,
		 * but the writer deserves to hear why.
		 */
		if (len < TT_IPV4_MIN_LEN || (tt_size)(pkt[0] & 0x0f) * 4 <
		    TT_IPV4_MIN_LEN || (tt_size)(pkt[0] & 0x0f) * 4 > len)
			return TT_PROTO_NONE;
		return TT_PROTO_IPV4;
	case 6:
		if (len < TT_IPV6_HDR_LEN)
			return TT_PROTO_NONE;
		return TT_PROTO_IPV6;
	default:
		return TT_PROTO_NONE;
	}
}

static enum tt_err tt_frame_check_tun(const struct tt_frame_rules *r,
				      const tt_u8 *buf, tt_size len,
				      struct tt_frame_info *info)
{
	enum tt_proto want = TT_PROTO_NONE;
	enum tt_proto got;

	if (r->af_header) {
		tt_u32 af;

		if (len < TT_AF_HDR_LEN)
			return TT_EINVAL;
		af = tt_frame_get_be32(buf);
		if (af == r->af_inet)
			want = TT_PROTO_IPV4;
		else if (af == r->af_inet6)
			want = TT_PROTO_IPV6;
		else
			return TT_EAFNOSUPPORT;
		buf += TT_AF_HDR_LEN;
		len -= TT_AF_HDR_LEN;
	}
	got = tt_frame_ip_proto(buf, len);
	if (got == TT_PROTO_NONE)
		return TT_EINVAL;
	/* A header that disagrees with its payload is a lie, not a hint. */
	if (want != TT_PROTO_NONE && want != got)
		return TT_EINVAL;
	info->hdr_len = tt_frame_hdr_len(r);
	info->proto = got;
	return TT_OK;
}

enum tt_err tt_frame_check_write(const struct tt_frame_rules *r,
				 const tt_u8 *buf, tt_size len,
				 struct tt_frame_info *info)
{
	enum tt_err err;

	err = tt_frame_check_len(r, len);
	if (err != TT_OK)
		return err;
	if (r->kind == TT_KIND_TUN)
		return tt_frame_check_tun(r, buf, len, info);
	if (len < TT_ETH_HDR_LEN)
		return TT_EINVAL;
	/* tap keeps its link header: the stack's Ethernet input parses it. */
	info->hdr_len = 0;
	info->proto = TT_PROTO_ETHER;
	return TT_OK;
}

int tt_frame_read_hdr(const struct tt_frame_rules *r, enum tt_proto proto,
		      tt_u8 hdr[TT_AF_HDR_LEN])
{
	if (r->kind != TT_KIND_TUN || !r->af_header)
		return 0;
	if (proto == TT_PROTO_IPV4)
		tt_frame_put_be32(hdr, r->af_inet);
	else if (proto == TT_PROTO_IPV6)
		tt_frame_put_be32(hdr, r->af_inet6);
	else
		return -1;
	return TT_AF_HDR_LEN;
}
