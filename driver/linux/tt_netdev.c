// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_netdev.c: the interface side of a unit, what the stack sees.
 *
 * Packets the stack transmits wait in sc->queue for read(); packets
 * written are handed to the stack's input.  The queue is bounded by the
 * interface's txqueuelen: when it fills, the transmit queue is stopped,
 * so the qdisc holds packets back instead of this driver dropping them,
 * and the reader wakes it again as it drains.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/poll.h>
#include <net/net_namespace.h>
#include <net/netfilter/nf_conntrack.h>

#include "tt_compat.h"
#include "tt_linux.h"

/* The purge count when a reader took the packet off the queue. */
#define TT_SKB_DOWNS(skb)	(*(unsigned int *)(skb)->cb)

int tt_netdev_errno(enum tt_err err)
{
	switch (err) {
	case TT_OK:
		return 0;
	case TT_EIO:
		return -EIO;
	case TT_EMSGSIZE:
		return -EMSGSIZE;
	case TT_EAFNOSUPPORT:
		return -EAFNOSUPPORT;
	case TT_EINVAL:
		break;
	}
	return -EINVAL;
}

/* The limit a queue of txqueuelen 0 would make useless: keep one slot. */
static unsigned int tt_netdev_qlimit(const struct net_device *dev)
{
	return max_t(unsigned int, READ_ONCE(dev->tx_queue_len), 1);
}

/* The head of the queue, once tt_netdev_dequeue() saw it non-empty. */
struct sk_buff *tt_netdev_dequeue_head(struct tt_softc *sc)
{
	struct sk_buff *skb;

	spin_lock_bh(&sc->lock);
	skb = __skb_dequeue(&sc->queue);
	if (skb)
		TT_SKB_DOWNS(skb) = sc->downs;
	if (skb && netif_queue_stopped(sc->dev) && netif_running(sc->dev))
		netif_wake_queue(sc->dev);
	spin_unlock_bh(&sc->lock);
	return skb;
}

/*
 * A packet is queued: wake whoever sleeps for one.  Only a sleeper needs
 * it: a busy reader finds the packet on its own, and the wait queue's
 * lock would otherwise be taken for every packet.  The barrier pairs
 * with the one a sleeper sets its state with (tt_cdev_wait()).  No
 * sync hint: a transmitting task goes on running, so the hint that it
 * is about to sleep would be wrong (and on one CPU it changes nothing).
 */
static void tt_netdev_wake_readers(struct tt_softc *sc)
{
	smp_mb();
	if (rcuwait_active(&sc->reader))
		rcuwait_wake_up(&sc->reader);
	if (waitqueue_active(&sc->wq))
		wake_up_interruptible_poll(&sc->wq, EPOLLIN | EPOLLRDNORM);
}

/*
 * A read that could not copy out puts its packet back: nothing is lost.
 * Unless the interface went down since the packet was taken: the down
 * dropped everything queued, and this packet was queued then too, so it
 * goes the same way, counted, instead of coming out after the down.
 * Back in the queue, it needs the wake-up its enqueue had: a poller or
 * a second reader that looked while it was out went back to sleep.
 */
void tt_netdev_requeue(struct tt_softc *sc, struct sk_buff *skb)
{
	spin_lock_bh(&sc->lock);
	if (TT_SKB_DOWNS(skb) == sc->downs) {
		__skb_queue_head(&sc->queue, skb);
		spin_unlock_bh(&sc->lock);
		tt_netdev_wake_readers(sc);
		return;
	}
	spin_unlock_bh(&sc->lock);
	DEV_STATS_INC(sc->dev, tx_dropped);
	kfree_skb(skb);
}

/* The length read() would return now: the head packet and its header. */
unsigned int tt_netdev_head_len(struct tt_softc *sc)
{
	struct tt_frame_rules r;
	tt_u8 hdr[TT_AF_HDR_LEN];
	struct sk_buff *skb;
	unsigned int len = 0;
	int hl;

	tt_netdev_rules(sc, &r);
	spin_lock_bh(&sc->lock);
	skb = skb_peek(&sc->queue);
	if (skb) {
		hl = tt_frame_read_hdr(&r, tt_netdev_proto(skb), hdr);
		len = skb->len + max(hl, 0);
	}
	spin_unlock_bh(&sc->lock);
	return len;
}

