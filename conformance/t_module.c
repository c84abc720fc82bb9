// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_module.c: the module's own life.  Unloading is refused while any
 * unit is open and succeeds after the last close, with nothing left
 * alive (live_objects counts open units and queued packets; a leaked
 * object is kmemleak's to report, on the debug kernel, whose scans log
 * it: make check-debug).  The units parameter
 * decides how many nodes there are; it loads beside Linux's own tun.
 * Contract sections "module" and "life" (the units parameter).
 *
 * This suite unloads and reloads the driver, so it runs last and alone.
 * The guest names the module file in TT_MODULE.  Every test starts and
 * ends with the module loaded with default parameters: a checked
 * fixture restores it, in setup as well as in teardown since Check
 * skips the teardown of a test that failed; tests also reload before
 * they assert whatever they saw while it was out.
 */
#include "tt_test.h"
#include "tt_fault.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define TT_MOD_NAME	"tuntap"
#define TT_MOD_SYS	"/sys/module/" TT_MOD_NAME
#define TT_MOD_UNITS	TT_MOD_SYS "/parameters/units"
#define TT_UNITS_DEFAULT 16	/* the contract's default */
#define TT_PORT_LOCAL	40021
#define TT_PORT_PEER	40022
#define TT_WAIT_MS	3000

/* ---- the module --------------------------------------------------------- */

/* The module file; a test that needs it fails at once without it. */
static const char *tt_mod_path(void)
{
	const char *p = getenv("TT_MODULE");

	ck_assert_msg(p && *p, "TT_MODULE is not set: the module suite "
		      "needs the path of tuntap.ko to reload the module");
	return p;
}

static int tt_mod_loaded(void)
{
	return access(TT_MOD_SYS, F_OK) == 0;
}

/* rmmod: 0, or -1 with errno */
static int tt_mod_unload(void)
{
	return (int)syscall(SYS_delete_module, TT_MOD_NAME, O_NONBLOCK);
}

/* insmod with params: 0, or -1 with errno */
static int tt_mod_load(const char *params)
{
	const char *path = tt_mod_path();
	int fd, r, e;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	ck_assert_msg(fd >= 0, "%s: %s", path, tt_errname(errno));
	r = (int)syscall(SYS_finit_module, fd, params, 0);
	e = errno;
	close(fd);
	errno = e;
	return r;
}

/* Loaded, with default parameters, whatever the state was. */
static void tt_mod_restore(void)
{
	if (tt_mod_loaded() && tt_file_number(TT_MOD_UNITS) == TT_UNITS_DEFAULT)
		return;
	if (tt_mod_loaded())
		ck_assert_msg(tt_mod_unload() == 0, "cannot unload %s to "
			      "restore it: %s", TT_MOD_NAME,
			      tt_errname(errno));
	ck_assert_msg(tt_mod_load("") == 0, "cannot load %s again: %s",
		      TT_MOD_NAME, tt_errname(errno));
}

static void tt_mod_setup(void)
{
	tt_mod_restore();
}

static void tt_mod_teardown(void)
{
	tt_mod_restore();
}

/* Unload, which must work now; the caller reloads. */
static void tt_mod_unload_ok(void)
{
	tt_mod_path();		/* no unload without the means to reload */
	ck_assert_msg(tt_mod_unload() == 0, "unload: %s", tt_errname(errno));
}

/* stat's errno for a unit's node: 0 when it is a character device,
 * -1 when it is something else. */
static int tt_node_errno(enum tt_dev_kind kind, int unit)
{
	struct stat st;

	if (stat(tt_dev_path(kind, unit), &st) != 0)
		return errno;
	return S_ISCHR(st.st_mode) ? 0 : -1;
}

static const char *tt_node_what(int e)
{
	if (e == 0)
		return "a character device";
	return e < 0 ? "not a character device" : tt_errname(e);
}

#define tt_assert_node(kind, unit)                                          \
	ck_assert_msg(tt_node_errno(kind, unit) == 0, "%s: %s",            \
		      tt_dev_path(kind, unit),                              \
		      tt_node_what(tt_node_errno(kind, unit)))
#define tt_assert_no_node(kind, unit)                                       \
	ck_assert_msg(tt_node_errno(kind, unit) == ENOENT,                  \
		      "%s: %s, expected ENOENT", tt_dev_path(kind, unit),    \
		      tt_node_what(tt_node_errno(kind, unit)))

#define tt_assert_live(want, when)                                          \
	do {                                                                \
		long tt_live_ = tt_fault_live();                            \
		ck_assert_msg(tt_live_ == (want),                           \
			      "live_objects is %ld %s, expected %d",        \
			      tt_live_, when, (int)(want));                 \
	} while (0)

