// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_clients.c: the patterns real tunnel programs follow, each a test
 * named after the pattern (docs/clients.md).  vtund, for one, opens the
 * unit, has a child run `ifconfig ... up`, and enters its select() loop
 * on the device at once, while the interface may still be down; any
 * error from read() or write() but EAGAIN and EINTR ends its session.
 * Others keep a reader thread blocked in read(), or a poll() or epoll
 * loop, through `ifconfig down; mtu; up`; and a restart closes the unit
 * and opens it again.
 *
 * The program is a child (tt_child_start_ready): a loop that waits by
 * its mechanism (or blocks in read()), reads, and answers each datagram
 * the stack sent it with one written back, as a tunnel relays both
 * ways.  It ends after as many datagrams as it was told to relay, with
 * 0; with the errno of a read() or write() that failed, as vtund would
 * end its session; or with one of TT_CL_*.  The test drives the unit
 * from outside, as the program's child or script would.
 * Contract section "clients".
 */
#include "tt_test.h"
#include "tt_fault.h"

#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#define TT_CL_WAIT	3000	/* ms: the VM is emulated, be generous */
#define TT_CL_DELAY	100	/* ms the loop runs before the unit is up */
#define TT_CL_LEN	64	/* payload of a relayed datagram */

/* How the program waits for the device. */
enum tt_cl_how { TT_CL_SELECT, TT_CL_POLL, TT_CL_EPOLL, TT_CL_READ };

static const char *const tt_cl_how_name[] = { "select() loop",
					      "poll() loop", "epoll loop",
					      "blocking reader" };

/* A loop's exit statuses besides 0 and an errno */
#define TT_CL_SETUP	200	/* the mechanism itself failed */
#define TT_CL_READY	201	/* woke with an error, or not readable */

struct tt_client {
	struct tt_dev *d;
	enum tt_cl_how how;
	int relay;		/* datagrams to answer before it ends */
};

/* Wait until fd is readable by how; TT_CL_* when that fails. */
static int tt_cl_wait(enum tt_cl_how how, int fd, int ep)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct epoll_event ev;
	fd_set rd;

	switch (how) {
	case TT_CL_SELECT:
		FD_ZERO(&rd);
		FD_SET(fd, &rd);
		if (select(fd + 1, &rd, NULL, NULL, NULL) < 0)
			return errno == EINTR ? 0 : TT_CL_SETUP;
		return FD_ISSET(fd, &rd) ? 0 : TT_CL_READY;
	case TT_CL_POLL:
		if (poll(&p, 1, -1) < 0)
			return errno == EINTR ? 0 : TT_CL_SETUP;
		return p.revents == POLLIN ? 0 : TT_CL_READY;
	case TT_CL_EPOLL:
		if (epoll_wait(ep, &ev, 1, -1) < 0)
			return errno == EINTR ? 0 : TT_CL_SETUP;
		return ev.events == EPOLLIN ? 0 : TT_CL_READY;
	case TT_CL_READ:
		break;
	}
	return 0;
}

/* One read and its answer: 1 when a datagram of the test's went both
 * ways, 0 when there was nothing for the program, or -errno. */
static int tt_cl_relay(const struct tt_client *c, uint8_t *buf,
		       uint8_t *out)
{
	ssize_t r = read(c->d->fd, buf, TT_PKT_MAX);
	size_t n;

	if (r < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -errno;
	/* anything but one of the test's datagrams is not the program's */
	if (tt_race_seq(c->d, buf, (size_t)r, 0) < 0)
		return 0;
	n = tt_fault_frame(c->d, out, TT_RACE_PEER, TT_RACE_PORT,
			   buf + (size_t)r - TT_CL_LEN, TT_CL_LEN);
	if (write(c->d->fd, out, n) != (ssize_t)n)
		return -errno;
	return 1;
}

/* The program: wait, read, answer, until c->relay datagrams went both
 * ways.  Its buffers are its own: in darwin-sim children are threads. */
static int tt_cl_loop(void *arg)
{
	const struct tt_client *c = arg;
	struct epoll_event ev = { .events = EPOLLIN };
	uint8_t *buf = malloc(2 * TT_PKT_MAX);
	int ep = -1, done = 0, st = 0;

	if (!buf)
		return TT_CL_SETUP;
	if (c->how == TT_CL_EPOLL) {
		ep = epoll_create1(EPOLL_CLOEXEC);
		if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, c->d->fd, &ev) < 0)
			st = TT_CL_SETUP;
	}
	while (!st && done < c->relay) {
		st = tt_cl_wait(c->how, c->d->fd, ep);
		if (st)
			break;
		st = tt_cl_relay(c, buf, buf + TT_PKT_MAX);
		/* any error ends the session, as vtund's does */
		done += st > 0;
		st = st < 0 ? -st : 0;
	}
	if (ep >= 0)
		close(ep);
	free(buf);
	return st;
}

