// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_life.c: the interface's life cycle.  It appears when the character
 * device is opened and vanishes, with its addresses and routes, when the
 * last descriptor is closed.  Contract section "Life cycle".
 */
#include "tt_test.h"

#include <fcntl.h>
#include <net/if_arp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__	/* Linux's tun, capabilities, namespaces, kernel log */
#include <linux/capability.h>
#include <linux/if_tun.h>
#include <sched.h>
#include <sys/klog.h>
#include <sys/syscall.h>
#endif

#include "../driver/include/net/tun_ioctls.h"

static const char *tt_kind_name(int kind)
{
	return kind == TT_DEV_TUN ? "tun" : "tap";
}

/* Opening /dev/tunK or /dev/tapK creates interface tunK or tapK, down:
 * tun point to point without link header, tap Ethernet with a random,
 * locally administered, unicast MAC. */
START_TEST(test_open_creates_interface_down)
{
	struct tt_dev d;
	uint8_t mac[6];
	int flags;

	ck_assert_msg(!tt_if_exists(_i == TT_DEV_TUN ? "tun0" : "tap0"),
		      "%s0 exists before open", tt_kind_name(_i));
	TT_ASSERT_OK(tt_dev_open(&d, _i, 0, 0));
	ck_assert(tt_if_exists(d.name));
	flags = tt_if_flags(d.name);
	ck_assert_int_ge(flags, 0);
	ck_assert_msg(!(flags & IFF_UP), "%s starts up", d.name);
	if (_i == TT_DEV_TUN) {
		ck_assert(flags & IFF_POINTOPOINT);
		ck_assert(flags & IFF_NOARP);
		ck_assert_int_eq(tt_if_hwaddr(d.name, mac), ARPHRD_NONE);
	} else {
		ck_assert(flags & IFF_BROADCAST);
		ck_assert_int_eq(tt_if_hwaddr(d.name, mac), ARPHRD_ETHER);
		ck_assert_msg(mac[0] & 0x02, "MAC not locally administered");
		ck_assert_msg(!(mac[0] & 0x01), "MAC is multicast");
	}
	tt_dev_close(&d);
}
END_TEST

/* Closing the device destroys the interface with its addresses and
 * routes; a new open starts from a clean interface. */
START_TEST(test_close_destroys_interface_addresses_routes)
{
	struct tt_dev d;

	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	ck_assert_int_eq(tt_if_has_addr4(d.name), 1);
	ck_assert_int_eq(tt_if_has_route(d.name), 1);
	tt_dev_close(&d);
	ck_assert_msg(!tt_if_exists(d.name), "%s survives close", d.name);
	ck_assert_int_eq(tt_if_has_route(d.name), 0);

	TT_ASSERT_OK(tt_dev_open(&d, _i, 0, 0));
	ck_assert_int_eq(tt_if_has_addr4(d.name), 0);
	ck_assert_int_eq(tt_if_has_route(d.name), 0);
	ck_assert(!(tt_if_flags(d.name) & IFF_UP));
	tt_dev_close(&d);
}
END_TEST

/* Close is synchronous: the name is free when close() returns, so an
 * immediate reopen never races the old interface. */
START_TEST(test_close_then_reopen_at_once)
{
	struct tt_dev d;
	int i;

	for (i = 0; i < 50; i++) {
		ck_assert_msg(tt_dev_open(&d, _i, 0, 0) == 0,
			      "reopen %d: %s", i, tt_errname(errno));
		tt_dev_close(&d);
	}
}
END_TEST

/* A unit is exclusive: a second open fails with EBUSY and leaves the
 * first one working. */
START_TEST(test_second_open_ebusy)
{
	struct tt_dev d, d2;

	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	TT_ASSERT_FAILS(tt_dev_open(&d2, _i, 0, 0), EBUSY);
	ck_assert(tt_if_exists(d.name));
	ck_assert(tt_if_flags(d.name) & IFF_UP);
	tt_dev_close(&d);
}
END_TEST

#ifdef __linux__
static int tt_klog_has(const char *needle)
{
	static char buf[1 << 20];
	int n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, sizeof(buf) - 1);

	if (n < 0)
		return -1;
	buf[n] = '\0';
	return strstr(buf, needle) != NULL;
}

/* If another driver already has the name (here Linux's own tun made
 * "tun3"), open fails with EEXIST and says so once in the kernel log;
 * once the name is free the unit opens. */
