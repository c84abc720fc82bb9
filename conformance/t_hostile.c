// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_hostile.c: hostile users and hostile input.  An unprivileged user,
 * or root in a user namespace of its own, can neither open a unit nor
 * reconfigure one, unless the node's mode lets the user open it (then
 * root of its own namespaces may: UDEV=1); ioctls, reads and writes given bad pointers fail with
 * EFAULT and lose nothing; huge, negative and many-segment lengths get a
 * clear errno; a read never returns a byte that was not in the packet;
 * garbage writes are refused and counted; and after each, the device
 * works.  SPEC.md section 15.
 */
#include "tt_test.h"
#include "tt_fault.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/capability.h>
#include <pcap/pcap.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "../driver/include/net/tun_ioctls.h"

#define TT_HOST_PORT	40310
#define TT_HOST_PEER	40311
#define TT_HOST_SENDER	40312	/* tt_host_send sends from here */
#define TT_HOST_WAIT	3000
#define TT_NOBODY	65534
#define TT_PATTERN	0xa5

/* The raw system calls: the C library's declarations rightly refuse to
 * compile the pointers and lengths this file passes on purpose. */
static ssize_t tt_raw_rw(long nr, int fd, const void *p, size_t n)
{
	return (ssize_t)syscall(nr, fd, p, n);
}

#define tt_raw_write(fd, p, n)	tt_raw_rw(SYS_write, fd, p, n)
#define tt_raw_read(fd, p, n)	tt_raw_rw(SYS_read, fd, p, n)
#define tt_raw_writev(fd, v, n)	tt_raw_rw(SYS_writev, fd, v, (size_t)(n))
#define tt_raw_readv(fd, v, n)	tt_raw_rw(SYS_readv, fd, v, (size_t)(n))

/* A kernel address: never a user pointer on x86-64. */
static void *const tt_kptr = (void *)0xffffffff81000000UL;

/* Pointers no ioctl, read or write may use.  straddle points at the
 * last bytes of a readable, writable page whose next page is not
 * mapped: the access starts well and faults halfway. */
struct tt_bad {
	void *ptr[4];
	const char *what[4];
	uint8_t *page;
};

static void tt_bad_make(struct tt_bad *b, size_t tail)
{
	long pg = sysconf(_SC_PAGESIZE);

	b->page = mmap(NULL, 2 * (size_t)pg, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert(b->page != MAP_FAILED);
	ck_assert_int_eq(mprotect(b->page + pg, (size_t)pg, PROT_NONE), 0);
	b->ptr[0] = NULL;
	b->what[0] = "NULL";
	b->ptr[1] = (void *)1;
	b->what[1] = "1";
	b->ptr[2] = tt_kptr;
	b->what[2] = "a kernel address";
	b->ptr[3] = b->page + pg - tail;
	b->what[3] = "a buffer running into an unmapped page";
}

static void tt_bad_free(struct tt_bad *b)
{
	munmap(b->page, 2 * (size_t)sysconf(_SC_PAGESIZE));
}

/* The stack sends one datagram of n payload bytes to d's peer. */
static void tt_host_send(const struct tt_dev *d, size_t n)
{
	static uint8_t payload[2000];
	struct sockaddr_in to;
	int s = tt_fault_socket(d, TT_HOST_SENDER);

	memset(payload, 'p', sizeof(payload));
	tt_fault_dest(d, TT_HOST_PEER, &to);
	ck_assert_int_eq(sendto(s, payload, n, 0, (struct sockaddr *)&to,
				sizeof(to)), (ssize_t)n);
	close(s);
	ck_assert_msg(tt_wait_readable(d->fd, TT_HOST_WAIT), "nothing queued");
}

static int tt_host_fionread(const struct tt_dev *d)
{
	int n = -1;

	TT_ASSERT_OK(ioctl(d->fd, FIONREAD, &n));
	return n;
}

/* ---- who may open ------------------------------------------------------- */

static int tt_host_drop_to_nobody(int keep_net_admin)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct c[2];

	if (keep_net_admin && prctl(PR_SET_KEEPCAPS, 1) != 0)
		return -1;
	if (setgroups(0, NULL) != 0 || setgid(TT_NOBODY) != 0 ||
	    setuid(TT_NOBODY) != 0)
		return -1;
	if (!keep_net_admin)
		return 0;
	memset(c, 0, sizeof(c));
	c[CAP_NET_ADMIN / 32].effective = 1u << (CAP_NET_ADMIN % 32);
	c[CAP_NET_ADMIN / 32].permitted = 1u << (CAP_NET_ADMIN % 32);
	return (int)syscall(SYS_capset, &h, c);
}

