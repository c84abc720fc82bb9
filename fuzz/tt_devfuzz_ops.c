// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_devfuzz_ops.c: the device fuzzer's operations, one drawn per step
 * by weight, each judged against what the README promises where the
 * driver is ours.  Linux's tun gets the same operations except ioctls
 * that would change what the session knows of it (TUNSETPERSIST,
 * TUNSETLINK, filters and the like): for it only unknown requests and
 * harmless queries are drawn.
 */
#include <fcntl.h>
#include <linux/if_tun.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../conformance/tt_test.h"
#include "../driver/include/net/tun_ioctls.h"
#include "tt_devfuzz.h"
#include "tt_frame.h"

/* Arguments an ioctl gets: good memory, none, or memory it may not touch. */
static void *tt_df_arg(struct tt_df *d)
{
	switch (tt_rng_below(&d->rng, 6)) {
	case 0:
		return NULL;
	case 1:
		return (void *)8;				/* unmapped */
	case 2:
		return (void *)0xffff888000000000ull;	/* the kernel's */
	default:
		tt_rng_bytes(&d->rng, d->rbuf, 64);
		return d->rbuf;
	}
}

static int tt_df_bad(const void *arg, const struct tt_df *d)
{
	return arg != d->rbuf;
}

/*
 * Requests the VFS answers before a driver sees them (FIOCLEX, FIGETBSZ,
 * FIFREEZE, FICLONE, ...): their results are not the driver's.
 */
static int tt_df_vfs_type(unsigned int cmd)
{
	unsigned int type = _IOC_TYPE(cmd);

	return type == 0 || type == 'T' || type == 'f' || type == 'X' ||
	       type == 0x94;
}

/* An ioctl on the descriptor: ours known ones, random ones, bad ones. */
static void tt_df_op_ioctl(struct tt_df *d)
{
	static const unsigned int known[] = { TUNSIFHEAD, TUNGIFHEAD, FIONREAD,
					      TUNGIFNAME };
	static const unsigned int linux_ok[] = { TUNGETIFF, TUNGETFEATURES,
						 TUNGETSNDBUF, TUNGETVNETHDRSZ,
						 TUNSETIFF };
	unsigned int cmd, pick = tt_rng_below(&d->rng, 3);
	void *arg = tt_df_arg(d);
	int r, e, want;

	d->n.ioctls++;
	if (pick == 0 && d->drv == TT_DF_OURS)
		cmd = known[tt_rng_below(&d->rng, 4)];
	else if (pick == 0)
		cmd = linux_ok[tt_rng_below(&d->rng, 5)];
	else if (pick == 1)	/* our own 't' type, any number and size */
		cmd = _IOC(tt_rng_below(&d->rng, 4), 't',
			   tt_rng_below(&d->rng, 256),
			   tt_rng_below(&d->rng, 64));
	else
		cmd = (unsigned int)tt_rng_next(&d->rng);
	if (d->drv == TT_DF_LINUX && pick != 0 &&
	    (_IOC_TYPE(cmd) == 'T' || _IOC_TYPE(cmd) == 0x89))
		cmd = _IO(0xfe, _IOC_NR(cmd));	/* nobody's */
	errno = 0;
	r = ioctl(d->fd, cmd, arg);
	e = r < 0 ? errno : 0;
	if (d->drv != TT_DF_OURS)
		return;
	if (cmd == TUNSIFHEAD && !d->tap && r == 0)
		d->gen.hdr = *(int *)arg ? TT_GEN_HDR_AF : TT_GEN_HDR_NONE;
	if ((cmd == TUNSIFHEAD || cmd == TUNGIFHEAD) && d->tap)
		want = ENOTTY;
	else if (cmd == TUNSIFHEAD || cmd == TUNGIFHEAD || cmd == FIONREAD ||
		 cmd == TUNGIFNAME)
		want = tt_df_bad(arg, d) ? EFAULT : 0;
	else if (tt_df_vfs_type(cmd))
		return;
	else
		want = ENOTTY;
	if (e != want)
		tt_df_finding(d, "ioctl %#x (arg %p): %s, expected %s", cmd, arg,
			      e ? tt_errname(e) : "ok",
			      want ? tt_errname(want) : "ok");
	if (cmd == TUNGIFNAME && e == 0 && strcmp((char *)d->rbuf, d->name) != 0)
		tt_df_finding(d, "TUNGIFNAME says %.16s", (char *)d->rbuf);
	if (cmd == TUNGIFHEAD && e == 0 && d->exact &&
	    *(int *)arg != (d->gen.hdr == TT_GEN_HDR_AF))
		tt_df_finding(d, "TUNGIFHEAD says %d", *(int *)arg);
}

static void tt_df_op_write(struct tt_df *d)
{
	int pristine, how = (int)tt_rng_below(&d->rng, 10);
	size_t len = tt_gen_frame(&d->rng, &d->gen, d->buf, &pristine);

	tt_df_write(d, d->buf, len, how < 7 ? 0 : how < 9 ? 1 : 2);
}

