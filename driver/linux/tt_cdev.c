// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_cdev.c: the character device side of a unit, what the reader sees.
 *
 * open() makes the interface, close() destroys it.  read() and write()
 * move one packet each; the rules a write must meet are the core's
 * (driver/core/tt_frame.c), so every port refuses the same writes with
 * the same errno.
 */
#include <linux/capability.h>
#include <linux/compat.h>
#include <linux/fs.h>
#include <linux/ioctl.h>
#include <asm/ioctls.h>
#include <linux/nsproxy.h>
#include <linux/poll.h>
#include <linux/rtnetlink.h>
#include <linux/sched/signal.h>
#include <linux/skbuff.h>
#include <linux/uio.h>
#include <net/net_namespace.h>

#include "../core/tt_ready.h"
#include "../include/net/tun_ioctls.h"
#include "tt_linux.h"

static DECLARE_BITMAP(tt_busy, 2 * TT_UNITS_MAX);

static int tt_cdev_open(struct inode *inode, struct file *file)
{
	unsigned int minor = iminor(inode);
	struct net *net = current->nsproxy->net_ns;
	enum tt_kind kind = minor < tt_units ? TT_KIND_TUN : TT_KIND_TAP;
	struct tt_softc *sc;
	int err;

	if (minor >= 2 * tt_units)
		return -ENXIO;
	/* The interface is made in the opener's namespace: ask its owner. */
	if (!ns_capable(net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	if (test_and_set_bit(minor, tt_busy))
		return -EBUSY;
	/* Pin the namespace so that it cannot take the interface away. */
	get_net(net);
	sc = tt_netdev_create(net, kind, minor % tt_units, minor);
	if (IS_ERR(sc)) {
		err = PTR_ERR(sc);
		goto err_put_net;
	}
	file->private_data = sc;
	tt_main_publish(sc);
	return stream_open(inode, file);

err_put_net:
	put_net(net);
	clear_bit(minor, tt_busy);
	return err;
}

static int tt_cdev_release(struct inode *inode, struct file *file)
{
	struct tt_softc *sc = file->private_data;
	unsigned int minor = sc->minor;
	struct net *net = sc->net;

	tt_main_withdraw(sc);
	tt_netdev_destroy(sc);
	put_net(net);
	/* Only now: the name is free again, so a reopen cannot race it. */
	clear_bit(minor, tt_busy);
	return 0;
}

/*
 * What a blocked reader waits for: true when it is done waiting.  A
 * packet or a signal, nothing else: going down is no reason to leave
 * (core/tt_ready.h), the reader sleeps on and gets the first packet
 * after the interface is up again.  Nor can close strand it: a reader
 * in read() holds the open file, so release cannot run under it.
 */
static bool tt_cdev_wait_over(struct tt_softc *sc, struct sk_buff **skb,
			      int *err)
{
	*skb = tt_netdev_dequeue(sc);
	if (*skb)
		return true;
	if (signal_pending(current)) {
		*err = -ERESTARTSYS;
		return true;
	}
	return false;
}

/*
 * The next packet, or NULL with *err set: EIO when called while down,
 * EAGAIN for a non-blocking reader, ERESTARTSYS on a signal.
 *
 * The one reader that blocks in the common case waits in sc->reader:
 * the transmit path wakes it by its task, without the wait queue's
 * lock, walk and callback, and it sleeps and leaves without a lock of
 * its own.  Further readers, blocked at the same time, wait in sc->wq
 * as pollers do.  Either way the reader is announced and its state set
 * before it looks at the queue once more: that barrier pairs with the
 * one in tt_netdev_wake_readers(), so an enqueue cannot slip between
 * the look and the sleep unseen.
 */
static struct sk_buff *tt_cdev_wait(struct tt_softc *sc, bool nonblock,
				    int *err)
{
	DECLARE_WAITQUEUE(wait, current);
	struct sk_buff *skb;
	bool slot;

	if (!netif_running(sc->dev)) {
		*err = -EIO;
		return NULL;
	}
	skb = tt_netdev_dequeue(sc);
	if (skb)
		return skb;
	if (nonblock) {
		*err = -EAGAIN;
		return NULL;
	}
	slot = !test_and_set_bit_lock(TT_READER_SLOT, &sc->reader_slot);
	if (slot)
		prepare_to_rcuwait(&sc->reader);
	else
		add_wait_queue(&sc->wq, &wait);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (tt_cdev_wait_over(sc, &skb, err))
			break;
		schedule();
	}
	if (slot) {
		finish_rcuwait(&sc->reader);
		clear_bit_unlock(TT_READER_SLOT, &sc->reader_slot);
	} else {
		__set_current_state(TASK_RUNNING);
		remove_wait_queue(&sc->wq, &wait);
	}
	return skb;
}

/* One packet into to: what read() and readv() share. */
static ssize_t tt_cdev_read_to(struct tt_softc *sc, bool nonblock,
			       struct iov_iter *to)
{
	size_t want = iov_iter_count(to);
	struct tt_frame_rules r;
	tt_u8 hdr[TT_AF_HDR_LEN];
	struct sk_buff *skb;
	size_t hl, copy;
	int err;

	/* a zero-length read consumes nothing */
	if (want == 0)
		return netif_running(sc->dev) ? 0 : -EIO;
	skb = tt_cdev_wait(sc, nonblock, &err);
	if (!skb)
		return err;

	/* The header mode in force now frames the packet, however old. */
	tt_netdev_rules(sc, &r);
	hl = max(tt_frame_read_hdr(&r, tt_netdev_proto(skb), hdr), 0);
	hl = min(hl, want);
	if (hl && copy_to_iter(hdr, hl, to) != hl)
		goto err_requeue;
	/* A short buffer gets the head of the packet; the rest is dropped. */
	copy = min_t(size_t, skb->len, want - hl);
	/* Most packets are linear: copy them without the generic walk. */
	if (copy <= skb_headlen(skb)) {
		if (copy_to_iter(skb->data, copy, to) != copy)
			goto err_requeue;
	} else if (skb_copy_datagram_iter(skb, 0, to, copy)) {
		goto err_requeue;
	}
	tt_netdev_count_tx(sc, skb->len);
	consume_skb(skb);
	return hl + copy;

err_requeue:
	tt_netdev_requeue(sc, skb);
	return -EFAULT;
}

static ssize_t tt_cdev_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct file *file = iocb->ki_filp;

	return tt_cdev_read_to(file->private_data,
			       (file->f_flags & O_NONBLOCK) ||
			       (iocb->ki_flags & IOCB_NOWAIT), to);
}

