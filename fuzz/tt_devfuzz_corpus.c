// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_devfuzz_corpus.c: the device fuzzer's corpus: the sessions kept
 * because they reached an edge of tuntap.ko no session had (-c, steered
 * by KCOV), and their replay (-r, on any kernel).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt_devfuzz.h"

/* A kept session: "SEED TAP OPS K SEED2" in a corpus file. */
struct tt_df_input {
	uint64_t seed, seed2;
	unsigned long ops, k;
	int tap;
};

static struct tt_df_input *tt_df_corpus;
static size_t tt_df_ncorpus;

static void tt_df_keep(const struct tt_df_input *in, FILE *out)
{
	struct tt_df_input *c;

	c = realloc(tt_df_corpus, (tt_df_ncorpus + 1) * sizeof(*c));
	if (!c)
		return;
	tt_df_corpus = c;
	tt_df_corpus[tt_df_ncorpus++] = *in;
	if (out)
		fprintf(out, "%llu %d %lu %lu %llu\n",
			(unsigned long long)in->seed, in->tap, in->ops, in->k,
			(unsigned long long)in->seed2);
}

/* Every session of a corpus file, judged; the findings. */
unsigned long tt_df_replay(struct tt_df *d, const char *path,
				  unsigned long *total)
{
	unsigned long long seed, seed2;
	unsigned long found = 0, ops, k;
	char line[256];
	int tap;
	FILE *f = fopen(path, "re");

	if (!f) {
		fprintf(stderr, "tt-devfuzz: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (sscanf(line, "%llu %d %lu %lu %llu", &seed, &tap, &ops, &k,
			   &seed2) != 5) {
			fprintf(stderr, "tt-devfuzz: %s: bad line: %s", path, line);
			exit(2);
		}
		found += tt_df_session(d, seed, tap != 0, ops, k, seed2);
		*total += ops;
	}
	fclose(f);
	return found;
}

/* A steered session (-c): half the time a kept input's first K
 * operations and a fresh stream after; kept if it reached a new edge. */
unsigned long tt_df_steered(struct tt_df *d, uint64_t fresh, int tap,
				   unsigned long ops, FILE *out)
{
	struct tt_df_input in = { fresh, 0, ops, ops, tap };
	unsigned long found, edges;
	unsigned long limit;
	size_t i;

	if (tt_df_ncorpus && tt_rng_chance(&d->aux, 50)) {
		i = tt_rng_below(&d->aux, (uint32_t)tt_df_ncorpus);
		in = tt_df_corpus[i];
		/* within its own first stream: that prefix is its exactly */
		limit = in.k < ops ? in.k : ops;
		in.k = limit ? tt_rng_below(&d->aux, (uint32_t)limit) : 0;
		in.ops = ops;
		in.seed2 = fresh;
	}
	tt_kcov_begin();
	found = tt_df_session(d, in.seed, in.tap, ops, in.k, in.seed2);
	edges = tt_kcov_end();
	if (edges) {
		printf("devfuzz: kcov: %lu new edges (%lu in all): kept\n",
		       edges, tt_kcov_edges_seen());
		tt_df_keep(&in, out);
	}
	return found;
}

size_t tt_df_corpus_size(void)
{
	return tt_df_ncorpus;
}
