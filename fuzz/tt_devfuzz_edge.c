// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_devfuzz_edge.c: the driver's rarer paths, which a stream of reads,
 * writes and ioctls on one non-blocking descriptor never takes: an open
 * of a unit in use, an open without CAP_NET_ADMIN, a reader asleep
 * (alone or behind another) and what ends its sleep, packets the stack
 * transmits (through a packet socket: a queue that fills, stops, drains
 * and, after txqueuelen shrank, drops; tap frames big enough to arrive
 * in page fragments), what sysfs says; and on a kernel with fault
 * injection (the debug kernel), the Nth allocation or user copy of an
 * open, write, read or ioctl failing.  Each is judged where the driver
 * is ours.  All drawn from the aux stream (tt_df_op()), so that the
 * main stream, which the corpus's inputs name, stays as it was.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../conformance/tt_test.h"
#include "../driver/include/net/tun_ioctls.h"
#include "tt_devfuzz.h"

#define TT_DF_LIVE	"/sys/module/tuntap/parameters/live_objects"
#define TT_DF_FAIL_NTH	"/proc/thread-self/fail-nth"

/* ---- fault injection ---------------------------------------------------- */

static int tt_df_nth_fd = -2;		/* -2: not looked for yet */

/*
 * Make the Nth point of failure (an allocation, a user copy) of this
 * thread's next system calls fail: fail-nth, which the debug kernel has
 * (harness/debug/debug.config; the guest script turns off failslab's
 * "only atomic allocations" default).  0 where there is none.
 */
static int tt_df_fault_able(void)
{
	if (tt_df_nth_fd == -2)
		tt_df_nth_fd = open(TT_DF_FAIL_NTH, O_RDWR | O_CLOEXEC);
	return tt_df_nth_fd >= 0;
}

static int tt_df_fault_arm_nth(int n)
{
	char v[16];
	int len = snprintf(v, sizeof(v), "%d", n);

	return pwrite(tt_df_nth_fd, v, (size_t)len, 0) == len ? n : 0;
}

int tt_df_fault_arm(struct tt_df *d)
{
	if (!tt_df_fault_able())
		return 0;
	return tt_df_fault_arm_nth(1 + (int)tt_rng_below(&d->aux, 24));
}

/* After the call: 1 if the failure was injected; disarmed either way,
 * or a later call would meet it. */
int tt_df_fault_fired(void)
{
	char v[16] = "";
	ssize_t r = pread(tt_df_nth_fd, v, sizeof(v) - 1, 0);

	if (pwrite(tt_df_nth_fd, "0", 1, 0) != 1)
		return 0;
	return r > 0 && atoi(v) == 0;
}

/*
 * Open unit tap/unit with failure n armed (0: a random one): it opens,
 * or fails and leaves nothing behind: no interface, and the unit opens
 * at once afterwards (its busy bit and namespace reference were given
 * back).  The error is the kernel's, passed on: ENOMEM, or ENOBUFS
 * (IPv6's per-device sysctls, addrconf.c), EFAULT (the path's copy-in),
 * or EINVAL: register_netdev ignores a failed allocation of the
 * device's sysfs name (net-sysfs.c, dev_set_name), and device_add then
 * refuses a device without one.  The last two were the fuzzer's first
 * findings, its oracle's errors, not the driver's.  Returns whether the
 * failure was injected.
 */
