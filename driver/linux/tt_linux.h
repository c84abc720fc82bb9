/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tt_linux.h: what the Linux port's files share.
 *
 * One unit is one pair of minor numbers' worth of state: /dev/tunK and
 * /dev/tapK are independent units.  A unit's interface exists exactly
 * while its character device is open; the softc lives in the net_device's
 * private area, so it lives and dies with the interface.
 *
 * Locking:
 *   - tt_busy (a bitmap, one bit per minor) makes open exclusive.
 *   - sc->lock (BH-safe spinlock) guards sc->queue and the decision to
 *     stop or wake the transmit queue, so that the stack's transmit and
 *     the reader's dequeue cannot lose a wake-up between them.
 *   - sc->af_header is read once per read or write (READ_ONCE): a switch
 *     takes effect for the next call, including for packets already queued.
 */
#ifndef TT_LINUX_H
#define TT_LINUX_H

#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/wait.h>

#include "../core/tt_frame.h"

#define TT_NAME "tuntap"

struct tt_softc {
	struct net_device *dev;
	struct net *net;		/* pinned while open: see tt_cdev_open */
	enum tt_kind kind;
	unsigned int minor;
	int af_header;
	spinlock_t lock;
	struct sk_buff_head queue;	/* from the stack, waiting for read() */
	unsigned int downs;	/* purges so far, under lock: see requeue */
	wait_queue_head_t wq;
};

/* tt_netdev.c */
struct tt_softc *tt_netdev_create(struct net *net, enum tt_kind kind,
				  unsigned int unit, unsigned int minor);
void tt_netdev_destroy(struct tt_softc *sc);
void tt_netdev_rules(struct tt_softc *sc, struct tt_frame_rules *r);
int tt_netdev_errno(enum tt_err err);
enum tt_proto tt_netdev_proto(const struct sk_buff *skb);
struct sk_buff *tt_netdev_dequeue(struct tt_softc *sc);
void tt_netdev_requeue(struct tt_softc *sc, struct sk_buff *skb);
unsigned int tt_netdev_head_len(struct tt_softc *sc);
void tt_netdev_count_tx(struct tt_softc *sc, unsigned int len);
void tt_netdev_input(struct tt_softc *sc, struct sk_buff *skb,
		     const struct tt_frame_info *info);

/* tt_cdev.c */
extern const struct file_operations tt_cdev_fops;

/* tt_main.c */
extern unsigned int tt_units;	/* minors 0..tt_units-1 are tun, then tap */
extern atomic_t tt_live;	/* open units and queued packets, for leaks */

#endif /* TT_LINUX_H */
