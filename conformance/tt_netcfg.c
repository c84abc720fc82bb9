// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_netcfg.c: interface configuration the classic way, with the
 * SIOCSIF* ioctls a program on any Unix would use, plus the few reads
 * (/proc, /sys) and one netlink request Linux offers no ioctl for.
 */
#include "tt_test.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if_arp.h>
#include <linux/ipv6.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>


/* One ioctl on a throwaway socket of the given family. */
static int tt_netcfg_ioctl(int family, unsigned long req, void *arg)
{
	int s, r, e;

	s = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -1;
	r = ioctl(s, req, arg);
	e = errno;
	close(s);
	errno = e;
	return r;
}

static void tt_netcfg_ifreq(struct ifreq *ifr, const char *name)
{
	memset(ifr, 0, sizeof(*ifr));
	snprintf(ifr->ifr_name, sizeof(ifr->ifr_name), "%s", name);
}

int tt_if_exists(const char *name)
{
	return if_nametoindex(name) != 0;
}

int tt_if_flags(const char *name)
{
	struct ifreq ifr;

	tt_netcfg_ifreq(&ifr, name);
	if (tt_netcfg_ioctl(AF_INET, SIOCGIFFLAGS, &ifr) < 0)
		return -1;
	return ifr.ifr_flags & 0xffff;
}

int tt_if_set_up(const char *name, int up)
{
	struct ifreq ifr;

	tt_netcfg_ifreq(&ifr, name);
	if (tt_netcfg_ioctl(AF_INET, SIOCGIFFLAGS, &ifr) < 0)
		return -1;
	if (up)
		ifr.ifr_flags |= IFF_UP;
	else
		ifr.ifr_flags &= ~IFF_UP;
	return tt_netcfg_ioctl(AF_INET, SIOCSIFFLAGS, &ifr);
}

int tt_if_mtu(const char *name)
{
	struct ifreq ifr;

	tt_netcfg_ifreq(&ifr, name);
	if (tt_netcfg_ioctl(AF_INET, SIOCGIFMTU, &ifr) < 0)
		return -1;
	return ifr.ifr_mtu;
}

int tt_if_set_mtu(const char *name, int mtu)
{
	struct ifreq ifr;

	tt_netcfg_ifreq(&ifr, name);
	ifr.ifr_mtu = mtu;
	return tt_netcfg_ioctl(AF_INET, SIOCSIFMTU, &ifr);
}

int tt_if_hwaddr(const char *name, uint8_t mac[6])
{
	struct ifreq ifr;

	tt_netcfg_ifreq(&ifr, name);
	if (tt_netcfg_ioctl(AF_INET, SIOCGIFHWADDR, &ifr) < 0)
		return -1;
	memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	return ifr.ifr_hwaddr.sa_family;
}

int tt_if_set_hwaddr(const char *name, const uint8_t mac[6])
{
	struct ifreq ifr;

	tt_netcfg_ifreq(&ifr, name);
	ifr.ifr_hwaddr.sa_family = ARPHRD_ETHER;
	memcpy(ifr.ifr_hwaddr.sa_data, mac, 6);
	return tt_netcfg_ioctl(AF_INET, SIOCSIFHWADDR, &ifr);
}

int tt_if_txqueuelen(const char *name)
{
	struct ifreq ifr;

	tt_netcfg_ifreq(&ifr, name);
	if (tt_netcfg_ioctl(AF_INET, SIOCGIFTXQLEN, &ifr) < 0)
		return -1;
	return ifr.ifr_qlen;
}

int tt_if_set_txqueuelen(const char *name, int qlen)
{
	struct ifreq ifr;

	tt_netcfg_ifreq(&ifr, name);
	ifr.ifr_qlen = qlen;
	return tt_netcfg_ioctl(AF_INET, SIOCSIFTXQLEN, &ifr);
}

static int tt_netcfg_sin(unsigned long req, const char *name,
			 const struct in_addr *a)
{
	struct ifreq ifr;
	struct sockaddr_in sin;

	tt_netcfg_ifreq(&ifr, name);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr = *a;
	memcpy(&ifr.ifr_addr, &sin, sizeof(sin));
	return tt_netcfg_ioctl(AF_INET, req, &ifr);
}