struct tt_opener {
	int kind, keep_net_admin;
};

/* Child: as nobody (keeping CAP_NET_ADMIN or not), open: EACCES. */
static int tt_child_nobody_open(void *arg)
{
	const struct tt_opener *o = arg;
	struct tt_dev d;

	if (tt_host_drop_to_nobody(o->keep_net_admin) != 0)
		return 10;
	if (tt_dev_open(&d, o->kind, 0, 0) == 0)
		return 1;
	return errno == EACCES ? 0 : 2;
}

/* nobody cannot open a unit: the nodes are root's, mode 0600, so the
 * open fails with EACCES, even with CAP_NET_ADMIN (_i 2, 3), and no
 * interface appears. */
START_TEST(test_hostile_nobody_open_eacces)
{
	struct tt_opener o = { _i % 2, _i >= 2 };

	tt_sum_begin("hostile", "test_hostile_nobody_open_eacces", _i);
	ck_assert_int_eq(tt_child_run(tt_child_nobody_open, &o, 5000), 0);
	ck_assert(!tt_if_exists(o.kind == TT_DEV_TUN ? "tun0" : "tap0"));
	tt_sum_end(0, 0, 0, 0);
}
END_TEST

/* Child: root in a new user namespace, still in the initial network
 * namespace: the node's owner, but without CAP_NET_ADMIN over the
 * namespace the interface would be made in: EPERM. */
static int tt_child_userns_open(void *arg)
{
	const struct tt_opener *o = arg;
	struct tt_dev d;

	if (unshare(CLONE_NEWUSER) != 0)
		return 10;
	if (tt_dev_open(&d, o->kind, 0, 0) == 0)
		return 1;
	return errno == EPERM ? 0 : 2;
}

/* Child: nobody with a user and network namespace of its own, so with
 * CAP_NET_ADMIN over that namespace: the node is still root's, EACCES. */
static int tt_child_nobody_userns_open(void *arg)
{
	const struct tt_opener *o = arg;
	struct tt_dev d;

	if (tt_host_drop_to_nobody(0) != 0)
		return 10;
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0)
		return 11;
	if (tt_dev_open(&d, o->kind, 0, 0) == 0)
		return 1;
	return errno == EACCES ? 0 : 2;
}

/* A user namespace is no way in: its root gets EPERM from the driver's
 * capability check, and nobody with namespaces of its own still gets
 * EACCES from the node's mode.  No interface appears. */
START_TEST(test_hostile_userns_open_refused)
{
	struct tt_opener o = { _i, 0 };
	int rc;

	tt_sum_begin("hostile", "test_hostile_userns_open_refused", _i);
	rc = tt_child_run(tt_child_userns_open, &o, 5000);
	ck_assert_msg(rc == 0, "root in a user namespace: %s",
		      rc == 1 ? "opened" : rc == 10 ? "no user namespace" :
		      "not EPERM");
	rc = tt_child_run(tt_child_nobody_userns_open, &o, 5000);
	ck_assert_msg(rc == 0, "nobody in user and network namespaces: %s",
		      rc == 1 ? "opened" : rc == 11 ? "no namespaces" :
		      "not EACCES");
	ck_assert(!tt_if_exists(_i == TT_DEV_TUN ? "tun0" : "tap0"));
	tt_sum_end(0, 0, 0, 0);
}
END_TEST

/* Write s to the file at path; 0, or -1 with errno. */
static int tt_host_write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ok;

	if (fd < 0)
		return -1;
	ok = tt_xio_write(fd, s, strlen(s)) == (ssize_t)strlen(s);
	close(fd);
	return ok ? 0 : -1;
}

/*
 * Child: what `unshare -rn` makes of nobody: root of a user namespace
 * of its own (mapped to nobody), in a network namespace of its own.  It
 * opens the unit: 0 when that succeeds and the interface is in its
 * namespace, else the errno's low bits plus 100 (EACCES: 113).
 */
