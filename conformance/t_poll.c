// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_poll.c: readiness.  select(), poll() and epoll say readable exactly
 * while a packet is queued and writable while the interface is up; while
 * it is down they report nothing, no error either, and a sleeper sleeps
 * through a down until the first packet after the next up: programs
 * open the unit and enter their loop before it is brought up.  Each
 * mechanism is checked by the same body, in a test of its own
 * (test_select_*, test_poll_*, test_epoll_*), and the wake-ups many
 * times over, since a lost wake-up is a race that rarely shows.
 * Contract section "poll".
 */
#include "tt_test.h"

#include <poll.h>
#ifdef __linux__	/* epoll: Linux only (a Mac build has no epoll test) */
#include <sys/epoll.h>
#endif
#include <sys/select.h>
#include <unistd.h>

#define TT_PORT		40501	/* the datagrams the stack sends */
#define TT_WAIT_MS	3000	/* the VM is emulated: be generous */
#define TT_ROUNDS	20	/* wake-ups per mechanism and event */

/* What a mechanism reports, whichever it is. */
#define TT_RD		0x1
#define TT_WR		0x2
#define TT_ERR		0x4

enum tt_mech { TT_SELECT, TT_POLL, TT_EPOLL, TT_NMECH };

static const char *const tt_mech_name[TT_NMECH] = { "select", "poll",
						    "epoll" };

static uint8_t tt_buf[TT_PKT_MAX];

/* The stack sends one small UDP datagram to the peer (host 2). */
static int tt_send(const struct tt_dev *d)
{
	return tt_stack_send(d, TT_PORT, "ping", 4);
}

/*
 * Ask mechanism m about fd, waiting up to ms (-1: for ever) for what
 * want names (TT_RD, TT_WR): what it reports, as TT_* bits, 0 when it
 * timed out, -1 when the call failed.  An epoll instance is made for
 * the one question, level-triggered.
 */
static int tt_ready(enum tt_mech m, int fd, int want, int ms)
{
#ifdef __linux__
	struct epoll_event ev = { 0 };
	int ep;
#endif
	struct timeval tv, *tvp = NULL;
	struct pollfd p = { .fd = fd };
	fd_set rd, wr;
	int r, got = 0;

	switch (m) {
	case TT_SELECT:
		FD_ZERO(&rd);
		FD_ZERO(&wr);
		if (want & TT_RD)
			FD_SET(fd, &rd);
		if (want & TT_WR)
			FD_SET(fd, &wr);
		if (ms >= 0) {
			tv.tv_sec = ms / 1000;
			tv.tv_usec = (ms % 1000) * 1000;
			tvp = &tv;
		}
		r = select(fd + 1, &rd, &wr, NULL, tvp);
		if (r < 0)
			return -1;
		if (FD_ISSET(fd, &rd))
			got |= TT_RD;
		if (FD_ISSET(fd, &wr))
			got |= TT_WR;
		return got;
	case TT_POLL:
		p.events = (short)((want & TT_RD ? POLLIN : 0) |
				   (want & TT_WR ? POLLOUT : 0));
		r = poll(&p, 1, ms);
		if (r < 0)
			return -1;
		got = r == 0 ? 0 : p.revents;
		break;
#ifdef __linux__
	case TT_EPOLL:
		ep = epoll_create1(EPOLL_CLOEXEC);
		if (ep < 0)
			return -1;
		ev.events = (want & TT_RD ? EPOLLIN : 0) |
			    (want & TT_WR ? EPOLLOUT : 0);
		if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
			close(ep);
			return -1;
		}
		memset(&ev, 0, sizeof(ev));
		r = epoll_wait(ep, &ev, 1, ms);
		close(ep);
		if (r < 0)
			return -1;
		got = r == 0 ? 0 : (int)ev.events;
		break;
#endif
	default:
		errno = ENOSYS;
		return -1;
	}
	/* POLLIN == EPOLLIN, POLLOUT == EPOLLOUT, POLLERR == EPOLLERR */
	return (got & POLLIN ? TT_RD : 0) | (got & POLLOUT ? TT_WR : 0) |
	       (got & POLLERR ? TT_ERR : 0);
}

#define TT_ASSERT_READY(m, fd, want, ms, cond, what)                        \
	do {                                                                \
		int tt_g_ = tt_ready((m), (fd), (want), (ms));              \
		ck_assert_msg(tt_g_ >= 0 && (cond), "%s: %s (reported 0x%x)", \
			      tt_mech_name[m], (what), tt_g_);              \
	} while (0)

