// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_devfuzz.c: the device fuzzer, run inside the test VM.
 *
 *   tt-devfuzz -d ours|linux [-j] [-s SEED] [-n OPS] [-t SECONDS]
 *              [-c PCS -o CORPUS] [-r CORPUS] [-F]
 *
 * Sessions on tun, then tap, of OPS operations each (tt_devfuzz_ops.c):
 * generated and mutated writes in every header mode, reads, random and
 * bad ioctls, up/down flips, MTU and MAC changes, reopens.  The seed is
 * printed and decides every operation, so a run is replayed by its seed.
 * With -t, rounds of seed, seed+1, ... go on for SECONDS.  Each session
 * ends with its counters checked and a ping through the device.  Exit 1
 * if anything was found (lines "devfuzz: FINDING: ..."); the kernel log,
 * the module's live_objects and its unload are the guest script's part.
 *
 * With -c (the debug kernel's KCOV, tt_devfuzz_kcov.c) rounds are
 * steered: a session that reached an edge of tuntap.ko no session had
 * is kept, as "SEED TAP OPS K SEED2" (OPS operations, the first K drawn
 * from SEED, the rest from SEED2), appended to CORPUS; half the later sessions
 * replay a kept one's first K operations, K picked at random, and go on
 * from a fresh SEED2.  At the end every PC reached goes to PCS.  -r
 * replays a corpus, each session judged as usual (any kernel).  -F
 * sweeps an open's points of failure (tt_devfuzz_edge.c; fail-nth, the
 * debug kernel).
 *
 * With -j a forked child shares each unit's descriptor, as any program
 * after fork() may, and writes, reads (blocking too), polls and switches
 * the header mode at the same time: races with up/down, MTU changes and
 * closes.  Results are then not judged one by one; the kernel log, the
 * ping (the child gone) and the unload still are.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../conformance/tt_test.h"
#include "../driver/include/net/tun_ioctls.h"
#include "tt_devfuzz.h"
#include "tt_frame.h"

#define TT_DF_PING_MS	4000	/* software emulation on a loaded host */

static const char *tt_df_drv_name(const struct tt_df *d)
{
	return d->drv == TT_DF_OURS ? "ours" : "linux";
}

void tt_df_finding(struct tt_df *d, const char *fmt, ...)
{
	va_list ap;

	d->findings++;
	printf("devfuzz: FINDING: %s %s seed %llu op %lu: ", tt_df_drv_name(d),
	       d->name, (unsigned long long)d->seed, d->n.ops);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* ---- the interface ----------------------------------------------------- */

int tt_df_set_up(struct tt_df *d, int up)
{
	int r = tt_if_set_up(d->name, up);

	if (r == 0)
		d->up = up;
	return r;
}

int tt_df_set_mtu(struct tt_df *d, int mtu)
{
	int r = tt_if_set_mtu(d->name, mtu), e = errno, now;

	now = tt_if_mtu(d->name);
	if (now > 0)
		d->gen.mtu = (uint32_t)now;
	errno = e;
	return r;
}

static void tt_df_sysctl6(const struct tt_df *d, const char *knob,
			  const char *v)
{
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/%s", d->name,
		 knob);
	tt_sysctl_set(path, v);		/* absent with IPv6 off: fine */
}

/* The suite's addresses (tt_target.c): benchmarking and documentation. */
static void tt_df_addresses(struct tt_df *d)
{
	struct tt_dev td = { .kind = d->tap ? TT_DEV_TAP : TT_DEV_TUN,
			     .unit = d->unit };

	tt_addr4(&td, 1, &d->gen.local4);
	tt_addr4(&td, 2, &d->gen.peer4);
	tt_addr6(&td, 1, &d->gen.local6);
	tt_addr6(&td, 2, &d->gen.peer6);
	tt_peer_mac(2, d->gen.peer_mac);
}

