/* SPDX-License-Identifier: MIT */
/*
 * tun_ioctls.h: the user ABI of the tuntap driver's /dev/tunN and /dev/tapN.
 *
 * Install next to your program and include it after <sys/ioctl.h>.  The
 * request numbers are built with this OS's _IOR/_IOW, so they are the
 * same names but not the same numbers on Linux and on Mac OS X, as with
 * the original kexts' header of the same name.
 *
 * TUNSIFHEAD (tun only): argument an int; non-zero makes every read()
 *   return a 4-byte address family (network byte order, this OS's
 *   AF_INET / AF_INET6) in front of the packet, and every write() expect
 *   one.  0 switches it off (the default).  Packets already queued are
 *   framed by the mode in force when they are read.
 * TUNGIFHEAD (tun only): stores the current mode (0 or 1) in an int.
 * TUNGIFNAME (tun and tap): copies the interface's name into ifr_name.
 *
 * FIONBIO and FIONREAD (the length read() would return for the next
 * packet, 0 when the queue is empty) work as usual; any other request
 * fails with ENOTTY.
 */
#ifndef TUN_IOCTLS_H
#define TUN_IOCTLS_H

#if defined(__KERNEL__)
#include <linux/ioctl.h>
#include <linux/if.h>
#else
#include <sys/ioctl.h>
#include <net/if.h>
#endif

#define TUNSIFHEAD	_IOW('t', 96, int)
#define TUNGIFHEAD	_IOR('t', 97, int)
#define TUNGIFNAME	_IOR('t', 93, struct ifreq)

#endif /* TUN_IOCTLS_H */