static int tt_child_unshare_rn_open(void *arg)
{
	const struct tt_opener *o = arg;
	struct tt_dev d;
	int in_ns;

	if (tt_host_drop_to_nobody(0) != 0)
		return 10;
	/* setuid() made it undumpable: its /proc files root's, unwritable */
	if (prctl(PR_SET_DUMPABLE, 1) != 0)
		return 10;
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0)
		return 11;
	if (tt_host_write_file("/proc/self/setgroups", "deny") != 0 ||
	    tt_host_write_file("/proc/self/uid_map", "0 65534 1") != 0 ||
	    tt_host_write_file("/proc/self/gid_map", "0 65534 1") != 0)
		return 12;
	if (tt_dev_open(&d, o->kind, 0, 0) != 0)
		return 100 + (errno & 0x7f);
	in_ns = tt_if_exists(d.name);
	tt_dev_close(&d);
	return in_ns == 1 ? 0 : 13;
}

/*
 * The README's UDEV=1 promise: with the nodes' group and mode letting a
 * user open them (as 70-tuntap.rules makes them: a group, 0660), root of
 * that user's own user and network namespaces (`unshare -rn`) opens a
 * unit, made in its namespace: the driver asks for CAP_NET_ADMIN over
 * the opener's network namespace, not the initial one.  Back to root's
 * 0600, the same open fails with EACCES.  No interface appears in the
 * initial namespace either way.
 */
START_TEST(test_hostile_unshare_rn_opens_when_mode_allows)
{
	struct tt_opener o = { _i, 0 };
	const char *path = tt_dev_path(_i, 0);
	struct stat st0;
	int rc_open, rc_refused;

	tt_sum_begin("hostile", "test_hostile_unshare_rn_opens_when_mode_allows",
		     _i);
	TT_ASSERT_OK(stat(path, &st0));
	TT_ASSERT_OK(chown(path, 0, TT_NOBODY));
	TT_ASSERT_OK(chmod(path, 0660));
	rc_open = tt_child_run(tt_child_unshare_rn_open, &o, 5000);
	TT_ASSERT_OK(chown(path, st0.st_uid, st0.st_gid));
	TT_ASSERT_OK(chmod(path, st0.st_mode & 07777));
	rc_refused = tt_child_run(tt_child_unshare_rn_open, &o, 5000);
	ck_assert_msg(rc_open == 0, "group nobody, 0660: %s",
		      rc_open == 100 + EPERM ? "EPERM: CAP_NET_ADMIN asked "
		      "of the initial namespace" : rc_open >= 100 ?
		      tt_errname(rc_open - 100) : rc_open == 13 ?
		      "the interface is not in the opener's namespace" :
		      rc_open == 12 ? "its uid_map could not be written" :
		      rc_open == 11 ? "no namespaces" : "not nobody");
	ck_assert_msg(rc_refused == 100 + EACCES, "root's, 0%o: %s",
		      (unsigned)(st0.st_mode & 07777), rc_refused == 0 ?
		      "opened" : rc_refused >= 100 ?
		      tt_errname(rc_refused - 100) : "no namespaces or map");
	ck_assert(!tt_if_exists(_i == TT_DEV_TUN ? "tun0" : "tap0"));
	tt_sum_end(0, 0, 0, 0);
}
END_TEST

/* Child: from a user namespace, try to take an open unit down, change
 * its MTU and delete it; return a bit for each that was not EPERM. */
static int tt_child_userns_reconfigure(void *arg)
{
	const struct tt_dev *d = arg;
	struct ifreq ifr;
	int s, bad = 0;

	if (unshare(CLONE_NEWUSER) != 0)
		return 64;
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return 65;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, d->name);
	ifr.ifr_flags = 0;
	if (ioctl(s, SIOCSIFFLAGS, &ifr) != -1 || errno != EPERM)
		bad |= 1;
	ifr.ifr_mtu = 576;
	if (ioctl(s, SIOCSIFMTU, &ifr) != -1 || errno != EPERM)
		bad |= 2;
	if (tt_if_delete(d->name) != -EPERM)
		bad |= 4;
	close(s);
	return bad;
}

