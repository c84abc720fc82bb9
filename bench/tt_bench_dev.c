// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_bench_dev.c: open a device of either target and make it usable: up,
 * addressed, and its peer reachable through it (tap: a permanent ARP
 * entry, so that nothing but our packets ever crosses the device).
 *
 * Addresses: 10.(100+subnet).0.host is ours (host 1 or 2), the other of
 * .1 and .2 the peer behind the device; tun is point to point, tap a /24.  Each target gets its own subnet, so
 * both can be open at once and their trials alternate.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../driver/include/net/tun_ioctls.h"
#include "tt_bench.h"

const char *const tt_bench_target_name[TT_BENCH_NTARGETS] = { "tuntap", "linux" };
const char *const tt_bench_kind_name[TT_BENCH_NKINDS] = { "tun", "tunhdr", "tap" };

/*
 * One interface ioctl on a throwaway socket: a socket acts on the network
 * namespace it was made in, and the VPN mode moves between namespaces.
 */
static int tt_bench_netcfg_ioctl(unsigned long req, void *arg)
{
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int r, e;

	if (s < 0)
		return -1;
	r = ioctl(s, req, arg);
	e = errno;
	close(s);
	errno = e;
	return r;
}

static void tt_bench_netcfg_ifr(struct ifreq *ifr, const char *name)
{
	memset(ifr, 0, sizeof(*ifr));
	snprintf(ifr->ifr_name, sizeof(ifr->ifr_name), "%s", name);
}

static int tt_bench_netcfg_up(const char *name)
{
	struct ifreq ifr;

	tt_bench_netcfg_ifr(&ifr, name);
	if (tt_bench_netcfg_ioctl(SIOCGIFFLAGS, &ifr) < 0)
		return -1;
	ifr.ifr_flags |= IFF_UP;
	return tt_bench_netcfg_ioctl(SIOCSIFFLAGS, &ifr);
}

int tt_bench_netcfg_lo_up(void)
{
	return tt_bench_netcfg_up("lo");
}

static int tt_bench_netcfg_mtu(const char *name, int mtu)
{
	struct ifreq ifr;

	tt_bench_netcfg_ifr(&ifr, name);
	ifr.ifr_mtu = mtu;
	return tt_bench_netcfg_ioctl(SIOCSIFMTU, &ifr);
}

static int tt_bench_netcfg_addr(const char *name, unsigned long req,
				struct in_addr a)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr = a };
	struct ifreq ifr;

	tt_bench_netcfg_ifr(&ifr, name);
	memcpy(&ifr.ifr_addr, &sin, sizeof(sin));
	return tt_bench_netcfg_ioctl(req, &ifr);
}

/* tap: the peer's MAC, made up and permanent, so the stack never ARPs. */
const uint8_t tt_bench_peer_mac[6] = { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x02 };

static int tt_bench_netcfg_arp(const struct tt_bench_dev *d)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr = d->peer };
	struct arpreq ar;

	memset(&ar, 0, sizeof(ar));
	memcpy(&ar.arp_pa, &sin, sizeof(sin));
	ar.arp_ha.sa_family = ARPHRD_ETHER;
	memcpy(ar.arp_ha.sa_data, tt_bench_peer_mac, 6);
	ar.arp_flags = ATF_COM | ATF_PERM;
	snprintf(ar.arp_dev, sizeof(ar.arp_dev), "%s", d->name);
	return tt_bench_netcfg_ioctl(SIOCSARP, &ar);
}

/* No IPv6: no router solicitation or MLD report lands in the queue. */
static void tt_bench_netcfg_no_ipv6(const char *name)
{
	char path[96];
	int fd;

	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/disable_ipv6", name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (write(fd, "1\n", 2) != 2)
		perror(path);
	close(fd);
}

static int tt_bench_dev_open_fd(struct tt_bench_dev *d, int unit)
{
	int tap = d->kind == TT_BENCH_TAP;
	char path[32];
	struct ifreq ifr;
	int on = 1;

	if (d->target == TT_BENCH_OURS) {
		snprintf(path, sizeof(path), "/dev/%s%d", tap ? "tap" : "tun", unit);
		d->fd = open(path, O_RDWR | O_CLOEXEC);
		if (d->fd < 0)
			return -1;
		if (d->kind == TT_BENCH_TUNHDR && ioctl(d->fd, TUNSIFHEAD, &on) < 0)
			return -1;
		memset(&ifr, 0, sizeof(ifr));
		if (ioctl(d->fd, TUNGIFNAME, &ifr) < 0)
			return -1;
	} else {
		d->fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
		if (d->fd < 0)
			return -1;
		memset(&ifr, 0, sizeof(ifr));
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "l%s%d",
			 tap ? "tap" : "tun", unit);
		ifr.ifr_flags = (short)(tap ? IFF_TAP : IFF_TUN);
		if (d->kind != TT_BENCH_TUNHDR)
			ifr.ifr_flags |= IFF_NO_PI;
		if (ioctl(d->fd, TUNSETIFF, &ifr) < 0)
			return -1;
	}
	snprintf(d->name, sizeof(d->name), "%s", ifr.ifr_name);
	d->hdr_len = tap ? 14 : d->kind == TT_BENCH_TUNHDR ? 4 : 0;
	return 0;
}

