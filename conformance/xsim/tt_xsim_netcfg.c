/*
 * tt_xsim_netcfg.c: tt_netcfg.c for the darwin-sim target.  Interface
 * configuration goes to the simulated kernel the way ifconfig's requests
 * reach a driver on a Mac (xsim_if_*: SIOCSIFFLAGS, SIOCSIFMTU with the
 * stack's bounds, SIOCSIFLLADDR); flags, counters and the MAC are read
 * back from the ifnet.  What the simulator has no part of, the stack's
 * addresses and ARP entries, is kept here in a table, as XNU's stack
 * would keep it: an address plumbs its protocol onto the interface
 * (ifconfig's SIOCPROTOATTACH, proto_plumb), and the interface's
 * detach purges its entries (tt_xsim_shim.c's close).
 *
 * Values are translated both ways: the tests speak Linux (IFF_* bits,
 * ARPHRD_*, /sys counter names), the kernel XNU (xt_const.h).
 */
#include <arpa/inet.h>
#include <net/if_arp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "tt_test.h"
#include "tt_xsim.h"
#include "xnu_sim.h"
#include "xt_const.h"

#define TT_XSIM_NIF	8
#define TT_XSIM_NNEIGH	4

struct tt_xsim_if {
	char name[IFNAMSIZ];
	int has4, has6, plumbed4, plumbed6;
	struct in_addr local4, peer4;
	int prefix4, ptp;
	struct in6_addr local6;
	int prefix6;
	int nneigh;
	struct in_addr neigh_ip[TT_XSIM_NNEIGH];
	uint8_t neigh_mac[TT_XSIM_NNEIGH][6];
};

/* tests' threads (tt_xsim_child.c) send and configure too */
static pthread_mutex_t tt_xsim_cfg_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tt_xsim_if tt_xsim_ifs[TT_XSIM_NIF];

void tt_xsim_netcfg_reset(void)
{
	pthread_mutex_lock(&tt_xsim_cfg_lock);
	memset(tt_xsim_ifs, 0, sizeof(tt_xsim_ifs));
	pthread_mutex_unlock(&tt_xsim_cfg_lock);
}

/* The entry of name (made if make), under the lock; NULL if none. */
static struct tt_xsim_if *tt_xsim_if_get(const char *name, int make)
{
	struct tt_xsim_if *free_slot = NULL;
	int i;

	for (i = 0; i < TT_XSIM_NIF; i++) {
		if (tt_xsim_ifs[i].name[0] &&
		    strcmp(tt_xsim_ifs[i].name, name) == 0)
			return &tt_xsim_ifs[i];
		if (!tt_xsim_ifs[i].name[0] && !free_slot)
			free_slot = &tt_xsim_ifs[i];
	}
	if (!make || !free_slot)
		return NULL;
	snprintf(free_slot->name, sizeof(free_slot->name), "%s", name);
	return free_slot;
}

void tt_xsim_if_forget(const char *name)
{
	struct tt_xsim_if *e;

	pthread_mutex_lock(&tt_xsim_cfg_lock);
	e = tt_xsim_if_get(name, 0);
	if (e)
		memset(e, 0, sizeof(*e));
	pthread_mutex_unlock(&tt_xsim_cfg_lock);
}

int tt_if_exists(const char *name)
{
	return xsim_if_exists(name);
}

/* XNU's IFF_* bits as Linux names them (the low ones agree; MULTICAST
 * and XNU's SIMPLEX do not). */
int tt_if_flags(const char *name)
{
	static const struct { const int *x; int lx; } map[] = {
		{ &xt_IFF_UP, IFF_UP },
		{ &xt_IFF_BROADCAST, IFF_BROADCAST },
		{ &xt_IFF_POINTOPOINT, IFF_POINTOPOINT },
		{ &xt_IFF_RUNNING, IFF_RUNNING },
		{ &xt_IFF_NOARP, IFF_NOARP },
		{ &xt_IFF_MULTICAST, IFF_MULTICAST },
	};
	int f = xsim_if_flags(name), lx = 0;
	size_t i;

	if (f < 0)
		return -1;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (f & *map[i].x)
			lx |= map[i].lx;
	return lx;
}

int tt_if_set_up(const char *name, int up)
{
	return xsim_if_set_up(name, up);
}

int tt_if_mtu(const char *name)
{
	return xsim_if_mtu(name);
}

int tt_if_set_mtu(const char *name, int mtu)
{
	return xsim_if_set_mtu(name, mtu);
}

/* tun has no link-layer address (Linux: ARPHRD_NONE), tap an Ethernet
 * one. */
int tt_if_hwaddr(const char *name, uint8_t mac[6])
{
	if (!xsim_if_exists(name)) {
		errno = ENODEV;
		return -1;
	}
	if (strncmp(name, "tap", 3) != 0) {
		memset(mac, 0, 6);
		return ARPHRD_NONE;
	}
	return xsim_if_lladdr(name, mac) == 0 ? ARPHRD_ETHER : -1;
}

