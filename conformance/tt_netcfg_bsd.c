// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_netcfg_bsd.c: interface configuration the BSD way, for the darwin
 * target (tt_netcfg.c is Linux's): what ifconfig does on a Mac, with
 * socket ioctls (SIOCGIFFLAGS / SIOCSIFFLAGS, SIOCGIFMTU / SIOCSIFMTU,
 * SIOCSIFLLADDR, SIOCAIFADDR, SIOCAIFADDR_IN6, SIOCGIFADDR and its kin,
 * SIOCGIFAFLAG_IN6), the AF_LINK entries of getifaddrs() for what BSD
 * has no ioctl for (the link-level address, the counters), and routing
 * messages as `arp -s` and `route get` write them.
 *
 * The same file runs in darwin-sim (TT_XSIM): there its requests reach
 * the Mac kexts in the XNU simulator through the shim
 * (xsim/tt_xsim_shim.c), which answers them as XNU's ifioctl does, and
 * xsim/tt_xsim_bsd.h stands in for the Mac's headers.
 */
#include "tt_test.h"

#include <ifaddrs.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#ifdef TT_XSIM
#include "tt_xsim_bsd.h"
#else
#include <net/if_dl.h>
#include <net/if_types.h>
#include <net/route.h>
#include <netinet6/in6_var.h>
#include <sys/sockio.h>
#define tt_sockaddr_in		sockaddr_in
#define tt_sockaddr_in6		sockaddr_in6
#define tt_sockaddr_dl		sockaddr_dl
#define tt_ifreq		ifreq
#define tt_ifaliasreq		ifaliasreq
#define tt_in6_aliasreq		in6_aliasreq
#define tt_in6_ifreq		in6_ifreq
#define TT_SIOCGIFAFLAG_IN6	SIOCGIFAFLAG_IN6
#define TT_IN6_IFF_TENTATIVE	IN6_IFF_TENTATIVE
#define TT_IN6_IFF_DUPLICATED	IN6_IFF_DUPLICATED
#define tt_if_data		if_data
#define tt_rt_msghdr		rt_msghdr
#define TT_PF_ROUTE		PF_ROUTE
#define TT_RTM_VERSION		RTM_VERSION
#define TT_RTM_ADD		RTM_ADD
#define TT_RTM_GET		RTM_GET
#define TT_RTA_IFP		RTA_IFP
#define TT_RTF_UP		RTF_UP
#define TT_RTF_HOST		RTF_HOST
#define TT_RTF_LLINFO		RTF_LLINFO
#define TT_RTF_STATIC		RTF_STATIC
#define TT_RTA_DST		RTA_DST
#define TT_RTA_GATEWAY		RTA_GATEWAY
#define TT_IFT_ETHER		IFT_ETHER
#define TT_LLADDR(s)		((uint8_t *)LLADDR(s))
#define TT_SIOCSIFFLAGS		SIOCSIFFLAGS
#define TT_SIOCGIFFLAGS		SIOCGIFFLAGS
#define TT_SIOCAIFADDR		SIOCAIFADDR
#define TT_SIOCGIFADDR		SIOCGIFADDR
#define TT_SIOCGIFDSTADDR	SIOCGIFDSTADDR
#define TT_SIOCGIFNETMASK	SIOCGIFNETMASK
#define TT_SIOCGIFMTU		SIOCGIFMTU
#define TT_SIOCSIFMTU		SIOCSIFMTU
#define TT_SIOCSIFLLADDR	SIOCSIFLLADDR
#define TT_SIOCAIFADDR_IN6	SIOCAIFADDR_IN6
#define TT_AF_INET		AF_INET
#define TT_AF_INET6		AF_INET6
#define TT_AF_LINK		AF_LINK
#define TT_FLAGS_TO_HOST(f)	(f)
#endif

/* One ioctl on a throwaway socket of the given family. */
static int tt_netcfg_ioctl(int family, unsigned long req, void *arg)
{
	int s, r, e;

	s = socket(family, SOCK_DGRAM, 0);
	if (s < 0)
		return -1;
	r = ioctl(s, req, arg);
	e = errno;
	close(s);
	errno = e;
	return r;
}

static void tt_netcfg_ifreq(struct tt_ifreq *ifr, const char *name)
{
	memset(ifr, 0, sizeof(*ifr));
	snprintf(ifr->ifr_name, sizeof(ifr->ifr_name), "%s", name);
}

/* XNU answers ENXIO for an interface it does not have (ifioctl). */
int tt_if_exists(const char *name)
{
	struct tt_ifreq ifr;

	tt_netcfg_ifreq(&ifr, name);
	return tt_netcfg_ioctl(AF_INET, TT_SIOCGIFFLAGS, &ifr) == 0;
}

int tt_if_flags(const char *name)
{
	struct tt_ifreq ifr;

	tt_netcfg_ifreq(&ifr, name);
	if (tt_netcfg_ioctl(AF_INET, TT_SIOCGIFFLAGS, &ifr) < 0)
		return -1;
	return TT_FLAGS_TO_HOST(ifr.ifr_flags & 0xffff);
}

/* IFF_UP is bit 0 on every system: the flags read go back as they were. */
int tt_if_set_up(const char *name, int up)
{
	struct tt_ifreq ifr;

	tt_netcfg_ifreq(&ifr, name);
	if (tt_netcfg_ioctl(AF_INET, TT_SIOCGIFFLAGS, &ifr) < 0)
		return -1;
	if (up)
		ifr.ifr_flags |= IFF_UP;
	else
		ifr.ifr_flags &= ~IFF_UP;
	return tt_netcfg_ioctl(AF_INET, TT_SIOCSIFFLAGS, &ifr);
}

int tt_if_mtu(const char *name)
{
	struct tt_ifreq ifr;

	tt_netcfg_ifreq(&ifr, name);
	if (tt_netcfg_ioctl(AF_INET, TT_SIOCGIFMTU, &ifr) < 0)
		return -1;
	return ifr.ifr_mtu;
}

int tt_if_set_mtu(const char *name, int mtu)
{
	struct tt_ifreq ifr;

	tt_netcfg_ifreq(&ifr, name);
	ifr.ifr_mtu = mtu;
	return tt_netcfg_ioctl(AF_INET, TT_SIOCSIFMTU, &ifr);
}

/*
 * The AF_LINK entry getifaddrs() has for name: its link-level address
 * (at most 6 bytes copied to mac, its length returned) and its counters
 * (into *data, when data is not NULL).  -1 with ENXIO when there is none.
 */
static int tt_netcfg_link(const char *name, uint8_t mac[6],
			  struct tt_if_data *data)
{
	struct ifaddrs *all, *ifa;
	int alen = -1;

	if (getifaddrs(&all) != 0)
		return -1;
	for (ifa = all; ifa; ifa = ifa->ifa_next) {
		const struct tt_sockaddr_dl *sdl =
			(const struct tt_sockaddr_dl *)(void *)ifa->ifa_addr;

		if (!sdl || sdl->sdl_family != TT_AF_LINK ||
		    strcmp(ifa->ifa_name, name) != 0)
			continue;
		alen = sdl->sdl_alen;
		if (mac)
			memcpy(mac, TT_LLADDR(sdl), alen < 6 ? alen : 6);
		if (data && ifa->ifa_data)
			memcpy(data, ifa->ifa_data, sizeof(*data));
		break;
	}
	freeifaddrs(all);
	if (alen < 0)
		errno = ENXIO;
	return alen;
}

/* tun has no link-level address (Linux: ARPHRD_NONE), tap an Ethernet
 * one. */
int tt_if_hwaddr(const char *name, uint8_t mac[6])
{
	int alen;

	memset(mac, 0, 6);
	alen = tt_netcfg_link(name, mac, NULL);
	if (alen < 0)
		return -1;
	return alen == 6 ? ARPHRD_ETHER : ARPHRD_NONE;
}

/* ifconfig tapN lladdr: SIOCSIFLLADDR with an AF_LINK address. */
int tt_if_set_hwaddr(const char *name, const uint8_t mac[6])
{
	struct tt_ifreq ifr;

	tt_netcfg_ifreq(&ifr, name);
	ifr.ifr_addr.sa_len = 6;
	ifr.ifr_addr.sa_family = (uint8_t)TT_AF_LINK;
	memcpy(ifr.ifr_addr.sa_data, mac, 6);
	return tt_netcfg_ioctl(AF_INET, TT_SIOCSIFLLADDR, &ifr);
}

/* XNU has no transmit queue length to set (the kexts' queue is fixed). */
int tt_if_txqueuelen(const char *name)
{
	(void)name;
	errno = EOPNOTSUPP;
	return -1;
}

int tt_if_set_txqueuelen(const char *name, int qlen)
{
	(void)name;
	(void)qlen;
	errno = EOPNOTSUPP;
	return -1;
}

static void tt_netcfg_sin(struct tt_sockaddr_in *sin, const struct in_addr *a)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_len = sizeof(*sin);
	sin->sin_family = (uint8_t)TT_AF_INET;
	sin->sin_addr = *a;
}

