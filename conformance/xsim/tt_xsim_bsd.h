/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tt_xsim_bsd.h: what a Mac's headers give tt_netcfg_bsd.c, for its
 * darwin-sim build on Linux: XNU's structures (sa_len, one-byte families)
 * and request numbers, under tt_ names where glibc's headers already use
 * the BSD ones.  The shim (tt_xsim_shim.c) answers these requests as
 * XNU's ifioctl does; tt_netcfg_bsd.c includes this file only with
 * TT_XSIM set and the Mac's own headers otherwise.
 *
 * Layouts and numbers are XNU's (bsd/net/if.h, bsd/netinet/in.h,
 * bsd/netinet6/in6_var.h, bsd/net/if_dl.h, bsd/sys/sockio.h, the _IOW
 * encoding of bsd/sys/ioccom.h).  Member names follow glibc's macros
 * where glibc defines some (ifr_name is ifr_ifrn.ifrn_name there).
 */
#ifndef TT_XSIM_BSD_H
#define TT_XSIM_BSD_H

#include <stdint.h>
#include <netinet/in.h>

#include "xt_const.h"

struct tt_sockaddr {
	uint8_t sa_len;
	uint8_t sa_family;
	char sa_data[14];
};

struct tt_sockaddr_in {
	uint8_t sin_len;
	uint8_t sin_family;
	uint16_t sin_port;
	struct in_addr sin_addr;
	char sin_zero[8];
};

struct tt_sockaddr_in6 {
	uint8_t sin6_len;
	uint8_t sin6_family;
	uint16_t sin6_port;
	uint32_t sin6_flowinfo;
	struct in6_addr sin6_addr;
	uint32_t sin6_scope_id;
};

/* Darwin's struct ifreq: 32 bytes.  glibc's <net/if.h> turns ifr_name,
 * ifr_addr, ifr_flags and ifr_mtu into these members. */
struct tt_ifreq {
	union {
		char ifrn_name[16];
	} ifr_ifrn;
	union {
		struct tt_sockaddr ifru_addr;
		struct tt_sockaddr ifru_dstaddr;
		short ifru_flags;
		int ifru_mtu;
		void *ifru_data;
	} ifr_ifru;
};

struct tt_ifaliasreq {
	char ifra_name[16];
	struct tt_sockaddr ifra_addr;
	struct tt_sockaddr ifra_broadaddr;
	struct tt_sockaddr ifra_mask;
};

struct tt_in6_addrlifetime {
	int64_t ia6t_expire;
	int64_t ia6t_preferred;
	uint32_t ia6t_vltime;
	uint32_t ia6t_pltime;
};

struct tt_in6_aliasreq {
	char ifra_name[16];
	struct tt_sockaddr_in6 ifra_addr;
	struct tt_sockaddr_in6 ifra_dstaddr;
	struct tt_sockaddr_in6 ifra_prefixmask;
	int ifra_flags;
	struct tt_in6_addrlifetime ifra_lifetime;
};

/* An IPv6 address's request (SIOCGIFAFLAG_IN6).  XNU's union also
 * holds the per-interface statistics, which the suite never asks for:
 * this one is smaller, and so is the size in its request number, which
 * only the shim decodes. */
struct tt_in6_ifreq {
	union {
		char ifrn_name[16];
	} ifr_ifrn;
	union {
		struct tt_sockaddr_in6 ifru_addr;
		int ifru_flags6;
	} ifr_ifru;
};
#define TT_IN6_IFF_TENTATIVE	0x0002
#define TT_IN6_IFF_DUPLICATED	0x0004

/* The link-level address getifaddrs() gives (bsd/net/if_dl.h). */
struct tt_sockaddr_dl {
	uint8_t sdl_len;
	uint8_t sdl_family;
	uint16_t sdl_index;
	uint8_t sdl_type;
	uint8_t sdl_nlen;
	uint8_t sdl_alen;
	uint8_t sdl_slen;
	char sdl_data[12];
};
#define TT_LLADDR(s)	((uint8_t *)(s)->sdl_data + (s)->sdl_nlen)