START_TEST(test_name_taken_eexist)
{
	struct ifreq ifr;
	struct tt_dev d;
	int other;

	other = open("/dev/net/tun", O_RDWR);
	ck_assert_msg(other >= 0, "/dev/net/tun: %s", tt_errname(errno));
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
	strcpy(ifr.ifr_name, "tun3");
	TT_ASSERT_OK(ioctl(other, TUNSETIFF, &ifr));

	TT_ASSERT_FAILS(tt_dev_open(&d, TT_DEV_TUN, 3, 0), EEXIST);
	ck_assert_int_eq(tt_klog_has("tun3: name already in use"), 1);
	close(other);
	TT_ASSERT_OK(tt_dev_open(&d, TT_DEV_TUN, 3, 0));
	tt_dev_close(&d);
}
END_TEST
#endif

/* Deleting the interface from outside (ip link del) is refused: the
 * interface belongs to its open file, which keeps working. */
START_TEST(test_link_delete_refused)
{
	struct tt_dev d;
	struct in_addr a, b;
	uint8_t pkt[64];
	size_t n;

	tt_dev_setup(&d, TT_DEV_TUN, 0, TT_SETUP_V4 | TT_SETUP_UP);
	ck_assert_int_eq(tt_if_delete(d.name), -EOPNOTSUPP);
	ck_assert(tt_if_exists(d.name));
	tt_addr4(&d, 2, &a);
	tt_addr4(&d, 1, &b);
	n = tt_pkt_udp4(pkt, &a, &b, 9, 9, "x", 1);
	ck_assert_int_eq(tt_xio_write(d.fd, pkt, n), (ssize_t)n);
	tt_dev_close(&d);
	ck_assert(!tt_if_exists(d.name));
}
END_TEST

static int tt_child_use_fd(void *arg)
{
	const struct tt_dev *d = arg;
	struct in_addr a, b;
	uint8_t pkt[64];
	size_t n;

	tt_addr4(d, 2, &a);
	tt_addr4(d, 1, &b);
	n = tt_pkt_udp4(pkt, &a, &b, 9, 9, "x", 1);
	return tt_xio_write(d->fd, pkt, n) == (ssize_t)n ? 0 : 1;
}

/* A descriptor inherited across fork() is the same device: the child
 * can use it, and the interface lives until the last copy is closed. */
START_TEST(test_fork_inherits_fd)
{
	struct tt_dev d;
	pid_t pid;
	int fds[2];
	char c;

	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	ck_assert_int_eq(tt_child_run(tt_child_use_fd, &d, 5000), 0);
	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	if (pid == 0) {
		/* holds the inherited copy until the parent hangs up */
		close(fds[1]);
		_exit(tt_xio_read(fds[0], &c, 1) == 0 ? 0 : 1);
	}
	close(fds[0]);
	tt_dev_close(&d);
	ck_assert_msg(tt_if_exists(d.name), "gone while the child holds it");
	close(fds[1]);
	ck_assert_int_eq(tt_child_wait(pid, 5000), 0);
	ck_assert_msg(!tt_if_exists(d.name), "survives the last close");
}
END_TEST

#ifdef __linux__
static int tt_child_open_without_cap(void *arg)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct c[2];
	struct tt_dev d;

	(void)arg;
	if (syscall(SYS_capget, &h, c) != 0)
		return 10;
	c[CAP_NET_ADMIN / 32].effective &= ~(1u << (CAP_NET_ADMIN % 32));
	if (syscall(SYS_capset, &h, c) != 0)
		return 11;
	if (tt_dev_open(&d, TT_DEV_TUN, 0, 0) == 0)
		return 1;
	return errno == EPERM ? 0 : 2;
}

/* Opening needs CAP_NET_ADMIN: without it, EPERM, even for root. */
START_TEST(test_open_needs_cap_net_admin)
{
	ck_assert_int_eq(tt_child_run(tt_child_open_without_cap, NULL, 5000),
			 0);
	ck_assert(!tt_if_exists("tun0"));
}
END_TEST

struct tt_ns_pipe {
	int report[2];		/* child -> parent: 'y' when open in its ns */
	int release[2];		/* parent -> child: hang up to let it go */
};

static int tt_child_open_in_new_netns(void *arg)
{
	struct tt_ns_pipe *p = arg;
	struct tt_dev d;
	char c;

	/* Drop the inherited ends, or the parent's hang-up is never seen. */
	close(p->report[0]);
	close(p->release[1]);
	if (unshare(CLONE_NEWNET) != 0)
		return 10;
	if (tt_dev_open(&d, TT_DEV_TUN, 1, 0) != 0)
		return 11;
	c = tt_if_exists("tun1") ? 'y' : 'n';
	if (tt_xio_write(p->report[1], &c, 1) != 1)
		return 12;
	(void)tt_xio_read(p->release[0], &c, 1);
	return 0;
}

