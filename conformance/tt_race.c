/*
 * tt_race.c: the race suite's tools.  The stack's side of a unit
 * (a socket that sends numbered datagrams, and the parser that finds the
 * number again in what a read returned), threads asleep in read(),
 * poll() or select() that are seen asleep before anything is done to
 * them and joined with a deadline, and a writer thread.
 */
#include "tt_test.h"
#include "tt_fault.h"

#include <arpa/inet.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

/* ---- the stack's side --------------------------------------------------- */

/* A socket on d's local address that tells when the qdisc refused. */
int tt_race_socket(const struct tt_dev *d)
{
	int s = tt_fault_socket(d, TT_RACE_PORT), on = 1;

	TT_ASSERT_OK(setsockopt(s, IPPROTO_IP, IP_RECVERR, &on, sizeof(on)));
	return s;
}

/* Send datagram seq towards d's peer: 1 sent, 0 refused by the stack. */
int tt_race_send(const struct tt_dev *d, int s, uint32_t seq,
			size_t len)
{
	static uint8_t payload[9000];
	struct sockaddr_in to;
	uint32_t n = htonl(seq);

	memcpy(payload, &n, sizeof(n));
	tt_fault_dest(d, TT_RACE_PEER, &to);
	return sendto(s, payload, len < 4 ? 4 : len, 0,
		      (struct sockaddr *)&to, sizeof(to)) > 0;
}

/*
 * The sequence number of one of our datagrams as read from d with hl
 * bytes of AF header, or -1 for anything else.  A packet whose IP
 * length disagrees with the read's is torn: -2.
 */
long tt_race_seq(const struct tt_dev *d, const uint8_t *p, size_t n,
			size_t hl)
{
	size_t l2 = (d->kind == TT_DEV_TAP ? TT_ETH_LEN : 0) + hl, ihl;
	uint32_t seq;

	if (n < l2 + 20 + 8 + 4 || (p[l2] >> 4) != 4)
		return -1;
	if ((size_t)((p[l2 + 2] << 8) | p[l2 + 3]) + l2 != n)
		return -2;
	ihl = (size_t)(p[l2] & 0xf) * 4;
	if (p[l2 + 9] != IPPROTO_UDP ||
	    ((p[l2 + ihl + 2] << 8) | p[l2 + ihl + 3]) != TT_RACE_PEER)
		return -1;
	memcpy(&seq, p + l2 + ihl + 8, 4);
	return (long)ntohl(seq);
}

static void *tt_sleeper_run(void *arg)
{
	struct tt_sleeper *s = arg;
	struct pollfd p = { .fd = s->fd, .events = POLLIN };
	/* longer than any join's deadline */
	struct timeval tv = { 20, 0 };
	fd_set r;

	s->tid = tt_gettid();
	switch (s->how) {
	case TT_SLEEP_READ:
		for (;;) {
			s->ret = read(s->fd, s->buf, sizeof(s->buf));
			s->err = errno;
			if (s->ret >= 0 || !s->until_packet || s->err != EIO ||
			    ++s->eios > 1000)
				break;
			tt_msleep(2);
		}
		break;
	case TT_SLEEP_POLL:
		s->ret = poll(&p, 1, 20000);
		s->err = errno;
		s->revents = p.revents;
		break;
	case TT_SLEEP_SELECT:
		FD_ZERO(&r);
		FD_SET(s->fd, &r);
		s->ret = select(s->fd + 1, &r, NULL, NULL, &tv);
		s->err = errno;
		s->revents = s->ret > 0 && FD_ISSET(s->fd, &r);
		break;
	}
	return NULL;
}

static const char *tt_sleep_name(enum tt_sleep_how how)
{
	static const char *const names[] = { "read()", "poll()", "select()" };

	return names[how];
}

/* 1 once the sleeper is asleep in its system call, 0 after ms. */
int tt_sleeper_asleep(const struct tt_sleeper *s, int ms)
{
	static const long nr[][2] = {
		{ SYS_read, SYS_read },
		{ SYS_poll, SYS_ppoll },
		{ SYS_select, SYS_pselect6 },
	};

	return tt_thread_wait_blocked(s->tid, nr[s->how][0], nr[s->how][1],
				      ms);
}

/* Start a sleeper and see it asleep in its system call. */
void tt_sleeper_start(struct tt_sleeper *s, int fd,
			     enum tt_sleep_how how)
{
	int ms;

	s->fd = fd;
	s->how = how;
	s->tid = 0;
	ck_assert_int_eq(pthread_create(&s->t, NULL, tt_sleeper_run, s), 0);
	for (ms = 0; s->tid == 0 && ms < TT_RACE_WAIT; ms += 5)
		tt_msleep(5);
	ck_assert_msg(tt_sleeper_asleep(s, TT_RACE_WAIT),
		      "the thread never slept in %s", tt_sleep_name(how));
}

void tt_sleeper_join(struct tt_sleeper *s)
{
	ck_assert_msg(tt_thread_join(s->t, TT_RACE_WAIT, NULL) == 0,
		      "a thread in %s did not wake within %d ms",
		      tt_sleep_name(s->how), TT_RACE_WAIT);
}

/*
 * Join a poller that may sleep on: when a reader took the packet before
 * the poller looked, the poller rightly sleeps until the next one.  If
 * it still sleeps, the stack sends one more, which it must see.
 */
void tt_sleeper_join_poller(struct tt_sleeper *pl, struct tt_dev *d,
				   int s)
{
	if (tt_thread_wait_blocked(pl->tid, SYS_poll, SYS_ppoll, 500)) {
		ck_assert(tt_race_send(d, s, 9, 10));
		tt_sleeper_join(pl);
		ck_assert_int_eq(tt_dev_drain(d), 1);
	} else {
		tt_sleeper_join(pl);
	}
}

void *tt_writer_run(void *arg)
{
	struct tt_writer *w = arg;
	uint8_t buf[1500];
	static const uint8_t fill[1400 - 28];
	size_t n;

	/* 1400 bytes written either way: over 1280, under 1500 */
	n = tt_fault_frame(w->d, buf, TT_RACE_PEER, TT_RACE_PORT, fill,
			   sizeof(fill) - (w->d->kind == TT_DEV_TAP ?
					   TT_ETH_LEN : 0));
	while (!w->stop) {
		if (write(w->d->fd, buf, n) == (ssize_t)n) {
			w->ok++;
		} else if (errno == EMSGSIZE) {
			w->emsgsize++;
		} else {
			w->other++;
			w->other_errno = errno;
		}
	}
	return NULL;
}

/* A writer of 1400-byte packets while the MTU flips between 1280 and
 * 1500: each write is taken whole or refused with EMSGSIZE, nothing
 * else, and the counters agree with the writer. */