/* The counters of struct if_data (bsd/net/if_var.h) the suite reads:
 * getifaddrs()'s ifa_data of an AF_LINK entry. */
struct tt_if_data {
	uint32_t ifi_ipackets, ifi_ierrors, ifi_opackets, ifi_oerrors;
	uint32_t ifi_ibytes, ifi_obytes;
};

/* A routing-socket message (bsd/net/route.h), as `arp -s` writes one. */
struct tt_rt_metrics {
	uint32_t rmx_locks, rmx_mtu, rmx_hopcount;
	int32_t rmx_expire;
	uint32_t rmx_recvpipe, rmx_sendpipe, rmx_ssthresh, rmx_rtt, rmx_rttvar;
	uint32_t rmx_pksent, rmx_filler[4];
};

struct tt_rt_msghdr {
	uint16_t rtm_msglen;
	uint8_t rtm_version;
	uint8_t rtm_type;
	uint16_t rtm_index;
	int rtm_flags;
	int rtm_addrs;
	int32_t rtm_pid;
	int rtm_seq;
	int rtm_errno;
	int rtm_use;
	uint32_t rtm_inits;
	struct tt_rt_metrics rtm_rmx;
};

#define TT_PF_ROUTE		17
#define TT_RTM_VERSION		5
#define TT_RTM_ADD		0x1
#define TT_RTM_GET		0x4
#define TT_RTF_UP		0x1
#define TT_RTF_HOST		0x4
#define TT_RTF_LLINFO		0x400
#define TT_RTF_STATIC		0x800
#define TT_RTA_DST		0x1
#define TT_RTA_GATEWAY		0x2
#define TT_RTA_IFP		0x10
#define TT_IFT_ETHER		0x6

/* bsd/sys/ioccom.h */
#define TT_IOC_OUT		0x40000000UL
#define TT_IOC_IN		0x80000000UL
#define TT_IOC(dir, g, n, t)	((dir) | (sizeof(t) & 0x1fffUL) << 16 | \
				 (unsigned long)(g) << 8 | (n))
#define TT_IOW(g, n, t)		TT_IOC(TT_IOC_IN, g, n, t)
#define TT_IOWR(g, n, t)	TT_IOC(TT_IOC_IN | TT_IOC_OUT, g, n, t)

/* bsd/sys/sockio.h, bsd/netinet6/in6_var.h */
#define TT_SIOCSIFFLAGS		TT_IOW('i', 16, struct tt_ifreq)
#define TT_SIOCGIFFLAGS		TT_IOWR('i', 17, struct tt_ifreq)
#define TT_SIOCAIFADDR		TT_IOW('i', 26, struct tt_ifaliasreq)
#define TT_SIOCGIFADDR		TT_IOWR('i', 33, struct tt_ifreq)
#define TT_SIOCGIFDSTADDR	TT_IOWR('i', 34, struct tt_ifreq)
#define TT_SIOCGIFNETMASK	TT_IOWR('i', 37, struct tt_ifreq)
#define TT_SIOCGIFMTU		TT_IOWR('i', 51, struct tt_ifreq)
#define TT_SIOCSIFMTU		TT_IOW('i', 52, struct tt_ifreq)
#define TT_SIOCSIFLLADDR	TT_IOW('i', 60, struct tt_ifreq)
#define TT_SIOCAIFADDR_IN6	TT_IOW('i', 26, struct tt_in6_aliasreq)
#define TT_SIOCGIFAFLAG_IN6	TT_IOWR('i', 73, struct tt_in6_ifreq)

/* XNU's address families (runtime values from the simulated headers) */
#define TT_AF_INET		xt_AF_INET
#define TT_AF_INET6		xt_AF_INET6
#define TT_AF_LINK		xt_AF_LINK

/* XNU's IFF_* bits as this host names them: the low ones agree, XNU's
 * MULTICAST (0x8000) and SIMPLEX (0x800, Linux's SLAVE) do not. */
int tt_xsim_flags_to_host(int xnu_flags);
#define TT_FLAGS_TO_HOST(f)	tt_xsim_flags_to_host(f)

#endif
