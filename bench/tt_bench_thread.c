// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_bench_thread.c: a worker thread loops on a blocking call (read,
 * write, recv, send) until told to stop.  A blocked call is interrupted
 * with a signal whose handler does nothing and is installed without
 * SA_RESTART, so the call fails with EINTR and the loop sees the flag.
 * The signal is repeated until the thread is out: one sent just before
 * the thread blocked would otherwise be lost.
 */
#include <pthread.h>
#include <signal.h>
#include <string.h>

#include "tt_bench.h"

static void tt_bench_thread_nop(int sig)
{
	(void)sig;
}

static void *tt_bench_thread_main(void *arg)
{
	struct tt_bench_worker *w = arg;

	w->fn(w);
	w->done = 1;
	return NULL;
}

int tt_bench_worker_start(struct tt_bench_worker *w)
{
	static int installed;
	struct sigaction sa;
	pthread_t t;

	if (!installed) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = tt_bench_thread_nop;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGUSR1, &sa, NULL);
		installed = 1;
	}
	w->stop = 0;
	w->done = 0;
	w->count = w->bytes = w->errors = 0;
	if (pthread_create(&t, NULL, tt_bench_thread_main, w) != 0)
		return -1;
	w->tid = (unsigned long long)t;
	return 0;
}

void tt_bench_worker_stop(struct tt_bench_worker *w)
{
	pthread_t t = (pthread_t)w->tid;

	w->stop = 1;
	while (!w->done) {
		pthread_kill(t, SIGUSR1);
		tt_bench_sleep(0.002);
	}
	pthread_join(t, NULL);
}