/* ifconfig tapN lladdr: SIOCSIFLLADDR with an AF_LINK address. */
int tt_if_set_hwaddr(const char *name, const uint8_t mac[6])
{
	struct xsim_ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.name, sizeof(ifr.name), "%s", name);
	ifr.u.addr.sa_len = 6;
	ifr.u.addr.sa_family = (uint8_t)xt_AF_LINK;
	memcpy(ifr.u.addr.sa_data, mac, 6);
	return xsim_if_ioctl(name, xt_SIOCSIFLLADDR, &ifr);
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

/* The protocol's attachment, as ifconfig asks for it before the first
 * address (SIOCPROTOATTACH); once per interface life. */
static int tt_xsim_plumb(const char *name, int *plumbed, int pf)
{
	if (*plumbed)
		return 0;
	if (xsim_if_plumb(name, pf) != 0)
		return -1;
	*plumbed = 1;
	return 0;
}

/*
 * The entry an address of family v6 goes into, its protocol plumbed:
 * returned with tt_xsim_cfg_lock held, or NULL with errno set and the
 * lock free.
 */
static struct tt_xsim_if *tt_xsim_addr_entry(const char *name, int v6)
{
	struct tt_xsim_if *e;

	if (!xsim_if_exists(name)) {
		errno = ENODEV;
		return NULL;
	}
	pthread_mutex_lock(&tt_xsim_cfg_lock);
	e = tt_xsim_if_get(name, 1);
	if (!e)
		errno = ENOSPC;
	else if (tt_xsim_plumb(name, v6 ? &e->plumbed6 : &e->plumbed4,
			       v6 ? xt_AF_INET6 : xt_AF_INET) == 0)
		return e;
	pthread_mutex_unlock(&tt_xsim_cfg_lock);
	return NULL;
}

int tt_if_add_addr4(const char *name, const struct in_addr *local,
		    const struct in_addr *peer, int prefix)
{
	struct tt_xsim_if *e = tt_xsim_addr_entry(name, 0);

	if (!e)
		return -1;
	e->has4 = 1;
	e->local4 = *local;
	e->ptp = peer != NULL;
	if (peer)
		e->peer4 = *peer;
	e->prefix4 = prefix;
	pthread_mutex_unlock(&tt_xsim_cfg_lock);
	return 0;
}

int tt_if_add_addr6(const char *name, const struct in6_addr *a, int prefix)
{
	struct tt_xsim_if *e = tt_xsim_addr_entry(name, 1);

	if (!e)
		return -1;
	e->has6 = 1;
	e->local6 = *a;
	e->prefix6 = prefix;
	pthread_mutex_unlock(&tt_xsim_cfg_lock);
	return 0;
}

static int tt_xsim_has(const char *name, int v6)
{
	struct tt_xsim_if *e;
	int r;

	pthread_mutex_lock(&tt_xsim_cfg_lock);
	e = tt_xsim_if_get(name, 0);
	r = e && (v6 ? e->has6 : e->has4);
	pthread_mutex_unlock(&tt_xsim_cfg_lock);
	return r;
}

int tt_if_has_addr4(const char *name)
{
	return tt_xsim_has(name, 0);
}

/* An address brings its connected route (or the peer's host route). */
int tt_if_has_route(const char *name)
{
	return tt_xsim_has(name, 0);
}

/* No DAD in the simulator: an address is usable once assigned. */
int tt_if_addr6_usable(const char *name)
{
	return tt_xsim_has(name, 1);
}

/*
 * tuntap.ko's live_objects (tt_fault.c: its open units and queued
 * packets, what the queue suite balances) is, for the kexts, what the
 * simulated kernel holds for them: interfaces, and packets (mbufs with a
 * packet header; the stack copies what it receives and frees it).
 */
#define TT_XSIM_LIVE	"/sys/module/tuntap/parameters/live_objects"

