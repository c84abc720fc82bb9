// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_race_life.c: races on a unit's life, part of the race suite.  An
 * open/close storm on every unit from several processes and network
 * namespaces at once, ip link del under a writer, and the namespace of
 * an open unit losing its last process.  SPEC.md section 13.
 */
#include "tt_test.h"
#include "tt_fault.h"

#include <arpa/inet.h>
#include <sched.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

/* ---- open/close storm --------------------------------------------------- */

#define TT_STORM_PROCS	4
#define TT_STORM_MS	2000

struct tt_storm {
	long opened[TT_STORM_PROCS], busy[TT_STORM_PROCS];
	int bad_errno[TT_STORM_PROCS];
};

struct tt_storm_arg {
	struct tt_storm *st;	/* shared with the parent */
	int who;
};

/* Child: open and close every unit in turn; half the children in a
 * namespace of their own.  Only EBUSY may refuse an open. */
static int tt_storm_child(void *arg)
{
	struct tt_storm *st = ((struct tt_storm_arg *)arg)->st;
	int me = ((struct tt_storm_arg *)arg)->who, u, kind, on = 1, n;
	long long end = tt_now_ms() + TT_STORM_MS;
	struct tt_dev d;

	if (me >= TT_STORM_PROCS / 2 && unshare(CLONE_NEWNET) != 0)
		return 10;
	for (u = me * 5; tt_now_ms() < end; u++) {
		kind = (u / TT_RACE_UNITS) % 2;
		if (tt_dev_open(&d, kind, u % TT_RACE_UNITS, 0) != 0) {
			if (errno != EBUSY) {
				st->bad_errno[me] = errno;
				return 1;
			}
			st->busy[me]++;
			continue;
		}
		st->opened[me]++;
		/* use it a little: header mode, queue length, a refused
		 * write (down: EIO), then close */
		if (kind == TT_DEV_TUN && tt_dev_set_header(&d, on) != 0)
			return 2;
		if (ioctl(d.fd, FIONREAD, &n) != 0 || n != 0)
			return 3;
		if (tt_xio_write(d.fd, "\x45", 1) != -1 || errno != EIO)
			return 4;
		tt_dev_close(&d);
	}
	return 0;
}

/* Several processes, two in the initial namespace and two in namespaces
 * of their own, open and close every unit at once: each open succeeds
 * or gets EBUSY, and afterwards nothing is left and every unit opens. */
START_TEST(test_race_open_close_storm)
{
	struct tt_storm_arg arg[TT_STORM_PROCS];
	struct tt_storm *st;
	pid_t pid[TT_STORM_PROCS];
	long opened = 0, busy = 0;
	struct tt_dev d;
	int k, u, kind, rc;

	tt_sum_begin("race", "test_race_open_close_storm", -1);
	ck_assert_int_eq(tt_fault_live_wait(0, TT_RACE_WAIT), 0);
	st = mmap(NULL, sizeof(*st), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ck_assert(st != MAP_FAILED);
	memset(st, 0, sizeof(*st));
	for (k = 0; k < TT_STORM_PROCS; k++) {
		arg[k].st = st;
		arg[k].who = k;
		pid[k] = tt_child_start(tt_storm_child, &arg[k]);
		ck_assert(pid[k] > 0);
	}
	for (k = 0; k < TT_STORM_PROCS; k++) {
		rc = tt_child_wait(pid[k], TT_STORM_MS + 20000);
		ck_assert_msg(rc == 0, "storm process %d: status %d, errno %s",
			      k, rc, tt_errname(st->bad_errno[k]));
		opened += st->opened[k];
		busy += st->busy[k];
	}
	ck_assert_msg(tt_fault_live_wait(0, TT_RACE_WAIT) == 0,
		      "live_objects %ld after the storm", tt_fault_live());
	for (u = 0; u < 2 * TT_RACE_UNITS; u++) {
		kind = u / TT_RACE_UNITS;
		ck_assert_msg(tt_dev_open(&d, kind, u % TT_RACE_UNITS, 0) == 0,
			      "%s after the storm: %s",
			      tt_dev_path(kind, u % TT_RACE_UNITS),
			      tt_errname(errno));
		tt_dev_close(&d);
	}
	printf("race: storm: %ld opens, %ld EBUSY\n", opened, busy);
	ck_assert_int_gt(opened, 0);
	munmap(st, sizeof(*st));
	tt_sum_end(0, 0, 0, 0);
}
END_TEST

/* ip link del under a writer: always refused (EOPNOTSUPP); the writer
 * never notices, and the unit works after. */
START_TEST(test_race_link_del_under_writes)
{
	struct tt_writer w = { 0 };
	long long rx0;
	struct tt_dev d;
	int s, k;

	tt_sum_begin("race", "test_race_link_del_under_writes", _i);
	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP |
		     TT_SETUP_NOXIO);
	s = tt_race_socket(&d);
	rx0 = tt_if_stat(d.name, "rx_packets");
	w.d = &d;
	ck_assert_int_eq(pthread_create(&w.t, NULL, tt_writer_run, &w), 0);
	for (k = 0; k < 100; k++)
		ck_assert_int_eq(tt_if_delete(d.name), -EOPNOTSUPP);
	w.stop = 1;
	ck_assert(tt_thread_join(w.t, TT_RACE_WAIT, NULL) == 0);
	ck_assert_msg(w.other == 0 && w.emsgsize == 0, "%ld writes failed "
		      "(%s)", w.other + w.emsgsize,
		      tt_errname(w.other_errno));
	ck_assert_int_eq(tt_if_stat(d.name, "rx_packets") - rx0, w.ok);
	tt_fault_works(&d);
	close(s);
	tt_dev_close(&d);
	tt_sum_end(w.ok, w.ok, 0, 0);
}
END_TEST