static const char *tt_cl_status(int st)
{
	static char msg[64];

	switch (st) {
	case 0:
		return "relayed every datagram";
	case -1:
		return "still waiting at the deadline";
	case TT_CL_SETUP:
		return "its select, poll or epoll_wait failed";
	case TT_CL_READY:
		return "woke with an error or without readable";
	}
	snprintf(msg, sizeof(msg), "read() or write() failed: %s",
		 tt_errname(st));
	return msg;
}

/* Start the program on d, and see it still running (not ended by an
 * error) after ms. */
static pid_t tt_cl_start(struct tt_client *c, int ms)
{
	int st = -3;
	pid_t pid;

	pid = tt_child_start_ready(tt_cl_loop, c, TT_CL_WAIT, &st);
	ck_assert_msg(pid > 0, "%s never started: %s", tt_cl_how_name[c->how],
		      tt_cl_status(st));
	st = tt_child_asleep(pid, ms);
	ck_assert_msg(st == -1, "%s ended before any traffic: %s",
		      tt_cl_how_name[c->how], tt_cl_status(st));
	return pid;
}

/* The host's socket the program's answers come to (tt_race_socket but
 * for SO_BROADCAST and IP_RECVERR, which the simulator lacks). */
static int tt_cl_socket(const struct tt_dev *d)
{
	struct in_addr local;
	int s;

	tt_addr4(d, 1, &local);
	s = tt_udp4_socket(&local, TT_RACE_PORT);
	ck_assert_msg(s >= 0, "UDP socket on %s: %s", d->name,
		      tt_errname(errno));
	return s;
}

/* The stack sends datagram seq to the program, which must answer it on
 * s: one exchange, both ways, asserted. */
static void tt_cl_exchange(struct tt_dev *d, int s, uint32_t seq)
{
	uint8_t payload[TT_CL_LEN], got[TT_CL_LEN + 1];
	struct sockaddr_in to;
	uint32_t be = htonl(seq);
	ssize_t r;

	memset(payload, 0x3c, sizeof(payload));
	memcpy(payload, &be, sizeof(be));
	/* to the peer, host 2 (its neighbour entry made by the setup) */
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	to.sin_port = htons(TT_RACE_PEER);
	tt_addr4(d, 2, &to.sin_addr);
	ck_assert_msg(sendto(s, payload, sizeof(payload), 0,
			     (struct sockaddr *)&to, sizeof(to)) ==
		      (ssize_t)sizeof(payload), "send %u: %s", seq,
		      tt_errname(errno));
	ck_assert_msg(tt_wait_readable(s, TT_CL_WAIT), "no answer to %u", seq);
	r = recv(s, got, sizeof(got), 0);
	ck_assert_msg(r == (ssize_t)sizeof(payload) &&
		      memcmp(got, payload, sizeof(payload)) == 0,
		      "the answer to %u is not its datagram (%zd bytes: %s)",
		      seq, r, r < 0 ? tt_errname(errno) : "other bytes");
}

/* The program's end: it relayed everything and saw no error. */
static void tt_cl_reap(pid_t pid, enum tt_cl_how how)
{
	int st = tt_child_wait(pid, TT_CL_WAIT);

	ck_assert_msg(st == 0, "%s: %s", tt_cl_how_name[how],
		      tt_cl_status(st));
}

/*
 * Open, start the program, bring the unit up from outside after a
 * delay, exchange three datagrams.  _i: tun, tap.
 */
static void tt_cl_before_up(int kind, enum tt_cl_how how)
{
	struct tt_dev d;
	struct tt_client c = { &d, how, 3 };
	pid_t pid;
	int s;

	ck_assert_msg(tt_dev_open(&d, kind, 0, 0) == 0, "open %s: %s",
		      tt_dev_path(kind, 0), tt_errname(errno));
	pid = tt_cl_start(&c, TT_CL_DELAY);
	tt_stack_config(&d);
	s = tt_cl_socket(&d);
	tt_cl_exchange(&d, s, 1);
	tt_cl_exchange(&d, s, 2);
	tt_cl_exchange(&d, s, 3);
	tt_cl_reap(pid, how);
	close(s);
	tt_dev_close(&d);
}

#define TT_CL_TEST(name, how)                                               \
	START_TEST(name)                                                    \
	{                                                                   \
		tt_cl_before_up(_i, (how));                                 \
	}                                                                   \
	END_TEST