/* Without CAP_NET_ADMIN in the unit's namespace, nobody can take it
 * down, change its MTU or delete it (EPERM each); it keeps working. */
START_TEST(test_hostile_userns_cannot_reconfigure)
{
	struct tt_dev d;

	tt_sum_begin("hostile", "test_hostile_userns_cannot_reconfigure", _i);
	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	ck_assert_int_eq(tt_child_run(tt_child_userns_reconfigure, &d, 5000),
			 0);
	ck_assert(tt_if_flags(d.name) & IFF_UP);
	ck_assert_int_eq(tt_if_mtu(d.name), 1500);
	tt_fault_works(&d);
	tt_dev_close(&d);
	tt_sum_end(0, 0, 0, 0);
}
END_TEST

/* ---- bad pointers ------------------------------------------------------- */

/* Every ioctl that takes a pointer gets EFAULT for a bad one, changes
 * nothing, and consumes nothing; tap has no header ioctls (ENOTTY
 * before the pointer is looked at). */
START_TEST(test_hostile_ioctl_bad_pointers_efault)
{
	static const unsigned long req[] = {
		TUNSIFHEAD, TUNGIFHEAD, FIONREAD, TUNGIFNAME
	};
	static const char *const name[] = {
		"TUNSIFHEAD", "TUNGIFHEAD", "FIONREAD", "TUNGIFNAME"
	};
	struct tt_bad bad;
	struct tt_dev d;
	int r, k, p, len, v = -1, want;

	tt_sum_begin("hostile", "test_hostile_ioctl_bad_pointers_efault", _i);
	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	tt_host_send(&d, 10);
	len = tt_host_fionread(&d);
	for (k = 0; k < 4; k++) {
		/* the straddle leaves 2 bytes: short of an int, an ifreq */
		tt_bad_make(&bad, 2);
		for (p = 0; p < 4; p++) {
			want = _i == TT_DEV_TAP && k < 2 ? ENOTTY : EFAULT;
			errno = 0;
			r = ioctl(d.fd, req[k], bad.ptr[p]);
			ck_assert_msg(r == -1 && errno == want, "%s with %s: "
				      "%d (%s), expected %s", name[k],
				      bad.what[p], r, tt_errname(errno),
				      tt_errname(want));
		}
		tt_bad_free(&bad);
	}
	if (_i == TT_DEV_TUN) {
		TT_ASSERT_OK(ioctl(d.fd, TUNGIFHEAD, &v));
		ck_assert_int_eq(v, 0);
	}
	ck_assert_int_eq(tt_host_fionread(&d), len);
	ck_assert_int_eq(tt_dev_drain(&d), 1);
	tt_fault_works(&d);
	tt_dev_close(&d);
	tt_sum_end(1, 1, 0, 0);
}
END_TEST

/* read() into a bad buffer: EFAULT, and the packet stays queued, whole,
 * for the next good read (_i 2: tun with the AF header). */
START_TEST(test_hostile_read_bad_buffer_keeps_packet)
{
	static uint8_t buf[TT_PKT_MAX];
	struct iovec iov[2];
	struct tt_bad bad;
	struct tt_dev d;
	long long tx0;
	int p, len;

	tt_sum_begin("hostile", "test_hostile_read_bad_buffer_keeps_packet",
		     _i);
	tt_dev_setup(&d, _i % 2, 0, TT_SETUP_V4 | TT_SETUP_UP);
	if (_i == 2)
		TT_ASSERT_OK(tt_dev_set_header(&d, 1));
	tx0 = tt_if_stat(d.name, "tx_packets");
	tt_host_send(&d, 100);
	len = tt_host_fionread(&d);
	tt_bad_make(&bad, 10);
	for (p = 0; p < 4; p++) {
		errno = 0;
		ck_assert_msg(tt_raw_read(d.fd, bad.ptr[p], 2000) == -1 &&
			      errno == EFAULT, "read into %s: %s", bad.what[p],
			      tt_errname(errno));
		ck_assert_int_eq(tt_host_fionread(&d), len);
	}
	/* the second segment of a readv is bad */
	iov[0].iov_base = buf;
	iov[0].iov_len = 8;
	iov[1].iov_base = NULL;
	iov[1].iov_len = 2000;
	TT_ASSERT_FAILS(readv(d.fd, iov, 2), EFAULT);
	ck_assert_int_eq(tt_host_fionread(&d), len);
	tt_bad_free(&bad);
	ck_assert_int_eq(tt_xio_read(d.fd, buf, sizeof(buf)), len);
	ck_assert_int_eq(tt_if_stat(d.name, "tx_packets") - tx0, 1);
	/* the round trip writes bare packets */
	if (_i == 2)
		TT_ASSERT_OK(tt_dev_set_header(&d, 0));
	tt_fault_works(&d);
	tt_dev_close(&d);
	tt_sum_end(1, 1, 0, 0);
}
END_TEST