/* ---- the kernel log ------------------------------------------------------ */

/* Put a line in the kernel log to search after. */
static void tt_klog_mark(char *mark, size_t size)
{
	int fd;

	snprintf(mark, size, "tt-module: unload check %d\n", (int)getpid());
	fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	ck_assert_msg(fd >= 0, "/dev/kmsg: %s", tt_errname(errno));
	ck_assert_int_eq(tt_xio_write(fd, mark, strlen(mark)), (ssize_t)strlen(mark));
	close(fd);
	mark[strlen(mark) - 1] = '\0';
}

/* 1 when the log after the mark holds needle (any case), 0 when not,
 * -1 when the log or the mark cannot be found. */
static int tt_klog_after_has(const char *mark, const char *needle)
{
	int size = klogctl(10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0);
	char *buf, *at, *next;
	int n, r;

	if (size <= 0)
		return -1;
	buf = malloc((size_t)size + 1);
	if (!buf)
		return -1;
	n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, size);
	if (n < 0) {
		free(buf);
		return -1;
	}
	buf[n] = '\0';
	at = strstr(buf, mark);
	while (at && (next = strstr(at + 1, mark)))
		at = next;
	r = at ? strcasestr(at, needle) != NULL : -1;
	free(buf);
	return r;
}

/* ---- traffic ------------------------------------------------------------- */

static int tt_mod_socket(const struct in_addr *a)
{
	int s = tt_udp4_socket(a, TT_PORT_LOCAL);
	int on = 1;

	ck_assert_msg(s >= 0, "UDP socket: %s", tt_errname(errno));
	TT_ASSERT_OK(setsockopt(s, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on)));
	return s;
}

/* Where the host's datagrams go without ARP: tun its peer, tap the
 * subnet's broadcast address. */
static void tt_mod_dest(const struct tt_dev *d, struct sockaddr_in *to)
{
	memset(to, 0, sizeof(*to));
	to->sin_family = AF_INET;
	to->sin_port = htons(TT_PORT_PEER);
	tt_addr4(d, d->kind == TT_DEV_TUN ? 2 : 255, &to->sin_addr);
}

/* The unit works both ways: a UDP packet written reaches a socket, and
 * one a socket sends is read. */
static void tt_mod_unit_works(struct tt_dev *d)
{
	static uint8_t buf[TT_PKT_MAX];
	struct tt_match_udp m = { d->kind == TT_DEV_TAP, TT_PORT_PEER };
	struct in_addr local, peer;
	struct sockaddr_in to;
	uint8_t mac[6], peer_mac[6];
	size_t n;
	int s;

	tt_addr4(d, 1, &local);
	tt_addr4(d, 2, &peer);
	s = tt_mod_socket(&local);
	n = tt_pkt_udp4(buf + TT_ETH_LEN, &peer, &local, TT_PORT_PEER,
			TT_PORT_LOCAL, "still here", 10);
	if (d->kind == TT_DEV_TAP) {
		ck_assert_int_eq(tt_if_hwaddr(d->name, mac), ARPHRD_ETHER);
		tt_peer_mac(2, peer_mac);
		n = tt_pkt_eth(buf, mac, peer_mac, 0x0800, n);
		ck_assert_int_eq(tt_xio_write(d->fd, buf, n), (ssize_t)n);
	} else {
		ck_assert_int_eq(tt_xio_write(d->fd, buf + TT_ETH_LEN, n), (ssize_t)n);
	}
	ck_assert_msg(tt_wait_readable(s, TT_WAIT_MS), "nothing received");
	ck_assert_int_eq(recv(s, buf, sizeof(buf), MSG_DONTWAIT), 10);
	ck_assert_msg(memcmp(buf, "still here", 10) == 0, "payload differs");

	tt_mod_dest(d, &to);
	ck_assert_int_eq(sendto(s, "out", 3, 0, (struct sockaddr *)&to,
				sizeof(to)), 3);
	ck_assert_msg(tt_read_match(d, buf, sizeof(buf), TT_WAIT_MS,
				    tt_match_udp4, &m) > 0,
		      "the datagram sent was not read");
	close(s);
}

/* Queue n datagrams from the stack on an up unit. */
static void tt_mod_queue(struct tt_dev *d, int n)
{
	struct sockaddr_in to;
	int s, i;

	tt_addr4(d, 1, &to.sin_addr);
	s = tt_mod_socket(&to.sin_addr);
	tt_mod_dest(d, &to);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(sendto(s, "q", 1, 0, (struct sockaddr *)&to,
					sizeof(to)), 1);
	close(s);
}