static int tt_df_fault_open_unit(struct tt_df *d, int tap, int unit, int n)
{
	char path[32], name[IFNAMSIZ];
	int fd, e, fired;

	snprintf(name, sizeof(name), "%s%d", tap ? "tap" : "tun", unit);
	snprintf(path, sizeof(path), "/dev/%s", name);
	if (n == 0)
		n = tt_df_fault_arm(d);
	else
		tt_df_fault_arm_nth(n);
	fd = open(path, O_RDWR | O_CLOEXEC);
	e = errno;
	fired = tt_df_fault_fired();
	if (fd < 0 && (!fired || (e != ENOMEM && e != ENOBUFS && e != EFAULT &&
				  e != EINVAL)))
		tt_df_finding(d, "open %s with failure %d armed (%s): %s", path,
			      n, fired ? "injected" : "not reached",
			      tt_errname(e));
	if (fd >= 0) {
		close(fd);
	} else {
		if (tt_if_exists(name))
			tt_df_finding(d, "%s exists after its open failed", name);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			tt_df_finding(d, "open %s after a failed open: %s", path,
				      tt_errname(errno));
		else
			close(fd);
	}
	if (tt_if_exists(name))
		tt_df_finding(d, "%s exists after close", name);
	return fired;
}

static void tt_df_fault_open(struct tt_df *d)
{
	int tap = (int)tt_rng_below(&d->aux, 2);
	int unit = (d->unit + 1 + (int)tt_rng_below(&d->aux, TT_DF_UNITS - 1)) %
		   TT_DF_UNITS;

	tt_df_fault_open_unit(d, tap, unit, 0);
}

/*
 * -F: every point of failure of an open in turn, N = 1, 2, ... until
 * the open no longer reaches the Nth (it opened with nothing failed),
 * for tun and tap: the open's whole error ladder, deterministically.
 * The findings.
 */
unsigned long tt_df_fault_sweep(struct tt_df *d)
{
	int tap, n, fired;

	if (!tt_df_fault_able()) {
		printf("devfuzz: fault sweep: no %s (a kernel without "
		       "CONFIG_FAULT_INJECTION)\n", TT_DF_FAIL_NTH);
		d->findings++;
		return d->findings;
	}
	for (tap = 0; tap < 2; tap++) {
		snprintf(d->name, sizeof(d->name), "%s", tap ? "tap" : "tun");
		for (n = 1, fired = 1; fired && n < 1000; n++)
			fired = tt_df_fault_open_unit(d, tap, 1, n);
		printf("devfuzz: fault sweep: open of %s1 failed at each of its "
		       "%d points of failure\n", tap ? "tap" : "tun", n - 2);
	}
	return d->findings;
}

/* An ioctl with a failure armed: its result, or EFAULT if injected. */
static void tt_df_fault_ioctl(struct tt_df *d)
{
	static const unsigned int cmds[] = { TUNGIFNAME, FIONREAD, TUNGIFHEAD,
					     TUNSIFHEAD };
	unsigned int cmd = cmds[tt_rng_below(&d->aux, 4)];
	int v = (int)tt_rng_below(&d->aux, 2), r, e, fired;
	struct ifreq ifr;
	void *arg = cmd == TUNGIFNAME ? (void *)&ifr : (void *)&v;

	if (d->tap && (cmd == TUNGIFHEAD || cmd == TUNSIFHEAD))
		return;
	tt_df_fault_arm(d);
	r = ioctl(d->fd, cmd, arg);
	e = errno;
	fired = tt_df_fault_fired();
	if (r == 0 && cmd == TUNSIFHEAD)
		d->gen.hdr = v ? TT_GEN_HDR_AF : TT_GEN_HDR_NONE;
	if (r < 0 && !(fired && e == EFAULT))
		tt_df_finding(d, "ioctl %#x with a failure %s: %s", cmd,
			      fired ? "injected" : "armed, not reached",
			      tt_errname(e));
}

static void tt_df_fault(struct tt_df *d)
{
	int pristine;
	size_t len;

	switch (tt_rng_below(&d->aux, 4)) {
	case 0:
		tt_df_fault_open(d);
		break;
	case 1:
		tt_df_fault_ioctl(d);
		break;
	case 2:
		tt_df_read_how(d, TT_GEN_MAX, 3);
		break;
	default:
		len = tt_gen_frame(&d->aux, &d->gen, d->buf, &pristine);
		tt_df_write(d, d->buf, len, 3);
	}
}

/* ---- opens refused ------------------------------------------------------ */