/* write() from a bad buffer, or writev() with a bad segment: EFAULT,
 * nothing reaches the stack, nothing is counted, the device works. */
START_TEST(test_hostile_write_bad_buffer_efault)
{
	static uint8_t buf[TT_PKT_MAX];
	struct iovec iov[2];
	long long rx0, err0;
	struct tt_bad bad;
	struct tt_dev d;
	size_t n;
	int p;

	tt_sum_begin("hostile", "test_hostile_write_bad_buffer_efault", _i);
	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	rx0 = tt_if_stat(d.name, "rx_packets");
	err0 = tt_if_stat(d.name, "rx_errors");
	tt_bad_make(&bad, 10);
	for (p = 0; p < 4; p++) {
		errno = 0;
		ck_assert_msg(tt_raw_write(d.fd, bad.ptr[p], 100) == -1 &&
			      errno == EFAULT, "write from %s: %s",
			      bad.what[p], tt_errname(errno));
	}
	n = tt_fault_frame(&d, buf, TT_HOST_PEER, TT_HOST_PORT, "x", 1);
	iov[0].iov_base = buf;
	iov[0].iov_len = 10;
	iov[1].iov_base = NULL;
	iov[1].iov_len = n - 10;
	TT_ASSERT_FAILS(writev(d.fd, iov, 2), EFAULT);
	TT_ASSERT_FAILS(writev(d.fd, tt_kptr, 2), EFAULT);
	TT_ASSERT_FAILS(tt_raw_writev(d.fd, NULL, 2), EFAULT);
	tt_bad_free(&bad);
	ck_assert_int_eq(tt_if_stat(d.name, "rx_packets"), rx0);
	ck_assert_int_eq(tt_if_stat(d.name, "rx_errors"), err0);
	tt_fault_works(&d);
	tt_dev_close(&d);
	/* EFAULT: there was no packet to send or count */
	tt_sum_end(0, 0, 0, 0);
}
END_TEST

/* ---- lengths ------------------------------------------------------------ */

/* Huge and negative lengths.  The kernel refuses what no buffer can
 * hold (SIZE_MAX, SSIZE_MAX: EFAULT; a negative segment: EINVAL; more
 * than IOV_MAX segments: EINVAL) before the driver sees it; what is
 * left is longer than any MTU: EMSGSIZE, counted.  A huge read length
 * is only room: the packet is returned, nothing written past it. */