/* ---- tests --------------------------------------------------------------- */

/* Unloading is refused while a unit is open (the kernel's EWOULDBLOCK,
 * EAGAIN's value on Linux), and the unit keeps working. */
START_TEST(test_unload_refused_while_unit_open)
{
	struct tt_dev d;

	tt_mod_path();		/* a wrongful unload needs a reload */
	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	TT_ASSERT_FAILS(tt_mod_unload(), EWOULDBLOCK);
	ck_assert_msg(tt_mod_loaded(), "%s is gone", TT_MOD_NAME);
	tt_mod_unit_works(&d);
	tt_dev_close(&d);
}
END_TEST

/* After the last close the module unloads, and its nodes go with it. */
START_TEST(test_unload_after_last_close_removes_nodes)
{
	struct tt_dev tun, tap;
	int r, e, tun_e, tap_e, loaded;

	tt_dev_setup(&tun, TT_DEV_TUN, 0, TT_SETUP_V4 | TT_SETUP_UP);
	tt_dev_setup(&tap, TT_DEV_TAP, 0, TT_SETUP_V4 | TT_SETUP_UP);
	tt_dev_close(&tun);
	tt_dev_close(&tap);
	tt_mod_path();
	r = tt_mod_unload();
	e = errno;
	loaded = tt_mod_loaded();
	tun_e = tt_node_errno(TT_DEV_TUN, 0);
	tap_e = tt_node_errno(TT_DEV_TAP, 0);
	tt_mod_restore();

	ck_assert_msg(r == 0, "unload after the last close: %s",
		      tt_errname(e));
	ck_assert_msg(!loaded, "%s still in /sys/module", TT_MOD_NAME);
	ck_assert_msg(tun_e == ENOENT, "/dev/tun0 after unload: %s",
		      tt_node_what(tun_e));
	ck_assert_msg(tap_e == ENOENT, "/dev/tap0 after unload: %s",
		      tt_node_what(tap_e));
	tt_assert_node(TT_DEV_TUN, 0);
	tt_assert_node(TT_DEV_TAP, 0);
}
END_TEST

/* Loaded with default parameters there are 16 units of each kind:
 * /dev/tun15 and /dev/tap15 exist, /dev/tun16 and /dev/tap16 do not. */
START_TEST(test_reload_default_units)
{
	tt_mod_unload_ok();
	ck_assert_msg(tt_mod_load("") == 0, "load: %s", tt_errname(errno));
	ck_assert_int_eq(tt_file_number(TT_MOD_UNITS), TT_UNITS_DEFAULT);
	tt_assert_node(TT_DEV_TUN, 15);
	tt_assert_node(TT_DEV_TAP, 15);
	tt_assert_no_node(TT_DEV_TUN, 16);
	tt_assert_no_node(TT_DEV_TAP, 16);
}
END_TEST

/* units=256 makes 256 units of each kind, and the last one opens. */
START_TEST(test_reload_units_256)
{
	struct tt_dev d;

	tt_mod_unload_ok();
	ck_assert_msg(tt_mod_load("units=256") == 0, "load units=256: %s",
		      tt_errname(errno));
	ck_assert_int_eq(tt_file_number(TT_MOD_UNITS), 256);
	tt_assert_node(TT_DEV_TUN, 255);
	tt_assert_node(TT_DEV_TAP, 255);
	tt_assert_no_node(TT_DEV_TUN, 256);
	tt_assert_no_node(TT_DEV_TAP, 256);
	ck_assert_msg(tt_dev_open(&d, TT_DEV_TAP, 255, 0) == 0, "tap255: %s",
		      tt_errname(errno));
	ck_assert(tt_if_exists("tap255"));
	tt_dev_close(&d);
	ck_assert(!tt_if_exists("tap255"));
	tt_mod_restore();
	ck_assert_int_eq(tt_file_number(TT_MOD_UNITS), TT_UNITS_DEFAULT);
}
END_TEST

/* The bounds of units load: units=1 makes tun0 and tap0 only,
 * units=1024 makes tun1023 and tap1023. */
START_TEST(test_units_bounds_load)
{
	tt_mod_unload_ok();
	ck_assert_msg(tt_mod_load("units=1") == 0, "load units=1: %s",
		      tt_errname(errno));
	tt_assert_node(TT_DEV_TUN, 0);
	tt_assert_node(TT_DEV_TAP, 0);
	tt_assert_no_node(TT_DEV_TUN, 1);
	tt_assert_no_node(TT_DEV_TAP, 1);
	tt_mod_unload_ok();
	ck_assert_msg(tt_mod_load("units=1024") == 0, "load units=1024: %s",
		      tt_errname(errno));
	ck_assert_int_eq(tt_file_number(TT_MOD_UNITS), 1024);
	tt_assert_node(TT_DEV_TUN, 1023);
	tt_assert_node(TT_DEV_TAP, 1023);
	tt_assert_no_node(TT_DEV_TAP, 1024);
	tt_mod_restore();
}
END_TEST

