// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_xsim_shim.c: the system calls of tt-conformance-xsim.  The binary
 * is linked with -Wl,--wrap for each call below, so that the unchanged
 * tests' open("/dev/tun0"), read(), ioctl(), select() and so on reach
 * the Mac kexts inside the XNU simulator (harness/xnu/sim/xnu_sim.h), in
 * this process, instead of Linux.
 *
 * A simulated descriptor is given a number of its own range, above any
 * real one and below FD_SETSIZE (select's bitmaps must hold it); every
 * other descriptor goes to the __real_ call untouched (pipes, Check's
 * own files).  The UDP sockets of the simulated stack have a range of
 * their own (tt_xsim_udp.c).
 *
 * What the tests say in Linux's terms is said again in XNU's, as a
 * program compiled on a Mac would: an ioctl request is re-encoded with
 * XNU's direction bits (the same group, number and size, so TUNSIFHEAD
 * is XNU's TUNSIFHEAD and TUNSETIFF a request XNU's tun never heard of),
 * Linux's old-style FIONREAD / FIONBIO / FIOASYNC become XNU's, and
 * TUNGIFNAME carries Darwin's smaller struct ifreq.  A socket's requests
 * come from tt_netcfg_bsd.c, already in XNU's terms, and are answered by
 * tt_xsim_ifioctl.c as XNU's ifioctl would (getifaddrs() too).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../driver/include/net/tun_ioctls.h"
#include "tt_xsim.h"
#include "xnu_sim.h"
#include "xt_const.h"

int __real_open(const char *path, int flags, ...);
int __real_close(int fd);
ssize_t __real_read(int fd, void *buf, size_t n);
ssize_t __real_write(int fd, const void *buf, size_t n);
int __real_ioctl(int fd, unsigned long req, ...);
int __real_fcntl(int fd, int cmd, ...);
int __real_poll(struct pollfd *fds, nfds_t n, int ms);
int __real_select(int n, fd_set *rd, fd_set *wr, fd_set *ex,
		  struct timeval *tv);
int __real_stat(const char *path, struct stat *st);
pid_t __real_fork(void);
pid_t __real_waitpid(pid_t pid, int *status, int options);

#define TT_XSIM_NDEV	(TT_XSIM_UDP_FD - TT_XSIM_DEV_FD)
#define TT_XSIM_NFORK	8

/* The simulated descriptors open (a fork holds a reference to each);
 * their flags are the simulator's (xsim_getfl). */
static char tt_xsim_opened[TT_XSIM_NDEV];

/* The references a forked child holds (fork, below). */
static struct {
	pid_t pid;
	int n;
	int fd[TT_XSIM_NDEV];
} tt_xsim_forks[TT_XSIM_NFORK];

/* A descriptor number handed out must never be a real one's too. */
static int tt_xsim_real(int fd)
{
	if (fd >= TT_XSIM_DEV_FD) {
		fprintf(stderr, "tt_xsim: a real descriptor %d in the "
			"simulator's range\n", fd);
		abort();
	}
	return fd;
}

int tt_xsim_is_dev(int fd)
{
	return fd >= TT_XSIM_DEV_FD && fd < TT_XSIM_UDP_FD;
}

static int tt_xsim_sim(int fd)
{
	return fd - TT_XSIM_DEV_FD;
}

/* "/dev/tunK", "/dev/tapK": the simulator's devfs. */
static int tt_xsim_is_node(const char *path)
{
	return strncmp(path, "/dev/tun", 8) == 0 ||
	       strncmp(path, "/dev/tap", 8) == 0;
}

int __wrap_open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;
	int fd;

	if (tt_xsim_is_node(path)) {
		fd = xsim_open(path, flags & O_NONBLOCK ? XSIM_O_NONBLOCK : 0);
		if (fd < 0)
			return -1;
		if (fd >= TT_XSIM_NDEV) {
			fprintf(stderr, "tt_xsim: simulated fd %d\n", fd);
			abort();
		}
		tt_xsim_opened[fd] = 1;
		return TT_XSIM_DEV_FD + fd;
	}
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	fd = __real_open(path, flags, mode);
	return fd < 0 ? fd : tt_xsim_real(fd);
}

