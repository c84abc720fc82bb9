/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sim_internal.h: the simulated kernel's own structures, shared by the
 * sim_*.c files (compiled against harness/xnu/include, like the kexts).
 *
 * Locking: xs_lock (one host mutex) guards every table here.  It is never
 * held while a kext's function is called, as XNU calls drivers without
 * its own locks held where the KPI allows the driver to call back.
 */
#ifndef SIM_INTERNAL_H
#define SIM_INTERNAL_H

/* The kernel's own code: the KPI's deprecations are for kexts (first,
 * before any KPI header; see net/kpi_interface.h). */
#define PRIVATE 1

#include <sys/types.h>
#include <sys/errno.h>
#include <sys/socket.h>
#include <sys/systm.h>
#include <sys/conf.h>
#include <sys/uio.h>
#include <sys/select.h>
#include <sys/ioctl.h>
#include <sys/kpi_mbuf.h>
#include <kern/locks.h>
#include <mach/kmod.h>
#include <net/if.h>
#include <net/kpi_interface.h>
#include <net/kpi_protocol.h>
#include <net/bpf.h>

#include "xnu_host.h"
#include "xnu_sim.h"

#define XS_NO_KEXT	(-1)	/* the kernel itself */
#define XS_FOREIGN_KEXT	(-2)	/* another vendor's kext (tests) */

/* The kexts a test binary links, given by its glue. */
struct xsim_kext {
	const char *name;
	kmod_start_func_t *start;
	kmod_stop_func_t *stop;
};
extern const struct xsim_kext xsim_kexts[];
extern const int xsim_nkexts;

extern struct xh_mutex *xs_lock;
/* The kext on whose behalf this thread runs: objects it creates are
 * counted as that kext's, so unload can prove it left nothing behind. */
extern _Thread_local int xs_cur_kext;

const char *xs_errname(int xnu_errno);
/* -1 with errno set to the host's value of XNU's err */
int xs_fail(int err);

/* sim_mbuf.c */
void xs_mbuf_boot(void);
void xs_mbuf_shutdown(void);
long xs_mbuf_live(void);
long xs_pkt_live(void);
size_t xs_mbuf_chain_len(mbuf_t m);
mbuf_t xs_mbuf_from(const void *data, size_t len, size_t seg, size_t lead);
size_t xs_mbuf_copy_all(mbuf_t m, void *buf, size_t n);

/* sim_witness.c: the lock-order checker */
void xs_witness_boot(void);
void xs_witness_shutdown(void);
int xs_witness_class(const void *key, const char *name, int *made);
void xs_witness_acquire(int cls, const void *lock);
void xs_witness_release(const void *lock);
int xs_witness_held(void);

/* sim_fault.c: allocation failure injection */
void xs_fault_boot(void);
void xs_fault_shutdown(void);
int xs_fault(const char *fn, const void *site);

/* sim_lock.c */
long xs_lock_groups_of(int kext);
/* the stack's lck_rw_t locks; one lock-order class per name */
struct xs_rwlock {
	struct xh_rwlock *rw;
	int cls;
};
void xs_rw_init(struct xs_rwlock *l, const char *class_name);
void xs_rw_destroy(struct xs_rwlock *l);
void xs_rw_lock(struct xs_rwlock *l, int exclusive);
void xs_rw_unlock(struct xs_rwlock *l);

/* sim_sleep.c */
void xs_sleep_boot(void);
void xs_sleep_shutdown(void);
struct xs_selctx;
struct xs_selctx *xs_sel_begin(void);
int xs_sel_wait(struct xs_selctx *ctx, long ms);	/* 1: timed out */
void xs_sel_end(struct xs_selctx *ctx);

/* sim_ifnet.c */
void xs_ifnet_boot(void);
void xs_ifnet_shutdown(void);
long xs_ifnets_of(int kext);
/* an attached interface by name, held (xs_ifnet_put releases) */
ifnet_t xs_ifnet_get(const char *name);
void xs_ifnet_put(ifnet_t ifp);
struct ifnet_init_params *xs_ifnet_init(ifnet_t ifp);
/* the interface lock (dlil's ifnet_lock_exclusive / _shared / _done) */
void xs_ifnet_lock(ifnet_t ifp, int exclusive);
void xs_ifnet_unlock(ifnet_t ifp);
void xs_ifnet_stat_no_proto(ifnet_t ifp);

/* sim_proto.c */
void xs_proto_boot(void);
void xs_proto_shutdown(void);
long xs_plumbers_of(int kext);
void xs_proto_detach_all(ifnet_t ifp);
int xs_proto_input(ifnet_t ifp, mbuf_t m, char *header, protocol_family_t pf);
int xs_proto_output(ifnet_t ifp, protocol_family_t pf, mbuf_t *m,
		    const uint8_t *dst_mac, char *frame_type, char *lldst);

/* sim_bpf.c */
void xs_bpf_detach(ifnet_t ifp);
long xs_bpf_count(ifnet_t ifp, int dir);
long xs_bpf_last(ifnet_t ifp, int dir, void *buf, size_t n);

/* sim_cdev.c */
void xs_cdev_boot(void);
void xs_cdev_shutdown(void);
long xs_cdevs_of(int kext);
long xs_nodes_of(int kext);

#endif