static int tt_df_open_linux(struct tt_df *d, int pi)
{
	struct ifreq ifr;

	d->fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (d->fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = (short)((d->tap ? IFF_TAP : IFF_TUN) |
				(pi ? 0 : IFF_NO_PI));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", d->name);
	if (ioctl(d->fd, TUNSETIFF, &ifr) < 0) {
		close(d->fd);
		d->fd = -1;
		return -1;
	}
	d->gen.hdr = pi ? TT_GEN_HDR_PI : TT_GEN_HDR_NONE;
	return 0;
}

/*
 * Open a unit the seed picks and configure it as the seed says: an IPv4
 * address always (the ping needs it), IPv6 often, up mostly, tuntap's
 * tun with the AF header half of the time.
 */
int tt_df_open(struct tt_df *d)
{
	char path[32];
	int hdr = tt_rng_chance(&d->rng, 50);
	struct in_addr peer;

	d->unit = (int)tt_rng_below(&d->rng, TT_DF_UNITS);
	snprintf(d->name, sizeof(d->name), "%s%s%d",
		 d->drv == TT_DF_LINUX ? "l" : "", d->tap ? "tap" : "tun",
		 d->unit);
	memset(&d->t, 0, sizeof(d->t));
	d->t.rd_bytes_known = 1;
	d->up = 0;
	d->nonblock = 1;
	d->gen.tap = d->tap;
	d->gen.af_inet = AF_INET;
	d->gen.af_inet6 = AF_INET6;
	d->gen.mtu = TT_MTU_DEFAULT;
	tt_df_addresses(d);
	if (d->drv == TT_DF_LINUX) {
		/* tap with PI puts 4 bytes before the Ethernet header:
		 * a mode of no use to anyone, left out */
		if (tt_df_open_linux(d, hdr && !d->tap) < 0)
			return -1;
	} else {
		snprintf(path, sizeof(path), "/dev/%s%d",
			 d->tap ? "tap" : "tun", d->unit);
		d->fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
		if (d->fd < 0)
			return -1;
		d->gen.hdr = TT_GEN_HDR_NONE;
		if (!d->tap && hdr && ioctl(d->fd, TUNSIFHEAD, &hdr) == 0)
			d->gen.hdr = TT_GEN_HDR_AF;
	}
	if (d->tap)
		tt_if_hwaddr(d->name, d->gen.mac);
	tt_df_sysctl6(d, "accept_dad", "0");
	tt_df_sysctl6(d, "router_solicitations", "0");
	peer = d->gen.peer4;
	if (tt_if_add_addr4(d->name, &d->gen.local4, d->tap ? NULL : &peer,
			    d->tap ? 24 : 32) < 0)
		tt_df_finding(d, "IPv4 address: %s", tt_errname(errno));
	if (tt_rng_chance(&d->rng, 70))
		tt_if_add_addr6(d->name, &d->gen.local6, 64);
	if (tt_rng_chance(&d->rng, 80) && tt_df_set_up(d, 1) < 0)
		tt_df_finding(d, "up: %s", tt_errname(errno));
	d->exact = 1;
	if (d->jobs) {
		/* the descriptor is shared, as after fork() in any program */
		fflush(stdout);
		d->child = fork();
		if (d->child == 0)
			tt_df_child(d);
		d->exact = 0;
	}
	return 0;
}

/* -j: the child goes before the ping and the close. */
void tt_df_stop_child(struct tt_df *d)
{
	int status;

	if (d->child <= 0)
		return;
	kill(d->child, SIGKILL);
	waitpid(d->child, &status, 0);
	d->child = 0;
	/* the child may have switched the header mode: ask the unit */
	if (d->drv == TT_DF_OURS && !d->tap &&
	    ioctl(d->fd, TUNGIFHEAD, &status) == 0)
		d->gen.hdr = status ? TT_GEN_HDR_AF : TT_GEN_HDR_NONE;
}

void tt_df_close(struct tt_df *d)
{
	if (d->fd < 0)
		return;
	tt_df_stop_child(d);
	close(d->fd);
	d->fd = -1;
	/* tuntap: the interface is gone before close() returns */
	if (d->drv == TT_DF_OURS && tt_if_exists(d->name))
		tt_df_finding(d, "%s still exists after close", d->name);
}

/* ---- judged writes and reads ------------------------------------------- */

static void tt_df_rules(const struct tt_df *d, struct tt_frame_rules *r)
{
	r->kind = d->tap ? TT_KIND_TAP : TT_KIND_TUN;
	r->af_header = d->gen.hdr == TT_GEN_HDR_AF;
	r->up = d->up;
	r->mtu = d->gen.mtu;
	r->af_inet = AF_INET;
	r->af_inet6 = AF_INET6;
}

static int tt_df_errno(enum tt_err e)
{
	switch (e) {
	case TT_OK:
		return 0;
	case TT_EIO:
		return EIO;
	case TT_EMSGSIZE:
		return EMSGSIZE;
	case TT_EAFNOSUPPORT:
		return EAFNOSUPPORT;
	case TT_EINVAL:
		break;
	}
	return EINVAL;
}

/* Bytes in front of the packet that the counters do not count. */
static size_t tt_df_hdr_len(const struct tt_df *d)
{
	return !d->tap && d->gen.hdr != TT_GEN_HDR_NONE ? 4 : 0;
}

/*
 * how: 0 write(), 1 writev() in pieces, 2 write() from a bad address,
 * 3 write() with a failure armed (tt_devfuzz_edge.c): an injected
 * failure may end it in ENOMEM or EFAULT, counting nothing.
 */
void tt_df_write(struct tt_df *d, const uint8_t *buf, size_t len, int how)
{
	struct tt_frame_rules rules;
	struct tt_frame_info info;
	struct iovec iov[3];
	size_t cut1, cut2;
	int want = 0, got, fired = 0;
	ssize_t r;

	d->n.writes++;
	errno = 0;
	if (how == 3) {
		tt_df_fault_arm(d);
		r = tt_xio_write(d->fd, buf, len);
		got = errno;
		fired = tt_df_fault_fired();
		errno = got;
		how = 0;
	} else if (how == 2) {
		r = tt_xio_write(d->fd, (const void *)8, len);
	} else if (how == 1) {
		cut1 = tt_rng_below(&d->rng, (uint32_t)len + 1);
		cut2 = cut1 + tt_rng_below(&d->rng, (uint32_t)(len - cut1) + 1);
		iov[0] = (struct iovec){ (void *)buf, cut1 };
		iov[1] = (struct iovec){ (void *)(buf + cut1), cut2 - cut1 };
		iov[2] = (struct iovec){ (void *)(buf + cut2), len - cut2 };
		r = writev(d->fd, iov, 3);
	} else {
		r = tt_xio_write(d->fd, buf, len);
	}
	got = r < 0 ? errno : 0;
	if (got == ENOMEM || got == ENOBUFS || (fired && got == EFAULT))
		return;		/* the machine's state, not the driver's */
	if (r > 0) {
		d->n.writes_ok++;
		d->t.wr_ok++;
		d->t.wr_bytes += (long long)(len - tt_df_hdr_len(d));
	}
	if (d->drv != TT_DF_OURS || !d->exact)
		return;
	tt_df_rules(d, &rules);
	if (how == 1 && len == 0) {
		/* the VFS answers an empty writev() itself (vfs_writev):
		 * 0, without asking the driver */
		want = 0;
	} else if (how == 2) {
		want = tt_df_errno(tt_frame_check_len(&rules, len));
		if (want == 0)
			want = EFAULT;
	} else {
		want = tt_df_errno(tt_frame_check_write(&rules, buf, len,
							&info));
	}
	if (r >= 0 && r != (ssize_t)len)
		tt_df_finding(d, "write of %zu returned %zd", len, r);
	if (got != want)
		tt_df_finding(d, "write of %zu (how %d, up %d, mtu %u, hdr %d): "
			      "%s, the core says %s", len, how, d->up,
			      d->gen.mtu, d->gen.hdr, got ? tt_errname(got) : "ok",
			      want ? tt_errname(want) : "ok");
	if (got != 0 && got != EIO && got != EFAULT)
		d->t.wr_refused++;
}

/* The length of a packet as the counters count it, header off. */
static long long tt_df_full(const struct tt_df *d, long long framed)
{
	long long hl = d->gen.hdr == TT_GEN_HDR_AF ? 4 : 0;

	return framed > hl ? framed - hl : 0;
}

/* readv() of want bytes of d->rbuf in three pieces the seed cuts (from
 * the aux stream, as every choice added since the corpus began). */
static ssize_t tt_df_readv(struct tt_df *d, size_t want)
{
	size_t cut1 = tt_rng_below(&d->aux, (uint32_t)want + 1), cut2;
	struct iovec iov[3];

	cut2 = cut1 + tt_rng_below(&d->aux, (uint32_t)(want - cut1) + 1);
	iov[0] = (struct iovec){ d->rbuf, cut1 };
	iov[1] = (struct iovec){ d->rbuf + cut1, cut2 - cut1 };
	iov[2] = (struct iovec){ d->rbuf + cut2, want - cut2 };
	return readv(d->fd, iov, 3);
}

/* After a read that failed in its copy-out: the packet is still first
 * in line, FIONREAD as it was (q).  why: what made it fail. */
static void tt_df_read_kept(struct tt_df *d, int q, const char *why)
{
	int after = -1;

	if (ioctl(d->fd, FIONREAD, &after) < 0 || after != q)
		tt_df_finding(d, "FIONREAD %d after %s, was %d", after, why, q);
}

/*
 * A read into memory the process does not have: EFAULT, and the packet
 * stays queued, first in line (FIONREAD as before): a failed copy-out
 * loses nothing.  Down, empty or zero-length, as any read.
 */
static void tt_df_read_bad(struct tt_df *d, size_t want, int q)
{
	int want_err = !d->up ? EIO : want == 0 ? 0 : q > 0 ? EFAULT : EAGAIN;
	ssize_t r;

	errno = 0;
	r = tt_xio_read(d->fd, (void *)8, want);
	if (d->drv != TT_DF_OURS || !d->exact)
		return;
	if (want_err ? r != -1 || errno != want_err : r != 0)
		tt_df_finding(d, "read of %zu into a bad address (FIONREAD %d): "
			      "%zd %s, expected %s", want, q, r,
			      tt_errname(errno), want_err ? tt_errname(want_err) : "0");
	tt_df_read_kept(d, q, "a read into a bad address");
}

ssize_t tt_df_read(struct tt_df *d, size_t want)
{
	return tt_df_read_how(d, want, 0);
}

/* A packet read outside tt_df_read_how(): counted; its length known
 * only if it did not fill the buffer. */
void tt_df_count_read(struct tt_df *d, ssize_t r, size_t want)
{
	d->n.reads++;
	d->n.reads_ok++;
	d->t.rd_ok++;
	if ((size_t)r < want)
		d->t.rd_bytes += tt_df_full(d, r);
	else
		d->t.rd_bytes_known = 0;
}

/*
 * how: 0 read(), 1 readv() in pieces, 2 read() into a bad address,
 * 3 read() with a failure armed (tt_devfuzz_edge.c): an injected
 * failure of the copy-out is EFAULT and loses nothing, as 2.
 */
ssize_t tt_df_read_how(struct tt_df *d, size_t want, int how)
{
	int q = 0, e;
	ssize_t r;

	d->n.reads++;
	if (d->drv == TT_DF_OURS && ioctl(d->fd, FIONREAD, &q) < 0) {
		tt_df_finding(d, "FIONREAD: %s", tt_errname(errno));
		return -1;
	}
	/*
	 * Never block: a blocking descriptor reads only what is there (ours
	 * fails with EIO while down; Linux's tun would wait for a packet),
	 * and with a child about, whatever is there may be gone by then.
	 */
	if (!d->nonblock &&
	    (!d->exact || (d->drv == TT_DF_OURS ? d->up && q == 0 :
			   !tt_poll_events(d->fd, POLLIN, 0))))
		return -1;
	if (how == 2) {
		tt_df_read_bad(d, want, q);
		return -1;
	}
	errno = 0;
	if (how == 3) {
		tt_df_fault_arm(d);
		r = tt_xio_read(d->fd, d->rbuf, want);
		e = errno;
		if (tt_df_fault_fired() && r < 0 && e == EFAULT) {
			if (d->drv == TT_DF_OURS && d->exact)
				tt_df_read_kept(d, q, "an injected failure of a read");
			return -1;
		}
		errno = e;
	} else {
		r = how == 1 ? tt_df_readv(d, want) :
			tt_xio_read(d->fd, d->rbuf, want);
	}
	if (r > 0) {
		d->n.reads_ok++;
		d->t.rd_ok++;
	}
	/* the VFS answers an empty readv() itself, even while down */
	if (d->drv != TT_DF_OURS || !d->exact || (how == 1 && want == 0))
		return r;
	if (!d->up) {
		if (q != 0)
			tt_df_finding(d, "FIONREAD %d while down", q);
		if (r >= 0 || errno != EIO)
			tt_df_finding(d, "read while down: %zd %s", r,
				      tt_errname(errno));
	} else if (want == 0) {
		if (r != 0)
			tt_df_finding(d, "zero-length read: %zd %s", r,
				      tt_errname(errno));
	} else if (q > 0) {
		if (r != (ssize_t)((size_t)q < want ? (size_t)q : want))
			tt_df_finding(d, "read of %zu with FIONREAD %d: %zd %s",
				      want, q, r, tt_errname(errno));
		else
			d->t.rd_bytes += tt_df_full(d, q);
	} else if (r > 0) {
		/* the stack queued it after FIONREAD: fine, if whole */
		if ((size_t)r < want)
			d->t.rd_bytes += tt_df_full(d, r);
		else
			d->t.rd_bytes_known = 0;
	} else if (errno != EAGAIN) {
		tt_df_finding(d, "read of an empty queue: %zd %s", r,
			      tt_errname(errno));
	}
	return r;
}

/* ---- the oracles at the end of a session --------------------------------- */

static void tt_df_counter(struct tt_df *d, const char *name, long long want)
{
	long long got = tt_if_stat(d->name, name);

	if (got != want)
		tt_df_finding(d, "%s is %lld, expected %lld", name, got, want);
}

void tt_df_check_counters(struct tt_df *d)
{
	if (!d->exact)
		return;		/* the child's packets count too */
	tt_df_counter(d, "rx_packets", d->t.wr_ok);
	tt_df_counter(d, "tx_packets", d->t.rd_ok);
	if (d->drv != TT_DF_OURS)
		return;
	tt_df_counter(d, "rx_bytes", d->t.wr_bytes);
	tt_df_counter(d, "rx_errors", d->t.wr_refused);
	if (d->t.rd_bytes_known)
		tt_df_counter(d, "tx_bytes", d->t.rd_bytes);
}

static long long tt_df_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The peer pings the local address through the device: it must answer. */
void tt_df_ping(struct tt_df *d)
{
	struct tt_match_icmp m = { d->tap, (uint16_t)tt_rng_next(&d->rng) };
	long long t0, ms;
	size_t hl, len;
	ssize_t r;
	int nb = 1, sent = 0;

	d->n.pings++;
	tt_df_stop_child(d);	/* it would read the reply */
	ioctl(d->fd, FIONBIO, &nb);
	d->nonblock = 1;
	/*
	 * A usable configuration first: up, room for the echo, and a queue
	 * (Linux's tun with txqueuelen 0 drops every packet it is given).
	 */
	if ((!d->up && tt_df_set_up(d, 1) < 0) ||
	    (d->gen.mtu < 576 && tt_df_set_mtu(d, TT_MTU_DEFAULT) < 0) ||
	    (tt_if_txqueuelen(d->name) < 1 &&
	     tt_if_set_txqueuelen(d->name, TT_QUEUE_DEFAULT) < 0)) {
		tt_df_finding(d, "ping: cannot configure: %s", tt_errname(errno));
		return;
	}
	/* the header mode is known only now that the child is gone */
	hl = tt_df_hdr_len(d);
	while (tt_df_read(d, TT_GEN_MAX) > 0)
		;
	for (t0 = tt_df_now_ms(); (ms = tt_df_now_ms() - t0) < TT_DF_PING_MS;) {
		/*
		 * One echo a second, as ping(8) sends them: the first may
		 * wait for the peer's address behind the fuzzer's own
		 * replies, and be dropped with them (the neighbour's queue
		 * of unresolved packets is bounded).
		 */
		if (ms >= sent * 1000) {
			len = tt_gen_ping(&d->gen, d->buf, m.id);
			tt_df_write(d, d->buf, len, 0);
			sent++;
		}
		if (!tt_wait_readable(d->fd, 50))
			continue;
		r = tt_df_read(d, TT_GEN_MAX);
		if (r <= (ssize_t)hl)
			continue;
		if (tt_match_icmp4_reply(d->rbuf + hl, (size_t)r - hl, &m))
			return;
		/* tap: the stack asks where the peer is before it answers */
		if (d->tap && tt_match_arp_request(d->rbuf, (size_t)r,
						   &d->gen.peer4))
			tt_df_write(d, d->buf, tt_gen_arp_reply(&d->gen, d->buf),
				    0);
	}
	tt_df_finding(d, "no echo reply through the device within %d ms "
		      "(mtu %u, txqueuelen %d, header %d)", TT_DF_PING_MS,
		      d->gen.mtu, tt_if_txqueuelen(d->name), d->gen.hdr);
}

/* ---- sessions ----------------------------------------------------------- */

#define TT_DF_HANG_S	30	/* no operation takes that long: a hang */

static struct tt_df *tt_df_current;

/* A blocked system call is a finding too: say where, then give up. */
static void tt_df_hung(int sig)
{
	struct tt_df *d = tt_df_current;

	(void)sig;
	dprintf(1, "devfuzz: FINDING: %s %s seed %llu op %lu: hung for %d s\n",
		tt_df_drv_name(d), d->name, (unsigned long long)d->seed,
		d->n.ops, TT_DF_HANG_S);
	_exit(3);
}

/* One session: open, ops operations, counters, ping, close; the first k
 * operations from seed's stream and the rest from seed2's (k >= ops: all
 * from seed).  Its findings. */
unsigned long tt_df_session(struct tt_df *d, uint64_t seed, int tap,
				   unsigned long ops, unsigned long k,
				   uint64_t seed2)
{
	long long t0 = tt_df_now_ms(), ms;

	d->seed = seed;
	d->tap = tap;
	d->findings = 0;
	memset(&d->n, 0, sizeof(d->n));
	tt_rng_seed(&d->rng, seed * 2 + (uint64_t)tap);
	tt_rng_seed(&d->aux, ~(seed * 2 + (uint64_t)tap));
	if (tt_df_open(d) < 0) {
		snprintf(d->name, sizeof(d->name), "%s", tap ? "tap" : "tun");
		tt_df_finding(d, "open: %s", tt_errname(errno));
		return d->findings;
	}
	for (d->n.ops = 0; d->n.ops < ops && d->fd >= 0; d->n.ops++) {
		if (d->n.ops % 64 == 0)
			alarm(TT_DF_HANG_S);
		if (d->n.ops == k)
			tt_rng_seed(&d->rng, seed2 * 2 + (uint64_t)tap);
		tt_df_op(d);
	}
	alarm(TT_DF_HANG_S);
	if (d->fd >= 0) {
		tt_df_check_counters(d);
		tt_df_ping(d);
		tt_df_check_counters(d);
		tt_df_close(d);
	}
	alarm(0);
	ms = tt_df_now_ms() - t0;
	if (k < ops)
		printf("devfuzz: %s %s seed %llu, from op %lu seed %llu\n",
		       tt_df_drv_name(d), tap ? "tap" : "tun",
		       (unsigned long long)seed, k, (unsigned long long)seed2);
	printf("devfuzz: %s %s seed %llu: %lu ops in %lld ms (%lld/s): "
	       "%lu writes (%lu taken), %lu reads (%lu packets), %lu ioctls, "
	       "%lu up/down, %lu MTU, %lu MAC, %lu reopens, %lu renames, "
	       "%lu rare, %lu faults, %lu pings, %lu findings\n",
	       tt_df_drv_name(d), tap ? "tap" : "tun",
	       (unsigned long long)seed, d->n.ops, ms,
	       ms ? (long long)d->n.ops * 1000 / ms : 0, d->n.writes,
	       d->n.writes_ok, d->n.reads, d->n.reads_ok, d->n.ioctls,
	       d->n.flips, d->n.mtus, d->n.macs, d->n.reopens, d->n.renames,
	       d->n.rare, d->n.faults, d->n.pings, d->findings);
	fflush(stdout);
	return d->findings;
}

static void tt_df_usage(void)
{
	fprintf(stderr, "usage: tt-devfuzz -d ours|linux [-j] [-s SEED] [-n OPS] "
		"[-t SECONDS] [-c PCS -o CORPUS] [-r CORPUS] [-F]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct tt_df d = { .fd = -1 };
	unsigned long ops = 2000, found = 0, total = 0, rounds = 0;
	uint64_t seed = 1;
	long long secs = 0, t0, ms;
	int c, drv = -1, sweep = 0;
	const char *pcs = NULL, *corpus = NULL, *replay = NULL;
	FILE *out = NULL;

	while ((c = getopt(argc, argv, "d:js:n:t:c:o:r:F")) != -1) {
		switch (c) {
		case 'd':
			if (strcmp(optarg, "ours") == 0)
				drv = TT_DF_OURS;
			else if (strcmp(optarg, "linux") == 0)
				drv = TT_DF_LINUX;
			else
				tt_df_usage();
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			ops = strtoul(optarg, NULL, 0);
			break;
		case 'j':
			d.jobs = 1;
			break;
		case 't':
			secs = strtoll(optarg, NULL, 0);
			break;
		case 'c':
			pcs = optarg;
			break;
		case 'o':
			corpus = optarg;
			break;
		case 'r':
			replay = optarg;
			break;
		case 'F':
			sweep = 1;
			break;
		default:
			tt_df_usage();
		}
	}
	if (drv < 0 || optind != argc || (pcs && !corpus) || (corpus && !pcs))
		tt_df_usage();
	d.drv = (enum tt_df_drv)drv;
	d.buf = malloc(TT_GEN_MAX);
	d.rbuf = malloc(TT_GEN_MAX);
	if (!d.buf || !d.rbuf)
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	tt_df_current = &d;
	signal(SIGALRM, tt_df_hung);
	printf("devfuzz: %s%s: seed %llu, %lu ops per session%s\n",
	       tt_df_drv_name(&d), d.jobs ? " -j" : "", (unsigned long long)seed, ops,
	       secs ? ", rounds of seed+1, seed+2, ... for the time given" : "");
	if (pcs) {
		if (tt_kcov_open() < 0) {
			fprintf(stderr, "tt-devfuzz: KCOV: %s (a kernel with "
				"CONFIG_KCOV and debugfs mounted?)\n",
				tt_errname(errno));
			return 2;
		}
		out = fopen(corpus, "ae");
		if (!out) {
			fprintf(stderr, "tt-devfuzz: %s: %s\n", corpus,
				strerror(errno));
			return 2;
		}
		setvbuf(out, NULL, _IOLBF, 0);
	}
	t0 = tt_df_now_ms();
	if (sweep) {
		found = tt_df_fault_sweep(&d);
	} else if (replay) {
		found = tt_df_replay(&d, replay, &total);
		rounds = 1;
	} else {
		do {
			if (pcs) {
				found += tt_df_steered(&d, seed + rounds, 0, ops, out);
				found += tt_df_steered(&d, seed + rounds, 1, ops, out);
			} else {
				found += tt_df_session(&d, seed + rounds, 0, ops, ops, 0);
				found += tt_df_session(&d, seed + rounds, 1, ops, ops, 0);
			}
			total += 2 * ops;
			rounds++;
		} while (tt_df_now_ms() - t0 < secs * 1000);
	}
	ms = tt_df_now_ms() - t0;
	printf("devfuzz: %s: %lu rounds, %lu ops in %lld ms (%lld ops/s), "
	       "%lu findings\n", tt_df_drv_name(&d), rounds, total, ms,
	       ms ? (long long)total * 1000 / ms : 0, found);
	if (pcs) {
		fclose(out);
		if (tt_kcov_write(pcs) < 0) {
			fprintf(stderr, "tt-devfuzz: %s: %s\n", pcs, strerror(errno));
			return 2;
		}
		printf("devfuzz: kcov: %zu inputs kept in %s\n", tt_df_corpus_size(),
		       corpus);
	}
	free(d.buf);
	free(d.rbuf);
	return found ? 1 : 0;
}