START_TEST(test_hostile_huge_lengths)
{
	static uint8_t buf[TT_PKT_MAX + 64];
	static struct iovec many[IOV_MAX + 1];
	struct iovec iov;
	long long err0, emsgsize = 0;
	struct tt_dev d;
	int len, k;

	tt_sum_begin("hostile", "test_hostile_huge_lengths", _i);
	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	err0 = tt_if_stat(d.name, "rx_errors");
	TT_ASSERT_FAILS(tt_raw_write(d.fd, buf, SIZE_MAX), EFAULT);
	TT_ASSERT_FAILS(tt_raw_write(d.fd, buf, SSIZE_MAX), EFAULT);
	TT_ASSERT_FAILS(tt_raw_write(d.fd, buf, (size_t)INT_MAX + 1), EMSGSIZE);
	TT_ASSERT_FAILS(tt_raw_write(d.fd, buf, UINT_MAX), EMSGSIZE);
	emsgsize += 2;
	iov.iov_base = buf;
	iov.iov_len = SIZE_MAX;
	TT_ASSERT_FAILS(writev(d.fd, &iov, 1), EINVAL);
	iov.iov_len = (size_t)INT_MAX + 1;
	TT_ASSERT_FAILS(writev(d.fd, &iov, 1), EMSGSIZE);
	emsgsize++;
	for (k = 0; k <= IOV_MAX; k++) {
		many[k].iov_base = buf;
		many[k].iov_len = 1;
	}
	TT_ASSERT_FAILS(tt_raw_writev(d.fd, many, IOV_MAX + 1), EINVAL);
	TT_ASSERT_FAILS(tt_raw_writev(d.fd, many, -1), EINVAL);
	ck_assert_int_eq(tt_if_stat(d.name, "rx_errors") - err0, emsgsize);

	tt_host_send(&d, 30);
	len = tt_host_fionread(&d);
	TT_ASSERT_FAILS(tt_raw_read(d.fd, buf, SIZE_MAX), EFAULT);
	TT_ASSERT_FAILS(tt_raw_readv(d.fd, many, IOV_MAX + 1), EINVAL);
	ck_assert_int_eq(tt_host_fionread(&d), len);
	memset(buf, TT_PATTERN, sizeof(buf));
	ck_assert_int_eq(tt_raw_read(d.fd, buf, (size_t)INT_MAX + 1), len);
	for (k = len; k < (int)sizeof(buf); k++)
		ck_assert_msg(buf[k] == TT_PATTERN, "byte %d past the packet "
			      "written", k);
	tt_fault_works(&d);
	tt_dev_close(&d);
	tt_sum_end(emsgsize + 1, 1, emsgsize, 0);
}
END_TEST

/* IOV_MAX segments of one byte each: a packet written that way is one
 * packet, delivered whole; one read that way is scattered whole. */
START_TEST(test_hostile_iov_max_segments)
{
	static uint8_t pkt[TT_PKT_MAX], seg[IOV_MAX], got[TT_PKT_MAX];
	static struct iovec many[IOV_MAX];
	static char payload[IOV_MAX];
	struct tt_match_udp m = { _i == TT_DEV_TAP, TT_HOST_PEER };
	struct tt_dev d;
	size_t n, k;
	ssize_t r;
	int s;

	tt_sum_begin("hostile", "test_hostile_iov_max_segments", _i);
	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	s = tt_fault_socket(&d, TT_HOST_PORT);
	memset(payload, 'v', sizeof(payload));
	/* a packet of exactly IOV_MAX bytes */
	n = tt_fault_frame(&d, pkt, TT_HOST_PEER, TT_HOST_PORT, payload,
			   IOV_MAX - 28 - (_i == TT_DEV_TAP ? TT_ETH_LEN : 0));
	ck_assert_int_eq(n, IOV_MAX);
	for (k = 0; k < n; k++) {
		many[k].iov_base = pkt + k;
		many[k].iov_len = 1;
	}
	ck_assert_int_eq(writev(d.fd, many, IOV_MAX), (ssize_t)n);
	ck_assert(tt_wait_readable(s, TT_HOST_WAIT));
	ck_assert_int_eq(recv(s, got, sizeof(got), 0), (ssize_t)(n - 28 -
			 (_i == TT_DEV_TAP ? TT_ETH_LEN : 0)));

	tt_host_send(&d, 200);
	r = tt_host_fionread(&d);
	for (k = 0; k < IOV_MAX; k++) {
		many[k].iov_base = seg + k;
		many[k].iov_len = 1;
	}
	ck_assert_int_eq(readv(d.fd, many, IOV_MAX), r);
	ck_assert_msg(tt_match_udp4(seg, (size_t)r, &m), "not the datagram");
	close(s);
	tt_fault_works(&d);
	tt_dev_close(&d);
	tt_sum_end(2, 2, 0, 0);
}
END_TEST

/* ---- what a read returns ------------------------------------------------ */

struct tt_host_cap {
	pcap_t *p;
};

static void tt_host_cap_open(struct tt_host_cap *c, const char *ifname)
{
	char err[PCAP_ERRBUF_SIZE];

	c->p = pcap_create(ifname, err);
	ck_assert_msg(c->p != NULL, "pcap on %s: %s", ifname, err);
	ck_assert(pcap_set_snaplen(c->p, TT_PKT_MAX) == 0);
	ck_assert(pcap_set_immediate_mode(c->p, 1) == 0);
	ck_assert(pcap_set_timeout(c->p, 10) == 0);
	ck_assert_msg(pcap_activate(c->p) >= 0, "pcap on %s: %s", ifname,
		      pcap_geterr(c->p));
	ck_assert(pcap_setnonblock(c->p, 1, err) == 0);
}

