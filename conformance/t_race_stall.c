// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_race_stall.c: a read or write stalled in its copy, part of the race
 * suite.  A userfaultfd page holds the copy of a read() or write() in the
 * driver while the interface goes down (and up); a read whose copy fails
 * puts its packet back, which must wake a poller or a reader that went to
 * sleep meanwhile.  Kept apart from t_race.c because only these need
 * userfaultfd and its stall machinery.  SPEC.md section 13.
 */
#include "tt_test.h"
#include "tt_fault.h"

#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/*
 * Two pages; the second is a userfaultfd page with nothing in it yet, so
 * a copy that reaches it stalls until the test resolves the fault: with
 * the page (UFFDIO_COPY, the copy goes on) or without it (munmap, the
 * copy fails).  8 bytes at the end of the first page come before it.
 */
struct tt_stall {
	uint8_t *mem, *at;
	long pg;
	int uffd, fd, write;
	size_t len;
	pthread_t t;
	long ret;
	int err;
};

static void *tt_stall_run(void *arg)
{
	struct tt_stall *st = arg;

	st->ret = st->write ? tt_xio_write(st->fd, st->at, st->len) :
			      tt_xio_read(st->fd, st->at, st->len);
	st->err = errno;
	return NULL;
}

/* Start a read or write of len bytes at the 8 last bytes of the first
 * page (which hold head, for a write), and see it stall on the second. */
static void tt_stall_start(struct tt_stall *st, int fd, int write,
			   size_t len, const uint8_t *head)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { .mode = UFFDIO_REGISTER_MODE_MISSING };
	struct uffd_msg msg;

	st->pg = sysconf(_SC_PAGESIZE);
	st->mem = mmap(NULL, 2 * (size_t)st->pg, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert(st->mem != MAP_FAILED);
	st->uffd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	ck_assert_msg(st->uffd >= 0, "userfaultfd: %s", tt_errname(errno));
	TT_ASSERT_OK(ioctl(st->uffd, UFFDIO_API, &api));
	reg.range.start = (uintptr_t)(st->mem + st->pg);
	reg.range.len = (uint64_t)st->pg;
	TT_ASSERT_OK(ioctl(st->uffd, UFFDIO_REGISTER, &reg));
	st->at = st->mem + st->pg - 8;
	if (head)
		memcpy(st->at, head, 8);
	st->fd = fd;
	st->write = write;
	st->len = len;
	ck_assert_int_eq(pthread_create(&st->t, NULL, tt_stall_run, st), 0);
	ck_assert_msg(tt_wait_readable(st->uffd, TT_RACE_WAIT),
		      "the copy never reached the stalling page");
	ck_assert_int_eq(tt_xio_read(st->uffd, &msg, sizeof(msg)),
			 (ssize_t)sizeof(msg));
	ck_assert_int_eq(msg.event, UFFD_EVENT_PAGEFAULT);
}

/* Resolve the fault with page (the copy goes on) or, NULL, by taking
 * the page away (the copy fails); the call's result is in st. */
static void tt_stall_end(struct tt_stall *st, const uint8_t *page)
{
	struct uffdio_copy c = { .dst = (uintptr_t)(st->mem + st->pg),
				 .src = (uintptr_t)page,
				 .len = (uint64_t)st->pg };

	if (page)
		TT_ASSERT_OK(ioctl(st->uffd, UFFDIO_COPY, &c));
	else
		ck_assert_int_eq(munmap(st->mem + st->pg, (size_t)st->pg), 0);
	close(st->uffd);
	ck_assert_msg(tt_thread_join(st->t, TT_RACE_WAIT, NULL) == 0,
		      "the stalled call never returned");
	munmap(st->mem, page ? 2 * (size_t)st->pg : (size_t)st->pg);
}

/*
 * A reader takes a packet off the queue and stalls in copying it out;
 * meanwhile the interface goes down (and, _i 0, up again); then the copy
 * fails.  The packet was queued before the down, so it is dropped and
 * counted like every packet the down found queued: the failed read must
 * not put it back, where it would be read after the down.
 */
START_TEST(test_race_read_fault_across_down)
{
	struct tt_stall st = { 0 };
	long long drop0;
	struct tt_dev d;
	int s, n = -1;

	tt_sum_begin("race", "test_race_read_fault_across_down", _i);
	tt_dev_setup(&d, TT_DEV_TUN, 0, TT_SETUP_V4 | TT_SETUP_UP |
		     TT_SETUP_NOXIO);
	s = tt_race_socket(&d);
	drop0 = tt_if_stat(d.name, "tx_dropped");
	ck_assert(tt_race_send(&d, s, 5, 100));
	ck_assert(tt_wait_readable(d.fd, TT_RACE_WAIT));
	tt_stall_start(&st, d.fd, 0, 2000, NULL);
	/* the packet is the reader's now, not the queue's */
	ck_assert_int_eq(tt_fault_live(), 1);
	ck_assert_int_eq(tt_if_set_up(d.name, 0), 0);
	if (_i == 0)
		ck_assert_int_eq(tt_if_set_up(d.name, 1), 0);
	tt_stall_end(&st, NULL);
	ck_assert_msg(st.ret == -1 && st.err == EFAULT, "read returned %ld "
		      "(%s), expected EFAULT", st.ret, tt_errname(st.err));

	ck_assert_int_eq(tt_if_set_up(d.name, 1), 0);
	ck_assert_int_eq(ioctl(d.fd, FIONREAD, &n), 0);
	ck_assert_msg(n == 0, "a packet from before the down is still "
		      "queued (%d bytes)", n);
	ck_assert_int_eq(tt_fault_live(), 1);
	ck_assert_int_eq(tt_if_stat(d.name, "tx_dropped") - drop0, 1);
	tt_fault_works(&d);
	close(s);
	tt_dev_close(&d);
	tt_sum_end(1, 0, 1, 0);
}
END_TEST

