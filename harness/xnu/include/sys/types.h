/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sys/types.h (simulated XNU, bsd/sys/types.h): the kernel's basic types,
 * only those the kexts use.  The simulator's headers stand in for
 * Kernel.framework: a kext built against them sees no host header at all
 * (it is compiled -nostdinc -ffreestanding), so anything it uses that XNU
 * does not give it fails to compile here, as it would on a Mac.
 */
#ifndef _XNU_SIM_SYS_TYPES_H
#define _XNU_SIM_SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

typedef uint8_t u_int8_t;
typedef uint16_t u_int16_t;
typedef uint32_t u_int32_t;
typedef uint64_t u_int64_t;
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef int errno_t;
typedef int32_t dev_t;
typedef int32_t pid_t;
typedef uint32_t uid_t;
typedef uint32_t gid_t;
typedef long ssize_t;
typedef int64_t off_t;
typedef char *caddr_t;
typedef int64_t user_ssize_t;
typedef uint8_t sa_family_t;
typedef int boolean_t;

struct timespec {
	long tv_sec;
	long tv_nsec;
};

/* bsd/sys/types.h: the major number in the top byte, the minor below. */
#define major(x)	((int32_t)(((u_int32_t)(x) >> 24) & 0xff))
#define minor(x)	((int32_t)((x) & 0xffffff))
#define makedev(x, y)	((dev_t)(((x) << 24) | (y)))

#ifndef NULL
#define NULL ((void *)0)
#endif

#endif
