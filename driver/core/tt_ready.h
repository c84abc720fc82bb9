/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * tt_ready.h: what select(), poll() and epoll report for a unit, the one
 * rule every port answers by (SPEC 6).
 *
 * Readable exactly while a packet is queued for an interface that is up:
 * then read() returns it without blocking.  Writable exactly while the
 * interface is up: then a write() of a valid packet is taken.  A down
 * interface reports neither, and no error: programs written for the Mac
 * OS X kexts and for Linux's tun (vtund, among others) open the unit,
 * have it brought up by a child or a script, and enter their select()
 * loop at once; a down unit that looked readable or writable would hand
 * them the EIO of a read() or write() while down, which ends their
 * session.  Writable only while up, as Linux's tun (the kexts: always):
 * a program that waits for writable before it writes then never meets
 * that EIO either, and a program that only selects for readable (vtund)
 * sees no difference.
 *
 * Going down is thus no event for a sleeper: a reader blocked in read()
 * or a poller asleep in select(), poll() or epoll_wait() sleeps on, and
 * wakes for the first packet after the interface is up again (or a
 * signal).  Only a call made while down fails, with EIO, at once.
 */
#ifndef TT_READY_H
#define TT_READY_H

#define TT_READY_READ	0x1
#define TT_READY_WRITE	0x2

static inline unsigned int tt_ready(int up, int queued)
{
	if (!up)
		return 0;
	return TT_READY_WRITE | (queued ? TT_READY_READ : 0);
}

#endif /* TT_READY_H */