static void tt_netcfg_sin6(struct tt_sockaddr_in6 *sin6,
			   const struct in6_addr *a)
{
	memset(sin6, 0, sizeof(*sin6));
	sin6->sin6_len = sizeof(*sin6);
	sin6->sin6_family = (uint8_t)TT_AF_INET6;
	sin6->sin6_addr = *a;
}

/* ifconfig NAME inet LOCAL [PEER] netmask M: SIOCAIFADDR, the peer in
 * the broadcast slot (ifra_dstaddr is that slot on a point-to-point
 * interface). */
int tt_if_add_addr4(const char *name, const struct in_addr *local,
		    const struct in_addr *peer, int prefix)
{
	struct tt_ifaliasreq ifra;
	struct in_addr mask;

	memset(&ifra, 0, sizeof(ifra));
	snprintf(ifra.ifra_name, sizeof(ifra.ifra_name), "%s", name);
	mask.s_addr = htonl(prefix ? 0xffffffffU << (32 - prefix) : 0);
	tt_netcfg_sin((struct tt_sockaddr_in *)(void *)&ifra.ifra_addr, local);
	tt_netcfg_sin((struct tt_sockaddr_in *)(void *)&ifra.ifra_mask, &mask);
	if (peer)
		tt_netcfg_sin((struct tt_sockaddr_in *)(void *)
			      &ifra.ifra_broadaddr, peer);
	return tt_netcfg_ioctl(AF_INET, TT_SIOCAIFADDR, &ifra);
}

