// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_child_run.c: what the children of both binaries share, on top of
 * tt_child_start and tt_child_wait, which are a process in tt-conformance
 * (tt_child.c) and a thread in tt-conformance-xsim (tt_xsim_child.c): a
 * run with a deadline, and the errno of one read().
 */
#include <stdlib.h>
#include <unistd.h>

#include "tt_test.h"

int tt_child_run(int (*fn)(void *), void *arg, int ms)
{
	return tt_child_wait(tt_child_start(fn, arg), ms);
}

/* A buffer of its own: a thread child must not share one. */
static int tt_child_run_read(void *arg)
{
	uint8_t *buf = malloc(TT_PKT_MAX);
	int r;

	if (!buf)
		return TT_CHILD_SETUP;
	r = tt_xio_read(*(int *)arg, buf, TT_PKT_MAX) < 0 ? errno : 0;
	free(buf);
	return r;
}

int tt_read_errno(int fd, int ms)
{
	return tt_child_run(tt_child_run_read, &fd, ms);
}
