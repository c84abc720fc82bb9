// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_linux.c: the API of Linux's /dev/net/tun that the BSD model lacks:
 * TUNSETIFF and its name templates, IFF_TUN / IFF_TAP, IFF_NO_PI and the
 * flags + proto header, multiqueue, persistence and owner.  These tests
 * speak to /dev/net/tun directly, whatever the target: they check the
 * linux target's seed, and other targets skip them (expect files).
 * SPEC.md section 16.
 */
#include "tt_test.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/if_tun.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define TT_PORT		40601
#define TT_WAIT_MS	3000
#define TT_UDP4_HDRS	(20 + 8)

static uint8_t tt_buf[TT_PKT_MAX];

/* A file of /dev/net/tun attached to name with flags; the name it got
 * in *got (may be NULL); -1 with errno. */
static int tt_lx_attach(const char *name, int flags, char *got)
{
	struct ifreq ifr;
	int fd, e;

	fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = (short)flags;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (got)
		snprintf(got, IFNAMSIZ, "%s", ifr.ifr_name);
	return fd;
}

static int tt_lx_attach_ok(const char *name, int flags, char *got)
{
	int fd = tt_lx_attach(name, flags, got);

	ck_assert_msg(fd >= 0, "TUNSETIFF %s flags %#x: %s", name, flags,
		      tt_errname(errno));
	return fd;
}

/* A tt_dev for the suite's address plan, unit 5 (no other test uses
 * it), up with IPv4 only. */
static void tt_lx_dev(struct tt_dev *d, int fd, const char *name)
{
	memset(d, 0, sizeof(*d));
	d->fd = fd;
	d->kind = TT_DEV_TUN;
	d->unit = 5;
	snprintf(d->name, sizeof(d->name), "%s", name);
	tt_stack_config(d);
}

/* The stack sends one datagram of n bytes to the peer, from port sport
 * (a new flow for each sport). */
static void tt_lx_send(const struct tt_dev *d, uint16_t sport, size_t n)
{
	struct sockaddr_in to = { .sin_family = AF_INET,
				  .sin_port = htons(TT_PORT) };
	struct in_addr local;
	int s;

	tt_addr4(d, 1, &local);
	tt_addr4(d, 2, &to.sin_addr);
	s = tt_udp4_socket(&local, sport);
	ck_assert_int_ge(s, 0);
	memset(tt_buf, 'p', n);
	ck_assert_int_eq(sendto(s, tt_buf, n, 0, (struct sockaddr *)&to,
				sizeof(to)), (ssize_t)n);
	close(s);
}

/* "%d" names take the lowest free number, and the name chosen comes
 * back in ifr_name; no name at all is "tun%d" / "tap%d". */
START_TEST(test_linux_setiff_name_template)
{
	char a[IFNAMSIZ], b[IFNAMSIZ], c[IFNAMSIZ];
	int fa, fb, fc;

	fa = tt_lx_attach_ok("ttl%d", IFF_TUN | IFF_NO_PI, a);
	fb = tt_lx_attach_ok("ttl%d", IFF_TUN | IFF_NO_PI, b);
	ck_assert_str_eq(a, "ttl0");
	ck_assert_str_eq(b, "ttl1");
	ck_assert(tt_if_exists(a) && tt_if_exists(b));
	close(fa);
	fc = tt_lx_attach_ok("ttl%d", IFF_TAP | IFF_NO_PI, c);
	ck_assert_str_eq(c, "ttl0");
	close(fc);
	fc = tt_lx_attach_ok("", IFF_TAP | IFF_NO_PI, c);
	ck_assert_msg(strncmp(c, "tap", 3) == 0, "unnamed tap is %s", c);
	close(fc);
	close(fb);
	ck_assert(!tt_if_exists(b));
}
END_TEST

/* A file not attached yet has no interface: read and write fail with
 * EBADFD. */
START_TEST(test_linux_io_before_setiff_ebadfd)
{
	int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);

	ck_assert_int_ge(fd, 0);
	TT_ASSERT_FAILS(tt_xio_read(fd, tt_buf, 100), EBADFD);
	TT_ASSERT_FAILS(tt_xio_write(fd, "\x45", 1), EBADFD);
	close(fd);
}
END_TEST