/* ifconfig NAME inet6 A prefixlen P: SIOCAIFADDR_IN6 on an AF_INET6
 * socket, lifetimes infinite. */
int tt_if_add_addr6(const char *name, const struct in6_addr *a, int prefix)
{
	struct tt_in6_aliasreq ifra;
	struct in6_addr mask;
	int i;

	memset(&ifra, 0, sizeof(ifra));
	snprintf(ifra.ifra_name, sizeof(ifra.ifra_name), "%s", name);
	memset(&mask, 0, sizeof(mask));
	for (i = 0; i < prefix && i < 128; i++)
		mask.s6_addr[i / 8] |= 0x80 >> (i % 8);
	tt_netcfg_sin6(&ifra.ifra_addr, a);
	tt_netcfg_sin6(&ifra.ifra_prefixmask, &mask);
	ifra.ifra_lifetime.ia6t_vltime = 0xffffffffU;
	ifra.ifra_lifetime.ia6t_pltime = 0xffffffffU;
	return tt_netcfg_ioctl(AF_INET6, TT_SIOCAIFADDR_IN6, &ifra);
}

/* An IPv4 address of name read back (req: SIOCGIFADDR, SIOCGIFDSTADDR,
 * SIOCGIFNETMASK): 0, or -1 with errno. */
