// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_target.c: the target chosen for this run, and what every target
 * shares: the addresses the suite uses, opening a unit through the
 * target's adapter (tt_target.h), and the usual fixture.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../driver/include/net/tun_ioctls.h"
#include "tt_test.h"

static const struct tt_target *const tt_targets[] = {
#if defined(TT_XSIM)
	&tt_target_darwin_sim,
#elif defined(__linux__)
	&tt_target_tuntap,
	&tt_target_linux,
#elif defined(__APPLE__)
	&tt_target_darwin,
#elif defined(__FreeBSD__)
	&tt_target_freebsd,
#endif
};

#define TT_NTARGETS (sizeof(tt_targets) / sizeof(tt_targets[0]))

const struct tt_target *tt_target = tt_targets[0];

int tt_target_select(const char *name)
{
	size_t i;

	for (i = 0; i < TT_NTARGETS; i++)
		if (strcmp(tt_targets[i]->name, name) == 0) {
			tt_target = tt_targets[i];
			return 0;
		}
	return -1;
}

void tt_target_list(void)
{
	size_t i;

	for (i = 0; i < TT_NTARGETS; i++)
		printf("%s\n", tt_targets[i]->name);
}

void tt_target_test_setup(void)
{
	if (tt_target->test_setup)
		tt_target->test_setup();
}

void tt_target_test_teardown(void)
{
	if (tt_target->test_teardown)
		tt_target->test_teardown();
}

const char *tt_errname(int e)
{
#if defined(__GLIBC__)
	const char *n = strerrorname_np(e);

	return n ? n : "unknown errno";
#else
	return strerror(e);
#endif
}

const char *tt_child_status(int st)
{
	if (st == -1)
		return "still blocked at the deadline";
	if (st < 0)
		return "killed by a signal";
	if (st == TT_CHILD_OK)
		return "success";
	if (st == TT_CHILD_BADPKT)
		return "not the expected packet";
	if (st == TT_CHILD_SETUP)
		return "child setup failed";
	return tt_errname(st);
}

/* The node of unit K in the BSD model, /dev/tunK or /dev/tapK. */
const char *tt_dev_path(enum tt_dev_kind kind, int unit)
{
	static char path[32];

	snprintf(path, sizeof(path), "/dev/%s%d",
		 kind == TT_DEV_TUN ? "tun" : "tap", unit);
	return path;
}

int tt_node_open(struct tt_dev *d, int oflags)
{
	d->fd = open(tt_dev_path(d->kind, d->unit), O_RDWR | oflags);
	if (d->fd < 0)
		return -1;
	snprintf(d->name, sizeof(d->name), "%s%d",
		 d->kind == TT_DEV_TUN ? "tun" : "tap", d->unit);
	return 0;
}

int tt_node_set_header(struct tt_dev *d, int on)
{
	return ioctl(d->fd, TUNSIFHEAD, &on);
}

int tt_dev_open(struct tt_dev *d, enum tt_dev_kind kind, int unit, int oflags)
{
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->unit = unit;
	d->fd = -1;
	return tt_target->open(d, oflags);
}

void tt_dev_close(struct tt_dev *d)
{
	tt_xio_end(d);
	if (d->fd < 0)
		return;
	if (tt_target->close)
		tt_target->close(d);
	else
		close(d->fd);
	d->fd = -1;
}

int tt_dev_set_header(struct tt_dev *d, int on)
{
	if (tt_target->set_header(d, on) != 0)
		return -1;
	d->hdr = !!on;
	return 0;
}

void tt_hdr_put(uint8_t *hdr, int af)
{
	tt_target->hdr_put(hdr, af);
}

int tt_hdr_is(const uint8_t *hdr, int af)
{
	return tt_target->hdr_family(hdr) == af;
}

int tt_dev_wait_queued(struct tt_dev *d, int n, int ms)
{
	return tt_target->wait_queued(d, n, ms);
}

void tt_hdr_af_put(uint8_t hdr[4], int af)
{
	uint32_t v = htonl((uint32_t)af);

	memcpy(hdr, &v, 4);
}

int tt_hdr_af_family(const uint8_t hdr[4])
{
	uint32_t v;

	memcpy(&v, hdr, 4);
	v = ntohl(v);
	return v == AF_INET || v == AF_INET6 ? (int)v : -1;
}

