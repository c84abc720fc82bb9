// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_target_linux.c: target "linux", Linux's own /dev/net/tun.  A unit
 * is a file of /dev/net/tun attached by TUNSETIFF to the interface
 * tunK or tapK (the name the tests expect).  The header mode maps to
 * IFF_NO_PI: off is IFF_NO_PI (a bare packet), on is Linux's 4-byte
 * flags + ethertype header in place of the BSD AF header.
 *
 * Linux fixes IFF_NO_PI when the file attaches, so switching the mode
 * attaches again: the interface is made persistent for a moment so that
 * it survives the old file's close (with its addresses and up state,
 * but not its queue: Linux purges a detached queue), and the new file
 * takes the old one's descriptor number.
 */
#if defined(__linux__)
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <pcap/dlt.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tt_test.h"

#define TT_ETH_P_IP	0x0800
#define TT_ETH_P_IPV6	0x86dd

/* A new file of /dev/net/tun attached to d's interface; -1 with errno. */
static int tt_linux_attach(const struct tt_dev *d, int oflags, int pi)
{
	struct ifreq ifr;
	int fd, e;

	fd = open("/dev/net/tun", O_RDWR | oflags);
	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = (short)((d->kind == TT_DEV_TUN ? IFF_TUN : IFF_TAP) |
				(pi ? 0 : IFF_NO_PI));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", d->name);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static int tt_linux_open(struct tt_dev *d, int oflags)
{
	snprintf(d->name, sizeof(d->name), "%s%d",
		 d->kind == TT_DEV_TUN ? "tun" : "tap", d->unit);
	d->fd = tt_linux_attach(d, oflags, 0);
	return d->fd < 0 ? -1 : 0;
}


static int tt_linux_set_header(struct tt_dev *d, int on)
{
	int nb, fd, e = 0;

	on = !!on;
	if (d->kind != TT_DEV_TUN) {
		errno = EINVAL;	/* as Linux answers a request it lacks */
		return -1;
	}
	if (on == d->hdr)
		return 0;
	nb = fcntl(d->fd, F_GETFL);
	if (nb < 0 || ioctl(d->fd, TUNSETPERSIST, 1) < 0)
		return -1;
	nb &= O_NONBLOCK;
	close(d->fd);
	fd = tt_linux_attach(d, nb, on);
	if (fd < 0) {
		/* back as it was, so that the test's close cleans up */
		e = errno;
		fd = tt_linux_attach(d, nb, d->hdr);
		if (fd < 0)
			return -1;
	}
	if (fd != d->fd) {
		if (dup2(fd, d->fd) < 0)
			return -1;
		close(fd);
	}
	if (ioctl(d->fd, TUNSETPERSIST, 0) < 0)
		return -1;
	if (e) {
		errno = e;
		return -1;
	}
	d->hdr = on;
	return 0;
}

/* flags (2 bytes, 0) and the ethertype, network byte order */
static void tt_linux_hdr_put(uint8_t hdr[4], int af)
{
	uint16_t proto = af == AF_INET ? TT_ETH_P_IP :
			 af == AF_INET6 ? TT_ETH_P_IPV6 : (uint16_t)af;

	hdr[0] = 0;
	hdr[1] = 0;
	hdr[2] = (uint8_t)(proto >> 8);
	hdr[3] = (uint8_t)proto;
}

/* The flags are not looked at: TUN_PKT_STRIP is set on a truncated read
 * (t_linux.c checks it). */
static int tt_linux_hdr_family(const uint8_t hdr[4])
{
	uint16_t proto = (uint16_t)(hdr[2] << 8 | hdr[3]);

	return proto == TT_ETH_P_IP ? AF_INET :
	       proto == TT_ETH_P_IPV6 ? AF_INET6 : -1;
}

const struct tt_target tt_target_linux = {
	.name = "linux",
	.open = tt_linux_open,
	.set_header = tt_linux_set_header,
	.hdr_put = tt_linux_hdr_put,
	.hdr_family = tt_linux_hdr_family,
	.wait_queued = tt_wait_queued_poll,
	.dlt_tun = DLT_RAW,
	.dlt_tap = DLT_EN10MB,
};
#endif /* __linux__ */
