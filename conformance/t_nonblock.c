/*
 * t_nonblock.c: non-blocking mode.  It comes from O_NONBLOCK at open,
 * from fcntl(F_SETFL) or from FIONBIO, belongs to the open file, and each
 * way can switch it off again.  Non-blocking, a read of an empty queue
 * fails with EAGAIN instead of sleeping; a queued packet is read as
 * always.  Contract sections "nonblock" and "read".
 */
#include "tt_test.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define TT_PORT		40401	/* the datagrams the stack sends */
#define TT_WAIT_MS	3000	/* the VM is emulated: be generous */
#define TT_UDP4_HDRS	(20 + 8)

/* A child's exit status besides 0 and errno values: */
#define TT_CHILD_OK	0
#define TT_CHILD_BADPKT	200	/* read returned something else */
#define TT_CHILD_SETUP	201	/* the child could not start its work */

static uint8_t tt_buf[TT_PKT_MAX];

static const char *tt_child_status(int st)
{
	if (st == -1)
		return "still blocked at the deadline";
	if (st < 0)
		return "killed by a signal";
	if (st == TT_CHILD_OK)
		return "success";
	if (st == TT_CHILD_BADPKT)
		return "not the expected packet";
	if (st == TT_CHILD_SETUP)
		return "child setup failed";
	return tt_errname(st);
}

#define TT_ASSERT_CHILD(st, want)                                           \
	ck_assert_msg((st) == (want), "child: %s, expected %s",             \
		      tt_child_status(st), #want)

/* tap: a permanent ARP entry for neighbour 2, so that the stack sends to
 * it at once and nothing but the test's datagrams enters the queue. */
static void tt_neigh_add(const struct tt_dev *d)
{
	struct sockaddr_in *sin;
	struct arpreq r;
	int s;

	memset(&r, 0, sizeof(r));
	sin = (struct sockaddr_in *)&r.arp_pa;
	sin->sin_family = AF_INET;
	tt_addr4(d, 2, &sin->sin_addr);
	r.arp_ha.sa_family = ARPHRD_ETHER;
	tt_peer_mac(2, (uint8_t *)r.arp_ha.sa_data);
	r.arp_flags = ATF_COM | ATF_PERM;
	snprintf(r.arp_dev, sizeof(r.arp_dev), "%s", d->name);
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(s, 0);
	ck_assert_msg(ioctl(s, SIOCSARP, &r) == 0, "SIOCSARP: %s",
		      tt_errname(errno));
	close(s);
}

/*
 * Open unit with oflags and configure it as tt_dev_setup does for
 * TT_SETUP_V4 | TT_SETUP_UP (IPv6 off: the stack sends nothing by
 * itself), plus a neighbour to send to on tap.
 */
static void tt_setup(struct tt_dev *d, int kind, int unit, int oflags)
{
	struct in_addr local, peer;
	char path[128];

	ck_assert_msg(tt_dev_open(d, kind, unit, oflags) == 0, "open %s: %s",
		      tt_dev_path(kind, unit), tt_errname(errno));
	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/disable_ipv6",
		 d->name);
	ck_assert_int_eq(tt_sysctl_set(path, "1"), 0);
	tt_addr4(d, 1, &local);
	tt_addr4(d, 2, &peer);
	ck_assert_int_eq(tt_if_add_addr4(d->name, &local,
					 kind == TT_DEV_TUN ? &peer : NULL,
					 kind == TT_DEV_TUN ? 32 : 24), 0);
	ck_assert_int_eq(tt_if_set_up(d->name, 1), 0);
	if (kind == TT_DEV_TAP)
		tt_neigh_add(d);
}

/* The stack sends one UDP datagram of n bytes to the peer (host 2). */
static int tt_stack_send(const struct tt_dev *d, size_t n)
{
	struct sockaddr_in to = { .sin_family = AF_INET,
				  .sin_port = htons(TT_PORT) };
	ssize_t r;
	int s;

	memset(tt_buf, 'p', n);
	tt_addr4(d, 2, &to.sin_addr);
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -1;
	r = sendto(s, tt_buf, n, 0, (struct sockaddr *)&to, sizeof(to));
	close(s);
	return r == (ssize_t)n ? 0 : -1;
}

/* The length read() returns for that datagram. */
static size_t tt_wire_len(const struct tt_dev *d, size_t n)
{
	return (d->kind == TT_DEV_TAP ? TT_ETH_LEN : 0) + TT_UDP4_HDRS + n;
}

/* Read once in a child: errno, or TT_CHILD_BADPKT if read() returned. */
static int tt_child_read_once(void *arg)
{
	struct tt_dev *d = arg;

	if (read(d->fd, tt_buf, sizeof(tt_buf)) < 0)
		return errno;
	return TT_CHILD_BADPKT;
}