static int tt_netcfg_addr4(const char *name, unsigned long req,
			   struct in_addr *a)
{
	struct tt_ifreq ifr;

	tt_netcfg_ifreq(&ifr, name);
	if (tt_netcfg_ioctl(AF_INET, req, &ifr) < 0)
		return -1;
	*a = ((const struct tt_sockaddr_in *)(void *)&ifr.ifr_addr)->sin_addr;
	return 0;
}

/* SIOCGIFADDR: XNU's in_control answers EADDRNOTAVAIL when the
 * interface has no IPv4 address. */
int tt_if_has_addr4(const char *name)
{
	struct in_addr a;

	if (tt_netcfg_addr4(name, TT_SIOCGIFADDR, &a) == 0)
		return 1;
	return errno == EADDRNOTAVAIL ? 0 : -1;
}

/* The routing message route(8)'s `route get` writes and the reply. */
struct tt_netcfg_rtget {
	struct tt_rt_msghdr rtm;
	struct tt_sockaddr_in dst;
	struct tt_sockaddr_dl ifp;
	char more[512];			/* the reply's other addresses */
};

/*
 * Whether the route to dst leaves by name: `route get` (RTM_GET with
 * RTA_IFP) on a routing socket, the interface read from the reply's
 * RTA_IFP address.  1, 0 (ESRCH: no route, or another interface), -1.
 */
static int tt_netcfg_route_via(const char *name, const struct in_addr *dst)
{
	struct tt_netcfg_rtget m;
	const uint8_t *p, *end;
	size_t want = offsetof(struct tt_netcfg_rtget, more);
	ssize_t n;
	int s, bit, r = -1, seq = 1;

	memset(&m, 0, sizeof(m));
	m.rtm.rtm_msglen = (uint16_t)want;
	m.rtm.rtm_version = TT_RTM_VERSION;
	m.rtm.rtm_type = TT_RTM_GET;
	m.rtm.rtm_addrs = TT_RTA_DST | TT_RTA_IFP;
	m.rtm.rtm_pid = getpid();
	m.rtm.rtm_seq = seq;
	tt_netcfg_sin(&m.dst, dst);
	m.ifp.sdl_len = sizeof(m.ifp);
	m.ifp.sdl_family = (uint8_t)TT_AF_LINK;

	s = socket(TT_PF_ROUTE, SOCK_RAW, 0);
	if (s < 0)
		return -1;
	if (tt_xio_write(s, &m, want) != (ssize_t)want) {
		r = errno == ESRCH ? 0 : -1;
		goto out;
	}
	/* the socket hears every routing message: find our answer */
	do {
		n = tt_xio_read(s, &m, sizeof(m));
	} while (n > 0 && (m.rtm.rtm_pid != getpid() || m.rtm.rtm_seq != seq));
	if (n < (ssize_t)sizeof(m.rtm))
		goto out;
	r = 0;
	p = (const uint8_t *)&m + sizeof(m.rtm);
	end = (const uint8_t *)&m + n;
	/* the addresses in the order of their RTA_ bits, each rounded up
	 * to 4 bytes (XNU's ROUNDUP32; an empty one takes 4) */
	for (bit = 1; bit <= 0x80 && p < end; bit <<= 1) {
		const struct tt_sockaddr_dl *sdl = (const void *)p;

		if (!(m.rtm.rtm_addrs & bit))
			continue;
		if (bit == TT_RTA_IFP && sdl->sdl_family == TT_AF_LINK)
			r = sdl->sdl_nlen == strlen(name) &&
			    memcmp(sdl->sdl_data, name, sdl->sdl_nlen) == 0;
		p += sdl->sdl_len ? (sdl->sdl_len + 3u) & ~3u : 4;
	}
out:
	close(s);
	return r;
}

