/*
 * tt_child.c: the blocking side of a test in a child process, so that a
 * missing packet fails the test instead of hanging the suite: a child
 * run with a deadline; a child that says when it is about to block, so
 * that the parent can make the event that should wake it (a packet, the
 * interface going down) after it went to sleep; and a reader blocked in
 * read() that checks what woke it.  The read, nonblock and poll suites
 * share these, so that each waits for its sleepers the same way.
 * tt-conformance-xsim has threads instead (tt_xsim_child.c): the
 * simulated kernel lives in the test's process, and a forked child
 * would sleep in a copy of it.
 */
#include <sys/wait.h>
#include <unistd.h>

#include "tt_test.h"

pid_t tt_child_start(int (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(arg));
	return pid;
}

int tt_child_wait(pid_t pid, int ms)
{
	return pid < 0 ? -1 : tt_child_reap(pid, ms);
}

int tt_child_asleep(pid_t pid, int ms)
{
	return tt_child_reap_asleep(pid, ms);
}

struct tt_child_ready {
	int pipe[2];		/* the child writes one byte, then blocks */
	int (*fn)(void *);
	void *arg;
};

static int tt_child_ready_run(void *arg)
{
	struct tt_child_ready *c = arg;

	close(c->pipe[0]);
	if (write(c->pipe[1], "r", 1) != 1)
		return TT_CHILD_SETUP;
	return c->fn(c->arg);
}

pid_t tt_child_start_ready(int (*fn)(void *), void *arg, int ms, int *st)
{
	struct tt_child_ready c = { .fn = fn, .arg = arg };
	pid_t pid;
	char b;

	ck_assert_int_eq(pipe(c.pipe), 0);
	pid = tt_child_start(tt_child_ready_run, &c);
	ck_assert_int_gt(pid, 0);
	close(c.pipe[1]);
	if (!tt_wait_readable(c.pipe[0], ms) || read(c.pipe[0], &b, 1) != 1) {
		close(c.pipe[0]);
		*st = tt_child_wait(pid, 0);
		return -1;
	}
	close(c.pipe[0]);
	return pid;
}

static int tt_child_read(void *arg)
{
	static uint8_t buf[TT_PKT_MAX];
	const struct tt_reader *r = arg;
	ssize_t n;

	n = read(r->d->fd, buf, sizeof(buf));
	if (n < 0)
		return errno;
	return r->match(buf, (size_t)n, r->arg) ? TT_CHILD_OK : TT_CHILD_BADPKT;
}

pid_t tt_reader_start_blocked(const struct tt_reader *r, int ms)
{
	int st = -3, status;
	pid_t pid;

	pid = tt_child_start_ready(tt_child_read, (void *)r, ms, &st);
	if (pid > 0) {
		/* no event tells that it sleeps, only that it has not
		 * returned */
		tt_msleep(200);
		if (waitpid(pid, &status, WNOHANG) == pid) {
			st = WIFEXITED(status) ? WEXITSTATUS(status) : -2;
			pid = -1;
		}
	}
	ck_assert_msg(pid > 0, "read on an empty queue returned: %s",
		      tt_child_status(st));
	return pid;
}