/* read() on the empty queue fails with e (EAGAIN, EIO), without
 * sleeping: the child that tries it must be back within the deadline. */
#define TT_ASSERT_READ_FAILS(d, e)                                          \
	do {                                                                \
		int tt_st_ = tt_child_run(tt_child_read_once, (d),          \
					  TT_WAIT_MS);                      \
		ck_assert_msg(tt_st_ == (e), "read: %s, expected %s",        \
			      tt_child_status(tt_st_), #e);                 \
	} while (0)

struct tt_reader {
	struct tt_dev *d;
	int ready[2];		/* the child writes one byte before read() */
	size_t n;		/* the payload of the datagram it expects */
};

static int tt_child_read(void *arg)
{
	struct tt_reader *r = arg;
	ssize_t n;

	close(r->ready[0]);
	if (write(r->ready[1], "r", 1) != 1)
		return TT_CHILD_SETUP;
	n = read(r->d->fd, tt_buf, sizeof(tt_buf));
	if (n < 0)
		return errno;
	return n == (ssize_t)tt_wire_len(r->d, r->n) ? TT_CHILD_OK :
						       TT_CHILD_BADPKT;
}

/*
 * read() on the empty queue blocks: a child that calls it is still in
 * there 200 ms later (nothing can tell us it is asleep, only that it has
 * not returned), and returns the packet that the stack then sends.
 */
static void tt_assert_read_blocks(struct tt_dev *d)
{
	struct tt_reader r = { .d = d, .n = 48 };
	int st, status, sent;
	pid_t pid;
	char c;

	ck_assert_int_eq(pipe(r.ready), 0);
	pid = tt_child_start(tt_child_read, &r);
	ck_assert_int_gt(pid, 0);
	close(r.ready[1]);
	if (!tt_wait_readable(r.ready[0], TT_WAIT_MS) ||
	    read(r.ready[0], &c, 1) != 1) {
		close(r.ready[0]);
		st = tt_child_wait(pid, 0);
		ck_abort_msg("the reader never started: %s",
			     tt_child_status(st));
	}
	close(r.ready[0]);
	tt_msleep(200);
	if (waitpid(pid, &status, WNOHANG) == pid)
		ck_abort_msg("read on an empty queue returned: %s",
			     tt_child_status(WIFEXITED(status) ?
					     WEXITSTATUS(status) : -2));
	sent = tt_stack_send(d, r.n);
	st = tt_child_wait(pid, TT_WAIT_MS);
	ck_assert_int_eq(sent, 0);
	TT_ASSERT_CHILD(st, TT_CHILD_OK);
}

static void tt_set_fcntl(struct tt_dev *d, int on)
{
	int fl = fcntl(d->fd, F_GETFL);

	ck_assert_int_ge(fl, 0);
	fl = on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK;
	TT_ASSERT_OK(fcntl(d->fd, F_SETFL, fl));
}

static void tt_set_fionbio(struct tt_dev *d, int on)
{
	TT_ASSERT_OK(ioctl(d->fd, FIONBIO, &on));
}

/* O_NONBLOCK at open: a read of the empty queue fails with EAGAIN; a
 * queued packet is read whole; fcntl() can switch the mode off again, and
 * then read blocks. */
START_TEST(test_nonblock_o_nonblock_at_open)
{
	struct tt_dev d;

	tt_setup(&d, _i, 0, O_NONBLOCK);
	TT_ASSERT_READ_FAILS(&d, EAGAIN);
	ck_assert_int_eq(tt_stack_send(&d, 10), 0);
	ck_assert(tt_wait_readable(d.fd, TT_WAIT_MS));
	ck_assert_int_eq(read(d.fd, tt_buf, sizeof(tt_buf)),
			 tt_wire_len(&d, 10));
	TT_ASSERT_READ_FAILS(&d, EAGAIN);
	tt_set_fcntl(&d, 0);
	tt_assert_read_blocks(&d);
	tt_dev_close(&d);
}
END_TEST

/* O_NONBLOCK at open can also be switched off with FIONBIO. */
START_TEST(test_nonblock_o_nonblock_off_by_fionbio)
{
	struct tt_dev d;

	tt_setup(&d, _i, 0, O_NONBLOCK);
	TT_ASSERT_READ_FAILS(&d, EAGAIN);
	tt_set_fionbio(&d, 0);
	tt_assert_read_blocks(&d);
	tt_dev_close(&d);
}
END_TEST

/* fcntl(F_SETFL, O_NONBLOCK) makes a read of the empty queue fail with
 * EAGAIN; clearing the flag makes read block again; and again. */
START_TEST(test_nonblock_fcntl_switches_on_and_off)
{
	struct tt_dev d;
	int round;

	tt_setup(&d, _i, 0, 0);
	for (round = 0; round < 2; round++) {
		tt_set_fcntl(&d, 1);
		TT_ASSERT_READ_FAILS(&d, EAGAIN);
		tt_set_fcntl(&d, 0);
		tt_assert_read_blocks(&d);
	}
	tt_dev_close(&d);
}
END_TEST

/* FIONBIO on makes a read of the empty queue fail with EAGAIN; FIONBIO
 * off makes read block again; and again. */
START_TEST(test_nonblock_fionbio_switches_on_and_off)
{
	struct tt_dev d;
	int round;

	tt_setup(&d, _i, 0, 0);
	for (round = 0; round < 2; round++) {
		tt_set_fionbio(&d, 1);
		TT_ASSERT_READ_FAILS(&d, EAGAIN);
		tt_set_fionbio(&d, 0);
		tt_assert_read_blocks(&d);
	}
	tt_dev_close(&d);
}
END_TEST

/* In non-blocking mode queued packets are read as always: whole, one
 * per read, in order; then EAGAIN.  Writes work as always. */
START_TEST(test_nonblock_queued_packets_read_normally)
{
	static const size_t sizes[] = { 30, 900 };
	struct in_addr a, b;
	struct tt_dev d;
	uint8_t pkt[128];
	size_t i, n;

	tt_setup(&d, _i, 0, 0);
	tt_set_fionbio(&d, 1);
	for (i = 0; i < 2; i++)
		ck_assert_int_eq(tt_stack_send(&d, sizes[i]), 0);
	for (i = 0; i < 2; i++) {
		ck_assert(tt_wait_readable(d.fd, TT_WAIT_MS));
		ck_assert_int_eq(read(d.fd, tt_buf, sizeof(tt_buf)),
				 tt_wire_len(&d, sizes[i]));
	}
	TT_ASSERT_READ_FAILS(&d, EAGAIN);
	if (_i == TT_DEV_TUN) {
		tt_addr4(&d, 2, &a);
		tt_addr4(&d, 1, &b);
		n = tt_pkt_udp4(pkt, &a, &b, 9, 9, "w", 1);
		ck_assert_int_eq(write(d.fd, pkt, n), (ssize_t)n);
	}
	tt_dev_close(&d);
}
END_TEST

/* Non-blocking mode does not hide a down interface: read fails with
 * EIO, not EAGAIN. */
START_TEST(test_nonblock_down_still_eio)
{
	struct tt_dev d;

	tt_setup(&d, _i, 0, O_NONBLOCK);
	ck_assert_int_eq(tt_if_set_up(d.name, 0), 0);
	TT_ASSERT_READ_FAILS(&d, EIO);
	tt_dev_close(&d);
}
END_TEST

/* The mode belongs to the open file, not to the driver or the unit: one
 * unit non-blocking leaves another blocking, and after a close the unit
 * opens blocking again. */
START_TEST(test_nonblock_mode_is_per_open_file)
{
	struct tt_dev d0, d1;

	tt_setup(&d0, _i, 0, O_NONBLOCK);
	tt_setup(&d1, _i, 1, 0);
	TT_ASSERT_READ_FAILS(&d0, EAGAIN);
	tt_assert_read_blocks(&d1);
	tt_set_fionbio(&d1, 1);
	TT_ASSERT_READ_FAILS(&d1, EAGAIN);
	tt_set_fionbio(&d0, 0);
	tt_assert_read_blocks(&d0);
	tt_dev_close(&d0);
	tt_dev_close(&d1);

	tt_setup(&d0, _i, 0, 0);
	tt_assert_read_blocks(&d0);
	tt_dev_close(&d0);
}
END_TEST

Suite *make_nonblock_suite(void)
{
	Suite *s = suite_create("nonblock");
	TCase *tc = tcase_create("nonblock");

	tcase_add_loop_test(tc, test_nonblock_o_nonblock_at_open, 0, 2);
	tcase_add_loop_test(tc, test_nonblock_o_nonblock_off_by_fionbio, 0, 2);
	tcase_add_loop_test(tc, test_nonblock_fcntl_switches_on_and_off, 0, 2);
	tcase_add_loop_test(tc, test_nonblock_fionbio_switches_on_and_off,
			    0, 2);
	tcase_add_loop_test(tc, test_nonblock_queued_packets_read_normally,
			    0, 2);
	tcase_add_loop_test(tc, test_nonblock_down_still_eio, 0, 2);
	tcase_add_loop_test(tc, test_nonblock_mode_is_per_open_file, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}
