// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_devfuzz_kcov.c: the device fuzzer's coverage, from KCOV.
 *
 * On the debug kernel (harness/debug) only the module's own code is
 * instrumented (KCOV_INSTRUMENT in driver/Kbuild, not the whole kernel),
 * so every program counter KCOV hands this task is one of tuntap.ko's.
 * A session's trace is folded into two sets: the PCs (for the lines
 * reached, mapped on the host: fuzz/kcov-lines.sh) and the edges, pairs
 * of consecutive PCs, which decide whether a session found something new
 * and is kept in the corpus.  Coverage is this task's: the -j child's
 * operations are not counted.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kcov.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tt_devfuzz.h"

#define TT_KCOV_WORDS	(1UL << 20)	/* PCs a session's trace holds */
#define TT_KCOV_SET	(1UL << 16)	/* slots of each set: a power of 2 */

struct tt_kcov_set {
	uint64_t *slot;		/* 0: empty */
	unsigned long n;
};

static int tt_kcov_fd = -1;
static uint64_t *tt_kcov_area;
static struct tt_kcov_set tt_kcov_pcs, tt_kcov_edges;
static unsigned long tt_kcov_overflows;

static uint64_t tt_kcov_mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

/* Add v (not 0) to s: 1 if it was new. */
static int tt_kcov_add(struct tt_kcov_set *s, uint64_t v)
{
	unsigned long i = tt_kcov_mix(v) & (TT_KCOV_SET - 1);

	while (s->slot[i] != 0) {
		if (s->slot[i] == v)
			return 0;
		i = (i + 1) & (TT_KCOV_SET - 1);
	}
	if (s->n >= TT_KCOV_SET / 2)
		return 0;		/* full enough: stop growing */
	s->slot[i] = v;
	s->n++;
	return 1;
}

int tt_kcov_open(void)
{
	tt_kcov_pcs.slot = calloc(TT_KCOV_SET, sizeof(uint64_t));
	tt_kcov_edges.slot = calloc(TT_KCOV_SET, sizeof(uint64_t));
	if (!tt_kcov_pcs.slot || !tt_kcov_edges.slot)
		return -1;
	tt_kcov_fd = open("/sys/kernel/debug/kcov", O_RDWR | O_CLOEXEC);
	if (tt_kcov_fd < 0)
		return -1;
	if (ioctl(tt_kcov_fd, KCOV_INIT_TRACE, TT_KCOV_WORDS) < 0)
		return -1;
	tt_kcov_area = mmap(NULL, TT_KCOV_WORDS * sizeof(uint64_t),
			    PROT_READ | PROT_WRITE, MAP_SHARED, tt_kcov_fd, 0);
	if (tt_kcov_area == MAP_FAILED)
		return -1;
	if (ioctl(tt_kcov_fd, KCOV_ENABLE, KCOV_TRACE_PC) < 0)
		return -1;
	return 0;
}

void tt_kcov_begin(void)
{
	__atomic_store_n(&tt_kcov_area[0], 0, __ATOMIC_RELAXED);
}

/* The trace since tt_kcov_begin() into the sets: the new edges. */
unsigned long tt_kcov_end(void)
{
	uint64_t n = __atomic_load_n(&tt_kcov_area[0], __ATOMIC_RELAXED);
	uint64_t i, prev = 0;
	unsigned long fresh = 0;

	if (n >= TT_KCOV_WORDS - 1) {
		n = TT_KCOV_WORDS - 1;
		tt_kcov_overflows++;
	}
	for (i = 1; i <= n; i++) {
		uint64_t pc = tt_kcov_area[i];

		tt_kcov_add(&tt_kcov_pcs, pc);
		fresh += (unsigned long)tt_kcov_add(&tt_kcov_edges,
						    (tt_kcov_mix(prev) ^ pc) | 1);
		prev = pc;
	}
	return fresh;
}

unsigned long tt_kcov_edges_seen(void)
{
	return tt_kcov_edges.n;
}

/* Every PC reached, one a line in hex, into path; a summary line. */
int tt_kcov_write(const char *path)
{
	FILE *f = fopen(path, "we");
	unsigned long i;

	if (!f)
		return -1;
	for (i = 0; i < TT_KCOV_SET; i++)
		if (tt_kcov_pcs.slot[i])
			fprintf(f, "0x%llx\n",
				(unsigned long long)tt_kcov_pcs.slot[i]);
	if (fclose(f) != 0)
		return -1;
	printf("devfuzz: kcov: %lu PCs, %lu edges of tuntap.ko reached%s\n",
	       tt_kcov_pcs.n, tt_kcov_edges.n,
	       tt_kcov_overflows ? " (some traces overflowed)" : "");
	return 0;
}