/*
 * An IPv4 route via the interface: to its peer (point to point), or to
 * another host of its prefix.  No address, no route.
 */
int tt_if_has_route(const char *name)
{
	struct in_addr local, mask, dst;
	int flags = tt_if_flags(name);

	if (flags < 0 || tt_netcfg_addr4(name, TT_SIOCGIFADDR, &local) < 0)
		return 0;
	if (flags & IFF_POINTOPOINT) {
		if (tt_netcfg_addr4(name, TT_SIOCGIFDSTADDR, &dst) < 0)
			return 0;
	} else {
		if (tt_netcfg_addr4(name, TT_SIOCGIFNETMASK, &mask) < 0)
			return 0;
		dst.s_addr = htonl((ntohl(local.s_addr) & ntohl(mask.s_addr)) + 1);
		if (dst.s_addr == local.s_addr)
			dst.s_addr = htonl(ntohl(dst.s_addr) + 1);
	}
	return tt_netcfg_route_via(name, &dst);
}

/* The if_data counters under Linux's /sys names; what BSD does not count
 * separately (dropped, ...) is -1, as an unreadable file is. */
long long tt_if_stat(const char *name, const char *counter)
{
	static const struct {
		const char *name;
		size_t off;
	} map[] = {
		{ "rx_packets", offsetof(struct tt_if_data, ifi_ipackets) },
		{ "rx_bytes", offsetof(struct tt_if_data, ifi_ibytes) },
		{ "rx_errors", offsetof(struct tt_if_data, ifi_ierrors) },
		{ "tx_packets", offsetof(struct tt_if_data, ifi_opackets) },
		{ "tx_bytes", offsetof(struct tt_if_data, ifi_obytes) },
		{ "tx_errors", offsetof(struct tt_if_data, ifi_oerrors) },
	};
	struct tt_if_data data;
	uint32_t v;
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].name, counter) == 0)
			break;
	if (i == sizeof(map) / sizeof(map[0]))
		return -1;
	memset(&data, 0, sizeof(data));
	if (tt_netcfg_link(name, NULL, &data) < 0)
		return -1;
	memcpy(&v, (const char *)&data + map[i].off, sizeof(v));
	return v;
}

#ifdef TT_XSIM
long long tt_xsim_file_number(const char *path);	/* tt_xsim_netcfg.c */
#endif

/* The number a file holds, or -1 (darwin-sim answers tuntap.ko's
 * live_objects with what the simulated kernel holds for the kexts). */