/* The unit this session has open, opened again: EBUSY. */
static void tt_df_edge_busy(struct tt_df *d)
{
	char path[32];
	int fd;

	snprintf(path, sizeof(path), "/dev/%s%d", d->tap ? "tap" : "tun",
		 d->unit);
	errno = 0;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd >= 0 || errno != EBUSY)
		tt_df_finding(d, "second open of %s: %s", path,
			      fd >= 0 ? "ok" : tt_errname(errno));
	if (fd >= 0)
		close(fd);
}

/* Another unit opened without CAP_NET_ADMIN in the effective set: EPERM,
 * and no interface. */
static void tt_df_edge_noadmin(struct tt_df *d)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct saved[2], c[2];
	int unit = (d->unit + 1) % TT_DF_UNITS, fd, e;
	char name[IFNAMSIZ], path[32];

	if (syscall(SYS_capget, &h, saved) < 0)
		return;
	memcpy(c, saved, sizeof(c));
	c[CAP_NET_ADMIN / 32].effective &= ~(1u << (CAP_NET_ADMIN % 32));
	h.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(SYS_capset, &h, c) < 0)
		return;
	snprintf(name, sizeof(name), "%s%d", d->tap ? "tap" : "tun", unit);
	snprintf(path, sizeof(path), "/dev/%s", name);
	fd = open(path, O_RDWR | O_CLOEXEC);
	e = errno;
	h.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(SYS_capset, &h, saved) < 0)
		tt_df_finding(d, "capset: cannot restore: %s", tt_errname(errno));
	if (fd >= 0 || e != EPERM)
		tt_df_finding(d, "open %s without CAP_NET_ADMIN: %s", path,
			      fd >= 0 ? "ok" : tt_errname(e));
	if (fd >= 0)
		close(fd);
	if (tt_if_exists(name))
		tt_df_finding(d, "%s exists after a refused open", name);
}

/*
 * What sysfs says: live_objects, this unit and its queue (exactly 1
 * while down); a node's uevent, which names it and gives it mode 0600
 * (opening makes an interface: root only), as devtmpfs and udev read it.
 */
static void tt_df_edge_sysfs(struct tt_df *d)
{
	long long n = tt_file_number(TT_DF_LIVE);
	char path[64], ev[256] = "", want[32];
	int tap = (int)tt_rng_below(&d->aux, 2);
	int unit = (int)tt_rng_below(&d->aux, TT_DF_UNITS), fd;
	ssize_t r;

	if (n < 1 || (!d->up && n != 1))
		tt_df_finding(d, "live_objects %lld with one unit open, %s", n,
			      d->up ? "up" : "down");
	snprintf(path, sizeof(path), "/sys/class/tuntap/%s%d/uevent",
		 tap ? "tap" : "tun", unit);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	r = fd < 0 ? -1 : read(fd, ev, sizeof(ev) - 1);
	if (fd >= 0)
		close(fd);
	snprintf(want, sizeof(want), "\nDEVNAME=%s%d\n", tap ? "tap" : "tun",
		 unit);
	if (r <= 0 || !strstr(ev, want) || !strstr(ev, "\nDEVMODE=0600\n"))
		tt_df_finding(d, "%s: %s", path, r < 0 ? tt_errname(errno) : ev);
}

/* ---- packets the stack transmits ---------------------------------------- */

/*
 * Send one frame through the interface with a packet socket: tap an
 * Ethernet frame of len bytes, tun an L3 packet of len bytes of proto
 * (IPv4, IPv6, or ARP, which tun cannot frame and drops).  0 or -1.
 */
static int tt_df_xmit(int s, const struct tt_df *d, uint8_t *buf, size_t len,
		      uint16_t proto)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET,
				   .sll_protocol = htons(proto) };

	sll.sll_ifindex = (int)if_nametoindex(d->name);
	if (d->tap && len >= ETH_HLEN) {
		memset(buf, 0xff, 6);
		memcpy(buf + 6, d->gen.mac, 6);
		buf[12] = (uint8_t)(proto >> 8);
		buf[13] = (uint8_t)proto;
	}
	return sendto(s, buf, len, MSG_DONTWAIT, (struct sockaddr *)&sll,
		      sizeof(sll)) < 0 ? -1 : 0;
}