/* units outside 1..1024 fail to load with EINVAL, and leave nothing. */
START_TEST(test_units_outside_range_einval)
{
	static const char *const bad[] = { "units=0", "units=1025" };
	int r[2], e[2], loaded[2], node[2], i;

	tt_mod_unload_ok();
	for (i = 0; i < 2; i++) {
		r[i] = tt_mod_load(bad[i]);
		e[i] = errno;
		loaded[i] = tt_mod_loaded();
		node[i] = tt_node_errno(TT_DEV_TUN, 0);
		if (loaded[i])
			tt_mod_unload();
	}
	tt_mod_restore();
	for (i = 0; i < 2; i++) {
		ck_assert_msg(r[i] == -1 && e[i] == EINVAL,
			      "%s: returned %d (%s), expected -1 and EINVAL",
			      bad[i], r[i], tt_errname(e[i]));
		ck_assert_msg(!loaded[i], "%s: loaded", bad[i]);
		ck_assert_msg(node[i] == ENOENT, "%s: /dev/tun0 is %s",
			      bad[i], tt_node_what(node[i]));
	}
}
END_TEST

/* The module loads beside Linux's own tun, with one of its interfaces
 * up: both /dev/net/tun and /dev/tun0 work at once, with their own
 * names. */
START_TEST(test_loads_beside_linux_tun)
{
	struct tt_dev d, other = { .fd = -1, .kind = TT_DEV_TUN, .unit = 5 };
	struct in_addr local, peer;
	struct ifreq ifr;

	other.fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	ck_assert_msg(other.fd >= 0, "/dev/net/tun: %s", tt_errname(errno));
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
	strcpy(ifr.ifr_name, "ltun5");
	TT_ASSERT_OK(ioctl(other.fd, TUNSETIFF, &ifr));
	strcpy(other.name, ifr.ifr_name);
	tt_addr4(&other, 1, &local);
	tt_addr4(&other, 2, &peer);
	TT_ASSERT_OK(tt_if_add_addr4(other.name, &local, &peer, 32));
	TT_ASSERT_OK(tt_if_set_up(other.name, 1));

	tt_mod_unload_ok();
	ck_assert_msg(tt_mod_load("") == 0, "load beside tun: %s",
		      tt_errname(errno));
	tt_dev_setup(&d, TT_DEV_TUN, 0, TT_SETUP_V4 | TT_SETUP_UP);
	ck_assert_str_ne(other.name, d.name);
	ck_assert(tt_if_exists(other.name));
	ck_assert(tt_if_exists(d.name));
	tt_mod_unit_works(&d);
	tt_mod_unit_works(&other);
	tt_dev_close(&d);
	close(other.fd);
}
END_TEST

/* Close frees what was queued even on an interface that is up, so that
 * the unload after it finds nothing alive and nothing logs a leak
 * (kmemleak, when the kernel has it, scans after the suite). */
START_TEST(test_unload_after_close_with_queue_no_leak)
{
	struct tt_dev tun, tap;
	char mark[64];
	long queued, after_close;
	int r, e, leak;

	tt_mod_path();
	tt_dev_setup(&tun, TT_DEV_TUN, 0, TT_SETUP_V4 | TT_SETUP_UP);
	tt_dev_setup(&tap, TT_DEV_TAP, 0, TT_SETUP_V4 | TT_SETUP_UP);
	tt_mod_queue(&tun, 3);
	tt_mod_queue(&tap, 3);
	queued = tt_fault_live_wait(2 + 6, TT_WAIT_MS);
	ck_assert_msg(queued == 2 + 6, "live_objects %ld with 2 units and 6 "
		      "packets queued", queued);
	tt_dev_close(&tun);
	tt_dev_close(&tap);
	after_close = tt_fault_live();
	tt_klog_mark(mark, sizeof(mark));
	r = tt_mod_unload();
	e = errno;
	leak = tt_klog_after_has(mark, "leak");
	tt_mod_restore();

	ck_assert_msg(r == 0, "unload: %s", tt_errname(e));
	ck_assert_msg(leak == 0, leak < 0 ? "cannot read the kernel log" :
		      "the kernel log reports a leak at unload");
	ck_assert_msg(after_close == 0, "live_objects %ld after close",
		      after_close);
}
END_TEST