long long tt_file_number(const char *path)
{
	long long v = -1;
	FILE *f;

#ifdef TT_XSIM
	v = tt_xsim_file_number(path);
	if (v != -2)
		return v;
	v = -1;
#endif
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (fscanf(f, "%lld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

/* XNU has no "ip link del" for a driver's interface: only the driver
 * detaches it (the race and hostile suites ask; darwin skips them). */
int tt_if_delete(const char *name)
{
	(void)name;
	return -EOPNOTSUPP;
}

/* Only the IPv6 knobs tt_dev_setup turns exist as such: a Mac sends no
 * router solicitation or DAD probe on an interface that has no IPv6
 * address (IPv6 attaches with the first one), so there is nothing to
 * set; any other path is not there. */
int tt_sysctl_set(const char *path, const char *value)
{
	(void)value;
	if (strncmp(path, "/proc/sys/net/ipv6/conf/", 24) != 0) {
		errno = ENOENT;
		return -1;
	}
	return 0;
}

/* Whether DAD is done with an IPv6 address of name: its flags
 * (SIOCGIFAFLAG_IN6) say neither tentative nor duplicated. */
static int tt_netcfg_addr6_settled(const char *name,
				   const struct tt_sockaddr_in6 *sin6)
{
	struct tt_in6_ifreq ifr6;

	memset(&ifr6, 0, sizeof(ifr6));
	snprintf(ifr6.ifr_name, sizeof(ifr6.ifr_name), "%s", name);
	memcpy(&ifr6.ifr_ifru.ifru_addr, sin6, sizeof(*sin6));
	if (tt_netcfg_ioctl(AF_INET6, TT_SIOCGIFAFLAG_IN6, &ifr6) < 0)
		return 0;
	return !(ifr6.ifr_ifru.ifru_flags6 &
		 (TT_IN6_IFF_TENTATIVE | TT_IN6_IFF_DUPLICATED));
}

/* 1 when name has a global IPv6 address (not fe80::/10) and none of its
 * global ones is still tentative. */
int tt_if_addr6_usable(const char *name)
{
	struct ifaddrs *all, *ifa;
	int found = 0, settled = 1;

	if (getifaddrs(&all) != 0)
		return 0;
	for (ifa = all; ifa; ifa = ifa->ifa_next) {
		const struct tt_sockaddr_in6 *sin6 =
			(const struct tt_sockaddr_in6 *)(void *)ifa->ifa_addr;

		if (!sin6 || sin6->sin6_family != TT_AF_INET6 ||
		    strcmp(ifa->ifa_name, name) != 0 ||
		    (sin6->sin6_addr.s6_addr[0] == 0xfe &&
		     (sin6->sin6_addr.s6_addr[1] & 0xc0) == 0x80))
			continue;
		found = 1;
		settled &= tt_netcfg_addr6_settled(name, sin6);
	}
	freeifaddrs(all);
	return found && settled;
}

/*
 * A permanent ARP entry, as `arp -s IP MAC` makes one on a Mac: a
 * routing message RTM_ADD for the host route to ip whose gateway is the
 * link-level address (the interface, by index and by name, and the
 * MAC), flags RTF_HOST | RTF_STATIC | RTF_LLINFO.
 */
int tt_if_add_neigh4(const char *name, const struct in_addr *ip,
		     const uint8_t mac[6])
{
	struct {
		struct tt_rt_msghdr rtm;
		struct tt_sockaddr_in dst;
		struct tt_sockaddr_dl gw;
	} msg;
	size_t nlen = strlen(name);
	ssize_t n;
	int s, e;

	if (nlen + 6 > sizeof(msg.gw.sdl_data)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memset(&msg, 0, sizeof(msg));
	msg.rtm.rtm_msglen = sizeof(msg);
	msg.rtm.rtm_version = TT_RTM_VERSION;
	msg.rtm.rtm_type = TT_RTM_ADD;
	msg.rtm.rtm_flags = TT_RTF_UP | TT_RTF_HOST | TT_RTF_STATIC |
			    TT_RTF_LLINFO;
	msg.rtm.rtm_addrs = TT_RTA_DST | TT_RTA_GATEWAY;
	msg.rtm.rtm_seq = 1;
	tt_netcfg_sin(&msg.dst, ip);
	msg.gw.sdl_len = sizeof(msg.gw);
	msg.gw.sdl_family = (uint8_t)TT_AF_LINK;
	msg.gw.sdl_index = (uint16_t)if_nametoindex(name);
	msg.gw.sdl_type = TT_IFT_ETHER;
	msg.gw.sdl_nlen = (uint8_t)nlen;
	memcpy(msg.gw.sdl_data, name, nlen);
	msg.gw.sdl_alen = 6;
	memcpy(TT_LLADDR(&msg.gw), mac, 6);

	s = socket(TT_PF_ROUTE, SOCK_RAW, 0);
	if (s < 0)
		return -1;
	n = tt_xio_write(s, &msg, sizeof(msg));
	e = errno;
	close(s);
	errno = e;
	return n == (ssize_t)sizeof(msg) ? 0 : -1;
}