/*
 * Each check below is one body taking the mechanism, and each mechanism
 * is a test of its own (test_select_*, test_poll_*, test_epoll_*), so
 * that a target where one mechanism legitimately differs (a Mac: no
 * epoll, and poll without POLLERR while down) still shows the others
 * passing.
 */
#define TT_MECH_TEST(name, check, m)                                        \
	START_TEST(name)                                                    \
	{                                                                   \
		check(_i, (m));                                             \
	}                                                                   \
	END_TEST

/* Readable exactly while a packet is queued: not while the queue is
 * empty, yes as soon as a packet is queued, and no longer once it has
 * been read. */
static void tt_poll_check_readable(int variant, enum tt_mech m)
{
	struct tt_dev d;

	tt_stack_setup(&d, variant, 0);
	TT_ASSERT_READY(m, d.fd, TT_RD, 0, !(tt_g_ & TT_RD),
			"readable with an empty queue");
	ck_assert_int_eq(tt_send(&d), 0);
	TT_ASSERT_READY(m, d.fd, TT_RD, TT_WAIT_MS, tt_g_ & TT_RD,
			"not readable with a packet queued");
	/* level-triggered: still readable until it is read */
	TT_ASSERT_READY(m, d.fd, TT_RD, 0, tt_g_ & TT_RD,
			"not readable a second time");
	ck_assert_int_gt(tt_xio_read(d.fd, tt_buf, sizeof(tt_buf)), 0);
	TT_ASSERT_READY(m, d.fd, TT_RD, 0, !(tt_g_ & TT_RD),
			"readable after the packet was read");
	tt_dev_close(&d);
}

TT_MECH_TEST(test_select_readable_while_packet_queued,
	     tt_poll_check_readable, TT_SELECT)
TT_MECH_TEST(test_poll_readable_while_packet_queued,
	     tt_poll_check_readable, TT_POLL)
#ifdef __linux__
TT_MECH_TEST(test_epoll_readable_while_packet_queued,
	     tt_poll_check_readable, TT_EPOLL)
#endif

/* Writable while the interface is up, with the queue empty or not, and
 * no error reported. */
static void tt_poll_check_writable(int variant, enum tt_mech m)
{
	struct tt_dev d;

	tt_stack_setup(&d, variant, 0);
	TT_ASSERT_READY(m, d.fd, TT_RD | TT_WR, 0, tt_g_ == TT_WR,
			"up and empty: not just writable");
	ck_assert_int_eq(tt_send(&d), 0);
	ck_assert(tt_wait_readable(d.fd, TT_WAIT_MS));
	TT_ASSERT_READY(m, d.fd, TT_RD | TT_WR, 0, tt_g_ == (TT_RD | TT_WR),
			"up with a packet: not readable and writable");
	tt_dev_close(&d);
}

TT_MECH_TEST(test_select_writable_while_up, tt_poll_check_writable,
	     TT_SELECT)
TT_MECH_TEST(test_poll_writable_while_up, tt_poll_check_writable, TT_POLL)
#ifdef __linux__
TT_MECH_TEST(test_epoll_writable_while_up, tt_poll_check_writable, TT_EPOLL)
#endif

/* While down (before the first up, and after going down with a packet
 * queued), none of them reports anything: not readable, not writable,
 * and no error, even to a caller that asked for neither; up, writable
 * again. */
static void tt_poll_check_down(int variant, enum tt_mech m)
{
	struct tt_dev d;
	int round;

	tt_dev_setup(&d, variant, 0, TT_SETUP_V4);
	for (round = 0; round < 2; round++) {
		TT_ASSERT_READY(m, d.fd, TT_RD | TT_WR, 0, tt_g_ == 0,
				"down: reported something");
		if (m != TT_SELECT)
			TT_ASSERT_READY(m, d.fd, 0, 0, tt_g_ == 0,
					"down: reported an unasked event");
		ck_assert_int_eq(tt_if_set_up(d.name, 1), 0);
		TT_ASSERT_READY(m, d.fd, TT_RD | TT_WR, 0, tt_g_ == TT_WR,
				"up again: error or readable, or not writable");
		if (variant == TT_DEV_TAP)
			tt_stack_add_neigh(&d);
		ck_assert_int_eq(tt_send(&d), 0);
		ck_assert(tt_wait_readable(d.fd, TT_WAIT_MS));
		ck_assert_int_eq(tt_if_set_up(d.name, 0), 0);
	}
	tt_dev_close(&d);
}

