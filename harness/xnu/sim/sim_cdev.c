// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim_cdev.c: character devices and the system calls that reach them.
 *
 * cdevsw_add / cdevsw_remove (bsd/kern/bsd_stubs.c): the switch holds a
 * copy of the entry; remove checks it is the same entry.  devfs nodes
 * (bsd/miscfs/devfs/devfs_tree.c).  The system calls mirror
 * bsd/kern/sys_generic.c and bsd/vfs/vfs_vnops.c: the open file keeps
 * FNONBLOCK and passes IO_NDELAY to d_read / d_write; ioctl() copies the
 * argument in and out by the request's encoded size and handles FIONBIO
 * in the file before the driver sees it; d_close runs on the last close
 * of an open (dup'ed descriptors share it, as forked ones do).
 */
#include <sys/fcntl.h>
#include <sys/vnode.h>
#include <sys/proc.h>
#include <miscfs/devfs/devfs.h>

#include "sim_internal.h"

#define XS_NCDEV	32
#define XS_CDEV_FIRST	8	/* lower majors: the kernel's own devices */
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
	char *base;
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

void xs_cdev_boot(void)
{
	bzero(xs_cdevs, sizeof(xs_cdevs));
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

int cdevsw_add(int index, const struct cdevsw *csw)
{
	int i;

	xh_mutex_lock(xs_lock);
	if (index < 0) {
		for (i = XS_CDEV_FIRST; i < XS_NCDEV; i++)
			if (!xs_cdevs[i].used)
				break;
		index = i < XS_NCDEV ? i : -1;
	} else if (index >= XS_NCDEV || xs_cdevs[index].used) {
		index = -1;
	}
	if (index >= 0) {
		xs_cdevs[index].used = 1;
		xs_cdevs[index].owner = xs_cur_kext;
		xs_cdevs[index].sw = *csw;
	}
	xh_mutex_unlock(xs_lock);
	return index;
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

int uiomove(const char *cp, int n, struct uio *uio)
{
	size_t cnt;

	if (!uio || uio->magic != XS_UIO_MAGIC)
		xh_panic("uiomove: %p is not a uio", (void *)uio);
	if (n < 0)
		xh_panic("uiomove: negative length %d", n);
	cnt = (size_t)n < uio->resid ? (size_t)n : uio->resid;
	if (uio->reading)
		memcpy(uio->base, cp, cnt);
	else
		memcpy((char *)(uintptr_t)cp, uio->base, cnt);
	uio->base += cnt;
	uio->resid -= cnt;
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

	xs_cur_kext = owner;
	err = sw.d_open(dev, fflag, XS_S_IFCHR, &p);
	xs_cur_kext = XS_NO_KEXT;
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

static long xs_rw(int fd, void *buf, size_t n, int reading)
{
	struct uio uio = { XS_UIO_MAGIC, buf, n, reading };
	struct xs_open *o;
	struct cdevsw sw;
	int owner, err, ioflag;

	err = xs_fd_get(fd, &o, &sw, &owner);
	if (err)
		return xs_fail(err);
	ioflag = (xs_fflag(o) & FNONBLOCK) ? IO_NDELAY : 0;
	xs_cur_kext = owner;
	err = reading ? sw.d_read(o->dev, &uio, ioflag) :
			sw.d_write(o->dev, &uio, ioflag);
	xs_cur_kext = XS_NO_KEXT;
	uio.magic = 0;
	/* vn_read: a partial transfer interrupted counts as done */
	if (err && !(uio.resid < n && (err == EINTR || err == EWOULDBLOCK)))
		return xs_fail(err);
	return (long)(n - uio.resid);
}

long xsim_read(int fd, void *buf, size_t n)
{
	return xs_rw(fd, buf, n, 1);
}

long xsim_write(int fd, const void *buf, size_t n)
{
	return xs_rw(fd, (void *)(uintptr_t)buf, n, 0);
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