int tt_wait_queued_poll(struct tt_dev *d, int n, int ms)
{
	(void)n;
	return tt_wait_readable(d->fd, ms);
}

void tt_addr4(const struct tt_dev *d, int host, struct in_addr *a)
{
	a->s_addr = htonl((198u << 24) |
			  ((d->kind == TT_DEV_TUN ? 18u : 19u) << 16) |
			  ((unsigned)d->unit << 8) | (unsigned)host);
}

void tt_addr6(const struct tt_dev *d, int host, struct in6_addr *a)
{
	memset(a, 0, sizeof(*a));
	a->s6_addr[0] = 0x20;
	a->s6_addr[1] = 0x01;
	a->s6_addr[2] = 0x0d;
	a->s6_addr[3] = 0xb8;
	a->s6_addr[5] = d->kind == TT_DEV_TUN ? 0 : 1;
	a->s6_addr[7] = (uint8_t)d->unit;
	a->s6_addr[14] = (uint8_t)(host >> 8);
	a->s6_addr[15] = (uint8_t)host;
}

void tt_peer_mac(int host, uint8_t mac[6])
{
	/* locally administered, unicast */
	static const uint8_t base[6] = { 0x02, 0x54, 0x54, 0x00, 0x00, 0x00 };

	memcpy(mac, base, 6);
	mac[5] = (uint8_t)host;
}

static void tt_dev_sysctl6(const struct tt_dev *d, const char *knob,
			   const char *value)
{
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/%s", d->name,
		 knob);
	ck_assert_msg(tt_sysctl_set(path, value) == 0, "%s: %s", path,
		      tt_errname(errno));
}

void tt_dev_setup(struct tt_dev *d, enum tt_dev_kind kind, int unit, int what)
{
	struct in_addr local, peer;
	struct in6_addr local6;
	int i;

	ck_assert_msg(tt_dev_open(d, kind, unit, 0) == 0, "open %s unit %d: %s",
		      kind == TT_DEV_TUN ? "tun" : "tap", unit,
		      tt_errname(errno));
	/*
	 * Without IPv6 the stack sends nothing by itself, so a test can count
	 * every packet.  With it, no duplicate address detection: the address
	 * is usable at once and no probe is queued before the test's own.
	 */
	if (what & TT_SETUP_V6) {
		tt_dev_sysctl6(d, "accept_dad", "0");
		tt_dev_sysctl6(d, "router_solicitations", "0");
	} else {
		tt_dev_sysctl6(d, "disable_ipv6", "1");
	}
	if (what & TT_SETUP_V4) {
		tt_addr4(d, 1, &local);
		tt_addr4(d, 2, &peer);
		ck_assert_msg(tt_if_add_addr4(d->name, &local,
					      kind == TT_DEV_TUN ? &peer : NULL,
					      kind == TT_DEV_TUN ? 32 : 24) == 0,
			      "IPv4 address on %s: %s", d->name,
			      tt_errname(errno));
	}
	if (what & TT_SETUP_V6) {
		tt_addr6(d, 1, &local6);
		ck_assert_msg(tt_if_add_addr6(d->name, &local6, 64) == 0,
			      "IPv6 address on %s: %s", d->name,
			      tt_errname(errno));
	}
	if (what & TT_SETUP_UP) {
		ck_assert_msg(tt_if_set_up(d->name, 1) == 0, "up %s: %s",
			      d->name, tt_errname(errno));
		if (!(what & TT_SETUP_NOXIO))
			tt_xio_begin(d);	/* a data-path test: check it */
	}
	/*
	 * Without DAD the address is usable once the stack sees the link
	 * ready; a driver whose carrier goes through linkwatch (Linux's tun)
	 * gets there a little after up.
	 */
	if ((what & TT_SETUP_V6) && (what & TT_SETUP_UP))
		for (i = 0; i < 300 && tt_if_addr6_usable(d->name) != 1; i++)
			tt_msleep(10);
}

int tt_dev_drain(struct tt_dev *d)
{
	uint8_t buf[TT_PKT_MAX];
	int n = 0;

	while (tt_wait_readable(d->fd, 0) == 1 &&
	       tt_xio_read(d->fd, buf, sizeof(buf)) > 0)
		n++;
	return n;
}