/* The next packet captured, copied to out; its length, or 0. */
static size_t tt_host_cap_next(struct tt_host_cap *c, uint8_t *out)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	int ms;

	for (ms = 0; ms < TT_HOST_WAIT; ms += 10) {
		if (pcap_next_ex(c->p, &h, &data) == 1) {
			memcpy(out, data, h->caplen);
			return h->caplen;
		}
		tt_wait_readable(pcap_get_selectable_fd(c->p), 10);
	}
	return 0;
}

/* Reads return the packet's bytes and nothing else: the buffer is
 * filled with a pattern first; what read() returned is what libpcap
 * saw leave (behind the AF header when it is on, _i 2), what lies past
 * it is still the pattern, and a short buffer gets the packet's head
 * and not one byte more. */
START_TEST(test_hostile_read_returns_only_packet_bytes)
{
	static const size_t sizes[] = { 1, 17, 100, 512, 1000, 1472 };
	static uint8_t buf[TT_PKT_MAX + 64], cap[TT_PKT_MAX];
	struct tt_host_cap c;
	struct tt_dev d;
	size_t hl = _i == 2 ? 4 : 0, clen, k, j, want;
	ssize_t n;

	tt_sum_begin("hostile",
		     "test_hostile_read_returns_only_packet_bytes", _i);
	tt_dev_setup(&d, _i % 2, 0, TT_SETUP_V4 | TT_SETUP_UP);
	if (hl)
		TT_ASSERT_OK(tt_dev_set_header(&d, 1));
	tt_host_cap_open(&c, d.name);
	for (k = 0; k < 2 * sizeof(sizes) / sizeof(sizes[0]); k++) {
		/* even k: a buffer larger than any packet; odd: 10 bytes */
		want = k % 2 ? 10 : sizeof(buf);
		tt_host_send(&d, sizes[k / 2]);
		clen = tt_host_cap_next(&c, cap);
		ck_assert_msg(clen > 0, "nothing captured");
		memset(buf, TT_PATTERN, sizeof(buf));
		n = tt_xio_read(d.fd, buf, want);
		ck_assert_int_eq(n, (ssize_t)(want < clen + hl ? want :
					      clen + hl));
		if (hl)
			ck_assert_msg(memcmp(buf, "\0\0\0\2", 4) == 0,
				      "AF header %02x%02x%02x%02x", buf[0],
				      buf[1], buf[2], buf[3]);
		ck_assert_msg(memcmp(buf + hl, cap, (size_t)n - hl) == 0,
			      "%zd bytes read differ from the capture", n);
		for (j = (size_t)n; j < sizeof(buf); j++)
			ck_assert_msg(buf[j] == TT_PATTERN, "byte %zu of a "
				      "%zd-byte read was written", j, n);
	}
	pcap_close(c.p);
	/* the round trip writes bare packets */
	if (_i == 2)
		TT_ASSERT_OK(tt_dev_set_header(&d, 0));
	tt_fault_works(&d);
	tt_dev_close(&d);
	tt_sum_end(12, 12, 0, 0);
}
END_TEST

/* ---- garbage ------------------------------------------------------------ */

