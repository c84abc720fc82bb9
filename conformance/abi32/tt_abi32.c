// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt-abi32: every request of the ABI header (driver/include/net/
 * tun_ioctls.h) from a 32-bit process, built with -m32 and run in the
 * test VM on its 64-bit kernel, where the kernel's compat path must
 * translate what differs: TUNGIFNAME encodes sizeof(struct ifreq), 32
 * bytes here and 40 in the kernel.  Opens /dev/tun0 and /dev/tap0 of the
 * loaded tuntap module; prints TAP (suite abi32) for harness/report.sh.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <net/tun_ioctls.h>

static int n, failed;

static void result(int ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	n++;
	if (ok) {
		printf("ok %d - abi32:%s\n", n, name);
		return;
	}
	failed++;
	printf("not ok %d - abi32:%s: ", n, name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* The errno of a failed call, by name for the messages. */
static const char *ename(int e)
{
	switch (e) {
	case 0: return "no error";
	case ENOTTY: return "ENOTTY";
	case EFAULT: return "EFAULT";
	case EINVAL: return "EINVAL";
	case EAGAIN: return "EAGAIN";
	case ENOENT: return "ENOENT";
	case EBUSY: return "EBUSY";
	}
	return strerror(e);
}

static int open_node(const char *node, const char *test)
{
	int fd = open(node, O_RDWR);

	if (fd < 0)
		result(0, test, "open(%s): %s", node, ename(errno));
	return fd;
}

/* TUNGIFNAME fills ifr_name with the node's interface, nothing past it. */
static void test_gifname(const char *node, const char *want, const char *test)
{
	struct ifreq ifr;
	int fd = open_node(node, test), r;

	if (fd < 0)
		return;
	memset(&ifr, 0xa5, sizeof(ifr));
	errno = 0;
	r = ioctl(fd, TUNGIFNAME, &ifr);
	if (r != 0)
		result(0, test, "ioctl(TUNGIFNAME) returned %d (errno %s), expected 0",
		       r, ename(errno));
	else if (strncmp(ifr.ifr_name, want, IFNAMSIZ) != 0)
		result(0, test, "TUNGIFNAME: \"%.*s\", expected \"%s\"",
		       IFNAMSIZ, ifr.ifr_name, want);
	else
		result(1, test, NULL);
	close(fd);
}

/* TUNSIFHEAD and TUNGIFHEAD round-trip on tun, ENOTTY on tap. */
static void test_header(void)
{
	const char *t = "test_header_ioctls_from_32bit_process";
	int fd = open_node("/dev/tun0", t), v = 1, got = -1;

	if (fd < 0)
		return;
	if (ioctl(fd, TUNSIFHEAD, &v) != 0 || ioctl(fd, TUNGIFHEAD, &got) != 0)
		result(0, t, "TUNSIFHEAD/TUNGIFHEAD on tun: %s", ename(errno));
	else if (got != 1)
		result(0, t, "TUNGIFHEAD after TUNSIFHEAD 1: %d", got);
	else
		result(1, t, NULL);
	close(fd);

	t = "test_header_ioctls_enotty_on_tap_from_32bit_process";
	fd = open_node("/dev/tap0", t);
	if (fd < 0)
		return;
	errno = 0;
	if (ioctl(fd, TUNSIFHEAD, &v) != -1 || errno != ENOTTY)
		result(0, t, "TUNSIFHEAD on tap: errno %s, expected ENOTTY", ename(errno));
	else
		result(1, t, NULL);
	close(fd);
}

/* FIONREAD is 0 on an empty queue; FIONBIO sets O_NONBLOCK; an unknown
 * request is ENOTTY; a bad pointer is EFAULT, and the device keeps
 * answering. */
static void test_other(void)
{
	const char *t = "test_fionread_fionbio_from_32bit_process";
	int fd = open_node("/dev/tun0", t), v = 1, len = -1;

	if (fd < 0)
		return;
	if (ioctl(fd, FIONREAD, &len) != 0 || len != 0)
		result(0, t, "FIONREAD: %d (errno %s), expected 0", len, ename(errno));
	else if (ioctl(fd, FIONBIO, &v) != 0)
		result(0, t, "FIONBIO: %s", ename(errno));
	else if (!(fcntl(fd, F_GETFL) & O_NONBLOCK))
		result(0, t, "FIONBIO 1 left O_NONBLOCK clear");
	else
		result(1, t, NULL);

	t = "test_unknown_request_enotty_from_32bit_process";
	errno = 0;
	if (ioctl(fd, _IOR('t', 99, int), &v) != -1 || errno != ENOTTY)
		result(0, t, "ioctl('t', 99): errno %s, expected ENOTTY", ename(errno));
	else
		result(1, t, NULL);

	t = "test_gifname_bad_pointer_efault_from_32bit_process";
	errno = 0;
	if (ioctl(fd, TUNGIFNAME, (void *)16) != -1 || errno != EFAULT)
		result(0, t, "TUNGIFNAME to address 16: errno %s, expected EFAULT",
		       ename(errno));
	else if (ioctl(fd, FIONREAD, &len) != 0)
		result(0, t, "FIONREAD after the EFAULT: %s", ename(errno));
	else
		result(1, t, NULL);
	close(fd);
}

int main(void)
{
	/* Built for what it tests: a 32-bit ifreq, a 32-bit pointer. */
	if (sizeof(struct ifreq) != 32 || sizeof(void *) != 4) {
		printf("Bail out! tt-abi32 is not a 32-bit build (ifreq %zu bytes)\n",
		       sizeof(struct ifreq));
		return 2;
	}
	test_gifname("/dev/tun0", "tun0", "test_gifname_from_32bit_process/tun");
	test_gifname("/dev/tap0", "tap0", "test_gifname_from_32bit_process/tap");
	test_header();
	test_other();
	printf("1..%d\n", n);
	return failed ? 1 : 0;
}
