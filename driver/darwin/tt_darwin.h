/*
 * tt_darwin.h: tun.kext and tap.kext, the Mac OS X port of the driver.
 *
 * Both kexts are built from the same files: a unit (tt_unit) is one
 * /dev/tunN or /dev/tapN with the interface that exists while it is open;
 * a family (tt_family) is the set of units one kext owns with its cdevsw
 * entry, and the tt_kind_ops the tun or tap specifics.  Framing rules come
 * from driver/core, as for the Linux module.
 *
 * Only XNU's KPI headers are included: the same sources build against
 * Kernel.framework on a Mac and against harness/xnu/include here.
 */
#ifndef TT_DARWIN_H
#define TT_DARWIN_H

#include <sys/types.h>
#include <sys/errno.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/conf.h>
#include <sys/uio.h>
#include <sys/select.h>
#include <sys/fcntl.h>
#include <sys/vnode.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/kpi_mbuf.h>
#include <kern/locks.h>
#include <mach/mach_types.h>
#include <miscfs/devfs/devfs.h>
#include <net/if.h>
#include <net/if_dl.h>
#include <net/if_types.h>
#include <net/ethernet.h>
#include <net/kpi_interface.h>
#include <net/kpi_protocol.h>
#include <net/bpf.h>

#include "net/tun_ioctls.h"
#include "tt_frame.h"
#include "tt_ready.h"

#ifdef TT_SELINFO_OPAQUE
/*
 * The macOS SDK declares struct selinfo but keeps its layout private
 * (KERNEL_PRIVATE in bsd/sys/select.h): a waitq of at most 48 bytes, a
 * klist and flags.  The kext only holds the storage and passes its
 * address, so room to spare is all it needs.  Set by the Mac Makefile.
 */
struct selinfo {
	u_int64_t tt_opaque[16];
};
#endif

#define TT_UNITS	TT_UNITS_DEFAULT	/* /dev/tun0..15, /dev/tap0..15 */
/* tun's link header inside the kernel: the address family, host order,
 * which is what DLT_NULL (bpf) wants in front of each packet. */
#define TT_TUN_HDR_LEN	4
#define TT_MAX_PROTOS	4	/* tap: ethertypes the stack attaches */

/* bsd/net/dlil.h: a demux descriptor holding a 2-byte ethertype.  Not in
 * the public SDK headers, but it is the value the stack passes. */
#define TT_DESC_ETYPE2	4

/* A packet queue of the mbuf chains the stack gave us (nextpkt links). */
struct tt_queue {
	mbuf_t head;
	mbuf_t tail;
	unsigned int len;
	unsigned int limit;
};

enum tt_state {
	TT_CLOSED,		/* no interface */
	TT_OPENING,		/* open() is creating the interface */
	TT_OPEN,
	TT_CLOSING,		/* close() is tearing it down */
};

struct tt_family;

struct tt_unit {
	struct tt_family *fam;
	unsigned int unit;
	void *node;		/* devfs node */
	lck_mtx_t *lock;	/* everything below */
	enum tt_state state;
	ifnet_t ifp;		/* set while OPEN (and OPENING / CLOSING) */
	int detached;		/* the stack ran our detach callback */
	int af_header;		/* tun: TUNSIFHEAD */
	int pid;		/* the opener, for SIOCGIFSTATUS */
	struct tt_queue q;
	struct selinfo rsel;
	u_int8_t lladdr[ETHER_ADDR_LEN];	/* tap: the MAC at open */
	struct {
		protocol_family_t pf;
		u_int16_t ethertype;	/* network order */
	} protos[TT_MAX_PROTOS];	/* tap: what demux maps */
};

/* What differs between tun and tap. */
struct tt_kind_ops {
	const char *name;		/* "tun", "tap": nodes and interfaces */
	enum tt_kind kind;
	ifnet_family_t family;
	u_int32_t type;			/* IFT_* */
	u_int16_t flags;		/* IFF_* set at open */
	u_int8_t hdrlen;		/* link header the stack sees */
	u_int32_t dlt;			/* bpf link type */
	ifnet_demux_func demux;
	ifnet_add_proto_func add_proto;
	ifnet_del_proto_func del_proto;
	ifnet_check_multi check_multi;
	ifnet_framer_func framer;
	/* fill what the interface needs before attach (tap: its MAC) */
	void (*prepare)(struct tt_unit *u, struct sockaddr_dl *sdl);
	/* cdev ioctls of this kind; ENOTTY for the rest */
	int (*cdev_ioctl)(struct tt_unit *u, u_long cmd, caddr_t data);
	/* interface ioctls of this kind; EOPNOTSUPP for the rest */
	errno_t (*if_ioctl)(struct tt_unit *u, unsigned long cmd, void *data);
};

struct tt_family {
	const struct tt_kind_ops *ops;
	struct cdevsw *cdevsw;
	int major;			/* -1 until cdevsw_add */
	lck_grp_t *grp;
	lck_mtx_t *lock;		/* nopen and stopping */
	unsigned int nopen;
	int stopping;
	struct tt_unit units[TT_UNITS];
};

/* tt_family.c: start and stop of a kext's family */
int tt_family_start(struct tt_family *fam);
int tt_family_stop(struct tt_family *fam);
struct tt_unit *tt_family_unit(dev_t dev);

/* tt_dev.c: the character device (cdevsw entry points) */
extern struct cdevsw tt_dev_cdevsw;

/* tt_if.c: the interface */
int tt_if_create(struct tt_unit *u);
void tt_if_destroy(struct tt_unit *u);
void tt_if_rules(struct tt_unit *u, struct tt_frame_rules *r);
int tt_if_up(struct tt_unit *u);
void tt_if_flush(struct tt_unit *u);
void tt_if_wake(struct tt_unit *u);
errno_t tt_if_ioctl_common(struct tt_unit *u, unsigned long cmd, void *data);

/* tt_queue.c */
void tt_queue_init(struct tt_queue *q, unsigned int limit);
int tt_queue_put(struct tt_queue *q, mbuf_t m);
mbuf_t tt_queue_get(struct tt_queue *q);
mbuf_t tt_queue_peek(const struct tt_queue *q);
unsigned int tt_queue_flush(struct tt_queue *q);

/* tt_rw.c: read and write of packets */
int tt_rw_read(struct tt_unit *u, struct uio *uio, int ioflag);
int tt_rw_write(struct tt_unit *u, struct uio *uio);
size_t tt_rw_next_len(struct tt_unit *u);
int tt_rw_errno(enum tt_err err);

/* the kinds (tt_tun.c, tt_tap.c) */
extern const struct tt_kind_ops tt_tun_ops;
extern const struct tt_kind_ops tt_tap_ops;
int tt_tun_plumbers_register(void);
void tt_tun_plumbers_unregister(void);

#endif /* TT_DARWIN_H */