/*
 * Plain read(): the same, without the kiocb the VFS would otherwise
 * build for read_iter on every call.  readv() and io_uring still come
 * through read_iter.
 */
static ssize_t tt_cdev_read(struct file *file, char __user *buf,
			    size_t len, loff_t *pos)
{
	struct iov_iter to;

	iov_iter_ubuf(&to, ITER_DEST, buf, len);
	return tt_cdev_read_to(file->private_data,
			       file->f_flags & O_NONBLOCK, &to);
}

#define TT_CDEV_HEADROOM (NET_SKB_PAD + NET_IP_ALIGN)
#define TT_CDEV_LINEAR_MAX SKB_MAX_HEAD(TT_CDEV_HEADROOM)

/* One packet from from: what write() and writev() share. */
static ssize_t tt_cdev_write_from(struct tt_softc *sc, struct iov_iter *from)
{
	size_t len = iov_iter_count(from);
	struct tt_frame_rules r;
	struct tt_frame_info info;
	struct sk_buff *skb;
	enum tt_err terr;
	size_t linear;
	int err;

	tt_netdev_rules(sc, &r);
	/* Refuse by length before allocating anything for the packet. */
	terr = tt_frame_check_len(&r, len);
	if (terr != TT_OK)
		goto err_refuse;
	/*
	 * What fits in a page goes in the skb's head, the rest of a big
	 * packet in page fragments: a 64 KB write must not need 128 KB of
	 * contiguous memory, and the headers the checks and the stack read
	 * are in the head either way.
	 */
	linear = min_t(size_t, len, TT_CDEV_LINEAR_MAX);
	skb = alloc_skb_with_frags(TT_CDEV_HEADROOM + linear, len - linear,
				   PAGE_ALLOC_COSTLY_ORDER, &err, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	skb_reserve(skb, TT_CDEV_HEADROOM);
	skb_put(skb, linear);
	skb->data_len = len - linear;
	skb->len += len - linear;
	/* As read() does: a packet all in the head needs no generic walk. */
	if (len == linear ? !copy_from_iter_full(skb->data, len, from) :
	    skb_copy_datagram_from_iter(skb, 0, from, len)) {
		kfree_skb(skb);
		return -EFAULT;
	}
	terr = tt_frame_check_write(&r, skb->data, len, &info);
	/*
	 * The copy may have slept (a page fault, userfaultfd): an interface
	 * that went down meanwhile gets nothing, as if it had been down
	 * from the start: EIO, counting nothing.
	 */
	if (terr == TT_OK && !netif_running(sc->dev))
		terr = TT_EIO;
	if (terr != TT_OK)
		goto err_free_skb;
	tt_netdev_input(sc, skb, &info);
	return len;

err_free_skb:
	kfree_skb(skb);
err_refuse:
	if (terr != TT_EIO)
		DEV_STATS_INC(sc->dev, rx_errors);
	return tt_netdev_errno(terr);
}

static ssize_t tt_cdev_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	return tt_cdev_write_from(iocb->ki_filp->private_data, from);
}