TT_MECH_TEST(test_select_down_reports_nothing, tt_poll_check_down, TT_SELECT)
TT_MECH_TEST(test_poll_down_reports_nothing, tt_poll_check_down, TT_POLL)
#ifdef __linux__
TT_MECH_TEST(test_epoll_down_reports_nothing, tt_poll_check_down, TT_EPOLL)
#endif

/* A sleeper in a child (tt_child_start_ready): it waits for ever
 * (the parent's deadline ends it) for readable, and reads the packet. */
struct tt_sleeper {
	struct tt_dev *d;
	enum tt_mech m;
};

/* Exit statuses of a sleeper */
#define TT_SL_OK	0
#define TT_SL_SETUP	1	/* could not start */
#define TT_SL_WOKE	2	/* woke without readable */
#define TT_SL_READ	3	/* woke readable, but read() failed */

static int tt_child_sleep(void *arg)
{
	struct tt_sleeper *s = arg;
	int got;

	got = tt_ready(s->m, s->d->fd, TT_RD, -1);
	if (got < 0)
		return TT_SL_SETUP;
	if (got != TT_RD)
		return TT_SL_WOKE;
	return tt_xio_read(s->d->fd, tt_buf, sizeof(tt_buf)) > 0 ? TT_SL_OK :
							     TT_SL_READ;
}

static const char *tt_sleeper_status(int st)
{
	switch (st) {
	case -1:
		return "never woke (killed at the deadline)";
	case TT_SL_OK:
		return "woke as it should";
	case TT_SL_SETUP:
	case TT_CHILD_SETUP:
		return "could not start";
	case TT_SL_WOKE:
		return "woke without readable, or with an error";
	case TT_SL_READ:
		return "woke readable but read() failed";
	}
	return "unknown status";
}

/*
 * One round: start a sleeper, wait until it is about to call the
 * mechanism, give it a little time to get in there (a few ms, varied
 * with the round so that some events come before it sleeps and some
 * after: nothing can tell us when it is asleep), then send the packet
 * that must wake it.  With down set, the interface goes down first: the
 * sleeper must still be asleep 100 ms later, and the packet comes after
 * the interface is up again.
 */
static void tt_sleeper_round(struct tt_dev *d, enum tt_mech m, int down,
			     int round)
{
	struct tt_sleeper s = { .d = d, .m = m };
	int st = -3, ev = 0;
	pid_t pid;

	pid = tt_child_start_ready(tt_child_sleep, &s, TT_WAIT_MS, &st);
	if (pid < 0)
		ck_abort_msg("%s sleeper never started: %s", tt_mech_name[m],
			     tt_sleeper_status(st));
	tt_msleep(1 + (round % 4) * 10);
	if (down) {
		ev = tt_if_set_up(d->name, 0);
		st = tt_child_asleep(pid, 100);
		if (ev == 0)
			ev = tt_if_set_up(d->name, 1);
		if (d->kind == TT_DEV_TAP)
			tt_stack_add_neigh(d);
		ck_assert_msg(st == -1, "%s sleeper, round %d: the down woke "
			      "it: %s", tt_mech_name[m], round,
			      tt_sleeper_status(st));
	}
	if (ev == 0)
		ev = tt_send(d);
	st = tt_child_wait(pid, TT_WAIT_MS);
	ck_assert_msg(ev == 0, "making the event: %s", tt_errname(errno));
	ck_assert_msg(st == TT_SL_OK, "%s sleeper, round %d, %s: %s",
		      tt_mech_name[m], round,
		      down ? "packet after down and up" : "packet",
		      tt_sleeper_status(st));
}

/* A sleeper in the mechanism on an empty queue wakes when a packet
 * arrives, and reads it; every time. */
static void tt_poll_check_sleeper_packet(int variant, enum tt_mech m)
{
	struct tt_dev d;
	int round;

	tt_stack_setup(&d, variant, 0);
	for (round = 0; round < TT_ROUNDS; round++)
		tt_sleeper_round(&d, m, 0, round);
	TT_ASSERT_READY(m, d.fd, TT_RD, 0, !(tt_g_ & TT_RD),
			"a packet left over");
	tt_dev_close(&d);
}

TT_MECH_TEST(test_select_sleeper_wakes_on_packet,
	     tt_poll_check_sleeper_packet, TT_SELECT)