/* IFF_TUN: no link layer; IFF_TAP: Ethernet; TUNGETIFF reports the
 * flags; a name held by the other kind, or by another driver, EINVAL. */
START_TEST(test_linux_tun_and_tap_kinds)
{
	struct ifreq ifr;
	uint8_t mac[6];
	int ft, fp;

	ft = tt_lx_attach_ok("ttk0", IFF_TUN | IFF_NO_PI, NULL);
	fp = tt_lx_attach_ok("ttk1", IFF_TAP | IFF_NO_PI, NULL);
	ck_assert_int_eq(tt_if_hwaddr("ttk0", mac), ARPHRD_NONE);
	ck_assert_int_eq(tt_if_hwaddr("ttk1", mac), ARPHRD_ETHER);
	memset(&ifr, 0, sizeof(ifr));
	TT_ASSERT_OK(ioctl(ft, TUNGETIFF, &ifr));
	ck_assert_int_eq(ifr.ifr_flags & (IFF_TUN | IFF_TAP | IFF_NO_PI),
			 IFF_TUN | IFF_NO_PI);
	TT_ASSERT_OK(ioctl(fp, TUNGETIFF, &ifr));
	ck_assert_int_eq(ifr.ifr_flags & (IFF_TUN | IFF_TAP), IFF_TAP);
	TT_ASSERT_FAILS(tt_lx_attach("ttk0", IFF_TAP | IFF_NO_PI, NULL),
			EINVAL);
	TT_ASSERT_FAILS(tt_lx_attach("ttk1", IFF_TUN | IFF_NO_PI, NULL),
			EINVAL);
	TT_ASSERT_FAILS(tt_lx_attach("lo", IFF_TUN | IFF_NO_PI, NULL), EINVAL);
	close(ft);
	close(fp);
}
END_TEST

/* Without IFF_NO_PI: a read is flags (0) and the ethertype, then the
 * packet; a truncated read says TUN_PKT_STRIP; a write with the
 * header reaches the stack by its ethertype. */
START_TEST(test_linux_pi_header_both_ways)
{
	struct tt_dev d;
	struct in_addr src, dst;
	uint8_t head[10];
	uint16_t flags;
	size_t n;
	ssize_t r;
	int s;

	tt_lx_dev(&d, tt_lx_attach_ok("ttp0", IFF_TUN, NULL), "ttp0");
	tt_lx_send(&d, TT_PORT + 1, 100);
	ck_assert(tt_wait_readable(d.fd, TT_WAIT_MS));
	r = tt_xio_read(d.fd, tt_buf, sizeof(tt_buf));
	ck_assert_int_eq(r, 4 + TT_UDP4_HDRS + 100);
	ck_assert_msg(tt_buf[0] == 0 && tt_buf[1] == 0 && tt_buf[2] == 0x08 &&
		      tt_buf[3] == 0x00, "header %02x%02x %02x%02x, expected "
		      "flags 0 and ETH_P_IP", tt_buf[0], tt_buf[1], tt_buf[2],
		      tt_buf[3]);
	ck_assert_int_eq(tt_buf[4], 0x45);

	tt_lx_send(&d, TT_PORT + 1, 100);
	ck_assert(tt_wait_readable(d.fd, TT_WAIT_MS));
	ck_assert_int_eq(tt_xio_read(d.fd, head, sizeof(head)), sizeof(head));
	memcpy(&flags, head, 2);	/* struct tun_pi: host byte order */
	ck_assert_int_eq(flags, TUN_PKT_STRIP);

	tt_addr4(&d, 2, &src);
	tt_addr4(&d, 1, &dst);
	s = tt_udp4_socket(&dst, TT_PORT);
	ck_assert_int_ge(s, 0);
	n = tt_pkt_udp4(tt_buf + 4, &src, &dst, TT_PORT + 2, TT_PORT, "pi", 2);
	memcpy(tt_buf, "\x00\x00\x08\x00", 4);
	ck_assert_int_eq(tt_xio_write(d.fd, tt_buf, n + 4), (ssize_t)(n + 4));
	ck_assert_msg(tt_wait_readable(s, TT_WAIT_MS),
		      "the written datagram never reached the socket");
	close(s);
	close(d.fd);
}
END_TEST

