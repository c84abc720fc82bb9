/*
 * tt_io.c: sockets on the kernel's side of the device, and waiting with
 * deadlines (the children that run a test's blocking side are in
 * tt_child.c or tt_xsim_child.c, and tt_child_run.c; reaping a forked
 * one, which both binaries do, is here).
 */
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tt_test.h"

int tt_udp4_socket(const struct in_addr *bind_addr, uint16_t port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	int s;

	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -1;
	sin.sin_addr = *bind_addr;
	sin.sin_port = htons(port);
	if (bind(s, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		close(s);
		return -1;
	}
	return s;
}

int tt_udp6_socket(const struct in6_addr *bind_addr, uint16_t port)
{
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6 };
	int s;

	s = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -1;
	sin6.sin6_addr = *bind_addr;
	sin6.sin6_port = htons(port);
	if (bind(s, (struct sockaddr *)&sin6, sizeof(sin6)) < 0) {
		close(s);
		return -1;
	}
	return s;
}

int tt_poll_events(int fd, short events, int ms)
{
	struct pollfd p = { .fd = fd, .events = events };

	if (poll(&p, 1, ms) <= 0)
		return 0;
	return p.revents;
}

int tt_wait_readable(int fd, int ms)
{
	return tt_poll_events(fd, POLLIN, ms) != 0;
}

long long tt_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void tt_msleep(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

ssize_t tt_read_match(struct tt_dev *d, uint8_t *buf, size_t n, int ms,
		      tt_match_fn match, const void *arg)
{
	long long deadline = tt_now_ms() + ms;
	long long left;
	ssize_t r;

	for (;;) {
		left = deadline - tt_now_ms();
		if (left < 0 || !tt_wait_readable(d->fd, (int)left))
			return -1;
		r = read(d->fd, buf, n);
		if (r < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			return -1;
		}
		if (match(buf, (size_t)r, arg))
			return r;
	}
}

/* A forked child: its exit status, or -1 when it had to be killed at the
 * deadline or died of a signal.  Polled: a plain waitpid() could hang the
 * suite on a child stuck in the driver. */
int tt_child_reap(pid_t pid, int ms)
{
	long long deadline = tt_now_ms() + ms;
	int status;

	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (tt_now_ms() > deadline) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -1;
		}
		tt_msleep(5);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* A forked child that should still be asleep: -1 while it runs for ms
 * (left running), else its exit status (-2: died of a signal). */
int tt_child_reap_asleep(pid_t pid, int ms)
{
	long long deadline = tt_now_ms() + ms;
	int status;

	do {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : -2;
		tt_msleep(5);
	} while (tt_now_ms() <= deadline);
	return -1;
}