TT_MECH_TEST(test_poll_sleeper_wakes_on_packet,
	     tt_poll_check_sleeper_packet, TT_POLL)
#ifdef __linux__
TT_MECH_TEST(test_epoll_sleeper_wakes_on_packet,
	     tt_poll_check_sleeper_packet, TT_EPOLL)
#endif

/* A sleeper in the mechanism on an empty queue sleeps on when the
 * interface goes down, and wakes for the first packet after it is up
 * again; every time. */
static void tt_poll_check_sleeper_down(int variant, enum tt_mech m)
{
	struct tt_dev d;
	int round;

	tt_stack_setup(&d, variant, 0);
	for (round = 0; round < TT_ROUNDS / 4; round++)
		tt_sleeper_round(&d, m, 1, round);
	tt_dev_close(&d);
}

TT_MECH_TEST(test_select_sleeper_sleeps_through_down,
	     tt_poll_check_sleeper_down, TT_SELECT)
TT_MECH_TEST(test_poll_sleeper_sleeps_through_down,
	     tt_poll_check_sleeper_down, TT_POLL)
#ifdef __linux__
TT_MECH_TEST(test_epoll_sleeper_sleeps_through_down,
	     tt_poll_check_sleeper_down, TT_EPOLL)
#endif

#ifdef __linux__
/* epoll, edge-triggered: each packet that arrives is a new event, also
 * when an earlier one is still queued unread. */
START_TEST(test_epoll_edge_triggered_event_per_packet)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET };
	struct tt_dev d;
	int ep, i;

	tt_stack_setup(&d, _i, 0);
	ep = epoll_create1(EPOLL_CLOEXEC);
	ck_assert_int_ge(ep, 0);
	TT_ASSERT_OK(epoll_ctl(ep, EPOLL_CTL_ADD, d.fd, &ev));
	ck_assert_int_eq(epoll_wait(ep, &ev, 1, 0), 0);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(tt_send(&d), 0);
		memset(&ev, 0, sizeof(ev));
		ck_assert_msg(epoll_wait(ep, &ev, 1, TT_WAIT_MS) == 1 &&
			      (ev.events & EPOLLIN),
			      "no edge for packet %d (%d queued)", i + 1, i + 1);
	}
	ck_assert_int_eq(tt_dev_drain(&d), 3);
	close(ep);
	tt_dev_close(&d);
}
END_TEST
#endif

Suite *make_poll_suite(void)
{
	Suite *s = suite_create("poll");
	TCase *tc = tt_tcase_create("poll");

	tt_test_add_variants(tc, test_select_readable_while_packet_queued,
			     "tun", "tap");
	tt_test_add_variants(tc, test_poll_readable_while_packet_queued,
			     "tun", "tap");
#ifdef __linux__
	tt_test_add_variants(tc, test_epoll_readable_while_packet_queued,
			     "tun", "tap");
#endif
	tt_test_add_variants(tc, test_select_writable_while_up, "tun", "tap");
	tt_test_add_variants(tc, test_poll_writable_while_up, "tun", "tap");
#ifdef __linux__
	tt_test_add_variants(tc, test_epoll_writable_while_up, "tun", "tap");
#endif
	tt_test_add_variants(tc, test_select_down_reports_nothing,
			     "tun", "tap");
	tt_test_add_variants(tc, test_poll_down_reports_nothing, "tun", "tap");
#ifdef __linux__
	tt_test_add_variants(tc, test_epoll_down_reports_nothing, "tun", "tap");
#endif
	tt_test_add_variants(tc, test_select_sleeper_wakes_on_packet,
			     "tun", "tap");
	tt_test_add_variants(tc, test_poll_sleeper_wakes_on_packet,
			     "tun", "tap");
#ifdef __linux__
	tt_test_add_variants(tc, test_epoll_sleeper_wakes_on_packet,
			     "tun", "tap");
#endif
	tt_test_add_variants(tc, test_select_sleeper_sleeps_through_down,
			     "tun", "tap");
	tt_test_add_variants(tc, test_poll_sleeper_sleeps_through_down,
			     "tun", "tap");
#ifdef __linux__
	tt_test_add_variants(tc, test_epoll_sleeper_sleeps_through_down,
			     "tun", "tap");
	tt_test_add_variants(tc, test_epoll_edge_triggered_event_per_packet,
			     "tun", "tap");
#endif
	suite_add_tcase(s, tc);
	return s;
}
