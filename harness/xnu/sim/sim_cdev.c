// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim_cdev.c: character devices and the system calls that reach them.
 *
 * cdevsw_add / cdevsw_remove (bsd/kern/bsd_stubs.c): the switch holds a
 * copy of the entry; remove checks it is the same entry.  The table is
 * XNU's (bsd/dev/i386/conf.c): 64 majors, the kernel's static devices in
 * 0, 2-8 and 12; index -1 takes the first free from 0, -N the first free
 * from N, N exactly N.  devfs nodes
 * (bsd/miscfs/devfs/devfs_tree.c).  The system calls mirror
 * bsd/kern/sys_generic.c and bsd/vfs/vfs_vnops.c: the open file keeps
 * FNONBLOCK and passes IO_NDELAY to d_read / d_write; ioctl() copies the
 * argument in and out by the request's encoded size and handles FIONBIO
 * in the file before the driver sees it; d_close runs on the last close
 * of an open (dup'ed descriptors share it, as forked ones do).  A uio is
 * a list of user buffers (readv, writev); uiomove walks them and fails
 * with EFAULT on an unmapped one.  A driver's ERESTART restarts the call,
 * EINTR ends it (after a partial transfer, with what was transferred).
 */
#include <sys/fcntl.h>
#include <sys/vnode.h>
#include <sys/proc.h>
#include <miscfs/devfs/devfs.h>

#include "sim_internal.h"

#define XS_NCDEV	64	/* nchrdev */
#define XS_NIOV		16
#define XS_PAGE		4096	/* the first page: never mapped */
#define XS_NNODES	64
#define XS_NFILES	64
#define XS_NOPENS	64
#define XS_S_IFCHR	0020000
#define XS_UIO_MAGIC	0x75696f21u
#define XS_IOCPARM_MAX	8192

struct xs_cdev {
	int used;
	int owner;
	struct cdevsw sw;
};

struct xs_node {
	int used;
	int owner;
	char path[64];
	dev_t dev;
	int perms;
	uid_t uid;
};

/* an open (XNU's fileglob): what dup'ed descriptors share */
struct xs_open {
	int used;
	dev_t dev;
	int fflag;
	int ndesc;
};

struct uio {
	u_int32_t magic;
	struct xsim_iovec iov[XS_NIOV];
	int niov;
	int cur;		/* the buffer uiomove is at */
	size_t resid;
	int reading;		/* UIO_READ: kernel to user */
};

struct proc {
	int pid;
};

static struct xs_cdev xs_cdevs[XS_NCDEV];
static struct xs_node xs_nodes[XS_NNODES];
static struct xs_open xs_opens[XS_NOPENS];
static int xs_fds[XS_NFILES];		/* index into xs_opens + 1, or 0 */
static int xs_pid = 100;
static int xs_uio_delay_ms;
static int xs_uio_in_delay;	/* uiomoves in their delay right now */

int xsim_uio_in_delay(void)
{
	int n;

	xh_mutex_lock(xs_lock);
	n = xs_uio_in_delay;
	xh_mutex_unlock(xs_lock);
	return n;
}

void xsim_set_uio_delay_ms(int ms)
{
	xh_mutex_lock(xs_lock);
	xs_uio_delay_ms = ms;
	xh_mutex_unlock(xs_lock);
}

void xsim_set_pid(int pid)
{
	xh_mutex_lock(xs_lock);
	xs_pid = pid;
	xh_mutex_unlock(xs_lock);
}

static struct proc xs_curproc(void)
{
	struct proc p;

	xh_mutex_lock(xs_lock);
	p.pid = xs_pid;
	xh_mutex_unlock(xs_lock);
	return p;
}

int proc_pid(proc_t p)
{
	return p->pid;
}

int proc_selfpid(void)
{
	return xs_curproc().pid;
}

/* the kernel's own devices: never opened here */
static int xs_nodev(dev_t dev, int flags, int devtype, struct proc *p)
{
	(void)dev;
	(void)flags;
	(void)devtype;
	(void)p;
	return ENODEV;
}

void xs_cdev_boot(void)
{
	static const int xs_static_majors[] = { 0, 2, 3, 4, 5, 6, 7, 8, 12 };
	size_t i;

	bzero(xs_cdevs, sizeof(xs_cdevs));
	for (i = 0; i < sizeof(xs_static_majors) / sizeof(int); i++) {
		struct xs_cdev *c = &xs_cdevs[xs_static_majors[i]];

		c->used = 1;
		c->owner = XS_NO_KEXT;
		c->sw.d_open = xs_nodev;
	}
	xs_uio_delay_ms = 0;
	bzero(xs_nodes, sizeof(xs_nodes));
	bzero(xs_opens, sizeof(xs_opens));
	bzero(xs_fds, sizeof(xs_fds));
	xs_pid = 100;
}

void xs_cdev_shutdown(void)
{
	int i;

	for (i = 0; i < XS_NFILES; i++)
		if (xs_fds[i])
			xh_panic("simulator: shutdown with descriptor %d open",
				 i);
}

long xs_cdevs_of(int kext)
{
	long n = 0;
	int i;

	xh_mutex_lock(xs_lock);
	for (i = 0; i < XS_NCDEV; i++)
		n += xs_cdevs[i].used && xs_cdevs[i].owner == kext;
	xh_mutex_unlock(xs_lock);
	return n;
}

long xs_nodes_of(int kext)
{
	long n = 0;
	int i;

	xh_mutex_lock(xs_lock);
	for (i = 0; i < XS_NNODES; i++)
		n += xs_nodes[i].used && xs_nodes[i].owner == kext;
	xh_mutex_unlock(xs_lock);
	return n;
}

static int xs_cdevsw_add(int index, const struct cdevsw *csw, int owner)
{
	xh_mutex_lock(xs_lock);
	if (index < 0) {
		for (index = index == -1 ? 0 : -index; index < XS_NCDEV; index++)
			if (!xs_cdevs[index].used)
				break;
	}
	if (index >= XS_NCDEV || xs_cdevs[index].used)
		index = -1;
	if (index >= 0) {
		xs_cdevs[index].used = 1;
		xs_cdevs[index].owner = owner;
		xs_cdevs[index].sw = *csw;
	}
	xh_mutex_unlock(xs_lock);
	return index;
}

int cdevsw_add(int index, const struct cdevsw *csw)
{
	return xs_cdevsw_add(index, csw, xs_cur_kext);
}

int xsim_cdevsw_add_fixed(int major)
{
	struct cdevsw sw;

	if (major < 0)
		xh_panic("xsim_cdevsw_add_fixed: %d is not a fixed major",
			 major);
	bzero(&sw, sizeof(sw));
	sw.d_open = xs_nodev;
	return xs_cdevsw_add(major, &sw, XS_NO_KEXT);
}

int cdevsw_remove(int index, const struct cdevsw *csw)
{
	xh_mutex_lock(xs_lock);
	if (index < 0 || index >= XS_NCDEV || !xs_cdevs[index].used ||
	    memcmp(&xs_cdevs[index].sw, csw, sizeof(*csw))) {
		xh_mutex_unlock(xs_lock);
		return -1;
	}
	xs_cdevs[index].used = 0;
	xh_mutex_unlock(xs_lock);
	return index;
}

int enodev(void)
{
	return ENODEV;
}

void enodev_strat(void)
{
}

void *devfs_make_node(dev_t dev, int chrblk, uid_t uid, gid_t gid, int perms,
		      const char *fmt, ...)
{
	char name[48];
	va_list ap;
	int i, slot = -1;

	(void)gid;
	if (chrblk != DEVFS_CHAR)
		xh_panic("devfs_make_node: only character devices simulated");
	if (xs_fault("devfs_make_node", __builtin_return_address(0)))
		return NULL;
	va_start(ap, fmt);
	xh_vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	xh_mutex_lock(xs_lock);
	for (i = 0; i < XS_NNODES; i++) {
		if (xs_nodes[i].used && !strcmp(xs_nodes[i].path + 5, name)) {
			xh_mutex_unlock(xs_lock);
			return NULL;	/* the name exists */
		}
		if (!xs_nodes[i].used && slot < 0)
			slot = i;
	}
	if (slot < 0)
		xh_panic("simulator: more than %d device nodes", XS_NNODES);
	xs_nodes[slot].used = 1;
	xs_nodes[slot].owner = xs_cur_kext;
	snprintf(xs_nodes[slot].path, sizeof(xs_nodes[slot].path), "/dev/%s",
		 name);
	xs_nodes[slot].dev = dev;
	xs_nodes[slot].perms = perms;
	xs_nodes[slot].uid = uid;
	xh_mutex_unlock(xs_lock);
	return &xs_nodes[slot];
}

void devfs_remove(void *handle)
{
	struct xs_node *n = handle;

	xh_mutex_lock(xs_lock);
	if (n < xs_nodes || n >= xs_nodes + XS_NNODES || !n->used)
		xh_panic("devfs_remove: %p is not a device node", handle);
	n->used = 0;
	xh_mutex_unlock(xs_lock);
}

int xsim_node_mode(const char *path)
{
	int i, mode = -1;

	xh_mutex_lock(xs_lock);
	for (i = 0; i < XS_NNODES; i++)
		if (xs_nodes[i].used && !strcmp(xs_nodes[i].path, path))
			mode = xs_nodes[i].perms;
	xh_mutex_unlock(xs_lock);
	return mode;
}

int xsim_node_uid(const char *path)
{
	int i, uid = -1;

	xh_mutex_lock(xs_lock);
	for (i = 0; i < XS_NNODES; i++)
		if (xs_nodes[i].used && !strcmp(xs_nodes[i].path, path))
			uid = (int)xs_nodes[i].uid;
	xh_mutex_unlock(xs_lock);
	return uid;
}

/* ---- uio --------------------------------------------------------------- */

user_ssize_t uio_resid(uio_t uio)
{
	if (!uio || uio->magic != XS_UIO_MAGIC)
		xh_panic("uio_resid: %p is not a uio", (void *)uio);
	return (user_ssize_t)uio->resid;
}

/* bsd/kern/kern_subr.c uiomove: buffer by buffer, copyin / copyout. */
int uiomove(const char *cp, int n, struct uio *uio)
{
	char *k = (char *)(uintptr_t)cp;
	size_t left;
	int delay;

	if (!uio || uio->magic != XS_UIO_MAGIC)
		xh_panic("uiomove: %p is not a uio", (void *)uio);
	if (n < 0)
		xh_panic("uiomove: negative length %d", n);
	xh_mutex_lock(xs_lock);
	delay = xs_uio_delay_ms;
	xs_uio_in_delay += delay != 0;
	xh_mutex_unlock(xs_lock);
	if (delay) {
		xh_msleep(delay);	/* the user's pages coming in */
		xh_mutex_lock(xs_lock);
		xs_uio_in_delay--;
		xh_mutex_unlock(xs_lock);
	}
	left = (size_t)n;
	while (left > 0 && uio->resid > 0) {
		struct xsim_iovec *iov = &uio->iov[uio->cur];
		size_t cnt = left < iov->len ? left : iov->len;

		if (!iov->len) {
			uio->cur++;
			continue;
		}
		if ((uintptr_t)iov->base < XS_PAGE)
			return EFAULT;	/* copyin / copyout fault */
		if (uio->reading)
			memcpy(iov->base, k, cnt);
		else
			memcpy(k, iov->base, cnt);
		iov->base = (char *)iov->base + cnt;
		iov->len -= cnt;
		uio->resid -= cnt;
		k += cnt;
		left -= cnt;
	}
	return 0;
}

/* ---- the system calls --------------------------------------------------- */

/* A descriptor's open and its driver, held for one call. */
static int xs_fd_get(int fd, struct xs_open **op, struct cdevsw *sw, int *owner)
{
	struct xs_open *o;
	int mj;

	xh_mutex_lock(xs_lock);
	if (fd < 0 || fd >= XS_NFILES || !xs_fds[fd]) {
		xh_mutex_unlock(xs_lock);
		return EBADF;
	}
	o = &xs_opens[xs_fds[fd] - 1];
	mj = major(o->dev);
	if (!xs_cdevs[mj].used) {
		xh_mutex_unlock(xs_lock);
		return ENXIO;	/* the driver went away under the file */
	}
	*sw = xs_cdevs[mj].sw;
	*owner = xs_cdevs[mj].owner;
	*op = o;
	xh_mutex_unlock(xs_lock);
	return 0;
}

static int xs_fflag(struct xs_open *o)
{
	int f;

	xh_mutex_lock(xs_lock);
	f = o->fflag;
	xh_mutex_unlock(xs_lock);
	return f;
}

int xsim_open(const char *path, int oflags)
{
	struct proc p = xs_curproc();
	struct cdevsw sw;
	dev_t dev = 0;
	int i, fd, oi, owner = XS_NO_KEXT, fflag, err;

	fflag = FREAD | FWRITE | ((oflags & XSIM_O_NONBLOCK) ? FNONBLOCK : 0);
	xh_mutex_lock(xs_lock);
	for (i = 0; i < XS_NNODES; i++)
		if (xs_nodes[i].used && !strcmp(xs_nodes[i].path, path))
			break;
	if (i == XS_NNODES) {
		xh_mutex_unlock(xs_lock);
		return xs_fail(ENOENT);
	}
	dev = xs_nodes[i].dev;
	if (!xs_cdevs[major(dev)].used) {
		xh_mutex_unlock(xs_lock);
		return xs_fail(ENXIO);
	}
	sw = xs_cdevs[major(dev)].sw;
	owner = xs_cdevs[major(dev)].owner;
	for (fd = 0; fd < XS_NFILES && xs_fds[fd]; fd++)
		;
	for (oi = 0; oi < XS_NOPENS && xs_opens[oi].used; oi++)
		;
	if (fd == XS_NFILES || oi == XS_NOPENS)
		xh_panic("simulator: out of descriptors");
	xs_opens[oi] = (struct xs_open){ 1, dev, fflag, 1 };
	xs_fds[fd] = oi + 1;	/* reserved while the driver opens */
	xh_mutex_unlock(xs_lock);

	do {
		xs_cur_kext = owner;
		err = sw.d_open(dev, fflag, XS_S_IFCHR, &p);
		xs_cur_kext = XS_NO_KEXT;
	} while (err == ERESTART);
	if (err) {
		xh_mutex_lock(xs_lock);
		xs_fds[fd] = 0;
		xs_opens[oi].used = 0;
		xh_mutex_unlock(xs_lock);
		return xs_fail(err);
	}
	return fd;
}

int xsim_dup(int fd)
{
	int nfd;

	xh_mutex_lock(xs_lock);
	if (fd < 0 || fd >= XS_NFILES || !xs_fds[fd]) {
		xh_mutex_unlock(xs_lock);
		return xs_fail(EBADF);
	}
	for (nfd = 0; nfd < XS_NFILES && xs_fds[nfd]; nfd++)
		;
	if (nfd == XS_NFILES)
		xh_panic("simulator: out of descriptors");
	xs_fds[nfd] = xs_fds[fd];
	xs_opens[xs_fds[fd] - 1].ndesc++;
	xh_mutex_unlock(xs_lock);
	return nfd;
}

int xsim_close(int fd)
{
	struct proc p = xs_curproc();
	struct xs_open *o;
	struct cdevsw sw;
	int owner, last, err;

	err = xs_fd_get(fd, &o, &sw, &owner);
	if (err == ENXIO) {
		xh_mutex_lock(xs_lock);
		xs_opens[xs_fds[fd] - 1].used = 0;
		xs_fds[fd] = 0;
		xh_mutex_unlock(xs_lock);
		return 0;
	}
	if (err)
		return xs_fail(err);
	xh_mutex_lock(xs_lock);
	xs_fds[fd] = 0;
	last = --o->ndesc == 0;
	xh_mutex_unlock(xs_lock);
	if (!last)
		return 0;
	xs_cur_kext = owner;
	err = sw.d_close(o->dev, o->fflag, XS_S_IFCHR, &p);
	xs_cur_kext = XS_NO_KEXT;
	xh_mutex_lock(xs_lock);
	o->used = 0;
	xh_mutex_unlock(xs_lock);
	return err ? xs_fail(err) : 0;
}

static long xs_rw(int fd, const struct xsim_iovec *iov, int niov,
		  int reading)
{
	struct uio uio;
	struct xs_open *o;
	struct cdevsw sw;
	int owner, err, ioflag, i;
	size_t n = 0;

	if (niov < 0 || niov > XS_NIOV)
		return xs_fail(EINVAL);
	bzero(&uio, sizeof(uio));
	uio.magic = XS_UIO_MAGIC;
	uio.niov = niov;
	uio.reading = reading;
	for (i = 0; i < niov; i++) {
		uio.iov[i] = iov[i];
		n += iov[i].len;
	}
	uio.resid = n;
	do {
		err = xs_fd_get(fd, &o, &sw, &owner);
		if (err)
			return xs_fail(err);
		ioflag = (xs_fflag(o) & FNONBLOCK) ? IO_NDELAY : 0;
		xs_cur_kext = owner;
		err = reading ? sw.d_read(o->dev, &uio, ioflag) :
				sw.d_write(o->dev, &uio, ioflag);
		xs_cur_kext = XS_NO_KEXT;
		/* the trap handler runs the call again (sys_generic.c) */
	} while (err == ERESTART && uio.resid == n);
	uio.magic = 0;
	/* rwuio: a partial transfer interrupted counts as done */
	if (err && !(uio.resid < n && (err == EINTR || err == ERESTART ||
					 err == EWOULDBLOCK)))
		return xs_fail(err);
	return (long)(n - uio.resid);
}

long xsim_read(int fd, void *buf, size_t n)
{
	struct xsim_iovec iov = { buf, n };

	return xs_rw(fd, &iov, 1, 1);
}

long xsim_write(int fd, const void *buf, size_t n)
{
	struct xsim_iovec iov = { (void *)(uintptr_t)buf, n };

	return xs_rw(fd, &iov, 1, 0);
}

long xsim_readv(int fd, const struct xsim_iovec *iov, int n)
{
	return xs_rw(fd, iov, n, 1);
}

long xsim_writev(int fd, const struct xsim_iovec *iov, int n)
{
	return xs_rw(fd, iov, n, 0);
}

/* fo_ioctl on the file: FIONBIO and FIOASYNC reach the driver too. */
static int xs_fo_ioctl(struct xs_open *o, struct cdevsw *sw, int owner,
		       u_long req, caddr_t data)
{
	struct proc p = xs_curproc();
	int err;

	xs_cur_kext = owner;
	err = sw->d_ioctl(o->dev, req, data, xs_fflag(o), &p);
	xs_cur_kext = XS_NO_KEXT;
	return err;
}

static void xs_set_fflag(struct xs_open *o, int flag, int on)
{
	xh_mutex_lock(xs_lock);
	if (on)
		o->fflag |= flag;
	else
		o->fflag &= ~flag;
	xh_mutex_unlock(xs_lock);
}

int xsim_ioctl(int fd, unsigned long req, void *arg)
{
	u_int8_t stk[128], *data = stk;
	size_t size = IOCPARM_LEN(req);
	struct xs_open *o;
	struct cdevsw sw;
	int owner, err;

	err = xs_fd_get(fd, &o, &sw, &owner);
	if (err)
		return xs_fail(err);
	if (size > XS_IOCPARM_MAX)
		return xs_fail(ENOTTY);
	if (size > sizeof(stk))
		data = xh_zalloc(size);
	bzero(data, size < sizeof(stk) ? sizeof(stk) : size);
	if (req & IOC_IN) {
		if (size && !arg) {
			err = EFAULT;
			goto out;
		}
		memcpy(data, arg, size);
	} else if (req & IOC_VOID) {
		memcpy(data, &arg, sizeof(arg));
	}
	/*
	 * ioctl() (bsd/kern/sys_generic.c) sets the file's flag before it
	 * asks the driver, and leaves it set if the driver refuses.
	 */
	if (req == FIONBIO)
		xs_set_fflag(o, FNONBLOCK, *(int *)data != 0);
	if (req == FIOASYNC)
		xs_set_fflag(o, FASYNC, *(int *)data != 0);
	err = xs_fo_ioctl(o, &sw, owner, req, (caddr_t)data);
	if (!err && (req & IOC_OUT) && size) {
		if (!arg)
			err = EFAULT;
		else
			memcpy(arg, data, size);
	}
out:
	if (data != stk)
		xh_free(data);
	return err ? xs_fail(err) : 0;
}

int xsim_getfl(int fd)
{
	struct xs_open *o;
	struct cdevsw sw;
	int owner, err, fl;

	err = xs_fd_get(fd, &o, &sw, &owner);
	if (err)
		return xs_fail(err);
	fl = xs_fflag(o);
	return (fl & FNONBLOCK ? XSIM_O_NONBLOCK : 0) |
	       (fl & FASYNC ? XSIM_O_ASYNC : 0);
}

/*
 * fcntl F_SETFL (bsd/kern/kern_descrip.c): the file's flags, then
 * FIONBIO and FIOASYNC through fo_ioctl, whose error is fcntl's.  When
 * FIOASYNC is refused, FNONBLOCK is taken back (and the driver told),
 * FASYNC is not.
 */
int xsim_setfl(int fd, int oflags)
{
	struct xs_open *o;
	struct cdevsw sw;
	int owner, err, tmp;

	err = xs_fd_get(fd, &o, &sw, &owner);
	if (err)
		return xs_fail(err);
	xs_set_fflag(o, FNONBLOCK, oflags & XSIM_O_NONBLOCK);
	xs_set_fflag(o, FASYNC, oflags & XSIM_O_ASYNC);
	tmp = (oflags & XSIM_O_NONBLOCK) != 0;
	err = xs_fo_ioctl(o, &sw, owner, FIONBIO, (caddr_t)&tmp);
	if (err)
		return xs_fail(err);
	tmp = (oflags & XSIM_O_ASYNC) != 0;
	err = xs_fo_ioctl(o, &sw, owner, FIOASYNC, (caddr_t)&tmp);
	if (!err)
		return 0;
	xs_set_fflag(o, FNONBLOCK, 0);
	tmp = 0;
	(void)xs_fo_ioctl(o, &sw, owner, FIONBIO, (caddr_t)&tmp);
	return xs_fail(err);
}

int xsim_select(const int *fds, int n, int *rd, int *wr, int ms)
{
	struct xs_selctx *ctx = xs_sel_begin();
	struct proc p = xs_curproc();
	int want_r[XS_NFILES], want_w[XS_NFILES];
	int i, ready;

	if (n > XS_NFILES)
		xh_panic("xsim_select: too many descriptors");
	for (i = 0; i < n; i++) {
		want_r[i] = rd[i];
		want_w[i] = wr[i];
	}
	for (;;) {
		ready = 0;
		for (i = 0; i < n; i++) {
			struct xs_open *o;
			struct cdevsw sw;
			int owner, err;

			rd[i] = wr[i] = 0;
			err = xs_fd_get(fds[i], &o, &sw, &owner);
			if (err) {
				xs_sel_end(ctx);
				return xs_fail(err);
			}
			xs_cur_kext = owner;
			if (want_r[i])
				rd[i] = sw.d_select(o->dev, FREAD, ctx, &p) != 0;
			if (want_w[i])
				wr[i] = sw.d_select(o->dev, FWRITE, ctx, &p) != 0;
			xs_cur_kext = XS_NO_KEXT;
			ready += rd[i] + wr[i];
		}
		if (ready || ms == 0)
			break;
		if (xs_sel_wait(ctx, ms))
			break;
	}
	xs_sel_end(ctx);
	return ready;
}
