/*
 * tt_dev.c: the character devices /dev/tunN and /dev/tapN.
 *
 * Open creates the interface, close destroys it (and returns only once
 * the stack has let go of it).  One open at a time: a second gets EBUSY;
 * descriptors that share the open (dup, fork) share the unit, and XNU
 * calls d_close on the last one's close.
 *
 * Non-blocking mode is the file's (O_NONBLOCK, fcntl, FIONBIO): XNU keeps
 * it in the file and passes IO_NDELAY to d_read, so the driver only has
 * to accept FIONBIO (the original kexts kept it per unit instead).
 */
#include "tt_darwin.h"

static int tt_dev_open(dev_t dev, int flags, int devtype, struct proc *p)
{
	struct tt_unit *u = tt_family_unit(dev);
	struct tt_family *fam;
	int err;

	(void)flags;
	(void)devtype;
	if (!u)
		return ENXIO;
	fam = u->fam;
	lck_mtx_lock(fam->lock);
	if (fam->stopping) {
		lck_mtx_unlock(fam->lock);
		return ENXIO;
	}
	lck_mtx_lock(u->lock);
	if (u->state != TT_CLOSED) {
		lck_mtx_unlock(u->lock);
		lck_mtx_unlock(fam->lock);
		return EBUSY;
	}
	/* Counted before the unit is usable, so stop cannot slip in. */
	u->state = TT_OPENING;
	u->pid = proc_pid(p);
	fam->nopen++;
	lck_mtx_unlock(u->lock);
	lck_mtx_unlock(fam->lock);

	/* No lock held: the stack may call back into the unit meanwhile. */
	err = tt_if_create(u);

	lck_mtx_lock(u->lock);
	u->state = err ? TT_CLOSED : TT_OPEN;
	lck_mtx_unlock(u->lock);
	if (err) {
		lck_mtx_lock(fam->lock);
		fam->nopen--;
		lck_mtx_unlock(fam->lock);
	}
	return err;
}

static int tt_dev_close(dev_t dev, int flags, int devtype, struct proc *p)
{
	struct tt_unit *u = tt_family_unit(dev);
	struct tt_family *fam;

	(void)flags;
	(void)devtype;
	(void)p;
	if (!u)
		return ENXIO;
	fam = u->fam;
	lck_mtx_lock(u->lock);
	if (u->state != TT_OPEN) {
		lck_mtx_unlock(u->lock);
		return EBADF;
	}
	u->state = TT_CLOSING;
	tt_if_flush(u);
	tt_if_wake(u);		/* they see TT_CLOSING and leave: EIO */
	lck_mtx_unlock(u->lock);

	tt_if_destroy(u);	/* returns after the detach callback */

	lck_mtx_lock(u->lock);
	u->state = TT_CLOSED;
	u->af_header = 0;
	u->pid = 0;
	lck_mtx_unlock(u->lock);
	selthreadclear(&u->rsel);

	lck_mtx_lock(fam->lock);
	fam->nopen--;
	lck_mtx_unlock(fam->lock);
	return 0;
}

static int tt_dev_read(dev_t dev, struct uio *uio, int ioflag)
{
	struct tt_unit *u = tt_family_unit(dev);

	if (!u)
		return ENXIO;
	return tt_rw_read(u, uio, ioflag);
}

static int tt_dev_write(dev_t dev, struct uio *uio, int ioflag)
{
	struct tt_unit *u = tt_family_unit(dev);

	(void)ioflag;	/* a write never waits: nothing to make non-blocking */
	if (!u)
		return ENXIO;
	return tt_rw_write(u, uio);
}

static int tt_dev_ioctl(dev_t dev, u_long cmd, caddr_t data, int fflag,
			struct proc *p)
{
	struct tt_unit *u = tt_family_unit(dev);
	struct ifreq *ifr;
	int err = 0;

	(void)fflag;
	(void)p;
	if (!u)
		return ENXIO;
	lck_mtx_lock(u->lock);
	if (u->state != TT_OPEN) {
		lck_mtx_unlock(u->lock);
		return EIO;
	}
	switch (cmd) {
	case FIONBIO:
		/* the file keeps the flag (bsd/kern/sys_generic.c ioctl()) */
		break;
	case FIOASYNC:
		/* fcntl(F_SETFL) always sends it; only "off" is supported */
		if (*(int *)data)
			err = ENOTTY;
		break;
	case FIONREAD:
		*(int *)data = (int)tt_rw_next_len(u);
		break;
	case TUNGIFNAME:
		ifr = (struct ifreq *)data;
		snprintf(ifr->ifr_name, sizeof(ifr->ifr_name), "%s%u",
			 ifnet_name(u->ifp), ifnet_unit(u->ifp));
		break;
	default:
		err = u->fam->ops->cdev_ioctl(u, cmd, data);
		break;
	}
	lck_mtx_unlock(u->lock);
	return err;
}

/*
 * The core's rule (tt_ready.h): readable while a packet is queued and
 * the interface up, writable while up, nothing while down.  A unit
 * being closed is both, so that its selectors return (their next call
 * fails) and close strands no one.
 */
static int tt_dev_select(dev_t dev, int which, void *wql, struct proc *p)
{
	struct tt_unit *u = tt_family_unit(dev);
	unsigned int want, ready;

	if (!u)
		return 0;
	switch (which) {
	case FREAD:
		want = TT_READY_READ;
		break;
	case FWRITE:
		want = TT_READY_WRITE;
		break;
	default:
		return 0;
	}
	lck_mtx_lock(u->lock);
	if (u->state != TT_OPEN)
		ready = want;
	else
		ready = tt_ready(tt_if_up(u), tt_queue_peek(&u->q) != NULL);
	if (!(ready & want))
		selrecord(p, &u->rsel, wql);
	lck_mtx_unlock(u->lock);
	return (ready & want) != 0;
}

struct cdevsw tt_dev_cdevsw = {
	.d_open = tt_dev_open,
	.d_close = tt_dev_close,
	.d_read = tt_dev_read,
	.d_write = tt_dev_write,
	.d_ioctl = tt_dev_ioctl,
	.d_stop = eno_stop,
	.d_reset = eno_reset,
	.d_ttys = NULL,
	.d_select = tt_dev_select,
	.d_mmap = eno_mmap,
	.d_strategy = eno_strat,
	.d_reserved_1 = eno_getc,
	.d_reserved_2 = eno_putc,
	.d_type = 0,
};
