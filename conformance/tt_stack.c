// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_stack.c: the kernel's stack as the sender of what a test reads.
 * A unit set up here carries nothing but the test's datagrams: IPv4
 * only (with IPv6 the stack sends router solicitations and DAD probes
 * by itself), and on tap a permanent ARP entry for the peer, so that
 * no ARP request is queued before the datagram.  The read, nonblock and
 * poll suites count what they read, so they share this fixture.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tt_test.h"

void tt_stack_add_neigh(const struct tt_dev *d)
{
	struct in_addr ip;
	uint8_t mac[6];

	tt_addr4(d, 2, &ip);
	tt_peer_mac(2, mac);
	ck_assert_msg(tt_if_add_neigh4(d->name, &ip, mac) == 0,
		      "SIOCSARP on %s: %s", d->name, tt_errname(errno));
}

void tt_stack_setup(struct tt_dev *d, enum tt_dev_kind kind, int unit)
{
	tt_dev_setup(d, kind, unit, TT_SETUP_V4 | TT_SETUP_UP);
	if (kind == TT_DEV_TAP)
		tt_stack_add_neigh(d);
}

void tt_stack_config(struct tt_dev *d)
{
	struct in_addr local, peer;
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/disable_ipv6",
		 d->name);
	ck_assert_msg(tt_sysctl_set(path, "1") == 0, "%s: %s", path,
		      tt_errname(errno));
	tt_addr4(d, 1, &local);
	tt_addr4(d, 2, &peer);
	ck_assert_msg(tt_if_add_addr4(d->name, &local,
				      d->kind == TT_DEV_TUN ? &peer : NULL,
				      d->kind == TT_DEV_TUN ? 32 : 24) == 0,
		      "IPv4 address on %s: %s", d->name, tt_errname(errno));
	ck_assert_msg(tt_if_set_up(d->name, 1) == 0, "up %s: %s", d->name,
		      tt_errname(errno));
	if (d->kind == TT_DEV_TAP)
		tt_stack_add_neigh(d);
}

/* One sendto() on a throwaway socket; 0 when all n bytes went. */
static int tt_stack_sendto(int family, const void *to, socklen_t tolen,
			   const void *payload, size_t n)
{
	ssize_t r;
	int s;

	s = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -1;
	r = sendto(s, payload, n, 0, (const struct sockaddr *)to, tolen);
	close(s);
	return r == (ssize_t)n ? 0 : -1;
}

int tt_stack_send(const struct tt_dev *d, uint16_t port, const void *payload,
		  size_t n)
{
	struct sockaddr_in to = { .sin_family = AF_INET,
				  .sin_port = htons(port) };

	tt_addr4(d, 2, &to.sin_addr);
	return tt_stack_sendto(AF_INET, &to, sizeof(to), payload, n);
}

int tt_stack_send6(const struct tt_dev *d, uint16_t port, const void *payload,
		   size_t n)
{
	struct sockaddr_in6 to = { .sin6_family = AF_INET6,
				   .sin6_port = htons(port) };

	tt_addr6(d, 2, &to.sin6_addr);
	return tt_stack_sendto(AF_INET6, &to, sizeof(to), payload, n);
}

int tt_stack_fionread(const struct tt_dev *d)
{
	int n = -1;

	ck_assert_msg(ioctl(d->fd, FIONREAD, &n) == 0, "FIONREAD: %s",
		      tt_errname(errno));
	return n;
}