TT_CL_TEST(test_clients_select_loop_started_before_up, TT_CL_SELECT)
TT_CL_TEST(test_clients_poll_loop_started_before_up, TT_CL_POLL)
TT_CL_TEST(test_clients_epoll_loop_started_before_up, TT_CL_EPOLL)

/*
 * `ifconfig tun0 down; ifconfig tun0 mtu 1400 <address>; up` under a
 * reader blocked in read() and a poll() loop asleep on the same
 * descriptor: neither sees an error, and traffic flows to both after
 * the up.  The address changes twice while down (away and back), as a
 * reconfiguration rewrites it.
 */
START_TEST(test_clients_reconfigured_under_reader_and_poller)
{
	struct tt_dev d;
	struct tt_client rd = { &d, TT_CL_READ, 1 }, pl = { &d, TT_CL_POLL, 1 };
	struct in_addr local, other, peer;
	pid_t prd, ppl;
	int s;

	tt_stack_setup(&d, _i, 0);
	s = tt_cl_socket(&d);
	/* each given time to get to sleep: a read() still to be called
	 * when the unit goes down would rightly fail with EIO */
	prd = tt_cl_start(&rd, TT_CL_DELAY);
	ppl = tt_cl_start(&pl, TT_CL_DELAY);
	ck_assert_int_eq(tt_if_set_up(d.name, 0), 0);
	ck_assert_msg(tt_child_asleep(prd, TT_CL_DELAY) == -1 &&
		      tt_child_asleep(ppl, 0) == -1, "the down ended a program");
	ck_assert_int_eq(tt_if_set_mtu(d.name, 1400), 0);
	tt_addr4(&d, 1, &local);
	tt_addr4(&d, 9, &other);
	tt_addr4(&d, 2, &peer);
	ck_assert_int_eq(tt_if_add_addr4(d.name, &other,
					 _i == TT_DEV_TUN ? &peer : NULL,
					 _i == TT_DEV_TUN ? 32 : 24), 0);
	ck_assert_int_eq(tt_if_add_addr4(d.name, &local,
					 _i == TT_DEV_TUN ? &peer : NULL,
					 _i == TT_DEV_TUN ? 32 : 24), 0);
	ck_assert_int_eq(tt_if_set_up(d.name, 1), 0);
	if (_i == TT_DEV_TAP)
		tt_stack_add_neigh(&d);
	ck_assert_int_eq(tt_if_mtu(d.name), 1400);
	ck_assert_msg(tt_child_asleep(prd, TT_CL_DELAY) == -1 &&
		      tt_child_asleep(ppl, 0) == -1,
		      "the reconfiguration or the up ended a program");
	/* whichever of the two takes the first, the other the second */
	tt_cl_exchange(&d, s, 1);
	tt_cl_exchange(&d, s, 2);
	tt_cl_reap(prd, TT_CL_READ);
	tt_cl_reap(ppl, TT_CL_POLL);
	close(s);
	tt_dev_close(&d);
}
END_TEST

/*
 * A restart: the program closes the unit and opens it again at once
 * (vtund does when its peer reconnects), starts its loop on the new
 * descriptor before the unit is up, and traffic flows again.
 */
START_TEST(test_clients_close_and_reopen_by_same_program)
{
	struct tt_dev d;
	struct tt_client c = { &d, TT_CL_SELECT, 1 };
	pid_t pid;
	int s, round;

	for (round = 0; round < 3; round++) {
		ck_assert_msg(tt_dev_open(&d, _i, 0, 0) == 0,
			      "open %d of %s: %s", round + 1,
			      tt_dev_path(_i, 0), tt_errname(errno));
		pid = tt_cl_start(&c, round == 0 ? TT_CL_DELAY : 0);
		tt_stack_config(&d);
		s = tt_cl_socket(&d);
		tt_cl_exchange(&d, s, (uint32_t)round);
		tt_cl_reap(pid, TT_CL_SELECT);
		close(s);
		tt_dev_close(&d);
	}
}
END_TEST

Suite *make_clients_suite(void)
{
	Suite *s = suite_create("clients");
	TCase *tc = tcase_create("clients");

	tcase_add_loop_test(tc, test_clients_select_loop_started_before_up, 0,
			    2);
	tcase_add_loop_test(tc, test_clients_poll_loop_started_before_up, 0,
			    2);
	tcase_add_loop_test(tc, test_clients_epoll_loop_started_before_up, 0,
			    2);
	tcase_add_loop_test(tc,
			    test_clients_reconfigured_under_reader_and_poller,
			    0, 2);
	tcase_add_loop_test(tc, test_clients_close_and_reopen_by_same_program,
			    0, 2);
	suite_add_tcase(s, tc);
	return s;
}