/* The last close detaches the interface; XNU's stack purges its
 * addresses then (if_purgeaddrs, from ifnet_detach): so does ours. */
int __wrap_close(int fd)
{
	struct xsim_ifreq ifr;
	int r;

	if (tt_xsim_is_dev(fd)) {
		memset(&ifr, 0, sizeof(ifr));
		if (xsim_ioctl(tt_xsim_sim(fd), xt_TUNGIFNAME, &ifr) != 0)
			ifr.name[0] = '\0';
		r = xsim_close(tt_xsim_sim(fd));
		if (r == 0)
			tt_xsim_opened[tt_xsim_sim(fd)] = 0;
		if (r == 0 && ifr.name[0] && !xsim_if_exists(ifr.name))
			tt_xsim_if_forget(ifr.name);
		return r;
	}
	if (tt_xsim_is_udp(fd))
		return tt_xsim_udp_close(fd);
	if (tt_xsim_is_rtsock(fd))
		return tt_xsim_rtsock_close(fd);
	return __real_close(fd);
}

ssize_t __wrap_read(int fd, void *buf, size_t n)
{
	if (tt_xsim_is_dev(fd))
		return xsim_read(tt_xsim_sim(fd), buf, n);
	if (tt_xsim_is_udp(fd))
		return tt_xsim_udp_recv(fd, buf, n, 0, NULL, NULL);
	if (tt_xsim_is_rtsock(fd))
		return tt_xsim_rtsock_read(fd, buf, n);
	return __real_read(fd, buf, n);
}

ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
	if (tt_xsim_is_dev(fd))
		return xsim_write(tt_xsim_sim(fd), buf, n);
	if (tt_xsim_is_rtsock(fd))
		return tt_xsim_rtsock_write(fd, buf, n);
	return __real_write(fd, buf, n);
}

/* Linux's _IOC encoding of req in XNU's (sys/ioccom.h): the same group,
 * number and size, XNU's direction bits. */
static unsigned long tt_xsim_ioc(unsigned long req)
{
	unsigned long dir = _IOC_DIR(req), size = _IOC_SIZE(req);
	unsigned long xdir = 0;

	if (dir == _IOC_NONE)
		xdir = 0x20000000UL;		/* IOC_VOID */
	if (dir & _IOC_READ)
		xdir |= 0x40000000UL;		/* IOC_OUT */
	if (dir & _IOC_WRITE)
		xdir |= 0x80000000UL;		/* IOC_IN */
	return xdir | (size & 0x1fff) << 16 | _IOC_TYPE(req) << 8 |
	       _IOC_NR(req);
}

static int tt_xsim_ioctl(int fd, unsigned long req, void *arg)
{
	struct xsim_ifreq xifr;
	int r;

	if (req == FIONREAD)
		return xsim_ioctl(fd, xt_FIONREAD, arg);
	if (req == FIOASYNC)
		return xsim_ioctl(fd, xt_FIOASYNC, arg);
	if (req == FIONBIO)
		return xsim_ioctl(fd, xt_FIONBIO, arg);
	if (req == TUNGIFNAME) {
		/* Darwin's ifreq is 32 bytes, Linux's 40: the name is the
		 * same 16 bytes at the start of both */
		memset(&xifr, 0, sizeof(xifr));
		r = xsim_ioctl(fd, xt_TUNGIFNAME, &xifr);
		if (r == 0)
			memcpy(arg, xifr.name, sizeof(xifr.name));
		return r;
	}
	return xsim_ioctl(fd, tt_xsim_ioc(req), arg);
}

int __wrap_ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (tt_xsim_is_dev(fd))
		return tt_xsim_ioctl(tt_xsim_sim(fd), req, arg);
	if (tt_xsim_is_udp(fd))
		return tt_xsim_ifioctl(tt_xsim_udp_family(fd), req, arg);
	return __real_ioctl(fd, req, arg);
}

/* XNU's fcntl(F_SETFL) sets the file's flags and tells the driver with
 * FIONBIO and FIOASYNC, always both (bsd/kern/kern_descrip.c). */