int tt_bench_dev_open(struct tt_bench_dev *d, enum tt_bench_target t,
		      enum tt_bench_kind k, int unit, int subnet, int host, int mtu)
{
	struct in_addr mask = { htonl(0xffffff00) };
	struct ifreq ifr;
	const char *what = "open";

	memset(d, 0, sizeof(*d));
	d->target = t;
	d->kind = k;
	d->fd = -1;
	d->local.s_addr = htonl((10u << 24) | ((100u + (unsigned)subnet) << 16) | (unsigned)host);
	d->peer.s_addr = htonl((ntohl(d->local.s_addr) & ~3u) | (3u - (unsigned)host));
	if (tt_bench_dev_open_fd(d, unit) < 0)
		goto err_close;
	tt_bench_netcfg_no_ipv6(d->name);
	what = "mtu";
	if (mtu > 0 && tt_bench_netcfg_mtu(d->name, mtu) < 0)
		goto err_close;
	what = "up";
	if (tt_bench_netcfg_up(d->name) < 0)
		goto err_close;
	what = "address";
	if (tt_bench_netcfg_addr(d->name, SIOCSIFADDR, d->local) < 0)
		goto err_close;
	if (k == TT_BENCH_TAP) {
		if (tt_bench_netcfg_addr(d->name, SIOCSIFNETMASK, mask) < 0)
			goto err_close;
		what = "arp";
		if (tt_bench_netcfg_arp(d) < 0)
			goto err_close;
		tt_bench_netcfg_ifr(&ifr, d->name);
		if (tt_bench_netcfg_ioctl(SIOCGIFHWADDR, &ifr) < 0)
			goto err_close;
		memcpy(d->mac, ifr.ifr_hwaddr.sa_data, 6);
	} else if (tt_bench_netcfg_addr(d->name, SIOCSIFDSTADDR, d->peer) < 0) {
		goto err_close;
	}
	return 0;

err_close:
	fprintf(stderr, "tt-bench: %s %s unit %d: %s: %s\n",
		tt_bench_target_name[t], tt_bench_kind_name[k], unit, what,
		strerror(errno));
	tt_bench_dev_close(d);
	return -1;
}

void tt_bench_dev_close(struct tt_bench_dev *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
}

/* The largest MTU the device takes (Linux's tap stops 14 short of 65535). */
int tt_bench_dev_max_mtu(enum tt_bench_target t, enum tt_bench_kind k, int unit)
{
	static const int tries[] = { 65535, 65521, 9000, 1500 };
	struct tt_bench_dev d = { .target = t, .kind = k, .fd = -1 };
	unsigned int i;
	int mtu = -1;

	if (tt_bench_dev_open_fd(&d, unit) < 0) {
		tt_bench_dev_close(&d);
		return -1;
	}
	for (i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
		if (tt_bench_netcfg_mtu(d.name, tries[i]) == 0) {
			mtu = tries[i];
			break;
		}
	}
	tt_bench_dev_close(&d);
	return mtu;
}

/* A UDP socket bound to addr:port, with room for a burst of big packets. */
int tt_bench_udp_socket(const struct in_addr *addr, int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int buf = 8 << 20;

	if (s < 0)
		return -1;
	sin.sin_addr = *addr;
	/* FORCE: beyond rmem_max, we are root; plain as a fallback */
	if (setsockopt(s, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof(buf)) < 0)
		setsockopt(s, SOL_SOCKET, SO_RCVBUF, &buf, sizeof(buf));
	if (setsockopt(s, SOL_SOCKET, SO_SNDBUFFORCE, &buf, sizeof(buf)) < 0)
		setsockopt(s, SOL_SOCKET, SO_SNDBUF, &buf, sizeof(buf));
	if (bind(s, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		close(s);
		return -1;
	}
	return s;
}