/* Read every queued packet from each fd (non-blocking); the total. */
static int tt_lx_read_all(const int *fds, int nfd, int *per)
{
	int i, total = 0;

	tt_msleep(200);
	for (i = 0; i < nfd; i++) {
		per[i] = 0;
		while (tt_xio_read(fds[i], tt_buf, sizeof(tt_buf)) > 0)
			per[i]++;
		ck_assert_msg(errno == EAGAIN, "queue %d: %s", i,
			      tt_errname(errno));
		total += per[i];
	}
	return total;
}

#define TT_MQ	(IFF_TUN | IFF_NO_PI | IFF_MULTI_QUEUE)
#define TT_FLOWS 32

/* IFF_MULTI_QUEUE: several files attach, one queue each; every packet
 * comes out of exactly one of them.  Without the flag, a second
 * attach gets EBUSY; a mismatch of the flag, EINVAL. */
START_TEST(test_linux_multiqueue_several_fds)
{
	int fds[3], per[3], i, fd;
	struct tt_dev d;

	for (i = 0; i < 3; i++) {
		fds[i] = tt_lx_attach_ok("ttq0", TT_MQ, NULL);
		ck_assert_int_eq(fcntl(fds[i], F_SETFL, O_NONBLOCK), 0);
	}
	TT_ASSERT_FAILS(tt_lx_attach("ttq0", IFF_TUN | IFF_NO_PI, NULL),
			EINVAL);
	tt_lx_dev(&d, fds[0], "ttq0");
	for (i = 0; i < TT_FLOWS; i++)
		tt_lx_send(&d, (uint16_t)(TT_PORT + 10 + i), 20);
	ck_assert_int_eq(tt_lx_read_all(fds, 3, per), TT_FLOWS);
	for (i = 0; i < 3; i++)
		close(fds[i]);

	fd = tt_lx_attach_ok("ttq1", IFF_TUN | IFF_NO_PI, NULL);
	TT_ASSERT_FAILS(tt_lx_attach("ttq1", IFF_TUN | IFF_NO_PI, NULL),
			EBUSY);
	close(fd);
}
END_TEST

/* TUNSETQUEUE: a detached queue gets no packets (its read: EAGAIN);
 * detaching twice is EINVAL; attached again it gets its share. */
START_TEST(test_linux_setqueue_detach_attach)
{
	struct ifreq ifr;
	struct tt_dev d;
	int fds[2], per[2], i;

	for (i = 0; i < 2; i++) {
		fds[i] = tt_lx_attach_ok("ttq2", TT_MQ, NULL);
		ck_assert_int_eq(fcntl(fds[i], F_SETFL, O_NONBLOCK), 0);
	}
	tt_lx_dev(&d, fds[0], "ttq2");
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_DETACH_QUEUE;
	TT_ASSERT_OK(ioctl(fds[1], TUNSETQUEUE, &ifr));
	TT_ASSERT_FAILS(ioctl(fds[1], TUNSETQUEUE, &ifr), EINVAL);
	for (i = 0; i < TT_FLOWS; i++)
		tt_lx_send(&d, (uint16_t)(TT_PORT + 100 + i), 20);
	ck_assert_int_eq(tt_lx_read_all(fds, 2, per), TT_FLOWS);
	ck_assert_int_eq(per[1], 0);

	ifr.ifr_flags = IFF_ATTACH_QUEUE;
	TT_ASSERT_OK(ioctl(fds[1], TUNSETQUEUE, &ifr));
	TT_ASSERT_FAILS(tt_xio_read(fds[1], tt_buf, sizeof(tt_buf)), EAGAIN);
	for (i = 0; i < TT_FLOWS; i++)
		tt_lx_send(&d, (uint16_t)(TT_PORT + 200 + i), 20);
	ck_assert_int_eq(tt_lx_read_all(fds, 2, per), TT_FLOWS);
	ck_assert_msg(per[1] > 0, "no flow of %d reached the queue attached "
		      "again", TT_FLOWS);
	close(fds[0]);
	close(fds[1]);
}
END_TEST