static void tt_netdev_purge(struct tt_softc *sc)
{
	struct sk_buff_head dropped;
	unsigned int n;

	__skb_queue_head_init(&dropped);
	spin_lock_bh(&sc->lock);
	sc->downs++;
	skb_queue_splice_init(&sc->queue, &dropped);
	spin_unlock_bh(&sc->lock);
	n = skb_queue_len(&dropped);
	if (n == 0)
		return;
	DEV_STATS_ADD(sc->dev, tx_dropped, n);
	__skb_queue_purge(&dropped);
}

void tt_netdev_input(struct tt_softc *sc, struct sk_buff *skb,
		     const struct tt_frame_info *info)
{
	struct net_device *dev = sc->dev;
	unsigned int len;

	skb_pull(skb, info->hdr_len);
	/* Count the frame as written, before eth_type_trans() pulls the
	 * link header off it. */
	len = skb->len;
	if (info->proto == TT_PROTO_ETHER) {
		skb->protocol = eth_type_trans(skb, dev);
	} else {
		skb_reset_mac_header(skb);
		skb_reset_network_header(skb);
		skb->protocol = htons(info->proto == TT_PROTO_IPV4 ?
				      ETH_P_IP : ETH_P_IPV6);
		skb->dev = dev;
		skb->pkt_type = PACKET_HOST;
	}
	/* The stack's input runs here, in the writer's context, as softirq. */
	local_bh_disable();
	dev_sw_netstats_rx_add(dev, len);
	netif_receive_skb(skb);
	local_bh_enable();
}

static netdev_tx_t tt_netdev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct tt_softc *sc = netdev_priv(dev);
	unsigned int limit = tt_netdev_qlimit(dev);

	/* Only IP can be framed for a tun reader. */
	if (sc->kind == TT_KIND_TUN && tt_netdev_proto(skb) == TT_PROTO_NONE)
		goto drop;
	/*
	 * The packet may wait long for a reader: let go of its socket and
	 * conntrack entry now, so neither is pinned by a slow reader.
	 */
	skb_orphan(skb);
	nf_reset_ct(skb);

	spin_lock(&sc->lock);
	if (skb_queue_len(&sc->queue) >= limit) {
		/* only when txqueuelen shrank under a full queue */
		spin_unlock(&sc->lock);
		goto drop;
	}
	__skb_queue_tail(&sc->queue, skb);
	if (skb_queue_len(&sc->queue) >= limit)
		netif_stop_queue(dev);
	spin_unlock(&sc->lock);
	tt_netdev_wake_readers(sc);
	return NETDEV_TX_OK;
drop:
	DEV_STATS_INC(dev, tx_dropped);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static int tt_netdev_open(struct net_device *dev)
{
	struct tt_softc *sc = netdev_priv(dev);

	netif_start_queue(dev);
	wake_up_interruptible_poll(&sc->wq, EPOLLOUT | EPOLLWRNORM);
	return 0;
}

static int tt_netdev_stop(struct net_device *dev)
{
	struct tt_softc *sc = netdev_priv(dev);

	netif_stop_queue(dev);
	tt_netdev_purge(sc);
	/*
	 * No wake-up: a down unit is neither readable nor writable, so
	 * sleeping readers and pollers sleep on until a packet comes after
	 * the next up (core/tt_ready.h).  Waking them would only hand a
	 * program's loop the EIO of a read while down.
	 */
	return 0;
}

static int tt_netdev_init(struct net_device *dev)
{
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	return dev->tstats ? 0 : -ENOMEM;
}

static void tt_netdev_uninit(struct net_device *dev)
{
	free_percpu(dev->tstats);
}

static void tt_netdev_get_stats64(struct net_device *dev,
				  struct rtnl_link_stats64 *s)
{
	dev_fetch_sw_netstats(s, dev->tstats);
	s->tx_dropped = DEV_STATS_READ(dev, tx_dropped);
	s->rx_errors = DEV_STATS_READ(dev, rx_errors);
}