static uint32_t tt_host_rand(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* 3000 writes of random bytes and random lengths up to past the MTU,
 * some shaped like IPv4, IPv6 or an AF header to go deeper: each is
 * taken whole or refused with EINVAL, EAFNOSUPPORT or EMSGSIZE; the
 * counters agree; the device works after (_i 2: tun with AF header). */
START_TEST(test_hostile_garbage_writes_counted)
{
	static uint8_t buf[2000];
	static const uint8_t lead[] = { 0x45, 0x4f, 0x60, 0x00, 0x46 };
	uint32_t x = 2463534242u + (uint32_t)_i;
	long long rx0, err0, ok = 0, refused = 0;
	struct tt_dev d;
	size_t n, k, at;
	ssize_t r;
	int i;

	tt_sum_begin("hostile", "test_hostile_garbage_writes_counted", _i);
	tt_dev_setup(&d, _i % 2, 0, TT_SETUP_V4 | TT_SETUP_UP |
		     TT_SETUP_NOXIO);
	if (_i == 2)
		TT_ASSERT_OK(tt_dev_set_header(&d, 1));
	rx0 = tt_if_stat(d.name, "rx_packets");
	err0 = tt_if_stat(d.name, "rx_errors");
	for (i = 0; i < 3000; i++) {
		n = 1 + tt_host_rand(&x) % (1500 + 14 + 4 + 60);
		for (k = 0; k < n; k++)
			buf[k] = (uint8_t)tt_host_rand(&x);
		at = _i == 2 ? 4 : 0;
		if (at && n > 4 && tt_host_rand(&x) % 2) {
			memcpy(buf, tt_host_rand(&x) % 2 ? "\0\0\0\2" :
			       "\0\0\0\12", 4);
		}
		if (_i != TT_DEV_TAP && n > at && tt_host_rand(&x) % 2)
			buf[at] = lead[tt_host_rand(&x) % sizeof(lead)];
		r = tt_xio_write(d.fd, buf, n);
		if (r == (ssize_t)n) {
			ok++;
			continue;
		}
		ck_assert_msg(r == -1 && (errno == EINVAL ||
					  errno == EAFNOSUPPORT ||
					  errno == EMSGSIZE),
			      "a %zu-byte write returned %zd (%s)", n, r,
			      tt_errname(errno));
		refused++;
	}
	ck_assert_int_eq(tt_if_stat(d.name, "rx_packets") - rx0, ok);
	ck_assert_int_eq(tt_if_stat(d.name, "rx_errors") - err0, refused);
	printf("hostile: garbage: %lld taken, %lld refused\n", ok, refused);
	tt_dev_drain(&d);
	/* the round trip writes bare packets */
	if (_i == 2)
		TT_ASSERT_OK(tt_dev_set_header(&d, 0));
	tt_fault_works(&d);
	tt_dev_close(&d);
	tt_sum_end(ok + refused, ok, refused, 0);
}
END_TEST

/* ---- memory ------------------------------------------------------------- */

/* After every scenario above: nothing alive in the module, slab usage
 * back to where the suite began, within the tolerance of SPEC.md 15.11. */
START_TEST(test_hostile_memory_returned)
{
	tt_fault_memory_check("hostile", "test_hostile_memory_returned");
}
END_TEST

Suite *make_hostile_suite(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = tt_tcase_create("hostile");

	tcase_add_unchecked_fixture(tc, tt_fault_suite_setup, NULL);
	tcase_set_timeout(tc, 60);
	/* _i % 2 the kind, _i >= 2 with CAP_NET_ADMIN */
	tt_test_add_variants(tc, test_hostile_nobody_open_eacces, "tun", "tap",
			     "tun-cap-net-admin", "tap-cap-net-admin");
	tt_test_add_variants(tc, test_hostile_userns_open_refused,
			     "tun", "tap");
	tt_test_add_variants(tc, test_hostile_unshare_rn_opens_when_mode_allows,
			     "tun", "tap");
	tt_test_add_variants(tc, test_hostile_userns_cannot_reconfigure,
			     "tun", "tap");
	tt_test_add_variants(tc, test_hostile_ioctl_bad_pointers_efault,
			     "tun", "tap");
	tt_test_add_variants(tc, test_hostile_read_bad_buffer_keeps_packet,
			     "tun", "tap", "tun-af");
	tt_test_add_variants(tc, test_hostile_write_bad_buffer_efault,
			     "tun", "tap");
	tt_test_add_variants(tc, test_hostile_huge_lengths, "tun", "tap");
	tt_test_add_variants(tc, test_hostile_iov_max_segments, "tun", "tap");
	tt_test_add_variants(tc, test_hostile_read_returns_only_packet_bytes,
			     "tun", "tap", "tun-af");
	tt_test_add_variants(tc, test_hostile_garbage_writes_counted,
			     "tun", "tap", "tun-af");
	/* last: it measures what all the others left behind */
	tt_test_add(tc, test_hostile_memory_returned);
	suite_add_tcase(s, tc);
	return s;
}