int tt_if_add_addr4(const char *name, const struct in_addr *local,
		    const struct in_addr *peer, int prefix)
{
	struct in_addr mask;

	if (tt_netcfg_sin(SIOCSIFADDR, name, local) < 0)
		return -1;
	mask.s_addr = htonl(prefix ? ~0u << (32 - prefix) : 0);
	if (tt_netcfg_sin(SIOCSIFNETMASK, name, &mask) < 0)
		return -1;
	if (peer && tt_netcfg_sin(SIOCSIFDSTADDR, name, peer) < 0)
		return -1;
	return 0;
}

int tt_if_add_addr6(const char *name, const struct in6_addr *a, int prefix)
{
	struct in6_ifreq r;

	memset(&r, 0, sizeof(r));
	r.ifr6_addr = *a;
	r.ifr6_prefixlen = (uint32_t)prefix;
	r.ifr6_ifindex = (int)if_nametoindex(name);
	if (r.ifr6_ifindex == 0)
		return -1;
	return tt_netcfg_ioctl(AF_INET6, SIOCSIFADDR, &r);
}

int tt_if_has_addr4(const char *name)
{
	struct ifreq ifr;

	tt_netcfg_ifreq(&ifr, name);
	if (tt_netcfg_ioctl(AF_INET, SIOCGIFADDR, &ifr) == 0)
		return 1;
	return errno == EADDRNOTAVAIL ? 0 : -1;
}

int tt_if_has_route(const char *name)
{
	char line[256], ifname[IFNAMSIZ + 1];
	FILE *f;
	int found = 0;

	f = fopen("/proc/net/route", "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%16s", ifname) == 1 &&
		    strcmp(ifname, name) == 0)
			found = 1;
	fclose(f);
	return found;
}

long long tt_file_number(const char *path)
{
	long long v = -1;
	FILE *f = fopen(path, "re");

	if (!f)
		return -1;
	if (fscanf(f, "%lld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

long long tt_if_stat(const char *name, const char *counter)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/class/net/%s/statistics/%s", name,
		 counter);
	return tt_file_number(path);
}

int tt_if_delete(const char *name)
{
	struct {
		struct nlmsghdr nh;
		struct ifinfomsg ifi;
	} req;
	struct {
		struct nlmsghdr nh;
		struct nlmsgerr err;
	} ack;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	int s, err = -EIO;
	ssize_t n;

	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_len = sizeof(req);
	req.nh.nlmsg_type = RTM_DELLINK;
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.ifi.ifi_family = AF_UNSPEC;
	req.ifi.ifi_index = (int)if_nametoindex(name);
	if (req.ifi.ifi_index == 0)
		return -ENODEV;
	s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (s < 0)
		return -errno;
	if (sendto(s, &req, sizeof(req), 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) < 0) {
		err = -errno;
		goto out;
	}
	n = recv(s, &ack, sizeof(ack), 0);
	if (n >= (ssize_t)sizeof(ack) && ack.nh.nlmsg_type == NLMSG_ERROR)
		err = ack.err.error;
out:
	close(s);
	return err;
}

int tt_if_addr6_usable(const char *name)
{
	unsigned idx, plen, scope, flags;
	char line[256], addr[33], dev[IFNAMSIZ + 1];
	int global = 0, tentative = 0;
	FILE *f = fopen("/proc/net/if_inet6", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%32s %x %x %x %x %16s", addr, &idx, &plen,
			   &scope, &flags, dev) == 6 && strcmp(dev, name) == 0) {
			global += scope == 0;
			tentative += (flags & 0x40) != 0; /* IFA_F_TENTATIVE */
		}
	fclose(f);
	return global > 0 && !tentative;
}

int tt_sysctl_set(const char *path, const char *value)
{
	int fd, e;
	ssize_t n;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = tt_xio_write(fd, value, strlen(value));
	e = errno;
	close(fd);
	errno = e;
	return n == (ssize_t)strlen(value) ? 0 : -1;
}

/* A permanent, complete ARP entry (SIOCSARP): the stack sends to ip at
 * once, with no ARP request of its own queued before a test's packets. */
int tt_if_add_neigh4(const char *name, const struct in_addr *ip,
		     const uint8_t mac[6])
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr = *ip };
	struct arpreq r;

	memset(&r, 0, sizeof(r));
	memcpy(&r.arp_pa, &sin, sizeof(sin));
	r.arp_ha.sa_family = ARPHRD_ETHER;
	memcpy(r.arp_ha.sa_data, mac, 6);
	r.arp_flags = ATF_PERM | ATF_COM;
	snprintf(r.arp_dev, sizeof(r.arp_dev), "%s", name);
	return tt_netcfg_ioctl(AF_INET, SIOCSARP, &r);
}
