// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_nonblock.c: non-blocking mode.  It comes from O_NONBLOCK at open,
 * from fcntl(F_SETFL) or from FIONBIO, belongs to the open file, and each
 * way can switch it off again.  Non-blocking, a read of an empty queue
 * fails with EAGAIN instead of sleeping; a queued packet is read as
 * always.  Contract sections "nonblock" and "read".
 */
#include "tt_test.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define TT_PORT		40401	/* the datagrams the stack sends */
#define TT_WAIT_MS	3000	/* the VM is emulated: be generous */
#define TT_UDP4_HDRS	(20 + 8)

static uint8_t tt_buf[TT_PKT_MAX];

/* Open unit with oflags, IPv4 only (the stack sends nothing by itself),
 * up, and on tap a neighbour to send to. */
static void tt_setup(struct tt_dev *d, int kind, int unit, int oflags)
{
	ck_assert_msg(tt_dev_open(d, kind, unit, oflags) == 0, "open %s: %s",
		      tt_dev_path(kind, unit), tt_errname(errno));
	tt_stack_config(d);
}

/* The stack sends one UDP datagram of n bytes to the peer (host 2). */
static int tt_send(const struct tt_dev *d, size_t n)
{
	memset(tt_buf, 'p', n);
	return tt_stack_send(d, TT_PORT, tt_buf, n);
}

/* The length read() returns for that datagram. */
static size_t tt_wire_len(const struct tt_dev *d, size_t n)
{
	return (d->kind == TT_DEV_TAP ? TT_ETH_LEN : 0) + TT_UDP4_HDRS + n;
}

/* For a tt_reader: a packet of the length *arg. */
static int tt_match_len(const uint8_t *p, size_t n, const void *arg)
{
	(void)p;
	return n == *(const size_t *)arg;
}

/*
 * read() on the empty queue blocks: a child that calls it is still in
 * there 200 ms later (nothing can tell us it is asleep, only that it has
 * not returned), and returns the packet that the stack then sends.
 */
static void tt_assert_read_blocks(struct tt_dev *d)
{
	size_t len = tt_wire_len(d, 48);
	struct tt_reader r = { d, tt_match_len, &len };
	int st, sent;
	pid_t pid;

	pid = tt_reader_start_blocked(&r, TT_WAIT_MS);
	sent = tt_send(d, 48);
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
	TT_ASSERT_READ_ERRNO(d.fd, EAGAIN, TT_WAIT_MS);
	ck_assert_int_eq(tt_send(&d, 10), 0);
	ck_assert(tt_wait_readable(d.fd, TT_WAIT_MS));
	ck_assert_int_eq(tt_xio_read(d.fd, tt_buf, sizeof(tt_buf)),
			 tt_wire_len(&d, 10));
	TT_ASSERT_READ_ERRNO(d.fd, EAGAIN, TT_WAIT_MS);
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
	TT_ASSERT_READ_ERRNO(d.fd, EAGAIN, TT_WAIT_MS);
	tt_set_fionbio(&d, 0);
	tt_assert_read_blocks(&d);
	tt_dev_close(&d);
}
END_TEST

/* Twice: set(on) makes a read of the empty queue fail with EAGAIN,
 * set(off) makes read block again. */
static void tt_assert_switches(enum tt_dev_kind kind,
			       void (*set)(struct tt_dev *, int))
{
	struct tt_dev d;
	int round;

	tt_setup(&d, kind, 0, 0);
	for (round = 0; round < 2; round++) {
		set(&d, 1);
		TT_ASSERT_READ_ERRNO(d.fd, EAGAIN, TT_WAIT_MS);
		set(&d, 0);
		tt_assert_read_blocks(&d);
	}
	tt_dev_close(&d);
}

/* fcntl(F_SETFL, O_NONBLOCK) makes a read of the empty queue fail with
 * EAGAIN; clearing the flag makes read block again; and again. */
START_TEST(test_nonblock_fcntl_switches_on_and_off)
{
	tt_assert_switches(_i, tt_set_fcntl);
}
END_TEST

/* FIONBIO on makes a read of the empty queue fail with EAGAIN; FIONBIO
 * off makes read block again; and again. */
START_TEST(test_nonblock_fionbio_switches_on_and_off)
{
	tt_assert_switches(_i, tt_set_fionbio);
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
		ck_assert_int_eq(tt_send(&d, sizes[i]), 0);
	for (i = 0; i < 2; i++) {
		ck_assert(tt_wait_readable(d.fd, TT_WAIT_MS));
		ck_assert_int_eq(tt_xio_read(d.fd, tt_buf, sizeof(tt_buf)),
				 tt_wire_len(&d, sizes[i]));
	}
	TT_ASSERT_READ_ERRNO(d.fd, EAGAIN, TT_WAIT_MS);
	if (_i == TT_DEV_TUN) {
		tt_addr4(&d, 2, &a);
		tt_addr4(&d, 1, &b);
		n = tt_pkt_udp4(pkt, &a, &b, 9, 9, "w", 1);
		ck_assert_int_eq(tt_xio_write(d.fd, pkt, n), (ssize_t)n);
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
	TT_ASSERT_READ_ERRNO(d.fd, EIO, TT_WAIT_MS);
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
	TT_ASSERT_READ_ERRNO(d0.fd, EAGAIN, TT_WAIT_MS);
	tt_assert_read_blocks(&d1);
	tt_set_fionbio(&d1, 1);
	TT_ASSERT_READ_ERRNO(d1.fd, EAGAIN, TT_WAIT_MS);
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
	TCase *tc = tt_tcase_create("nonblock");

	tt_test_add_variants(tc, test_nonblock_o_nonblock_at_open,
			     "tun", "tap");
	tt_test_add_variants(tc, test_nonblock_o_nonblock_off_by_fionbio,
			     "tun", "tap");
	tt_test_add_variants(tc, test_nonblock_fcntl_switches_on_and_off,
			     "tun", "tap");
	tt_test_add_variants(tc, test_nonblock_fionbio_switches_on_and_off,
			     "tun", "tap");
	tt_test_add_variants(tc, test_nonblock_queued_packets_read_normally,
			     "tun", "tap");
	tt_test_add_variants(tc, test_nonblock_down_still_eio, "tun", "tap");
	tt_test_add_variants(tc, test_nonblock_mode_is_per_open_file,
			     "tun", "tap");
	suite_add_tcase(s, tc);
	return s;
}