/* live_objects counts open units and queued packets: 0 with nothing
 * open, 1 with a unit open, 1 + N with N packets queued, one less per
 * packet read, and 0 again after close. */
START_TEST(test_live_objects_counts_units_and_packets)
{
	uint8_t buf[TT_PKT_MAX];
	struct tt_dev d;

	tt_assert_live(0, "with nothing open");
	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	tt_assert_live(1, "with a unit open");
	tt_mod_queue(&d, 5);
	tt_fault_live_wait(1 + 5, TT_WAIT_MS);
	tt_assert_live(1 + 5, "with a unit open and 5 packets queued");
	ck_assert_int_gt(tt_xio_read(d.fd, buf, sizeof(buf)), 0);
	tt_assert_live(1 + 4, "after one of 5 packets was read");
	tt_dev_close(&d);
	tt_assert_live(0, "after close");
}
END_TEST

/* Child of the unload race: open and close units until the module has
 * been gone for a while.  An open succeeds, or gets EBUSY (another
 * child has the unit), or, once the module is going or gone, ENOENT or
 * ENXIO (the node or its device is gone): nothing else. */
static int tt_mod_storm_child(void *arg)
{
	int me = *(const int *)arg, u, gone = 0;
	struct tt_dev d;

	for (u = me; gone < 100; u++) {
		if (tt_dev_open(&d, u % 2, (u / 2) % TT_UNITS_DEFAULT,
				0) == 0) {
			tt_dev_close(&d);
			gone = 0;
		} else if (errno == ENOENT || errno == ENXIO) {
			gone++;
		} else if (errno != EBUSY) {
			return 1;
		}
		/* a pause, so that all can be closed at once now and then */
		tt_msleep(2 + u % 5);
	}
	return 0;
}

/* rmmod races an open/close storm from three processes: each attempt is
 * refused (EWOULDBLOCK) while any unit is open, or unloads; once it has
 * unloaded the openers get ENOENT or ENXIO, nothing else, and the
 * module reloads with nothing alive. */
START_TEST(test_unload_races_open_storm)
{
	static const int who[3] = { 0, 1, 2 };
	pid_t pid[3];
	int k, r = -1, e = 0, refused = 0, rc[3];

	tt_sum_begin("race", "test_unload_races_open_storm", -1);
	tt_mod_path();
	for (k = 0; k < 3; k++)
		pid[k] = tt_child_start(tt_mod_storm_child, (void *)&who[k]);
	tt_msleep(200);
	/* 10 s of attempts; then the openers are stopped and it must go */
	for (k = 0; k < 2000; k++) {
		r = tt_mod_unload();
		e = errno;
		if (r == 0 || e != EWOULDBLOCK)
			break;
		refused++;
		tt_msleep(5);
	}
	for (k = 0; k < 3; k++)
		rc[k] = tt_child_wait(pid[k], r == 0 ? 20000 : 0);
	if (r != 0 && e == EWOULDBLOCK) {
		r = tt_mod_unload();
		e = errno;
	}
	tt_mod_restore();

	ck_assert_msg(r == 0, "unload: %s", tt_errname(e));
	for (k = 0; k < 3; k++)
		ck_assert_msg(rc[k] == 0 || (rc[k] == -1 && refused >= 2000),
			      "opener %d: status %d", k, rc[k]);
	tt_assert_live(0, "after the reload");
	printf("module: unload refused %d times under the storm, then done\n",
	       refused);
	tt_sum_end(0, 0, 0, 0);
}
END_TEST

Suite *make_module_suite(void)
{
	Suite *s = suite_create("module");
	TCase *tc = tt_tcase_create("module");

	tcase_add_checked_fixture(tc, tt_mod_setup, tt_mod_teardown);
	/* units=1024 makes 2048 nodes: slow under emulation */
	tcase_set_timeout(tc, 240);
	tt_test_add_variants(tc, test_unload_refused_while_unit_open,
			     "tun", "tap");
	tt_test_add(tc, test_unload_after_last_close_removes_nodes);
	tt_test_add(tc, test_reload_default_units);
	tt_test_add(tc, test_reload_units_256);
	tt_test_add(tc, test_units_bounds_load);
	tt_test_add(tc, test_units_outside_range_einval);
	tt_test_add(tc, test_loads_beside_linux_tun);
	tt_test_add(tc, test_unload_after_close_with_queue_no_leak);
	tt_test_add(tc, test_unload_races_open_storm);
	/* last: it never unloads, so a failure cannot leave it out */
	tt_test_add_variants(tc, test_live_objects_counts_units_and_packets,
			     "tun", "tap");
	suite_add_tcase(s, tc);
	return s;
}