/* Plain write(): as read(), without the kiocb. */
static ssize_t tt_cdev_write(struct file *file, const char __user *buf,
			     size_t len, loff_t *pos)
{
	struct iov_iter from;

	iov_iter_ubuf(&from, ITER_SOURCE, (void __user *)buf, len);
	return tt_cdev_write_from(file->private_data, &from);
}

static __poll_t tt_cdev_poll(struct file *file, poll_table *wait)
{
	struct tt_softc *sc = file->private_data;
	unsigned int ready;
	__poll_t mask = 0;

	poll_wait(file, &sc->wq, wait);
	ready = tt_ready(netif_running(sc->dev),
			 !skb_queue_empty_lockless(&sc->queue));
	if (ready & TT_READY_READ)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (ready & TT_READY_WRITE)
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}

/*
 * TUNGIFNAME: the interface's name in the first size bytes of an ifreq
 * (a 64-bit or a 32-bit one), the rest zeroed.
 */
static long tt_cdev_gifname(struct tt_softc *sc, void __user *p, size_t size)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	/* the name may change under ip link set name: hold rtnl */
	rtnl_lock();
	strscpy(ifr.ifr_name, sc->dev->name, sizeof(ifr.ifr_name));
	rtnl_unlock();
	if (copy_to_user(p, &ifr, min(size, sizeof(ifr))))
		return -EFAULT;
	return 0;
}

static long tt_cdev_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	struct tt_softc *sc = file->private_data;
	int __user *intp = (int __user *)arg;
	int v;

	switch (cmd) {
	case TUNSIFHEAD:
		if (sc->kind != TT_KIND_TUN)
			return -ENOTTY;
		if (get_user(v, intp))
			return -EFAULT;
		WRITE_ONCE(sc->af_header, v != 0);
		return 0;
	case TUNGIFHEAD:
		if (sc->kind != TT_KIND_TUN)
			return -ENOTTY;
		return put_user(READ_ONCE(sc->af_header), intp);
	case FIONREAD:
		return put_user((int)tt_netdev_head_len(sc), intp);
	case TUNGIFNAME:
		return tt_cdev_gifname(sc, (void __user *)arg,
				       sizeof(struct ifreq));
	}
	return -ENOTTY;
}

#ifdef CONFIG_COMPAT
/*
 * A 32-bit process's requests: the same numbers but TUNGIFNAME's, which
 * encodes sizeof(struct ifreq), 32 bytes there; the name is at the same
 * place.  The int arguments are the same size: only the pointer needs
 * widening.
 */
#define TT_TUNGIFNAME32 _IOC(_IOC_READ, 't', 93, sizeof(struct compat_ifreq))

static long tt_cdev_compat_ioctl(struct file *file, unsigned int cmd,
				 unsigned long arg)
{
	if (cmd == TT_TUNGIFNAME32)
		return tt_cdev_gifname(file->private_data, compat_ptr(arg),
				       sizeof(struct compat_ifreq));
	return tt_cdev_ioctl(file, cmd, (unsigned long)compat_ptr(arg));
}
#endif

const struct file_operations tt_cdev_fops = {
	.owner = THIS_MODULE,
	.open = tt_cdev_open,
	.release = tt_cdev_release,
	.read = tt_cdev_read,
	.read_iter = tt_cdev_read_iter,
	.write = tt_cdev_write,
	.write_iter = tt_cdev_write_iter,
	.poll = tt_cdev_poll,
	.unlocked_ioctl = tt_cdev_ioctl,
#ifdef CONFIG_COMPAT
	.compat_ioctl = tt_cdev_compat_ioctl,
#endif
};
