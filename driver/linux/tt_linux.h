/* SPDX-License-Identifier: GPL-2.0-only */
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
 *   - A reader that must sleep takes bit 0 of sc->reader_slot (atomic
 *     test-and-set) and waits in sc->reader, which only the holder
 *     writes; a reader that finds the slot taken, and every poller,
 *     waits in sc->wq.  Wakers wake both.
 */
#ifndef TT_LINUX_H
#define TT_LINUX_H

#include <linux/if_ether.h>
#include <linux/netdevice.h>
#include <linux/rcuwait.h>
#include <linux/skbuff.h>
#include <linux/socket.h>
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
	struct rcuwait reader;	/* the blocked reader in the slot */
	unsigned long reader_slot;	/* bit 0: .reader is taken */
	wait_queue_head_t wq;	/* pollers; readers past the slot's */
};

/* tt_netdev.c */
struct tt_softc *tt_netdev_create(struct net *net, enum tt_kind kind,
				  unsigned int unit, unsigned int minor);
void tt_netdev_destroy(struct tt_softc *sc);
int tt_netdev_errno(enum tt_err err);
struct sk_buff *tt_netdev_dequeue_head(struct tt_softc *sc);
void tt_netdev_requeue(struct tt_softc *sc, struct sk_buff *skb);
unsigned int tt_netdev_head_len(struct tt_softc *sc);
void tt_netdev_input(struct tt_softc *sc, struct sk_buff *skb,
		     const struct tt_frame_info *info);
#define TT_READER_SLOT 0	/* the bit of sc->reader_slot */

/*
 * What every packet's read or transmit asks: inline, because each is a
 * handful of loads, less than the call would cost.
 */
static inline void tt_netdev_rules(struct tt_softc *sc,
				   struct tt_frame_rules *r)
{
	r->kind = sc->kind;
	r->af_header = READ_ONCE(sc->af_header);
	r->up = netif_running(sc->dev);
	r->mtu = READ_ONCE(sc->dev->mtu);
	r->af_inet = AF_INET;
	r->af_inet6 = AF_INET6;
}

static inline enum tt_proto tt_netdev_proto(const struct sk_buff *skb)
{
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		return TT_PROTO_IPV4;
	case htons(ETH_P_IPV6):
		return TT_PROTO_IPV6;
	}
	return TT_PROTO_NONE;
}

/*
 * The next packet for read(), or NULL.  An empty queue needs no lock to
 * say so: a reader that finds it empty goes to sleep, and the wake-up
 * comes after the enqueue.
 */
static inline struct sk_buff *tt_netdev_dequeue(struct tt_softc *sc)
{
	if (skb_queue_empty_lockless(&sc->queue))
		return NULL;
	return tt_netdev_dequeue_head(sc);
}

static inline void tt_netdev_count_tx(struct tt_softc *sc, unsigned int len)
{
	/* per-CPU counters: no migration between finding ours and adding */
	preempt_disable();
	dev_sw_netstats_tx_add(sc->dev, 1, len);
	preempt_enable();
}

/* tt_cdev.c */
extern const struct file_operations tt_cdev_fops;

/* tt_main.c */
extern unsigned int tt_units;	/* minors 0..tt_units-1 are tun, then tap */
void tt_main_publish(struct tt_softc *sc);	/* open: counted in live_objects */
void tt_main_withdraw(struct tt_softc *sc);	/* before close destroys it */

#endif /* TT_LINUX_H */