/* The interface is made in the opener's network namespace, not in the
 * one the module was loaded from; the unit stays exclusive across
 * namespaces. */
START_TEST(test_interface_in_openers_netns)
{
	struct tt_ns_pipe p;
	struct tt_dev d;
	pid_t pid;
	char c = 0;

	ck_assert_int_eq(pipe(p.report), 0);
	ck_assert_int_eq(pipe(p.release), 0);
	pid = tt_child_start(tt_child_open_in_new_netns, &p);
	close(p.report[1]);
	close(p.release[0]);
	ck_assert_msg(tt_wait_readable(p.report[0], 5000), "child silent");
	ck_assert_int_eq(tt_xio_read(p.report[0], &c, 1), 1);
	ck_assert_msg(c == 'y', "tun1 not in the opener's namespace");
	ck_assert_msg(!tt_if_exists("tun1"), "tun1 in the parent's namespace");
	TT_ASSERT_FAILS(tt_dev_open(&d, TT_DEV_TUN, 1, 0), EBUSY);
	close(p.release[1]);
	ck_assert_int_eq(tt_child_wait(pid, 5000), 0);
	TT_ASSERT_OK(tt_dev_open(&d, TT_DEV_TUN, 1, 0));
	tt_dev_close(&d);
}
END_TEST

static int tt_child_send_fd(void *arg)
{
	int *sv = arg;
	struct tt_dev d;
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = "f", .iov_len = 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;

	if (unshare(CLONE_NEWNET) != 0)
		return 10;
	if (tt_dev_open(&d, TT_DEV_TUN, 2, 0) != 0)
		return 11;
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &d.fd, sizeof(int));
	return sendmsg(sv[1], &m, 0) == 1 ? 0 : 12;
}

/* A descriptor that outlives every process of its namespace keeps the
 * namespace and its interface: nothing dangles, and close still cleans
 * up. */
START_TEST(test_fd_outlives_its_netns)
{
	char cbuf[CMSG_SPACE(sizeof(int))], c;
	struct iovec iov = { .iov_base = &c, .iov_len = 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct ifreq ifr;
	struct tt_dev d;
	int sv[2], fd;

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0);
	ck_assert_int_eq(tt_child_run(tt_child_send_fd, sv, 5000), 0);
	ck_assert_int_eq(recvmsg(sv[0], &m, 0), 1);
	memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof(int));
	/* the child and its namespace's last process are gone */
	memset(&ifr, 0, sizeof(ifr));
	TT_ASSERT_OK(ioctl(fd, TUNGIFNAME, &ifr));
	ck_assert_str_eq(ifr.ifr_name, "tun2");
	TT_ASSERT_FAILS(tt_xio_write(fd, "\x45", 1), EIO);
	close(fd);
	TT_ASSERT_OK(tt_dev_open(&d, TT_DEV_TUN, 2, 0));
	tt_dev_close(&d);
}
END_TEST
#endif

/* The character devices exist from load, root's alone (0600), one
 * /dev/tunK and /dev/tapK per unit: 16 of each by default. */
START_TEST(test_nodes_root_only)
{
	struct stat st;

	ck_assert_int_eq(stat(tt_dev_path(_i, 0), &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	ck_assert_int_eq(st.st_uid, 0);
	ck_assert_int_eq(stat(tt_dev_path(_i, 15), &st), 0);
	TT_ASSERT_FAILS(stat(tt_dev_path(_i, 16), &st), ENOENT);
}
END_TEST

Suite *make_life_suite(void)
{
	Suite *s = suite_create("life");
	TCase *tc = tt_tcase_create("life");

	tt_test_add_variants(tc, test_open_creates_interface_down,
			     "tun", "tap");
	tt_test_add_variants(tc, test_close_destroys_interface_addresses_routes,
			     "tun", "tap");
	tt_test_add_variants(tc, test_close_then_reopen_at_once, "tun", "tap");
	tt_test_add_variants(tc, test_second_open_ebusy, "tun", "tap");
#ifdef __linux__
	tt_test_add(tc, test_name_taken_eexist);
#endif
	tt_test_add(tc, test_link_delete_refused);
	tt_test_add_variants(tc, test_fork_inherits_fd, "tun", "tap");
#ifdef __linux__
	tt_test_add(tc, test_open_needs_cap_net_admin);
	tt_test_add(tc, test_interface_in_openers_netns);
	tt_test_add(tc, test_fd_outlives_its_netns);
#endif
	tt_test_add_variants(tc, test_nodes_root_only, "tun", "tap");
	suite_add_tcase(s, tc);
	return s;
}