/* A packet socket for d's interface: tap sends whole frames, tun L3. */
static int tt_df_packet_socket(const struct tt_df *d)
{
	return socket(AF_PACKET, (d->tap ? SOCK_RAW : SOCK_DGRAM) | SOCK_CLOEXEC,
		      0);
}

/* One small IPv4 frame, which tun and tap alike queue: 0 or -1. */
static int tt_df_xmit_one(struct tt_df *d)
{
	int s = tt_df_packet_socket(d), r;

	if (s < 0)
		return -1;
	memset(d->buf, 0x45, 64);
	r = tt_df_xmit(s, d, d->buf, 60, ETH_P_IP);
	close(s);
	return r;
}

static uint16_t tt_df_xmit_proto(struct tt_df *d)
{
	static const uint16_t protos[] = { ETH_P_IP, ETH_P_IPV6, ETH_P_ARP };

	return protos[tt_rng_below(&d->aux, 3)];
}

/*
 * A burst of frames, the queue perhaps made short first (it fills, the
 * stack's queue is stopped, reads wake it) and perhaps shortened under
 * it (the next frame is dropped).  Up, with a frame tun can frame sent:
 * something is queued.  The reads that follow drain it.
 */
static void tt_df_edge_xmit(struct tt_df *d)
{
	int s = tt_df_packet_socket(d);
	int i, n = 1 + (int)tt_rng_below(&d->aux, 24), sent = 0, q = 0;
	size_t len, max = d->gen.mtu + (d->tap ? ETH_HLEN : 0);
	uint16_t proto;

	if (s < 0)
		return;
	if (tt_rng_chance(&d->aux, 30))
		tt_if_set_txqueuelen(d->name, 1 + (int)tt_rng_below(&d->aux, 8));
	for (i = 0; i < n; i++) {
		if (i == n / 2 && tt_rng_chance(&d->aux, 30))
			tt_if_set_txqueuelen(d->name, 1 + i / 4);
		/* tap: now and then more than a page, which the packet
		 * socket puts in page fragments beyond the link header */
		len = tt_rng_chance(&d->aux, 20) ? max :
			1 + tt_rng_below(&d->aux, (uint32_t)(max < 200 ? max : 200));
		if (d->tap && len < ETH_HLEN)
			len = ETH_HLEN;
		tt_rng_bytes(&d->aux, d->buf, len);
		proto = tt_df_xmit_proto(d);
		if (tt_df_xmit(s, d, d->buf, len, proto) == 0 &&
		    (d->tap || proto != ETH_P_ARP))
			sent++;
	}
	close(s);
	if (!d->exact || !d->up || !sent)
		return;
	if (ioctl(d->fd, FIONREAD, &q) < 0 || q <= 0)
		tt_df_finding(d, "%d frames transmitted, FIONREAD %d", sent, q);
}

/* ---- sleeping readers ----------------------------------------------------- */

static void tt_df_nothing(int sig)
{
	(void)sig;
}

/* SIGUSR1 to this process in ms milliseconds, interrupting a read. */
static timer_t tt_df_timer(int ms)
{
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL,
			       .sigev_signo = SIGUSR1 };
	struct itimerspec its = { .it_value = { ms / 1000,
						(ms % 1000) * 1000000L } };
	struct sigaction sa = { .sa_handler = tt_df_nothing };	/* no SA_RESTART */
	timer_t t;

	sigaction(SIGUSR1, &sa, NULL);
	if (timer_create(CLOCK_MONOTONIC, &ev, &t) < 0)
		return 0;
	timer_settime(t, 0, &its, NULL);
	return t;
}