/*
 * A read whose copy fails puts its packet back (15.5), and that is news
 * to whoever looked while the packet was out: a poller, or a second
 * reader, that found the queue empty during the copy went back to sleep,
 * and must be woken by the packet's return as by its first enqueue, or
 * it sleeps on beside a readable descriptor.
 */
static void tt_race_requeue_wakes(enum tt_sleep_how how)
{
	struct tt_stall st = { 0 };
	struct tt_sleeper sl = { 0 };
	struct tt_dev d;
	int s;

	tt_dev_setup(&d, TT_DEV_TUN, 0, TT_SETUP_V4 | TT_SETUP_UP |
		     TT_SETUP_NOXIO);
	s = tt_race_socket(&d);
	ck_assert(tt_race_send(&d, s, 9, 100));
	ck_assert(tt_wait_readable(d.fd, TT_RACE_WAIT));
	tt_stall_start(&st, d.fd, 0, 2000, NULL);
	/* the packet is the stalled reader's: the sleeper finds nothing */
	tt_sleeper_start(&sl, d.fd, how);
	tt_stall_end(&st, NULL);
	ck_assert_msg(st.ret == -1 && st.err == EFAULT, "read returned %ld "
		      "(%s), expected EFAULT", st.ret, tt_errname(st.err));
	tt_sleeper_join(&sl);
	if (how == TT_SLEEP_POLL) {
		ck_assert_msg(sl.ret == 1 && (sl.revents & POLLIN),
			      "poll returned %ld, revents %#x", sl.ret,
			      sl.revents);
		ck_assert_int_eq(tt_dev_drain(&d), 1);
	} else {
		ck_assert_msg(sl.ret > 0, "read: %s", tt_errname(sl.err));
		ck_assert_int_eq(tt_race_seq(&d, sl.buf, (size_t)sl.ret, 0),
				 9);
	}
	close(s);
	tt_dev_close(&d);
}

START_TEST(test_race_requeued_packet_wakes_poller)
{
	tt_sum_begin("race", "test_race_requeued_packet_wakes_poller", -1);
	tt_race_requeue_wakes(TT_SLEEP_POLL);
	tt_sum_end(1, 1, 0, 0);
}
END_TEST

START_TEST(test_race_requeued_packet_wakes_reader)
{
	tt_sum_begin("race", "test_race_requeued_packet_wakes_reader", -1);
	tt_race_requeue_wakes(TT_SLEEP_READ);
	tt_sum_end(1, 1, 0, 0);
}
END_TEST

/*
 * A writer stalls in copying its packet in while the interface goes
 * down; then the copy completes.  A write that finds the interface down
 * gets EIO, counting nothing, however long it took: the packet must not
 * reach the stack of a down interface.
 */
START_TEST(test_race_write_stalled_across_down)
{
	static uint8_t pkt[2000], page[65536] __attribute__((aligned(65536)));
	struct tt_stall st = { 0 };
	long long rx0, err0;
	struct tt_dev d;
	size_t n;
	int s;

	tt_sum_begin("race", "test_race_write_stalled_across_down", _i);
	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP |
		     TT_SETUP_NOXIO);
	s = tt_race_socket(&d);
	n = tt_fault_frame(&d, pkt, TT_RACE_PEER, TT_RACE_PORT, page, 200);
	rx0 = tt_if_stat(d.name, "rx_packets");
	err0 = tt_if_stat(d.name, "rx_errors");
	memcpy(page, pkt + 8, n - 8);
	tt_stall_start(&st, d.fd, 1, n, pkt);
	ck_assert_int_eq(tt_if_set_up(d.name, 0), 0);
	tt_stall_end(&st, page);
	ck_assert_msg(st.ret == -1 && st.err == EIO, "write returned %ld "
		      "(%s), expected EIO", st.ret, tt_errname(st.err));
	ck_assert_int_eq(tt_if_stat(d.name, "rx_packets"), rx0);
	ck_assert_int_eq(tt_if_stat(d.name, "rx_errors"), err0);
	ck_assert_int_eq(tt_if_set_up(d.name, 1), 0);
	ck_assert_msg(!tt_wait_readable(s, 100), "the packet reached the "
		      "socket");
	tt_fault_works(&d);
	close(s);
	tt_dev_close(&d);
	/* refused with EIO, which counts nothing: no packet was sent */
	tt_sum_end(0, 0, 0, 0);
}
END_TEST

/* In make_race_suite's order: after the traffic across downs, before
 * the memory check that must come last. */
void tt_race_add_stall_tests(TCase *tc)
{
	tt_test_add_variants(tc, test_race_read_fault_across_down,
			     "tun", "tap");
	tt_test_add_variants(tc, test_race_write_stalled_across_down,
			     "tun", "tap");
	tt_test_add(tc, test_race_requeued_packet_wakes_poller);
	tt_test_add(tc, test_race_requeued_packet_wakes_reader);
}