/*
 * read(), and now and then readv() or, tuntap, a bad address (the aux
 * stream's choice: the main stream stays as the corpus has it).  Linux's
 * tun drops the packet a read could not copy out, so the session's
 * counts would no longer add up.
 */
static void tt_df_op_read(struct tt_df *d)
{
	static const size_t sizes[] = { 0, 1, 3, 4, 13, 14, 20, 64 };
	uint32_t a = tt_rng_below(&d->aux, 20);
	int how = a == 0 ? 1 : a == 1 && d->drv == TT_DF_OURS ? 2 : 0;

	if (tt_rng_chance(&d->rng, 70))
		tt_df_read_how(d, TT_GEN_MAX, how);
	else
		tt_df_read_how(d, sizes[tt_rng_below(&d->rng, 8)], how);
}

static void tt_df_op_poll(struct tt_df *d)
{
	int ev = tt_poll_events(d->fd, POLLIN | POLLOUT, 0);

	if (d->drv != TT_DF_OURS)
		return;
	/* down: nothing at all, the queue went with the down (SPEC 6.3) */
	if (!d->up && ev != 0)
		tt_df_finding(d, "poll while down: %#x, expected nothing", ev);
	if (d->up && (!(ev & POLLOUT) || (ev & POLLERR)))
		tt_df_finding(d, "poll while up: %#x", ev);
}

static void tt_df_op_flip(struct tt_df *d)
{
	int q = -1;

	d->n.flips++;
	if (tt_df_set_up(d, !d->up) < 0)
		tt_df_finding(d, "%s: %s", d->up ? "down" : "up",
			      tt_errname(errno));
	/* going down discards the queue */
	if (d->drv == TT_DF_OURS && !d->up &&
	    (ioctl(d->fd, FIONREAD, &q) < 0 || q != 0))
		tt_df_finding(d, "FIONREAD %d after down", q);
}

static void tt_df_op_mtu(struct tt_df *d)
{
	static const int edges[] = { -1, 0, 1, 67, 68, 69, 575, 576, 1279,
				     1280, 1500, 9000, 65534, 65535, 65536,
				     1 << 20 };
	int mtu, r, ok;

	d->n.mtus++;
	mtu = tt_rng_chance(&d->rng, 50) ? edges[tt_rng_below(&d->rng, 16)] :
		(int)(68 + tt_rng_below(&d->rng, 65535 - 68 + 1));
	r = tt_df_set_mtu(d, mtu);
	if (d->drv != TT_DF_OURS)
		return;
	ok = mtu >= TT_MTU_MIN && mtu <= TT_MTU_MAX;
	if (ok ? r != 0 : r == 0 || errno != EINVAL)
		tt_df_finding(d, "MTU %d: %s", mtu, r ? tt_errname(errno) : "ok");
	if (ok && r == 0 && d->gen.mtu != (uint32_t)mtu)
		tt_df_finding(d, "MTU %d reads back as %u", mtu, d->gen.mtu);
}

static void tt_df_op_mac(struct tt_df *d)
{
	uint8_t mac[6], now[6];
	int r, valid;

	d->n.macs++;
	tt_rng_bytes(&d->rng, mac, 6);
	if (tt_rng_chance(&d->rng, 10))
		memset(mac, 0, 6);
	else if (tt_rng_chance(&d->rng, 70))
		mac[0] &= 0xfe;		/* unicast */
	r = tt_if_set_hwaddr(d->name, mac);
	if (!d->tap)
		return;		/* no link address: refused, any errno */
	valid = !(mac[0] & 1) && memcmp(mac, "\0\0\0\0\0\0", 6) != 0;
	if (valid ? r != 0 : r == 0 || errno != EADDRNOTAVAIL)
		tt_df_finding(d, "MAC %02x:..:%02x: %s", mac[0], mac[5],
			      r ? tt_errname(errno) : "ok");
	if (tt_if_hwaddr(d->name, now) >= 0)
		memcpy(d->gen.mac, now, 6);
	if (valid && r == 0 && memcmp(now, mac, 6) != 0)
		tt_df_finding(d, "MAC does not read back");
}

static void tt_df_op_nonblock(struct tt_df *d)
{
	int on = tt_rng_chance(&d->rng, 50), fl;

	if (tt_rng_chance(&d->rng, 50)) {
		if (ioctl(d->fd, FIONBIO, &on) == 0)
			d->nonblock = on;
		return;
	}
	fl = fcntl(d->fd, F_GETFL);
	if (fl >= 0 && fcntl(d->fd, F_SETFL, on ? fl | O_NONBLOCK :
					      fl & ~O_NONBLOCK) == 0)
		d->nonblock = on;
}

/* Close and open again, perhaps another unit; or dup and close the old. */
static void tt_df_op_reopen(struct tt_df *d)
{
	int fd;

	d->n.reopens++;
	if (tt_rng_chance(&d->rng, 30)) {
		fd = dup(d->fd);
		if (fd < 0)
			return;
		close(d->fd);
		d->fd = fd;
		if (!tt_if_exists(d->name))
			tt_df_finding(d, "%s gone after dup and close", d->name);
		return;
	}
	tt_df_check_counters(d);
	tt_df_close(d);
	if (tt_df_open(d) < 0)
		tt_df_finding(d, "reopen: %s", tt_errname(errno));
}