/* A frame for tun or tap that any unit queues, sent after ms. */
static pid_t tt_df_send_later(struct tt_df *d, int ms)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	tt_msleep(ms);
	_exit(tt_df_xmit_one(d) == 0 ? 0 : 1);
}

/* A blocking read in a child: exit 10 if it got a packet. */
static pid_t tt_df_read_later(struct tt_df *d)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	_exit(read(d->fd, d->rbuf, TT_GEN_MAX) > 0 ? 10 : 0);
}

/*
 * A reader asleep in a child, woken by a packet this task transmits (so
 * that the wake-up runs, and is covered, here): the child must get it.
 */
static void tt_df_wake_other(struct tt_df *d)
{
	pid_t other = tt_df_read_later(d);
	int status;

	tt_msleep(30);		/* the child asleep first */
	if (tt_df_xmit_one(d) < 0) {
		kill(other, SIGKILL);
		waitpid(other, &status, 0);
	} else if (tt_child_reap(other, 2000) == 10) {
		tt_df_count_read(d, TT_GEN_MAX, TT_GEN_MAX);
	} else {
		tt_df_finding(d, "a reader asleep in read() was not given the "
			      "packet sent to it");
	}
}

/*
 * Readers asleep on an empty queue, as a blocking program's are: one
 * alone, ended by a signal (EINTR) or woken by a packet the stack
 * transmits (from a child, or from this task to a child asleep); or one
 * behind another reader already asleep, ended by a signal.  A packet of
 * the stack's own may come first: then the read returns it.  Only
 * without a -j child, on an up, empty unit.
 */
static void tt_df_edge_sleep(struct tt_df *d)
{
	int how = (int)tt_rng_below(&d->aux, 4), q = -1, fl, status;
	pid_t other = 0;
	timer_t t;
	ssize_t r;

	if (d->jobs || !d->up || ioctl(d->fd, FIONREAD, &q) < 0 || q != 0)
		return;
	fl = fcntl(d->fd, F_GETFL);
	if (fl < 0 || fcntl(d->fd, F_SETFL, fl & ~O_NONBLOCK) < 0)
		return;
	if (how == 3) {
		tt_df_wake_other(d);
		fcntl(d->fd, F_SETFL, fl);
		return;
	}
	if (how == 1)
		other = tt_df_send_later(d, 20);
	else if (how == 2)
		other = tt_df_read_later(d);
	if (how == 2)
		tt_msleep(30);		/* the child asleep first */
	t = tt_df_timer(how == 1 ? 2000 : 40);
	errno = 0;
	r = read(d->fd, d->rbuf, TT_GEN_MAX);
	if (t)
		timer_delete(t);
	if (r > 0)
		tt_df_count_read(d, r, TT_GEN_MAX);
	else if (how == 1 || errno != EINTR)
		tt_df_finding(d, "sleeping read (%s): %zd %s",
			      how == 1 ? "a packet sent 20 ms later" : "a signal",
			      r, tt_errname(errno));
	if (other > 0) {
		kill(other, SIGKILL);
		if (waitpid(other, &status, 0) == other && WIFEXITED(status) &&
		    WEXITSTATUS(status) == 10)
			tt_df_count_read(d, TT_GEN_MAX, TT_GEN_MAX);
	}
	fcntl(d->fd, F_SETFL, fl);
}

/* One of the rare operations, for tuntap. */
void tt_df_edge(struct tt_df *d)
{
	d->n.rare++;
	if (tt_rng_chance(&d->aux, 40) && tt_df_fault_able()) {
		d->n.faults++;
		tt_df_fault(d);
		return;
	}
	switch (tt_rng_below(&d->aux, 8)) {
	case 0:
		tt_df_edge_busy(d);
		break;
	case 1:
		tt_df_edge_noadmin(d);
		break;
	case 2:
		tt_df_edge_sysfs(d);
		break;
	case 3:
	case 4:
		tt_df_edge_sleep(d);
		break;
	default:
		tt_df_edge_xmit(d);
	}
}
