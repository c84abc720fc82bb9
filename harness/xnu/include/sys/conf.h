/* SPDX-License-Identifier: GPL-2.0-only */
/* sys/conf.h (simulated XNU, bsd/sys/conf.h): the character device switch. */
#ifndef _XNU_SIM_SYS_CONF_H
#define _XNU_SIM_SYS_CONF_H

#include <sys/kernel_types.h>

struct tty;
struct buf;
struct proc;
struct uio;

typedef int open_close_fcn_t(dev_t dev, int flags, int devtype,
			     struct proc *p);
typedef void strategy_fcn_t(struct buf *bp);
typedef int ioctl_fcn_t(dev_t dev, u_long cmd, caddr_t data, int fflag,
			struct proc *p);
typedef int read_write_fcn_t(dev_t dev, struct uio *uio, int ioflag);
typedef int stop_fcn_t(struct tty *tp, int rw);
typedef int reset_fcn_t(int uban);
typedef int select_fcn_t(dev_t dev, int which, void *wql, struct proc *p);
typedef int mmap_fcn_t(void);
typedef int rsvd_fcn_t(void);

#define d_open_t	open_close_fcn_t
#define d_close_t	open_close_fcn_t
#define d_read_t	read_write_fcn_t
#define d_write_t	read_write_fcn_t
#define d_ioctl_t	ioctl_fcn_t
#define d_select_t	select_fcn_t

struct cdevsw {
	open_close_fcn_t *d_open;
	open_close_fcn_t *d_close;
	read_write_fcn_t *d_read;
	read_write_fcn_t *d_write;
	ioctl_fcn_t *d_ioctl;
	stop_fcn_t *d_stop;
	reset_fcn_t *d_reset;
	struct tty **d_ttys;
	select_fcn_t *d_select;
	mmap_fcn_t *d_mmap;
	strategy_fcn_t *d_strategy;
	rsvd_fcn_t *d_reserved_1;
	rsvd_fcn_t *d_reserved_2;
	int d_type;
};

int enodev(void);
void enodev_strat(void);
#define eno_stop	((stop_fcn_t *)(void (*)(void))&enodev)
#define eno_reset	((reset_fcn_t *)(void (*)(void))&enodev)
#define eno_mmap	((mmap_fcn_t *)(void (*)(void))&enodev)
#define eno_strat	((strategy_fcn_t *)(void (*)(void))&enodev_strat)
#define eno_getc	((rsvd_fcn_t *)&enodev)
#define eno_putc	((rsvd_fcn_t *)&enodev)

/* index -1: the kernel picks a free major; returns it, or -1. */
int cdevsw_add(int index, const struct cdevsw *csw);
/* returns index, or -1 when csw is not the entry at index. */
int cdevsw_remove(int index, const struct cdevsw *csw);

#endif
