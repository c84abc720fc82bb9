// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_xsim_netcfg.c: the simulated stack's own tables for darwin-sim: the
 * interfaces' addresses and ARP entries, which the simulator (the kexts'
 * kernel side) has no part of.  The suite configures interfaces with
 * tt_netcfg_bsd.c, as on a Mac; its address requests and routing
 * messages (`arp -s`, `route get`) reach the tables here through
 * tt_xsim_ifioctl.c.  The first address of a family plumbs its protocol
 * onto the interface (SIOCPROTOATTACH, proto_plumb: below), and the
 * interface's detach purges its entries (tt_xsim_shim.c's close).
 * Routing (tt_xsim_route) and local delivery (tt_xsim_is_local) are the
 * simulated UDP's (tt_xsim_udp.c).
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

/* XNU's IFF_* bits as Linux names them (the low ones agree; MULTICAST
 * and XNU's SIMPLEX do not): tt_netcfg_bsd.c's flags for the tests. */
int tt_xsim_flags_to_host(int f)
{
	static const struct { const int *x; int lx; } map[] = {
		{ &xt_IFF_UP, IFF_UP },
		{ &xt_IFF_BROADCAST, IFF_BROADCAST },
		{ &xt_IFF_POINTOPOINT, IFF_POINTOPOINT },
		{ &xt_IFF_RUNNING, IFF_RUNNING },
		{ &xt_IFF_NOARP, IFF_NOARP },
		{ &xt_IFF_MULTICAST, IFF_MULTICAST },
	};
	int lx = 0;
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (f & *map[i].x)
			lx |= map[i].lx;
	return lx;
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

int tt_xsim_addr_add4(const char *name, const struct in_addr *local,
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

int tt_xsim_addr_add6(const char *name, const struct in6_addr *a, int prefix)
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

/* The interface's address of family v6 into a (4 or 16 bytes): 0, or
 * -1 when it has none. */
int tt_xsim_addr_get(const char *name, int v6, void *a)
{
	struct tt_xsim_if *e;
	int r = -1;

	pthread_mutex_lock(&tt_xsim_cfg_lock);
	e = tt_xsim_if_get(name, 0);
	if (e && (v6 ? e->has6 : e->has4)) {
		if (v6)
			memcpy(a, &e->local6, 16);
		else
			memcpy(a, &e->local4, 4);
		r = 0;
	}
	pthread_mutex_unlock(&tt_xsim_cfg_lock);
	return r;
}

/* The interface's IPv4 peer (point to point; else 0) and prefix:
 * 0, or -1 when it has no IPv4 address. */
int tt_xsim_addr4_peer(const char *name, struct in_addr *peer, int *ptp,
		       int *prefix)
{
	struct tt_xsim_if *e;
	int r = -1;

	pthread_mutex_lock(&tt_xsim_cfg_lock);
	e = tt_xsim_if_get(name, 0);
	if (e && e->has4) {
		*peer = e->peer4;
		*ptp = e->ptp;
		*prefix = e->prefix4;
		r = 0;
	}
	pthread_mutex_unlock(&tt_xsim_cfg_lock);
	return r;
}

/*
 * tuntap.ko's live_objects (tt_fault.c: its open units and queued
 * packets, what the queue suite balances) is, for the kexts, what the
 * simulated kernel holds for them: interfaces, and packets (mbufs with a
 * packet header; the stack copies what it receives and frees it).  -2
 * for any other path (tt_netcfg_bsd.c reads the file then).
 */
long long tt_xsim_file_number(const char *path)
{
	if (strcmp(path, "/sys/module/tuntap/parameters/live_objects") != 0)
		return -2;
	return xsim_live_ifnets() + xsim_live_packets();
}

int tt_xsim_neigh_add(const char *name, const struct in_addr *ip,
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
/* The entry whose route dst takes (family: AF_INET / AF_INET6), under
 * the lock; NULL if none. */
static struct tt_xsim_if *tt_xsim_route_entry(int family, const void *dst)
{
	struct tt_xsim_if *e, *hit = NULL;
	int i;

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
	return hit;
}

/* route get: the interface an IPv4 dst leaves by.  0, or -1 (ESRCH). */
int tt_xsim_route_if(const struct in_addr *dst, char ifname[16])
{
	struct tt_xsim_if *hit;

	pthread_mutex_lock(&tt_xsim_cfg_lock);
	hit = tt_xsim_route_entry(AF_INET, dst);
	if (hit)
		memcpy(ifname, hit->name, IFNAMSIZ);
	pthread_mutex_unlock(&tt_xsim_cfg_lock);
	if (!hit)
		errno = ESRCH;
	return hit ? 0 : -1;
}

int tt_xsim_route(int family, const void *dst, char ifname[16], void *src,
		  uint8_t mac[6], int *tap)
{
	struct tt_xsim_if *hit;
	int n, r = -1;

	pthread_mutex_lock(&tt_xsim_cfg_lock);
	hit = tt_xsim_route_entry(family, dst);
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
