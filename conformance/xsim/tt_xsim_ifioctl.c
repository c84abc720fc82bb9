// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_xsim_ifioctl.c: a socket's interface requests in darwin-sim, and
 * getifaddrs(), answered from the simulator's ifnets as XNU answers a
 * program on a Mac: what tt_netcfg_bsd.c (the suite's Mac configuration
 * code) asks, in XNU's request numbers and structures (tt_xsim_bsd.h).
 * The shim (tt_xsim_shim.c) routes here every ioctl on a simulated
 * socket and the wrapped getifaddrs() / freeifaddrs().
 *
 * As XNU's ifioctl (bsd/net/if.c): an unknown interface is ENXIO; flags
 * and MTU go through the stack (xsim_if_set_up, xsim_if_set_mtu: the
 * stack's bounds, then the driver); SIOCSIFLLADDR is the driver's
 * (ifnet_ioctl).  As in_control / in6_control: an address goes on the
 * socket of its family, the peer of a point-to-point interface in the
 * broadcast slot; SIOCGIFADDR without an address is EADDRNOTAVAIL.  As
 * route_output (bsd/net/rtsock.c) for the two messages the suite writes
 * to a routing socket: `arp -s`'s RTM_ADD of a link-level gateway (the
 * stack's ARP table, tt_xsim_netcfg.c, takes the entry) and `route get`'s
 * RTM_GET (the answer names the route's interface; no route: ESRCH).
 */
#include <errno.h>
#include <ifaddrs.h>
#include <pthread.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt_xsim.h"
#include "tt_xsim_bsd.h"
#include "xnu_sim.h"

static int tt_xsim_fail(int err)
{
	errno = err;
	return -1;
}

/* Prefix length of a netmask of n bytes. */
static int tt_xsim_prefix(const uint8_t *mask, size_t n)
{
	int bits = 0;
	size_t i;

	for (i = 0; i < n; i++)
		bits += __builtin_popcount(mask[i]);
	return bits;
}

static int tt_xsim_aifaddr(const struct tt_ifaliasreq *ifra)
{
	const struct tt_sockaddr_in *addr = (const void *)&ifra->ifra_addr;
	const struct tt_sockaddr_in *mask = (const void *)&ifra->ifra_mask;
	const struct tt_sockaddr_in *dst = (const void *)&ifra->ifra_broadaddr;
	int flags = xsim_if_flags(ifra->ifra_name);

	if (flags < 0)
		return -1;
	if (addr->sin_family != TT_AF_INET)
		return tt_xsim_fail(EINVAL);
	return tt_xsim_addr_add4(ifra->ifra_name, &addr->sin_addr,
				 (flags & xt_IFF_POINTOPOINT) &&
				 dst->sin_family == TT_AF_INET ?
				 &dst->sin_addr : NULL,
				 tt_xsim_prefix((const uint8_t *)&mask->sin_addr, 4));
}

static int tt_xsim_aifaddr6(const struct tt_in6_aliasreq *ifra)
{
	if (!xsim_if_exists(ifra->ifra_name))
		return tt_xsim_fail(ENXIO);
	if (ifra->ifra_addr.sin6_family != TT_AF_INET6)
		return tt_xsim_fail(EINVAL);
	return tt_xsim_addr_add6(ifra->ifra_name, &ifra->ifra_addr.sin6_addr,
				 tt_xsim_prefix(ifra->ifra_prefixmask.sin6_addr.s6_addr,
						16));
}

/* An address's flags: the simulated stack runs no DAD, so an address it
 * has is neither tentative nor duplicated. */
static int tt_xsim_aflag6(struct tt_in6_ifreq *ifr6)
{
	struct in6_addr a;

	if (!xsim_if_exists(ifr6->ifr_name))
		return tt_xsim_fail(ENXIO);
	if (tt_xsim_addr_get(ifr6->ifr_name, 1, &a) != 0 ||
	    memcmp(&a, &ifr6->ifr_ifru.ifru_addr.sin6_addr, sizeof(a)) != 0)
		return tt_xsim_fail(EADDRNOTAVAIL);
	ifr6->ifr_ifru.ifru_flags6 = 0;
	return 0;
}

/* SIOCGIFDSTADDR (EINVAL unless point to point, as in_control) and
 * SIOCGIFNETMASK. */
static int tt_xsim_gifaddr4(unsigned long req, struct tt_ifreq *ifr)
{
	struct tt_sockaddr_in *sin = (void *)&ifr->ifr_addr;
	int flags = xsim_if_flags(ifr->ifr_name), ptp, prefix;
	struct in_addr peer;

	if (flags < 0)
		return -1;
	if (req == TT_SIOCGIFDSTADDR && !(flags & xt_IFF_POINTOPOINT))
		return tt_xsim_fail(EINVAL);
	if (tt_xsim_addr4_peer(ifr->ifr_name, &peer, &ptp, &prefix) != 0)
		return tt_xsim_fail(EADDRNOTAVAIL);
	memset(sin, 0, sizeof(*sin));
	sin->sin_len = sizeof(*sin);
	sin->sin_family = (uint8_t)TT_AF_INET;
	if (req == TT_SIOCGIFDSTADDR)
		sin->sin_addr = peer;
	else
		sin->sin_addr.s_addr =
			htonl(prefix ? 0xffffffffU << (32 - prefix) : 0);
	return 0;
}

int tt_xsim_ifioctl(int family, unsigned long req, void *arg)
{
	struct tt_ifreq *ifr = arg;
	struct tt_sockaddr_in *sin = (void *)&ifr->ifr_addr;
	int v;

	switch (req) {
	case TT_SIOCGIFFLAGS:
		v = xsim_if_flags(ifr->ifr_name);
		if (v < 0)
			return -1;
		ifr->ifr_flags = (short)v;
		return 0;
	case TT_SIOCSIFFLAGS:
		return xsim_if_set_up(ifr->ifr_name, ifr->ifr_flags & xt_IFF_UP);
	case TT_SIOCGIFMTU:
		v = xsim_if_mtu(ifr->ifr_name);
		if (v < 0)
			return -1;
		ifr->ifr_mtu = v;
		return 0;
	case TT_SIOCSIFMTU:
		return xsim_if_set_mtu(ifr->ifr_name, ifr->ifr_mtu);
	case TT_SIOCSIFLLADDR:
		return xsim_if_ioctl(ifr->ifr_name, xt_SIOCSIFLLADDR, ifr);
	case TT_SIOCGIFADDR:
		if (!xsim_if_exists(ifr->ifr_name))
			return tt_xsim_fail(ENXIO);
		memset(sin, 0, sizeof(*sin));
		if (tt_xsim_addr_get(ifr->ifr_name, 0, &sin->sin_addr) != 0)
			return tt_xsim_fail(EADDRNOTAVAIL);
		sin->sin_len = sizeof(*sin);
		sin->sin_family = (uint8_t)TT_AF_INET;
		return 0;
	case TT_SIOCGIFDSTADDR:
	case TT_SIOCGIFNETMASK:
		return tt_xsim_gifaddr4(req, ifr);
	case TT_SIOCAIFADDR:	/* == TT_SIOCAIFADDR_IN6 but for the size */
		if (family != AF_INET)
			return tt_xsim_fail(EOPNOTSUPP);
		return tt_xsim_aifaddr(arg);
	case TT_SIOCAIFADDR_IN6:
		if (family != AF_INET6)
			return tt_xsim_fail(EOPNOTSUPP);
		return tt_xsim_aifaddr6(arg);
	case TT_SIOCGIFAFLAG_IN6:
		if (family != AF_INET6)
			return tt_xsim_fail(EOPNOTSUPP);
		return tt_xsim_aflag6(arg);
	}
	/* what XNU has and darwin-sim does not answer (yet) */
	return tt_xsim_fail(ENOTTY);
}

/* One getifaddrs() entry with the storage its pointers point into. */
struct tt_xsim_ifaddr {
	struct ifaddrs ifa;
	char name[IFNAMSIZ];
	union {
		struct tt_sockaddr_dl dl;
		struct tt_sockaddr_in in;
		struct tt_sockaddr_in6 in6;
	} addr;
	struct tt_if_data data;
};

static struct tt_xsim_ifaddr *tt_xsim_ifaddr_add(struct ifaddrs ***tail,
						 const char *name)
{
	struct tt_xsim_ifaddr *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	snprintf(e->name, sizeof(e->name), "%s", name);
	e->ifa.ifa_name = e->name;
	e->ifa.ifa_addr = (struct sockaddr *)(void *)&e->addr;
	**tail = &e->ifa;
	*tail = &e->ifa.ifa_next;
	return e;
}

/* An interface's entries: AF_LINK (address, counters), then its IPv4
 * and IPv6 addresses.  0, or -1 when out of memory. */
static int tt_xsim_ifaddrs_of(struct ifaddrs ***tail, const char *name)
{
	struct xsim_if_stats st;
	struct tt_xsim_ifaddr *e;
	uint8_t mac[6];

	if (xsim_if_stats(name, &st) != 0)
		return 0;	/* gone meanwhile */
	e = tt_xsim_ifaddr_add(tail, name);
	if (!e)
		return -1;
	e->addr.dl.sdl_len = sizeof(e->addr.dl);
	e->addr.dl.sdl_family = (uint8_t)TT_AF_LINK;
	e->addr.dl.sdl_nlen = (uint8_t)strlen(name);
	memcpy(e->addr.dl.sdl_data, name, e->addr.dl.sdl_nlen);
	/* tun has no link-level address: an AF_LINK entry of length 0 */
	if (xsim_if_lladdr(name, mac) == 0) {
		e->addr.dl.sdl_alen = 6;
		memcpy(TT_LLADDR(&e->addr.dl), mac, 6);
	}
	e->data.ifi_ipackets = (uint32_t)st.ipackets;
	e->data.ifi_ibytes = (uint32_t)st.ibytes;
	e->data.ifi_ierrors = (uint32_t)st.ierrors;
	e->data.ifi_opackets = (uint32_t)st.opackets;
	e->data.ifi_obytes = (uint32_t)st.obytes;
	e->data.ifi_oerrors = (uint32_t)st.oerrors;
	e->ifa.ifa_data = &e->data;

	e = tt_xsim_ifaddr_add(tail, name);
	if (!e)
		return -1;
	if (tt_xsim_addr_get(name, 0, &e->addr.in.sin_addr) == 0) {
		e->addr.in.sin_len = sizeof(e->addr.in);
		e->addr.in.sin_family = (uint8_t)TT_AF_INET;
	}
	e = tt_xsim_ifaddr_add(tail, name);
	if (!e)
		return -1;
	if (tt_xsim_addr_get(name, 1, &e->addr.in6.sin6_addr) == 0) {
		e->addr.in6.sin6_len = sizeof(e->addr.in6);
		e->addr.in6.sin6_family = (uint8_t)TT_AF_INET6;
	}
	return 0;
}

void __wrap_freeifaddrs(struct ifaddrs *ifa)
{
	struct ifaddrs *next;

	for (; ifa; ifa = next) {
		next = ifa->ifa_next;
		free(ifa);	/* the tt_xsim_ifaddr it starts */
	}
}

/* The kexts' interfaces are tunN and tapN, N below their unit count
 * (driver/core: 16); an entry without an address has family 0. */
int __wrap_getifaddrs(struct ifaddrs **out)
{
	static const char *const kinds[] = { "tun", "tap" };
	struct ifaddrs *head = NULL, **tail = &head;
	char name[IFNAMSIZ];
	size_t k;
	int u;

	for (k = 0; k < 2; k++)
		for (u = 0; u < 16; u++) {
			snprintf(name, sizeof(name), "%s%d", kinds[k], u);
			if (xsim_if_exists(name) &&
			    tt_xsim_ifaddrs_of(&tail, name) != 0) {
				__wrap_freeifaddrs(head);
				return tt_xsim_fail(ENOMEM);
			}
		}
	*out = head;
	return 0;
}

/* ---- routing sockets --------------------------------------------------- */

/* A routing message as route_output answers RTM_GET with RTA_IFP: the
 * header, the destination and the interface's link-level address. */
struct tt_xsim_rtreply {
	struct tt_rt_msghdr rtm;
	struct tt_sockaddr_in dst;
	struct tt_sockaddr_dl ifp;
};

static pthread_mutex_t tt_xsim_rt_lock = PTHREAD_MUTEX_INITIALIZER;
static int tt_xsim_rt_used[TT_XSIM_RT_MAX];
/* the answer a socket's reader gets next (0: none) */
static struct tt_xsim_rtreply tt_xsim_rt_reply[TT_XSIM_RT_MAX];
static int tt_xsim_rt_pending[TT_XSIM_RT_MAX];

int tt_xsim_rtsock_open(void)
{
	int i, fd = -1;

	pthread_mutex_lock(&tt_xsim_rt_lock);
	for (i = 0; i < TT_XSIM_RT_MAX && fd < 0; i++)
		if (!tt_xsim_rt_used[i]) {
			tt_xsim_rt_used[i] = 1;
			fd = TT_XSIM_RT_FD + i;
		}
	pthread_mutex_unlock(&tt_xsim_rt_lock);
	return fd < 0 ? tt_xsim_fail(EMFILE) : fd;
}

int tt_xsim_is_rtsock(int fd)
{
	int used;

	if (fd < TT_XSIM_RT_FD || fd >= TT_XSIM_RT_FD + TT_XSIM_RT_MAX)
		return 0;
	pthread_mutex_lock(&tt_xsim_rt_lock);
	used = tt_xsim_rt_used[fd - TT_XSIM_RT_FD];
	pthread_mutex_unlock(&tt_xsim_rt_lock);
	return used;
}

int tt_xsim_rtsock_close(int fd)
{
	pthread_mutex_lock(&tt_xsim_rt_lock);
	tt_xsim_rt_used[fd - TT_XSIM_RT_FD] = 0;
	tt_xsim_rt_pending[fd - TT_XSIM_RT_FD] = 0;
	pthread_mutex_unlock(&tt_xsim_rt_lock);
	return 0;
}

/* The pending answer; none: EAGAIN (a real socket would sleep until some
 * routing message came, and none comes here). */
ssize_t tt_xsim_rtsock_read(int fd, void *buf, size_t n)
{
	int i = fd - TT_XSIM_RT_FD;
	size_t len = sizeof(tt_xsim_rt_reply[0]);

	pthread_mutex_lock(&tt_xsim_rt_lock);
	if (!tt_xsim_rt_pending[i]) {
		pthread_mutex_unlock(&tt_xsim_rt_lock);
		return tt_xsim_fail(EAGAIN);
	}
	if (len > n)
		len = n;
	memcpy(buf, &tt_xsim_rt_reply[i], len);
	tt_xsim_rt_pending[i] = 0;
	pthread_mutex_unlock(&tt_xsim_rt_lock);
	return (ssize_t)len;
}

/* RTM_GET with RTA_DST and RTA_IFP: the route's interface, or ESRCH. */
static ssize_t tt_xsim_rtsock_get(int fd, const struct tt_xsim_rtreply *q,
				  size_t n)
{
	struct tt_xsim_rtreply a;
	char name[IFNAMSIZ];
	int i = fd - TT_XSIM_RT_FD;

	if (n != sizeof(*q) || q->dst.sin_family != TT_AF_INET)
		return tt_xsim_fail(EINVAL);
	if (tt_xsim_route_if(&q->dst.sin_addr, name) != 0)
		return -1;
	a = *q;
	memset(&a.ifp, 0, sizeof(a.ifp));
	a.ifp.sdl_len = sizeof(a.ifp);
	a.ifp.sdl_family = (uint8_t)TT_AF_LINK;
	a.ifp.sdl_nlen = (uint8_t)strlen(name);
	memcpy(a.ifp.sdl_data, name, a.ifp.sdl_nlen);
	a.rtm.rtm_msglen = sizeof(a);
	pthread_mutex_lock(&tt_xsim_rt_lock);
	tt_xsim_rt_reply[i] = a;
	tt_xsim_rt_pending[i] = 1;
	pthread_mutex_unlock(&tt_xsim_rt_lock);
	return (ssize_t)n;
}

/* RTM_ADD of a host route whose gateway is a link-level address: a
 * permanent ARP entry.  The interface is the gateway's, by name. */
ssize_t tt_xsim_rtsock_write(int fd, const void *buf, size_t n)
{
	const struct {
		struct tt_rt_msghdr rtm;
		struct tt_sockaddr_in dst;
		struct tt_sockaddr_dl gw;
	} *msg = buf;
	char name[IFNAMSIZ];
	int lladdr = TT_RTF_HOST | TT_RTF_LLINFO;

	if (n < sizeof(msg->rtm) || msg->rtm.rtm_msglen != n)
		return tt_xsim_fail(EINVAL);
	if (msg->rtm.rtm_version != TT_RTM_VERSION)
		return tt_xsim_fail(EPROTONOSUPPORT);
	if (msg->rtm.rtm_type == TT_RTM_GET &&
	    msg->rtm.rtm_addrs == (TT_RTA_DST | TT_RTA_IFP))
		return tt_xsim_rtsock_get(fd, buf, n);
	if (msg->rtm.rtm_type != TT_RTM_ADD ||
	    (msg->rtm.rtm_flags & lladdr) != lladdr ||
	    msg->rtm.rtm_addrs != (TT_RTA_DST | TT_RTA_GATEWAY) ||
	    n != sizeof(*msg))
		return tt_xsim_fail(EOPNOTSUPP);	/* not modelled */
	if (msg->dst.sin_family != TT_AF_INET ||
	    msg->gw.sdl_family != TT_AF_LINK || msg->gw.sdl_alen != 6 ||
	    msg->gw.sdl_nlen == 0 || msg->gw.sdl_nlen >= IFNAMSIZ ||
	    (size_t)msg->gw.sdl_nlen + 6 > sizeof(msg->gw.sdl_data))
		return tt_xsim_fail(EINVAL);
	memcpy(name, msg->gw.sdl_data, msg->gw.sdl_nlen);
	name[msg->gw.sdl_nlen] = '\0';
	if (!xsim_if_exists(name))
		return tt_xsim_fail(ENXIO);
	if (tt_xsim_neigh_add(name, &msg->dst.sin_addr,
			      TT_LLADDR(&msg->gw)) != 0)
		return -1;
	return (ssize_t)n;
}