static int tt_xsim_fcntl(int fd, int cmd, long arg)
{
	int fl;

	switch (cmd) {
	case F_GETFL:
		fl = xsim_getfl(fd);
		if (fl < 0)
			return -1;
		return O_RDWR | (fl & XSIM_O_NONBLOCK ? O_NONBLOCK : 0) |
		       (fl & XSIM_O_ASYNC ? O_ASYNC : 0);
	case F_SETFL:
		return xsim_setfl(fd, (arg & O_NONBLOCK ? XSIM_O_NONBLOCK : 0) |
				  (arg & O_ASYNC ? XSIM_O_ASYNC : 0));
	case F_GETFD:
	case F_SETFD:
		return 0;		/* close-on-exec: nothing is exec'ed */
	default:
		errno = EINVAL;
		return -1;
	}
}

int __wrap_fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	if (tt_xsim_is_dev(fd))
		return tt_xsim_fcntl(tt_xsim_sim(fd), cmd, arg);
	if (tt_xsim_is_udp(fd))
		return tt_xsim_udp_fcntl(fd, cmd, arg);
	return __real_fcntl(fd, cmd, arg);
}

/*
 * poll() answered as modern XNU does for a character device: through its
 * d_select (bsd/miscfs/specfs/spec_vnops.c filt_spec*), so POLLIN and
 * POLLOUT mean what select says, and there is no POLLERR or POLLHUP.
 * Simulated and real descriptors in one call are not supported.
 */
static int tt_xsim_wait(const int *fds, int n, int *rd, int *wr, int ms)
{
	int i, any_udp = 0, any_dev = 0, r;
	int dfd[TT_XSIM_POLL_MAX] = { 0 }, drd[TT_XSIM_POLL_MAX] = { 0 };
	int dwr[TT_XSIM_POLL_MAX] = { 0 };

	for (i = 0; i < n; i++) {
		any_udp |= tt_xsim_is_udp(fds[i]);
		any_dev |= tt_xsim_is_dev(fds[i]);
	}
	if (any_udp && any_dev) {
		fprintf(stderr, "tt_xsim: one wait on a device and a socket\n");
		abort();
	}
	if (any_udp)
		return tt_xsim_udp_wait(fds, n, rd, wr, ms);
	for (i = 0; i < n; i++) {
		dfd[i] = tt_xsim_sim(fds[i]);
		drd[i] = rd[i];
		dwr[i] = wr[i];
	}
	r = xsim_select(dfd, n, drd, dwr, ms);
	for (i = 0; i < n && r >= 0; i++) {
		rd[i] = drd[i];
		wr[i] = dwr[i];
	}
	return r;
}

static int tt_xsim_mixed(const int *fds, int n)
{
	int i, sim = 0;

	for (i = 0; i < n; i++)
		sim += tt_xsim_is_dev(fds[i]) || tt_xsim_is_udp(fds[i]);
	if (sim && sim != n) {
		fprintf(stderr, "tt_xsim: one wait on simulated and real "
			"descriptors\n");
		abort();
	}
	return sim;
}

int __wrap_poll(struct pollfd *p, nfds_t n, int ms)
{
	int fds[TT_XSIM_POLL_MAX], rd[TT_XSIM_POLL_MAX], wr[TT_XSIM_POLL_MAX];
	int r;
	nfds_t i;

	if (n > TT_XSIM_POLL_MAX)
		return __real_poll(p, n, ms);
	for (i = 0; i < n; i++)
		fds[i] = p[i].fd;
	if (!tt_xsim_mixed(fds, (int)n))
		return __real_poll(p, n, ms);
	for (i = 0; i < n; i++) {
		rd[i] = (p[i].events & POLLIN) != 0;
		wr[i] = (p[i].events & POLLOUT) != 0;
	}
	r = tt_xsim_wait(fds, (int)n, rd, wr, ms);
	if (r < 0)
		return -1;
	for (i = 0, r = 0; i < n; i++) {
		p[i].revents = (short)((rd[i] ? POLLIN : 0) |
				       (wr[i] ? POLLOUT : 0));
		r += p[i].revents != 0;
	}
	return r;
}

