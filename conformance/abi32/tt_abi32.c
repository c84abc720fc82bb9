// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt-abi32: every request of the ABI header (driver/include/net/
 * tun_ioctls.h) from a 32-bit process, built with -m32 and run in the
 * test VM on its 64-bit kernel, where the kernel's compat path must
 * translate what differs: TUNGIFNAME encodes sizeof(struct ifreq), 32
 * bytes here and 40 in the kernel.  Opens /dev/tun0 and /dev/tap0 of the
 * loaded tuntap module; prints TAP (suite abi32) for harness/report.sh.
 * --list-tests: the tests' names, for harness/spec-check.sh.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <net/tun_ioctls.h>

static int n, failed;
/* The test running: its name is the row's (result() prints it). */
static const char *cur = "";

/* result OK VARIANT FMT...: the row of the test running, VARIANT (NULL:
 * none) after a "/"; FMT says what went wrong when !OK. */
static void result(int ok, const char *variant, const char *fmt, ...)
{
	va_list ap;

	n++;
	printf("%s %d - abi32:%s%s%s", ok ? "ok" : "not ok", n, cur,
	       variant ? "/" : "", variant ? variant : "");
	if (ok) {
		printf("\n");
		return;
	}
	failed++;
	printf(": ");
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

static int open_node(const char *node, const char *variant)
{
	int fd = open(node, O_RDWR);

	if (fd < 0)
		result(0, variant, "open(%s): %s", node, ename(errno));
	return fd;
}

/* TUNGIFNAME fills ifr_name with the node's interface, nothing past it. */
static void gifname(const char *node, const char *want, const char *variant)
{
	struct ifreq ifr;
	int fd = open_node(node, variant), r;

	if (fd < 0)
		return;
	memset(&ifr, 0xa5, sizeof(ifr));
	errno = 0;
	r = ioctl(fd, TUNGIFNAME, &ifr);
	if (r != 0)
		result(0, variant, "ioctl(TUNGIFNAME) returned %d (errno %s), expected 0",
		       r, ename(errno));
	else if (strncmp(ifr.ifr_name, want, IFNAMSIZ) != 0)
		result(0, variant, "TUNGIFNAME: \"%.*s\", expected \"%s\"",
		       IFNAMSIZ, ifr.ifr_name, want);
	else
		result(1, variant, NULL);
	close(fd);
}

static void test_gifname_from_32bit_process(void)
{
	gifname("/dev/tun0", "tun0", "tun");
	gifname("/dev/tap0", "tap0", "tap");
}

/* TUNSIFHEAD and TUNGIFHEAD round-trip on tun, ENOTTY on tap. */
static void test_header_ioctls_from_32bit_process(void)
{
	int fd = open_node("/dev/tun0", NULL), v = 1, got = -1;

	if (fd < 0)
		return;
	if (ioctl(fd, TUNSIFHEAD, &v) != 0 || ioctl(fd, TUNGIFHEAD, &got) != 0)
		result(0, NULL, "TUNSIFHEAD/TUNGIFHEAD on tun: %s", ename(errno));
	else if (got != 1)
		result(0, NULL, "TUNGIFHEAD after TUNSIFHEAD 1: %d", got);
	else
		result(1, NULL, NULL);
	close(fd);
}

static void test_header_ioctls_enotty_on_tap_from_32bit_process(void)
{
	int fd = open_node("/dev/tap0", NULL), v = 1;

	if (fd < 0)
		return;
	errno = 0;
	if (ioctl(fd, TUNSIFHEAD, &v) != -1 || errno != ENOTTY)
		result(0, NULL, "TUNSIFHEAD on tap: errno %s, expected ENOTTY", ename(errno));
	else
		result(1, NULL, NULL);
	close(fd);
}

/* FIONREAD is 0 on an empty queue; FIONBIO sets O_NONBLOCK. */
static void test_fionread_fionbio_from_32bit_process(void)
{
	int fd = open_node("/dev/tun0", NULL), v = 1, len = -1;

	if (fd < 0)
		return;
	if (ioctl(fd, FIONREAD, &len) != 0 || len != 0)
		result(0, NULL, "FIONREAD: %d (errno %s), expected 0", len, ename(errno));
	else if (ioctl(fd, FIONBIO, &v) != 0)
		result(0, NULL, "FIONBIO: %s", ename(errno));
	else if (!(fcntl(fd, F_GETFL) & O_NONBLOCK))
		result(0, NULL, "FIONBIO 1 left O_NONBLOCK clear");
	else
		result(1, NULL, NULL);
	close(fd);
}

static void test_unknown_request_enotty_from_32bit_process(void)
{
	int fd = open_node("/dev/tun0", NULL), v = 1;

	if (fd < 0)
		return;
	errno = 0;
	if (ioctl(fd, _IOR('t', 99, int), &v) != -1 || errno != ENOTTY)
		result(0, NULL, "ioctl('t', 99): errno %s, expected ENOTTY", ename(errno));
	else
		result(1, NULL, NULL);
	close(fd);
}

/* A bad pointer is EFAULT, and the device keeps answering. */
static void test_gifname_bad_pointer_efault_from_32bit_process(void)
{
	int fd = open_node("/dev/tun0", NULL), len = -1;

	if (fd < 0)
		return;
	errno = 0;
	if (ioctl(fd, TUNGIFNAME, (void *)16) != -1 || errno != EFAULT)
		result(0, NULL, "TUNGIFNAME to address 16: errno %s, expected EFAULT",
		       ename(errno));
	else if (ioctl(fd, FIONREAD, &len) != 0)
		result(0, NULL, "FIONREAD after the EFAULT: %s", ename(errno));
	else
		result(1, NULL, NULL);
	close(fd);
}

/* Every test, in the order run.  A row's name is its test's, so
 * --list-tests names every row the suite can print: check-spec then
 * holds each to a clause of conformance/SPEC.md. */
#define TEST(f) { #f, f }
static const struct test {
	const char *name;
	void (*run)(void);
} tests[] = {
	TEST(test_gifname_from_32bit_process),
	TEST(test_header_ioctls_from_32bit_process),
	TEST(test_header_ioctls_enotty_on_tap_from_32bit_process),
	TEST(test_fionread_fionbio_from_32bit_process),
	TEST(test_unknown_request_enotty_from_32bit_process),
	TEST(test_gifname_bad_pointer_efault_from_32bit_process),
};
#define NTESTS (sizeof(tests) / sizeof(tests[0]))

int main(int argc, char **argv)
{
	size_t i;

	/* Before the check of the build: the host lists the tests with a
	 * native build of this file (it may not run 32-bit programs). */
	if (argc == 2 && strcmp(argv[1], "--list-tests") == 0) {
		for (i = 0; i < NTESTS; i++)
			printf("%s\n", tests[i].name);
		return 0;
	}
	if (argc != 1) {
		fprintf(stderr, "usage: tt-abi32 [--list-tests]\n");
		return 2;
	}
	/* Built for what it tests: a 32-bit ifreq, a 32-bit pointer. */
	if (sizeof(struct ifreq) != 32 || sizeof(void *) != 4) {
		printf("Bail out! tt-abi32 is not a 32-bit build (ifreq %zu bytes)\n",
		       sizeof(struct ifreq));
		return 2;
	}
	for (i = 0; i < NTESTS; i++) {
		cur = tests[i].name;
		tests[i].run();
	}
	printf("1..%d\n", n);
	return failed ? 1 : 0;
}
