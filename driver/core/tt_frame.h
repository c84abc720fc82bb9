/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * tt_frame.h: the framing rules every port of the driver shares.
 *
 * This part includes no OS header at all, so that the very code the
 * kernel runs also builds in user space for unit tests and fuzzers.
 * Types come from the compiler's own predefined macros; errors are the
 * core's own codes, which each port maps to its errno values, and the
 * address family numbers are given by the port, since they differ
 * between OSes (AF_INET6 is 10 on Linux, 30 on Mac OS X, 28 on FreeBSD).
 */
#ifndef TT_FRAME_H
#define TT_FRAME_H

typedef __UINT8_TYPE__ tt_u8;
typedef __UINT16_TYPE__ tt_u16;
typedef __UINT32_TYPE__ tt_u32;
typedef __SIZE_TYPE__ tt_size;

#define TT_AF_HDR_LEN	4	/* the address family in front of a tun packet */
#define TT_ETH_HDR_LEN	14	/* destination, source, ethertype */
#define TT_IPV4_MIN_LEN	20
#define TT_IPV6_HDR_LEN	40
#define TT_MTU_MIN	68	/* what IPv4 requires of every link */
#define TT_MTU_MAX	65535
#define TT_MTU_DEFAULT	1500
#define TT_UNITS_DEFAULT 16	/* as the Mac OS X kexts */
#define TT_UNITS_MAX	1024
#define TT_QUEUE_DEFAULT 128	/* packets: the kexts' QUEUE_SIZE */

/* Why a write was refused; each port maps these to its own errno. */
enum tt_err {
	TT_OK = 0,
	TT_EIO,			/* the interface is down */
	TT_EINVAL,		/* empty, too short, or not what it claims */
	TT_EMSGSIZE,		/* payload larger than the MTU */
	TT_EAFNOSUPPORT,	/* an AF header naming neither IPv4 nor IPv6 */
};

enum tt_kind {
	TT_KIND_TUN,		/* IP packets, point to point, no link header */
	TT_KIND_TAP,		/* Ethernet frames */
};

/* What a validated frame carries, so the port can hand it to its stack. */
enum tt_proto {
	TT_PROTO_NONE,
	TT_PROTO_IPV4,
	TT_PROTO_IPV6,
	TT_PROTO_ETHER,		/* tap: the stack reads the ethertype itself */
};

/*
 * The state a write is judged against: a snapshot the port takes once per
 * call, so that one write sees one consistent set of rules.
 */
struct tt_frame_rules {
	enum tt_kind kind;
	int af_header;		/* tun: TUNSIFHEAD is on */
	int up;			/* the interface is administratively up */
	tt_u32 mtu;
	tt_u32 af_inet;		/* this OS's AF_INET */
	tt_u32 af_inet6;	/* this OS's AF_INET6 */
};

struct tt_frame_info {
	tt_size hdr_len;	/* bytes in front of the packet to strip */
	enum tt_proto proto;
};

/* The longest write the rules accept: MTU plus link or AF header. */
tt_size tt_frame_write_max(const struct tt_frame_rules *r);

/*
 * The checks that need only the length, in the order a write meets them:
 * down (EIO), empty (EINVAL), too long (EMSGSIZE).  Ports call it before
 * they allocate anything for the packet.
 */
enum tt_err tt_frame_check_len(const struct tt_frame_rules *r, tt_size len);

/*
 * tt_frame_check_write reads no byte of buf past the first TT_FRAME_PEEK_MAX
 * (AF header plus the IP or Ethernet header fields it looks at), so a port
 * whose packet is not contiguous (an mbuf chain) may pass a copy of just
 * that much, with len the whole length.
 */
#define TT_FRAME_PEEK_MAX 64

/*
 * Every check of a write: the length checks, then the content.  On TT_OK,
 * info says how many header bytes to strip and what the rest is.
 */
enum tt_err tt_frame_check_write(const struct tt_frame_rules *r,
				 const tt_u8 *buf, tt_size len,
				 struct tt_frame_info *info);

/*
 * Read side: the AF header for a packet of proto in hdr (network order),
 * returning its length, 0 when no header is due, or -1 when the packet
 * cannot be framed (header on, and neither IPv4 nor IPv6): drop it.
 */
int tt_frame_read_hdr(const struct tt_frame_rules *r, enum tt_proto proto,
		      tt_u8 hdr[TT_AF_HDR_LEN]);

/* The IP version nibble of a tun payload, as a proto. */
enum tt_proto tt_frame_ip_proto(const tt_u8 *pkt, tt_size len);

#endif /* TT_FRAME_H */