/* Every multicast group is wanted: the reader decides what to do. */
static void tt_netdev_set_rx_mode(struct net_device *dev)
{
}

static const struct net_device_ops tt_tun_ops = {
	.ndo_init = tt_netdev_init,
	.ndo_uninit = tt_netdev_uninit,
	.ndo_open = tt_netdev_open,
	.ndo_stop = tt_netdev_stop,
	.ndo_start_xmit = tt_netdev_xmit,
	.ndo_get_stats64 = tt_netdev_get_stats64,
};

static const struct net_device_ops tt_tap_ops = {
	.ndo_init = tt_netdev_init,
	.ndo_uninit = tt_netdev_uninit,
	.ndo_open = tt_netdev_open,
	.ndo_stop = tt_netdev_stop,
	.ndo_start_xmit = tt_netdev_xmit,
	.ndo_get_stats64 = tt_netdev_get_stats64,
	.ndo_set_rx_mode = tt_netdev_set_rx_mode,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
};

static void tt_netdev_setup_common(struct net_device *dev)
{
	dev->mtu = TT_MTU_DEFAULT;
	dev->min_mtu = TT_MTU_MIN;
	dev->max_mtu = TT_MTU_MAX;
	dev->tx_queue_len = TT_QUEUE_DEFAULT;
	/*
	 * Scatter-gather: read() copies out of page fragments as easily as
	 * out of a linear buffer, so the stack need not build a big packet
	 * in one contiguous allocation (64 KB of UDP would take an order-5
	 * block) just for us.
	 */
	dev->features |= NETIF_F_SG | NETIF_F_FRAGLIST;
	dev->hw_features |= NETIF_F_SG | NETIF_F_FRAGLIST;
	/*
	 * sc->lock serialises the transmit path against the reader: the
	 * core's per-queue transmit lock would be a second lock taken and
	 * released for every packet, and guard nothing more.
	 */
	tt_compat_set_lltx(dev);
	/*
	 * The interface belongs to the namespace of the file that made it;
	 * moving it would strand the file's reader.
	 */
	tt_compat_set_netns_immutable(dev);
}

static void tt_netdev_setup_tun(struct net_device *dev)
{
	dev->netdev_ops = &tt_tun_ops;
	dev->type = ARPHRD_NONE;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP | IFF_MULTICAST;
	tt_netdev_setup_common(dev);
}

static void tt_netdev_setup_tap(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &tt_tap_ops;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	eth_hw_addr_random(dev);
	tt_netdev_setup_common(dev);
}

struct tt_softc *tt_netdev_create(struct net *net, enum tt_kind kind,
				  unsigned int unit, unsigned int minor)
{
	struct net_device *dev;
	struct tt_softc *sc;
	char name[IFNAMSIZ];
	int err;

	snprintf(name, sizeof(name), "%s%u",
		 kind == TT_KIND_TUN ? "tun" : "tap", unit);
	dev = alloc_netdev(sizeof(*sc), name, NET_NAME_ENUM,
			   kind == TT_KIND_TUN ? tt_netdev_setup_tun :
						 tt_netdev_setup_tap);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev_net_set(dev, net);
	sc = netdev_priv(dev);
	sc->dev = dev;
	sc->net = net;
	sc->kind = kind;
	sc->minor = minor;
	spin_lock_init(&sc->lock);
	skb_queue_head_init(&sc->queue);
	rcuwait_init(&sc->reader);
	init_waitqueue_head(&sc->wq);

	err = register_netdev(dev);
	if (err) {
		if (err == -EEXIST)
			pr_warn_ratelimited(TT_NAME ": %s: name already in use in this network namespace\n",
					    name);
		goto err_free_netdev;
	}
	return sc;

err_free_netdev:
	free_netdev(dev);
	return ERR_PTR(err);
}

void tt_netdev_destroy(struct tt_softc *sc)
{
	struct net_device *dev = sc->dev;

	/* Going down purges the queue; addresses and routes go with it. */
	unregister_netdev(dev);
	tt_netdev_purge(sc);
	free_netdev(dev);
}