/* ---- a namespace deleted under an open unit ----------------------------- */

struct tt_netns_arg {
	int kind, sv[2];
};

/* Child: in a namespace of its own, open a unit, bring it up, let the
 * stack queue 3 datagrams on it, pass the descriptor out and exit: the
 * namespace then has no process left and no name (ip netns del). */
static int tt_netns_child(void *arg)
{
	struct tt_netns_arg *a = arg;
	char cbuf[CMSG_SPACE(sizeof(int))];
	uint8_t mac[6] = { 0 };
	struct iovec iov = { .iov_base = mac, .iov_len = sizeof(mac) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;
	struct tt_dev d;
	int s, i;

	if (unshare(CLONE_NEWNET) != 0)
		return 10;
	tt_dev_setup(&d, a->kind, 3, TT_SETUP_V4 | TT_SETUP_UP |
		     TT_SETUP_NOXIO);
	/* the interface's MAC goes out with it: the parent cannot see it */
	if (a->kind == TT_DEV_TAP && tt_if_hwaddr(d.name, mac) < 0)
		return 13;
	s = tt_race_socket(&d);
	for (i = 0; i < 3; i++)
		if (!tt_race_send(&d, s, (uint32_t)i, 200))
			return 11;
	close(s);
	memset(cbuf, 0, sizeof(cbuf));
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &d.fd, sizeof(int));
	return sendmsg(a->sv[1], &m, 0) == sizeof(mac) ? 0 : 12;
}

/* The namespace of an open unit loses its last process: the unit keeps
 * it alive, its queued packets are read whole, writes are taken, and
 * the last close frees everything; the unit opens again. */
START_TEST(test_race_netns_gone_under_open_unit)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	uint8_t mac[6], peer_mac[6];
	struct iovec iov = { .iov_base = mac, .iov_len = sizeof(mac) };
	struct in_addr local, peer;
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct tt_netns_arg a = { .kind = _i };
	static uint8_t buf[TT_PKT_MAX];
	struct tt_dev d;
	ssize_t n;
	int i;

	tt_sum_begin("race", "test_race_netns_gone_under_open_unit", _i);
	ck_assert_int_eq(tt_fault_live_wait(0, TT_RACE_WAIT), 0);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM, 0, a.sv), 0);
	ck_assert_int_eq(tt_child_run(tt_netns_child, &a, 10000), 0);
	ck_assert(tt_wait_readable(a.sv[0], TT_RACE_WAIT));
	ck_assert_int_eq(recvmsg(a.sv[0], &m, 0), sizeof(mac));
	memset(&d, 0, sizeof(d));
	memcpy(&d.fd, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof(int));
	d.kind = _i;
	d.unit = 3;
	snprintf(d.name, sizeof(d.name), "%s3",
		 _i == TT_DEV_TUN ? "tun" : "tap");
	ck_assert_msg(!tt_if_exists(d.name), "%s in the initial namespace",
		      d.name);
	/* the stack may hand the last datagram over a little later */
	ck_assert_int_eq(tt_fault_live_wait(1 + 3, TT_RACE_WAIT), 1 + 3);
	for (i = 0; i < 3; i++) {
		ck_assert(tt_wait_readable(d.fd, TT_RACE_WAIT));
		n = tt_xio_read(d.fd, buf, sizeof(buf));
		ck_assert_int_eq(tt_race_seq(&d, buf, (size_t)n, 0), i);
	}
	tt_addr4(&d, 1, &local);
	tt_addr4(&d, 2, &peer);
	n = (ssize_t)tt_pkt_udp4(buf + TT_ETH_LEN, &peer, &local, TT_RACE_PEER,
				 TT_RACE_PORT, "x", 1);
	if (_i == TT_DEV_TAP) {
		tt_peer_mac(2, peer_mac);
		n = (ssize_t)tt_pkt_eth(buf, mac, peer_mac, 0x0800, (size_t)n);
	} else {
		memmove(buf, buf + TT_ETH_LEN, (size_t)n);
	}
	ck_assert_int_eq(tt_xio_write(d.fd, buf, (size_t)n), n);
	tt_dev_close(&d);
	ck_assert_int_eq(tt_fault_live_wait(0, TT_RACE_WAIT), 0);
	TT_ASSERT_OK(tt_dev_open(&d, _i, 3, 0));
	ck_assert(tt_if_exists(d.name));
	tt_dev_close(&d);
	close(a.sv[0]);
	close(a.sv[1]);
	tt_sum_end(3 + 1, 3 + 1, 0, 0);
}
END_TEST


void tt_race_add_life_tests(TCase *tc)
{
	tt_test_add(tc, test_race_open_close_storm);
	tt_test_add_variants(tc, test_race_link_del_under_writes, "tun", "tap");
	tt_test_add_variants(tc, test_race_netns_gone_under_open_unit,
			     "tun", "tap");
}
