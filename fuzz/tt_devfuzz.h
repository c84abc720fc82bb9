/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tt_devfuzz.h: what the device fuzzer's files share.
 *
 * A session is one open unit of one driver (tuntap's /dev/tunK or
 * /dev/tapK, or Linux's tun through /dev/net/tun and TUNSETIFF) and the
 * state the fuzzer tracks of it, so that every result can be judged:
 * for tuntap exactly (the driver core, compiled in here too, says what
 * each write must return; the counters must add up), for Linux's tun by
 * the kernel log, the counters and a ping at the end.
 */
#ifndef TT_DEVFUZZ_H
#define TT_DEVFUZZ_H

#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "tt_devgen.h"

#define TT_DF_UNITS	4	/* units a session may pick */

enum tt_df_drv {
	TT_DF_OURS,		/* tuntap.ko */
	TT_DF_LINUX,		/* Linux's tun.ko */
};

/* What the session did that the interface's counters must show. */
struct tt_df_tally {
	long long wr_ok, wr_bytes;	/* writes taken, bytes without header */
	long long wr_refused;		/* refused writes that count rx_errors */
	long long rd_ok, rd_bytes;	/* packets read, their full length */
	int rd_bytes_known;		/* 0 once a truncated read hid a length */
};

/* Operations done, for the summary. */
struct tt_df_counts {
	unsigned long ops, writes, writes_ok, reads, reads_ok, ioctls;
	unsigned long flips, mtus, macs, reopens, renames, pings;
	unsigned long rare, faults;	/* tt_devfuzz_edge.c's */
};

struct tt_df {
	enum tt_df_drv drv;
	int tap, unit;
	int fd;
	char name[IFNAMSIZ];
	int up, nonblock;
	int jobs;			/* -j: a child hammers the same unit */
	pid_t child;
	int exact;			/* no child since open: results are judged */
	struct tt_gen_ctx gen;		/* header mode, MTU, MAC, addresses */
	struct tt_df_tally t;
	struct tt_df_counts n;
	struct tt_rng rng;
	struct tt_rng aux;		/* occasional extra operations */
	uint64_t seed;
	unsigned long findings;
	uint8_t *buf, *rbuf;		/* TT_GEN_MAX each */
};

/* tt_devfuzz.c */
void tt_df_finding(struct tt_df *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int tt_df_open(struct tt_df *d);
void tt_df_close(struct tt_df *d);
void tt_df_stop_child(struct tt_df *d);
void tt_df_check_counters(struct tt_df *d);
void tt_df_ping(struct tt_df *d);
/* One write of buf[0..len) (how: see tt_devfuzz.c), judged. */
void tt_df_write(struct tt_df *d, const uint8_t *buf, size_t len, int how);
/* One read of up to want bytes into d->rbuf, judged; its result. */
ssize_t tt_df_read(struct tt_df *d, size_t want);
/* The same, how: 0 read(), 1 readv() in pieces, 2 into a bad address,
 * 3 with a failure armed. */
ssize_t tt_df_read_how(struct tt_df *d, size_t want, int how);
/* A packet of r bytes read by other means, into the tally. */
void tt_df_count_read(struct tt_df *d, ssize_t r, size_t want);
int tt_df_set_up(struct tt_df *d, int up);
int tt_df_set_mtu(struct tt_df *d, int mtu);

unsigned long tt_df_session(struct tt_df *d, uint64_t seed, int tap,
			    unsigned long ops, unsigned long k, uint64_t seed2);

/* tt_devfuzz_corpus.c: "SEED TAP OPS K SEED2" a line */
unsigned long tt_df_replay(struct tt_df *d, const char *path,
			   unsigned long *total);
/* A session steered by the corpus, kept (into out) if it found an edge. */
unsigned long tt_df_steered(struct tt_df *d, uint64_t fresh, int tap,
			    unsigned long ops, FILE *out);
size_t tt_df_corpus_size(void);

/* tt_devfuzz_ops.c */
void tt_df_op(struct tt_df *d);
/* The child of -j: reads, writes, header switches, polls, until killed. */
void tt_df_child(struct tt_df *d) __attribute__((noreturn));

/* tt_devfuzz_edge.c: the rare paths (tuntap only), fault injection */
void tt_df_edge(struct tt_df *d);
int tt_df_fault_arm(struct tt_df *d);	/* the N armed, 0: no fail-nth */
int tt_df_fault_fired(void);		/* 1 if injected; disarms */
unsigned long tt_df_fault_sweep(struct tt_df *d);	/* -F */

/* tt_devfuzz_kcov.c: the module's coverage, on a kernel with KCOV */
int tt_kcov_open(void);
void tt_kcov_begin(void);
unsigned long tt_kcov_end(void);	/* the edges no session had reached */
unsigned long tt_kcov_edges_seen(void);
int tt_kcov_write(const char *path);

#endif /* TT_DEVFUZZ_H */
