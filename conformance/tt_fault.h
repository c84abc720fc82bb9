/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tt_fault.h: what the race, load and hostile suites share (tt_fault.c,
 * tt_race.c).  Include after tt_test.h.
 *
 * Each scenario records "run" when it starts, then "ok" with its figures
 * when it survived, for the summary line of its category (see
 * harness/summary.sh).
 */
#ifndef TT_FAULT_H
#define TT_FAULT_H

#include <pthread.h>
#include <stdint.h>

/* ---- threads, memory, a working unit, the summary (tt_fault.c) --------- */

int tt_thread_join(pthread_t t, int ms, void **ret);	/* -1: timed out */
pid_t tt_gettid(void);
/* 1 once thread tid sleeps in system call nr (or nr2), 0 after ms. */
int tt_thread_wait_blocked(pid_t tid, long nr, long nr2, int ms);
/* live_objects: the queue and module suites count with it too */
long tt_fault_live(void);		/* the module's count, or -1 */
long tt_fault_live_wait(long want, int ms);	/* the last value read */
long long tt_slab_bytes(void);		/* bytes in live slab objects */
/*
 * Slab bytes a suite may leave behind without being called a leak.  With
 * every cache shrunk before it is counted, the figure moves by 10 to 40
 * KiB between runs that leak nothing (measured in the test VM), from
 * caches the tests do not own (dentries, sockets, namespaces being
 * freed).  A leak of what the driver allocates is larger: load alone
 * moves 30000 packets, so one skb (at least 768 bytes) lost in 150 is
 * over 128 KiB; the storms and namespace tests open hundreds of
 * interfaces, each over 4 KiB.  A lost object of any count is caught
 * exactly by live_objects.
 */
#define TT_SLAB_TOLERANCE	(128 * 1024)
/* The same, remembering each cache for tt_slab_returned. */
long long tt_slab_baseline(void);
/* Waits up to 10 s for slab usage to come within tolerance of base; the
 * difference, printed, with the caches that grew when it is too much. */
long long tt_slab_returned(long long base, long long tolerance,
			   const char *cat);
/* A suite's baseline, as an unchecked fixture; its last test asserts
 * live_objects 0 and slab usage back within TT_SLAB_TOLERANCE. */
void tt_fault_suite_setup(void);
void tt_fault_memory_check(const char *cat, const char *name);
void tt_fault_dest(const struct tt_dev *d, uint16_t port,
		   struct sockaddr_in *to);
int tt_fault_socket(const struct tt_dev *d, uint16_t port);
/* A UDP datagram from the peer to the local address, as d writes it. */
size_t tt_fault_frame(const struct tt_dev *d, uint8_t *buf, uint16_t sport,
		      uint16_t dport, const void *payload, size_t n);
void tt_fault_works(struct tt_dev *d);	/* a round trip, asserted */
/* Scenario name.i (i < 0: name) of category cat starts; it survived. */
void tt_sum_begin(const char *cat, const char *name, int i);
/* The packets of the scenario itself: a closing round trip does not
 * count, nor a write refused with EIO or EFAULT (no packet, no counter). */
void tt_sum_end(long long sent, long long received, long long dropped,
		long long mem);

/* ---- the race suite's side of the stack and its sleepers (tt_race.c) --- */

#define TT_RACE_PORT	40110	/* the local socket */
#define TT_RACE_PEER	40111	/* where the stack sends */
#define TT_RACE_WAIT	3000	/* ms, for whatever should be prompt */
#define TT_RACE_UNITS	16	/* the contract's default units */
#define TT_RACE_BURST	32	/* well under txqueuelen: nothing waits
				 * in the qdisc, so nothing is lost there */

/* A socket on d's local address that tells when the qdisc refused. */
int tt_race_socket(const struct tt_dev *d);
/* Send datagram seq of len bytes towards d's peer: 1 sent, 0 refused. */
int tt_race_send(const struct tt_dev *d, int s, uint32_t seq, size_t len);
/* The sequence number of one of our datagrams as read from d with hl
 * bytes of AF header; -1 for anything else, -2 when torn. */
long tt_race_seq(const struct tt_dev *d, const uint8_t *p, size_t n,
		 size_t hl);

enum tt_sleep_how { TT_SLEEP_READ, TT_SLEEP_POLL, TT_SLEEP_SELECT };

/* A thread asleep in read(), poll() or select() on fd. */
struct tt_sleeper {
	int fd;
	enum tt_sleep_how how;
	int until_packet;	/* read: retry after EIO until a packet */
	pthread_t t;
	volatile pid_t tid;
	long ret;
	int err, revents, eios;
	uint8_t buf[TT_PKT_MAX];
};

/* Start it and see it asleep in its system call, asserted. */
void tt_sleeper_start(struct tt_sleeper *s, int fd, enum tt_sleep_how how);
void tt_sleeper_join(struct tt_sleeper *s);	/* asserted, with deadline */
/* 1 once it sleeps in its system call, 0 after ms. */
int tt_sleeper_asleep(const struct tt_sleeper *s, int ms);
/* Join a poller that may rightly sleep on (see tt_race.c). */
void tt_sleeper_join_poller(struct tt_sleeper *pl, struct tt_dev *d, int s);

/* A thread writing 1400-byte packets to d until stop. */
struct tt_writer {
	struct tt_dev *d;
	volatile int stop;
	pthread_t t;
	long ok, emsgsize, other;
	int other_errno;
};

void *tt_writer_run(void *arg);

/* Races on the unit's life, in t_race_life.c. */
void tt_race_add_life_tests(TCase *tc);
/* A read or write stalled in its copy (userfaultfd), in t_race_stall.c. */
void tt_race_add_stall_tests(TCase *tc);

#endif /* TT_FAULT_H */