static int tt_df_rename(const char *from, const char *to)
{
	struct ifreq ifr;
	int s, r, e;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", from);
	snprintf(ifr.ifr_newname, sizeof(ifr.ifr_newname), "%s", to);
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -1;
	r = ioctl(s, SIOCSIFNAME, &ifr);
	e = errno;
	close(s);
	errno = e;
	return r;
}

/*
 * tuntap: rename the interface to the name another unit would take and
 * open that unit: EEXIST, after the open has claimed the minor and
 * pinned the namespace, so its error ladder runs; TUNGIFNAME follows
 * the rename; then the old name again.  Drawn from the aux stream, so
 * that the main stream, and every seed's sequence, stay as they were.
 */
static void tt_df_op_rename(struct tt_df *d)
{
	int unit = (int)tt_rng_below(&d->aux, TT_DF_UNITS);
	int tap = (int)tt_rng_below(&d->aux, 2), up = d->up, fd;
	char name[IFNAMSIZ], path[32];
	struct ifreq ifr;

	d->n.renames++;
	snprintf(name, sizeof(name), "%s%d", tap ? "tap" : "tun", unit);
	if (strcmp(name, d->name) == 0)
		return;
	/* only a down interface may change its name */
	if (up && tt_df_set_up(d, 0) < 0) {
		tt_df_finding(d, "down: %s", tt_errname(errno));
		return;
	}
	if (tt_df_rename(d->name, name) < 0) {
		tt_df_finding(d, "rename to %s: %s", name, tt_errname(errno));
		goto restore;
	}
	snprintf(path, sizeof(path), "/dev/%s", name);
	errno = 0;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd >= 0 || errno != EEXIST)
		tt_df_finding(d, "open %s while its name is taken: %s", path,
			      fd >= 0 ? "ok" : tt_errname(errno));
	if (fd >= 0)
		close(fd);
	memset(&ifr, 0, sizeof(ifr));
	if (ioctl(d->fd, TUNGIFNAME, &ifr) < 0 ||
	    strcmp(ifr.ifr_name, name) != 0)
		tt_df_finding(d, "TUNGIFNAME after rename: %.16s", ifr.ifr_name);
	if (tt_df_rename(name, d->name) < 0)
		tt_df_finding(d, "rename back: %s", tt_errname(errno));
restore:
	if (up && tt_df_set_up(d, 1) < 0)
		tt_df_finding(d, "up: %s", tt_errname(errno));
}

void tt_df_op(struct tt_df *d)
{
	unsigned int w;

	if (d->drv == TT_DF_OURS && tt_rng_below(&d->aux, 100) == 0)
		tt_df_op_rename(d);
	if (d->drv == TT_DF_OURS && tt_rng_below(&d->aux, 100) < 3)
		tt_df_edge(d);
	w = tt_rng_below(&d->rng, 1000);
	if (w < 450)
		tt_df_op_write(d);
	else if (w < 650)
		tt_df_op_read(d);
	else if (w < 750)
		tt_df_op_ioctl(d);
	else if (w < 790)
		tt_df_op_poll(d);
	else if (w < 830)
		tt_df_op_flip(d);
	else if (w < 870)
		tt_df_op_mtu(d);
	else if (w < 900)
		tt_df_op_mac(d);
	else if (w < 930)
		tt_df_op_nonblock(d);
	else if (w < 950)
		tt_if_set_txqueuelen(d->name, (int)tt_rng_below(&d->rng, 2000) -
					      10);
	else if (w < 990)
		tt_df_check_counters(d);
	else if (w < 997)
		tt_df_op_reopen(d);
	else
		tt_df_ping(d);
}

/*
 * The child of -j, on the parent's descriptor: its own PRNG stream,
 * nothing judged (the parent's view of the unit is not its own), no end
 * but the parent's SIGKILL.  A read may block until the next packet
 * (going down wakes no one): the SIGKILL ends it whatever it waits for.
 */
void tt_df_child(struct tt_df *d)
{
	int pristine, v;
	size_t len;

	tt_rng_seed(&d->rng, d->seed ^ 0x6a09e667f3bcc909ull);
	for (;;) {
		switch (tt_rng_below(&d->rng, 10)) {
		case 0: case 1: case 2: case 3: case 4:
			len = tt_gen_frame(&d->rng, &d->gen, d->buf, &pristine);
			if (tt_xio_write(d->fd, d->buf, len) < 0 && errno == EIO)
				tt_poll_events(d->fd, POLLOUT, 10);
			break;
		case 5: case 6: case 7:
			if (tt_xio_read(d->fd, d->rbuf, TT_GEN_MAX) < 0 && errno == EIO)
				tt_poll_events(d->fd, POLLIN, 10);
			break;
		case 8:
			v = (int)tt_rng_below(&d->rng, 2);
			if (d->drv == TT_DF_OURS)
				ioctl(d->fd, TUNSIFHEAD, &v);
			break;
		default:
			tt_poll_events(d->fd, POLLIN | POLLOUT, 0);
			ioctl(d->fd, FIONREAD, &v);
		}
	}
}