long long tt_file_number(const char *path)
{
	long long v = -1;
	FILE *f;

	if (strcmp(path, TT_XSIM_LIVE) == 0)
		return xsim_live_ifnets() + xsim_live_packets();
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (fscanf(f, "%lld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

/* The ifnet's counters under Linux's names; what XNU's KPI does not
 * count separately (dropped, ...) is -1, as an unreadable file is. */
long long tt_if_stat(const char *name, const char *counter)
{
	struct xsim_if_stats st;

	if (xsim_if_stats(name, &st) != 0)
		return -1;
	if (strcmp(counter, "rx_packets") == 0)
		return (long long)st.ipackets;
	if (strcmp(counter, "rx_bytes") == 0)
		return (long long)st.ibytes;
	if (strcmp(counter, "rx_errors") == 0)
		return (long long)st.ierrors;
	if (strcmp(counter, "tx_packets") == 0)
		return (long long)st.opackets;
	if (strcmp(counter, "tx_bytes") == 0)
		return (long long)st.obytes;
	if (strcmp(counter, "tx_errors") == 0)
		return (long long)st.oerrors;
	return -1;
}

/* XNU has no "ip link del" for a driver's interface; only the race and
 * hostile suites ask, and this target skips them. */
int tt_if_delete(const char *name)
{
	(void)name;
	return -EOPNOTSUPP;
}

/* Only the IPv6 knobs tt_dev_setup turns: the simulated stack sends
 * nothing by itself (no DAD, no router solicitation), and IPv6 is only
 * attached with an IPv6 address, so there is nothing to set. */
int tt_sysctl_set(const char *path, const char *value)
{
	(void)value;
	if (strncmp(path, "/proc/sys/net/ipv6/conf/", 24) != 0) {
		errno = ENOENT;
		return -1;
	}
	return 0;
}

int tt_if_add_neigh4(const char *name, const struct in_addr *ip,
		     const uint8_t mac[6])
{
	struct tt_xsim_if *e;
	int r = -1, i = 0;

	pthread_mutex_lock(&tt_xsim_cfg_lock);
	e = xsim_if_exists(name) ? tt_xsim_if_get(name, 1) : NULL;
	/* an entry for the same address is replaced, as SIOCSARP does */
	while (e && i < e->nneigh && e->neigh_ip[i].s_addr != ip->s_addr)
		i++;
	if (!e || i == TT_XSIM_NNEIGH) {
		errno = e ? ENOSPC : ENODEV;
	} else {
		e->neigh_ip[i] = *ip;
		memcpy(e->neigh_mac[i], mac, 6);
		if (i == e->nneigh)
			e->nneigh++;
		r = 0;
	}
	pthread_mutex_unlock(&tt_xsim_cfg_lock);
	return r;
}

static int tt_xsim_in_prefix(const uint8_t *a, const uint8_t *b, int bits)
{
	int i;

	for (i = 0; i < bits / 8; i++)
		if (a[i] != b[i])
			return 0;
	return bits % 8 == 0 ||
	       ((a[i] ^ b[i]) & (0xff << (8 - bits % 8)) & 0xff) == 0;
}

/* IPv4 next hop: the peer of a point-to-point address or the prefix's
 * neighbour; IPv6: the /64 (no neighbour discovery: tap's IPv6 goes to
 * the neighbour of host 2's IPv4 entry, the only peer tests have). */
int tt_xsim_route(int family, const void *dst, char ifname[16], void *src,
		  uint8_t mac[6], int *tap)
{
	struct tt_xsim_if *e, *hit = NULL;
	int i, n, r = -1;

	pthread_mutex_lock(&tt_xsim_cfg_lock);
	for (i = 0; i < TT_XSIM_NIF && !hit; i++) {
		e = &tt_xsim_ifs[i];
		if (!e->name[0])
			continue;
		if (family == AF_INET && e->has4 &&
		    (e->ptp ? memcmp(dst, &e->peer4, 4) == 0 :
		     tt_xsim_in_prefix(dst, (uint8_t *)&e->local4, e->prefix4)))
			hit = e;
		if (family == AF_INET6 && e->has6 &&
		    tt_xsim_in_prefix(dst, e->local6.s6_addr, e->prefix6))
			hit = e;
	}
	if (!hit) {
		errno = ENETUNREACH;
		goto out;
	}
	memcpy(ifname, hit->name, IFNAMSIZ);
	if (family == AF_INET)
		memcpy(src, &hit->local4, 4);
	else
		memcpy(src, &hit->local6, 16);
	*tap = strncmp(hit->name, "tap", 3) == 0;
	r = 0;
	if (!*tap)
		goto out;
	for (n = 0; n < hit->nneigh; n++)
		if (family == AF_INET6 ||
		    memcmp(dst, &hit->neigh_ip[n], 4) == 0)
			break;
	if (n == hit->nneigh) {
		errno = EHOSTUNREACH;
		r = -1;
	} else {
		memcpy(mac, hit->neigh_mac[n], 6);
	}
out:
	pthread_mutex_unlock(&tt_xsim_cfg_lock);
	return r;
}

int tt_xsim_is_local(int family, const void *addr)
{
	int i, r = 0;

	pthread_mutex_lock(&tt_xsim_cfg_lock);
	for (i = 0; i < TT_XSIM_NIF && !r; i++) {
		const struct tt_xsim_if *e = &tt_xsim_ifs[i];

		if (family == AF_INET)
			r = e->has4 && memcmp(addr, &e->local4, 4) == 0;
		else
			r = e->has6 && memcmp(addr, &e->local6, 16) == 0;
	}
	pthread_mutex_unlock(&tt_xsim_cfg_lock);
	return r;
}