/* TUNSETPERSIST 1: the interface outlives its file and can be attached
 * again; TUNSETPERSIST 0 and close: gone. */
START_TEST(test_linux_persist_survives_close)
{
	int fd;

	fd = tt_lx_attach_ok("ttp1", IFF_TUN | IFF_NO_PI, NULL);
	TT_ASSERT_OK(ioctl(fd, TUNSETPERSIST, 1));
	close(fd);
	ck_assert_msg(tt_if_exists("ttp1"), "persistent ttp1 gone at close");
	fd = tt_lx_attach_ok("ttp1", IFF_TUN | IFF_NO_PI, NULL);
	TT_ASSERT_OK(ioctl(fd, TUNSETPERSIST, 0));
	close(fd);
	ck_assert(!tt_if_exists("ttp1"));
}
END_TEST

/* Attach to name without CAP_NET_ADMIN, as euid uid; 0 or errno.  The
 * file is opened first: the node's mode is not what is tested. */
static int tt_lx_attach_as(const char *name, uid_t uid)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct c[2];
	struct ifreq ifr;
	int fd = open("/dev/net/tun", O_RDWR);

	if (fd < 0)
		return 100;
	if (uid != 0 && setresuid(uid, uid, uid) != 0)
		return 101;
	if (syscall(SYS_capget, &h, c) != 0)
		return 102;
	c[CAP_NET_ADMIN / 32].effective &= ~(1u << (CAP_NET_ADMIN % 32));
	if (syscall(SYS_capset, &h, c) != 0)
		return 103;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	return ioctl(fd, TUNSETIFF, &ifr) == 0 ? 0 : errno;
}

static int tt_lx_child_owner(void *arg)
{
	(void)arg;
	return tt_lx_attach_as("ttw0", 0);
}

static int tt_lx_child_other(void *arg)
{
	(void)arg;
	return tt_lx_attach_as("ttw0", 65534);
}

/* TUNSETOWNER: the owner may attach to the persistent interface without
 * CAP_NET_ADMIN; another user gets EPERM. */
START_TEST(test_linux_owner_may_attach)
{
	int fd;

	fd = tt_lx_attach_ok("ttw0", IFF_TUN | IFF_NO_PI, NULL);
	TT_ASSERT_OK(ioctl(fd, TUNSETOWNER, 0));
	TT_ASSERT_OK(ioctl(fd, TUNSETPERSIST, 1));
	close(fd);
	ck_assert_int_eq(tt_child_run(tt_lx_child_owner, NULL, TT_WAIT_MS), 0);
	ck_assert_int_eq(tt_child_run(tt_lx_child_other, NULL, TT_WAIT_MS),
			 EPERM);
	fd = tt_lx_attach_ok("ttw0", IFF_TUN | IFF_NO_PI, NULL);
	TT_ASSERT_OK(ioctl(fd, TUNSETPERSIST, 0));
	close(fd);
	ck_assert(!tt_if_exists("ttw0"));
}
END_TEST

Suite *make_linux_suite(void)
{
	Suite *s = suite_create("linux");
	TCase *tc = tt_tcase_create("linux");

	tt_test_add(tc, test_linux_setiff_name_template);
	tt_test_add(tc, test_linux_io_before_setiff_ebadfd);
	tt_test_add(tc, test_linux_tun_and_tap_kinds);
	tt_test_add(tc, test_linux_pi_header_both_ways);
	tt_test_add(tc, test_linux_multiqueue_several_fds);
	tt_test_add(tc, test_linux_setqueue_detach_attach);
	tt_test_add(tc, test_linux_persist_survives_close);
	tt_test_add(tc, test_linux_owner_may_attach);
	suite_add_tcase(s, tc);
	return s;
}