int __wrap_select(int nfds, fd_set *rds, fd_set *wrs, fd_set *ex,
		  struct timeval *tv)
{
	int fds[TT_XSIM_POLL_MAX], rd[TT_XSIM_POLL_MAX], wr[TT_XSIM_POLL_MAX];
	int fd, n = 0, r, i;

	for (fd = TT_XSIM_DEV_FD; fd < nfds && n < TT_XSIM_POLL_MAX; fd++) {
		rd[n] = rds && FD_ISSET(fd, rds);
		wr[n] = wrs && FD_ISSET(fd, wrs);
		if (rd[n] || wr[n])
			fds[n++] = fd;
	}
	if (!n)
		return __real_select(nfds, rds, wrs, ex, tv);
	for (fd = 0; fd < TT_XSIM_DEV_FD && fd < nfds; fd++)
		if ((rds && FD_ISSET(fd, rds)) || (wrs && FD_ISSET(fd, wrs)) ||
		    (ex && FD_ISSET(fd, ex))) {
			fprintf(stderr, "tt_xsim: select on simulated and real "
				"descriptors\n");
			abort();
		}
	r = tt_xsim_wait(fds, n, rd, wr,
			 tv ? (int)(tv->tv_sec * 1000 + tv->tv_usec / 1000) :
			      -1);
	if (r < 0)
		return -1;
	if (ex)
		FD_ZERO(ex);
	for (i = 0, r = 0; i < n; i++) {
		if (rds && !rd[i])
			FD_CLR(fds[i], rds);
		if (wrs && !wr[i])
			FD_CLR(fds[i], wrs);
		r += rd[i] + wr[i];
	}
	return r;
}

/* The simulator's devfs nodes: a character device of its mode and owner. */
int __wrap_stat(const char *path, struct stat *st)
{
	int mode;

	if (!tt_xsim_is_node(path))
		return __real_stat(path, st);
	mode = xsim_node_mode(path);
	if (mode < 0) {
		errno = ENOENT;
		return -1;
	}
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFCHR | (mode_t)mode;
	st->st_uid = (uid_t)xsim_node_uid(path);
	return 0;
}

/*
 * fork(): XNU's gives the child a reference to each open file of the
 * parent (fdcopy) and its exit gives them back (fdfree).  The child here
 * runs in a copy of the simulator, not in the kernel, so it must not use
 * its simulated descriptors; the parent holds the references for it
 * (xsim_dup) and drops them when it reaps the child (waitpid): a device
 * the child inherited lives until then.  Check's own forks, with no
 * simulated descriptor open, are left alone.
 */
pid_t __wrap_fork(void)
{
	int held[TT_XSIM_NDEV], n = 0, fd, i, slot = -1;
	pid_t pid;

	for (fd = 0; fd < TT_XSIM_NDEV; fd++)
		if (tt_xsim_opened[fd] && (held[n] = xsim_dup(fd)) >= 0)
			n++;
	for (i = 0; i < TT_XSIM_NFORK && n && slot < 0; i++)
		if (!tt_xsim_forks[i].pid)
			slot = i;
	if (n && slot < 0) {
		fprintf(stderr, "tt_xsim: more than %d forked children "
			"holding devices\n", TT_XSIM_NFORK);
		abort();
	}
	pid = __real_fork();
	if (pid <= 0 || !n) {
		for (i = 0; pid != 0 && i < n; i++)
			xsim_close(held[i]);
		return pid;
	}
	tt_xsim_forks[slot].pid = pid;
	tt_xsim_forks[slot].n = n;
	memcpy(tt_xsim_forks[slot].fd, held, sizeof(held[0]) * (size_t)n);
	return pid;
}

pid_t __wrap_waitpid(pid_t pid, int *status, int options)
{
	pid_t r = __real_waitpid(pid, status, options);
	int i, k;

	for (i = 0; r > 0 && i < TT_XSIM_NFORK; i++)
		if (tt_xsim_forks[i].pid == r) {
			for (k = 0; k < tt_xsim_forks[i].n; k++)
				xsim_close(tt_xsim_forks[i].fd[k]);
			tt_xsim_forks[i].pid = 0;
		}
	return r;
}
